"""E-mail invitations (RFC 5322) built with the standard library's ``email`` package.

One message per recipient (or one to all, in Bcc): a plain-text body with an HTML
alternative of the invitation, the calendar entry attached as ``text/calendar;
method=REQUEST`` (``CANCEL`` for a cancelled session) and, if asked for, the PDF invitation.
As a draft it carries ``X-Unsent: 1`` so mail programs open it ready to send; for sending
it gets a Date and a Message-ID instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Literal

from kogsro import clock
from kogsro.documents.calendar import invitation_calendar
from kogsro.errors import InputError, OutputExists, UsageError
from kogsro.formats.eml import Attachment, MessageParts, encode_message
from kogsro.formats.ics import slug
from kogsro.fsio import check_protected, is_within, owning_folder, remove_file, write_atomic
from kogsro.i18n import format_date, phrase
from kogsro.ledger.lifecycle import calendar_event, session_status
from kogsro.workspace.loader import CONFIG_FILE, Workspace
from kogsro.workspace.model import Session
from kogsro.workspace.recipients import (
    Invitee,
    Recipients,
    address_problem,
    contact_problems,
    recipients,
)
from kogsro.workspace.yamlsource import Source

_BREAK = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class MailFile:
    """An attachment file as it goes into a message."""

    name: str  # anlage-01-leitfaden.pdf
    mime_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Parts:
    """The rendered invitation: what goes into every message."""

    text: str
    html: str
    pdf: bytes | None = None
    files: tuple[MailFile, ...] = ()


@dataclass(frozen=True, slots=True)
class GuestParts:
    """A guest's own version of the invitation: the rendered parts, the calendar entry and
    (filled in by :func:`build_drafts`) the attachments."""

    parts: Parts
    calendar: bytes
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True)
class Draft:
    """One message and who it is for; ``name`` is its file name without ``.eml``."""

    name: str
    recipients: tuple[Invitee, ...]
    message: EmailMessage
    method: str  # REQUEST or CANCEL

    @property
    def addresses(self) -> list[str]:
        return [who.email for who in self.recipients if who.email]

    def as_bytes(self) -> bytes:
        return self.message.as_bytes()


def method_of(ws: Workspace, session: Session) -> str:
    """REQUEST, or CANCEL for a cancelled session (see :func:`calendar_event`)."""
    return calendar_event(ws, session).method


def subject(ws: Workspace, session: Session, lang: str, *, remind: bool = False) -> str:
    """``Einladung: KoG SRO am Dienstag, 14. Juni 2022`` (``Erinnerung: Einladung: …``);
    ``Absage: …``; ``Verlegung: KoG SRO am Dienstag, 14. Juni 2022, neuer Termin Dienstag,
    21. Juni 2022``."""
    when = format_date(session.date, lang)
    body = ws.config.body.short
    status = session_status(session)
    if status == "postponed":
        moved = calendar_event(ws, session).shown
        if moved is not session:
            new = format_date(moved.date, lang)
            text = phrase(lang, "mail_subject_moved", body=body, date=when, new_date=new)
        else:
            text = phrase(lang, "mail_subject_postponed", body=body, date=when)
    else:
        kind = "cancel" if status == "cancelled" else ("update" if session.revision else "new")
        text = phrase(lang, f"mail_subject_{kind}", body=body, date=when)
    return phrase(lang, "mail_reminder", subject=text) if remind else text


def sender(ws: Workspace) -> Address:
    """The From address: ``mail.from`` in kogsro.yaml, else the body's address."""
    source = ws.config_source or Source(CONFIG_FILE)
    mail = ws.config.mail
    if mail is not None and mail.sender:
        return _mailbox(mail.sender, source, ("mail", "from"), "mail.from")
    body = ws.config.body
    if body.email:
        return _mailbox(f"{body.short} <{body.email}>", source, ("body", "email"), "body.email")
    raise UsageError(
        "no sender address for e-mail",
        hint='add `mail: {from: "Name <address@example.org>"}` to kogsro.yaml',
    )


def _mailbox(value: str, source: Source, loc: tuple[str, ...], key: str) -> Address:
    from email.headerregistry import HeaderRegistry

    hint = 'write it as "Name <address@example.org>" or address@example.org'
    if _BREAK.search(value):
        raise InputError([source.problem(loc, f"{key} contains a line break", hint=hint)])
    try:
        header = HeaderRegistry()("From", value)
        addresses = header.addresses  # type: ignore[attr-defined]
    except (ValueError, IndexError):
        addresses = ()
    if len(addresses) != 1 or address_problem(addresses[0].addr_spec):
        raise InputError(
            [source.problem(loc, f"{key}: {value!r} is not one valid e-mail address", hint=hint)]
        )
    found: Address = addresses[0]
    return found


