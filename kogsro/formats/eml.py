"""E-mail messages (RFC 5322) from plain typed parts, with the standard library's ``email``.

:func:`encode_message` builds one message: a plain-text body with an HTML alternative, and
attachments (the calendar entry, a PDF). As a draft it carries ``X-Unsent: 1`` so mail
programs open it ready to send; to be sent it gets a Date and a Message-ID instead. Nothing
here knows a workspace: :mod:`kogsro.mail.drafts` says who gets what.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file attached to a message: ``text/calendar`` with ``method=REQUEST``, a PDF, ..."""

    data: bytes
    maintype: str
    subtype: str
    filename: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MessageParts:
    """What one message says and to whom. ``sent`` is the time of sending; without it the
    message is a draft. With ``hidden`` the recipients go into Bcc and the message is
    addressed to the sender; ``copies`` go into Cc (not with ``hidden``)."""

    subject: str
    sender: Address
    recipients: Sequence[Address]
    text: str
    html: str
    language: str
    attachments: Sequence[Attachment] = ()
    reply_to: Address | None = None
    copies: Sequence[Address] = ()
    hidden: bool = False
    sent: datetime | None = None


def encode_message(parts: MessageParts) -> EmailMessage:
    """The message of ``parts`` (``.as_bytes()`` gives the ``.eml`` file)."""
    msg = EmailMessage()
    msg["Subject"] = parts.subject
    msg["From"] = parts.sender
    if parts.hidden:
        msg["To"] = parts.sender
        msg["Bcc"] = list(parts.recipients)
    else:
        msg["To"] = list(parts.recipients)
        if parts.copies:
            msg["Cc"] = list(parts.copies)
    if parts.reply_to is not None:
        msg["Reply-To"] = parts.reply_to
    if parts.sent is None:
        msg["X-Unsent"] = "1"
    else:
        msg["Date"] = format_datetime(parts.sent)
        msg["Message-ID"] = make_msgid(domain=parts.sender.domain or None)
    msg.set_content(parts.text)
    msg.add_alternative(parts.html, subtype="html")
    for attachment in parts.attachments:
        msg.add_attachment(
            attachment.data,
            maintype=attachment.maintype,
            subtype=attachment.subtype,
            filename=attachment.filename,
            params=dict(attachment.params),
        )
    msg["Content-Language"] = parts.language  # after the parts: building them moves Content-* down
    return msg
