"""Fixed strings of the session lifecycle: Absage, Verlegung, draft and approved minutes,
circulation, corrections. Key: (German, English)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # states (kogsro sessions, documents)
    "status_postponed": ("verlegt", "postponed"),
    "minutes_column": ("Protokoll", "Minutes"),
    "minutes_none": ("–", "–"),
    "minutes_draft": ("Entwurf", "draft"),
    "minutes_circulated": ("versandt", "circulated"),
    "minutes_approved": ("genehmigt", "approved"),
    # the cancellation letter (Absage)
    "cancellation": ("Absage", "Cancellation"),
    "cancellation_heading": (
        "Absage der Sitzung am {date}",
        "Cancellation of the meeting on {date}",
    ),
    "cancellation_text": (
        "die für {date}, {time} Uhr, geplante Sitzung der {body} findet nicht statt.",
        "The meeting of the {body} planned for {date} at {time} will not take place.",
    ),
    "cancellation_apology": (
        "Ich bitte, die Absage zu entschuldigen, und danke Ihnen für Ihr Verständnis.",
        "Please accept our apologies for the cancellation.",
    ),
    "planned_session": ("Geplant war", "Planned"),
    "reason": ("Grund", "Reason"),
    "next_session_text": (
        "Die nächste Sitzung ist für {date} geplant; die Einladung dazu erhalten Sie gesondert.",
        "The next meeting is planned for {date}; the invitation will follow separately.",
    ),
    # the postponement letter (Verlegung)
    "postponement": ("Verlegung", "Postponement"),
    "postponement_heading": (
        "Verlegung der Sitzung vom {date}",
        "Postponement of the meeting of {date}",
    ),
    "postponement_text": (
        "die für {date}, {time} Uhr, geplante Sitzung der {body} wird auf {new_date}, "
        "{new_time} Uhr, verlegt.",
        "The meeting of the {body} planned for {date} at {time} has been moved to "
        "{new_date} at {new_time}.",
    ),
    "postponement_open_text": (
        "die für {date}, {time} Uhr, geplante Sitzung der {body} wird verschoben. Den neuen "
        "Termin teile ich Ihnen rechtzeitig mit.",
        "The meeting of the {body} planned for {date} at {time} has been postponed. The new "
        "date will be announced in good time.",
    ),
    "postponement_apology": (
        "Ich bitte, die Verlegung zu entschuldigen, und danke Ihnen für Ihr Verständnis.",
        "Please accept our apologies for the change.",
    ),
    "old_date": ("Bisheriger Termin", "Original date"),
    "new_date": ("Neuer Termin", "New date"),
    "new_agenda": ("Tagesordnung der Sitzung am {date}", "Agenda of the meeting on {date}"),
    # minutes: draft, approval, corrections
    "draft_mark": ("Entwurf", "Draft"),
    "draft_note": (
        "Entwurf – das Protokoll ist noch nicht genehmigt.",
        "Draft – these minutes have not been approved yet.",
    ),
    "approved_note": (
        "Genehmigt in der Sitzung vom {date}.",
        "Approved at the meeting of {date}.",
    ),
    "approval_title": (
        "Genehmigung des Protokolls der Sitzung vom {date}",
        "Approval of the minutes of the meeting of {date}",
    ),
    "approves_text": (
        "Das Ergebnisprotokoll der Sitzung vom {date} wird genehmigt.",
        "The minutes of the meeting of {date} are approved.",
    ),
    "approval_result_passed": (
        "Genehmigt: Ergebnisprotokoll der Sitzung vom {date}",
        "Approved: minutes of the meeting of {date}",
    ),
    "approval_result_failed": (
        "Nicht genehmigt: Ergebnisprotokoll der Sitzung vom {date}",
        "Not approved: minutes of the meeting of {date}",
    ),
    "approval_result_open": (
        "Zur Genehmigung: Ergebnisprotokoll der Sitzung vom {date}",
        "For approval: minutes of the meeting of {date}",
    ),
    "corrections": ("Berichtigungen", "Corrections"),
    "correction_line": ("{date}: {reason}", "{date}: {reason}"),
    # mail subjects of the letters
    "mail_subject_postponed": ("Verlegung: {body} am {date}", "Postponed: {body} on {date}"),
    "mail_subject_moved": (
        "Verlegung: {body} am {date}, neuer Termin {new_date}",
        "Postponed: {body} on {date}, new date {new_date}",
    ),
    # circulation mail
    "circulation_subject": (
        "Protokollentwurf: {body}, Sitzung vom {date}",
        "Draft minutes: {body}, meeting of {date}",
    ),
    "circulation_file": ("protokollentwurf", "draft-minutes"),
    "circulation_text": (
        "anbei erhalten Sie den Entwurf des Ergebnisprotokolls der Sitzung der {body} vom "
        "{date}. Einwände und Ergänzungen bitte ich bis zum {until} mitzuteilen.",
        "Please find attached the draft minutes of the meeting of the {body} of {date}. "
        "Please send any objections or additions by {until}.",
    ),
    "circulation_contact": (
        "Bitte richten Sie sie an {contact}.",
        "Please send them to {contact}.",
    ),
    "circulation_closing": (
        "Das Protokoll wird in der nächsten Sitzung zur Genehmigung vorgelegt.",
        "The minutes will be put to the next meeting for approval.",
    ),
}
