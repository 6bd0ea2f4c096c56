"""The decision log and the task list as the commands show them: selected, as rows, as files.

:mod:`kogsro.ledger.fold` folds the sessions; this module picks what a command asked for (dates,
host, owner, words, open, overdue, public), turns each entry into plain data (JSON, CSV,
templates) and renders the written formats.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from kogsro.documents.presentation import (
    content,
    due_text,
    paragraphs,
    publicity,
    scrub_contacts,
    vote_counts,
    vote_text,
    who,
)
from kogsro.errors import UsageError
from kogsro.i18n import format_date, phrase, strings
from kogsro.ledger.attendance import quorate
from kogsro.ledger.fold import (
    ActionEntry,
    DecisionEntry,
    checked_ledger,
    select_actions,
    select_decisions,
)
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Vote
from kogsro.workspace.yamlsource import Loc

if TYPE_CHECKING:
    from kogsro.documents.views import (
        ActionRow,
        DecisionGroup,
        DecisionRow,
        LedgerDecisionView,
        LedgerRow,
        TaskView,
        VoteCounts,
    )

E = TypeVar("E", DecisionEntry, ActionEntry)
LedgerKind = Literal["decisions", "actions"]
DECISION_STATUSES = ("valid", "revoked", "amended")


@dataclass(frozen=True, slots=True)
class DecisionQuery:
    since: dt.date | None = None
    until: dt.date | None = None
    host: str | None = None
    search: str | None = None
    statuses: tuple[str, ...] = ()
    public: bool = False


@dataclass(frozen=True, slots=True)
class ActionQuery:
    as_of: dt.date
    open_only: bool = False
    owner: str | None = None
    overdue: bool = False
    since: dt.date | None = None
    until: dt.date | None = None
    search: str | None = None
    public: bool = False


# --- selecting --------------------------------------------------------------------------------


def decision_log(ws: Workspace, query: DecisionQuery) -> list[DecisionEntry]:
    """The decisions ``query`` asks for; unknown ids and impossible ranges are usage errors."""
    _check_range(query.since, query.until)
    hosts = None
    if query.host is not None:
        hosts = [_known(ws, query.host, "host", organisations_only=True)]
    for status in query.statuses:
        if status not in DECISION_STATUSES:
            raise UsageError(
                f"unknown status {status!r}",
                hint="choose from " + ", ".join(DECISION_STATUSES),
                option="status",
            )
    entries = select_decisions(
        checked_ledger(ws).decisions,
        since=query.since,
        until=query.until,
        hosts=hosts,
        search=query.search,
    )
    if query.statuses:
        entries = [e for e in entries if e.status in query.statuses]
    if query.public:
        entries = _public_only(ws, entries)
    return entries


def task_list(ws: Workspace, query: ActionQuery) -> list[ActionEntry]:
    """The actions ``query`` asks for; ``owner`` may be a person or an organisation (then the
    actions of its people count too)."""
    _check_range(query.since, query.until)
    owners = None if query.owner is None else owner_ids(ws, query.owner)
    entries = select_actions(
        checked_ledger(ws).actions,
        as_of=query.as_of,
        open_only=query.open_only,
        owners=owners,
        overdue=query.overdue,
        since=query.since,
        until=query.until,
        search=query.search,
    )
    if query.public:
        entries = _public_only(ws, entries)
    return entries


def owner_ids(ws: Workspace, ref: str) -> set[str]:
    """A person, or an organisation and its people."""
    ref = _known(ws, ref, "owner")
    if ref in ws.people:
        return {ref}
    return {ref} | {p.id for p in ws.roster.people if p.organisation == ref}


def _known(ws: Workspace, ref: str, option: str, *, organisations_only: bool = False) -> str:
    pool = list(ws.organisations) if organisations_only else [*ws.organisations, *ws.people]
    if ref in pool:
        return ref
    close = difflib.get_close_matches(ref, pool, n=1, cutoff=0.6)
    what = "organisation" if organisations_only else "person or organisation"
    raise UsageError(
        f"unknown {what} {ref!r}",
        hint=f"did you mean {close[0]!r}?" if close else "ids are listed in attendees.yaml",
        option=option,
    )


def _check_range(since: dt.date | None, until: dt.date | None) -> None:
    if since is not None and until is not None and since > until:
        raise UsageError(
            f"the first day {since.isoformat()} is after the last day {until.isoformat()}",
            hint="swap the two dates",
            option=("since", "until"),
        )


def _public_only(ws: Workspace, entries: list[E]) -> list[E]:
    """The entries of public items (see :func:`kogsro.documents.presentation.publicity`)."""
    public = entry_publicity(ws)
    return [e for e in entries if public(e)]


def entry_publicity(ws: Workspace) -> Callable[[DecisionEntry | ActionEntry], bool]:
    """Whether a decision's or action's item is public, looked up once per session."""
    sessions = {s.id: s for s in ws.sessions}
    tables: dict[str, dict[Loc, bool]] = {}

    def public(entry: DecisionEntry | ActionEntry) -> bool:
        table = tables.get(entry.session)
        if table is None:
            table = tables[entry.session] = publicity(ws, sessions[entry.session])
        return table[entry.loc[:-2]]  # ("items", 4, "actions", 0) -> the item ("items", 4)

    return public


# --- rows -------------------------------------------------------------------------------------


def vote_data(vote: Vote | Literal["consensus"] | None) -> VoteCounts | str | None:
    if isinstance(vote, Vote):
        return vote_counts(vote)
    return vote


def _ledger_row(ws: Workspace, entry: DecisionEntry | ActionEntry) -> LedgerRow:
    """What a decision and a task as plain data have alike: the entry, its session, its item."""
    return {
        "id": entry.id,
        "session": entry.session,
        "date": entry.date.isoformat(),
        "host": entry.host,
        "host_name": ws.label_of(entry.host),
        "item": entry.item,
        "item_label": ws.config.item_label(entry.item),
        "item_title": entry.item_title,
    }


def decision_row(ws: Workspace, entry: DecisionEntry) -> DecisionRow:
    """One decision as plain data (JSON, CSV, templates)."""
    return {
        **_ledger_row(ws, entry),
        "text": entry.text,
        "vote": vote_data(entry.vote),
        "status": entry.status,
        "notes": list(entry.notes),
    }


def action_row(ws: Workspace, entry: ActionEntry, as_of: dt.date) -> ActionRow:
    """One action as plain data; ``overdue`` as of ``as_of``."""
    return {
        **_ledger_row(ws, entry),
        "task": entry.task,
        "owner": entry.owner,
        "owner_name": ws.label_of(entry.owner),
        "due": entry.due.isoformat() if entry.due else None,
        "status": entry.status,
        "overdue": entry.is_overdue(as_of),
        "notes": list(entry.notes),
        "updated_in": list(entry.updated_in),
    }


def decision_rows(
    ws: Workspace, entries: Iterable[DecisionEntry], *, public: bool = False, lang: str = "de"
) -> list[DecisionRow]:
    """The decisions as rows; ``public``: without contact data (see ``scrub_contacts``)."""
    rows = [decision_row(ws, e) for e in entries]
    return scrub_contacts(rows, lang) if public else rows


def action_rows(
    ws: Workspace,
    entries: Iterable[ActionEntry],
    as_of: dt.date,
    *,
    public: bool = False,
    lang: str = "de",
) -> list[ActionRow]:
    """The tasks as rows; ``public``: without contact data (see ``scrub_contacts``)."""
    rows = [action_row(ws, e, as_of) for e in entries]
    return scrub_contacts(rows, lang) if public else rows


# --- CSV --------------------------------------------------------------------------------------

DECISION_COLUMNS = (
    "id", "date", "session", "host", "item", "item_title", "text",
    "vote", "yes", "no", "abstain", "status", "notes",
)  # fmt: skip
ACTION_COLUMNS = (
    "id", "date", "session", "host", "item", "item_title", "task", "owner", "owner_name",
    "due", "status", "overdue", "notes", "updated_in",
)  # fmt: skip


def decision_cells(row: DecisionRow, lang: str = "en") -> list[object]:
    t = strings(lang)
    vote = row["vote"]
    counted: VoteCounts | dict[str, int] = vote if isinstance(vote, dict) else {}
    return [
        row["id"],
        row["date"],
        row["session"],
        row["host"],
        row["item"],
        row["item_title"],
        row["text"],
        t["csv_vote_counted"] if counted else (t[f"csv_vote_{vote}"] if vote else ""),
        counted.get("yes", ""),
        counted.get("no", ""),
        counted.get("abstain", ""),
        t[f"csv_status_{row['status']}"],
        "\n".join(row["notes"]),
    ]


def action_cells(row: ActionRow, lang: str = "en") -> list[object]:
    t = strings(lang)
    return [
        row["id"],
        row["date"],
        row["session"],
        row["host"],
        row["item"],
        row["item_title"],
        row["task"],
        row["owner"],
        row["owner_name"],
        row["due"] or "",
        t[f"csv_status_{row['status']}"],
        t["csv_true"] if row["overdue"] else t["csv_false"],
        "\n".join(row["notes"]),
        " ".join(row["updated_in"]),
    ]


def decisions_csv(rows: Sequence[DecisionRow], *, delimiter: str = ",", lang: str = "en") -> bytes:
    """The decisions as CSV, headers and words in ``lang`` (English: the JSON field names)."""
    from kogsro.formats.csv import to_csv

    t = strings(lang)
    header = [t[f"csv_{name}"] for name in DECISION_COLUMNS]
    return to_csv(header, [decision_cells(r, lang) for r in rows], delimiter=delimiter)


def actions_csv(rows: Sequence[ActionRow], *, delimiter: str = ",", lang: str = "en") -> bytes:
    """The tasks as CSV, headers and words in ``lang`` (English: the JSON field names)."""
    from kogsro.formats.csv import to_csv

    t = strings(lang)
    header = [t[f"csv_{name}"] for name in ACTION_COLUMNS]
    return to_csv(header, [action_cells(r, lang) for r in rows], delimiter=delimiter)


# --- output -----------------------------------------------------------------------------------

FORMATS = ("table", "json", "csv", "md", "html", "pdf")
"""What ``kogsro decisions`` and ``kogsro actions`` can show: a table in the terminal, or a file."""
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError(
            f"unknown format {fmt!r}", hint="choose from " + ", ".join(FORMATS), option="format"
        )
    return fmt


def check_delimiter(delimiter: str) -> str:
    """The CSV delimiter: ``,`` (the default), ``;`` (what German spreadsheets expect) or tab."""
    try:
        return DELIMITERS[delimiter]
    except KeyError:
        raise UsageError(
            f"{delimiter!r} is not a CSV delimiter", hint="use ',', ';' or tab", option="delimiter"
        ) from None


def default_path(
    ws: Workspace, kind: LedgerKind, fmt: str, *, lang: str | None = None, public: bool = False
) -> Path:
    """``out/decisions.csv``, ``out/actions.en.public.pdf``: the language only when it is not the
    workspace's own, as for the documents of a session."""
    parts: list[str] = [kind]
    if lang is not None and lang != ws.config.language:
        parts.append(lang)
    if public:
        parts.append("public")
    parts.append(fmt)
    return ws.out_dir / ".".join(parts)