def _reply_to(ws: Workspace) -> Address | None:
    mail = ws.config.mail
    if mail is None or not mail.reply_to:
        return None
    source = ws.config_source or Source(CONFIG_FILE)
    return _mailbox(mail.reply_to, source, ("mail", "reply_to"), "mail.reply_to")


def _check_subject(ws: Workspace, text: str) -> None:
    if _BREAK.search(text):
        source = ws.config_source or Source(CONFIG_FILE)
        raise InputError(
            [
                source.problem(
                    ("body", "short"),
                    "the subject would contain a line break (from body.short)",
                    hint="write the short name on one line",
                )
            ]
        )


def attachment_name(ws: Workspace, session: Session, lang: str, ext: str) -> str:
    """``einladung-kog-sro-2022-06-14.ics``."""
    return f"{phrase(lang, 'mail_file_word')}-{slug(ws.config.body.short)}-{session.id}.{ext}"


def build_drafts(
    ws: Workspace,
    session: Session,
    parts: Parts,
    *,
    bcc: bool = False,
    draft: bool = True,
    lang: str | None = None,
    guests: Recipients | None = None,
    remind: bool = False,
    guest_parts: Mapping[str, GuestParts] | None = None,
) -> list[Draft]:
    """The messages of an invitation; nothing is written.

    ``guest_parts`` holds the own version of each guest (by key): only the public items and
    the items the guest presents, no internal tasks. A guest with one gets a message of their
    own, also with ``bcc`` (where the one message to all then goes to the members).

    Every name, address and the subject are checked first: a problem raises
    :class:`InputError` naming the entry to fix (``attendees.yaml:57:5``) and no message is
    built. People without an address are left out (see :meth:`Recipients.warnings`).
    """
    lang = lang or ws.config.language
    guests = guests if guests is not None else recipients(ws, session)
    from_ = sender(ws)
    reply_to = _reply_to(ws)
    title = subject(ws, session, lang, remind=remind)
    _check_subject(ws, title)
    copies = (
        standing_deputies(ws, guests) if ws.config.mail and ws.config.mail.copy_deputies else {}
    )
    if not guests.invitees:
        raise UsageError(
            f"nobody to invite to {session.id}: no member or guest has an e-mail address",
            hint="add `email:` to the people in attendees.yaml",
        )
    method = method_of(ws, session)
    ics = invitation_calendar(ws, session, guests=guests, lang=lang)

    def attachments_of(rendered: Parts, calendar: bytes) -> list[Attachment]:
        """The calendar entry, the workspace's attachments (Anlagen), the PDF invitation."""
        found = [
            Attachment(
                calendar,
                "text",
                "calendar",
                attachment_name(ws, session, lang, "ics"),
                {"method": method, "charset": "utf-8"},
            )
        ]
        for file in rendered.files:
            maintype, _, subtype = file.mime_type.partition("/")
            found.append(Attachment(file.data, maintype, subtype, file.name))
        if rendered.pdf is not None:
            name = attachment_name(ws, session, lang, "pdf")
            found.append(Attachment(rendered.pdf, "application", "pdf", name))
        return found

    attachments = attachments_of(parts, ics)

    def address(who: Invitee) -> Address:
        return Address(display_name=who.name, addr_spec=who.email or "")

    def message(
        to: Iterable[Invitee],
        *,
        hidden: bool,
        cc: Iterable[Invitee] = (),
        own: GuestParts | None = None,
    ) -> EmailMessage:
        return encode_message(
            MessageParts(
                subject=title,
                sender=from_,
                recipients=[address(who) for who in to],
                text=own.parts.text if own else parts.text,
                html=own.parts.html if own else parts.html,
                language=lang,
                attachments=list(own.attachments) if own else attachments,
                reply_to=reply_to,
                copies=[address(who) for who in cc],
                hidden=hidden,
                sent=None if draft else clock.now(),
            )
        )

    own_versions = {
        key: GuestParts(own.parts, own.calendar, tuple(attachments_of(own.parts, own.calendar)))
        for key, own in (guest_parts or {}).items()
    }
    if bcc:
        members = [who for who in guests.invitees if who.key not in own_versions]
        everyone = (*members, *(d for who in members for d in copies.get(who.key, ())))
        drafts = [Draft("all", everyone, message(everyone, hidden=True), method)] if members else []
        for who in guests.invitees:
            if who.key in own_versions:
                mine = message((who,), hidden=False, own=own_versions[who.key])
                drafts.append(Draft(who.key, (who,), mine, method))
        return drafts
    drafts = []
    for who in guests.invitees:
        cc = copies.get(who.key, ())
        mine = message((who,), hidden=False, cc=cc, own=own_versions.get(who.key))
        drafts.append(Draft(who.key, (who, *cc), mine, method))
    return drafts


