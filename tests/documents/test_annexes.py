"""Anlagen: numbered once per session, listed under their item and at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from kogsro.documents.annexes import session_annexes
from kogsro.documents.session_docs import render_document
from kogsro.workspace.loader import Workspace, load_workspace

BODY = "body: {name: Testgremium, short: TG}\ndefaults: {public: true}\n"
ROSTER = """
organisations:
  - {id: ba-a, name: Bezirksamt A, short: A, kind: district}
people:
  - {id: p-a, name: Erika Beispiel, organisation: ba-a, member: true}
"""
SESSION = """
date: 2023-03-21
host: ba-a
status: held
items:
  - title: Begrüßung
    documents: ["https://example.org/tagesordnung", Tischvorlage des Vorsitzes]
  - title: Leitfaden
    attachments:
      - {file: attachments/leitfaden.pdf, title: Entwurf Leitfaden}
      - {file: attachments/intern.pdf, title: Kostenschätzung, public: false}
    items:
      - title: Zeitplan
        attachments:
          - {file: attachments/plan.png}
  - title: Personalien
    public: false
    attachments:
      - {url: "https://example.org/stellen", title: Stellenplan}
  - title: Verschiedenes
    attachments:
      - {url: "https://example.org/<b>&", title: "Link *mit* <Zeichen>"}
"""


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    root = tmp_path / "ws"
    for name, text in {
        "kogsro.yaml": BODY,
        "attendees.yaml": ROSTER,
        "agendas/2023-03-21.yaml": SESSION,
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "attachments").mkdir()
    for name in ("leitfaden.pdf", "intern.pdf", "plan.png"):
        (root / "attachments" / name).write_bytes(b"x" * 10)
    return load_workspace(root)


def test_documents_and_attachments_are_numbered_together_in_agenda_order(ws: Workspace) -> None:
    annexes = session_annexes(ws, ws.sessions[0])
    assert [(a.number, a.item, a.kind, a.title) for a in annexes] == [
        (1, "1", "link", "https://example.org/tagesordnung"),
        (2, "1", "text", "Tischvorlage des Vorsitzes"),
        (3, "2", "file", "Entwurf Leitfaden"),
        (4, "2", "file", "Kostenschätzung"),
        (5, "2.1", "file", "plan.png"),
        (6, "3", "link", "Stellenplan"),
        (7, "4", "link", "Link *mit* <Zeichen>"),
    ]
    plan = annexes[4]
    assert plan.path == ws.root / "attachments" / "plan.png"
    assert plan.mime_type == "image/png"
    assert plan.numbered_name == "anlage-05-plan.png"
    assert plan.size() == 10


def test_the_public_version_keeps_the_numbers_of_public_attachments(ws: Workspace) -> None:
    public = session_annexes(ws, ws.sessions[0], public=True)
    assert [a.number for a in public] == [1, 2, 3, 5, 7]


def test_the_invitation_lists_them_under_the_item_and_at_the_end(ws: Workspace) -> None:
    text = render_document(ws, ws.sessions[0], "invitation", "md").decode()
    details, end = text.split("**Anlagen**")
    assert "- Anlage 3: Entwurf Leitfaden\n" in details
    assert "- [Anlage 1: https://example.org/tagesordnung](<https://example.org/tagesordnung>)" in (
        details
    )
    assert "- Anlage 4: Kostenschätzung (TOP 2)" in end
    assert "- Anlage 5: plan.png (TOP 2.1)" in end
    assert (
        "- [Anlage 7: Link \\*mit\\* \\<Zeichen\\>](<https://example.org/\\<b\\>\\&>) (TOP 4)"
        in end
    )


def test_the_public_invitation_leaves_out_what_is_not_public(ws: Workspace) -> None:
    text = render_document(ws, ws.sessions[0], "invitation", "md", public=True).decode()
    assert "Kostenschätzung" not in text
    assert "Stellenplan" not in text
    assert "Anlage 5: plan.png" in text
    html = render_document(ws, ws.sessions[0], "invitation", "html", public=True).decode()
    assert "Kostenschätzung" not in html
    assert "Anlage 5: plan.png" in html


def test_every_format_lists_them(ws: Workspace) -> None:
    session = ws.sessions[0]
    for kind in ("invitation", "minutes"):
        html = render_document(ws, session, kind, "html", lang="en").decode()
        assert "Annex 3: Entwurf Leitfaden" in html
        assert "&lt;Zeichen&gt;" in html
        assert '<h2 id="annexes">Annexes</h2>' in html
    text = render_document(ws, session, "invitation", "txt").decode()
    assert "\nAnlagen\n- Anlage 1: https://example.org/tagesordnung (TOP 1)\n" in text
    minutes = render_document(ws, session, "minutes", "md").decode()
    assert "*Unterlagen: Anlage 3: Entwurf Leitfaden; Anlage 4: Kostenschätzung*" in minutes
    assert "## Anlagen" in minutes


def test_the_pdfs_list_them(ws: Workspace) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    for kind in ("invitation", "minutes"):
        pdf = render_document(ws, ws.sessions[0], kind, "pdf")
        text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
        assert "Anlage 3: Entwurf Leitfaden" in text
        assert "Anlage 7: Link *mit* <Zeichen>" in text
