"""Sending invitations to a real SMTP server on 127.0.0.1, and the send log."""

from __future__ import annotations

import email
import json
import shutil
import socket
import ssl
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from kogsro.cli import EXIT_FAILED, exit_code
from kogsro.errors import DeliveryError, KogsroError, UsageError
from kogsro.mail.drafts import Parts, build_drafts
from kogsro.mail.send import SmtpSettings, log_path, plan_delivery, read_log, send, smtp_settings
from kogsro.workspace.loader import Workspace, load_workspace
from tests.sample_workspace import CONFIG, sample_files

# The test server offers AUTH without TLS on purpose (the login test needs no certificate).
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

Tree = Callable[[dict[str, str]], Path]
PARTS = Parts(text="Einladung\n", html="<p>Einladung</p>")
SESSION = "2022-07-12"
ALL = [
    "juergen.weissmueller@example.org",
    "anna.mueller@example.org",
    "erika.beispiel@example.org",
    "oemer@example.org",
    "klara.testfall@example.org",
    "zoe@example.org",
    "post@verein.example.org",
    "mia.gastmann@example.org",
]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> email.message.EmailMessage:
        parsed = email.message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, email.message.EmailMessage)
        return parsed


@dataclass
class Handler:
    """Accepts everything except the addresses in ``refuse``; keeps what it received."""

    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        got = Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        self.received.append(got)
        return "250 Message accepted for delivery"

    @property
    def recipients(self) -> list[str]:
        return [rcpt for got in self.received for rcpt in got.rcpt_tos]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    def __init__(self, **options: Any) -> None:
        self.handler = Handler()
        self.port = free_port()
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, ready_timeout=10, **options
        )

    def settings(self, **changes: Any) -> SmtpSettings:
        values: dict[str, Any] = {
            "host": "127.0.0.1", "port": self.port, "security": "none", "user": None,
        }  # fmt: skip
        values.update(changes)
        return SmtpSettings(**values)


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    running.controller.start()
    try:
        yield running
    finally:
        running.controller.stop()


@pytest.fixture
def ws(tree: Tree) -> Workspace:
    return load_workspace(tree(sample_files()))


def outgoing(ws: Workspace, session: str = SESSION, **options: Any) -> list[Any]:
    return build_drafts(ws, ws.session(session), PARTS, draft=False, **options)


def run_send(ws: Workspace, server: Server, session: str = SESSION, **options: Any) -> Any:
    drafts = outgoing(ws, session, bcc=options.pop("bcc", False))
    return send(ws, ws.session(session), drafts, server.settings(), **options)


# --- sending -----------------------------------------------------------------------------------


def test_sends_one_message_per_recipient_and_logs_it(ws: Workspace, server: Server) -> None:
    report = run_send(ws, server)
    assert report.count("sent") == 8 and report.count("failed") == 0
    report.raise_for_failures()
    assert server.handler.recipients == ALL
    first = server.handler.received[0]
    assert first.mail_from == "kog-sro@example.org"
    message = first.message
    assert message["To"].addresses[0].display_name == "Jürgen Weißmüller"
    assert message["X-Unsent"] is None
    assert message["Subject"] == "Einladung: KoG SRO am Dienstag, 12. Juli 2022"
    (ics,) = list(message.iter_attachments())
    assert ics.get_content_type() == "text/calendar" and ics.get_param("method") == "REQUEST"
    log = read_log(ws)
    assert [entry["to"] for entry in log] == ALL
    assert log[1] == {
        "session": SESSION,
        "revision": 0,
        "method": "REQUEST",
        "to": "anna.mueller@example.org",
        "name": "Müller, Anna",
        "id": "spk-sued",
        "at": "2022-05-31T22:00:00Z",
        "message_id": server.handler.received[1].message["Message-ID"],
    }
    assert log_path(ws) == ws.root / ".kogsro" / "sent.json"
    assert json.loads(log_path(ws).read_text(encoding="utf-8"))["version"] == 1


def test_second_run_sends_nothing_unless_resend(ws: Workspace, server: Server) -> None:
    run_send(ws, server)
    again = run_send(ws, server)
    assert again.count("skipped") == 8 and again.count("sent") == 0
    assert "already sent 2022-05-31T22:00:00Z" in again.deliveries[0].detail
    assert len(server.handler.received) == 8
    resent = run_send(ws, server, resend=True)
    assert resent.count("sent") == 8
    assert len(server.handler.received) == 16
    assert len(read_log(ws)) == 16


