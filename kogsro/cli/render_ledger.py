"""Rich tables of the decision log and the task list, in the words of kogsro.i18n."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kogsro.cli.output import console

if TYPE_CHECKING:
    from rich.table import Table

    from kogsro.documents.views import ActionRow, DecisionRow


def _table(title: str) -> Table:
    """Without vertical lines, a blank line between rows: fits 80 columns, reads well."""
    from rich import box
    from rich.table import Table

    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, leading=1, pad_edge=False)


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
    from rich.text import Text

    from kogsro.i18n import strings

    t = strings(lang)
    out = console()
    if not rows:
        out.print(t["decisions_none"])
        return
    narrow = _narrow()
    table = _table(f"{t['decisions']} ({len(rows)})")
    table.add_column(t["reference"], style="dim", no_wrap=True)
    table.add_column(numbering, justify="right", no_wrap=True)
    table.add_column(t["decision"], min_width=12 if narrow else 20, overflow="fold")
    if narrow:  # the status below the vote, as the task list has it below the due date
        table.add_column(f"{t['vote_short']}\n{t['status']}", no_wrap=True)
    else:
        table.add_column(t["vote_short"], no_wrap=True)
        table.add_column(t["status"], no_wrap=True)
    for row in rows:
        text = Text(row["item_title"] + "\n", style="dim")
        body = Text(row["text"])
        status = Text(t[f"status_{row['status']}"])
        if row["status"] == "revoked":
            body.stylize("strike")
            status.stylize("red")
        elif row["status"] == "amended":
            status.stylize("yellow")
        text.append_text(body)
        for note in row["notes"]:
            text.append("\n" + note, style="italic")
        vote = Text(_vote(row["vote"], t))
        if narrow:
            table.add_row(_id_cell(row, narrow), row["item"], text, vote + "\n" + status)
        else:
            table.add_row(_id_cell(row, narrow), row["item"], text, vote, status)
    out.print(table)


def print_actions(rows: list[ActionRow], lang: str, numbering: str, as_of: str) -> None:
    """The task list; ``as_of`` is the day overdue is measured against, in words."""
    from rich.text import Text

    from kogsro.i18n import phrase, strings

    t = strings(lang)
    out = console()
    if not rows:
        out.print(t["actions_none"])
        return
    open_ = sum(1 for r in rows if r["status"] == "open")
    overdue = sum(1 for r in rows if r["overdue"])
    title = f"{t['actions']} ({len(rows)}; {open_} {t['status_open']}"
    title += f", {overdue} {t['overdue']}" if overdue else ""
    title += f"; {phrase(lang, 'as_of', date=as_of)})"
    narrow = _narrow()
    table = _table(title)
    table.add_column(t["reference"], style="dim", no_wrap=True)
    table.add_column(numbering, justify="right", no_wrap=True)
    table.add_column(t["task"], min_width=12 if narrow else 16, overflow="fold")
    if not narrow:  # narrow: the owner is named below the task
        table.add_column(t["owner"], min_width=8, overflow="fold")
    # the date, the status below
    table.add_column(_header(f"{t['due']}/{t['status']}", narrow), no_wrap=True)
    for row in rows:
        task = Text(row["task"])
        for note in row["notes"]:
            task.append("\n" + note, style="italic dim")
        due = Text(row["due"] or "–")
        if row["overdue"]:
            due.append("\n" + t["overdue"])
            due.stylize("bold red")
        else:
            style = {"open": "", "done": "green", "dropped": "dim"}[row["status"]]
            due.append("\n" + t[f"status_{row['status']}"], style=style)
            if row["status"] != "open":
                task.stylize("dim")
        if narrow:
            task.append(f"\n{t['owner']}: {row['owner_name']}", style="dim")
            table.add_row(_id_cell(row, narrow), row["item"], task, due)
        else:
            table.add_row(_id_cell(row, narrow), row["item"], task, row["owner_name"], due)
    out.print(table)
