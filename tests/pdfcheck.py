"""Reading PDFs in tests: text as a reader sees it, metadata, fonts."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def flat_text(pdf: bytes) -> str:
    """All text in one line, with the words Typst hyphenated at line ends joined again.

    A hyphen at a line end is either one Typst added (dropped here) or one of the text
    ("Steglitz-Zehlendorf", kept): the two readings are joined by a line break, so a search in
    this text finds a phrase under either reading (see :func:`contains`).
    """
    text = re.sub(r"\u00ad\s*", "", "\n".join(page_texts(pdf)))
    hyphenated = " ".join(re.sub(r"-\n", "", text).split())
    kept = " ".join(re.sub(r"-\n", "-", text).split())
    return hyphenated if hyphenated == kept else f"{kept}\n{hyphenated}"


def xmp(pdf: bytes) -> str:
    metadata = reader(pdf).trailer["/Root"]["/Metadata"].get_object()
    return str(metadata.get_data().decode("utf-8"))


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font used, by name without the subset prefix: whether its file is embedded."""
    found: dict[str, bool] = {}

    def visit(font: Any) -> None:
        font = font.get_object()
        name = re.sub(r"^[A-Z]{6}\+", "", str(font.get("/BaseFont", "?")).lstrip("/"))
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            for child in font["/DescendantFonts"]:
                visit(child)
            return
        embedded = descriptor is not None and any(
            key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        found[name] = found.get(name, True) and embedded

    for page in reader(pdf).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for font in resources.get_object().get("/Font", {}).values():
            visit(font)
    return found


def digest(pdf: bytes) -> str:
    """What a golden file keeps of a PDF: metadata, standards, fonts and the text per page."""
    pdf_reader = reader(pdf)
    info = pdf_reader.metadata or {}
    catalog = pdf_reader.trailer["/Root"]
    meta = xmp(pdf)
    lines = [
        f"title: {info.get('/Title')}",
        f"language: {catalog.get('/Lang')}",
        f"pdfa: {_tag(meta, 'pdfaid:part')}{_tag(meta, 'pdfaid:conformance').lower()}",
        f"pdfua: {_tag(meta, 'pdfuaid:part')}",
        f"tagged: {bool(catalog.get('/MarkInfo', {}).get('/Marked'))}",
        f"pages: {len(pdf_reader.pages)}",
        "fonts: "
        + ", ".join(
            f"{name}{'' if ok else ' (NOT EMBEDDED)'}" for name, ok in sorted(fonts(pdf).items())
        ),
    ]
    for number, text in enumerate(page_texts(pdf), start=1):
        lines += ["", f"--- page {number} ---", text.rstrip()]
    return "\n".join(lines) + "\n"


def _tag(meta: str, name: str) -> str:
    match = re.search(rf"<{name}>([^<]*)</{name}>|{name}=\"([^\"]*)\"", meta)
    if match is None:
        return ""
    return match.group(1) or match.group(2) or ""
