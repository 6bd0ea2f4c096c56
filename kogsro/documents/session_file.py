"""The next session: a new session file with date, host, standard items and what is carried over.

:func:`draft_session` decides what the file holds: the date (given, or the next day of the
series after the last session), the host (given, or the next in the rotation), the chair and
the place (the host's), the body's standard items, the items deferred in earlier sessions and
not taken up since, and the tasks still open. :func:`session_text` writes it from the template
``session.yaml.j2``, and :func:`create_session` creates the file exclusively: an existing file
is never touched, and of two runs for the same date exactly one creates it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal, NotRequired, TypeAlias, TypedDict

from kogsro import fsio
from kogsro.documents.presentation import default_title, host_location
from kogsro.errors import OutputExists, Problem, Remedy, TemplateError, UsageError
from kogsro.i18n import format_date, phrase
from kogsro.ledger.fold import ActionEntry, open_actions_before
from kogsro.ledger.lifecycle import awaiting_approval
from kogsro.schedule.deadlines import invitation_deadline
from kogsro.schedule.series import (
    PlannedSession,
    YearPlan,
    holiday_name,
    next_series_date,
    rotation_host,
    workspace_series,
)
from kogsro.workspace.loader import Workspace, check_session_references, existing_file, session_path
from kogsro.workspace.model import Item, Location, Session, StandardItem
from kogsro.workspace.validation import validate
from kogsro.workspace.yamlsource import Source, parse_yaml

Day: TypeAlias = date
Origin = Literal["new", "plan"]
TEMPLATE = "session.yaml.j2"
OPEN_TASKS_TITLE = {
    "de": "Offene Aufgaben aus früheren Sitzungen",
    "en": "Open tasks from earlier sessions",
}


def item_ref(session_id: str, number: str) -> str:
    """How a later session refers to an item: ``2022-06-14-top6`` (``carried_from``)."""
    return f"{session_id}-top{number}"


@dataclass(frozen=True, slots=True)
class CarriedItem:
    """An item deferred in an earlier session and not taken up since."""

    ref: str
    session: Session
    number: str
    item: Item


class NewItem(TypedDict):
    """An item as a new session file writes it (``session.yaml.j2``)."""

    title: str
    kind: str | None
    duration: int | None
    public: bool | None
    presenters: list[str]
    description: str | None
    documents: list[str]
    carried_from: str | None
    approves: str | None
    children: list[NewItem]
    deferred_in: NotRequired[str]  # a carried item: where it was deferred
    deferred_top: NotRequired[str]


class NewItemLine(NewItem):
    """An item in the order of the file, with the indentation of its ``- title:`` line."""

    role: str
    pad: int
    first: bool
    depth: int


class OpenActionLine(TypedDict):
    """An open task as the comment of a new session file lists it."""

    id: str
    task: str
    owner: str
    due: date | None
    overdue: bool
    session: str


class DraftSummary(TypedDict):
    id: str
    file: str | None
    date: str
    host: str
    chair: str
    location: dict[str, str] | None  # the place as written, without empty fields
    moved_from: str | None
    holiday: str | None
    carried_items: list[str]
    open_tasks: list[str]
    approves: list[str]
    warnings: list[str]


class PreparedSummary(TypedDict):
    session: str
    file: str
    changed: bool
    carried_items: list[str]
    added: list[str]
    removed: list[str]
    open_tasks: list[str]
    kept: list[str]
    warnings: list[str]


@dataclass(frozen=True, slots=True)
class Draft:
    """What a new session file will hold."""

    id: str
    date: Day
    host: str
    chair: str
    origin: Origin
    invite_by: Day  # the last day to send the invitation in time
    location: Location | None = None
    location_from: Literal["host", "body"] | None = None
    moved_from: Day | None = None
    holiday: str | None = None
    previous: Session | None = None
    deferred: tuple[CarriedItem, ...] = ()
    open_actions: tuple[ActionEntry, ...] = ()
    approvals: tuple[Session, ...] = ()  # held sessions whose minutes this one is to approve
    warnings: tuple[str, ...] = field(default=())

    def summary(self, ws: Workspace, path: Path | None) -> DraftSummary:
        """What ``kogsro new --json`` prints."""
        return {
            "id": self.id,
            "file": ws.display(path) if path is not None else None,
            "date": self.date.isoformat(),
            "host": self.host,
            "chair": self.chair,
            "location": self.location.as_dict(exclude_none=True) if self.location else None,
            "moved_from": self.moved_from.isoformat() if self.moved_from else None,
            "holiday": self.holiday,
            "carried_items": [c.ref for c in self.deferred],
            "open_tasks": [a.id for a in self.open_actions],
            "approves": [s.id for s in self.approvals],
            "warnings": list(self.warnings),
        }


# --- what is carried over -----------------------------------------------------------------


def deferred_items(
    ws: Workspace, before: date, *, reopen: tuple[str, Collection[str]] | None = None
) -> list[CarriedItem]:
    """Items deferred (``status: deferred``) in sessions before ``before`` that no other session
    has taken up yet (through ``carried_from``), in session and TOP order.

    ``reopen`` is ``(session id, refs)``: those refs in that session do not count as taken up
    (the session's own carried items, about to be written anew).
    """
    own, refs = reopen if reopen is not None else ("", ())
    taken = {
        entry.item.carried_from
        for session in ws.sessions
        for entry in session.numbered_items()
        if entry.item.carried_from and not (session.id == own and entry.item.carried_from in refs)
    }
    found = []
    for session in ws.sessions:
        if session.date >= before or session.status in ("cancelled", "postponed"):
            continue
        for entry in session.numbered_items():
            ref = item_ref(session.id, entry.number)
            if entry.item.status == "deferred" and ref not in taken:
                found.append(CarriedItem(ref, session, entry.number, entry.item))
    return found


# --- deciding what the file holds ---------------------------------------------------------


def draft_session(
    ws: Workspace,
    *,
    day: date | None = None,
    host: str | None = None,
    chair: str | None = None,
    today: date,
    origin: Origin = "new",
    carry: bool = True,
    reopen: tuple[str, Collection[str]] | None = None,
) -> Draft:
    """The next session: ``day``, ``host`` and ``chair`` as given, the rest from the workspace.

    Without ``day`` the date is the next day of the series (``series`` in kogsro.yaml) after
    the last session, and never before ``today``.
    """
    warnings: list[str] = []
    moved_from: date | None = None
    holiday: str | None = None
    if day is None:
        series = workspace_series(ws)
        if series is None:
            raise UsageError(
                "no date given and kogsro.yaml has no series rule to take it from",
                hint="add `series: {rule: FREQ=MONTHLY;BYDAY=2TU}` to kogsro.yaml",
                remedy=Remedy("date", "YYYY-MM-DD"),
            )
        # the first date of the series after the last session that can still be invited in
        # time (the invitation period, Ladungsfrist, counted from today)
        last = ws.sessions[-1].date if ws.sessions else None
        earliest = today + timedelta(days=ws.config.defaults.invitation_days - 1)
        after = max(last, earliest) if last else earliest
        occurrence = next_series_date(series, after)
        day, moved_from, holiday = occurrence.date, occurrence.moved_from, occurrence.holiday
    else:
        name = holiday_name(day)
        if name is not None:
            warnings.append(f"{day.isoformat()} is a public holiday in Berlin ({name})")
        series = workspace_series(ws)
        pause = series.in_break(day) if series is not None else None
        if pause is not None:
            warnings.append(f"{day.isoformat()} is in the break {pause} of kogsro.yaml")
        if day.weekday() >= 5:
            warnings.append(f"{day.isoformat()} is a {day:%A}")
    session_id = day.isoformat()
    if host is None:
        host = rotation_host(ws, day)
    elif host not in ws.organisations:
        raise UsageError(
            f"unknown organisation {host!r}", hint=_close(host, ws.organisations), option="host"
        )
    if chair is not None and chair not in ws.organisations and chair not in ws.people:
        raise UsageError(
            f"unknown organisation or person {chair!r}",
            hint=_close(chair, [*ws.organisations, *ws.people]),
            option="chair",
        )
    probe = Session(date=day, host=host)  # the new session as far as it is known
    probe._id = session_id
    invite_by = invitation_deadline(ws, probe)
    if day < today:
        warnings.append(f"{day.isoformat()} is in the past")
    elif invite_by < today:
        warnings.append(
            f"the invitation period of {ws.config.defaults.invitation_days} days ended on "
            f"{invite_by.isoformat()}: an invitation sent now is late"
        )
    location, location_from = host_location(ws, host)
    previous = next((s for s in reversed(ws.sessions) if s.date < day), None)
    deferred: list[CarriedItem] = []
    actions: list[ActionEntry] = []
    approvals: list[Session] = []
    if carry:
        deferred = deferred_items(ws, day, reopen=reopen)
        actions = open_actions_before(ws, probe)
        approvals = awaiting_approval(ws, day, reopen=reopen)
    return Draft(
        id=session_id,
        date=day,
        host=host,
        chair=chair or host,
        origin=origin,
        location=location,
        location_from=location_from,
        moved_from=moved_from,
        holiday=holiday,
        invite_by=invite_by,
        previous=previous,
        deferred=tuple(deferred),
        open_actions=tuple(actions),
        approvals=tuple(approvals),
        warnings=tuple(warnings),
    )


def _close(ref: str, pool: Sequence[str] | Any) -> str:
    close = difflib.get_close_matches(ref, list(pool), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else "see the ids in attendees.yaml"


# --- writing the file ---------------------------------------------------------------------


def new_session_context(ws: Workspace, draft: Draft, *, today: date) -> dict[str, Any]:
    """Plain data for ``session.yaml.j2``."""
    lang = ws.config.language
    defaults = ws.config.defaults
    marked = next((i for i, item in enumerate(defaults.items) if item.approvals), None)
    model = defaults.items[marked] if marked is not None else None
    approval_items = [_approval_item(ws, session, model, lang) for session in draft.approvals]
    # the approval items stand in place of the marked standard item, else after the first
    standard = [_standard_item(item) for item in defaults.items if not item.approvals]
    spot = marked if marked is not None else min(1, len(standard))
    carried = [_carried_item(ws, carried, lang) for carried in draft.deferred]
    tasks_item: NewItem | None = None
    if draft.open_actions:
        tasks_item = {
            "title": OPEN_TASKS_TITLE.get(lang, OPEN_TASKS_TITLE["de"]),
            "kind": "information",
            "duration": 10,
            "public": None,
            "presenters": [],
            "description": None,
            "documents": [],
            "carried_from": None,
            "approves": None,
            "children": [],
        }
    open_actions: list[OpenActionLine] = [
        {
            "id": action.id,
            "task": action.task,
            "owner": ws.label_of(action.owner),
            "due": action.due,
            "overdue": action.is_overdue(draft.date),
            "session": action.session,
        }
        for action in draft.open_actions
    ]
    # New matters go before the last standard item (by custom: any other business).
    head, tail = (standard[:-1], standard[-1:]) if len(standard) > 1 else (standard, [])
    before, after = head[:spot], head[spot:]
    return {
        "id": draft.id,
        "origin": draft.origin,
        "created": today,
        "title": default_title(ws, lang),
        "date": draft.date,
        "date_text": format_date(draft.date, "de"),
        "start": f"{defaults.start:%H:%M}",
        "host": draft.host,
        "host_name": ws.name_of(draft.host),
        "chair": draft.chair,
        "chair_name": ws.name_of(draft.chair),
        "location": draft.location.as_dict() if draft.location else None,
        "location_from": draft.location_from,
        "moved_from": draft.moved_from,
        "moved_from_text": format_date(draft.moved_from, "de") if draft.moved_from else None,
        "holiday": draft.holiday,
        "previous": (
            {"id": draft.previous.id, "date_text": format_date(draft.previous.date, "de", "long")}
            if draft.previous is not None
            else None
        ),
        "invite_by": draft.invite_by,
        "invite_by_text": format_date(draft.invite_by, "de", "long"),
        "head": list(_flatten(before, "standard")),
        "approvals": list(_flatten(approval_items, "approval")),
        "head_after": list(_flatten(after, "standard")),
        "carried": [
            *(entry for item in carried for entry in _flatten([item], "carried")),
            *_flatten([tasks_item] if tasks_item else [], "tasks"),
        ],
        "tail": list(_flatten(tail, "standard")),
        "open_actions": open_actions,
    }


def _standard_item(item: StandardItem) -> NewItem:
    return {
        "title": item.title,
        "kind": item.kind,
        "duration": item.duration,
        "public": item.public,
        "presenters": [],
        "description": None,
        "documents": [],
        "carried_from": None,
        "approves": None,
        "children": [],
    }


def _approval_item(
    ws: Workspace, session: Session, model: StandardItem | None, lang: str
) -> NewItem:
    """ "Genehmigung des Protokolls der Sitzung vom 12. April 2022" with ``approves:``."""
    return {
        **_standard_item(model or StandardItem(title="-", kind="decision", duration=5)),
        "title": phrase(lang, "approval_title", date=format_date(session.date, lang, "long")),
        "kind": "decision",
        "approves": session.id,
    }


def _carried_item(ws: Workspace, carried: CarriedItem, lang: str) -> NewItem:
    def plain(item: Item, carried_from: str | None) -> NewItem:
        return {
            "title": item.title,
            "kind": item.kind,
            "duration": item.duration,
            "public": item.public,
            "presenters": list(item.presenters),
            "description": item.description,
            "documents": list(item.documents),
            "carried_from": carried_from,
            "approves": None,
            "children": [plain(child, None) for child in item.items],
        }

    data = plain(carried.item, carried.ref)
    data["deferred_in"] = format_date(carried.session.date, "de", "long")
    data["deferred_top"] = ws.config.item_label(carried.number)
    return data


def _flatten(items: Sequence[NewItem], role: str) -> Iterator[NewItemLine]:
    """Items depth first with the indentation of their ``- title:`` line (a literal number)."""

    def walk(item: NewItem, depth: int, first: bool) -> Iterator[NewItemLine]:
        yield {**item, "role": role, "pad": 2 + 4 * depth, "first": first, "depth": depth}
        for child in item["children"]:
            yield from walk(child, depth + 1, False)

    for index, item in enumerate(items):
        yield from walk(item, 0, index == 0)


def session_text(ws: Workspace, draft: Draft, *, today: date) -> str:
    """The new session file, rendered from ``session.yaml.j2`` and checked before it is used.

    A template that renders something kogsro cannot read back is a :class:`TemplateError`,
    so no broken file is ever written.
    """
    text = seal(render_session_template(ws, new_session_context(ws, draft, today=today)))
    text = _with_schema_line(ws, text, session_path(ws, draft.id))
    problems = _problems_of(ws, text, draft.id)
    if problems:
        raise TemplateError(
            f"the template {TEMPLATE} produced a session file with problems: "
            + "; ".join(str(p) for p in problems[:3]),
            hint="fix your templates/session.yaml.j2, or remove it to use the built-in one",
        )
    return text


def _problems_of(ws: Workspace, text: str, session_id: str) -> list[Problem]:
    name = f"{session_id}.yaml (rendered)"
    data, source, problems = parse_yaml(text, name)
    if problems:
        return problems
    session, problems = validate(data, Session, source)
    if session is None:
        return problems
    return check_session_references(ws, session, source)


# --- kogsro's own parts of a session file ------------------------------------------------
#
# A session file belongs to the person who edits it. kogsro keeps two parts of it up to date
# for as long as nobody has changed them: the items carried over (deferred items and the
# open tasks item) and the list of open tasks for ``updates``. Each lies between a line
# ``# >>> kogsro: <name> [<seal>]`` and a line ``# <<< kogsro: <name>``; the seal is a digest
# of the lines between as kogsro wrote them. A part whose lines no longer match their seal
# was edited by hand and is left exactly as it is; a part emptied by hand is filled again.

_BEGIN = re.compile(
    r"^(?P<indent> *)# >>> kogsro: (?P<name>[^\[\]\n]+?)(?: \[(?P<seal>[0-9a-f]{8})\])? *$"
)
_END = re.compile(r"^ *# <<< kogsro: (?P<name>[^\n]+?) *$")
CARRIED_REGION = "übernommene Punkte"  # the names in the marker lines of session.yaml.j2
TASKS_REGION = "offene Aufgaben"
_CARRIED_FROM = re.compile(r"^ *carried_from: *(?P<value>.+?) *$", re.M)
_APPROVES = re.compile(r"^ *approves: *(?P<value>.+?) *$", re.M)


@dataclass(frozen=True, slots=True)
class Region:
    """A part of a session file that kogsro keeps up to date (lines ``begin`` to ``end``)."""

    name: str
    begin: int  # index of the ``# >>> kogsro`` line
    end: int  # index of the ``# <<< kogsro`` line
    seal: str | None
    body: str  # the lines between, as they are now

    @property
    def untouched(self) -> bool:
        """Whether kogsro may write this part anew: as kogsro wrote it, or emptied."""
        return not self.body.strip() or self.seal == _digest(self.body)


def _digest(body: str) -> str:
    return hashlib.sha256(body.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:8]


def regions(text: str) -> list[Region]:
    """kogsro's parts of a session file, in file order; unpaired markers are ignored."""
    lines = text.splitlines(keepends=True)
    found: list[Region] = []
    open_at: tuple[int, re.Match[str]] | None = None
    for index, line in enumerate(lines):
        begin = _BEGIN.match(line.rstrip("\r\n"))
        if begin is not None:
            open_at = (index, begin)
            continue
        end = _END.match(line.rstrip("\r\n"))
        if end is not None and open_at is not None and end["name"] == open_at[1]["name"]:
            start, match = open_at
            body = "".join(lines[start + 1 : index])
            found.append(Region(match["name"], start, index, match["seal"], body))
            open_at = None
    return found


def seal(text: str) -> str:
    """Mark each of kogsro's parts in ``text`` as written by kogsro (its seal)."""
    lines = text.splitlines(keepends=True)
    for region in regions(text):
        line = lines[region.begin]
        ending = line[len(line.rstrip("\r\n")) :]
        match = _BEGIN.match(line.rstrip("\r\n"))
        assert match is not None
        lines[region.begin] = (
            f"{match['indent']}# >>> kogsro: {region.name} [{_digest(region.body)}]{ending}"
        )
    return "".join(lines)


def carried_refs(region: Region, pattern: re.Pattern[str] = _CARRIED_FROM) -> list[str]:
    """The ``carried_from`` refs written in a part of the file."""
    refs = []
    for match in pattern.finditer(region.body):
        value = match["value"]
        if value.startswith('"') and value.endswith('"'):
            value = json.loads(value)
        refs.append(value)
    return refs


def approves_refs(region: Region) -> list[str]:
    """The sessions whose minutes the items in a part of the file approve (``approves:``)."""
    return carried_refs(region, _APPROVES)


@dataclass(frozen=True, slots=True)
class Prepared:
    """What ``kogsro prepare`` did to a planned session's file."""

    session: str
    path: Path
    text: str
    changed: bool
    carried: tuple[str, ...]  # the deferred items carried over now
    added: tuple[str, ...]
    removed: tuple[str, ...]
    open_tasks: tuple[str, ...]
    kept: tuple[str, ...]  # parts edited by hand, left as they are
    warnings: tuple[str, ...] = ()

    def summary(self, ws: Workspace) -> PreparedSummary:
        """What ``kogsro prepare --json`` prints."""
        return {
            "session": self.session,
            "file": ws.display(self.path),
            "changed": self.changed,
            "carried_items": list(self.carried),
            "added": list(self.added),
            "removed": list(self.removed),
            "open_tasks": list(self.open_tasks),
            "kept": list(self.kept),
            "warnings": list(self.warnings),
        }


def prepare_session(ws: Workspace, session: Session, *, today: date) -> Prepared:
    """Bring a planned session's carried-over items and open tasks up to date.

    Only kogsro's own parts of the file change, and only those nobody has edited since kogsro
    wrote them; every other byte stays. The result is checked before anything is written.
    """
    from kogsro.ledger.lifecycle import session_status

    status = session_status(session)
    if status in ("held", "cancelled", "postponed"):
        raise UsageError(
            f"session {session.id} is {status}: its agenda is a record now",
            hint="prepare a session that is still to come",
        )
    path = existing_file(ws, session.id)
    if path is None:  # pragma: no cover - a loaded session has its file
        raise UsageError(f"session {session.id} has no file in {ws.display(ws.agendas_dir)}")
    original = path.read_text(encoding="utf-8")
    found = regions(original)
    if not found:
        raise UsageError(
            f"{ws.display(path)} has no part kogsro may bring up to date "
            "(no `# >>> kogsro:` lines)",
            hint="carry deferred items over by hand with carried_from: <session>-top<number>; "
            "the task list (`kogsro actions`) shows the open tasks",
        )
    own = [ref for region in found if region.untouched for ref in carried_refs(region)]
    approving = [ref for region in found if region.untouched for ref in approves_refs(region)]
    draft = draft_session(
        ws,
        day=session.date,
        host=session.host,
        chair=session.chair_id,
        today=today,
        reopen=(session.id, [*own, *approving]),
    )
    fresh = {
        region.name: region
        for region in regions(
            seal(render_session_template(ws, new_session_context(ws, draft, today=today)))
        )
    }
    lines = original.splitlines(keepends=True)
    kept: list[str] = []
    for region in reversed(found):  # from the end, so earlier line numbers stay valid
        new = fresh.get(region.name)
        if new is None:
            continue
        if not region.untouched:
            kept.append(region.name)
            continue
        indent = lines[region.begin][
            : len(lines[region.begin]) - len(lines[region.begin].lstrip(" "))
        ]
        ending = "\r\n" if lines[region.begin].endswith("\r\n") else "\n"
        body = new.body.replace("\n", ending) if ending != "\n" else new.body
        lines[region.begin : region.end] = [
            f"{indent}# >>> kogsro: {region.name} [{_digest(new.body)}]{ending}",
            *body.splitlines(keepends=True),
        ]
    text = "".join(lines)
    problems = _problems_of(ws, text, session.id)
    if problems:
        raise TemplateError(
            f"bringing {ws.display(path)} up to date would make it invalid: "
            + "; ".join(str(p) for p in problems[:3]),
            hint=f"check the lines between `# >>> kogsro` and `# <<< kogsro`, or {TEMPLATE}",
        )
    now = {r.name: r for r in regions(text)}
    carried = [ref for region in now.values() for ref in carried_refs(region)]
    warnings: list[str] = []
    if status == "invited":
        warnings.append(
            f"session {session.id} was invited already: if the agenda changed, raise "
            "`revision:` and send the invitation again"
        )
    for name in kept:
        warnings.append(
            f"{ws.display(path)}: the part '{name}' was changed by hand and is left as it is "
            "(empty it to let kogsro fill it again)"
        )
    changed = text != original
    if changed:
        if path.read_text(encoding="utf-8") != original:
            raise UsageError(
                f"{ws.display(path)} changed while it was being prepared; nothing written",
                hint="run `kogsro prepare` again",
            )
        fsio.write_atomic(path, text)
    return Prepared(
        session=session.id,
        path=path,
        text=text,
        changed=changed,
        carried=tuple(carried),
        added=tuple(ref for ref in carried if ref not in own),
        removed=tuple(ref for ref in own if ref not in carried),
        open_tasks=tuple(a.id for a in draft.open_actions) if TASKS_REGION not in kept else (),
        kept=tuple(reversed(kept)),
        warnings=tuple(warnings),
    )


def _with_schema_line(ws: Workspace, text: str, path: Path) -> str:
    """The file with the line that names its JSON Schema for editors, when the workspace has
    the schemas (``kogsro init``, ``kogsro schema --write``)."""
    from kogsro.workspace.schema import SCHEMA_DIR, modeline, schema_file, with_modeline

    if not (ws.root / SCHEMA_DIR / schema_file("session")).is_file():
        return text
    return with_modeline(text, modeline("session", path, ws.root))


def render_session_template(ws: Workspace, context: dict[str, Any]) -> str:
    """Render ``session.yaml.j2``; every value comes out as a YAML scalar that reads back as
    itself (see :func:`kogsro.formats.escape.escape_yaml`)."""
    from kogsro.documents.render import render_template

    return render_template(ws, TEMPLATE, context, flavour="yaml")


def create_session(ws: Workspace, draft: Draft, *, today: date, path: Path | None = None) -> Path:
    """Write the draft as a new file (``agendas/<id>.yaml`` by default), never over another."""
    target = path or session_path(ws, draft.id)
    existing = existing_file(ws, draft.id) if path is None else None
    if existing is not None:
        raise _exists(ws, existing)
    text = session_text(ws, draft, today=today)
    try:
        fsio.create_exclusive(target, text)
    except OutputExists:
        raise _exists(ws, target) from None
    return target


def _exists(ws: Workspace, path: Path) -> OutputExists:
    return OutputExists(
        Path(ws.display(path)),
        hint="kogsro never overwrites a session file: edit it",
        remedy=Remedy("date", "YYYY-MM-DD", "for another day"),
    )


# --- a year's plan ------------------------------------------------------------------------


def write_plan(ws: Workspace, plan: YearPlan, *, today: date) -> YearPlan:
    """Create the plan's new session files; a file that appeared meanwhile counts as existing.

    Each file is made like one of ``kogsro new``: the standard items, the open tasks, and in
    the first new session the items deferred before it and not taken up since and the
    approval of the minutes not approved yet.
    """
    texts: dict[date, str] = {}
    carried: set[str] = set()
    for planned in sorted(plan.new, key=lambda p: p.date):
        draft = draft_session(ws, day=planned.date, host=planned.host, today=today, origin="plan")
        draft = replace(
            draft,
            deferred=tuple(c for c in draft.deferred if c.ref not in carried),
            approvals=tuple(a for a in draft.approvals if a.id not in carried),
        )
        carried.update(c.ref for c in draft.deferred)
        carried.update(a.id for a in draft.approvals)
        texts[planned.date] = session_text(ws, draft, today=today)
    sessions: list[PlannedSession] = []
    created: list[Path] = []
    for planned in plan.sessions:
        if planned.exists:
            sessions.append(planned)
            continue
        try:
            fsio.create_exclusive(planned.path, texts[planned.date])
        except OutputExists:
            sessions.append(replace(planned, exists=True))
            continue
        created.append(planned.path)
        sessions.append(planned)
    return replace(plan, sessions=tuple(sessions), created=tuple(created))


# --- checks -------------------------------------------------------------------------------


def carried_from_problems(ws: Workspace) -> list[Problem]:
    """Every ``carried_from`` names an item of an earlier session (``<session>-top<number>``)."""
    items: dict[str, tuple[Session, Item]] = {}
    for session in ws.sessions:
        for entry in session.numbered_items():
            items[item_ref(session.id, entry.number)] = (session, entry.item)
    problems: list[Problem] = []
    for session in ws.sessions:
        source: Source | None = session.source
        if source is None:
            continue
        for entry in session.numbered_items():
            ref = entry.item.carried_from
            if not ref:
                continue
            loc = (*entry.path, "carried_from")
            found = items.get(ref)
            if found is None:
                close = difflib.get_close_matches(ref, list(items), n=1, cutoff=0.8)
                hint = (
                    f"did you mean {close[0]!r}?"
                    if close
                    else "write <session id>-top<number>, for example 2022-06-14-top6"
                )
                problems.append(
                    source.problem(loc, f"carried_from {ref!r}: no such item", hint=hint)
                )
            elif found[0].date >= session.date:
                problems.append(
                    source.problem(
                        loc,
                        f"carried_from {ref!r}: an item can only be carried over from an earlier "
                        "session",
                    )
                )
    return problems
