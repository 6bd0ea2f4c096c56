"""Language: dates in words (Babel, imported lazily) and the fixed strings of the documents.

Every fixed string a document shows stands in :data:`STRINGS`, once, in German and English,
so a document in one language never carries words of the other. Templates see the strings
of their language as ``t`` (``{{ t.agenda }}``); strings with ``{placeholders}`` are filled
with :func:`phrase` in the core or with ``t.key.format(...)`` in a template.
"""

from __future__ import annotations

from datetime import date, time

LANGUAGES = ("de", "en")

# key: (German, English)
STRINGS: dict[str, tuple[str, str]] = {
    # documents
    "invitation": ("Einladung", "Invitation"),
    "minutes": ("Ergebnisprotokoll", "Minutes"),
    "attendance": ("Anwesenheitsliste", "Attendance sheet"),
    "session": ("Sitzung", "Meeting"),
    "session_of": ("Sitzung der {body}", "Meeting of the {body}"),
    "public_version": ("Öffentliche Fassung", "Public version"),
    "document_title": (
        "{document} – Sitzung der {body} am {date}",
        "{document} – Meeting of the {body} on {date}",
    ),
    "item_of_session": ("Sitzung vom {date}, {item}", "meeting of {date}, {item}"),
    "cancelled_notice": ("Die Sitzung ist abgesagt.", "The meeting has been cancelled."),
    # facts
    "date": ("Datum", "Date"),
    "time": ("Zeit", "Time"),
    "place": ("Ort", "Place"),
    "room": ("Raum", "Room"),
    "directions": ("Anfahrt", "Directions"),
    "online": ("Online-Teilnahme", "Join online"),
    "host": ("Gastgeber", "Host"),
    "chair": ("Sitzungsleitung", "Chair"),
    "minute_taker": ("Protokoll", "Minutes taken by"),
    "guests": ("Gäste", "Guests"),
    "start": ("Beginn", "Start"),
    "end": ("Ende", "End"),
    "time_range": ("{start}–{end} Uhr", "{start}–{end}"),
    "clock": ("{time} Uhr", "{time}"),
    "letter_place_date": ("Berlin, {date}", "Berlin, {date}"),
    "not_set": ("nicht festgelegt", "not set"),
    "none": ("keine", "none"),
    # invitation
    "salutation": ("Sehr geehrte Damen und Herren,", "Dear members and guests,"),
    "invitation_text": (
        "hiermit lade ich Sie zur Sitzung der {body} am {date} um {time} Uhr ein.",
        "you are invited to the meeting of the {body} on {date} at {time}.",
    ),
    "invitation_host": (
        "Gastgeber ist {host}.",
        "The meeting is hosted by {host}.",
    ),
    "agenda": ("Tagesordnung", "Agenda"),
    "item_number": ("Nr.", "No."),
    "item_topic": ("Thema", "Topic"),
    "item_presenters": ("Vortrag", "Presented by"),
    "item_start": ("Beginn", "Start"),
    "item_duration": ("Min.", "Min."),
    "item_duration_long": ("Dauer", "Duration"),
    "minutes_unit": ("{minutes} Min.", "{minutes} min"),
    "item_kind": ("Art", "Type"),
    "public_short": ("Ö/N", "P/NP"),
    "public_mark": ("Ö", "P"),
    "nonpublic_mark": ("N", "NP"),
    "public_legend": (
        "Ö = öffentlicher Tagesordnungspunkt, N = nichtöffentlicher Tagesordnungspunkt",
        "P = public item, NP = non-public item",
    ),
    "public_part": ("Öffentlicher Teil", "Public part"),
    "nonpublic_part": ("Nichtöffentlicher Teil", "Non-public part"),
    "nonpublic_left_out": (
        "Nichtöffentliche Tagesordnungspunkte sind in dieser Fassung nicht enthalten.",
        "Non-public items are not included in this version.",
    ),
    "kind_information": ("Information", "Information"),
    "kind_discussion": ("Beratung", "Discussion"),
    "kind_decision": ("Beschlussfassung", "Decision"),
    "item_details": ("Erläuterungen", "Notes on the agenda"),
    "documents": ("Unterlagen", "Documents"),
    "carried_from": ("Vertagt aus {ref}", "Carried over from {ref}"),
    "open_tasks": ("Offene Aufgaben aus früheren Sitzungen", "Open tasks from earlier meetings"),
    "open_tasks_none": (
        "Aus früheren Sitzungen sind keine Aufgaben offen.",
        "No tasks from earlier meetings are open.",
    ),
    "task": ("Aufgabe", "Task"),
    "owner": ("Zuständig", "Responsible"),
    "due": ("Fällig", "Due"),
    "from_session": ("Aus Sitzung", "From meeting"),
    "reference": ("Kennung", "Reference"),
    "overdue": ("überfällig", "overdue"),
    "rsvp": ("Rückmeldung", "RSVP"),
    "rsvp_by": (
        "Bitte teilen Sie bis {date} mit, ob Sie an der Sitzung teilnehmen.",
        "Please let us know by {date} whether you will attend.",
    ),
    "rsvp_to": ("Rückmeldungen bitte an {contact}.", "Please reply to {contact}."),
    "rsvp_open": (
        "Bitte teilen Sie mit, ob Sie an der Sitzung teilnehmen.",
        "Please let us know whether you will attend.",
    ),
    "invitation_period": ("Ladungsfrist", "Notice period"),
    "invitation_period_text": (
        "Die Ladungsfrist beträgt {days} Tage; die Einladung ist bis {date} zu versenden.",
        "The notice period is {days} days; the invitation is due by {date}.",
    ),
    "invited_on": (
        "Die Einladung wurde am {date} versandt.",
        "The invitation was sent on {date}.",
    ),
    "invited_late": (
        "Die Einladung erfolgt unter Verkürzung der Ladungsfrist.",
        "The invitation is sent at shorter notice than the notice period.",
    ),
    "regards": ("Mit freundlichen Grüßen", "Kind regards"),
    "for_chair": ("für die Sitzungsleitung", "for the chair"),
    # minutes
    "minutes_of": ("Ergebnisprotokoll der {session}", "Minutes of the {session}"),
    "attendance_heading": ("Anwesenheit", "Attendance"),
    "members_present": ("Anwesende Mitglieder", "Members present"),
    "members_excused": ("Entschuldigt", "Apologies"),
    "members_absent": ("Abwesend", "Absent"),
    "guests_present": ("Gäste", "Guests"),
    "attendance_not_recorded": (
        "Die Anwesenheit ist nicht erfasst.",
        "Attendance has not been recorded.",
    ),
    "deputy_for": ("in Vertretung für {name}", "deputising for {name}"),
    "quorum": ("Beschlussfähigkeit", "Quorum"),
    "quorum_present": (
        "Anwesend sind {present} von {total} Mitgliedern.",
        "{present} of {total} members are present.",
    ),
    "quorum_yes": (
        "Die {body} ist beschlussfähig (erforderlich: {rule}).",
        "The {body} has a quorum (required: {rule}).",
    ),
    "quorum_no": (
        "Die {body} ist nicht beschlussfähig (erforderlich: {rule}).",
        "The {body} does not have a quorum (required: {rule}).",
    ),
    "quorum_rule_half": (
        "mehr als die Hälfte der Mitglieder, also mindestens {count}",
        "more than half of the members, that is at least {count}",
    ),
    "quorum_rule_two_thirds": (
        "mindestens zwei Drittel der Mitglieder, also mindestens {count}",
        "at least two thirds of the members, that is at least {count}",
    ),
    "quorum_rule_all": ("alle {count} Mitglieder", "all {count} members"),
    "quorum_rule_count": ("mindestens {count} Mitglieder", "at least {count} members"),
    "proceedings": ("Verlauf und Ergebnisse", "Proceedings and outcomes"),
    "decision": ("Beschluss", "Decision"),
    "decisions": ("Beschlüsse", "Decisions"),
    "actions": ("Aufgaben", "Actions"),
    "vote": ("Abstimmung", "Vote"),
    "vote_counts": (
        "Ja: {yes}, Nein: {no}, Enthaltungen: {abstain}",
        "in favour: {yes}, against: {no}, abstentions: {abstain}",
    ),
    "vote_passed": ("angenommen", "carried"),
    "vote_failed": ("abgelehnt", "rejected"),
    "vote_consensus": ("einvernehmlich", "by consensus"),
    "status_done": ("erledigt", "done"),
    "status_open": ("offen", "open"),
    "status_dropped": ("entfallen", "dropped"),
    "status": ("Stand", "Status"),
    "note": ("Anmerkung", "Note"),
    "deferred": ("vertagt", "deferred"),
    "deferred_items": ("Vertagte Tagesordnungspunkte", "Deferred items"),
    "no_notes": ("Keine Eintragungen.", "Nothing recorded."),
    "signatures": ("Unterschriften", "Signatures"),
    "signature_chair": ("Sitzungsleitung", "Chair"),
    "signature_minutes": ("Protokollführung", "Minute-taker"),
    "place_date": ("Ort, Datum", "Place, date"),
    # attendance sheet
    "sheet_intro": (
        "Bitte tragen Sie sich mit Ihrer Unterschrift in die Liste ein.",
        "Please sign the list.",
    ),
    "members": ("Mitglieder", "Members"),
    "further_attendees": ("Weitere Teilnehmende", "Other attendees"),
    "name": ("Name", "Name"),
    "organisation": ("Organisation", "Organisation"),
    "role": ("Funktion", "Role"),
    "signature": ("Unterschrift", "Signature"),
    # page furniture
    "page_of": ("Seite {page} von {pages}", "Page {page} of {pages}"),
    "page": ("Seite", "Page"),
    "of": ("von", "of"),
    "generated": ("Erstellt am {date} mit kogsro", "Generated on {date} with kogsro"),
    "contents": ("Inhalt", "Contents"),
    # decision log and task list
    "decision_log": ("Beschlussübersicht", "Decision log"),
    "task_list": ("Aufgabenliste", "Task list"),
    "ledger_title": ("{what} der {body}", "{what} of the {body}"),
    "sessions": ("Sitzungen", "Meetings"),
    "day": ("Tag", "Day"),
    "open": ("offen", "open"),
    "status_planned": ("geplant", "planned"),
    "status_invited": ("eingeladen", "invited"),
    "status_held": ("durchgeführt", "held"),
    "status_cancelled": ("abgesagt", "cancelled"),
    "status_valid": ("gültig", "valid"),
    "status_amended": ("geändert", "amended"),
    "status_revoked": ("aufgehoben", "revoked"),
    "vote_short": ("Ja/Nein/Enth.", "Yes/No/Abst."),
    "session_on": ("Sitzung am {date}", "Meeting on {date}"),
    "as_of": ("Stand: {date}", "As of {date}"),
    "selection": ("Auswahl", "Selection"),
    "filter_since": ("Sitzungen ab {date}", "meetings from {date}"),
    "filter_until": ("Sitzungen bis {date}", "meetings until {date}"),
    "filter_host": ("Gastgeber {host}", "hosted by {host}"),
    "filter_search": ("Suche nach „{text}“", "search for “{text}”"),
    "filter_status": ("Stand {statuses}", "status {statuses}"),
    "filter_open": ("nur offene Aufgaben", "open tasks only"),
    "filter_overdue": ("nur überfällige Aufgaben", "overdue tasks only"),
    "filter_owner": ("Zuständigkeit {owner}", "responsibility of {owner}"),
    "decisions_none": ("Keine Beschlüsse gefunden.", "No decisions found."),
    "actions_none": ("Keine Aufgaben gefunden.", "No tasks found."),
}


