"""The workspace as OParl 1.1 JSON, the standard API of German council information systems.

:func:`export` maps the workspace to OParl objects:

- ``kogsro.yaml`` → ``System`` and ``Body``; the body is also an ``Organization`` (type
  ``Gremium``) whose ``Membership`` objects are the standing members and their deputies.
- organisations → ``Organization``: districts and Senate departments as
  ``Verwaltungsbereich``, guests as ``Institution``, each with its ``Location``.
- people → ``Person``, each with a ``Membership`` in their own organisation (their role) and,
  for members and deputies, one in the body (``votingRight``, ``onBehalfOf`` their
  organisation). E-mail addresses and phone numbers only in an internal export.
- sessions → ``Meeting`` with ``Location``, ``meetingState``, ``cancelled`` and, once held,
  ``participant`` (the people present and the guests who came; inline guests become
  ``Person`` objects, their free-text organisations ``Organization`` objects).
- items → ``AgendaItem`` (number ``2.1``, ``order`` in the agenda, planned start and end,
  ``result`` and ``resolutionText`` from the decisions); links in ``documents`` → ``File``.
- each calendar year with sessions → ``LegislativeTerm`` ("Sitzungsjahr 2022").

A public export (the default) leaves out non-public items (and their sub-items), e-mail
addresses, phone numbers and online meeting links. Ids are URLs below the base URL that stay
the same from run to run (``{base}/meeting/2022-06-14``, ``{base}/agendaitem/2022-06-14-top2.1``);
``created`` and ``modified`` are the time of the export from :func:`kogsro.clock.now`, so
``SOURCE_DATE_EPOCH`` makes the output byte for byte reproducible.

:func:`~kogsro.formats.oparl.layout` turns the document into the files of a static OParl API
(one file per external list and one per object, each at its id plus ``.json``);
:func:`write_export` writes them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from kogsro import clock
from kogsro.documents.annexes import Annex, session_annexes
from kogsro.documents.presentation import mask_contacts, publicity, session_title
from kogsro.errors import OutputExists, Remedy, UsageError
from kogsro.formats.oparl import (
    DEFAULT_BASE_URL,
    OBJECT_FOLDERS,
    SCHEMA,
    check_base_url,
    dumps,
    layout,
)
from kogsro.fsio import check_protected, is_within, owning_folder, remove_file, write_atomic
from kogsro.i18n import phrase
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import InlineGuest, Item, Location, Person, Session, Vote
from kogsro.workspace.timeplan import PlannedItem, time_plan

# OParl's recommended vocabulary (German in every language) ...
ORGANIZATION_TYPES = {
    "body": "Gremium",
    "district": "Verwaltungsbereich",
    "senate": "Verwaltungsbereich",
    "guest": "Institution",
    "other": "Institution",
}
MEETING_STATES = {"planned": "terminiert", "invited": "eingeladen", "held": "durchgeführt"}
_ADDRESS = re.compile(r"^(?P<street>.+?),\s*(?P<postal>\d{5})\s+(?P<locality>.+)$")
_TOWN = re.compile(r"^(?P<postal>\d{5})\s+(?P<locality>.+)$")


def export(
    ws: Workspace,
    *,
    base_url: str = DEFAULT_BASE_URL,
    public_only: bool = True,
    lang: str | None = None,
) -> dict[str, Any]:
    """The workspace as one OParl document: ``{"system": System, "<list>": list object, ...}``.

    Every list (see :data:`LISTS`) is an OParl object list with ``data``, ``pagination`` and
    ``links``, on one page. Objects inside lists are complete, with their back references.
    """
    builder = _Builder(ws, check_base_url(base_url), public_only, lang or ws.config.language)
    return builder.build()


@dataclass(frozen=True, slots=True)
class Written:
    files: list[Path]
    removed: list[Path]


ATTACHMENTS_FOLDER = "anlagen"


def attachment_path(session: Session, annex: Annex) -> str:
    """Where a file of the workspace goes in the export: ``anlagen/<session>/<name>``."""
    return f"{ATTACHMENTS_FOLDER}/{session.id}/{annex.numbered_name}"


def export_attachments(ws: Workspace, *, public_only: bool = True) -> dict[str, Path]:
    """The workspace's attachment files an export holds: path in the export -> the file."""
    found: dict[str, Path] = {}
    for session in ws.sessions:
        for annex in session_annexes(ws, session, public=public_only):
            if annex.kind == "file" and annex.path is not None:
                found[attachment_path(session, annex)] = annex.path
    return found