def decisions_file(
    ws: Workspace,
    entries: Sequence[DecisionEntry],
    query: DecisionQuery,
    fmt: str,
    *,
    lang: str | None = None,
    delimiter: str = ",",
) -> bytes:
    """The decision log as the bytes of a ``json``, ``csv``, ``md``, ``html`` or ``pdf`` file."""
    lang = lang or ws.config.language
    if fmt in ("json", "csv"):
        rows = decision_rows(ws, entries, public=query.public, lang=lang)
        delimiter = check_delimiter(delimiter)
        if fmt == "json":
            return _json(rows)
        return decisions_csv(rows, delimiter=delimiter, lang=lang)
    context = _document_context(
        ws, "decisions", lang, query.public, describe_decisions(ws, query, lang)
    )
    context["sessions"] = _by_session(ws, entries, lang)
    return _document(ws, "decisions", context, fmt, lang)


def actions_file(
    ws: Workspace,
    entries: Sequence[ActionEntry],
    query: ActionQuery,
    fmt: str,
    *,
    lang: str | None = None,
    delimiter: str = ",",
) -> bytes:
    """The task list as the bytes of a ``json``, ``csv``, ``md``, ``html`` or ``pdf`` file."""
    lang = lang or ws.config.language
    if fmt in ("json", "csv"):
        rows = action_rows(ws, entries, query.as_of, public=query.public, lang=lang)
        delimiter = check_delimiter(delimiter)
        if fmt == "json":
            return _json(rows)
        return actions_csv(rows, delimiter=delimiter, lang=lang)
    context = _document_context(
        ws, "actions", lang, query.public, describe_actions(ws, query, lang)
    )
    context["as_of"] = query.as_of.isoformat()
    context["as_of_text"] = phrase(lang, "as_of", date=format_date(query.as_of, lang, "long"))
    public = entry_publicity(ws)
    context["actions"] = [action_item(ws, e, query.as_of, lang, public=public(e)) for e in entries]
    return _document(ws, "actions", context, fmt, lang)


