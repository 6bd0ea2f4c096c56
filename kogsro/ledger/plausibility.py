"""Plausibility rules for what a session file records: `kogsro check` reports them.

The file can be valid YAML with every reference known and still record something no office
would sign: more votes than voting members present, a vote in a session that was not
quorate, a chair who was not there. Each rule gives a :class:`~kogsro.errors.Problem` at its
place in the session file, with a severity:

- ``error``: a vote whose total exceeds the voting members present; a decision with a vote in
  a session that was not quorate (the minutes say so instead of "angenommen").
- ``warning``: chair or minute-taker not present; a decision under an item of kind
  ``information``; planned items that run more than :data:`OVERRUN_TOLERANCE` minutes past
  the session's end.

(A person listed both present and excused is an error of the file itself, reported when it
is loaded.)

Warnings are printed by ``kogsro check`` but only fail it with ``--strict``.
"""

from __future__ import annotations

from kogsro.errors import Problem
from kogsro.ledger.attendance import Quorum, session_attendance
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session, Vote
from kogsro.workspace.timeplan import time_plan
from kogsro.workspace.yamlsource import Loc

OVERRUN_TOLERANCE = 15
"""Minutes the planned items may run past the session's end before `check` warns."""


def plausibility_problems(ws: Workspace) -> list[Problem]:
    """Every rule on every session of the workspace."""
    problems: list[Problem] = []
    for session in ws.sessions:
        problems += session_plausibility(ws, session)
    return problems


def session_plausibility(ws: Workspace, session: Session) -> list[Problem]:
    record = session_attendance(ws, session)
    problems = _decision_problems(ws, session, record.quorum)
    problems += _overrun(ws, session)
    problems += _attendance_problems(ws, session)
    return problems


def _problem(
    session: Session, loc: Loc, message: str, hint: str | None = None, *, warning: bool = False
) -> Problem:
    if session.source is None:
        found = Problem(session.id, 0, 0, message, hint)
    else:
        found = session.source.problem(loc, message, hint=hint)
    return found.as_warning() if warning else found


def _decision_problems(ws: Workspace, session: Session, quorum: Quorum | None) -> list[Problem]:
    problems: list[Problem] = []
    for entry in session.numbered_items():
        item = entry.item
        label = ws.config.item_label(entry.number)
        for index, decision in enumerate(item.decisions):
            loc = (*entry.path, "decisions", index)
            if item.kind == "information":
                problems.append(
                    _problem(
                        session,
                        loc,
                        f"{label} is an item of kind information but records a decision",
                        "set `kind: decision` (or discussion) on the item, or move the "
                        "decision to the item where it was taken",
                        warning=True,
                    )
                )
            if decision.vote is None or quorum is None:
                continue
            if not quorum.reached:
                problems.append(
                    _problem(
                        session,
                        (*loc, "vote"),
                        f"{label}: a vote was recorded, but the session was "
                        f"not quorate ({_counted(quorum)} present, {quorum.required} "
                        "required); the minutes state that no valid decision was taken",
                        "check the attendance; without a quorum, record the item's outcome "
                        "in its notes instead of as a decision with a vote",
                    )
                )
            if isinstance(decision.vote, Vote):
                votes = decision.vote.yes + decision.vote.no + decision.vote.abstain
                if votes > quorum.present:
                    problems.append(
                        _problem(
                            session,
                            (*loc, "vote"),
                            f"{label}: the vote counts {votes} voices, but only "
                            f"{_counted(quorum)} were present",
                            "correct the vote or the attendance"
                            + (
                                " (or count members, not organisations, with "
                                "`defaults.quorum_counts: people` in kogsro.yaml)"
                                if quorum.counts == "organisations"
                                else ""
                            ),
                        )
                    )
    return problems


def _counted(quorum: Quorum) -> str:
    if quorum.counts == "organisations":
        return f"{quorum.present} of {quorum.total} member organisations (one voice each)"
    return f"{quorum.present} of {quorum.total} members"


def _overrun(ws: Workspace, session: Session) -> list[Problem]:
    plan = time_plan(session, ws.config)
    if plan.overrun <= OVERRUN_TOLERANCE:
        return []
    return [
        _problem(
            session,
            ("end",),
            f"the planned items end at {plan.planned_end:%H:%M}, {plan.overrun} minutes after "
            f"the session's end at {plan.end:%H:%M}",
            "shorten the items' durations, move an item to a later session or set a later end",
            warning=True,
        )
    ]


def _attendance_problems(ws: Workspace, session: Session) -> list[Problem]:
    attendance = session.attendance
    if attendance is None:
        return []
    problems: list[Problem] = []
    present = set(attendance.present) | {g for g in attendance.guests if isinstance(g, str)}
    chair = session.chair_id
    if not _was_present(ws, chair, present):
        problems.append(
            _problem(
                session,
                ("chair",) if session.chair else ("host",),
                f"the chair ({ws.label_of(chair)}) is not listed as present",
                "add the chair (or the person who chaired) to attendance.present",
                warning=True,
            )
        )
    taker = session.minutes_by
    if taker is not None and not _was_present(ws, taker, present):
        problems.append(
            _problem(
                session,
                ("minutes_by",),
                f"the minute-taker ({ws.name_of(taker)}) is not listed as present",
                "add them to attendance.present (or attendance.guests)",
                warning=True,
            )
        )
    return problems


def _was_present(ws: Workspace, ref: str, present: set[str]) -> bool:
    """``ref`` (a person or an organisation) or someone for it is among ``present``."""
    if ref in present:
        return True
    person = ws.people.get(ref)
    if person is not None:
        if person.organisation and person.organisation in present:
            return True
        return any(ws.people[p].deputy_of == ref for p in present if p in ws.people)
    return any(
        ws.people[p].organisation == ref
        or (
            ws.people[p].deputy_of in ws.people
            and ws.people[ws.people[p].deputy_of or ""].organisation == ref
        )
        for p in present
        if p in ws.people
    )
