"""The decision log and the task list as the commands show them: selected, as rows, as files.

:mod:`kogsro.ledger` folds the sessions; this module picks what a command asked for (dates,
host, owner, words, open, overdue, public), turns each entry into plain data (JSON, CSV,
templates) and renders the written formats.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from kogsro.errors import UsageError
from kogsro.ledger import (
    ActionEntry,
    DecisionEntry,
    checked_ledger,
    select_actions,
    select_decisions,
)
from kogsro.load import Loc
from kogsro.model import Item, Session, Vote
from kogsro.views import is_public
from kogsro.workspace import Workspace

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
        hosts = [_known(ws, query.host, "--host", organisations_only=True)]
    for status in query.statuses:
        if status not in DECISION_STATUSES:
            raise UsageError(
                f"--status: unknown status {status!r}",
                hint="choose from " + ", ".join(DECISION_STATUSES),
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
    ref = _known(ws, ref, "--owner")
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
        f"{option}: unknown {what} {ref!r}",
        hint=f"did you mean {close[0]!r}?" if close else "ids are listed in attendees.yaml",
    )


def _check_range(since: dt.date | None, until: dt.date | None) -> None:
    if since is not None and until is not None and since > until:
        raise UsageError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}",
            hint="swap the two dates",
        )


def _public_only(ws: Workspace, entries: list[E]) -> list[E]:
    sessions = {s.id: s for s in ws.sessions}
    return [e for e in entries if entry_is_public(ws, sessions[e.session], e.loc)]


def entry_is_public(ws: Workspace, session: Session, loc: Loc) -> bool:
    """Whether a decision or action at ``loc`` belongs in public renderings.

    An item without its own ``public:`` inherits it from the item above it (the session's or
    the body's default for top-level items); below a non-public item nothing is public.
    """
    public = is_public(ws, session, None)
    items: list[Item] = session.items
    for index in loc[:-2][1::2]:  # ("items", 3, "items", 0, "actions", 1) -> 3, 0
        item = items[int(index)]
        public = item.public if item.public is not None else public
        if not public:
            return False
        items = item.items
    return True


# --- rows -------------------------------------------------------------------------------------


def vote_data(vote: Vote | Literal["consensus"] | None) -> dict[str, int] | str | None:
    if isinstance(vote, Vote):
        return {"yes": vote.yes, "no": vote.no, "abstain": vote.abstain}
    return vote


def decision_row(ws: Workspace, entry: DecisionEntry) -> dict[str, Any]:
    """One decision as plain data (JSON, CSV, templates)."""
    return {
        "id": entry.id,
        "session": entry.session,
        "date": entry.date.isoformat(),
        "host": entry.host,
        "host_name": ws.label_of(entry.host),
        "item": entry.item,
        "item_label": f"{ws.config.numbering} {entry.item}",
        "item_title": entry.item_title,
        "text": entry.text,
        "vote": vote_data(entry.vote),
        "status": entry.status,
        "notes": list(entry.notes),
    }


def action_row(ws: Workspace, entry: ActionEntry, as_of: dt.date) -> dict[str, Any]:
    """One action as plain data; ``overdue`` as of ``as_of``."""
    return {
        "id": entry.id,
        "session": entry.session,
        "date": entry.date.isoformat(),
        "host": entry.host,
        "host_name": ws.label_of(entry.host),
        "item": entry.item,
        "item_label": f"{ws.config.numbering} {entry.item}",
        "item_title": entry.item_title,
        "task": entry.task,
        "owner": entry.owner,
        "owner_name": ws.label_of(entry.owner),
        "due": entry.due.isoformat() if entry.due else None,
        "status": entry.status,
        "overdue": entry.is_overdue(as_of),
        "notes": list(entry.notes),
        "updated_in": list(entry.updated_in),
    }


def decision_rows(ws: Workspace, entries: Iterable[DecisionEntry]) -> list[dict[str, Any]]:
    return [decision_row(ws, e) for e in entries]


def action_rows(
    ws: Workspace, entries: Iterable[ActionEntry], as_of: dt.date
) -> list[dict[str, Any]]:
    return [action_row(ws, e, as_of) for e in entries]


# --- CSV --------------------------------------------------------------------------------------

DECISION_COLUMNS = (
    "id", "date", "session", "host", "item", "item_title", "text",
    "vote", "yes", "no", "abstain", "status", "notes",
)  # fmt: skip
ACTION_COLUMNS = (
    "id", "date", "session", "host", "item", "item_title", "task", "owner", "owner_name",
    "due", "status", "overdue", "notes", "updated_in",
)  # fmt: skip


def decision_cells(row: dict[str, Any]) -> list[object]:
    vote = row["vote"]
    counted = vote if isinstance(vote, dict) else {}
    return [
        row["id"],
        row["date"],
        row["session"],
        row["host"],
        row["item"],
        row["item_title"],
        row["text"],
        "counted" if counted else (vote or ""),
        counted.get("yes", ""),
        counted.get("no", ""),
        counted.get("abstain", ""),
        row["status"],
        "\n".join(row["notes"]),
    ]


def action_cells(row: dict[str, Any]) -> list[object]:
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
        row["status"],
        "yes" if row["overdue"] else "no",
        "\n".join(row["notes"]),
        " ".join(row["updated_in"]),
    ]


def ledger_csv(kind: LedgerKind, rows: Sequence[dict[str, Any]], *, delimiter: str = ",") -> bytes:
    from kogsro.formats.csv import to_csv

    if kind == "decisions":
        return to_csv(DECISION_COLUMNS, [decision_cells(r) for r in rows], delimiter=delimiter)
    return to_csv(ACTION_COLUMNS, [action_cells(r) for r in rows], delimiter=delimiter)


# --- output -----------------------------------------------------------------------------------

FORMATS = ("table", "json", "csv", "md", "html", "pdf")
"""What ``kogsro decisions`` and ``kogsro actions`` can show: a table in the terminal, or a file."""
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t"}


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError(
            f"--format: unknown format {fmt!r}", hint="choose from " + ", ".join(FORMATS)
        )
    return fmt


def check_delimiter(delimiter: str) -> str:
    """The CSV delimiter: ``,`` (the default), ``;`` (what German spreadsheets expect) or tab."""
    try:
        return DELIMITERS[delimiter]
    except KeyError:
        raise UsageError(
            f"--delimiter: {delimiter!r} is not a CSV delimiter", hint="use ',', ';' or tab"
        ) from None


def default_path(ws: Workspace, kind: LedgerKind, fmt: str, *, public: bool = False) -> Path:
    """``out/decisions.csv``, ``out/actions-public.pdf``, ..."""
    return ws.out_dir / f"{kind}{'-public' if public else ''}.{fmt}"


def ledger_file(
    kind: LedgerKind, rows: Sequence[dict[str, Any]], fmt: str, *, delimiter: str = ","
) -> bytes:
    """The rows of the decision log or the task list as the bytes of a file in ``fmt``."""
    if fmt == "json":
        from kogsro.formats.json import to_json_records

        return to_json_records(rows)
    if fmt == "csv":
        return ledger_csv(kind, rows, delimiter=delimiter)
    raise UsageError(
        f"--format {fmt}: the {kind} as {fmt.upper()} need the document templates",
        hint="use --format csv or --json for now",
    )
