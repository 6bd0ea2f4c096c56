"""Decisions and actions folded across sessions: the decision log and the task list.

Every decision and action has a stable id: its explicit ``id:``, else one derived from the
session and the TOP number (:func:`kogsro.workspace.model.decision_id`,
:func:`kogsro.workspace.model.action_id`), so re-rendering never changes it. A later session
changes earlier entries through its ``updates:`` list (close a task, move its due date, revoke a
decision) without anyone editing
old minutes. :func:`build_ledger` reads the sessions in date order and folds those updates in;
:func:`ledger_problems` reports what cannot be folded, at its place in the file.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, cast

from kogsro.errors import InputError, Problem
from kogsro.records import record
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import (
    ActionUpdate,
    DecisionUpdate,
    Session,
    Vote,
    action_id,
    decision_id,
)
from kogsro.workspace.yamlsource import Loc

DecisionStatus = Literal["valid", "revoked", "amended"]
ActionStatus = Literal["open", "done", "dropped"]
Kind = Literal["decision", "action"]


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    """One decision as it stands after all updates."""

    id: str
    session: str
    date: dt.date
    host: str
    item: str
    item_title: str
    text: str
    vote: Vote | Literal["consensus"] | None
    status: DecisionStatus
    notes: tuple[str, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class ActionEntry:
    """One action (task) as it stands after all updates."""

    id: str
    session: str
    date: dt.date
    host: str
    item: str
    item_title: str
    task: str
    owner: str
    due: dt.date | None
    status: ActionStatus
    notes: tuple[str, ...]
    updated_in: tuple[str, ...]
    loc: Loc

    def is_overdue(self, as_of: dt.date) -> bool:
        """Still open and due before ``as_of``."""
        return self.status == "open" and self.due is not None and self.due < as_of


@dataclass(frozen=True, slots=True)
class Ledger:
    """The decision log and the task list: session date order, then TOP order."""

    decisions: tuple[DecisionEntry, ...] = ()
    actions: tuple[ActionEntry, ...] = ()
    _decisions: dict[str, DecisionEntry] = field(init=False, repr=False, compare=False)
    _actions: dict[str, ActionEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # on duplicate ids (a `check` error) the first entry wins, as it does when folding
        object.__setattr__(self, "_decisions", {e.id: e for e in reversed(self.decisions)})
        object.__setattr__(self, "_actions", {e.id: e for e in reversed(self.actions)})

    def open_actions(self) -> list[ActionEntry]:
        return [a for a in self.actions if a.status == "open"]

    def decision(self, id: str) -> DecisionEntry | None:
        return self._decisions.get(id)

    def action(self, id: str) -> ActionEntry | None:
        return self._actions.get(id)


# --- folding ----------------------------------------------------------------------------------

Entry = DecisionEntry | ActionEntry


def _collect(sessions: Sequence[Session]) -> list[Entry]:
    """Every decision and action as its own session records it, in date and TOP order."""
    entries: list[Entry] = []
    add = entries.append
    for session in sessions:
        sid, day, host = session.id, session.date, session.host
        for numbered in session.numbered_items():
            item = numbered.item
            if not item.decisions and not item.actions:
                continue
            number, path, title = numbered.number, numbered.path, item.title
            for index, decision in enumerate(item.decisions):
                add(
                    DecisionEntry(
                        decision.id or decision_id(sid, number, index),
                        sid,
                        day,
                        host,
                        number,
                        title,
                        decision.text,
                        decision.vote,
                        "valid",
                        (),
                        (*path, "decisions", index),
                    )
                )
            for index, action in enumerate(item.actions):
                add(
                    ActionEntry(
                        action.id or action_id(sid, number, index),
                        sid,
                        day,
                        host,
                        number,
                        title,
                        action.task,
                        action.owner,
                        action.due,
                        action.status,
                        (f"{day.isoformat()}: {action.note}",) if action.note else (),
                        (),
                        (*path, "actions", index),
                    )
                )
    return entries


def _kind(entry: Entry) -> Kind:
    return "decision" if isinstance(entry, DecisionEntry) else "action"


def _derived_id(entry: Entry) -> str:
    """The id derived from session and TOP, even when an explicit `id:` overrides it."""
    make = decision_id if isinstance(entry, DecisionEntry) else action_id
    return make(entry.session, entry.item, int(entry.loc[-1]))


def _id_loc(entry: Entry) -> Loc:
    """Where the id stands: the explicit `id:`, else the entry itself."""
    return (*entry.loc, "id") if entry.id != _derived_id(entry) else entry.loc


@dataclass(slots=True)
class _Change:
    """What the updates of later sessions did to one entry."""

    status: str
    due: dt.date | None
    notes: list[str]
    updated_in: list[str] = field(default_factory=list)

    def apply(self, e: Entry) -> Entry:
        if isinstance(e, DecisionEntry):
            return DecisionEntry(
                e.id, e.session, e.date, e.host, e.item, e.item_title, e.text, e.vote,
                cast(DecisionStatus, self.status), tuple(self.notes), e.loc,
            )  # fmt: skip
        return ActionEntry(
            e.id, e.session, e.date, e.host, e.item, e.item_title, e.task, e.owner, self.due,
            cast(ActionStatus, self.status), tuple(self.notes), tuple(self.updated_in), e.loc,
        )  # fmt: skip


class _Folding:
    """One pass over the sessions: entries, their ids, the updates and every problem."""

    def __init__(self, sessions: Sequence[Session]) -> None:
        self.sessions = {s.id: s for s in sessions}
        self.entries = _collect(sessions)
        self.recorded = tuple(self.entries)
        # each changed entry's state after each of its updates, with the updating session
        self.history: dict[int, list[tuple[tuple[dt.date, str], Entry]]] = {}
        self.problems: list[Problem] = []
        self.by_id: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            first = self.by_id.setdefault(entry.id, index)
            if first != index:
                self.duplicate(entry, self.entries[first])
        changes: dict[int, _Change] = {}
        for session in sessions:
            if session.updates:
                stamp = (session.id, f"{session.date.isoformat()}: ")
                for index, update in enumerate(session.updates):
                    self.update(session, stamp, index, update, changes)
        for index, change in changes.items():
            self.entries[index] = change.apply(self.entries[index])

    def ledger(self) -> Ledger:
        decisions = tuple(e for e in self.entries if isinstance(e, DecisionEntry))
        actions = tuple(e for e in self.entries if isinstance(e, ActionEntry))
        return Ledger(decisions, actions)

    def update(
        self,
        session: Session,
        stamp: tuple[str, str],
        index: int,
        update: ActionUpdate | DecisionUpdate,
        changes: dict[int, _Change],
    ) -> None:
        kind: Kind = "action" if isinstance(update, ActionUpdate) else "decision"
        ref = update.action if isinstance(update, ActionUpdate) else update.decision
        key_loc: Loc = ("updates", index, kind)
        found = self.by_id.get(ref)
        target = None if found is None else self.entries[found]
        if found is None or target is None or _kind(target) != kind:
            self.problems.append(self.unknown(session, key_loc, kind, ref, target))
            return
        if target.date >= session.date:
            self.problems.append(self.not_later(session, key_loc, target))
            return
        if isinstance(update, ActionUpdate) and (
            update.status is None and update.due is None and update.note is None
        ):
            self.problems.append(
                _problem(
                    session,
                    ("updates", index),
                    f"the update of action {ref!r} changes nothing",
                    "give a new status (open, done, dropped), a new due date or a note",
                )
            )
            return
        change = changes.get(found)
        if change is None:
            due = target.due if isinstance(target, ActionEntry) else None
            change = changes[found] = _Change(target.status, due, list(target.notes))
        if update.status is not None:
            change.status = update.status
        if isinstance(update, ActionUpdate) and update.due is not None:
            change.due = update.due
        sid, prefix = stamp
        if update.note:
            change.notes.append(prefix + update.note)
        if sid not in change.updated_in:
            change.updated_in.append(sid)
        self.history.setdefault(found, []).append((_order(session), change.apply(target)))

    # --- problems ---

    def place(self, entry: Entry) -> str:
        source = self.sessions[entry.session].source
        if source is None:
            return entry.session
        mark = source.mark(_id_loc(entry))
        return f"{source.file}:{mark.line}:{mark.column}"

    def duplicate(self, entry: Entry, first: Entry) -> None:
        self.problems.append(
            _problem(
                self.sessions[entry.session],
                _id_loc(entry),
                f"duplicate id {entry.id!r}: already the id of the {_kind(first)} at "
                f"{self.place(first)}",
                "ids of decisions and actions must be unique across all sessions; "
                "give one of them a different `id:`",
            )
        )

    def not_later(self, session: Session, loc: Loc, target: Entry) -> Problem:
        kind = _kind(target)
        if target.session == session.id:
            return _problem(
                session,
                loc,
                f"this session updates its own {kind} {target.id!r}",
                f"set the status on the {kind} itself; `updates:` are for entries of "
                "earlier sessions",
            )
        return _problem(
            session,
            loc,
            f"this session ({session.date.isoformat()}) is not dated after the {kind} it "
            f"updates ({target.id!r} of {target.date.isoformat()})",
            f"record the update in a session after the one the {kind} was made in, or fix the id",
        )

    def unknown(
        self, session: Session, loc: Loc, kind: Kind, ref: str, other: Entry | None
    ) -> Problem:
        if other is not None:  # the id exists, but names the other kind
            return _problem(
                session,
                loc,
                f"{ref!r} is {_article(_kind(other))}, not {_article(kind)}",
                f"write `{_kind(other)}: {ref}`",
            )
        renamed = next(
            (e for e in self.entries if _kind(e) == kind and e.id != ref == _derived_id(e)),
            None,
        )
        if renamed is not None:
            return _problem(
                session,
                loc,
                f"no {kind} has the id {ref!r}",
                f"that {kind} has its own id {renamed.id!r}; use it",
            )
        close = self.close(kind, ref)
        if close:
            hint = "did you mean " + " or ".join(repr(c) for c in close) + "?"
        else:
            example = (
                decision_id("2022-06-14", "2", 0)
                if kind == "decision"
                else action_id("2022-06-14", "3.1", 0)
            )
            hint = f"ids look like {example}; `kogsro {kind}s` lists them"
        return _problem(session, loc, f"unknown {kind} id {ref!r}", hint)

    def close(self, kind: Kind, ref: str) -> list[str]:
        same_kind = [e for e in self.entries if _kind(e) == kind]
        # ids derived from a session start with its id: compare with those first
        pool = [e.id for e in same_kind if ref.startswith(e.session) or e.id[:10] == ref[:10]]
        if not pool and len(same_kind) <= 5000:
            pool = [e.id for e in same_kind]
        return difflib.get_close_matches(ref, pool, n=2, cutoff=0.7)


def _problem(session: Session, loc: Loc, message: str, hint: str | None = None) -> Problem:
    if session.source is None:
        return Problem(session.id, 0, 0, message, hint)
    result: Problem = session.source.problem(loc, message, hint=hint)
    return result


def _article(kind: Kind) -> str:
    return "an action" if kind == "action" else "a decision"


def _order(session: Session) -> tuple[dt.date, str]:
    return (session.date, session.id)


@record
class _Timeline:
    """The sessions folded once, with the state of each entry after each of its updates: the
    ledger as it stood when any session began needs no second fold."""

    sessions: tuple[Session, ...]
    ledger: Ledger
    problems: tuple[Problem, ...]
    entries: tuple[Entry, ...]  # as their own sessions record them, in session order
    history: dict[int, list[tuple[tuple[dt.date, str], Entry]]]

    def before(self, session: Session) -> Ledger:
        """The entries and updates of the sessions before ``session`` (the same as folding
        only those: an update changes only an entry of an earlier session, else it is a
        problem and left out)."""
        cutoff = _order(session)
        decisions: list[DecisionEntry] = []
        actions: list[ActionEntry] = []
        for index, entry in enumerate(self.entries):
            if (entry.date, entry.session) >= cutoff:
                continue
            for when, state in self.history.get(index, ()):
                if when < cutoff:
                    entry = state
            if isinstance(entry, DecisionEntry):
                decisions.append(entry)
            else:
                actions.append(entry)
        return Ledger(tuple(decisions), tuple(actions))


def _timeline(ws: Workspace) -> _Timeline:
    """The workspace's sessions folded once per process: kept on the workspace object, folded
    again only when its list of sessions changed."""
    kept = ws.derived.get("ledger")
    if (
        isinstance(kept, _Timeline)
        and len(kept.sessions) == len(ws.sessions)
        and all(a is b for a, b in zip(kept.sessions, ws.sessions, strict=True))
    ):
        return kept
    folding = _Folding(ws.sessions)
    timeline = _Timeline(
        tuple(ws.sessions),
        folding.ledger(),
        tuple(folding.problems),
        folding.recorded,
        folding.history,
    )
    ws.derived["ledger"] = timeline
    return timeline


# --- the interface ----------------------------------------------------------------------------


def build_ledger(ws: Workspace, *, before: Session | None = None) -> Ledger:
    """All decisions and actions with the updates folded in, in session date order.

    With ``before=S`` only the sessions before ``S`` count (and their updates): the state of
    things when ``S`` begins, as its invitation shows it. Updates that cannot be folded (see
    :func:`ledger_problems`) are left out.
    """
    timeline = _timeline(ws)
    return timeline.ledger if before is None else timeline.before(before)


def ledger_problems(ws: Workspace) -> list[Problem]:
    """Duplicate ids (naming both places), updates naming unknown ids, and updates in a
    session not dated after the decision or action they change."""
    return list(_timeline(ws).problems)


def open_actions_before(ws: Workspace, session: Session) -> list[ActionEntry]:
    """The tasks still open when ``session`` begins (it need not be in the workspace yet): the
    one query behind the invitation's list of open tasks and a new session's updates.

    An inconsistent ledger (unknown ids in updates, duplicate ids) raises :class:`InputError`:
    what is open cannot be known then.
    """
    timeline = _timeline(ws)
    if timeline.problems:
        raise InputError(list(timeline.problems))
    return timeline.before(session).open_actions()


def checked_ledger(ws: Workspace) -> Ledger:
    """The ledger of the whole workspace; any ledger problem raises :class:`InputError`."""
    timeline = _timeline(ws)
    if timeline.problems:
        raise InputError(list(timeline.problems))
    return timeline.ledger


# --- selecting --------------------------------------------------------------------------------


def _matches(words: Sequence[str], *texts: str) -> bool:
    haystack = "\n".join(texts).casefold()
    return all(word in haystack for word in words)


def search_words(text: str | None) -> list[str]:
    """The words of a search: every one must occur, in any case."""
    return text.casefold().split() if text else []


def select_decisions(
    decisions: Iterable[DecisionEntry],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    hosts: Iterable[str] | None = None,
    search: str | None = None,
) -> list[DecisionEntry]:
    """Decisions of sessions from ``since`` to ``until`` (inclusive), hosted by one of
    ``hosts``, whose id, TOP title, text or notes contain every word of ``search``."""
    words = search_words(search)
    host_set = set(hosts) if hosts is not None else None
    return [
        d
        for d in decisions
        if (since is None or d.date >= since)
        and (until is None or d.date <= until)
        and (host_set is None or d.host in host_set)
        and (not words or _matches(words, d.id, d.item_title, d.text, *d.notes))
    ]


def select_actions(
    actions: Iterable[ActionEntry],
    *,
    as_of: dt.date,
    open_only: bool = False,
    owners: Iterable[str] | None = None,
    overdue: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    search: str | None = None,
) -> list[ActionEntry]:
    """Actions that are open (``open_only``), owned by one of ``owners``, overdue as of
    ``as_of`` (``overdue``), from sessions between ``since`` and ``until``, and matching every
    word of ``search`` in id, TOP title, task or notes."""
    words = search_words(search)
    owner_set = set(owners) if owners is not None else None
    return [
        a
        for a in actions
        if (not open_only or a.status == "open")
        and (owner_set is None or a.owner in owner_set)
        and (not overdue or a.is_overdue(as_of))
        and (since is None or a.date >= since)
        and (until is None or a.date <= until)
        and (not words or _matches(words, a.id, a.item_title, a.task, *a.notes))
    ]
