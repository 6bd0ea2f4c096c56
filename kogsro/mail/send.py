"""Sending invitations through SMTP, with a send log so nobody gets the same one twice.

Settings come from ``mail.smtp`` in kogsro.yaml, overridden by the environment variables
``KOGSRO_SMTP_HOST``, ``KOGSRO_SMTP_PORT``, ``KOGSRO_SMTP_SECURITY`` (starttls | ssl |
none) and ``KOGSRO_SMTP_USER``. The password is never read from a file: it comes from
``KOGSRO_SMTP_PASSWORD`` or, on the command line, from a prompt.

The send log is ``.kogsro/sent.json`` in the workspace. It lives outside ``out/`` on
purpose: ``out/`` may be deleted and rebuilt at any time, the log may not. It records, per
recipient, which session's invitation (at which ``revision:``, REQUEST or CANCEL) went to
which address and when, and it is rewritten atomically after every accepted message, so it
is exact even when the connection breaks half-way.
"""

from __future__ import annotations

import json
import os
import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypedDict

from kogsro import clock
from kogsro.errors import DeliveryError, KogsroError, UsageError
from kogsro.fsio import write_atomic
from kogsro.mail.drafts import Draft, sender
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session
from kogsro.workspace.recipients import Invitee

LOG_DIR = ".kogsro"
LOG_FILE = "sent.json"
PASSWORD_VAR = "KOGSRO_SMTP_PASSWORD"
TIMEOUT = 30.0
Security = Literal["starttls", "ssl", "none"]
Status = Literal["sent", "failed", "skipped", "pending"]  # skipped: sent before (the log)


class SentEntry(TypedDict):
    """One message sent to one recipient, as the send log (``.kogsro/sent.json``) keeps it."""

    session: str
    revision: int
    method: str
    to: str | None
    name: str
    id: str
    at: str
    message_id: str


class DeliveryData(TypedDict):
    to: str | None
    name: str
    id: str
    message: str
    status: Status
    detail: str


SendReportData = TypedDict(
    "SendReportData",
    {
        "session": str,
        "revision": int,
        "method": str,
        "subject": str,
        "from": str,  # a keyword: hence this form
        "server": str,
        "log": str,
        "dry_run": bool,
        "deliveries": list[DeliveryData],
    },
)


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int
    security: Security
    user: str | None

    def describe(self) -> str:
        who = f" as {self.user}" if self.user else ""
        return f"{self.host}:{self.port} ({self.security}){who}"


def smtp_settings(ws: Workspace, environ: Mapping[str, str] | None = None) -> SmtpSettings:
    """``mail.smtp`` of kogsro.yaml, with the KOGSRO_SMTP_* environment variables on top."""
    env = os.environ if environ is None else environ
    smtp = ws.config.mail.smtp if ws.config.mail is not None else None
    host = env.get("KOGSRO_SMTP_HOST") or (smtp.host if smtp else None)
    if not host:
        raise UsageError(
            "no SMTP server configured",
            hint="add `mail: {smtp: {host: smtp.example.org}}` to kogsro.yaml "
            "or set KOGSRO_SMTP_HOST",
        )
    security_text = env.get("KOGSRO_SMTP_SECURITY") or (smtp.security if smtp else "starttls")
    if security_text not in ("starttls", "ssl", "none"):
        raise UsageError(
            f"KOGSRO_SMTP_SECURITY: unknown value {security_text!r}",
            hint="use starttls, ssl or none",
        )
    security: Security = security_text  # type: ignore[assignment]
    port_text = env.get("KOGSRO_SMTP_PORT")
    if port_text:
        if not port_text.strip().isdigit() or not 0 < int(port_text) < 65536:
            raise UsageError(
                f"KOGSRO_SMTP_PORT: {port_text!r} is not a port number", hint="e.g. 587"
            )
        port = int(port_text)
    elif smtp is not None and "port" in smtp.given_fields():
        port = smtp.port
    else:
        port = 465 if security == "ssl" else (587 if security == "starttls" else 25)
    user = env.get("KOGSRO_SMTP_USER") or (smtp.user if smtp else None)
    return SmtpSettings(host, port, security, user)


# --- the send log --------------------------------------------------------------------------


def log_path(ws: Workspace) -> Path:
    return ws.root / LOG_DIR / LOG_FILE


