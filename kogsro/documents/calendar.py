"""iCalendar (RFC 5545): invitations (METHOD:REQUEST / CANCEL) and the feed of all sessions.

Every session is one VEVENT whose UID depends only on the body and the session id, so the
same session has the same UID on every run and machine and calendar programs update the
entry instead of adding a second one. SEQUENCE is the session's ``revision:``; raise it when
a sent invitation changes. Times are local times of the body's time zone (``timezone:`` in
kogsro.yaml) with its VTIMEZONE, so calendar programs place them right in winter and summer.

The ``icalendar`` package is imported inside the functions: only the calendar commands pay
for it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from kogsro import clock
from kogsro.documents.presentation import (
    mask_contacts,
    publicity,
    session_location,
    session_title,
)
from kogsro.i18n import format_date
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session
from kogsro.workspace.recipients import Recipients, organizer, recipients
from kogsro.workspace.timeplan import time_plan

if TYPE_CHECKING:
    from icalendar import Calendar, Event

PRODID = "-//kogsro//kogsro//DE"

_WORDS = {
    "de": {
        "cancelled": "Abgesagt",
        "cancelled_note": "Die Sitzung ist abgesagt.",
        "host": "Gastgeber",
        "chair": "Vorsitz",
        "directions": "Anfahrt",
        "online": "Online-Teilnahme",
        "rsvp": "Rückmeldung zur Teilnahme bis",
        "agenda": "Tagesordnung",
        "closed": "nichtöffentlich",
        "feed": "Sitzungen",
    },
    "en": {
        "cancelled": "Cancelled",
        "cancelled_note": "This meeting has been cancelled.",
        "host": "Host",
        "chair": "Chair",
        "directions": "Directions",
        "online": "Join online",
        "rsvp": "Please reply by",
        "agenda": "Agenda",
        "closed": "not public",
        "feed": "Meetings",
    },
}


def event_uid(ws: Workspace, session: Session) -> str:
    """``2022-06-14@kog-sro.kogsro``: the same for a session on every run and machine."""
    return f"{session.id}@{slug(ws.config.body.short)}.kogsro"


def slug(text: str) -> str:
    """Lowercase ASCII letters, digits and dashes: ``KoG SRO`` -> ``kog-sro``."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    ascii_text = text.lower().translate(table).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "body"


def event_status(session: Session, *, invitation: bool) -> str:
    if session.status == "cancelled":
        return "CANCELLED"
    if session.status in ("planned", None) and not invitation:
        return "TENTATIVE"  # in the feed: planned, not yet invited
    return "CONFIRMED"


def session_event(
    ws: Workspace,
    session: Session,
    *,
    stamp: datetime,
    public: bool = False,
    guests: Recipients | None = None,
    invitation: bool = False,
    lang: str | None = None,
) -> Event:
    """The VEVENT of one session; with ``guests``, ORGANIZER and one ATTENDEE per person.

    ``public`` leaves out items that are not public, the online link and the attendees.
    """
    from icalendar import Event

    lang = lang or ws.config.language
    words = _WORDS.get(lang, _WORDS["de"])
    zone = ZoneInfo(ws.config.timezone)
    plan = time_plan(session, ws.config)
    event = Event()
    event.add("uid", event_uid(ws, session))
    event.add("dtstamp", stamp)
    event.add("sequence", session.revision)
    event.add("dtstart", datetime.combine(session.date, plan.start, tzinfo=zone))
    event.add("dtend", datetime.combine(session.date, plan.end, tzinfo=zone))
    title = session_title(ws, session, lang)
    if session.status == "cancelled":
        title = f"{words['cancelled']}: {title}"
    event.add("summary", mask_contacts(title, lang) if public else title)
    location = session_location(ws, session)
    if location is not None:
        place = ", ".join(part for part in (location.name, location.room, location.address) if part)
        event.add("location", mask_contacts(place, lang) if public else place)
        if location.online and not public:
            event.add("url", location.online)
    event.add("description", description(ws, session, public=public, lang=lang))
    event.add("status", event_status(session, invitation=invitation))
    event.add("transp", "TRANSPARENT" if session.status == "cancelled" else "OPAQUE")
    if guests is not None and not public:
        _add_people(ws, session, event, guests)
    return event


def _add_people(ws: Workspace, session: Session, event: Event, guests: Recipients) -> None:
    from icalendar import vCalAddress

    contact = organizer(ws, session)
    if contact is not None:
        address = vCalAddress(f"mailto:{contact.email}")
        address.params["CN"] = param_text(contact.name)
        event.add("organizer", address, encode=False)
    for who in guests.invitees:
        address = vCalAddress(f"mailto:{who.email}")
        address.params["CN"] = param_text(who.name)
        address.params["CUTYPE"] = "GROUP" if who.kind == "organisation" else "INDIVIDUAL"
        address.params["ROLE"] = {
            "chair": "CHAIR",
            "member": "REQ-PARTICIPANT",
            "guest": "OPT-PARTICIPANT",
        }[who.role]
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        address.params["RSVP"] = "TRUE"
        event.add("attendee", address, encode=False)


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


