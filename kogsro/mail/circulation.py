"""Circulating draft minutes: one message per member with the draft PDF and the deadline for
objections, written as drafts or sent through the SMTP path and its send log.

``kogsro minutes SESSION --circulate`` builds the messages here; once they are written (or at
least one is sent) the date is recorded in ``.kogsro/circulated.json`` (see
:mod:`kogsro.ledger.lifecycle`), and the minutes count as circulated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from kogsro import clock
from kogsro.documents.render import common_context, render_template
from kogsro.documents.session_docs import render_document
from kogsro.errors import UsageError
from kogsro.formats.ics import slug
from kogsro.i18n import format_date, phrase
from kogsro.ledger.lifecycle import (
    Circulation,
    lifecycle,
    objection_deadline,
    record_circulation,
)
from kogsro.mail.drafts import Draft, sender
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session
from kogsro.workspace.recipients import Invitee, recipients

METHOD = "MINUTES"  # how the send log tells circulated minutes from invitations
TEMPLATE = "circulation.txt.j2"


@dataclass(frozen=True, slots=True)
class CirculationMail:
    drafts: list[Draft]
    warnings: list[str]
    circulation: Circulation  # what is recorded once the messages are out


def default_folder(ws: Workspace, session: Session) -> Path:
    return ws.out_dir / session.id / "circulation"


def circulation_mail(
    ws: Workspace,
    session: Session,
    *,
    bcc: bool = False,
    draft: bool = True,
    lang: str | None = None,
    today: date | None = None,
) -> CirculationMail:
    """The messages that circulate the draft minutes of ``session`` to the members.

    Refused (:class:`UsageError`) for a session that was not held and for minutes that are
    approved already. Nothing is written or recorded here.
    """
    lang = lang or ws.config.language
    today = today or clock.today()
    life = lifecycle(ws, session)
    if life.status != "held":
        raise UsageError(
            f"session {session.id} has no minutes to circulate: it is {life.status}",
            hint="record the attendance and outcomes first",
        )
    if life.minutes == "approved":
        raise UsageError(
            f"the minutes of {session.id} were approved in {life.approved_in}: nothing to "
            "circulate",
            hint="approved minutes are final; record changes as corrections",
        )
    guests = recipients(ws, session)
    members = [who for who in guests.invitees if who.role != "guest"]
    if not members:
        raise UsageError(
            f"nobody to send the minutes of {session.id} to: no member has an e-mail address",
            hint="add `email:` to the members in attendees.yaml",
        )
    warnings = [
        w for who, w in zip(guests.missing, guests.warnings(), strict=True) if who.role != "guest"
    ]
    deadline = objection_deadline(ws, today)
    when = format_date(session.date, lang, "long")
    title = phrase(lang, "circulation_subject", body=ws.config.body.short, date=when)
    context = common_context(ws, lang=lang, public=False)
    context["kind"] = "circulation"
    context["circulation"] = {
        "subject": title,
        "text": phrase(
            lang,
            "circulation_text",
            body=ws.config.body.short,
            date=when,
            until=format_date(deadline, lang, "long"),
        ),
        "contact_text": phrase(lang, "circulation_contact", contact=ws.config.body.email)
        if ws.config.body.email
        else None,
        "closing": phrase(lang, "circulation_closing"),
        "objections_until": deadline.isoformat(),
    }
    text = render_template(ws, TEMPLATE, context, flavour="txt")
    pdf = render_document(ws, session, "minutes", "pdf", lang=lang)
    attachment = f"{phrase(lang, 'circulation_file')}-{slug(ws.config.body.short)}-{session.id}.pdf"
    from_ = sender(ws)

    def message(to: list[Invitee], *, hidden: bool) -> EmailMessage:
        msg = EmailMessage()
        msg["Subject"] = title
        msg["From"] = from_
        people = [Address(display_name=who.name, addr_spec=who.email or "") for who in to]
        if hidden:
            msg["To"] = from_
            msg["Bcc"] = people
        else:
            msg["To"] = people
        if draft:
            msg["X-Unsent"] = "1"
        else:
            msg["Date"] = format_datetime(clock.now())
            msg["Message-ID"] = make_msgid(domain=from_.domain or None)
        msg.set_content(text)
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=attachment)
        msg["Content-Language"] = lang
        return msg

    if bcc:
        drafts = [Draft("all", tuple(members), message(members, hidden=True), METHOD)]
    else:
        drafts = [Draft(who.key, (who,), message([who], hidden=False), METHOD) for who in members]
    circulation = Circulation(session.id, today, deadline, len(members), sent=not draft)
    return CirculationMail(drafts, warnings, circulation)


def record_sent_circulation(
    ws: Workspace, mail: CirculationMail, *, reached: int | None = None
) -> Path:
    """Record that the minutes went out (``reached``: how many were reached by SMTP)."""
    circulation = mail.circulation
    if reached is not None:
        circulation = Circulation(
            circulation.session,
            circulation.on,
            circulation.objections_until,
            reached,
            sent=True,
        )
    return record_circulation(ws, circulation)
