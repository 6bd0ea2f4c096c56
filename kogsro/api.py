"""`kogsro check`: every problem of the workspace, from all checks, in one list."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from kogsro.documents.session_file import carried_from_problems
from kogsro.errors import Problem
from kogsro.ledger.fold import ledger_problems
from kogsro.schedule.series import config_problems
from kogsro.workspace.loader import Workspace, display_path, load_with_problems, session_files

# Checks that need the whole workspace loaded.
WorkspaceCheck = Callable[[Workspace], list[Problem]]


def consistency_checks() -> list[WorkspaceCheck]:
    """Problems that make the data wrong (commands that depend on them refuse to work)."""
    return [ledger_problems]


def advisory_checks() -> list[WorkspaceCheck]:
    """Problems `kogsro check` reports, but which do not stop other commands (e.g. a late
    invitation: the minutes of that session must still be writable)."""
    return [
        config_problems,
        carried_from_problems,
        _invitation_period,
        _contacts,
        _lifecycle,
    ]


def _lifecycle(ws: Workspace) -> list[Problem]:
    from kogsro.ledger.lifecycle import lifecycle_problems

    return lifecycle_problems(ws)


def _invitation_period(ws: Workspace) -> list[Problem]:
    from kogsro.clock import today
    from kogsro.schedule.deadlines import invitation_period_problems

    return invitation_period_problems(ws, today())


def _contacts(ws: Workspace) -> list[Problem]:
    from kogsro.workspace.recipients import workspace_contact_problems

    return workspace_contact_problems(ws)


def workspace_checks() -> list[WorkspaceCheck]:
    return consistency_checks() + advisory_checks()


def check_workspace(root: Path, only: Iterable[Path] | None = None) -> tuple[list[Problem], int]:
    """All problems (sorted) and how many files were read.

    With ``only``, those session files are checked; the workspace-wide checks still see every
    session (an update may name an action of another file) but report only on those files.
    """
    files = [Path(p) for p in only] if only is not None else None
    ws, problems = load_with_problems(root, files)
    if files is not None:
        counted = 2 + len(files)
    else:
        agendas = ws.agendas_dir if ws is not None else root / "agendas"
        counted = 2 + len(session_files(agendas))
    if ws is not None and not problems:
        if files is not None:
            ws, others = load_with_problems(root)
            if ws is None or others:
                ws = None  # other files are broken: the workspace-wide checks cannot be trusted
        if ws is not None:
            wanted = {display_path(p) for p in files} if files is not None else None
            for run in workspace_checks():
                problems += [p for p in run(ws) if wanted is None or p.file in wanted]
    return sorted(set(problems), key=Problem.sort_key), counted