def _json(rows: Sequence[DecisionRow] | Sequence[ActionRow]) -> bytes:
    from kogsro.formats.json import to_json_records

    return to_json_records(rows)


# --- documents (md, html, pdf) ----------------------------------------------------------------


def describe_decisions(ws: Workspace, query: DecisionQuery, lang: str) -> list[str]:
    """The filters of ``query`` in words, for the head of the document."""
    parts = _describe_dates(query.since, query.until, lang)
    if query.host:
        parts.append(phrase(lang, "filter_host", host=ws.label_of(query.host)))
    if query.statuses:
        words = ", ".join(phrase(lang, f"status_{s}") for s in query.statuses)
        parts.append(phrase(lang, "filter_status", statuses=words))
    if query.search:
        parts.append(phrase(lang, "filter_search", text=query.search))
    return parts


def describe_actions(ws: Workspace, query: ActionQuery, lang: str) -> list[str]:
    """The filters of ``query`` in words, for the head of the document."""
    parts = _describe_dates(query.since, query.until, lang)
    if query.overdue:
        parts.append(phrase(lang, "filter_overdue"))
    elif query.open_only:
        parts.append(phrase(lang, "filter_open"))
    if query.owner:
        parts.append(phrase(lang, "filter_owner", owner=who(ws, query.owner)))
    if query.search:
        parts.append(phrase(lang, "filter_search", text=query.search))
    return parts


