"""Minutes from draft to approval: the draft mark in every format, "approved at the session
of …", the approving session saying what it approved, corrections (Berichtigungen)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kogsro.documents.session_docs import render_document
from kogsro.workspace.loader import Workspace, load_workspace
from tests.conftest import Golden
from tests.pdfcheck import flat_text, page_texts


def render(ws: Workspace, session: str, fmt: str, **options: object) -> bytes:
    return render_document(ws, ws.session(session), "minutes", fmt, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "mark"), [("de", "ENTWURF"), ("en", "DRAFT")])
def test_draft_minutes_are_marked_on_every_pdf_page(example: Path, lang: str, mark: str) -> None:
    ws = load_workspace(example)
    pages = page_texts(render(ws, "2022-06-14", "pdf", lang=lang))
    assert len(pages) > 1
    assert all(mark in page for page in pages)
    note = {"de": "Entwurf – das Protokoll ist noch nicht genehmigt.", "en": "Draft – these"}
    assert note[lang] in pages[0]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_approved_minutes_say_where_they_were_approved(example: Path, lang: str) -> None:
    ws = load_workspace(example)
    text = flat_text(render(ws, "2022-04-12", "pdf", lang=lang))
    expected = {
        "de": "Genehmigt in der Sitzung vom 14. Juni 2022.",
        "en": "Approved at the meeting of 14 June 2022.",
    }[lang]
    assert expected in text
    assert "ENTWURF" not in text and "DRAFT" not in text
    for fmt in ("md", "html"):
        assert expected in render(ws, "2022-04-12", fmt, lang=lang).decode()


def test_draft_mark_at_the_top_of_markdown_and_html(example: Path) -> None:
    ws = load_workspace(example)
    md = render(ws, "2022-06-14", "md").decode()
    assert md.splitlines()[2] == "**Entwurf – das Protokoll ist noch nicht genehmigt.**"
    html = render(ws, "2022-06-14", "html").decode()
    assert '<p class="draft"><strong>Entwurf – das Protokoll ist noch nicht genehmigt.' in html
    assert html.index('class="draft"') < html.index("<h2")


def test_the_approving_minutes_name_what_they_approved(example: Path) -> None:
    ws = load_workspace(example)
    md = render(ws, "2022-06-14", "md").decode()
    assert (
        "*Genehmigt: Ergebnisprotokoll der Sitzung vom 12. April 2022 "
        "(Ja: 11, Nein: 0, Enthaltungen: 1)*"
    ) in md
    en = render(ws, "2022-06-14", "md", lang="en").decode()
    assert "*Approved: minutes of the meeting of 12 April 2022 (in favour: 11, against: 0" in en


def test_a_pending_and_a_failed_approval(example: Path) -> None:
    path = example / "agendas" / "2022-06-14.yaml"
    text = path.read_text(encoding="utf-8")
    failed = text.replace('vote: {"yes": 11, "no": 0, "abstain": 1}', 'vote: {"yes": 2, "no": 9}')
    path.write_text(failed, encoding="utf-8")
    ws = load_workspace(example)
    md = render(ws, "2022-06-14", "md").decode()
    assert "*Nicht genehmigt: Ergebnisprotokoll der Sitzung vom 12. April 2022" in md
    assert render(ws, "2022-04-12", "md").decode().splitlines()[2].startswith("**Entwurf")


def test_corrections_are_listed(example: Path) -> None:
    path = example / "agendas" / "2022-04-12.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "\ncorrections:\n  - date: 2022-07-01\n    reason: Abstimmungsergebnis zu TOP 5 "
        "berichtigt (10 statt 11 Ja-Stimmen).\n",
        encoding="utf-8",
    )
    ws = load_workspace(example)
    md = render(ws, "2022-04-12", "md").decode()
    assert "## Berichtigungen\n\n- 1\\. Juli 2022: Abstimmungsergebnis zu TOP 5 berichtigt" in md
    assert "Corrections" in render(ws, "2022-04-12", "md", lang="en").decode()
    assert "Berichtigungen" in flat_text(render(ws, "2022-04-12", "pdf"))
    assert '<h2 id="corrections">Berichtigungen</h2>' in render(ws, "2022-04-12", "html").decode()


@pytest.mark.parametrize(
    ("session", "lang", "name"),
    [
        ("2022-04-12", "en", "minutes.en.md"),  # approved, English (German: minutes.md)
    ],
)
def test_minutes_goldens(example: Path, golden: Golden, session: str, lang: str, name: str) -> None:
    ws = load_workspace(example)
    golden.check(f"documents/{session}/{name}", render(ws, session, "md", lang=lang).decode())
