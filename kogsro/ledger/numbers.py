"""Session numbers: "28. Sitzung der KoG SRO".

With ``numbering_start: 27`` in ``kogsro.yaml`` the workspace's sessions are numbered in date
order from 27. Cancelled and postponed sessions (their status from
:mod:`kogsro.ledger.lifecycle`) get no number and use none up. ``number:`` in a session file
sets that session's number, and the count goes on from it; it also numbers a session of a
workspace without ``numbering_start``.
"""

from __future__ import annotations

from kogsro.errors import Problem
from kogsro.ledger.lifecycle import session_status
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session

UNNUMBERED = ("cancelled", "postponed")


def session_numbers(ws: Workspace) -> dict[str, int]:
    """The number of each numbered session, by session id."""
    counter = ws.config.numbering_start
    numbers: dict[str, int] = {}
    for session in ws.sessions:
        if session_status(session) in UNNUMBERED:
            continue
        if session.number is not None:
            numbers[session.id] = session.number
            counter = session.number + 1
        elif counter is not None:
            numbers[session.id] = counter
            counter += 1
    return numbers


def session_number(ws: Workspace, session: Session) -> int | None:
    return session_numbers(ws).get(session.id)


def number_problems(ws: Workspace) -> list[Problem]:
    """``kogsro check``: a ``number:`` on a session that gets none, a number used twice."""
    problems: list[Problem] = []
    numbers = session_numbers(ws)
    first: dict[int, str] = {}
    for session in ws.sessions:
        source = session.source
        if source is None:
            continue
        status = session_status(session)
        if session.number is not None and status in UNNUMBERED:
            problems.append(
                source.problem(
                    ("number",),
                    f"a {status} session gets no number",
                    hint="remove `number:`; the next session that takes place gets it",
                )
            )
        number = numbers.get(session.id)
        if number is None:
            continue
        if number in first:
            problems.append(
                source.problem(
                    ("number",) if session.number is not None else ("date",),
                    f"number {number} is also the number of session {first[number]}",
                    hint="numbers only go up: fix `number:` here or in the earlier session",
                )
            )
        else:
            first[number] = session.id
    return problems
