"""Decisions and actions folded across sessions: the decision log and the task list.

Every decision and action has a stable id: its explicit ``id:``, else one derived from the
session and the TOP number (:func:`kogsro.model.decision_id`, :func:`kogsro.model.action_id`),
so re-rendering never changes it. A later session changes earlier entries through its
``updates:`` list (close a task, move its due date, revoke a decision) without anyone editing
old minutes. :func:`build_ledger` reads the sessions in date order and folds those updates in;
:func:`ledger_problems` reports what cannot be folded, at its place in the file.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from kogsro.errors import InputError, Problem
from kogsro.load import Loc
from kogsro.model import (
    Action,
    ActionUpdate,
    Decision,
    Session,
    Vote,
    action_id,
    decision_id,
)
from kogsro.workspace import Workspace

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


@dataclass(slots=True)
class _Draft:
    """A decision or action while the updates are folded in."""

    kind: Kind
    id: str
    derived: str  # the id derived from session and TOP, even when `id:` overrides it
    session: Session
    number: str
    item_title: str
    loc: Loc
    source: Decision | Action
    status: str
    due: dt.date | None = None
    notes: list[str] = field(default_factory=list)
    updated_in: list[str] = field(default_factory=list)


def _collect(sessions: Sequence[Session]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for session in sessions:
        sid = session.id
        for entry in session.numbered_items():
            item = entry.item
            if not item.decisions and not item.actions:
                continue
            for index, decision in enumerate(item.decisions):
                derived = decision_id(sid, entry.number, index)
                drafts.append(
                    _Draft(
                        "decision",
                        decision.id or derived,
                        derived,
                        session,
                        entry.number,
                        item.title,
                        (*entry.path, "decisions", index),
                        decision,
                        "valid",
                    )
                )
            for index, action in enumerate(item.actions):
                derived = action_id(sid, entry.number, index)
                draft = _Draft(
                    "action",
                    action.id or derived,
                    derived,
                    session,
                    entry.number,
                    item.title,
                    (*entry.path, "actions", index),
                    action,
                    action.status,
                    action.due,
                )
                if action.note:
                    draft.notes.append(f"{session.date.isoformat()}: {action.note}")
                drafts.append(draft)
    return drafts


def _place(draft: _Draft) -> str:
    source = draft.session.source
    if source is None:
        return draft.session.id
    loc = (*draft.loc, "id") if draft.source.id else draft.loc
    mark = source.mark(loc)
    return f"{source.file}:{mark.line}:{mark.column}"


def _problem(session: Session, loc: Loc, message: str, hint: str | None = None) -> Problem:
    if session.source is None:
        return Problem(session.id, 0, 0, message, hint)
    result: Problem = session.source.problem(loc, message, hint=hint)
    return result


def _fold(sessions: Sequence[Session]) -> tuple[Ledger, list[Problem]]:
    """Fold the updates of ``sessions`` (in date order) into their decisions and actions."""
    drafts = _collect(sessions)
    problems: list[Problem] = []
    by_id: dict[str, _Draft] = {}
    for draft in drafts:
        first = by_id.setdefault(draft.id, draft)
        if first is not draft:
            loc = (*draft.loc, "id") if draft.source.id else draft.loc
            problems.append(
                _problem(
                    draft.session,
                    loc,
                    f"duplicate id {draft.id!r}: already the id of the {first.kind} at "
                    f"{_place(first)}",
                    "ids of decisions and actions must be unique across all sessions; "
                    "give one of them a different `id:`",
                )
            )

    lookup = _Lookup(drafts, by_id)
    for session in sessions:
        for index, update in enumerate(session.updates):
            kind: Kind = "action" if isinstance(update, ActionUpdate) else "decision"
            ref = update.action if isinstance(update, ActionUpdate) else update.decision
            key_loc: Loc = ("updates", index, kind)
            target = by_id.get(ref)
            if target is None or target.kind != kind:
                problems.append(lookup.unknown(session, key_loc, kind, ref, target))
                continue
            if target.session.date >= session.date:
                problems.append(_not_later(session, key_loc, target))
                continue
            stamp = session.date.isoformat()
            if isinstance(update, ActionUpdate):
                if update.status is None and update.due is None and update.note is None:
                    problems.append(
                        _problem(
                            session,
                            ("updates", index),
                            f"the update of action {ref!r} changes nothing",
                            "give a new status (open, done, dropped), a new due date or a note",
                        )
                    )
                    continue
                if update.due is not None:
                    target.due = update.due
            target.status = update.status or target.status
            if update.note:
                target.notes.append(f"{stamp}: {update.note}")
            if session.id not in target.updated_in:
                target.updated_in.append(session.id)
    return _freeze(drafts), problems


def _not_later(session: Session, loc: Loc, target: _Draft) -> Problem:
    if target.session is session:
        return _problem(
            session,
            loc,
            f"this session updates its own {target.kind} {target.id!r}",
            f"set the status on the {target.kind} itself; `updates:` are for entries of "
            "earlier sessions",
        )
    return _problem(
        session,
        loc,
        f"this session ({session.date.isoformat()}) is not dated after the {target.kind} it "
        f"updates ({target.id!r} of {target.session.date.isoformat()})",
        "record the update in a session after the one the "
        f"{target.kind} was made in, or fix the id",
    )


class _Lookup:
    """Helpful messages for an update that names no decision or action of its kind."""

    def __init__(self, drafts: list[_Draft], by_id: dict[str, _Draft]) -> None:
        self.drafts = drafts
        self.by_id = by_id
        self._derived: dict[str, _Draft] | None = None

    def derived(self) -> dict[str, _Draft]:
        if self._derived is None:
            self._derived = {d.derived: d for d in self.drafts if d.derived != d.id}
        return self._derived

    def unknown(
        self, session: Session, loc: Loc, kind: Kind, ref: str, other: _Draft | None
    ) -> Problem:
        if other is not None:  # the id exists, but names the other kind
            return _problem(
                session,
                loc,
                f"{ref!r} is {_article(other.kind)}, not {_article(kind)}",
                f"write `{other.kind}: {ref}`",
            )
        renamed = self.derived().get(ref)
        if renamed is not None and renamed.kind == kind:
            return _problem(
                session,
                loc,
                f"no {kind} has the id {ref!r}",
                f"that {kind} has its own id {renamed.id!r}; use it",
            )
        close = self._close(kind, ref)
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

    def _close(self, kind: Kind, ref: str) -> list[str]:
        same_kind = [d for d in self.drafts if d.kind == kind]
        # ids derived from a session start with its id: compare with those first
        pool = [d.id for d in same_kind if ref.startswith(d.session.id) or d.id[:10] == ref[:10]]
        if not pool and len(same_kind) <= 5000:
            pool = [d.id for d in same_kind]
        return difflib.get_close_matches(ref, pool, n=2, cutoff=0.7)


def _article(kind: Kind) -> str:
    return "an action" if kind == "action" else "a decision"


def _freeze(drafts: Iterable[_Draft]) -> Ledger:
    decisions: list[DecisionEntry] = []
    actions: list[ActionEntry] = []
    for d in drafts:
        s = d.session
        if isinstance(d.source, Decision):
            decisions.append(
                DecisionEntry(
                    id=d.id,
                    session=s.id,
                    date=s.date,
                    host=s.host,
                    item=d.number,
                    item_title=d.item_title,
                    text=d.source.text,
                    vote=d.source.vote,
                    status=d.status,  # type: ignore[arg-type]
                    notes=tuple(d.notes),
                    loc=d.loc,
                )
            )
        else:
            actions.append(
                ActionEntry(
                    id=d.id,
                    session=s.id,
                    date=s.date,
                    host=s.host,
                    item=d.number,
                    item_title=d.item_title,
                    task=d.source.task,
                    owner=d.source.owner,
                    due=d.due,
                    status=d.status,  # type: ignore[arg-type]
                    notes=tuple(d.notes),
                    updated_in=tuple(d.updated_in),
                    loc=d.loc,
                )
            )
    return Ledger(tuple(decisions), tuple(actions))


# --- the interface ----------------------------------------------------------------------------


def build_ledger(ws: Workspace, *, before: Session | None = None) -> Ledger:
    """All decisions and actions with the updates folded in, in session date order.

    With ``before=S`` only the sessions before ``S`` count (and their updates): the state of
    things when ``S`` begins, as its invitation shows it. Updates that cannot be folded (see
    :func:`ledger_problems`) are left out.
    """
    sessions = ws.sessions if before is None else ws.sessions_until(before)
    return _fold(sessions)[0]


def ledger_problems(ws: Workspace) -> list[Problem]:
    """Duplicate ids (naming both places), updates naming unknown ids, and updates in a
    session not dated after the decision or action they change."""
    return _fold(ws.sessions)[1]


def checked_ledger(ws: Workspace) -> Ledger:
    """The ledger of the whole workspace; any ledger problem raises :class:`InputError`."""
    ledger, problems = _fold(ws.sessions)
    if problems:
        raise InputError(problems)
    return ledger


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
