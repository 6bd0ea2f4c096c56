"""The Sitzungsmappe: the invitation and every attachment in one PDF.

The template ``pack.typ.j2`` (the invitation, a list of the Anlagen, then the Anlagen) is
compiled by Typst in one go: every page of a PDF attachment is placed as it is (Typst ≥ 0.14
places PDF pages as vector graphics, so their text stays extractable), a PNG or JPEG image
fills a page of its own, and every attachment page is stamped "Anlage n" in its top margin
with an entry per Anlage in the PDF's outline. Files that cannot be placed (a Word document,
a spreadsheet, a PDF that is encrypted or broken) and links are listed on the Anlagen page as
not included.

Typst writes PDF/A-2b only without embedded PDF pages: a Sitzungsmappe with PDF attachments is
a plain PDF, and the result names the attachments that prevent PDF/A (see
:attr:`Pack.not_archival`). Placing the pages in Typst was measured against merging the files
with pypdf (ten attachments of 20 pages each): Typst 0.06 s and 0.3 MB, pypdf 0.25 s and 4 MB
(every attachment keeps its own copy of its fonts), so Typst it is; pypdf only counts the pages.

The attachment files are copied into a temporary compile root together with the templates'
assets, so a template can still read nothing else of the machine.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kogsro.documents.annexes import IMAGE_TYPES, Annex, session_annexes
from kogsro.documents.context import document_context
from kogsro.documents.render import assets_dir, render_template, template_origin
from kogsro.errors import KogsroError, UsageError
from kogsro.i18n import LANGUAGES, format_date, phrase
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session

TEMPLATE = "pack.typ.j2"
Placement = Literal["pdf", "image", "link", "left_out"]


@dataclass(frozen=True, slots=True)
class PackedAnnex:
    """What became of one Anlage in the Sitzungsmappe."""

    annex: Annex
    placement: Placement
    pages: int = 0  # pages placed (PDF) or 1 (image)
    reason: str | None = None  # why it is not included (left_out)


@dataclass(frozen=True, slots=True)
class Pack:
    """The Sitzungsmappe and what went into it."""

    pdf: bytes
    annexes: tuple[PackedAnnex, ...]
    archival: bool  # PDF/A-2b and PDF/UA-1
    warnings: tuple[str, ...] = field(default=())

    @property
    def not_archival(self) -> list[Annex]:
        """The attachments that keep the Sitzungsmappe from being PDF/A-2b."""
        return [p.annex for p in self.annexes if p.placement == "pdf"]


def pack_title(ws: Workspace, session: Session, *, lang: str, public: bool) -> str:
    title = phrase(
        lang,
        "document_title",
        document=phrase(lang, "pack"),
        body=ws.config.body.short,
        date=format_date(session.date, lang, "long"),
    )
    return title + (f" ({phrase(lang, 'public_version')})" if public else "")


def pdf_pages(path: Path) -> tuple[int, str | None]:
    """The number of pages of a PDF file, or 0 and why it cannot be placed."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # repairs are not the user's business
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            return 0, "encrypted"
        count = len(reader.pages)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError):
        return 0, "broken"
    return (count, None) if count else (0, "empty")


def plan_pack(annexes: list[Annex]) -> list[PackedAnnex]:
    """How each Anlage goes into the Sitzungsmappe."""
    planned: list[PackedAnnex] = []
    for annex in annexes:
        if annex.kind != "file" or annex.path is None:
            planned.append(PackedAnnex(annex, "link"))
        elif annex.suffix == ".pdf":
            pages, reason = pdf_pages(annex.path)
            if reason is None:
                planned.append(PackedAnnex(annex, "pdf", pages))
            else:
                planned.append(PackedAnnex(annex, "left_out", reason=f"pdf_{reason}"))
        elif annex.suffix in IMAGE_TYPES:
            planned.append(PackedAnnex(annex, "image", 1))
        else:
            planned.append(PackedAnnex(annex, "left_out", reason="type"))
    return planned


def _source_name(annex: Annex) -> str:
    """The name of an attachment's copy in the compile root."""
    return f"anlagen/{annex.number}{annex.suffix}"


def _reason_text(packed: PackedAnnex, lang: str) -> str | None:
    annex = packed.annex
    if packed.placement == "left_out":
        suffix = annex.suffix or annex.file_name
        return phrase(lang, f"pack_left_out_{packed.reason}", suffix=suffix, file=annex.file_name)
    if packed.placement == "link":
        return phrase(lang, "pack_link") if annex.kind == "link" else phrase(lang, "pack_text")
    return None


