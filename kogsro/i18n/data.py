"""Column names and values of the CSV files of the decision log and the task list.

German spreadsheets get German headers and values (``erledigt``, ``nein``); the English ones
are the field names of the JSON records, so scripts can read either.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "csv_id": ("Kennung", "id"),
    "csv_date": ("Datum", "date"),
    "csv_session": ("Sitzung", "session"),
    "csv_host": ("Gastgeber", "host"),
    "csv_item": ("TOP", "item"),
    "csv_item_title": ("Tagesordnungspunkt", "item_title"),
    "csv_text": ("Beschluss", "text"),
    "csv_vote": ("Abstimmung", "vote"),
    "csv_yes": ("Ja", "yes"),
    "csv_no": ("Nein", "no"),
    "csv_abstain": ("Enthaltungen", "abstain"),
    "csv_status": ("Stand", "status"),
    "csv_notes": ("Vermerke", "notes"),
    "csv_task": ("Aufgabe", "task"),
    "csv_owner": ("Zuständig (Kennung)", "owner"),
    "csv_owner_name": ("Zuständig", "owner_name"),
    "csv_due": ("Fällig", "due"),
    "csv_overdue": ("Überfällig", "overdue"),
    "csv_updated_in": ("Fortgeschrieben in", "updated_in"),
    "csv_true": ("ja", "yes"),
    "csv_false": ("nein", "no"),
    "csv_vote_counted": ("ausgezählt", "counted"),
    "csv_vote_consensus": ("einvernehmlich", "consensus"),
    "csv_status_valid": ("gültig", "valid"),
    "csv_status_amended": ("geändert", "amended"),
    "csv_status_revoked": ("aufgehoben", "revoked"),
    "csv_status_open": ("offen", "open"),
    "csv_status_done": ("erledigt", "done"),
    "csv_status_dropped": ("entfallen", "dropped"),
}