def test_refused_recipient_others_sent_failure_reported_log_exact(
    ws: Workspace, server: Server
) -> None:
    server.handler.refuse = {"erika.beispiel@example.org"}
    report = run_send(ws, server)
    assert report.count("sent") == 7 and report.count("failed") == 1
    (failed,) = [d for d in report.deliveries if d.status == "failed"]
    assert failed.invitee.key == "sen-1"
    assert failed.detail == "550 5.1.1 <erika.beispiel@example.org>: mailbox unavailable"
    with pytest.raises(DeliveryError) as caught:
        report.raise_for_failures()
    assert exit_code(caught.value) == EXIT_FAILED
    assert 'Erika "Eri" Beispiel <erika.beispiel@example.org>' in caught.value.message
    assert "1 of 8 recipients not reached" in caught.value.message
    expected = [a for a in ALL if a != "erika.beispiel@example.org"]
    assert server.handler.recipients == expected
    assert [entry["to"] for entry in read_log(ws)] == expected
    # once the mailbox works again, a second run reaches only the one who was missed
    server.handler.refuse = set()
    retry = run_send(ws, server)
    assert retry.count("sent") == 1 and retry.count("skipped") == 7
    assert server.handler.recipients[-1] == "erika.beispiel@example.org"
    assert len(read_log(ws)) == 8


def test_bcc_one_message_to_all_with_one_refused(ws: Workspace, server: Server) -> None:
    server.handler.refuse = {"zoe@example.org"}
    report = run_send(ws, server, bcc=True)
    assert report.count("sent") == 7 and report.count("failed") == 1
    (got,) = server.handler.received
    assert got.rcpt_tos == [a for a in ALL if a != "zoe@example.org"]
    assert got.message["Bcc"] is None  # never transmitted
    assert got.message["To"].addresses[0].addr_spec == "kog-sro@example.org"
    assert len(read_log(ws)) == 7


def test_everybody_refused(ws: Workspace, server: Server) -> None:
    server.handler.refuse = set(ALL)
    report = run_send(ws, server, bcc=True)
    assert report.count("failed") == 8
    assert not log_path(ws).exists() or read_log(ws) == []
    with pytest.raises(DeliveryError, match="8 of 8 recipients not reached"):
        report.raise_for_failures()


def test_new_revision_and_cancellation_are_sent_again(tree: Tree, server: Server) -> None:
    root = tree(sample_files())
    ws = load_workspace(root)
    run_send(ws, server)
    path = root / "agendas" / f"{SESSION}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "revision: 1\n", encoding="utf-8")
    ws = load_workspace(root)
    assert run_send(ws, server).count("sent") == 8
    assert server.handler.received[-1].message["Subject"].startswith("Geänderte Einladung:")
    text = path.read_text(encoding="utf-8").replace("status: planned", "status: cancelled")
    path.write_text(text, encoding="utf-8")
    ws = load_workspace(root)
    report = run_send(ws, server)
    assert report.count("sent") == 8 and report.method == "CANCEL"
    assert [e["method"] for e in read_log(ws)] == ["REQUEST"] * 16 + ["CANCEL"] * 8


def test_dry_run_plan_sends_nothing(ws: Workspace, server: Server) -> None:
    report = plan_delivery(ws, ws.session(SESSION), outgoing(ws), server.settings())
    assert report.dry_run and report.count("pending") == 8
    assert report.as_dict()["deliveries"][0] == {
        "to": "juergen.weissmueller@example.org",
        "name": "Jürgen Weißmüller",
        "id": "spk-nord",
        "message": "spk-nord",
        "status": "pending",
        "detail": "",
    }
    assert server.handler.received == []
    assert not log_path(ws).exists()


def test_no_server_listening(ws: Workspace) -> None:
    closed = SmtpSettings("127.0.0.1", free_port(), "none", None)
    with pytest.raises(DeliveryError, match=r"cannot connect to the SMTP server 127\.0") as caught:
        send(ws, ws.session(SESSION), outgoing(ws), closed)
    assert exit_code(caught.value) == EXIT_FAILED
    assert not log_path(ws).exists()