def strings(lang: str) -> dict[str, str]:
    """The fixed strings of one language, by key."""
    column = _column(lang)
    return {key: pair[column] for key, pair in STRINGS.items()}


def phrase(lang: str, key: str, **values: object) -> str:
    """One fixed string with its ``{placeholders}`` filled in."""
    return STRINGS[key][_column(lang)].format(**values)


def _column(lang: str) -> int:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return LANGUAGES.index(lang)


def format_date(value: date, lang: str, form: str = "full") -> str:
    """``Dienstag, 14. Juni 2022`` / ``Tuesday, 14 June 2022``.

    ``form`` is ``full`` (with the weekday), ``long`` (``14. Juni 2022``), ``medium`` or
    ``short`` (``14.06.22``), or ``numeric`` (``14.06.2022`` / ``14/06/2022``).
    """
    from babel.dates import format_date as babel_format_date

    if form == "numeric":
        return babel_format_date(
            value, "dd.MM.y" if lang == "de" else "dd/MM/y", locale=_locale(lang)
        )
    if lang == "en" and form == "full":
        return babel_format_date(value, "EEEE, d MMMM y", locale="en_GB")
    return babel_format_date(value, form, locale=_locale(lang))


def format_time(value: time, lang: str) -> str:
    return f"{value:%H:%M}"


def _locale(lang: str) -> str:
    return {"de": "de_DE", "en": "en_GB"}.get(lang, lang)
