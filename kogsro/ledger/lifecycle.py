"""The life of a session and of its minutes, derived in one place from the files.

A session is ``planned``, then ``invited`` (``invited_on`` set), then ``held`` (attendance,
the minute-taker or any outcome recorded); or ``cancelled`` or ``postponed`` (``status:``,
the latter with ``moved_to: <session id>``). An explicit ``status:`` always wins.

The minutes of a held session are a ``draft``, then ``circulated`` (``kogsro minutes
--circulate`` records the date in the kogsro-owned file ``.kogsro/circulated.json``), then
``approved``: a later held session has an item ``approves: <session id>`` with a decision that
passed (by vote or consensus). Sessions that were not held have no minutes (``none``).

Everything that shows a state (``kogsro sessions``, the documents, the calendar, the website)
reads it from :func:`lifecycles`; :func:`lifecycle_problems` reports the contradictions.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Collection, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Literal, TypeAlias, TypedDict

from kogsro.errors import KogsroError, Problem
from kogsro.ledger.fold import checked_ledger
from kogsro.records import record
from kogsro.workspace.loader import Workspace, existing_file, session_path
from kogsro.workspace.model import Decision, Session

SessionStatus = Literal["planned", "invited", "held", "cancelled", "postponed"]
MinutesStatus = Literal["none", "draft", "circulated", "approved"]


class CirculationData(TypedDict):
    """A circulation of draft minutes as ``.kogsro/circulated.json`` records it."""

    session: str
    on: str
    objections_until: str | None
    recipients: int
    sent: bool


class LifecycleData(TypedDict):
    """Where a session stands, as data (JSON)."""

    id: str
    status: SessionStatus
    minutes: MinutesStatus
    approved_in: str | None
    approved_on: str | None
    circulated_on: str | None
    objections_until: str | None
    approval_pending_in: str | None
    moved_to: str | None
    moved_from: list[str]


class SessionListRow(TypedDict):
    """A session in the list of sessions (``kogsro sessions --json``)."""

    id: str
    date: str
    host: str
    host_label: str
    status: SessionStatus
    minutes: MinutesStatus
    approved_in: str | None
    approved_on: str | None
    circulated_on: str | None
    moved_to: str | None
    open_tasks: int
    open_task_ids: list[str]
    overdue_tasks: int
    file: str


Status = SessionStatus  # the name older callers use
Day: TypeAlias = date

STATE_DIR = ".kogsro"
CIRCULATED_FILE = "circulated.json"


# --- the session ---------------------------------------------------------------------------


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


def session_status(session: Session) -> SessionStatus:
    """The explicit ``status:`` if given; else held when outcomes are recorded, invited when
    ``invited_on`` is set, else planned."""
    if session.status is not None:
        return session.status
    if has_outcomes(session):
        return "held"
    if session.invited_on is not None:
        return "invited"
    return "planned"


def is_held(session: Session) -> bool:
    """The one rule for "held": the session's status is ``held``."""
    return session_status(session) == "held"


# --- approvals -----------------------------------------------------------------------------


@record
class Approval:
    """An item of session ``by`` that puts the minutes of session ``target`` to the vote."""

    target: str
    by: str
    date: Day  # of the approving session
    number: str  # TOP number of the item
    path: tuple[str | int, ...]  # the item's place in the approving file
    decision: Decision | None  # the first decision on the item, if any
    deferred: bool  # the item was deferred (status: deferred)
    quorate: bool = True  # a session without a quorum decides nothing

    @property
    def passed(self) -> bool:
        """Whether the minutes are approved by it: a decision by consensus or a vote with
        more yes than no, in an item not deferred, of a session that had its quorum."""
        if self.decision is None or self.deferred or not self.quorate:
            return False
        vote = self.decision.vote
        if vote is None or vote == "consensus":
            return True
        return vote.passed

    @property
    def failed(self) -> bool:
        """A vote that went against the minutes (or a deferred item): it settles nothing."""
        return self.deferred or (self.decision is not None and not self.passed)