def standing_deputies(ws: Workspace, guests: Recipients) -> dict[str, tuple[Invitee, ...]]:
    """``mail.copy_deputies``: each invited member's standing deputies (``deputy_of``) with an
    address, who get the member's invitation in copy (Cc) — unless they are invited anyway."""
    invited = {who.key for who in guests.invitees} | {
        who.email.lower() for who in guests.invitees if who.email
    }
    copies: dict[str, tuple[Invitee, ...]] = {}
    problems = []
    for index, person in enumerate(ws.roster.people):
        deputy_of = person.deputy_of
        if not deputy_of or not person.email or deputy_of not in invited:
            continue
        if person.id in invited or person.email.lower() in invited:
            continue
        who = Invitee(
            person.id, person.name, person.email, "guest", "person", ws.roster_source,
            ("people", index),
        )  # fmt: skip
        problems += contact_problems(who)
        copies[deputy_of] = (*copies.get(deputy_of, ()), who)
    if problems:
        raise InputError(problems)
    return copies


def reminder_recipients(ws: Workspace, session: Session, guests: Recipients) -> Recipients:
    """``--remind``: the invited members who have not replied (nor their standing deputy)."""
    from kogsro.ledger.rsvp import rsvp_summary

    waiting = {m.member.id for m in rsvp_summary(ws, session).members if m.seat == "open"}
    chosen = [who for who in guests.invitees if who.kind == "person" and who.key in waiting]
    if not chosen:
        raise UsageError(
            f"every member invited by mail has replied to {session.id}: nobody to remind",
            hint=f"see `kogsro rsvp {session.id}`",
        )
    return Recipients(chosen, [m for m in guests.missing if m.key in waiting])


def default_mail_dir(ws: Workspace, session: Session, *, remind: bool = False) -> Path:
    return ws.out_dir / session.id / ("mail-remind" if remind else "mail")


def write_drafts(
    ws: Workspace, drafts: list[Draft], folder: Path, *, force: bool = False
) -> list[Path]:
    """Write ``<name>.eml`` files into ``folder``.

    Inside the workspace's ``out/`` the folder is the tool's own: drafts of people no longer
    invited are removed. Elsewhere an existing file is replaced only with ``force``.
    """
    check_protected(folder, ws.protected)
    targets = [folder / f"{d.name}.eml" for d in drafts]
    owned = is_within(folder, ws.out_dir)
    if not owned and not force:
        for path in targets:
            if path.exists():
                raise OutputExists(path)
    for path, item in zip(targets, drafts, strict=True):
        write_atomic(path, item.as_bytes(), within=owning_folder(folder, ws.out_dir))
    if owned and folder.is_dir():
        keep = {p.name for p in targets}
        for stale in folder.glob("*.eml"):
            if stale.name not in keep:
                remove_file(stale, within=ws.out_dir)
    return targets


def invitation_parts(
    ws: Workspace,
    session: Session,
    *,
    lang: str,
    attach_pdf: bool = False,
    warnings: list[str] | None = None,
    audience: str | None = None,
) -> Parts:
    """The invitation rendered for a message: plain text, HTML, the attachment files (up to
    ``mail.max_attachments_mb`` in all) and, if asked, the PDF. What is said about files left
    out is appended to ``warnings``."""
    from kogsro.documents.session_docs import render_document

    def render(fmt: Literal["txt", "html", "pdf"]) -> bytes:
        return render_document(ws, session, "invitation", fmt, lang=lang, audience=audience)

    text = render("txt").decode("utf-8")
    html = render("html").decode("utf-8")
    shown = None
    if audience is not None:
        from kogsro.documents.presentation import guest_items

        visible = guest_items(ws, session, audience)
        shown = {e.number for e in session.numbered_items() if e.path in visible}
    files, note, said = annex_files(ws, session, lang=lang, items=shown)
    if warnings is not None:
        warnings.extend(said)
    if note:
        from html import escape

        text = text.rstrip("\n") + "\n\n" + note + "\n"
        paragraph = f'<p class="note">{escape(note)}</p>\n'
        html = html.replace("</body>", paragraph + "</body>", 1) if "</body>" in html else html
    return Parts(text=text, html=html, pdf=render("pdf") if attach_pdf else None, files=files)


