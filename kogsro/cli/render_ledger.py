"""Rich tables of the decision log and the task list, in the words of kogsro.i18n."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kogsro.cli.output import console

if TYPE_CHECKING:
    from rich.table import Table


def _table(title: str) -> Table:
    """Without vertical lines, a blank line between rows: fits 80 columns, reads well."""
    from rich import box
    from rich.table import Table

    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, leading=1, pad_edge=False)


def _id_cell(row: dict[str, Any]) -> str:
    """The id, and the session when the id does not start with it (an explicit `id:`)."""
    if row["id"].startswith(row["session"]):
        return str(row["id"])
    return f"{row['id']}\n{row['session']}"


def _vote(vote: Any, t: dict[str, str]) -> str:
    if isinstance(vote, dict):
        return f"{vote['yes']}/{vote['no']}/{vote['abstain']}"
    if vote == "consensus":
        return t["vote_consensus"]
    return "–"


def print_decisions(rows: list[dict[str, Any]], lang: str, numbering: str) -> None:
    from rich.text import Text

    from kogsro.i18n import strings

    t = strings(lang)
    out = console()
    if not rows:
        out.print(t["decisions_none"])
        return
    table = _table(f"{t['decisions']} ({len(rows)})")
    table.add_column(t["reference"], style="dim", no_wrap=True)
    table.add_column(numbering, justify="right", no_wrap=True)
    table.add_column(t["decision"], min_width=20)
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
        table.add_row(_id_cell(row), row["item"], text, _vote(row["vote"], t), status)
    out.print(table)


def print_actions(rows: list[dict[str, Any]], lang: str, numbering: str, as_of: str) -> None:
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
    table = _table(title)
    table.add_column(t["reference"], style="dim", no_wrap=True)
    table.add_column(numbering, justify="right", no_wrap=True)
    table.add_column(t["task"], min_width=16)
    table.add_column(t["owner"])
    table.add_column(f"{t['due']}/{t['status']}", no_wrap=True)  # the date, the status below
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
        table.add_row(_id_cell(row), row["item"], task, row["owner_name"], due)
    out.print(table)