def _describe_dates(since: dt.date | None, until: dt.date | None, lang: str) -> list[str]:
    parts = []
    if since is not None:
        parts.append(phrase(lang, "filter_since", date=format_date(since, lang, "long")))
    if until is not None:
        parts.append(phrase(lang, "filter_until", date=format_date(until, lang, "long")))
    return parts


def ledger_title(ws: Workspace, kind: LedgerKind, lang: str, *, public: bool = False) -> str:
    """``Beschlussübersicht der KoG SRO``, ``Task list of the KoG SRO (Public version)``."""
    what = phrase(lang, "decision_log" if kind == "decisions" else "task_list")
    title = phrase(lang, "ledger_title", what=what, body=ws.config.body.short)
    return f"{title} ({phrase(lang, 'public_version')})" if public else title


def _document_context(
    ws: Workspace, kind: LedgerKind, lang: str, public: bool, filters: list[str]
) -> dict[str, Any]:
    from kogsro.documents.render import common_context

    context = common_context(ws, lang=lang, public=public)
    context["kind"] = kind
    context["title"] = ledger_title(ws, kind, lang, public=public)
    context["kind_text"] = phrase(lang, "decision_log" if kind == "decisions" else "task_list")
    context["heading"] = ledger_title(ws, kind, lang)
    context["filters"] = filters
    return context


