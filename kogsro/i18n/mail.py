"""The words of invitation e-mails: subjects and attachment names."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "mail_subject_new": ("Einladung: {body} am {date}", "Invitation: {body} on {date}"),
    "mail_subject_update": (
        "Geänderte Einladung: {body} am {date}",
        "Updated invitation: {body} on {date}",
    ),
    "mail_subject_cancel": ("Absage: {body} am {date}", "Cancelled: {body} on {date}"),
    "mail_reminder": ("Erinnerung: {subject}", "Reminder: {subject}"),
    "mail_file_word": ("einladung", "invitation"),
}