def read_log(ws: Workspace) -> list[Mapping[str, object]]:
    """The entries of the send log (as written by :func:`_log_entry`; read as plain JSON)."""
    path = log_path(ws)
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KogsroError(
            f"{ws.display(path)}: cannot read the send log: {exc}",
            hint="repair or remove the file; without it, invitations may be sent twice",
        ) from None
    entries = data.get("sent") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise KogsroError(
            f"{ws.display(path)}: not a kogsro send log",
            hint="repair or remove the file; without it, invitations may be sent twice",
        )
    return [e for e in entries if isinstance(e, dict)]


def _write_log(ws: Workspace, entries: list[Mapping[str, object]]) -> None:
    text = json.dumps({"version": 1, "sent": entries}, ensure_ascii=False, indent=2)
    write_atomic(log_path(ws), text + "\n")


def _sent_before(
    entries: list[Mapping[str, object]], session: Session, method: str, address: str
) -> Mapping[str, object] | None:
    for entry in reversed(entries):
        if (
            entry.get("session") == session.id
            and entry.get("revision") == session.revision
            and entry.get("method") == method
            and str(entry.get("to", "")).casefold() == address.casefold()
        ):
            return entry
    return None


# --- planning and sending ------------------------------------------------------------------


@dataclass(slots=True)
class Delivery:
    """One recipient of one message, and what happened."""

    invitee: Invitee
    draft: str
    status: Status
    detail: str = ""

    def as_dict(self) -> DeliveryData:
        return {
            "to": self.invitee.email,
            "name": self.invitee.name,
            "id": self.invitee.key,
            "message": self.draft,
            "status": self.status,
            "detail": self.detail,
        }


@dataclass(slots=True)
class SendReport:
    session: str
    revision: int
    method: str
    subject: str
    sender: str
    server: str
    log: Path
    deliveries: list[Delivery] = field(default_factory=list)
    dry_run: bool = True

    def count(self, status: Status) -> int:
        return sum(1 for d in self.deliveries if d.status == status)

    def as_dict(self) -> SendReportData:
        return {
            "session": self.session,
            "revision": self.revision,
            "method": self.method,
            "subject": self.subject,
            "from": self.sender,
            "server": self.server,
            "log": str(self.log),
            "dry_run": self.dry_run,
            "deliveries": [d.as_dict() for d in self.deliveries],
        }

    def raise_for_failures(self) -> None:
        """A :class:`DeliveryError` (exit code 1) when any recipient was not reached."""
        failed = [d for d in self.deliveries if d.status == "failed"]
        if failed:
            names = ", ".join(f"{d.invitee.name} <{d.invitee.email}>" for d in failed)
            sent = self.count("sent")
            raise DeliveryError(
                f"{len(failed)} of {len(failed) + sent} recipient"
                f"{'s' if len(failed) + sent != 1 else ''} not reached: {names}",
                hint="fix the addresses or the server and run the command again; "
                "the send log keeps those already reached from getting it twice",
            )


def plan_delivery(
    ws: Workspace,
    session: Session,
    drafts: list[Draft],
    settings: SmtpSettings,
    *,
    resend: bool = False,
) -> SendReport:
    """Who would receive what (a dry run): ``pending``, or ``skipped`` if sent before."""
    entries = read_log(ws)
    first = drafts[0] if drafts else None
    report = SendReport(
        session=session.id,
        revision=session.revision,
        method=first.method if first else "REQUEST",
        subject=str(first.message["Subject"]) if first else "",
        sender=str(sender(ws)),
        server=settings.describe(),
        log=log_path(ws),
    )
    for draft in drafts:
        for who in draft.recipients:
            before = _sent_before(entries, session, draft.method, who.email or "")
            if before is not None and not resend:
                detail = f"already sent {before.get('at', '')}"  # "skipped": sent before
                report.deliveries.append(Delivery(who, draft.name, "skipped", detail))
            else:
                report.deliveries.append(Delivery(who, draft.name, "pending"))
    return report