def test_broken_send_log_is_not_overwritten(ws: Workspace, server: Server) -> None:
    log_path(ws).parent.mkdir()
    log_path(ws).write_text("{not json", encoding="utf-8")
    with pytest.raises(KogsroError, match="cannot read the send log"):
        run_send(ws, server)
    assert server.handler.received == []
    assert log_path(ws).read_text(encoding="utf-8") == "{not json"


# --- login and encryption ----------------------------------------------------------------------


def _authenticator(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"kog", b"s3cr3t")
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def auth_server() -> Iterator[Server]:
    running = Server(authenticator=_authenticator, auth_require_tls=False, auth_required=True)
    running.controller.start()
    try:
        yield running
    finally:
        running.controller.stop()


def test_login(ws: Workspace, auth_server: Server) -> None:
    settings = auth_server.settings(user="kog")
    report = send(ws, ws.session(SESSION), outgoing(ws), settings, password="s3cr3t")
    assert report.count("sent") == 8


def test_wrong_password(ws: Workspace, auth_server: Server) -> None:
    settings = auth_server.settings(user="kog")
    with pytest.raises(DeliveryError, match="refused the login of kog"):
        send(ws, ws.session(SESSION), outgoing(ws), settings, password="wrong")
    assert auth_server.handler.received == []
    assert not log_path(ws).exists()


def test_user_without_password(ws: Workspace, auth_server: Server) -> None:
    settings = auth_server.settings(user="kog")
    with pytest.raises(UsageError, match="needs the password of kog"):
        send(ws, ws.session(SESSION), outgoing(ws), settings)


@pytest.fixture
def tls_files(tmp_path: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    return cert, key


def test_starttls_with_a_verified_certificate(
    ws: Workspace, tls_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = tls_files
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    running = Server(tls_context=context, require_starttls=True)
    running.controller.hostname = "localhost"
    running.controller.start()
    try:
        settings = SmtpSettings("localhost", running.port, "starttls", None)
        # an untrusted certificate is refused ...
        with pytest.raises(DeliveryError, match="cannot connect"):
            send(ws, ws.session(SESSION), outgoing(ws), settings)
        # ... a trusted one is used
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        report = send(ws, ws.session(SESSION), outgoing(ws), settings)
        assert report.count("sent") == 8
        # and without STARTTLS this server takes no mail
        plain = SmtpSettings("localhost", running.port, "none", None)
        report = send(ws, ws.session(SESSION), outgoing(ws), plain, resend=True)
        assert report.count("failed") == 8
    finally:
        running.controller.stop()


# --- settings ------------------------------------------------------------------------------------


def test_settings_from_the_config(ws: Workspace) -> None:
    assert smtp_settings(ws, {}) == SmtpSettings("smtp.example.org", 587, "starttls", None)


def test_settings_from_the_environment(ws: Workspace) -> None:
    env = {
        "KOGSRO_SMTP_HOST": "mail.example.net",
        "KOGSRO_SMTP_PORT": "2525",
        "KOGSRO_SMTP_SECURITY": "ssl",
        "KOGSRO_SMTP_USER": "kog",
    }
    assert smtp_settings(ws, env) == SmtpSettings("mail.example.net", 2525, "ssl", "kog")
    assert smtp_settings(ws, {"KOGSRO_SMTP_SECURITY": "ssl"}).port == 465


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"KOGSRO_SMTP_PORT": "smtp"}, "is not a port number"),
        ({"KOGSRO_SMTP_PORT": "70000"}, "is not a port number"),
        ({"KOGSRO_SMTP_SECURITY": "tls"}, "unknown value 'tls'"),
    ],
)
def test_bad_settings_from_the_environment(
    ws: Workspace, env: dict[str, str], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        smtp_settings(ws, env)


def test_no_server_configured(tree: Tree) -> None:
    config = CONFIG.split("  smtp:")[0]
    ws = load_workspace(tree(sample_files({"kogsro.yaml": config})))
    with pytest.raises(UsageError, match="no SMTP server configured"):
        smtp_settings(ws, {})
    assert smtp_settings(ws, {"KOGSRO_SMTP_HOST": "localhost"}).port == 587
