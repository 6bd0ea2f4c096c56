"""English documents: the item prefix of the language unless `numbering` is set, sentences that
begin with a capital, and German content marked as German (HTML lang, the PDF's /Lang)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kogsro.documents.session_docs import render_document
from kogsro.workspace.loader import Workspace
from tests.documents.test_wording import edit_config, example, text_of


def test_english_documents_number_items_as_items(tmp_path: Path) -> None:
    ws = example(tmp_path)
    for fmt in ("md", "html", "pdf", "txt"):
        text = text_of(ws, "minutes" if fmt != "txt" else "invitation", fmt, lang="en")
        assert "Item 4.3" in text and "TOP 4" not in text
        assert "TOP 4.3" in text_of(ws, "minutes" if fmt != "txt" else "invitation", fmt)


def test_numbering_when_set_is_kept_in_every_language(tmp_path: Path) -> None:
    ws = edit_config(example(tmp_path), {"numbering": "Punkt"})
    assert "Punkt 4.3" in text_of(ws, "minutes", "md", lang="en")
    assert "Punkt 4.3" in text_of(ws, "minutes", "md")


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "txt"])
def test_english_sentences_begin_with_a_capital(tmp_path: Path, fmt: str) -> None:
    text = text_of(example(tmp_path), "invitation", fmt, lang="en")
    assert "You are invited to the meeting of the KoG SRO on Tuesday, 14 June 2022" in text
    assert "you are invited" not in text


def test_german_content_is_marked_in_english_html(tmp_path: Path) -> None:
    ws = example(tmp_path)
    html = render_document(ws, ws.session("2022-06-14"), "minutes", "html", lang="en").decode()
    assert '<html lang="en">' in html
    assert '<span lang="de">Personalsituation und Stellenbesetzungen in den SPK</span>' in html
    assert '<span lang="de">Übersicht über unbesetzte Stellen' in html  # a task
    # the English words around it are not marked
    assert '<span lang="de">Minutes' not in html
    german = render_document(ws, ws.session("2022-06-14"), "minutes", "html").decode()
    assert 'lang="de">' not in german.replace('<html lang="de">', "")


def test_content_language_english_marks_nothing_in_english(tmp_path: Path) -> None:
    ws = edit_config(example(tmp_path), {"content_language": "en"})
    html = render_document(ws, ws.session("2022-06-14"), "minutes", "html", lang="en").decode()
    assert "<span lang=" not in html
    german = render_document(ws, ws.session("2022-06-14"), "minutes", "html").decode()
    assert '<span lang="en">Personalsituation' in german


def _structure_langs(pdf: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(pdf))
    langs: set[str] = set()

    def walk(node: Any, depth: int = 0) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if depth > 200 or not hasattr(node, "get"):
            return
        if "/Lang" in node:
            langs.add(str(node["/Lang"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return langs


def test_german_content_carries_lang_de_in_an_english_pdf(tmp_path: Path) -> None:
    ws: Workspace = example(tmp_path)
    pdf = render_document(ws, ws.session("2022-06-14"), "minutes", "pdf", lang="en")
    reader = PdfReader(io.BytesIO(pdf))
    assert str(reader.trailer["/Root"]["/Lang"]).startswith("en")
    assert any(lang.startswith("de") for lang in _structure_langs(pdf))
    german = render_document(ws, ws.session("2022-06-14"), "minutes", "pdf")
    assert not any(lang.startswith("en") for lang in _structure_langs(german))
