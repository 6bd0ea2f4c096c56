"""Every session at a glance: date, host, status, and the open tasks it left."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, TypeAlias

from kogsro.ledger.fold import checked_ledger
from kogsro.workspace.loader import Workspace, existing_file, session_path
from kogsro.workspace.model import Session

Status = Literal["planned", "invited", "held", "cancelled"]
Day: TypeAlias = date


def has_outcomes(session: Session) -> bool:
    """Whether anything that happens only in or after the session has been recorded.

    Attendance, the minute-taker, or for any item notes, decisions, actions or a status.
    ``updates:`` do not count: they are often written into the agenda beforehand.
    """
    if session.attendance is not None or session.minutes_by is not None:
        return True
    return any(
        entry.item.notes or entry.item.decisions or entry.item.actions or entry.item.status
        for entry in session.numbered_items()
    )


def session_status(session: Session) -> Status:
    """The explicit ``status:`` if given; else held when outcomes are recorded, invited when
    ``invited_on`` is set, else planned."""
    if session.status is not None:
        return session.status
    if has_outcomes(session):
        return "held"
    if session.invited_on is not None:
        return "invited"
    return "planned"


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: str
    date: Day
    host: str
    host_label: str
    status: Status
    open_tasks: tuple[str, ...]  # ids of the tasks decided in the session and still open
    overdue_tasks: tuple[str, ...]
    file: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "host": self.host,
            "host_label": self.host_label,
            "status": self.status,
            "open_tasks": len(self.open_tasks),
            "open_task_ids": list(self.open_tasks),
            "overdue_tasks": len(self.overdue_tasks),
            "file": self.file,
        }


def session_rows(ws: Workspace, *, today: date) -> list[SessionRow]:
    """Every session in date order, with how many of its tasks are still open (as of today).

    An inconsistent ledger (unknown ids in updates, duplicate ids) raises InputError.
    """
    open_by_session: dict[str, list[str]] = {}
    overdue_by_session: dict[str, list[str]] = {}
    for action in checked_ledger(ws).open_actions():
        open_by_session.setdefault(action.session, []).append(action.id)
        if action.is_overdue(today):
            overdue_by_session.setdefault(action.session, []).append(action.id)
    return [
        SessionRow(
            id=session.id,
            date=session.date,
            host=session.host,
            host_label=ws.label_of(session.host),
            status=session_status(session),
            open_tasks=tuple(open_by_session.get(session.id, ())),
            overdue_tasks=tuple(overdue_by_session.get(session.id, ())),
            file=ws.display(existing_file(ws, session.id) or session_path(ws, session.id)),
        )
        for session in ws.sessions
    ]