def pack_context(
    ws: Workspace, session: Session, planned: list[PackedAnnex], *, lang: str, public: bool
) -> dict[str, Any]:
    context = document_context(ws, session, "invitation", lang=lang, public=public)
    context["title"] = pack_title(ws, session, lang=lang, public=public)
    entries = []
    for packed in planned:
        annex = packed.annex
        label = phrase(lang, "annex_label", number=annex.number)
        entries.append(
            {
                "number": annex.number,
                "label": label,
                "title": annex.title,
                "text": f"{label}: {annex.title}",
                "item_label": ws.config.item_label(annex.item),
                "placement": packed.placement,
                "included": packed.placement in ("pdf", "image"),
                "pages": packed.pages,
                "source": _source_name(annex) if packed.placement in ("pdf", "image") else None,
                "file": annex.file_name or None,
                "url": annex.url,
                "note": _reason_text(packed, lang),
                "anchor": f"anlage-{annex.number}",
            }
        )
    context["pack"] = {"annexes": entries}
    return context


def build_pack(
    ws: Workspace, session: Session, *, lang: str | None = None, public: bool = False
) -> Pack:
    """The Sitzungsmappe of ``session`` (only public attachments with ``public``)."""
    from kogsro.formats.pdf import DEFAULT_STANDARDS, TypstCompileError, compile_pdf

    lang = lang or ws.config.language
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}", hint="use de or en")
    if session.status == "cancelled":
        raise UsageError(
            f"session {session.id} is cancelled: there is nothing to send",
            hint="a cancelled session has no Sitzungsmappe",
        )
    planned = plan_pack(session_annexes(ws, session, public=public))
    title = pack_title(ws, session, lang=lang, public=public)
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kogsro-pack-") as folder:
        root = Path(folder)
        assets = assets_dir(ws)
        if assets is not None:
            shutil.copytree(assets, root, dirs_exist_ok=True, symlinks=False)
        (root / "anlagen").mkdir(exist_ok=True)
        for packed in planned:
            if packed.placement in ("pdf", "image") and packed.annex.path is not None:
                shutil.copyfile(packed.annex.path, root / _source_name(packed.annex))
        for _attempt in range(2):
            archival = not any(p.placement == "pdf" for p in planned)
            source = render_template(
                ws, TEMPLATE, pack_context(ws, session, planned, lang=lang, public=public),
                flavour="typ",
            )  # fmt: skip
            try:
                pdf = compile_pdf(
                    source,
                    assets=root,
                    title=title,
                    lang=lang,
                    standards=DEFAULT_STANDARDS if archival else (),
                    source_name=template_origin(ws, TEMPLATE),
                )
                break
            except TypstCompileError:
                broken = _unplaceable(root, planned)
                if not broken:
                    raise
                planned = [
                    PackedAnnex(p.annex, "left_out", reason="pdf_broken")
                    if p.annex.number in broken
                    else p
                    for p in planned
                ]
        else:  # pragma: no cover - the second attempt leaves out every file Typst refused
            raise KogsroError(f"the Sitzungsmappe of {session.id} could not be made")
    for packed in planned:
        if packed.placement == "left_out":
            reason = (_reason_text(packed, "en") or "").removeprefix("not included: ")
            warnings.append(
                f"Anlage {packed.annex.number} ({packed.annex.file or packed.annex.title}) is "
                f"left out of the Sitzungsmappe: {reason}"
            )
    blockers = [p.annex for p in planned if p.placement == "pdf"]
    if blockers:
        names = ", ".join(f"Anlage {a.number} ({a.file_name})" for a in blockers)
        warnings.append(
            f"the Sitzungsmappe is a plain PDF, not PDF/A-2b: Typst cannot embed the PDF pages "
            f"of {names} in an archival PDF"
        )
    return Pack(pdf, tuple(planned), archival, tuple(warnings))


def _unplaceable(root: Path, planned: list[PackedAnnex]) -> set[int]:
    """The PDF attachments Typst cannot place, found by trying each on its own."""
    import typst

    broken: set[int] = set()
    for packed in planned:
        if packed.placement != "pdf":
            continue
        probe = f'#image("{_source_name(packed.annex)}", page: 1)'.encode()
        try:
            # typst's stubs want the input and the root of one type
            typst.compile(probe, root=str(root), format="pdf", ignore_system_fonts=True)  # type: ignore[call-overload]
        except typst.TypstError:
            broken.add(packed.annex.number)
    return broken


def default_pack_path(ws: Workspace, session: Session, lang: str, *, public: bool) -> Path:
    """``out/<session>/pack[.<lang>][.public].pdf``."""
    from kogsro.documents.session_docs import default_output_path

    return default_output_path(ws, session, "pack", "pdf", lang, public=public)
