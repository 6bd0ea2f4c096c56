"""invite, minutes, attendance, build and templates through the Typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import build_file_tree, run_cli


def test_help_lists_the_document_commands() -> None:
    code, out, _ = run_cli("--help")
    assert code == 0
    for command in ("invite", "minutes", "attendance", "build", "templates"):
        assert command in out


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["invite", "2022-06-14", "-f", "md"], "out/2022-06-14/invitation.md"),
        (["invite", "2022-06-14"], "out/2022-06-14/invitation.pdf"),
        (["minutes", "2022-06-14", "-f", "html", "--lang", "en"], "out/2022-06-14/minutes.en.html"),
        (["minutes", "2022-06-14", "--public", "-f", "md"], "out/2022-06-14/minutes.public.md"),
        (["attendance", "2022-06-14"], "out/2022-06-14/attendance.pdf"),
        (["attendance", "2022-06-14", "-o", "liste.html"], "liste.html"),
        (["minutes", "2022-06-14", "-o", "docs/protokoll.md"], "docs/protokoll.md"),
    ],
)
def test_documents_are_written_where_expected(example: Path, args: list[str], written: str) -> None:
    code, out, err = run_cli(*args)
    assert code == 0, err
    assert out == f"wrote {written}\n"
    data = (example / written).read_bytes()
    suffix = Path(written).suffix
    if suffix == ".pdf":
        assert data.startswith(b"%PDF")
    elif suffix == ".html":
        assert data.startswith(b"<!DOCTYPE html>")
    else:
        assert data.startswith(b"# ")


def test_output_to_standard_output(example: Path) -> None:
    code, out, _ = run_cli("minutes", "2022-06-14", "-o", "-")
    assert code == 0
    assert out.startswith("# Ergebnisprotokoll: Sitzung der KoG SRO")
    assert not (example / "out").exists()
    code, out, _ = run_cli("invite", "2022-06-14", "-f", "html", "-o", "-")
    assert code == 0 and out.startswith("<!DOCTYPE html>")


def test_pdf_to_a_pipe(example: Path) -> None:
    from typer.testing import CliRunner

    from kogsro.cli import app

    result = CliRunner().invoke(app, ["attendance", "2022-06-14", "-f", "pdf", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"%PDF")


def test_a_human_file_is_not_overwritten_without_force(example: Path) -> None:
    (example / "einladung.md").write_text("mine\n", "utf-8")
    code, out, err = run_cli("invite", "2022-06-14", "-o", "einladung.md")
    assert code == 2
    assert out == ""
    assert "einladung.md: already exists, not overwritten" in err
    assert "hint: pass --force" in err
    assert (example / "einladung.md").read_text("utf-8") == "mine\n"
    code, _, _ = run_cli("invite", "2022-06-14", "-o", "einladung.md", "--force")
    assert code == 0
    assert (example / "einladung.md").read_text("utf-8").startswith("# Einladung")


def test_files_in_out_are_replaced(example: Path) -> None:
    assert run_cli("minutes", "2022-06-14", "-f", "md")[0] == 0
    path = example / "out" / "2022-06-14" / "minutes.md"
    path.write_text("old", "utf-8")
    assert run_cli("minutes", "2022-06-14", "-f", "md")[0] == 0
    assert path.read_text("utf-8").startswith("# Ergebnisprotokoll")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["invite", "2022-06-14", "-f", "docx"], "error: unknown format 'docx'"),
        (["minutes", "2022-06-14", "--lang", "fr"], "error: unknown language 'fr'"),
        (["minutes", "2099-01-01"], "error: unknown session '2099-01-01'"),
    ],
)
def test_bad_usage(example: Path, args: list[str], message: str) -> None:
    code, _, err = run_cli(*args)
    assert code == 2
    assert err.startswith(message)
    assert not (example / "out").exists()


def test_invalid_input_writes_nothing(example: Path) -> None:
    path = example / "agendas" / "2022-06-14.yaml"
    path.write_text(path.read_text("utf-8").replace("host: ba-sz", "host: ba-nope"), "utf-8")
    code, _, err = run_cli("minutes", "2022-06-14")
    assert code == 2
    assert "agendas/2022-06-14.yaml:" in err and "unknown organisation 'ba-nope'" in err
    assert "Traceback" not in err
    assert not (example / "out").exists()


def test_broken_template_is_named_with_its_line(example: Path) -> None:
    build_file_tree(example, {"templates/minutes.html.j2": "<p>\n{{ session.titel }}\n"})
    code, _, err = run_cli("minutes", "2022-06-14", "-f", "html")
    assert code == 2
    assert err.startswith("error: templates/minutes.html.j2:2: undefined:")
    assert "titel" in err
    assert not (example / "out").exists()


def test_minutes_of_a_session_not_held_warn(example: Path) -> None:
    code, _, err = run_cli("minutes", "2022-09-13", "-f", "md")
    assert code == 0
    assert "warning: session 2022-09-13 has no attendance or outcomes recorded yet" in err


def test_build(example: Path) -> None:
    code, out, err = run_cli("build")
    assert code == 0, err
    assert out.endswith(
        "wrote 36 files to out/\n"
        "archived archive/2022-03-09/ (2022-03-09, approved minutes)\n"
        "archived archive/2022-04-12/ (2022-04-12, approved minutes)\n"
    )
    assert (example / "out" / "2022-06-14" / "minutes.pdf").read_bytes().startswith(b"%PDF")
    assert (example / "out" / "2022-09-13" / "invitation.html").is_file()
    assert (example / "out" / "decisions.pdf").read_bytes().startswith(b"%PDF")
    assert "2022-03-09-top5-a2" in (example / "out" / "actions.md").read_text(encoding="utf-8")
    assert b"METHOD:REQUEST" in (example / "out" / "2022-09-13" / "invitation.ics").read_bytes()
    assert (example / "out" / "calendar.ics").read_bytes().count(b"BEGIN:VEVENT") == 4


def test_build_json_and_failures(example: Path) -> None:
    build_file_tree(example, {"templates/attendance.typ.j2": "#nonexistent()\n"})
    code, out, err = run_cli("build", "--json", "-j", "1")
    assert code == 1  # the command ran and wrote the other documents: not "nothing written"
    results = json.loads(out)
    # 36 documents, and the approved minutes of March and April frozen in archive/ (3 files each)
    assert len(results) == 42
    assert sum(1 for r in results if str(r["label"]).startswith("archive/")) == 6
    failed = [r for r in results if r["error"]]
    assert [r["label"] for r in failed] == [
        "2022-03-09/attendance.pdf",
        "2022-04-12/attendance.pdf",
        "2022-06-14/attendance.pdf",
        "2022-09-13/attendance.pdf",
    ]
    assert "templates/attendance.typ.j2" in failed[0]["error"]
    assert err.startswith(
        "error: 4 of 36 documents could not be rendered (the other 32 are written):"
    )


def test_templates_list(example: Path) -> None:
    build_file_tree(example, {"templates/minutes.md.j2": "x\n"})
    code, out, _ = run_cli("templates", "list")
    assert code == 0
    assert "minutes.md.j2" in out and "workspace (overrides built-in)" in out
    assert "built-in (overridden)" in out
    code, out, _ = run_cli("templates", "list", "--json")
    rows = json.loads(out)
    assert any(
        r["name"] == "minutes.md.j2" and r["origin"] == "workspace" and r["overrides"] for r in rows
    )


def test_templates_list_outside_a_workspace(tmp_path: Path) -> None:
    code, out, _ = run_cli("templates", "list", "--json", cwd=tmp_path)
    assert code == 0
    assert {r["origin"] for r in json.loads(out)} == {"built-in"}


def test_templates_copy_then_restyle(example: Path) -> None:
    code, out, _ = run_cli("templates", "copy", "minutes.md.j2", "base.html")
    assert code == 0
    assert out == "created templates/minutes.md.j2\ncreated templates/base.html.j2\n"
    path = example / "templates" / "minutes.md.j2"
    path.write_text(
        path.read_text("utf-8").replace("## {{ t.attendance_heading }}", "## Wer war da?"), "utf-8"
    )
    code, out, _ = run_cli("minutes", "2022-06-14", "-o", "-")
    assert "## Wer war da?" in out
    code, _, err = run_cli("templates", "copy", "minutes.md.j2")
    assert code == 2 and "already exists" in err
    code, _, err = run_cli("templates", "copy", "protokoll")
    assert code == 2 and "no built-in template 'protokoll'" in err


def test_text_check_accepts_renders_everywhere(example: Path) -> None:
    """An organisation name with an emoji sequence: check passes, so every PDF must render."""
    roster = example / "attendees.yaml"
    text = roster.read_text(encoding="utf-8")
    name = "name: Bezirksamt Steglitz-Zehlendorf von Berlin"
    assert name in text
    family = "👩\u200d👩\u200d👧"
    roster.write_text(text.replace(name, f"{name[:-11]} {family} von Berlin", 1), encoding="utf-8")
    assert f"Zehlendorf {family} von Berlin\n" in roster.read_text(encoding="utf-8")
    assert run_cli("check")[0] == 0
    code, out, err = run_cli("build", "-j", "1")
    assert code == 0, err
    assert "wrote 36 files" in out
    assert "no font at hand has 👩\u200d👩\u200d👧" in err
    code, _, err = run_cli("invite", "2022-06-14", "-o", "-")
    assert code == 0 and "Traceback" not in err
