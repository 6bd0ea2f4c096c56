"""The invitation period (Ladungsfrist): the last day to invite, and sessions invited too late."""

from __future__ import annotations

from datetime import date, timedelta

from kogsro.errors import Problem
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session
from kogsro.workspace.yamlsource import Source

# --- the invitation period (Ladungsfrist) ----------------------------------------------------


def invitation_deadline(ws: Workspace, session: Session) -> date:
    """The last day on which the invitation is in time."""
    return last_invitation_day(ws, session.date)


def last_invitation_day(ws: Workspace, day: date) -> date:
    """The last day on which the invitation of a session on ``day`` is in time."""
    return day - timedelta(days=ws.config.defaults.invitation_days)


def _not_yet_invited(session: Session) -> bool:
    return session.invited_on is None and session.status in (None, "planned")


def invitation_period_problems(ws: Workspace, today: date) -> list[Problem]:
    """``kogsro check``: invitations recorded as late, and sessions that cannot be invited in time.

    Past sessions without ``invited_on`` are history, not problems; cancelled sessions need
    no invitation.
    """
    days = ws.config.defaults.invitation_days
    problems: list[Problem] = []
    for session in ws.sessions:
        source = session.source or Source(session.id)
        deadline = invitation_deadline(ws, session)
        if session.status in ("cancelled", "postponed"):
            continue
        if session.invited_on is not None and session.invited_on > deadline:
            before = (session.date - session.invited_on).days
            problems.append(
                source.problem(
                    ("invited_on",),
                    f"invited on {session.invited_on.isoformat()}, {_days(before)} before the "
                    f"session; the invitation period is {_days(days)} "
                    f"(invite by {deadline.isoformat()})",
                    hint="invite earlier, or change defaults.invitation_days in kogsro.yaml "
                    "if the body agreed to a shorter period",
                )
            )
        elif _not_yet_invited(session) and session.date >= today > deadline:
            problems.append(
                source.problem(
                    ("date",),
                    f"the session can no longer be invited in time: the invitation period of "
                    f"{_days(days)} ended on {deadline.isoformat()}",
                    hint="move the session to a later date, or record `invited_on:` if the "
                    "invitation already went out",
                )
            )
    return problems


def invitation_notice(ws: Workspace, session: Session, today: date) -> str | None:
    """What ``kogsro invite`` warns about: an invitation sent now (or on ``invited_on``) is late."""
    if session.status in ("cancelled", "postponed"):
        return None
    if session.date < today:
        return f"the session {session.id} is in the past ({session.date.isoformat()})"
    days = ws.config.defaults.invitation_days
    sent = session.invited_on or today
    deadline = invitation_deadline(ws, session)
    if sent <= deadline:
        return None
    before = (session.date - sent).days
    when = "today" if session.invited_on is None else f"on {sent.isoformat()}"
    return (
        f"invitation period missed: invited {when}, {_days(before)} before the session "
        f"on {session.date.isoformat()}, but the invitation period is {_days(days)} "
        f"(invite by {deadline.isoformat()})"
    )


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"
