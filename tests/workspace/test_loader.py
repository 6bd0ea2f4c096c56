"""Loading the workspace and resolving SESSION arguments, as a coordinator meets them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli


def test_next_without_upcoming_session_says_why(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOGSRO_TODAY", "2026-11-29")
    code, _, err = run_cli("show", "next")
    assert code == 2
    assert "no session on or after today (2026-11-29): the latest is 2022-09-13" in err
    assert "KOGSRO_TODAY=2022-09-13" in err and "kogsro new" in err
    monkeypatch.setenv("KOGSRO_TODAY", "2020-01-01")
    code, _, err = run_cli("minutes", "last", "-f", "md", "-o", "-")
    assert code == 2 and "the first is 2022-03-09" in err


def test_check_reports_unknown_ids_where_the_schema_failed(example: Path) -> None:
    path = example / "agendas" / "2022-06-14.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("host: ba-sz", "host: ba-zz", 1)
    text = text.replace("duration: 10", "duration: -10", 1)
    assert "ba-zz" in text and "-10" in text
    path.write_text(text, encoding="utf-8")
    code, _, err = run_cli("check")
    assert code == 2
    assert "unknown organisation 'ba-zz'" in err and "did you mean 'ba-sz'?" in err
    assert "duration: input should be greater than or equal to 0" in err
    assert "2 problems found" in err


def _break(example: Path, session: str) -> None:
    path = example / "agendas" / f"{session}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
    assert "\ntitel:" in path.read_text(encoding="utf-8")


def test_a_broken_later_file_blocks_no_command_about_an_earlier_session(example: Path) -> None:
    _break(example, "2022-09-13")
    code, _, err = run_cli("check")
    assert code == 2 and "agendas/2022-09-13.yaml:" in err and "unknown key 'titel'" in err
    for args in (
        ["show", "2022-06-14"],
        ["show", "next"],  # today is 1 June 2022: the session of 14 June
        ["invite", "next", "-f", "md", "-o", "-"],
        ["invite", "2022-06-14", "-f", "ics", "-o", "-"],
        ["minutes", "2022-04-12", "-f", "md", "-o", "-"],
        ["attendance", "2022-06-14", "-f", "md", "-o", "-"],
    ):
        code, out, err = run_cli(*args)
        assert code == 0, (args, err)
        assert out.strip()
        assert "warning: agendas/2022-09-13.yaml is left out: unknown key 'titel'" in err, args
    # lists show the valid sessions and name the file left out
    for args in (["actions"], ["decisions", "--json"], ["sessions"]):
        code, out, err = run_cli(*args)
        assert code == 0, (args, err)
        assert "agendas/2022-09-13.yaml is left out" in err


def test_the_broken_file_itself_and_what_needs_it_refuse(example: Path) -> None:
    _break(example, "2022-04-12")
    for args in (
        ["show", "2022-04-12"],  # that very session
        ["show", "agendas/2022-04-12.yaml"],
        ["invite", "2022-06-14", "-f", "md", "-o", "-"],  # its open tasks come from April
        ["decisions", "-f", "csv", "-o", "-"],  # a file of the whole log
        ["calendar", "-o", "-"],  # a feed without the session would delete it in calendars
        ["build"],
        ["new"],
    ):
        code, _, err = run_cli(*args)
        assert code == 2, args
        assert "agendas/2022-04-12.yaml:" in err and "unknown key 'titel'" in err, args
        assert "Traceback" not in err
    # a session before the broken one is still fine
    code, _, err = run_cli("minutes", "2022-03-09", "-f", "md", "-o", "-")
    assert code == 0, err


def test_broken_kogsro_yaml_blocks_everything(example: Path) -> None:
    config = example / "kogsro.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\nsprache: de\n", encoding="utf-8")
    code, _, err = run_cli("show", "2022-06-14")
    assert code == 2 and "kogsro.yaml:" in err and "unknown key 'sprache'" in err
