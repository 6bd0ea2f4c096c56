"""`kogsro check`: every problem of the workspace, from all checks, in one list."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from kogsro.errors import Problem
from kogsro.workspace import Workspace, load_with_problems, session_files

# Checks that need the whole workspace loaded (ledger ids, invitation periods, ...).
WorkspaceCheck = Callable[[Workspace], list[Problem]]


def workspace_checks() -> list[WorkspaceCheck]:
    return []


def check_workspace(root: Path, only: Iterable[Path] | None = None) -> tuple[list[Problem], int]:
    """All problems (sorted) and how many files were read."""
    files = [Path(p) for p in only] if only is not None else None
    ws, problems = load_with_problems(root, files)
    counted = 2 + (len(files) if files is not None else len(session_files(root / "agendas")))
    if ws is not None and not problems:
        for run in workspace_checks():
            problems += run(ws)
    return sorted(set(problems), key=Problem.sort_key), counted
