"""Terminal output at 60, 80 and 200 columns: no column lost, no description cut."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kogsro.cli.output import console
from tests.conftest import run_cli


@pytest.fixture(autouse=True)
def fresh_console() -> Iterator[None]:
    """The console is made once per process, with the width of that moment."""
    console.cache_clear()
    yield
    console.cache_clear()


@pytest.mark.parametrize("columns", ["60", "80", "200"])
def test_decisions_keep_every_column(
    example: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    console.cache_clear()
    code, out, err = run_cli("decisions")
    assert code == 0, err
    assert "Stand" in out and "gültig" in out and "geändert" in out
    assert "…" not in out
    assert max(len(line.rstrip()) for line in out.splitlines()) <= int(columns)


@pytest.mark.parametrize("columns", ["60", "80", "200"])
def test_actions_keep_due_date_and_status(
    example: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    console.cache_clear()
    code, out, err = run_cli("actions")
    assert code == 0, err
    assert "Fällig/" in out and "Stand" in out
    assert "2022-03-31" in out and "erledigt" in out and "überfällig" in out
    assert "Leyla" in out and "Beispielfrau" in out  # the owner, on its own line when narrow
    assert "…" not in out
    assert max(len(line.rstrip()) for line in out.splitlines()) <= int(columns)


@pytest.mark.parametrize("columns", ["60", "80", "200"])
def test_top_level_help_never_cuts_a_description(
    monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = run_cli("--help")
    assert code == 0
    commands = out.split("Commands:", 1)[1]
    assert "..." not in commands and "…" not in commands
    flat = " ".join(out.split())
    assert "Create a workspace: the body and the roster of the 12 districts and the Senate" in flat
