"""The e-mail encoder alone: plain parts in, a message the standard parser reads back."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage

from kogsro.formats.eml import Attachment, MessageParts, encode_message

SENDER = Address("Büro der KoG SRO", addr_spec="buero@example.org")
ERIKA = Address("Erika Beispiel", addr_spec="erika@example.org")
MAX = Address("Max Muster, Stellv.", addr_spec="max@example.org")
ICS = Attachment(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text", "calendar", "einladung.ics",
                 {"method": "REQUEST", "charset": "utf-8"})  # fmt: skip


def read_back(parts: MessageParts) -> EmailMessage:
    data = encode_message(parts).as_bytes()
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def parts(**changes: object) -> MessageParts:
    values: dict[str, object] = {
        "subject": "Einladung: KoG SRO am Dienstag, 14. Juni 2022",
        "sender": SENDER,
        "recipients": [ERIKA],
        "text": "Sehr geehrte Damen und Herren,\n",
        "html": "<p>Sehr geehrte Damen und Herren,</p>",
        "language": "de",
        "attachments": [ICS],
    }
    values.update(changes)
    return MessageParts(**values)  # type: ignore[arg-type]


def test_a_draft_with_copy_and_attachments() -> None:
    pdf = Attachment(b"%PDF-1.7 ...", "application", "pdf", "einladung.pdf")
    message = read_back(parts(copies=[MAX], attachments=[ICS, pdf]))
    assert message["Subject"] == "Einladung: KoG SRO am Dienstag, 14. Juni 2022"
    assert str(message["From"]) == "Büro der KoG SRO <buero@example.org>"
    assert str(message["To"]) == "Erika Beispiel <erika@example.org>"
    assert str(message["Cc"]) == '"Max Muster, Stellv." <max@example.org>'
    assert message["X-Unsent"] == "1" and message["Date"] is None
    assert message["Content-Language"] == "de"
    body = message.get_body(("plain",))
    assert body is not None and body.get_content() == "Sehr geehrte Damen und Herren,\n"
    html = message.get_body(("html",))
    assert html is not None and "<p>" in html.get_content()
    files = {a.get_filename(): a for a in message.iter_attachments()}
    assert list(files) == ["einladung.ics", "einladung.pdf"]
    assert files["einladung.ics"].get_content_type() == "text/calendar"
    assert files["einladung.ics"].get_param("method") == "REQUEST"
    assert files["einladung.pdf"].get_content() == b"%PDF-1.7 ..."


def test_to_all_in_bcc_sent_with_date_and_message_id() -> None:
    sent = datetime(2022, 5, 31, 22, 0, tzinfo=UTC)
    message = read_back(parts(recipients=[ERIKA, MAX], hidden=True, sent=sent, copies=[MAX]))
    assert str(message["To"]) == "Büro der KoG SRO <buero@example.org>"
    assert "erika@example.org" in str(message["Bcc"]) and "max@example.org" in str(message["Bcc"])
    assert message["Cc"] is None  # a copy would show the hidden recipients
    assert message["X-Unsent"] is None
    assert message["Date"] == "Tue, 31 May 2022 22:00:00 +0000"
    assert str(message["Message-ID"]).endswith("@example.org>")


def test_reply_to_and_no_attachments() -> None:
    reply = Address("Geschäftsstelle", addr_spec="gs@example.org")
    message = read_back(parts(reply_to=reply, attachments=[], language="en"))
    assert str(message["Reply-To"]) == "Geschäftsstelle <gs@example.org>"
    assert list(message.iter_attachments()) == []
    assert message["Content-Language"] == "en"
