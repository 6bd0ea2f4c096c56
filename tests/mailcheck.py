"""Reading e-mails back as a mail program would: the standard library's parser, no defects."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage


def parse(data: bytes) -> EmailMessage:
    """The message in ``data``; fails the test if any part of it has a defect."""
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    for part in message.walk():
        assert not part.defects, (part.get_content_type(), part.defects)
    return message
