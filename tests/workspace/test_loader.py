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