def write_export(
    document: dict[str, Any],
    folder: Path,
    *,
    base_url: str,
    out_dir: Path,
    force: bool = False,
    attachments: dict[str, Path] | None = None,
    protected: Iterable[Path] = (),
) -> Written:
    """Write the files of :func:`layout` into ``folder``, each atomically.

    Object files of an earlier export that are no longer part of it (a deleted session, an
    item that became non-public) are removed. A folder outside ``out_dir`` that already holds
    an export is replaced only with ``force``.
    """
    check_protected(folder, protected)
    files = layout(document, base_url)
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            f"{folder}: is not a folder",
            hint="name a folder for the export, or '-' for standard output",
        )
    attachments = attachments or {}
    targets = {folder / name for name in files} | {folder / name for name in attachments}
    stale = [path for path in _object_files(folder) if path not in targets]
    if not force and not is_within(folder, out_dir):
        existing = [path for path in targets if path.exists()] + stale
        if existing:
            count = len(existing)
            raise OutputExists(
                folder,
                hint=f"it holds {count} file{'s' if count != 1 else ''} of an earlier export",
                remedy=Remedy("force", purpose="to replace them"),
            )
    base = owning_folder(folder, out_dir)
    written = []
    for name, value in files.items():
        path = folder / name
        write_atomic(path, dumps(value), within=base)
        written.append(path)
    for name, source in attachments.items():
        path = folder / name
        write_atomic(path, source.read_bytes(), within=base)
        written.append(path)
    for path in stale:
        remove_file(path, within=base)
    _remove_empty_folders(folder)
    return Written(written, stale)


def _object_files(folder: Path) -> list[Path]:
    found: list[Path] = []
    for name in OBJECT_FOLDERS:
        sub = folder / name
        if sub.is_dir() and not sub.is_symlink():
            found += sorted(p for p in sub.rglob("*.json") if p.is_file())
    sub = folder / ATTACHMENTS_FOLDER
    if sub.is_dir() and not sub.is_symlink():
        found += sorted(p for p in sub.glob("*/anlage-*") if p.is_file() and not p.is_symlink())
    return found


def _remove_empty_folders(folder: Path) -> None:
    for name in (*OBJECT_FOLDERS, ATTACHMENTS_FOLDER):
        sub = folder / name
        if not sub.is_dir() or sub.is_symlink():
            continue
        for path in sorted((p for p in sub.rglob("*") if p.is_dir()), reverse=True):
            if not any(path.iterdir()):
                path.rmdir()
        if not any(sub.iterdir()):
            sub.rmdir()


# --- building ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Object:
    """One OParl object: its embedded form, plus back references shown when it stands alone."""

    data: dict[str, Any]
    back: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.data["id"])

    def standalone(self) -> dict[str, Any]:
        out = {k: v for k, v in self.data.items() if k not in ("created", "modified")}
        out.update((k, v) for k, v in self.back.items() if v)
        out["created"] = self.data["created"]
        out["modified"] = self.data["modified"]
        return out


@dataclass(slots=True)
class _Guest:
    key: str
    name: str
    organisation: str | None  # organisation key
    role: str | None
    email: str | None