def _document(
    ws: Workspace, kind: LedgerKind, context: dict[str, Any], fmt: str, lang: str
) -> bytes:
    from kogsro.documents.render import (
        FORMATS,
        assets_dir,
        render_template,
        template_origin,
        to_output,
    )

    if context["public"]:
        context = scrub_contacts(context, context["lang"])
    name = f"{kind}.{FORMATS[fmt]}.j2"
    if fmt == "pdf":
        joined = _pdf_in_parts(ws, kind, context, name, lang)
        if joined is not None:
            return joined
    text = render_template(ws, name, context, flavour=FORMATS[fmt])
    return to_output(
        text,
        fmt,
        title=context["title"],
        lang=lang,
        assets=assets_dir(ws),
        source_name=template_origin(ws, name),
    )


PART_ROWS = 400
"""Decisions or tasks per part of a long ledger PDF (see :func:`_pdf_in_parts`)."""


def _pdf_in_parts(
    ws: Workspace, kind: LedgerKind, context: dict[str, Any], name: str, lang: str
) -> bytes | None:
    """A long decision log or task list as PDF compiled in parts, or None for one compile.

    Typst keeps the layout of a whole document in memory (about 200 MB per thousand table rows),
    so a ledger of more than :data:`PART_ROWS` entries is compiled in parts of at most that many,
    each in a process of its own, and the parts are joined into one tagged PDF
    (:mod:`kogsro.formats.pdfjoin`): the task list by rows, each part ending where a page of the
    whole table ends (:func:`~kogsro.formats.pdf.compile_pdf_rows`), the decision log by whole
    sessions, each starting on a new page (:func:`_decision_parts`). The parts after the first
    are ``continued`` (no title lines). Only the built-in templates know about parts (the page
    numbers across parts live in ``base.typ.j2``): a workspace's own template gets one compile.
    """
    from kogsro.documents.render import assets_dir, render_template, template_origin
    from kogsro.formats import pdf

    if any(not template_origin(ws, t).startswith("<built-in>/") for t in (name, "base.typ.j2")):
        return None
    options: dict[str, Any] = {
        "title": context["title"],
        "lang": lang,
        "assets": assets_dir(ws),
        "source_name": template_origin(ws, name),
    }
    if kind == "actions":
        rows: list[TaskView] = context["actions"]
        if len(rows) <= PART_ROWS:
            return None

        def source(start: int, stop: int) -> str:
            part = {**context, "actions": rows[start:stop], "continued": start > 0}
            return render_template(ws, name, part, flavour="typ")

        return pdf.compile_pdf_rows(source, len(rows), per_part=PART_ROWS, **options)
    groups = _decision_parts(context["sessions"])
    if groups is None:
        return None
    sources = [
        render_template(
            ws, name, {**context, "sessions": group, "continued": index > 0}, flavour="typ"
        )
        for index, group in enumerate(groups)
    ]
    return pdf.compile_pdf_parts(sources, **options)


def _decision_parts(sessions: list[DecisionGroup]) -> list[list[DecisionGroup]] | None:
    """The sessions of a decision log in parts of whole sessions with at most
    :data:`PART_ROWS` decisions (a session with more is a part of its own); None when all fit
    in one."""
    if sum(len(s["decisions"]) for s in sessions) <= PART_ROWS:
        return None
    groups: list[list[DecisionGroup]] = [[]]
    size = 0
    for session in sessions:
        if groups[-1] and size + len(session["decisions"]) > PART_ROWS:
            groups.append([])
            size = 0
        groups[-1].append(session)
        size += len(session["decisions"])
    return groups


_DATED_NOTE = re.compile(r"^(\d{4}-\d{2}-\d{2}): ")


def dated_notes(notes: Iterable[str], lang: str) -> list[str]:
    """Notes with their dates in the words of the language ("12.04.2022: ...")."""
    out = []
    for note in notes:
        match = _DATED_NOTE.match(note)
        if match:
            day = format_date(dt.date.fromisoformat(match[1]), lang, "numeric")
            note = f"{day}: {note[match.end() :]}"
        out.append(note)
    return out


