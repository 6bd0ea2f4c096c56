"""Plain-data views of the model for the terminal, JSON output and templates."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, overload

from kogsro.i18n import format_date, in_language, phrase
from kogsro.ledger.numbers import session_number
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import InlineGuest, Item, Location, Person, Session, Vote
from kogsro.workspace.timeplan import time_plan

if TYPE_CHECKING:
    from kogsro.documents.views import PersonView, SessionSummary, VoteCounts
    from kogsro.ledger.rsvp import RsvpCounts


def ref_view(ws: Workspace, ref: str) -> PersonView:
    """A person or organisation id as ``{id, name, label, organisation, kind}``."""
    if ref in ws.people:
        person = ws.people[ref]
        org = ws.organisations.get(person.organisation or "")
        return {
            "id": ref,
            "name": ws.name_of(ref),
            "label": ws.label_of(ref),
            "kind": "person",
            "role": person.role,
            "organisation": org.name if org else None,
            "email": person.email,
            "phone": person.phone,
            "member": person.member,
        }
    org = ws.organisations.get(ref)
    return {
        "id": ref,
        "name": ws.name_of(ref),
        "label": ws.label_of(ref),
        "kind": "organisation",
        "role": None,
        "organisation": None,
        "email": org.email if org else None,
        "phone": org.phone if org else None,
        "member": None,
    }


def guest_view(ws: Workspace, guest: str | InlineGuest) -> PersonView:
    if isinstance(guest, str):
        return ref_view(ws, guest)
    return {
        "id": None,
        "name": guest.name,
        "label": guest.name,
        "kind": "inline",
        "role": guest.role,
        "organisation": guest.organisation,
        "email": guest.email,
        "phone": None,
        "member": False,
    }


def host_location(
    ws: Workspace, host: str
) -> tuple[Location | None, Literal["host", "body"] | None]:
    """Where a host's sessions take place: the host's own place, else the body's default;
    with where that came from."""
    organisation = ws.organisations.get(host)
    if organisation is not None and organisation.location is not None:
        return organisation.location, "host"
    if ws.config.defaults.location is not None:
        return ws.config.defaults.location, "body"
    return None, None


def session_location(ws: Workspace, session: Session) -> Location | None:
    """The session's place: its own, else the host's, else the body's default."""
    if session.location is not None:
        return session.location
    return host_location(ws, session.host)[0]


def is_public(ws: Workspace, session: Session, item_public: bool | None) -> bool:
    if item_public is not None:
        return item_public
    if session.public is not None:
        return session.public
    return ws.config.defaults.public


def publicity(ws: Workspace, session: Session) -> dict[tuple[str | int, ...], bool]:
    """Whether each item (by its path in the file) is public.

    An item's own ``public`` wins; a sub-item without one follows its parent, a top-level
    item the session, the session the body's default. A sub-item of a non-public item is
    never public.
    """
    result: dict[tuple[str | int, ...], bool] = {}

    def walk(items: list[Item], path: tuple[str | int, ...], parent: bool | None) -> None:
        for index, item in enumerate(items):
            here = (*path, "items", index)
            if parent is None:
                own = is_public(ws, session, item.public)
            else:
                own = parent and item.public is not False
            result[here] = own
            walk(item.items, here, own)

    walk(session.items, (), None)
    return result


def presents(ws: Workspace, key: str, presenters: list[str]) -> bool:
    """Whether ``key`` (a person or an organisation) is among an item's presenters: named
    itself, through its organisation, or, for an organisation, through one of its people."""
    if key in presenters:
        return True
    person = ws.people.get(key)
    if person is not None:
        return bool(person.organisation) and person.organisation in presenters
    return any(ws.people[p].organisation == key for p in presenters if p in ws.people)


def guest_items(ws: Workspace, session: Session, key: str) -> set[tuple[str | int, ...]]:
    """The items a guest's invitation shows (by their place in the file): the public items and
    the items the guest presents, never the other non-public ones."""
    publics = publicity(ws, session)
    shown = {path for path, public in publics.items() if public}
    for entry in session.numbered_items():
        if presents(ws, key, entry.item.presenters):
            shown.add(entry.path)
    return shown


