"""Hostile workspaces and arguments through the command line: exit 2 with a clear message,
nothing written where it must not be (issue 14, defects 2, 3, 5 and 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

SESSION = "agendas/2022-06-14.yaml"


def _config(example: Path, old: str, new: str) -> None:
    path = example / "kogsro.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _set_paths(example: Path, block: str) -> None:
    """Replace the ``paths:`` block of the example's kogsro.yaml."""
    path = example / "kogsro.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("paths:"))
    end = start + 1
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    path.write_text("".join(lines[:start]) + block + "".join(lines[end:]), encoding="utf-8")


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_build_does_not_write_through_a_link_out_of_out(example: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "invitation.md").write_text("someone else's\n")
    (example / "out").mkdir()
    (example / "out" / "2022-06-14").symlink_to(elsewhere)
    code, _, err = run_cli("build", cwd=example)
    assert code == 1  # the other documents are written; these are named
    assert "leads out of" in err and "Traceback" not in err
    assert _files(elsewhere) == ["invitation.md"]
    assert (elsewhere / "invitation.md").read_text() == "someone else's\n"
    for args in (
        ["minutes", "2022-06-14", "-f", "md"],
        ["invite", "2022-06-14", "-f", "eml"],
        ["attendance", "2022-06-14"],
    ):
        code, _, err = run_cli(*args, cwd=example)
        assert code == 2, args
        assert "leads out of" in err
    assert _files(elsewhere) == ["invitation.md"]


def test_export_does_not_write_through_a_link(example: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (example / "out").mkdir()
    (example / "out" / "oparl").symlink_to(elsewhere)
    code, _, err = run_cli("export", "oparl", cwd=example)
    assert code == 2 and "leads out of" in err
    assert _files(elsewhere) == []


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_session_file_is_never_overwritten_by_a_rendering_command(
    example: Path, force: list[str]
) -> None:
    before = (example / SESSION).read_bytes()
    sessions = sorted(p.name for p in (example / "agendas").iterdir())
    for args in (
        ["minutes", "2022-06-14", "-f", "md", "-o", SESSION],
        ["invite", "2022-06-14", "-f", "ics", "-o", SESSION],
        ["decisions", "-f", "csv", "-o", SESSION],
        ["calendar", "-o", SESSION],
    ):
        code, _, err = run_cli(*args, *force, cwd=example)
        assert code == 2, (args, err)
    assert (example / SESSION).read_bytes() == before
    for args in (
        ["minutes", "2022-06-14", "-f", "md", "-o", "agendas/protokoll.md"],
        ["invite", "2022-06-14", "-f", "ics", "-o", "agendas/einladung.ics"],
        ["decisions", "-f", "csv", "-o", "agendas/beschluesse.csv"],
        ["calendar", "-o", "agendas/kalender.ics"],
        ["export", "oparl", "-o", "agendas/oparl"],
        ["invite", "2022-06-14", "-f", "eml", "-o", "agendas/mail"],
    ):
        code, _, err = run_cli(*args, *force, cwd=example)
        assert code == 2, (args, err)
        assert "never writes to" in err
    assert sorted(p.name for p in (example / "agendas").iterdir()) == sessions


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        ("paths:\n  out: agendas\n", "overlaps paths.agendas"),
        ("paths:\n  out: .\n", "cannot be the workspace itself"),
        ("paths:\n  out: agendas/rendered\n", "overlaps paths.agendas"),
        ("paths:\n  agendas: out/sessions\n", "overlaps paths.agendas"),
        ("paths:\n  out: archive\n", "overlaps the archive"),
        ("paths:\n  out: /tmp/kogsro-out\n", "is not relative to the workspace"),
        ("paths:\n  agendas: " + "a" * 300 + "\n", "longer than 255 bytes"),
        ("paths:\n  templates: " + "t/" * 600 + "\n", "longer than 1024 bytes"),
    ],
)
def test_check_refuses_bad_and_overlapping_paths(example: Path, paths: str, message: str) -> None:
    _set_paths(example, paths)
    code, _, err = run_cli("check", cwd=example)
    assert code == 2, err
    assert message in err and "kogsro.yaml:" in err and "Traceback" not in err
    code, _, err = run_cli("minutes", "2022-06-14", "-f", "md", cwd=example)
    assert code == 2 and message in err
    assert not (example / "agendas" / "rendered").exists()


