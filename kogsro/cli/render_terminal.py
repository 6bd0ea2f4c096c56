"""The session as the terminal shows it: the facts, then the agenda as a table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kogsro.cli.output import console

if TYPE_CHECKING:
    from kogsro.documents.views import PersonView, SessionSummary

_LABELS = {
    "de": {
        "time": "Zeit", "place": "Ort", "host": "Gastgeber", "chair": "Leitung",
        "guests": "Gäste", "agenda": "Tagesordnung", "start": "Beginn", "min": "Min.",
        "item": "Punkt", "by": "Vortragende", "public": "Ö/N", "online": "Online",
        "rsvp": "Rückmeldungen",
        "rsvp_counts": "{yes} ja, {no} nein, {maybe} vielleicht, {open} offen; "
                       "beschlussfähig ab {required} {unit}",
        "unit_organisations": "Mitgliedsorganisationen", "unit_people": "Mitgliedern",
    },
    "en": {
        "time": "Time", "place": "Place", "host": "Host", "chair": "Chair",
        "guests": "Guests", "agenda": "Agenda", "start": "Start", "min": "Min.",
        "item": "Item", "by": "Presenters", "public": "P/NP", "online": "Online",
        "rsvp": "Replies",
        "rsvp_counts": "{yes} yes, {no} no, {maybe} maybe, {open} open; "
                       "quorum with {required} {unit}",
        "unit_organisations": "member organisations", "unit_people": "members",
    },
}  # fmt: skip


def print_session(summary: SessionSummary, lang: str, numbering: str) -> None:
    from rich.text import Text

    from kogsro.cli.table import Cell, Column, Table, print_table
    from kogsro.workspace.yamlsource import paused_gc

    words = _LABELS.get(lang, _LABELS["de"])
    out = console()
    out.print(Text(summary["title"], style="bold"))
    out.print(Text(summary["date_text"], style="bold cyan"))
    facts = Table([Column("", style="dim"), Column("")], grid=True, padding=(0, 2), pad_edge=False)
    facts.add_row(words["time"], f"{summary['start']}–{summary['end']}")
    location = summary["location"]
    if location:
        place = location["name"] + (f", {location['address']}" if location.get("address") else "")
        facts.add_row(words["place"], place)
        if location.get("online"):
            facts.add_row(words["online"], location["online"])
    facts.add_row(words["host"], summary["host"]["name"])
    facts.add_row(words["chair"], summary["chair"]["name"])
    if summary["guests"]:
        facts.add_row(words["guests"], "; ".join(_guest(g) for g in summary["guests"]))
    rsvp = summary.get("rsvp")
    if rsvp and rsvp["open"] < rsvp["members"]:
        facts.add_row(
            words["rsvp"],
            words["rsvp_counts"].format(
                required=rsvp["quorum"]["required"],
                unit=words[f"unit_{rsvp['quorum']['counts']}"],
                **rsvp,
            ),
        )
    print_table(facts, out)

    columns = [
        Column(numbering, justify="right", no_wrap=True),
        Column(words["start"], no_wrap=True),
        Column(words["min"], justify="right", no_wrap=True),
        Column(words["item"], ratio=3),
        Column(words["by"], ratio=2),
        Column(words["public"], justify="center", no_wrap=True),
    ]
    table = Table(columns, title=words["agenda"], expand=True)
    public_mark = ("Ö", "N") if lang == "de" else ("P", "NP")
    with paused_gc():
        for item in summary["items"]:
            style = "dim italic" if item["status"] == "deferred" else ""
            table.add_row(
                item["number"],
                item["start"],
                "" if item["duration"] is None else str(item["duration"]),
                Cell(
                    (item["title"], style), indent=2 * item["depth"]
                ),  # wrapped lines stay indented
                ", ".join(item["presenters"]),
                public_mark[0] if item["public"] else Cell((public_mark[1], "yellow")),
            )
        print_table(table, out)


def _guest(guest: PersonView) -> str:
    if guest.get("organisation") and guest["kind"] != "organisation":
        return f"{guest['name']} ({guest['organisation']})"
    return str(guest["name"])
