"""Who is invited to a session, who organises it, and whether the invitation is in time.

Shared by the calendar entries (ATTENDEE, ORGANIZER), the e-mail drafts and sending: every
invited person appears once, with the place in the roster (or in the session file, for an
inline guest) where a problem with their name or address can be fixed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from kogsro.errors import InputError, Problem
from kogsro.workspace.loader import ROSTER_FILE, Workspace
from kogsro.workspace.model import PLAIN_ADDRESS, InlineGuest, Person, Session
from kogsro.workspace.yamlsource import Loc, Source

Role = Literal["chair", "member", "guest"]
_BREAK = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Contact:
    """A name and an e-mail address (ORGANIZER, sender)."""

    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Invitee:
    """One invited person (or organisation, or inline guest) and where it is written down."""

    key: str  # person or organisation id; "guest-N" for the N-th inline guest (1-based)
    name: str
    email: str | None
    role: Role
    kind: Literal["person", "organisation", "inline"] = "person"
    source: Source | None = field(default=None, compare=False, repr=False)
    loc: Loc = field(default=(), compare=False, repr=False)

    @property
    def where(self) -> str:
        """``attendees.yaml:57:5`` — the entry to fix."""
        if self.source is None:
            return ROSTER_FILE
        mark = self.source.mark(self.loc)
        return f"{self.source.file}:{mark.line}:{mark.column}"


@dataclass(slots=True)
class Recipients:
    """The invited people with an e-mail address, and those left out for lack of one."""

    invitees: list[Invitee]
    missing: list[Invitee]

    def warnings(self) -> list[str]:
        return [
            f"{who.name} ({who.where}) has no e-mail address and is not invited by mail or "
            "calendar; add `email:` to the entry"
            for who in self.missing
        ]


def recipients(ws: Workspace, session: Session) -> Recipients:
    """Members and guests of ``session``, each once, members first, in roster order.

    Guests are person ids, organisation ids (all people of that organisation; the
    organisation's own address when none of them has one) and inline guests. A name or
    address that cannot be put into a mail header or calendar entry (a line break, a
    malformed address) is an :class:`InputError` naming the entry to fix.
    """
    found: list[Invitee] = []
    chair = chair_person(ws, session)
    for person in ws.members():
        role: Role = "chair" if chair is not None and person.id == chair.id else "member"
        found.append(_person(ws, person, role))
    for index, guest in enumerate(session.guests):
        if isinstance(guest, str):
            if guest in ws.people:
                found.append(_person(ws, ws.people[guest], "guest"))
                continue
            staff = [p for p in ws.roster.people if p.organisation == guest]
            if any(p.email for p in staff) or not _org_email(ws, guest):
                found.extend(_person(ws, p, "guest") for p in staff)
                if not staff:
                    found.append(_organisation(ws, guest))
            else:
                found.append(_organisation(ws, guest))
        else:
            found.append(_inline(session, index, guest))
    problems = [p for who in found for p in contact_problems(who)]
    if problems:
        raise InputError(problems)
    invitees: list[Invitee] = []
    missing: list[Invitee] = []
    seen: set[str] = set()
    for who in found:
        ident = who.email.lower() if who.email else f"id:{who.key}"
        if ident in seen or f"id:{who.key}" in seen:
            continue
        seen.update((ident, f"id:{who.key}"))
        (invitees if who.email else missing).append(who)
    return Recipients(invitees, missing)


def _person(ws: Workspace, person: Person, role: Role) -> Invitee:
    index = next(i for i, p in enumerate(ws.roster.people) if p.id == person.id)
    return Invitee(
        person.id, person.name, person.email, role, "person", ws.roster_source, ("people", index)
    )


def _organisation(ws: Workspace, org_id: str) -> Invitee:
    index = next(i for i, o in enumerate(ws.roster.organisations) if o.id == org_id)
    org = ws.organisations[org_id]
    loc: Loc = ("organisations", index)
    return Invitee(org.id, org.name, org.email, "guest", "organisation", ws.roster_source, loc)


def _inline(session: Session, index: int, guest: InlineGuest) -> Invitee:
    loc: Loc = ("guests", index)
    return Invitee(
        f"guest-{index + 1}", guest.name, guest.email, "guest", "inline", session.source, loc
    )


def _org_email(ws: Workspace, org_id: str) -> str | None:
    org = ws.organisations.get(org_id)
    return org.email if org else None


def workspace_contact_problems(ws: Workspace) -> list[Problem]:
    """``kogsro check``: every name and address that would break an invitation."""
    entries = [_person(ws, person, "member") for person in ws.roster.people]
    entries += [_organisation(ws, org.id) for org in ws.roster.organisations]
    for session in ws.sessions:
        for index, guest in enumerate(session.guests):
            if not isinstance(guest, str):
                entries.append(_inline(session, index, guest))
    return [problem for who in entries for problem in contact_problems(who)]


def contact_problems(who: Invitee) -> list[Problem]:
    """Problems with a name or address that would break a mail header or calendar line."""
    source = who.source or Source(ROSTER_FILE)
    problems: list[Problem] = []
    if _BREAK.search(who.name) or _CONTROL.search(who.name):
        problems.append(
            source.problem(
                (*who.loc, "name"),
                f"the name of {who.key!r} contains a line break or control character, "
                "which cannot go into an e-mail header or calendar entry",
                hint="write the name on one line (a quoted YAML string, not a | or > block)",
            )
        )
    if who.email is not None:
        reason = address_problem(who.email)
        if reason:
            problems.append(
                source.problem(
                    (*who.loc, "email"),
                    f"the e-mail address of {who.key!r} {reason}",
                    hint="write one plain address such as name@example.org",
                )
            )
    return problems


def address_problem(value: str) -> str | None:
    """Why ``value`` is not one plain e-mail address (``name@example.org``), or None."""
    if _BREAK.search(value) or _CONTROL.search(value):
        return "contains a line break or control character"
    if PLAIN_ADDRESS.fullmatch(value):
        return None  # the everyday form (see kogsro.workspace.model), without the parser
    return parsed_address_problem(value)


def parsed_address_problem(value: str) -> str | None:
    """:func:`address_problem` as Python's e-mail parser sees it."""
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    try:
        address = Address(addr_spec=value)
    except (HeaderParseError, ValueError, IndexError, TypeError, AttributeError):
        # AttributeError: the parser trips over some broken addresses ("0@[")
        return f"{value!r} is not a valid address"
    if not address.username or "." not in address.domain or address.addr_spec != value:
        return f"{value!r} is not a valid address"
    return None


# --- the organiser -------------------------------------------------------------------------


def chair_person(ws: Workspace, session: Session) -> Person | None:
    """The person who chairs: the chair itself, or the chairing organisation's first member."""
    chair = session.chair_id
    if chair in ws.people:
        return ws.people[chair]
    staff = [p for p in ws.roster.people if p.organisation == chair and p.member]
    with_mail = [p for p in staff if p.email]
    chosen = with_mail or staff
    return chosen[0] if chosen else None


def organizer(ws: Workspace, session: Session) -> Contact | None:
    """Who invites: the host organisation's address, else the chair's, else the body's.

    When the chair is an organisation, its own address counts first, then that of its first
    standing member (the district's SPK lead).
    """
    for org_id in (session.host, session.chair_id):
        org = ws.organisations.get(org_id)
        if org is not None and org.email:
            return Contact(org.name, org.email)
    person = chair_person(ws, session)
    if person is not None and person.email:
        return Contact(person.name, person.email)
    body = ws.config.body
    if body.email:
        return Contact(body.name, body.email)
    return None
