"""Invitation e-mails carry the attachment files, up to mail.max_attachments_mb."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

from kogsro.mail.drafts import draft_invitations
from kogsro.workspace.loader import Workspace, load_workspace
from tests.conftest import run_cli

ROSTER = """
organisations:
  - {id: ba-a, name: Bezirksamt A, short: A, kind: district}
people:
  - {id: p-a, name: Erika Beispiel, organisation: ba-a, member: true, email: erika@example.org}
  - {id: p-b, name: Max Muster, organisation: ba-a, member: true, email: max@example.org}
"""
SESSION = """
date: 2023-03-21
host: ba-a
items:
  - title: Leitfaden
    attachments:
      - {file: anlagen/leitfaden.pdf, title: Entwurf Leitfaden}
      - {url: "https://example.org/hintergrund", title: Hintergrund}
      - {file: anlagen/plan.png, title: Zeitplan, public: false}
"""
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\xff" * 500


def make(tmp_path: Path, mail: str = "") -> Workspace:
    root = tmp_path / "ws"
    files = {
        "kogsro.yaml": f"body: {{name: Testgremium, short: TG, email: tg@example.org}}\n{mail}",
        "attendees.yaml": ROSTER,
        "agendas/2023-03-21.yaml": SESSION,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "anlagen").mkdir()
    (root / "anlagen" / "leitfaden.pdf").write_bytes(PDF)
    (root / "anlagen" / "plan.png").write_bytes(PNG)
    return load_workspace(root)


def parse(data: bytes) -> email.message.EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def test_the_files_are_attached_intact(tmp_path: Path) -> None:
    ws = make(tmp_path)
    drafts, warnings = draft_invitations(ws, ws.sessions[0])
    assert warnings == []
    assert len(drafts) == 2
    message = parse(drafts[0].as_bytes())
    files = {
        part.get_filename(): (part.get_content_type(), part.get_payload(decode=True))
        for part in message.iter_attachments()
    }
    assert files["anlage-01-leitfaden.pdf"] == ("application/pdf", PDF)
    assert files["anlage-03-plan.png"] == ("image/png", PNG)
    assert any(name.endswith(".ics") for name in files)
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "Anlage 1: Entwurf Leitfaden" in text
    assert "Anlage 2: Hintergrund (TOP 1) <https://example.org/hintergrund>" in text


def test_above_the_limit_the_message_says_which_are_missing(tmp_path: Path) -> None:
    ws = make(tmp_path, "mail: {max_attachments_mb: 0.005}\n")
    drafts, warnings = draft_invitations(ws, ws.sessions[0])
    assert len(warnings) == 1
    assert "more than mail.max_attachments_mb (0.005)" in warnings[0]
    message = parse(drafts[0].as_bytes())
    names = [part.get_filename() for part in message.iter_attachments()]
    assert not any(name and name.startswith("anlage-") for name in names)
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None and html is not None
    note = (
        "Die Anlagen sind zusammen 0,0 MB groß und liegen dieser E-Mail daher nicht bei: "
        "Anlage 1: Entwurf Leitfaden; Anlage 3: Zeitplan."
    )
    assert note in plain.get_content()
    assert note in html.get_content()


def test_a_limit_must_not_be_negative(tmp_path: Path) -> None:
    root = make(tmp_path).root
    (root / "kogsro.yaml").write_text(
        "body: {name: T, short: T}\nmail: {max_attachments_mb: -1}\n", encoding="utf-8"
    )
    code, _out, err = run_cli("check", cwd=root)
    assert code == 2
    assert "kogsro.yaml:2:" in err and "max_attachments_mb" in err


def test_invite_eml_writes_drafts_with_the_files(tmp_path: Path) -> None:
    ws = make(tmp_path)
    code, _out, err = run_cli("invite", "2023-03-21", "-f", "eml", cwd=ws.root)
    assert code == 0, err
    draft = ws.root / "out" / "2023-03-21" / "mail" / "p-a.eml"
    message = parse(draft.read_bytes())
    names = [part.get_filename() for part in message.iter_attachments()]
    assert "anlage-01-leitfaden.pdf" in names
