"""iCalendar (RFC 5545): invitations (METHOD:REQUEST / CANCEL) and the feed of all sessions.

Every session is one VEVENT whose UID depends only on the body and the session id, so the
same session has the same UID on every run and machine and calendar programs update the
entry instead of adding a second one. SEQUENCE is the session's ``revision:``; raise it when
a sent invitation changes. Times are local times of the body's time zone (``timezone:`` in
kogsro.yaml) with its VTIMEZONE, so calendar programs place them right in winter and summer.

This module says what a session's event holds (:func:`session_event`); the encoding is
:mod:`kogsro.formats.ics`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal, TypedDict
from zoneinfo import ZoneInfo

from kogsro import clock
from kogsro.documents.presentation import (
    mask_contacts,
    publicity,
    session_location,
    session_title,
)
from kogsro.formats.ics import CalendarEvent, CalendarPerson, encode_calendar, slug
from kogsro.i18n import format_date, phrase
from kogsro.ledger.lifecycle import CalendarEntry, calendar_event, calendar_events
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session
from kogsro.workspace.recipients import Recipients, organizer, recipients
from kogsro.workspace.yamlsource import Loc


def event_uid(ws: Workspace, session: Session, entry: CalendarEntry | None = None) -> str:
    """``2022-06-14@kog-sro.kogsro``: the same for a session on every run and machine; a
    session that another was postponed to carries that one's UID (the entry moves)."""
    entry = entry or calendar_event(ws, session)
    return f"{entry.uid_of}@{slug(ws.config.body.short)}.kogsro"


def event_status(
    session: Session, *, invitation: bool, method: str = "REQUEST"
) -> Literal["CONFIRMED", "TENTATIVE", "CANCELLED"]:
    if method == "CANCEL" or session.status == "cancelled":
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
    only: set[Loc] | None = None,
    entry: CalendarEntry | None = None,
) -> CalendarEvent:
    """The event of one session; with ``guests``, its organizer and one attendee per person.

    ``public`` leaves out items that are not public, the online link and the attendees;
    ``only`` keeps just the items at those places (a guest's invitation). A postponed
    session's entry shows the session it moved to (see :class:`CalendarEntry`).
    """
    from kogsro.workspace.timeplan import time_plan

    entry = entry or calendar_event(ws, session)
    cancel = entry.method == "CANCEL"
    session = entry.shown
    lang = lang or ws.config.language
    zone = ZoneInfo(ws.config.timezone)
    plan = time_plan(session, ws.config)
    title = session_title(ws, session, lang)
    if cancel:
        title = f"{phrase(lang, 'ics_cancelled')}: {title}"
    location = session_location(ws, session)
    place = None
    if location is not None:
        place = ", ".join(part for part in (location.name, location.room, location.address) if part)
        if public:
            place = mask_contacts(place, lang)
    people = guests is not None and not public
    return CalendarEvent(
        uid=event_uid(ws, session, entry),
        stamp=stamp,
        sequence=entry.sequence,
        start=datetime.combine(session.date, plan.start, tzinfo=zone),
        end=datetime.combine(session.date, plan.end, tzinfo=zone),
        summary=mask_contacts(title, lang) if public else title,
        description=description(ws, session, public=public, lang=lang, only=only, cancel=cancel),
        status=event_status(session, invitation=invitation, method=entry.method),
        transparent=cancel,
        location=place,
        url=location.online if location is not None and location.online and not public else None,
        organizer=_organizer(ws, session) if people else None,
        attendees=_attendees(guests) if guests is not None and people else (),
    )


def _organizer(ws: Workspace, session: Session) -> CalendarPerson | None:
    contact = organizer(ws, session)
    return None if contact is None else CalendarPerson(contact.name, contact.email)


_ROLES: dict[str, Literal["CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT"]] = {
    "chair": "CHAIR",
    "member": "REQ-PARTICIPANT",
    "guest": "OPT-PARTICIPANT",
}


def _attendees(guests: Recipients) -> tuple[CalendarPerson, ...]:
    return tuple(
        CalendarPerson(who.name, who.email or "", who.kind == "organisation", _ROLES[who.role])
        for who in guests.invitees  # each has an address (the others are Recipients.missing)
    )