def approvals(ws: Workspace) -> list[Approval]:
    """Every item that names minutes with ``approves:``, in session and TOP order."""
    from kogsro.ledger.attendance import quorate

    found = []
    for session in ws.sessions:
        if session.status in ("cancelled", "postponed"):
            continue  # a session that did not take place approves nothing
        valid: bool | None = None
        for entry in session.numbered_items():
            target = entry.item.approves
            if target is None:
                continue
            if valid is None:
                valid = quorate(ws, session)
            decisions = entry.item.decisions
            found.append(
                Approval(
                    target=target,
                    by=session.id,
                    date=session.date,
                    number=entry.number,
                    path=entry.path,
                    decision=decisions[0] if decisions else None,
                    deferred=entry.item.status == "deferred",
                    quorate=valid,
                )
            )
    return found


# --- circulation (the kogsro-owned state file) --------------------------------------------


@record
class Circulation:
    """The draft minutes of ``session`` went to the members on ``on``."""

    session: str
    on: Day
    objections_until: Day | None = None
    recipients: int = 0
    sent: bool = False  # by SMTP; else written as drafts

    def as_dict(self) -> CirculationData:
        return {
            "session": self.session,
            "on": self.on.isoformat(),
            "objections_until": self.objections_until.isoformat()
            if self.objections_until
            else None,
            "recipients": self.recipients,
            "sent": self.sent,
        }


def circulation_path(ws: Workspace) -> Path:
    return ws.root / STATE_DIR / CIRCULATED_FILE


