"""Rich tables of the decision log and the task list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kogsro.cli.output import console

if TYPE_CHECKING:
    from rich.table import Table

_WORDS = {
    "de": {
        "decisions": "Beschlüsse", "actions": "Aufgaben", "id": "Kennung",
        "decision": "Beschluss", "vote": "Ja/Nein/Enth.", "status": "Status", "task": "Aufgabe",
        "owner": "Zuständig", "due": "Fällig/Status", "consensus": "einvernehmlich",
        "valid": "gültig", "revoked": "aufgehoben", "amended": "geändert",
        "open": "offen", "done": "erledigt", "dropped": "entfallen", "overdue": "überfällig",
        "none_decisions": "Keine Beschlüsse gefunden.", "none_actions": "Keine Aufgaben gefunden.",
        "as_of": "Stand",
    },
    "en": {
        "decisions": "Decisions", "actions": "Tasks", "id": "Id",
        "decision": "Decision", "vote": "Yes/No/Abst.", "status": "Status", "task": "Task",
        "owner": "Owner", "due": "Due/Status", "consensus": "consensus",
        "valid": "valid", "revoked": "revoked", "amended": "amended",
        "open": "open", "done": "done", "dropped": "dropped", "overdue": "overdue",
        "none_decisions": "No decisions found.", "none_actions": "No tasks found.",
        "as_of": "as of",
    },
}  # fmt: skip


def _words(lang: str) -> dict[str, str]:
    return _WORDS.get(lang, _WORDS["de"])


def _vote(vote: Any, words: dict[str, str]) -> str:
    if isinstance(vote, dict):
        return f"{vote['yes']}/{vote['no']}/{vote['abstain']}"
    if vote == "consensus":
        return words["consensus"]
    return "–"


def _id_cell(row: dict[str, Any]) -> str:
    """The id, and the session when the id does not start with it (an explicit `id:`)."""
    if row["id"].startswith(row["session"]):
        return str(row["id"])
    return f"{row['id']}\n{row['session']}"


def _table(title: str) -> Table:
    """Without vertical lines, a blank line between rows: fits 80 columns, reads well."""
    from rich import box
    from rich.table import Table

    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, leading=1, pad_edge=False)


def print_decisions(rows: list[dict[str, Any]], lang: str, numbering: str) -> None:
    from rich.text import Text

    words = _words(lang)
    out = console()
    if not rows:
        out.print(words["none_decisions"])
        return
    table = _table(f"{words['decisions']} ({len(rows)})")
    table.add_column(words["id"], style="dim", no_wrap=True)
    table.add_column(numbering, justify="right", no_wrap=True)
    table.add_column(words["decision"], min_width=20)
    table.add_column(words["vote"], no_wrap=True)
    table.add_column(words["status"], no_wrap=True)
    for row in rows:
        text = Text(row["item_title"] + "\n", style="dim")
        body = Text(row["text"])
        status = Text(words[row["status"]])
        if row["status"] == "revoked":
            body.stylize("strike")
            status.stylize("red")
        elif row["status"] == "amended":
            status.stylize("yellow")
        text.append_text(body)
        for note in row["notes"]:
            text.append("\n" + note, style="italic")
        table.add_row(_id_cell(row), row["item"], text, _vote(row["vote"], words), status)
    out.print(table)


def print_actions(rows: list[dict[str, Any]], lang: str, numbering: str, as_of: str) -> None:
    from rich.text import Text

    words = _words(lang)
    out = console()
    if not rows:
        out.print(words["none_actions"])
        return
    open_ = sum(1 for r in rows if r["status"] == "open")
    overdue = sum(1 for r in rows if r["overdue"])
    title = f"{words['actions']} ({len(rows)}; {open_} {words['open']}"
    title += f", {overdue} {words['overdue']}" if overdue else ""
    title += f"; {words['as_of']} {as_of})"
    table = _table(title)
    table.add_column(words["id"], style="dim", no_wrap=True)
    table.add_column(numbering, justify="right", no_wrap=True)
    table.add_column(words["task"], min_width=16)
    table.add_column(words["owner"])
    table.add_column(words["due"], no_wrap=True)  # the due date, the status below it
    for row in rows:
        task = Text(row["task"])
        for note in row["notes"]:
            task.append("\n" + note, style="italic dim")
        due = Text(row["due"] or "–")
        if row["overdue"]:
            due.append("\n" + words["overdue"])
            due.stylize("bold red")
        else:
            style = {"open": "", "done": "green", "dropped": "dim"}[row["status"]]
            due.append("\n" + words[row["status"]], style=style)
            if row["status"] != "open":
                task.stylize("dim")
        table.add_row(_id_cell(row), row["item"], task, row["owner_name"], due)
    out.print(table)