class _Builder:
    def __init__(self, ws: Workspace, base: str, public: bool, lang: str) -> None:
        self.ws = ws
        self.base = base
        self.public = public
        self.lang = lang
        self.zone = ZoneInfo(ws.config.timezone)
        self.stamp = clock.now().astimezone(self.zone).replace(microsecond=0).isoformat()
        self.body_url = self.url("body")
        self.body_key = _unique(_slug(ws.config.body.short), set(ws.organisations))
        self.locations: dict[str, _Object] = {}
        self.memberships: dict[str, list[_Object]] = {}  # person key -> memberships
        self.members_of: dict[str, list[str]] = {}  # organisation key -> membership urls
        self.external: dict[str, tuple[str, str]] = {}  # casefolded name -> (key, name)
        self.guests: dict[tuple[str, str | None], _Guest] = {}
        self.agenda_items: list[_Object] = []
        self.files: list[_Object] = []
        self.annex_cache: dict[str, list[Annex]] = {}

    # --- helpers ---
    def url(self, *parts: str) -> str:
        return "/".join((self.base, *parts))

    def word(self, key: str, **values: Any) -> str:
        return phrase(self.lang, f"oparl_{key}", **values)

    def new(self, kind: str, ident: str, **fields: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"id": ident, "type": SCHEMA + kind}
        data.update((k, v) for k, v in fields.items() if v is not None)
        data["created"] = self.stamp
        data["modified"] = self.stamp
        return data

    def at(self, day: date, clock_time: time, start: time) -> datetime:
        """A time of the session day in the body's zone; times before the start are the next day."""
        moment = datetime.combine(day, clock_time, tzinfo=self.zone)
        return moment + timedelta(days=1) if clock_time < start else moment

    # --- the whole ---
    def build(self) -> dict[str, Any]:
        ws = self.ws
        default = ws.config.defaults.location
        body_location = self.location(default, "body") if default else None
        if body_location is not None:
            body_location.back.setdefault("bodies", []).append(self.body_url)
            body_location.back.setdefault("organizations", []).append(
                self.url("organization", self.body_key)
            )
        org_locations = {}
        for org in ws.roster.organisations:
            if org.location is not None:
                loc = self.location(org.location, "organization", org.id)
                loc.back.setdefault("organizations", []).append(self.url("organization", org.id))
                org_locations[org.id] = loc
        for person in ws.roster.people:
            self.person_memberships(person)
        meetings = [self.meeting(session) for session in ws.sessions]
        for guest in self.guests.values():
            if guest.organisation:
                self.membership(guest.key, guest.organisation, role=guest.role)
        years = sorted({session.date.year for session in ws.sessions})
        terms = [self.term(year) for year in years]

        organizations = [self.body_organization(body_location)]
        organizations += [
            self.organization(org.id, org_locations.get(org.id)) for org in ws.roster.organisations
        ]
        organizations += [
            self.external_organization(key, name) for key, name in self.external.values()
        ]
        persons = [self.person(p) for p in ws.roster.people]
        persons += [self.guest_person(guest) for guest in self.guests.values()]
        memberships = [m for group in self.memberships.values() for m in group]

        body = _Object(
            self.new(
                "Body",
                self.body_url,
                system=self.url("system"),
                shortName=ws.config.body.short,
                name=ws.config.body.name,
                website=_url_or_none(ws.config.body.website),
                contactEmail=ws.config.body.email,
                classification=self.word("body"),
                location=body_location.data if body_location else None,
                organization=self.url("organizations"),
                person=self.url("persons"),
                meeting=self.url("meetings"),
                paper=self.url("papers"),
                agendaItem=self.url("agendaitems"),
                file=self.url("files"),
                locationList=self.url("locations"),
                legislativeTermList=self.url("legislativeterms"),
                membership=self.url("memberships"),
                legislativeTerm=[term.data for term in terms],
            )
        )
        system = self.new(
            "System",
            self.url("system"),
            oparlVersion=SCHEMA,
            body=self.url("bodies"),
            name=ws.config.body.name,
            contactEmail=ws.config.body.email,
            website=_url_or_none(ws.config.body.website),
        )
        lists: dict[str, list[_Object]] = {
            "bodies": [body],
            "organizations": organizations,
            "persons": persons,
            "memberships": memberships,
            "meetings": meetings,
            "agendaitems": self.agenda_items,
            "locations": list(self.locations.values()),
            "legislativeterms": terms,
            "files": self.files,
            "papers": [],
        }
        document: dict[str, Any] = {"system": system}
        for name, objects in lists.items():
            document[name] = self.object_list(name, [obj.standalone() for obj in objects])
        return document

    def object_list(self, name: str, data: list[dict[str, Any]]) -> dict[str, Any]:
        here = self.url(name)
        return {
            "data": data,
            "pagination": {
                "totalElements": len(data),
                "elementsPerPage": len(data),
                "currentPage": 1,
                "totalPages": 1,
            },
            "links": {"self": here, "first": here, "last": here},
        }

    # --- places ---
    def location(self, place: Location, *key: str) -> _Object:
        ident = self.url("location", *key)
        if ident in self.locations:
            return self.locations[ident]
        description = ", ".join(part for part in (place.name, place.address) if part)
        if place.online and not self.public:
            description += f" ({place.online})"
        fields: dict[str, Any] = {"description": description, "room": place.room}
        match = _ADDRESS.match(place.address or "") or _TOWN.match(place.address or "")
        if match:
            fields["streetAddress"] = match.groupdict().get("street")
            fields["postalCode"] = match["postal"]
            fields["locality"] = match["locality"]
        obj = _Object(self.new("Location", ident, **fields))
        self.locations[ident] = obj
        return obj

    def meeting_location(self, session: Session) -> _Object | None:
        """The session's own place, else its host's, else the body's; the same place one object."""
        ws = self.ws
        host = ws.organisations.get(session.host)
        own = session.location
        if host is not None and host.location is not None and own in (None, host.location):
            return self.locations[self.url("location", "organization", host.id)]
        default = ws.config.defaults.location
        if default is not None and own in (None, default):
            return self.locations[self.url("location", "body")]
        if own is None:
            return None
        return self.location(own, "meeting", session.id)

    # --- organisations and people ---
    def body_organization(self, location: _Object | None) -> _Object:
        body = self.ws.config.body
        members = len(self.ws.members())
        return _Object(
            self.new(
                "Organization",
                self.url("organization", self.body_key),
                body=self.body_url,
                name=body.name,
                shortName=body.short,
                organizationType=ORGANIZATION_TYPES["body"],
                classification=self.word("body"),
                membership=self.members_of.get(self.body_key) or None,
                meeting=self.url("meetings"),
                website=_url_or_none(body.website),
                location=location.data if location else None,
                memberCount=members,
                votingMemberCount=members,
            )
        )

    def organization(self, key: str, location: _Object | None) -> _Object:
        org = self.ws.organisations[key]
        return _Object(
            self.new(
                "Organization",
                self.url("organization", key),
                body=self.body_url,
                name=org.name,
                shortName=org.short,
                organizationType=ORGANIZATION_TYPES[org.kind],
                classification=self.word(org.kind) if org.kind != "other" else None,
                membership=self.members_of.get(key) or None,
                website=_url_or_none(org.website),
                location=location.data if location else None,
            )
        )

    def external_organization(self, key: str, name: str) -> _Object:
        return _Object(
            self.new(
                "Organization",
                self.url("organization", key),
                body=self.body_url,
                name=name,
                organizationType=ORGANIZATION_TYPES["guest"],
                classification=self.word("guest"),
                membership=self.members_of.get(key) or None,
            )
        )

    def membership(
        self,
        person: str,
        organisation: str,
        *,
        role: str | None,
        voting: bool | None = None,
        on_behalf_of: str | None = None,
    ) -> None:
        ident = self.url("membership", person, organisation)
        obj = _Object(
            self.new(
                "Membership",
                ident,
                organization=self.url("organization", organisation),
                role=role,
                votingRight=voting,
                onBehalfOf=self.url("organization", on_behalf_of) if on_behalf_of else None,
            ),
            {"person": self.url("person", person)},
        )
        self.memberships.setdefault(person, []).append(obj)
        self.members_of.setdefault(organisation, []).append(ident)

    def person_memberships(self, person: Person) -> None:
        org = person.organisation
        if person.member:
            self.membership(
                person.id, self.body_key, role=self.word("member"), voting=True, on_behalf_of=org
            )
        elif person.deputy_of:
            self.membership(
                person.id, self.body_key, role=self.word("deputy"), voting=False, on_behalf_of=org
            )
        if org:
            self.membership(person.id, org, role=person.role)

    def person(self, person: Person) -> _Object:
        return self.person_object(person.id, person.name, person.role, person.email, person.phone)

    def guest_person(self, guest: _Guest) -> _Object:
        return self.person_object(guest.key, guest.name, guest.role, guest.email, None)

    def person_object(
        self, key: str, name: str, role: str | None, email: str | None, phone: str | None
    ) -> _Object:
        internal = not self.public
        return _Object(
            self.new(
                "Person",
                self.url("person", key),
                body=self.body_url,
                name=name,
                status=[role] if role else None,
                email=[email] if email and internal else None,
                phone=[phone] if phone and internal else None,
                membership=[m.data for m in self.memberships.get(key, [])] or None,
            )
        )

    def guest(self, guest: InlineGuest) -> str:
        """The person key of an inline guest, the same for the same name and organisation."""
        org = self.guest_organisation(guest.organisation) if guest.organisation else None
        identity = (guest.name.casefold(), org)
        known = self.guests.get(identity)
        if known is not None:
            known.role = known.role or guest.role
            known.email = known.email or guest.email
            return known.key
        taken = set(self.ws.people) | {g.key for g in self.guests.values()}
        key = _unique(_slug(guest.name), taken)
        self.guests[identity] = _Guest(key, guest.name, org, guest.role, guest.email)
        return key

    def guest_organisation(self, text: str) -> str:
        """A roster organisation named ``text`` (id, name or short name), else an external one."""
        wanted = text.casefold()
        for org in self.ws.roster.organisations:
            if wanted in (org.id, org.name.casefold(), (org.short or "").casefold()):
                return org.id
        if wanted not in self.external:
            taken = set(self.ws.organisations) | {self.body_key}
            taken |= {key for key, _ in self.external.values()}
            self.external[wanted] = (_unique(_slug(text), taken), text)
        return self.external[wanted][0]

    # --- sessions ---
    def meeting(self, session: Session) -> _Object:
        ws = self.ws
        plan = time_plan(session, ws.config)
        ident = self.url("meeting", session.id)
        location = self.meeting_location(session)
        if location is not None:
            location.back.setdefault("meetings", []).append(ident)
        visible = publicity(ws, session)
        items = [
            self.agenda_item(session, entry, order, visible[entry.path], ident, plan.start)
            for order, entry in enumerate(plan.items, start=1)
            if visible[entry.path] or not self.public
        ]
        cancelled = session.status in ("cancelled", "postponed")
        return _Object(
            self.new(
                "Meeting",
                ident,
                name=self.text(session_title(ws, session, self.lang)),
                meetingState=_meeting_state(session),
                cancelled=cancelled,
                start=self.at(session.date, plan.start, plan.start).isoformat(),
                end=self.at(session.date, plan.end, plan.start).isoformat(),
                location=location.data if location else None,
                organization=[self.url("organization", self.body_key)],
                participant=None if cancelled else self.participants(session) or None,
                agendaItem=[item.data for item in items],
            )
        )

    def participants(self, session: Session) -> list[str]:
        """The people who were there: present members and others, then the guests who came."""
        attendance = session.attendance
        if attendance is None:
            return []
        keys = [ref for ref in attendance.present if ref in self.ws.people]
        for guest in attendance.guests:
            if isinstance(guest, InlineGuest):
                keys.append(self.guest(guest))
            elif guest in self.ws.people:
                keys.append(guest)
        return [self.url("person", key) for key in dict.fromkeys(keys)]

    def agenda_item(
        self,
        session: Session,
        entry: PlannedItem,
        order: int,
        public: bool,
        meeting: str,
        session_start: time,
    ) -> _Object:
        item = entry.item
        ident = self.url("agendaitem", f"{session.id}-top{entry.number}")
        start = self.at(session.date, entry.start, session_start)
        end = start + timedelta(minutes=entry.duration) if entry.duration is not None else None
        files = [
            self.file(url, f"{session.id}-top{entry.number}-{index}", ident, meeting)
            for index, url in enumerate(item.documents, start=1)
            if _url_or_none(url)
        ]
        for annex in self.annexes(session):
            if annex.item != entry.number or annex.loc[-2:-1] == ("documents",):
                continue
            if annex.kind == "file" and annex.path is not None:
                files.append(self.local_file(session, annex, ident, meeting))
            elif annex.url:
                key = f"{session.id}-anlage-{annex.number}"
                files.append(self.file(annex.url, key, ident, meeting, name=annex.title))
        held = session.status not in ("cancelled", "postponed")
        obj = _Object(
            self.new(
                "AgendaItem",
                ident,
                number=entry.number,
                order=order,
                name=self.text(item.title),
                public=public,
                result=self.result(item) if held else None,
                resolutionText=self.resolution(item) if held else None,
                auxiliaryFile=[f.data for f in files] or None,
                start=start.isoformat(),
                end=end.isoformat() if end else None,
            ),
            {"meeting": meeting},
        )
        self.agenda_items.append(obj)
        return obj

    def annexes(self, session: Session) -> list[Annex]:
        if session.id not in self.annex_cache:
            self.annex_cache[session.id] = session_annexes(self.ws, session, public=self.public)
        return self.annex_cache[session.id]

    def local_file(self, session: Session, annex: Annex, agenda_item: str, meeting: str) -> _Object:
        """A file of the workspace: copied into the export (``anlagen/<session>/``)."""
        obj = _Object(
            self.new(
                "File",
                self.url("file", f"{session.id}-anlage-{annex.number}"),
                name=annex.title,
                fileName=annex.numbered_name,
                mimeType=annex.mime_type,
                size=annex.size(),
                accessUrl=self.url(*attachment_path(session, annex).split("/")),
            ),
            {"agendaItem": [agenda_item], "meeting": [meeting]},
        )
        self.files.append(obj)
        return obj

    def file(
        self, url: str, key: str, agenda_item: str, meeting: str, *, name: str | None = None
    ) -> _Object:
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        name = name or (unquote(segments[-1]) if segments else parts.netloc)
        obj = _Object(
            self.new("File", self.url("file", key), name=name, accessUrl=url),
            {"agendaItem": [agenda_item], "meeting": [meeting]},
        )
        self.files.append(obj)
        return obj

    def result(self, item: Item) -> str | None:
        if item.status == "deferred":
            return self.word("deferred")
        if item.decisions:
            passed = [_passed(d.vote) for d in item.decisions]
            if all(passed):
                return self.word("adopted")
            return self.word("partly" if any(passed) else "rejected")
        if item.status == "done":
            return self.word("noted" if item.kind == "information" else "dealt")
        return None

    def resolution(self, item: Item) -> str | None:
        texts = []
        for decision in item.decisions:
            vote = self.vote_text(decision.vote)
            texts.append(f"{decision.text} ({vote})" if vote else decision.text)
        return self.text("\n\n".join(texts)) or None

    def text(self, value: str) -> str:
        """Free text as it may appear: in a public export without contact data in it."""
        return mask_contacts(value, self.lang) if self.public else value

    def vote_text(self, vote: Vote | str | None) -> str | None:
        if vote is None:
            return None
        if not isinstance(vote, Vote):
            return self.word("consensus")
        if self.lang == "de":
            abstentions = "Enthaltung" if vote.abstain == 1 else "Enthaltungen"
        else:
            abstentions = "abstention" if vote.abstain == 1 else "abstentions"
        return self.word(
            "votes", yes=vote.yes, no=vote.no, abstain=vote.abstain, abstentions=abstentions
        )

    def term(self, year: int) -> _Object:
        return _Object(
            self.new(
                "LegislativeTerm",
                self.url("legislativeterm", str(year)),
                name=self.word("term", year=year),
                startDate=date(year, 1, 1).isoformat(),
                endDate=date(year, 12, 31).isoformat(),
            ),
            {"body": self.body_url},
        )


def _meeting_state(session: Session) -> str:
    if session.status in MEETING_STATES:
        return MEETING_STATES[session.status]
    if session.attendance is not None:
        return MEETING_STATES["held"]
    return MEETING_STATES["invited" if session.invited_on else "planned"]


def _passed(vote: Vote | str | None) -> bool:
    return vote.passed if isinstance(vote, Vote) else True


def _url_or_none(text: str | None) -> str | None:
    if not text:
        return None
    parts = urlsplit(text.strip())
    if parts.scheme in ("http", "https") and parts.netloc and " " not in text.strip():
        return text.strip()
    return None


_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _slug(text: str) -> str:
    """``Mia Gastmann`` -> ``mia-gastmann``: lowercase ASCII letters, digits and '-'."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_TRANSLITERATE))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def _unique(candidate: str, taken: Iterable[str]) -> str:
    used = set(taken)
    if candidate not in used:
        return candidate
    number = 2
    while f"{candidate}-{number}" in used:
        number += 1
    return f"{candidate}-{number}"