def read_circulations(ws: Workspace) -> list[Circulation]:
    """What ``.kogsro/circulated.json`` records, oldest first; nothing when it does not exist.

    A file that is not kogsro's record raises :class:`KogsroError` (exit 2) naming it.
    """
    path = circulation_path(ws)
    if not path.exists():
        return []
    hint = "repair the file or remove it (the minutes then count as not circulated)"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["circulated"]
        if not isinstance(entries, list):
            raise TypeError("circulated is not a list")
        return [
            Circulation(
                session=str(entry["session"]),
                on=date.fromisoformat(entry["on"]),
                objections_until=date.fromisoformat(entry["objections_until"])
                if entry.get("objections_until")
                else None,
                recipients=int(entry.get("recipients", 0)),
                sent=bool(entry.get("sent", False)),
            )
            for entry in entries
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KogsroError(
            f"{ws.display(path)}: not a record of circulated minutes ({exc})", hint=hint
        ) from None


def record_circulation(ws: Workspace, circulation: Circulation) -> Path:
    """Append ``circulation`` to ``.kogsro/circulated.json`` (written atomically)."""
    from kogsro.fsio import write_atomic

    entries = [c.as_dict() for c in read_circulations(ws)]
    entries.append(circulation.as_dict())
    text = json.dumps({"version": 1, "circulated": entries}, ensure_ascii=False, indent=2)
    path = circulation_path(ws)
    write_atomic(path, text + "\n")
    return path


def objection_deadline(ws: Workspace, on: date) -> date:
    """The last day for objections to minutes circulated ``on``."""
    return on + timedelta(days=ws.config.defaults.objection_days)


# --- the lifecycle of every session --------------------------------------------------------


@record
class Lifecycle:
    """Where one session and its minutes stand."""

    session: str
    status: SessionStatus
    minutes: MinutesStatus
    approval: Approval | None = None  # the item that approved the minutes (or will vote)
    circulated: Circulation | None = None  # the latest circulation
    moved_to: str | None = None
    moved_from: tuple[str, ...] = ()  # sessions postponed to this one

    @property
    def approved_in(self) -> str | None:
        if self.minutes == "approved" and self.approval is not None:
            return self.approval.by
        return None

    @property
    def approved_on(self) -> date | None:
        if self.minutes == "approved" and self.approval is not None:
            return self.approval.date
        return None

    @property
    def pending(self) -> Approval | None:
        """The item that is to approve the minutes but has not decided yet."""
        if self.approval is not None and self.approval.decision is None:
            return self.approval
        return None

    def as_dict(self) -> LifecycleData:
        return {
            "id": self.session,
            "status": self.status,
            "minutes": self.minutes,
            "approved_in": self.approved_in,
            "approved_on": self.approved_on.isoformat() if self.approved_on else None,
            "circulated_on": self.circulated.on.isoformat() if self.circulated else None,
            "objections_until": self.circulated.objections_until.isoformat()
            if self.circulated and self.circulated.objections_until
            else None,
            "approval_pending_in": self.pending.by if self.pending else None,
            "moved_to": self.moved_to,
            "moved_from": list(self.moved_from),
        }


def lifecycles(
    ws: Workspace, circulations: Iterable[Circulation] | None = None
) -> dict[str, Lifecycle]:
    """The lifecycle of every session, by id. ``circulations`` defaults to the record in
    ``.kogsro/circulated.json``."""
    if circulations is None:
        circulations = read_circulations(ws)
    latest: dict[str, Circulation] = {}
    for circulation in circulations:
        latest[circulation.session] = circulation
    by_target: dict[str, Approval] = {}
    for approval in approvals(ws):
        chosen = by_target.get(approval.target)
        # the approval that counts: the first that passed, else the first still open,
        # else the latest that failed
        if chosen is None or (not chosen.passed and (approval.passed or chosen.failed)):
            by_target[approval.target] = approval
    moved_from: dict[str, list[str]] = {}
    for session in ws.sessions:
        if session_status(session) == "postponed" and session.moved_to:
            moved_from.setdefault(session.moved_to, []).append(session.id)
    held = {s.id for s in ws.sessions if is_held(s)}
    result = {}
    for session in ws.sessions:
        status = session_status(session)
        found = by_target.get(session.id)
        circulated = latest.get(session.id)
        minutes: MinutesStatus
        if status != "held":
            minutes = "none"
        elif found is not None and found.passed and found.by in held:
            minutes = "approved"
        elif circulated is not None:
            minutes = "circulated"
        else:
            minutes = "draft"
        result[session.id] = Lifecycle(
            session=session.id,
            status=status,
            minutes=minutes,
            approval=found if status == "held" else None,
            circulated=circulated if status == "held" else None,
            moved_to=session.moved_to if status == "postponed" else None,
            moved_from=tuple(moved_from.get(session.id, ())),
        )
    return result


def _by_id(ws: Workspace) -> dict[str, Session]:
    return {s.id: s for s in ws.sessions}


def lifecycle(ws: Workspace, session: Session) -> Lifecycle:
    """The lifecycle of one session."""
    return lifecycles(ws)[session.id]


def awaiting_approval(
    ws: Workspace, before: date, *, reopen: tuple[str, Collection[str]] | None = None
) -> list[Session]:
    """Held sessions before ``before`` whose minutes are not approved and that no session puts
    to the vote yet (no ``approves:`` that passed or is still open): the minutes a session on
    ``before`` should approve, in date order.

    ``reopen`` is ``(session id, targets)``: those ``approves:`` of that session do not count
    (its own approval items, about to be written anew).
    """
    own, targets = reopen if reopen is not None else ("", ())
    settled = {
        a.target
        for a in approvals(ws)
        if not a.failed and not (a.by == own and a.target in targets)
    }
    return [s for s in ws.sessions if s.date < before and is_held(s) and s.id not in settled]


def approved_by(ws: Workspace, session: Session) -> list[Approval]:
    """The items of ``session`` that approve earlier minutes (for its own minutes)."""
    return [a for a in approvals(ws) if a.by == session.id]


# --- the calendar entry ------------------------------------------------------------------


@record
class CalendarEntry:
    """What calendar programs must be told about a session (iTIP, RFC 5546).

    A postponed session's entry is moved, not replaced: the session it moved to carries the
    UID of the first session of the chain (``uid_of``) with a higher SEQUENCE, so Outlook,
    Thunderbird and Apple Calendar update the existing entry to the new date (a REQUEST).
    A cancelled session, or one postponed to no known date, is a CANCEL with a higher
    SEQUENCE than the last invitation.
    """

    uid_of: str  # the id of the session whose UID the entry carries
    sequence: int
    method: Literal["REQUEST", "CANCEL"]
    shown: Session  # the session whose date, place and agenda the entry shows


def calendar_event(ws: Workspace, session: Session) -> CalendarEntry:
    """The calendar entry of ``session`` (see :class:`CalendarEntry`)."""
    return calendar_events(ws)[session.id]


def calendar_events(ws: Workspace) -> dict[str, CalendarEntry]:
    """The calendar entry of every session, by id."""
    by_id = _by_id(ws)
    first_before: dict[str, Session] = {}
    for other in ws.sessions:  # date order: the first session postponed to a target wins
        if session_status(other) == "postponed" and other.moved_to in by_id:
            first_before.setdefault(other.moved_to or "", other)

    def base(current: Session, seen: frozenset[str]) -> tuple[str, int]:
        before = first_before.get(current.id)
        if before is None or before.id in seen:
            return current.id, current.revision
        uid, sequence = base(before, seen | {current.id})
        return uid, sequence + 1 + current.revision

    def event(current: Session, seen: frozenset[str]) -> CalendarEntry:
        uid, sequence = base(current, frozenset())
        status = session_status(current)
        target = by_id.get(current.moved_to or "")
        if (
            status == "postponed"
            and target is not None
            and first_before.get(target.id) is current
            and target.id not in seen
        ):
            return event(target, seen | {current.id})
        if status in ("cancelled", "postponed"):
            return CalendarEntry(uid, sequence + 1, "CANCEL", current)
        return CalendarEntry(uid, sequence, "REQUEST", current)

    return {s.id: event(s, frozenset()) for s in ws.sessions}


# --- contradictions ------------------------------------------------------------------------


def lifecycle_problems(ws: Workspace) -> list[Problem]:
    """What contradicts the lifecycle, at its place in the file:

    minutes approved that were not held or are not earlier, the same minutes approved twice,
    a cancelled or postponed session with outcomes, ``moved_to`` naming no session or the
    session itself or without ``status: postponed``, ``reason:`` of a session that was
    neither cancelled nor postponed.
    """
    problems: list[Problem] = []
    by_id = _by_id(ws)
    seen: dict[str, Approval] = {}
    for approval in approvals(ws):
        session = by_id[approval.by]
        loc = (*approval.path, "approves")
        target = by_id.get(approval.target)
        if target is None:
            others = [k for k in by_id if k != session.id]
            close = difflib.get_close_matches(approval.target, others, n=1, cutoff=0.6)
            hint = (
                "did you mean " + " or ".join(repr(c) for c in close) + "?"
                if close
                else "name a session id (the file name without .yaml); `kogsro sessions` lists them"
            )
            problems.append(
                _problem(session, loc, f"approves: no session {approval.target!r}", hint)
            )
            continue
        if target.date >= session.date:
            problems.append(
                _problem(
                    session,
                    loc,
                    f"approves the minutes of {target.id}, which is not an earlier session",
                    hint="minutes are approved in a later session",
                )
            )
            continue
        status = session_status(target)
        if status != "held":
            problems.append(
                _problem(
                    session,
                    loc,
                    f"approves the minutes of {target.id}, which was not held ({status})",
                    hint="only a held session has minutes to approve",
                )
            )
            continue
        if approval.failed:
            continue
        first = seen.get(approval.target)
        if first is not None:
            problems.append(
                _problem(
                    session,
                    loc,
                    f"the minutes of {target.id} are approved twice: also in {first.by} "
                    f"({ws.config.item_label(first.number)})",
                    hint="remove one of the two approves: entries",
                )
            )
            continue
        seen[approval.target] = approval
    for session in ws.sessions:
        problems += _session_problems(ws, session)
    return problems


def _session_problems(ws: Workspace, session: Session) -> list[Problem]:
    problems = []
    status = session_status(session)
    if status in ("cancelled", "postponed") and has_outcomes(session):
        word = "cancelled" if status == "cancelled" else "postponed"
        problems.append(
            _problem(
                session,
                ("status",),
                f"the session is {word} but has outcomes recorded (attendance, minute-taker, "
                "notes, decisions, actions or item status)",
                hint=f"remove the outcomes, or the status: {status} if the session was held",
            )
        )
    if session.status in ("planned", "invited") and has_outcomes(session):
        problems.append(
            _problem(
                session,
                ("status",),
                f"status: {session.status}, but outcomes are recorded (attendance, minute-taker, "
                "notes, decisions, actions or item status)",
                hint="write `status: held`, or remove the status line: kogsro then tells by itself",
            )
        )
    if session.moved_to is not None:
        if status != "postponed":
            problems.append(
                _problem(
                    session,
                    ("moved_to",),
                    "moved_to: only a postponed session moves to another one",
                    hint="add `status: postponed`, or remove moved_to",
                )
            )
        elif session.moved_to == session.id:
            problems.append(
                _problem(
                    session,
                    ("moved_to",),
                    "the session is postponed to itself",
                    hint="name the file of the new session (its id) in moved_to",
                )
            )
        elif session.moved_to not in _by_id(ws):
            others = [k for k in _by_id(ws) if k != session.id]
            close = difflib.get_close_matches(session.moved_to, others, n=1)
            hint = (
                "did you mean " + " or ".join(repr(c) for c in close) + "?"
                if close
                else "create the new session's file first (kogsro new, with its date)"
            )
            problems.append(
                _problem(session, ("moved_to",), f"moved_to: no session {session.moved_to!r}", hint)
            )
        else:
            cycle = _cycle(ws, session)
            if cycle:
                problems.append(
                    _problem(
                        session,
                        ("moved_to",),
                        "the postponements go round in a circle: " + " → ".join(cycle),
                        hint="the last session of a postponement must not be postponed",
                    )
                )
    if session.reason is not None and status not in ("cancelled", "postponed"):
        problems.append(
            _problem(
                session,
                ("reason",),
                "reason: only a cancelled or postponed session has a reason",
                hint="add `status: cancelled` or `status: postponed`, or remove reason",
            )
        )
    return problems


def _cycle(ws: Workspace, start: Session) -> list[str]:
    chain = [start.id]
    current: Session | None = start
    while current is not None and current.moved_to and session_status(current) == "postponed":
        if current.moved_to in chain:
            return [*chain, current.moved_to] if current.moved_to == start.id else []
        chain.append(current.moved_to)
        current = _by_id(ws).get(current.moved_to)
    return []


def _problem(
    session: Session, loc: tuple[str | int, ...], message: str, hint: str | None = None
) -> Problem:
    if session.source is None:
        return Problem(session.id, 0, 0, message, hint)
    result: Problem = session.source.problem(loc, message, hint=hint)
    return result


# --- the sessions table --------------------------------------------------------------------


@record
class SessionRow:
    id: str
    date: Day
    host: str
    host_label: str
    status: SessionStatus
    open_tasks: tuple[str, ...]  # ids of the tasks decided in the session and still open
    overdue_tasks: tuple[str, ...]
    file: str
    life: Lifecycle | None = None

    @property
    def minutes(self) -> MinutesStatus:
        return self.life.minutes if self.life is not None else "none"

    def as_dict(self) -> SessionListRow:
        """The row as ``kogsro sessions --json`` writes it."""
        life = self.life.as_dict() if self.life is not None else None
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "host": self.host,
            "host_label": self.host_label,
            "status": self.status,
            "minutes": self.minutes,
            "approved_in": life["approved_in"] if life else None,
            "approved_on": life["approved_on"] if life else None,
            "circulated_on": life["circulated_on"] if life else None,
            "moved_to": life["moved_to"] if life else None,
            "open_tasks": len(self.open_tasks),
            "open_task_ids": list(self.open_tasks),
            "overdue_tasks": len(self.overdue_tasks),
            "file": self.file,
        }


def session_rows(ws: Workspace, *, today: date) -> list[SessionRow]:
    """Every session in date order, with its lifecycle and how many of its tasks are still
    open (as of today).

    An inconsistent ledger (unknown ids in updates, duplicate ids) raises InputError.
    """
    open_by_session: dict[str, list[str]] = {}
    overdue_by_session: dict[str, list[str]] = {}
    for action in checked_ledger(ws).open_actions():
        open_by_session.setdefault(action.session, []).append(action.id)
        if action.is_overdue(today):
            overdue_by_session.setdefault(action.session, []).append(action.id)
    lives = lifecycles(ws)
    return [
        SessionRow(
            id=session.id,
            date=session.date,
            host=session.host,
            host_label=ws.label_of(session.host),
            status=lives[session.id].status,
            open_tasks=tuple(open_by_session.get(session.id, ())),
            overdue_tasks=tuple(overdue_by_session.get(session.id, ())),
            file=ws.display(existing_file(ws, session.id) or session_path(ws, session.id)),
            life=lives[session.id],
        )
        for session in ws.sessions
    ]
