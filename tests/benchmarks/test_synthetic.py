"""The synthetic workspace of the scale benchmark is valid, deterministic and realistic."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from kogsro.api import check_workspace
from kogsro.ledger.fold import checked_ledger
from kogsro.workspace.loader import load_workspace

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "synthetic.py"


def synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synthetic", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_workspace(tmp_path: Path) -> None:
    root = synthetic().generate(tmp_path / "a", 12, per_session=6, seed=7)
    assert check_workspace(root)[0] == []
    ws = load_workspace(root)
    assert len(ws.sessions) == 12
    ledger = checked_ledger(ws)
    assert len(ledger.decisions) == len(ledger.actions) == 12 * 6
    assert any(a.updated_in for a in ledger.actions)  # later sessions close earlier tasks
    assert {a.status for a in ledger.actions} >= {"open", "done"}
    again = synthetic().generate(tmp_path / "b", 12, per_session=6, seed=7)
    for path in sorted((root / "agendas").iterdir()):
        assert path.read_bytes() == (again / "agendas" / path.name).read_bytes()
