"""iCalendar (RFC 5545) from plain data: events, attendees, the time zone, one encoder.

:func:`encode_calendar` turns :class:`CalendarEvent` values into the bytes of a VCALENDAR: the
events with their local times, and the VTIMEZONE of their zone for the years they span, with
each change of offset written at its local time before the change (see :func:`_correct_onsets`).
Nothing here knows a workspace or a session: :mod:`kogsro.documents.calendar` says what goes
into the events.

The ``icalendar`` package is imported inside the functions: only the calendar commands pay
for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from icalendar import Calendar, Event

PRODID = "-//kogsro//kogsro//DE"


@dataclass(frozen=True, slots=True)
class CalendarPerson:
    """The ORGANIZER or an ATTENDEE of an event."""

    name: str
    email: str
    group: bool = False  # an organisation (CUTYPE=GROUP), not one person
    role: Literal["CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT"] | None = None


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One VEVENT. ``start`` and ``end`` are aware local times of the zone of the calendar."""

    uid: str
    stamp: datetime
    sequence: int
    start: datetime
    end: datetime
    summary: str
    description: str
    status: Literal["CONFIRMED", "TENTATIVE", "CANCELLED"]
    transparent: bool = False
    location: str | None = None
    url: str | None = None
    organizer: CalendarPerson | None = None
    attendees: tuple[CalendarPerson, ...] = ()


def encode_calendar(
    events: Sequence[CalendarEvent],
    *,
    method: str | None = None,
    name: str | None = None,
    timezone: str | None = None,
) -> bytes:
    """The VCALENDAR of ``events``: with ``method`` (REQUEST, CANCEL, PUBLISH) an iTIP
    message; ``name`` and ``timezone`` name a subscribable feed. The VTIMEZONE of the events'
    zone covers the years from the first event to the year after the last."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name is not None:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    if timezone is not None:
        calendar.add("x-wr-timezone", timezone)
    for event in events:
        calendar.add_component(_event(event))
    if events:
        first = min(e.start.date() for e in events)
        last = max(e.start.date() for e in events)
        calendar.add_missing_timezones(
            first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 1, 1)
        )
        _correct_onsets(calendar)
    return bytes(calendar.to_ical())


def _event(data: CalendarEvent) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", data.uid)
    event.add("dtstamp", data.stamp)
    event.add("sequence", data.sequence)
    event.add("dtstart", data.start)
    event.add("dtend", data.end)
    event.add("summary", data.summary)
    if data.location is not None:
        event.add("location", data.location)
    if data.url is not None:
        event.add("url", data.url)
    event.add("description", data.description)
    event.add("status", data.status)
    event.add("transp", "TRANSPARENT" if data.transparent else "OPAQUE")
    if data.organizer is not None:
        event.add("organizer", _address(data.organizer), encode=False)
    for attendee in data.attendees:
        event.add("attendee", _address(attendee), encode=False)
    return event


def _address(person: CalendarPerson) -> Any:
    from icalendar import vCalAddress

    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = param_text(person.name)
    if person.role is not None:
        address.params["CUTYPE"] = "GROUP" if person.group else "INDIVIDUAL"
        address.params["ROLE"] = person.role
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        address.params["RSVP"] = "TRUE"
    return address


def slug(text: str) -> str:
    """Lowercase ASCII letters, digits and dashes: ``KoG SRO`` -> ``kog-sro``."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    ascii_text = text.lower().translate(table).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "body"


def param_text(value: str) -> str:
    """A name fit for a parameter such as CN.

    Commas, semicolons and colons are kept (the value is quoted). A parameter value cannot
    hold a double quote; RFC 6868's escape for it is shown literally by many calendar
    programs, so straight double quotes become typographic ones. Line breaks and other
    whitespace runs become one space.
    """
    text = " ".join(value.split())
    opening = True
    out = []
    for char in text:
        if char == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(char)
    return "".join(out)


def _correct_onsets(calendar: Calendar) -> None:
    """Write each time zone change at its local time *before* the change (RFC 5545 3.6.5).

    The generated VTIMEZONE gives the start of summer time as 03:00, the local time after
    the change; read with TZOFFSETFROM that is an hour late. Each onset (DTSTART and RDATE)
    is checked against the zone database and moved to the instant the offset really changes.
    """
    from icalendar import vDDDTypes

    for component in calendar.walk("VTIMEZONE"):
        zone = ZoneInfo(str(component["TZID"]))
        for observance in component.subcomponents:
            values: dict[str, Any] = dict(observance)
            before, after = values["TZOFFSETFROM"].td, values["TZOFFSETTO"].td
            if before == after:
                continue
            start = values["DTSTART"].dt
            if isinstance(start, datetime):
                observance["DTSTART"] = vDDDTypes(_onset(zone, start, before, after))
            if "RDATE" in values:
                lists = values["RDATE"]
                lists = lists if isinstance(lists, list) else [lists]
                dates = [
                    _onset(zone, item.dt, before, after)
                    for found in lists
                    for item in found.dts
                    if isinstance(item.dt, datetime)
                ]
                del observance["RDATE"]
                observance.add("RDATE", dates)


def _onset(zone: ZoneInfo, local: datetime, before: timedelta, after: timedelta) -> datetime:
    """``local`` read as after or before the change: the one at which the offset changes."""
    second = timedelta(seconds=1)
    for offset in (before, after):
        instant = (local - offset).replace(tzinfo=UTC)
        if (
            instant.astimezone(zone).utcoffset() == after
            and (instant - second).astimezone(zone).utcoffset() == before
        ):
            return (instant + before).replace(tzinfo=None)
    return local