Connect = Callable[[SmtpSettings], smtplib.SMTP]


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open SMTP connection, encrypted as configured (certificates are verified)."""
    context = ssl.create_default_context()
    server: smtplib.SMTP
    if settings.security == "ssl":
        server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=TIMEOUT, context=context)
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
        if settings.security == "starttls":
            server.ehlo()
            server.starttls(context=context)
    server.ehlo()
    return server


def send(
    ws: Workspace,
    session: Session,
    drafts: list[Draft],
    settings: SmtpSettings,
    *,
    password: str | None = None,
    resend: bool = False,
    opener: Connect = connect,
) -> SendReport:
    """Send the messages of ``drafts`` (built with ``draft=False``) and log every delivery.

    Recipients already in the send log for this session, revision and method are skipped
    unless ``resend``. A recipient the server refuses is reported as ``failed``; the others
    are still sent. Call :meth:`SendReport.raise_for_failures` after showing the report.
    """
    report = plan_delivery(ws, session, drafts, settings, resend=resend)
    report.dry_run = False
    pending = [d for d in report.deliveries if d.status == "pending"]
    if not pending:
        return report
    entries = read_log(ws)
    envelope_from = sender(ws).addr_spec
    try:
        server = opener(settings)
    except (OSError, smtplib.SMTPException, ssl.SSLError) as exc:
        raise DeliveryError(
            f"cannot connect to the SMTP server {settings.describe()}: {_reason(exc)}",
            hint="check mail.smtp in kogsro.yaml or KOGSRO_SMTP_HOST/PORT/SECURITY; "
            "nothing was sent",
        ) from None
    try:
        if settings.user:
            _login(server, settings, password)
        by_draft: dict[str, list[Delivery]] = {}
        for delivery in pending:
            by_draft.setdefault(delivery.draft, []).append(delivery)
        for draft in drafts:
            todo = by_draft.get(draft.name)
            if not todo:
                continue
            _send_one(server, draft, todo, envelope_from)
            now = clock.now().isoformat().replace("+00:00", "Z")
            for delivery in todo:
                if delivery.status == "sent":
                    entries.append(_log_entry(session, draft, delivery.invitee, now))
            _write_log(ws, entries)
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()
    return report


def _login(server: smtplib.SMTP, settings: SmtpSettings, password: str | None) -> None:
    if password is None:
        raise UsageError(
            f"the SMTP server needs the password of {settings.user}",
            hint=f"set {PASSWORD_VAR} or run the command in a terminal to be asked for it",
        )
    try:
        server.login(settings.user or "", password)
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(
            f"the SMTP server refused the login of {settings.user}: {_reason(exc)}",
            hint=f"check the user name and {PASSWORD_VAR}; nothing was sent",
        ) from None
    except smtplib.SMTPException as exc:
        raise DeliveryError(
            f"cannot log in to the SMTP server: {_reason(exc)}", hint="nothing was sent"
        ) from None


def _send_one(server: smtplib.SMTP, draft: Draft, todo: list[Delivery], envelope_from: str) -> None:
    addresses = [d.invitee.email or "" for d in todo]
    try:
        refused = server.send_message(draft.message, from_addr=envelope_from, to_addrs=addresses)
    except smtplib.SMTPRecipientsRefused as exc:
        refused = exc.recipients
    except (smtplib.SMTPException, OSError) as exc:
        for delivery in todo:
            delivery.status, delivery.detail = "failed", _reason(exc)
        return
    lowered = {str(k).casefold(): v for k, v in refused.items()}
    for delivery in todo:
        answer = lowered.get((delivery.invitee.email or "").casefold())
        if answer is None:
            delivery.status = "sent"
        else:
            delivery.status, delivery.detail = "failed", _reason(answer)


def _log_entry(session: Session, draft: Draft, who: Invitee, at: str) -> SentEntry:
    return {
        "session": session.id,
        "revision": session.revision,
        "method": draft.method,
        "to": who.email,
        "name": who.name,
        "id": who.key,
        "at": at,
        "message_id": str(draft.message.get("Message-ID", "")),
    }


def _reason(exc: object) -> str:
    """A server answer or an exception as one readable line."""
    if isinstance(exc, tuple) and len(exc) == 2:
        code, text = exc
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        return f"{code} {text}".strip()
    smtp_code = getattr(exc, "smtp_code", None)
    smtp_error = getattr(exc, "smtp_error", None)
    if smtp_code is not None and smtp_error is not None:
        return _reason((smtp_code, smtp_error))
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
