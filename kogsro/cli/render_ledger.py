"""The decision log and the task list as terminal tables, in the words of kogsro.i18n."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kogsro.cli.output import console
from kogsro.cli.table import Cell, Column, Table, print_table
from kogsro.workspace.yamlsource import paused_gc

if TYPE_CHECKING:
    from kogsro.documents.views import ActionRow, DecisionRow


def _table(title: str, columns: list[Column]) -> Table:
    """Without vertical lines, a blank line between rows: fits 80 columns, reads well."""
    return Table(columns, title=title, leading=1, pad_edge=False)


NARROW = 80  # below this many columns, ids and headers take two lines so no column is lost


def _narrow() -> bool:
    return console().width < NARROW


def _id_cell(row: DecisionRow | ActionRow, narrow: bool = False) -> str:
    """The id, and the session when the id does not start with it (an explicit `id:`).

    In a narrow terminal an id made of session and TOP breaks before ``-top``.
    """
    ident = str(row["id"])
    if narrow and ident.startswith(row["session"]) and "-top" in ident:
        cut = ident.index("-top")
        return f"{ident[:cut]}\n{ident[cut:]}"
    if ident.startswith(row["session"]):
        return ident
    return f"{ident}\n{row['session']}"


def _header(text: str, narrow: bool) -> str:
    """A header like ``Fällig/Stand`` on two lines after its first ``/`` when narrow."""
    if narrow and "/" in text:
        head, _, rest = text.partition("/")
        return f"{head}/\n{rest}"
    return text


def _vote(vote: Any, t: dict[str, str]) -> str:
    if isinstance(vote, dict):
        return f"{vote['yes']}/{vote['no']}/{vote['abstain']}"
    if vote == "consensus":
        return t["vote_consensus"]
    return "–"


def print_decisions(rows: list[DecisionRow], lang: str, numbering: str) -> None:
    from kogsro.i18n import strings

    t = strings(lang)
    if not rows:
        console().print(t["decisions_none"])
        return
    narrow = _narrow()
    columns = [
        Column(t["reference"], style="dim", no_wrap=True),
        Column(numbering, justify="right", no_wrap=True),
        Column(t["decision"], min_width=12 if narrow else 20),
    ]
    if narrow:  # the status below the vote, as the task list has it below the due date
        columns.append(Column(f"{t['vote_short']}\n{t['status']}", no_wrap=True))
    else:
        columns += [Column(t["vote_short"], no_wrap=True), Column(t["status"], no_wrap=True)]
    table = _table(f"{t['decisions']} ({len(rows)})", columns)
    status_style = {"revoked": "red", "amended": "yellow"}
    with paused_gc():
        for row in rows:
            text = Cell(
                (row["item_title"], "dim"),
                (row["text"], "strike" if row["status"] == "revoked" else ""),
                *((note, "italic") for note in row["notes"]),
            )
            vote = _vote(row["vote"], t)
            status = (t[f"status_{row['status']}"], status_style.get(row["status"], ""))
            if narrow:
                table.add_row(_id_cell(row, narrow), row["item"], text, Cell((vote, ""), status))
            else:
                table.add_row(_id_cell(row, narrow), row["item"], text, vote, Cell(status))
        print_table(table)


def print_actions(rows: list[ActionRow], lang: str, numbering: str, as_of: str) -> None:
    """The task list; ``as_of`` is the day overdue is measured against, in words."""
    from kogsro.i18n import phrase, strings

    t = strings(lang)
    if not rows:
        console().print(t["actions_none"])
        return
    open_ = sum(1 for r in rows if r["status"] == "open")
    overdue = sum(1 for r in rows if r["overdue"])
    title = f"{t['actions']} ({len(rows)}; {open_} {t['status_open']}"
    title += f", {overdue} {t['overdue']}" if overdue else ""
    title += f"; {phrase(lang, 'as_of', date=as_of)})"
    narrow = _narrow()
    columns = [
        Column(t["reference"], style="dim", no_wrap=True),
        Column(numbering, justify="right", no_wrap=True),
        Column(t["task"], min_width=12 if narrow else 16),
    ]
    if not narrow:  # narrow: the owner is named below the task
        columns.append(Column(t["owner"], min_width=8))
    # the date, the status below
    columns.append(Column(_header(f"{t['due']}/{t['status']}", narrow), no_wrap=True))
    table = _table(title, columns)
    with paused_gc():
        for row in rows:
            task = Cell((row["task"], ""), *((note, "italic dim") for note in row["notes"]))
            if row["overdue"]:
                due = Cell((row["due"] or "–", ""), (t["overdue"], "")).stylize("bold red")
            else:
                style = {"open": "", "done": "green", "dropped": "dim"}[row["status"]]
                due = Cell((row["due"] or "–", ""), (t[f"status_{row['status']}"], style))
                if row["status"] != "open":
                    task = task.stylize("dim")
            if narrow:
                task = Cell(*task.parts, (f"{t['owner']}: {row['owner_name']}", "dim"))
                table.add_row(_id_cell(row, narrow), row["item"], task, due)
            else:
                table.add_row(_id_cell(row, narrow), row["item"], task, row["owner_name"], due)
        print_table(table)