def annex_files(
    ws: Workspace, session: Session, *, lang: str, items: set[str] | None = None
) -> tuple[tuple[MailFile, ...], str | None, list[str]]:
    """The session's attachment files for its invitation by mail, a note for the message when
    they are left out, and the warnings for the user. With ``items`` (a guest's version), only
    the public attachments and those of the items numbered there.

    All files go with the message while together they stay within ``mail.max_attachments_mb``
    (default 10); above it none does, and the message says which Anlagen it lacks.
    """
    from kogsro.documents.annexes import session_annexes
    from kogsro.i18n import phrase

    annexes = [a for a in session_annexes(ws, session) if a.kind == "file" and a.path]
    if items is not None:
        annexes = [a for a in annexes if a.public or a.item in items]
    if not annexes:
        return (), None, []
    limit_mb = ws.config.mail.max_attachments_mb if ws.config.mail else DEFAULT_MAX_MB
    total = sum(a.size() for a in annexes)
    if total <= limit_mb * 1_000_000:
        files = tuple(
            MailFile(a.numbered_name, a.mime_type, a.path.read_bytes())
            for a in annexes
            if a.path is not None
        )
        return files, None, []
    size = _megabytes(total, lang)
    listed = "; ".join(
        f"{phrase(lang, 'annex_label', number=a.number)}: {a.title}" for a in annexes
    )
    note = phrase(lang, "mail_annexes_left_out", size=size, annexes=listed)
    warning = (
        f"the attachments of {session.id} take {_megabytes(total, 'en')} MB, more than "
        f"mail.max_attachments_mb ({limit_mb:g}): they are not attached, the message says so"
    )
    return (), note, [warning]


DEFAULT_MAX_MB = 10.0


def _megabytes(size: int, lang: str) -> str:
    text = f"{size / 1_000_000:.1f}"
    return text.replace(".", ",") if lang == "de" else text


def draft_invitations(
    ws: Workspace,
    session: Session,
    *,
    bcc: bool = False,
    attach_pdf: bool = False,
    draft: bool = True,
    lang: str | None = None,
    remind: bool = False,
) -> tuple[list[Draft], list[str]]:
    """The invitation's messages and the warnings about people left out.

    Names, addresses, sender and subject are checked before anything is rendered. With
    ``remind``, only to the members who have not replied yet (``kogsro rsvp``).
    """
    lang = lang or ws.config.language
    guests = recipients(ws, session)
    if remind:
        guests = reminder_recipients(ws, session, guests)
    sender(ws)
    _check_subject(ws, subject(ws, session, lang, remind=remind))
    warnings = guests.warnings()
    parts = invitation_parts(ws, session, lang=lang, attach_pdf=attach_pdf, warnings=warnings)
    drafts = build_drafts(
        ws,
        session,
        parts,
        bcc=bcc,
        draft=draft,
        lang=lang,
        guests=guests,
        remind=remind,
        guest_parts=guest_versions(ws, session, guests, lang=lang, attach_pdf=attach_pdf),
    )
    return drafts, warnings


def guest_versions(
    ws: Workspace, session: Session, guests: Recipients, *, lang: str, attach_pdf: bool = False
) -> dict[str, GuestParts]:
    """Each invited guest's own version (only public items and the items they present, no
    internal tasks), rendered once per distinct set of items."""
    from kogsro.documents.calendar import invitation_calendar
    from kogsro.documents.presentation import guest_items

    versions: dict[str, GuestParts] = {}
    rendered: dict[frozenset[tuple[str | int, ...]], GuestParts] = {}
    for who in guests.invitees:
        if who.role != "guest":
            continue
        shown = guest_items(ws, session, who.key)
        key = frozenset(shown)
        if key not in rendered:
            parts = invitation_parts(
                ws, session, lang=lang, attach_pdf=attach_pdf, audience=who.key
            )
            calendar = invitation_calendar(ws, session, guests=guests, lang=lang, only=shown)
            rendered[key] = GuestParts(parts, calendar)
        versions[who.key] = rendered[key]
    return versions