def description(
    ws: Workspace,
    session: Session,
    *,
    public: bool,
    lang: str,
    only: set[Loc] | None = None,
    cancel: bool = False,
) -> str:
    """The agenda as plain text for the DESCRIPTION of the event."""
    from kogsro.workspace.timeplan import time_plan

    def word(key: str) -> str:
        return phrase(lang, f"ics_{key}")

    head: list[str] = []
    cancel = cancel or session.status == "cancelled"
    if cancel:
        head += [word("cancelled_note"), ""]
    head.append(f"{word('host')}: {ws.name_of(session.host)}")
    if session.chair_id != session.host:
        head.append(f"{word('chair')}: {ws.name_of(session.chair_id)}")
    location = session_location(ws, session)
    if location is not None and location.directions:
        head.append(f"{word('directions')}: {location.directions}")
    if location is not None and location.online and not public:
        head.append(f"{word('online')}: {location.online}")
    rsvp = rsvp_date(ws, session)
    if rsvp is not None and not cancel and not public:
        head.append(f"{word('rsvp')}: {format_date(rsvp, lang)}")
    lines = [*head]
    plan = time_plan(session, ws.config)
    publics = publicity(ws, session)  # one rule: a sub-item of a non-public item is not public
    agenda = []
    for entry in plan.items:
        item_public = publics[entry.path]
        if (public and not item_public) or (only is not None and entry.path not in only):
            continue
        label = ws.config.item_label(entry.number, lang)
        text = f"{'   ' * entry.depth}{label}  {entry.start:%H:%M}  {entry.item.title}"
        if not item_public:
            text += f" ({word('closed')})"
        agenda.append(text)
    if agenda:
        lines += ["", f"{word('agenda')}:", *agenda]
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


def invitation_calendar(
    ws: Workspace,
    session: Session,
    *,
    public: bool = False,
    guests: Recipients | None = None,
    lang: str | None = None,
    only: set[Loc] | None = None,
) -> bytes:
    """The invitation as an iTIP message: METHOD:REQUEST, or METHOD:CANCEL when cancelled;
    a postponed session's entry moves to the new date (see :class:`CalendarEntry`).
    ``only``: the items a guest's invitation shows (see ``guest_items``).

    People without an e-mail address are left out (see :meth:`Recipients.warnings`); a name
    or address that cannot be written raises :class:`~kogsro.errors.InputError`.
    """
    entry = calendar_event(ws, session)
    event = session_event(
        ws,
        session,
        stamp=clock.now(),
        public=public,
        guests=guests if guests is not None else recipients(ws, session),
        invitation=True,
        lang=lang,
        only=only,
        entry=entry,
    )
    return encode_calendar([event], method=entry.method)


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
    stamp = stamp or clock.now()
    entries = calendar_events(ws)
    events = [
        session_event(ws, session, stamp=stamp, public=public, lang=lang, entry=entries[session.id])
        for session in feed_sessions(ws, since=since)
    ]
    return encode_calendar(
        events,
        method="PUBLISH",
        name=f"{ws.config.body.short} – {phrase(lang, 'ics_feed')}",
        timezone=ws.config.timezone,
    )


def feed_sessions(ws: Workspace, *, since: date | None = None) -> list[Session]:
    """The sessions of the feed: a session postponed to another is that one's entry, moved."""
    entries = calendar_events(ws)
    return [
        s for s in ws.sessions if (since is None or s.date >= since) and entries[s.id].shown is s
    ]


class FeedEntry(TypedDict):
    """An event of the calendar feed as ``kogsro calendar --json`` prints it."""

    session: str
    date: str
    uid: str
    sequence: int
    status: str


def feed_summary(ws: Workspace, *, since: date | None = None) -> list[FeedEntry]:
    """What ``kogsro calendar --json`` prints: one entry per event of the feed."""
    entries = calendar_events(ws)
    return [
        {
            "session": s.id,
            "date": s.date.isoformat(),
            "uid": event_uid(ws, s, entries[s.id]),
            "sequence": entries[s.id].sequence,
            "status": event_status(s, invitation=False, method=entries[s.id].method),
        }
        for s in feed_sessions(ws, since=since)
    ]