def description(ws: Workspace, session: Session, *, public: bool, lang: str) -> str:
    """The agenda as plain text for the DESCRIPTION of the event."""
    words = _WORDS.get(lang, _WORDS["de"])
    head: list[str] = []
    if session.status == "cancelled":
        head += [words["cancelled_note"], ""]
    head.append(f"{words['host']}: {ws.name_of(session.host)}")
    if session.chair_id != session.host:
        head.append(f"{words['chair']}: {ws.name_of(session.chair_id)}")
    location = session_location(ws, session)
    if location is not None and location.directions:
        head.append(f"{words['directions']}: {location.directions}")
    if location is not None and location.online and not public:
        head.append(f"{words['online']}: {location.online}")
    rsvp = rsvp_date(ws, session)
    if rsvp is not None and session.status != "cancelled" and not public:
        head.append(f"{words['rsvp']}: {format_date(rsvp, lang)}")
    lines = [*head]
    plan = time_plan(session, ws.config)
    publics = publicity(ws, session)  # one rule: a sub-item of a non-public item is not public
    agenda = []
    for entry in plan.items:
        item_public = publics[entry.path]
        if public and not item_public:
            continue
        label = ws.config.item_label(entry.number)
        text = f"{'   ' * entry.depth}{label}  {entry.start:%H:%M}  {entry.item.title}"
        if not item_public:
            text += f" ({words['closed']})"
        agenda.append(text)
    if agenda:
        lines += ["", f"{words['agenda']}:", *agenda]
    text = "\n".join(lines)
    return mask_contacts(text, lang) if public else text


def rsvp_date(ws: Workspace, session: Session) -> date | None:
    """The reply-by date: the session's ``rsvp_by``, else ``defaults.rsvp_days`` before it."""
    if session.rsvp_by is not None:
        return session.rsvp_by
    days = ws.config.defaults.rsvp_days
    if days is None:
        return None
    return session.date - timedelta(days=days)


def _calendar(ws: Workspace, method: str | None) -> Calendar:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def _finish(calendar: Calendar, dates: list[date]) -> bytes:
    if dates:
        first, last = min(dates), max(dates)
        calendar.add_missing_timezones(
            first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 1, 1)
        )
        _correct_onsets(calendar)
    return bytes(calendar.to_ical())


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


def invitation_calendar(
    ws: Workspace,
    session: Session,
    *,
    public: bool = False,
    guests: Recipients | None = None,
    lang: str | None = None,
) -> bytes:
    """The invitation as an iTIP message: METHOD:REQUEST, or METHOD:CANCEL when cancelled.

    People without an e-mail address are left out (see :meth:`Recipients.warnings`); a name
    or address that cannot be written raises :class:`~kogsro.errors.InputError`.
    """
    cancelled = session.status == "cancelled"
    calendar = _calendar(ws, "CANCEL" if cancelled else "REQUEST")
    calendar.add_component(
        session_event(
            ws,
            session,
            stamp=clock.now(),
            public=public,
            guests=guests if guests is not None else recipients(ws, session),
            invitation=True,
            lang=lang,
        )
    )
    return _finish(calendar, [session.date])


def feed(
    ws: Workspace,
    *,
    since: date | None = None,
    public: bool = False,
    lang: str | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """Every session (planned, held and cancelled) as one subscribable calendar; ``stamp``
    (default: now) is the time stamp of its events."""
    lang = lang or ws.config.language
    calendar = _calendar(ws, "PUBLISH")
    name = f"{ws.config.body.short} – {_WORDS.get(lang, _WORDS['de'])['feed']}"
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", ws.config.timezone)
    chosen = feed_sessions(ws, since=since)
    stamp = stamp or clock.now()
    for session in chosen:
        calendar.add_component(session_event(ws, session, stamp=stamp, public=public, lang=lang))
    return _finish(calendar, [s.date for s in chosen])


def feed_sessions(ws: Workspace, *, since: date | None = None) -> list[Session]:
    return [s for s in ws.sessions if since is None or s.date >= since]


def feed_summary(ws: Workspace, *, since: date | None = None) -> list[dict[str, Any]]:
    """What ``kogsro calendar --json`` prints: one entry per event of the feed."""
    return [
        {
            "session": s.id,
            "date": s.date.isoformat(),
            "uid": event_uid(ws, s),
            "sequence": s.revision,
            "status": event_status(s, invitation=False),
        }
        for s in feed_sessions(ws, since=since)
    ]
