"""`kogsro init`: a clean workspace by default, the example session only when asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


def test_init_starts_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOGSRO_TODAY", "2026-03-02")
    target = tmp_path / "kog"
    code, out, err = run_cli("init", str(target))
    assert code == 0, err
    assert (target / "agendas").is_dir() and list((target / "agendas").iterdir()) == []
    assert "`kogsro -w " in out and " new`" in out
    code, out, err = run_cli("-w", str(target), "check")
    assert code == 0, err
    # the first session carries nothing fictional over and starts the rotation at its start
    code, out, err = run_cli("-w", str(target), "new", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["host"], data["carried_items"], data["open_tasks"]) == ("ba-mitte", [], [])
    roster = (target / "attendees.yaml").read_text(encoding="utf-8")
    assert roster.count("    kind: district\n") == 12 and "    kind: senate" in roster


def test_init_example_brings_the_example_session(tmp_path: Path) -> None:
    target = tmp_path / "kog"
    code, out, err = run_cli("init", str(target), "--example")
    assert code == 0, err
    assert [p.name for p in (target / "agendas").iterdir()] == ["2022-06-14.yaml"]
    assert "show 2022-06-14" in out
    assert run_cli("-w", str(target), "check")[0] == 0


def test_init_never_removes_sessions(tmp_path: Path) -> None:
    target = tmp_path / "kog"
    assert run_cli("init", str(target), "--example")[0] == 0
    mine = target / "agendas" / "2022-06-14.yaml"
    mine.write_text(mine.read_text(encoding="utf-8") + "# meine Notiz\n", encoding="utf-8")
    code, _, err = run_cli("init", str(target), "--example")
    assert code == 2 and "nothing written" in err
    code, _, err = run_cli("init", str(target), "--force")
    assert code == 0, err
    assert mine.read_text(encoding="utf-8").endswith("# meine Notiz\n")