def signatory(ws: Workspace, ref: str) -> Person | None:
    """The person who speaks for ``ref``: the person itself, or a member of the organisation."""
    if ref in ws.people:
        return ws.people[ref]
    staff = [p for p in ws.roster.people if p.organisation == ref]
    members = [p for p in staff if p.member]
    chosen = members or staff
    return chosen[0] if chosen else None


def who(ws: Workspace, ref: str) -> str:
    """A person with the short name of the organisation ("Erika Beispiel (Steglitz-Zehlendorf)"),
    or the short name of an organisation."""
    person = ws.people.get(ref)
    if person is None:
        return ws.label_of(ref)
    org = ws.organisations.get(person.organisation or "")
    return f"{person.name} ({org.label})" if org else person.name


def session_summary(ws: Workspace, session: Session, lang: str | None = None) -> SessionSummary:
    """What ``kogsro show`` prints: the session and its time plan."""
    lang = lang or ws.config.language
    plan = time_plan(session, ws.config)
    location = session_location(ws, session)
    public = publicity(ws, session)
    return {
        "id": session.id,
        "title": session_title(ws, session, lang),
        "number": session_number(ws, session),
        "date": session.date.isoformat(),
        "date_text": format_date(session.date, lang),
        "start": f"{plan.start:%H:%M}",
        "end": f"{plan.end:%H:%M}",
        "planned_end": f"{plan.planned_end:%H:%M}",
        "status": session.status,
        "location": location.as_dict(exclude_none=True) if location else None,
        "host": ref_view(ws, session.host),
        "chair": ref_view(ws, session.chair_id),
        "guests": [guest_view(ws, g) for g in session.guests],
        "items": [
            {
                "number": entry.number,
                "label": ws.config.item_label(entry.number, lang),
                "depth": entry.depth,
                "title": entry.item.title,
                "kind": entry.item.kind,
                "start": f"{entry.start:%H:%M}",
                "duration": entry.duration,
                "presenters": [ws.label_of(p) for p in entry.item.presenters],
                "public": public[entry.path],
                "status": entry.item.status,
            }
            for entry in plan.items
        ],
        "rsvp": _rsvp(ws, session),
        "warnings": plan.warnings + _rsvp_warnings(ws, session),
    }


def _rsvp(ws: Workspace, session: Session) -> RsvpCounts:
    """The replies counted over the members, with the quorum forecast."""
    from kogsro.ledger.rsvp import rsvp_summary

    return rsvp_summary(ws, session).tally()


def _rsvp_warnings(ws: Workspace, session: Session) -> list[str]:
    """Before an upcoming session: a warning when too few members have confirmed."""
    from kogsro import clock
    from kogsro.ledger.rsvp import rsvp_summary

    if session.date < clock.today() or session.status in ("cancelled", "postponed", "held"):
        return []
    message = rsvp_summary(ws, session).warning(session)
    return [message] if message else []


def session_title(ws: Workspace, session: Session, lang: str) -> str:
    """The session's title: its own, else "Sitzung der KoG SRO"; with a number,
    "28. Sitzung der KoG SRO" (a title that begins with the plain words gets the number
    there, any other title is put after it)."""
    number = session_number(ws, session)
    if number is None:
        return session.title or default_title(ws, lang)
    numbered = phrase(lang, "numbered_session_of", number=number, body=ws.config.body.short)
    if not session.title:
        return numbered
    for plain in (default_title(ws, "de"), default_title(ws, "en")):
        if session.title.startswith(plain):
            return numbered + session.title[len(plain) :]
    return f"{numbered}: {session.title}"


def default_title(ws: Workspace, lang: str) -> str:
    word = "Sitzung" if lang == "de" else "Meeting"
    connector = "der" if lang == "de" else "of the"
    return f"{word} {connector} {ws.config.body.short}"