def _by_session(ws: Workspace, entries: Iterable[DecisionEntry], lang: str) -> list[DecisionGroup]:
    """The decisions grouped by session, in order."""
    view = decision_viewer(ws, lang)
    groups: list[DecisionGroup] = []
    for entry in entries:
        if not groups or groups[-1]["id"] != entry.session:
            groups.append(
                {
                    "id": entry.session,
                    "date": entry.date.isoformat(),
                    "date_text": format_date(entry.date, lang, "long"),
                    "heading": phrase(
                        lang, "session_on", date=format_date(entry.date, lang, "long")
                    ),
                    "host": entry.host,
                    "host_text": ws.name_of(entry.host),
                    "decisions": [],
                }
            )
        groups[-1]["decisions"].append(view(entry))
    return groups


def decision_viewer(ws: Workspace, lang: str) -> Callable[[DecisionEntry], LedgerDecisionView]:
    """One decision of the ledger as the decision log (document and website) shows it, in the
    words of ``lang``: the vote of a session that was not quorate says that no valid decision
    was taken; a decision of a non-public item is marked. Quorum and publicity are looked up
    once per session."""
    sessions = {s.id: s for s in ws.sessions}
    valid: dict[str, bool] = {}
    public = entry_publicity(ws)

    def view(entry: DecisionEntry) -> LedgerDecisionView:
        if entry.session not in valid:
            valid[entry.session] = quorate(ws, sessions[entry.session])
        shown = public(entry)
        return {
            "id": entry.id,
            "session": entry.session,
            "date": entry.date.isoformat(),
            "date_text": format_date(entry.date, lang, "long"),
            "item": entry.item,
            "item_label": ws.config.item_label(entry.item, lang),
            "item_title": content(ws, entry.item_title, lang),
            "text": entry.text,
            "paragraphs": [content(ws, p, lang) for p in paragraphs(entry.text)],
            "vote_text": vote_text(entry.vote, lang, quorate=valid[entry.session]),
            "status": entry.status,
            "status_text": phrase(lang, f"status_{entry.status}"),
            "notes": dated_notes(entry.notes, lang),
            "public": shown,
            "nonpublic_text": None if shown else phrase(lang, "nonpublic_item"),
        }

    return view


def action_item(
    ws: Workspace, entry: ActionEntry, as_of: dt.date, lang: str, *, public: bool = True
) -> TaskView:
    """One task as the templates see it, in the words of ``lang``; overdue as of ``as_of``;
    ``public``: whether it comes from a public item (internal lists mark the others "N")."""
    overdue = entry.is_overdue(as_of)
    return {
        "id": entry.id,
        "session": entry.session,
        "session_text": format_date(entry.date, lang, "numeric"),
        "item": entry.item,
        "item_label": ws.config.item_label(entry.item, lang),
        "item_title": content(ws, entry.item_title, lang),
        "task": content(ws, entry.task, lang),
        "owner": entry.owner,
        "owner_text": who(ws, entry.owner),
        "due": entry.due.isoformat() if entry.due else None,
        "due_text": due_text(entry.due, lang),
        "status": entry.status,
        "status_text": phrase(lang, "overdue" if overdue else f"status_{entry.status}"),
        "overdue": overdue,
        "notes": dated_notes(entry.notes, lang),
        "public": public,
        "nonpublic_text": None if public else phrase(lang, "nonpublic_item"),
    }


# --- kogsro build -------------------------------------------------------------------------------

LEDGER_DOCUMENTS = ("md", "html", "pdf")


def render_ledger_document(
    ws: Workspace, *, kind: LedgerKind, fmt: str, lang: str, public: bool
) -> bytes:
    """The whole decision log, or the whole task list as of today, as ``kogsro build`` writes."""
    if kind == "decisions":
        decisions = DecisionQuery(public=public)
        return decisions_file(ws, decision_log(ws, decisions), decisions, fmt, lang=lang)
    from kogsro.clock import today

    actions = ActionQuery(as_of=today(), public=public)
    return actions_file(ws, task_list(ws, actions), actions, fmt, lang=lang)
