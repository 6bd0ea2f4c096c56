"""The words of calendar entries: the event's title and description, the feed's name."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "ics_cancelled": ("Abgesagt", "Cancelled"),
    "ics_cancelled_note": ("Die Sitzung ist abgesagt.", "This meeting has been cancelled."),
    "ics_host": ("Gastgeber", "Host"),
    "ics_chair": ("Vorsitz", "Chair"),
    "ics_directions": ("Anfahrt", "Directions"),
    "ics_online": ("Online-Teilnahme", "Join online"),
    "ics_rsvp": ("Rückmeldung zur Teilnahme bis", "Please reply by"),
    "ics_agenda": ("Tagesordnung", "Agenda"),
    "ics_closed": ("nichtöffentlich", "not public"),
    "ics_feed": ("Sitzungen", "Meetings"),
}