def test_init_force_keeps_an_edited_session(example: Path) -> None:
    session = example / SESSION
    session.write_text(session.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    edited = session.read_bytes()
    code, out, err = run_cli("init", ".", "--force", "--example", cwd=example)
    assert code == 0, err
    assert session.read_bytes() == edited
    assert "2022-06-14.yaml" not in out


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "short: KoG SRO",
            'short: "KoG SRO\\r\\nX-INJECTED:evil"',
            "kogsro.yaml:7:10: body.short: a carriage return at character 8",
        ),
        (
            "name: Bezirksübergreifende Koordinierungsgruppe",
            'name: "Bezirks\\u0007übergreifende Koordinierungsgruppe"',
            "kogsro.yaml:6:9: body.name: the control character U+0007",
        ),
        ("# numbering: TOP", 'numbering: "TO\\u2028P"', "numbering: a line separator (U+2028)"),
    ],
)
def test_line_breaks_in_one_line_fields_are_refused_by_check(
    example: Path, old: str, new: str, message: str
) -> None:
    if old.startswith("name:"):
        old, new = old + " Sozialraumorientierung", new[:-1] + ' Sozialraumorientierung"'
    _config(example, old, new)
    code, _, err = run_cli("check", cwd=example)
    assert code == 2, err
    assert message in err and "hint:" in err
    for args in (["calendar", "-o", "-"], ["invite", "2022-06-14", "-f", "ics", "-o", "-"]):
        code, out, err = run_cli(*args, cwd=example)
        assert code == 2 and "X-INJECTED" not in out


def test_a_line_break_in_the_online_link_is_refused_at_its_place(example: Path) -> None:
    session = example / SESSION
    text = session.read_text(encoding="utf-8")
    text = text.replace(
        "location:\n", 'location:\n  online: "https://meet.example.org/x\\nX: y"\n', 1
    )
    session.write_text(text, encoding="utf-8")
    code, _, err = run_cli("check", cwd=example)
    assert code == 2
    assert "agendas/2022-06-14.yaml:" in err and "location.online: a line break" in err


def test_group_syntax_in_mail_from_is_refused(example: Path) -> None:
    _config(
        example,
        'from: "KoG SRO <kog-sro@example.org>"',
        'from: "KoG SRO: other@example.net <kog-sro@example.org>"',
    )
    code, _, err = run_cli("check", cwd=example)
    assert code == 2 and "mail.from" in err and "not a group" in err


def test_a_nul_byte_in_an_argument_is_a_usage_error(example: Path) -> None:
    for args in (["show", "2022\0-06-14"], ["minutes", "2022-06-14", "-o", "a\0b.md"]):
        code, _, err = run_cli(*args, cwd=example)
        assert code == 2 and "NUL" in err and "Traceback" not in err


def test_a_template_that_is_a_folder_is_an_error(example: Path) -> None:
    (example / "templates" / "minutes.md.j2").mkdir(parents=True)
    code, _, err = run_cli("minutes", "2022-06-14", "-f", "md", "-o", "-", cwd=example)
    assert code == 2
    assert "minutes.md.j2: is a folder, not a template" in err


def test_an_agendas_path_that_is_a_file_is_reported(example: Path) -> None:
    _set_paths(example, "paths:\n  agendas: attendees.yaml\n")
    code, _, err = run_cli("check", cwd=example)
    assert code == 2 and "is not a folder" in err and "Traceback" not in err


def test_full_disk_and_devices_are_clear_errors(example: Path) -> None:
    code, _, err = run_cli("minutes", "2022-06-14", "-f", "md", "-o", "/dev/full", cwd=example)
    assert code == 2 and "/dev/full: is a device, not replaced" in err
    code, _, err = run_cli("show", "2022-06-14", "-o", "/dev/null", cwd=example)
    assert code == 2  # show has no -o: a usage error, not a crash
