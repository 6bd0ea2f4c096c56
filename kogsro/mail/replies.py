"""Replies to an invitation as calendar programs send them: iCalendar ``METHOD:REPLY``.

Outlook, Thunderbird and others answer an invitation with a message whose ``text/calendar;
method=REPLY`` part (or an attached ``.ics`` file) holds the event's UID and one ``ATTENDEE``
with a ``PARTSTAT``: ``ACCEPTED``, ``DECLINED``, ``TENTATIVE`` or ``DELEGATED`` (with
``DELEGATED-TO`` naming who goes instead). :func:`replies_from_files` takes such files (``.ics`` or
``.eml``), matches each attendee to a person of the roster by e-mail address (in any case, with
or without ``mailto:``) and turns it into a :class:`~kogsro.workspace.rsvp.Reply`. A reply
for another session (another UID) or from an address nobody in the roster has is reported, not
guessed.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kogsro import clock
from kogsro.documents.calendar import event_uid
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Person, Session
from kogsro.workspace.rsvp import Answer, Reply

ANSWERS: dict[str, Answer] = {
    "ACCEPTED": "yes",
    "DECLINED": "no",
    "TENTATIVE": "maybe",
    "DELEGATED": "no",  # the member does not come; the delegate does
}


@dataclass(frozen=True, slots=True)
class CalendarReply:
    """One attendee's answer as a calendar program wrote it."""

    source: str
    uid: str
    address: str
    partstat: str
    delegated_to: str | None = None
    stamp: dt.datetime | None = None
    comment: str | None = None


@dataclass(slots=True)
class ImportResult:
    replies: list[Reply] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # what was reported and not recorded


def _address(value: Any) -> str:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    return text.strip().strip("<>").lower()


def calendars_in(data: bytes) -> list[bytes]:
    """The iCalendar objects in a file: the file itself, or the calendar parts of a message."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper() == b"BEGIN:VCALENDAR":
        return [data]
    message = email.message_from_bytes(data, policy=email.policy.default)
    found = []
    for part in message.walk():
        if part.is_multipart():
            continue
        name = (part.get_filename() or "").lower()
        if part.get_content_type() in ("text/calendar", "application/ics") or name.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                found.append(payload)
    return found


def parse_replies(data: bytes, source: str) -> tuple[list[CalendarReply], list[str]]:
    """Every attendee answer of ``METHOD:REPLY`` calendars in ``data``; and what was wrong."""
    from icalendar import Calendar

    replies: list[CalendarReply] = []
    problems: list[str] = []
    calendars = calendars_in(data)
    if not calendars:
        return [], [f"{source}: no calendar reply in it (neither .ics nor a text/calendar part)"]
    for raw in calendars:
        try:
            parsed = Calendar.from_ical(raw, multiple=True)
        except (ValueError, IndexError, KeyError) as exc:
            problems.append(f"{source}: not a readable calendar ({exc})")
            continue
        for calendar in parsed:
            method = str(calendar.get("method", "")).upper()
            if method != "REPLY":
                problems.append(
                    f"{source}: a calendar with METHOD:{method or '(none)'}, not a reply"
                )
                continue
            for event in calendar.walk("VEVENT"):
                attendees = event.get("attendee")
                if attendees is None:
                    problems.append(f"{source}: a reply without an ATTENDEE")
                    continue
                if not isinstance(attendees, list):
                    attendees = [attendees]
                stamp = event.get("dtstamp")
                when = getattr(stamp, "dt", None)
                for attendee in attendees:
                    delegated = attendee.params.get("DELEGATED-TO")
                    if isinstance(delegated, list):
                        delegated = delegated[0] if delegated else None
                    comment = event.get("comment")
                    replies.append(
                        CalendarReply(
                            source=source,
                            uid=str(event.get("uid", "")),
                            address=_address(attendee),
                            partstat=str(attendee.params.get("PARTSTAT", "NEEDS-ACTION")).upper(),
                            delegated_to=_address(delegated) if delegated else None,
                            stamp=when if isinstance(when, dt.datetime) else None,
                            comment=str(comment) if comment else None,
                        )
                    )
    return replies, problems


def people_by_address(ws: Workspace) -> dict[str, Person]:
    """Every person of the roster with an e-mail address, by the address in lower case."""
    return {p.email.lower(): p for p in ws.roster.people if p.email}


def replies_from_files(ws: Workspace, session: Session, files: list[Path]) -> ImportResult:
    """The replies in ``files`` to the invitation of ``session``, matched to the roster."""
    result = ImportResult()
    uid = event_uid(ws, session)
    people = people_by_address(ws)
    for path in files:
        shown = ws.display(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            result.skipped.append(f"{shown}: cannot be read: {exc.strerror or exc}")
            continue
        found, problems = parse_replies(data, shown)
        result.skipped += problems
        # a message may carry the same reply twice (a calendar part and an .ics attachment)
        for answer in dict.fromkeys(found):
            if answer.uid != uid:
                result.skipped.append(
                    f"{shown}: a reply to another invitation (UID {answer.uid or '(none)'}, "
                    f"not {uid}); not recorded"
                )
                continue
            person = people.get(answer.address)
            if person is None:
                result.skipped.append(
                    f"{shown}: {answer.address or '(no address)'} is nobody's address in the "
                    "roster; not recorded (add it to the person in attendees.yaml)"
                )
                continue
            if answer.partstat not in ANSWERS:
                result.skipped.append(
                    f"{shown}: {person.name} answered {answer.partstat}, which is no reply "
                    "yet; not recorded"
                )
                continue
            deputy: str | None = None
            if answer.partstat == "DELEGATED" and answer.delegated_to:
                delegate = people.get(answer.delegated_to)
                if delegate is None:
                    result.skipped.append(
                        f"{shown}: {person.name} delegated to {answer.delegated_to}, who is not "
                        "in the roster; recorded as not coming"
                    )
                else:
                    deputy = delegate.id
            when = answer.stamp or clock.now()
            if when.tzinfo is None:
                when = when.replace(tzinfo=dt.UTC)
            result.replies.append(
                Reply(
                    person=person.id,
                    answer=ANSWERS[answer.partstat],
                    deputy=deputy,
                    note=answer.comment,
                    at=when,
                    via=path.name,
                )
            )
    return result
