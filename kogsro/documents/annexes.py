"""Anlagen: the attachments and document links of a session, numbered once for every channel.

An item lists ``attachments:`` (a file inside the workspace or an http(s) link, with a title and
optionally ``public: false``) and, as before, ``documents:`` (links or plain text). Both are
numbered together, "Anlage 1…n", in agenda order (depth first; per item its documents first,
then its attachments). The number of an attachment is the same in every document, e-mail,
folder and export, public or not: the public version leaves out what is not public (an
attachment with ``public: false``, or any attachment of a non-public item) and keeps the
numbers of the rest.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Literal

from kogsro.documents.presentation import publicity
from kogsro.records import record
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session
from kogsro.workspace.yamlsource import Loc

AnnexKind = Literal["file", "link", "text"]

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
MIME_TYPES = {
    ".pdf": "application/pdf",
    **IMAGE_TYPES,
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".zip": "application/zip",
}


@record
class Annex:
    """One Anlage of a session."""

    number: int  # 1-based, per session, in agenda order
    title: str
    kind: AnnexKind  # a file of the workspace, an http(s) link, or a plain-text reference
    item: str  # the number of its TOP ("2.1")
    public: bool  # False when the attachment or its item is not public
    file: str | None = None  # the path as written, relative to the workspace
    path: Path | None = None  # the file on disk
    url: str | None = None
    loc: Loc = ()  # where it is written in the session file

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.file).suffix.lower() if self.file else ""

    @property
    def mime_type(self) -> str:
        return MIME_TYPES.get(self.suffix, "application/octet-stream")

    @property
    def file_name(self) -> str:
        """The file's own name (``leitfaden.pdf``); empty for a link."""
        return PurePosixPath(self.file).name if self.file else ""

    @property
    def numbered_name(self) -> str:
        """``anlage-03-leitfaden.pdf``: the name of its copy in ``out/<session>/anlagen/``."""
        return f"anlage-{self.number:02d}-{self.file_name}"

    def size(self) -> int:
        """The file's size in bytes (0 for a link)."""
        return self.path.stat().st_size if self.path is not None else 0


def _is_link(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def session_annexes(ws: Workspace, session: Session, *, public: bool = False) -> list[Annex]:
    """Every Anlage of ``session`` in number order; with ``public`` only the public ones."""
    publics = publicity(ws, session)
    found: list[Annex] = []
    for entry in session.numbered_items():
        item_public = publics[entry.path]
        for index, text in enumerate(entry.item.documents):
            link = _is_link(text)
            found.append(
                Annex(
                    number=len(found) + 1,
                    title=text,
                    kind="link" if link else "text",
                    item=entry.number,
                    public=item_public,
                    url=text if link else None,
                    loc=(*entry.path, "documents", index),
                )
            )
        for index, attachment in enumerate(entry.item.attachments):
            loc: Loc = (*entry.path, "attachments", index)
            shown = item_public and attachment.public
            if attachment.file is not None:
                found.append(
                    Annex(
                        number=len(found) + 1,
                        title=attachment.title or PurePosixPath(attachment.file).name,
                        kind="file",
                        item=entry.number,
                        public=shown,
                        file=attachment.file,
                        path=ws.root / attachment.file,
                        loc=(*loc, "file"),
                    )
                )
            else:
                url = attachment.url or ""
                found.append(
                    Annex(
                        number=len(found) + 1,
                        title=attachment.title or url,
                        kind="link",
                        item=entry.number,
                        public=shown,
                        url=url,
                        loc=(*loc, "url"),
                    )
                )
    return [annex for annex in found if annex.public] if public else found