CONTACT_KEYS = frozenset({"email", "phone", "online", "online_link"})
"""Keys whose values never appear in public output: contact data and the online-meeting link
(which often carries its access token, ``?pwd=...``)."""
PUBLISHED_KEYS = frozenset({"t", "contact", "imprint", "publisher", "enforcement"})
"""Keys whose values a public document shows as they are: the fixed strings (``t.online`` is a
label, not a link) and what the body publishes about itself on purpose (the website's contact
address and imprint, which the law asks for)."""
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

EMAIL_IN_TEXT = re.compile(
    r"(?:mailto:)?[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
"""An e-mail address inside free text."""
PHONE_IN_TEXT = re.compile(
    r"(?<![\w.,/:-])"
    r"(?!(?:0[1-9]|[12]\d|3[01])/(?:0[1-9]|1[0-2])/\d{4}(?![\d/]))"  # an English date, 09/03/2022
    r"(?:tel:)?(?:\+|0)(?:[ /()-]{0,2}\d){6,}(?![\w])"
)
"""A phone number inside free text: starting with ``+`` or ``0``, at least seven digits, with
spaces, slashes, hyphens or parentheses between them (``030 9029-12345``, ``+49 30 1234567``,
``(030) 123 45 67``). Dates (``14.06.2022``, ``09/03/2022``), times, amounts and postcodes do
not match."""


def mask_contacts(text: str, lang: str) -> str:
    """``text`` with every e-mail address and phone number in it replaced by a note."""
    if "@" in text:
        text = EMAIL_IN_TEXT.sub(phrase(lang, "masked_email"), text)
    if any(c.isdigit() for c in text):
        text = PHONE_IN_TEXT.sub(phrase(lang, "masked_phone"), text)
    return text


def scrub_contacts(value: Any, lang: str = "de") -> Any:
    """The same data for a public document: no e-mail address, phone number or online link in
    any contact field (they become None), and e-mail addresses and phone numbers typed into
    free text (notes, descriptions, titles, decisions) masked (:func:`mask_contacts`)."""
    if isinstance(value, str):
        return mask_contacts(value, lang)
    if isinstance(value, dict):
        return {
            k: v if k in PUBLISHED_KEYS else None if k in CONTACT_KEYS else scrub_contacts(v, lang)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [scrub_contacts(v, lang) for v in value]
    return value


# --- the session ---------------------------------------------------------------------------


@overload
def content(ws: Workspace, text: str, lang: str) -> str: ...
@overload
def content(ws: Workspace, text: str | None, lang: str) -> str | None: ...
def content(ws: Workspace, text: str | None, lang: str) -> str | None:
    """What a file says (a title, notes, a decision, a task), marked as written in the
    workspace's ``content_language`` when the document is in another language."""
    if not text:
        return text
    return in_language(text, ws.config.content_language, lang)


def paragraphs(text: str | None) -> list[str]:
    """A text split at its blank lines."""
    if not text:
        return []
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]


def due_text(due: date | None, lang: str) -> str | None:
    """An action's due date as every document writes it: ``14.06.2022`` / ``14/06/2022``."""
    return format_date(due, lang, "numeric") if due is not None else None


def vote_counts(vote: Vote) -> VoteCounts:
    """A counted vote as data."""
    return {"yes": vote.yes, "no": vote.no, "abstain": vote.abstain}


def vote_text(vote: Any, lang: str, *, quorate: bool = True) -> str | None:
    """The vote and its result in words; in a session that was not quorate the result says
    plainly that no valid decision was taken (see :func:`kogsro.ledger.attendance.quorate`)."""
    if vote is None:
        return None
    if vote == "consensus":
        counts = phrase(lang, "vote_consensus")
        return counts if quorate else f"{counts} – {phrase(lang, 'vote_not_quorate')}"
    counts = phrase(lang, "vote_counts", yes=vote.yes, no=vote.no, abstain=vote.abstain)
    if not quorate:
        return f"{counts} – {phrase(lang, 'vote_not_quorate')}"
    result = phrase(lang, "vote_passed" if vote.passed else "vote_failed")
    return f"{counts} – {result}"
