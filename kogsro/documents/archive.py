"""``kogsro archive``: approved minutes frozen in ``archive/<session id>/``.

For every session whose minutes are approved, the minutes as PDF and Markdown (in the
workspace's language) and ``manifest.json`` (the approving session, a fingerprint of what the
minutes record, the SHA-256 of each file) are written once, each file created exclusively:
nothing in the archive is ever overwritten. A correction recorded later (``corrections:``)
is archived as a new version beside the first, in ``correction-<n>/``. The files are meant to
be committed with the sources.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from kogsro import fsio
from kogsro.documents.session_docs import render_document
from kogsro.errors import InputError, KogsroError
from kogsro.ledger.frozen import (
    MANIFEST,
    Manifest,
    content_parts,
    fingerprint,
    frozen_problems,
    read_manifests,
    version_folder,
)
from kogsro.ledger.lifecycle import lifecycles
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session

FILES = (("minutes.pdf", "pdf"), ("minutes.md", "md"))


@dataclass(frozen=True, slots=True)
class Archived:
    session: str
    version: int
    folder: Path
    files: tuple[Path, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "session": self.session,
            "version": self.version,
            "folder": str(self.folder),
            "files": [str(p) for p in self.files],
        }


def due(ws: Workspace) -> list[tuple[Session, int]]:
    """The approved sessions and the version of their minutes not archived yet: 0 for minutes
    never archived, n after the n-th correction."""
    lives = lifecycles(ws, circulations=())
    found = []
    for session in ws.sessions:
        if lives[session.id].minutes != "approved":
            continue
        manifests = read_manifests(ws, session.id)
        corrections = len(session.corrections)
        if not manifests or manifests[-1].corrections < corrections:
            found.append((session, corrections))
    return found


def archive_approved(ws: Workspace) -> list[Archived]:
    """Archive every approved minutes not archived yet (see the module's description).

    An approved session changed since it was archived, without a recorded correction, is an
    :class:`InputError` and nothing is written.
    """
    problems = frozen_problems(ws)
    if problems:
        raise InputError(problems)
    return [archive_session(ws, session, version) for session, version in due(ws)]


def archive_session(ws: Workspace, session: Session, version: int) -> Archived:
    life = lifecycles(ws, circulations=())[session.id]
    if life.approved_in is None or life.approved_on is None:
        raise KogsroError(f"the minutes of {session.id} are not approved: nothing to archive")
    folder = version_folder(ws, session.id, version)
    if folder.exists() and any(
        (folder / name).exists() for name in [MANIFEST, *(n for n, _ in FILES)]
    ):
        raise KogsroError(
            f"{ws.display(folder)}: already holds archived files, not overwritten",
            hint="an interrupted archive run leaves files without manifest.json: restore the "
            "folder from version control or remove the incomplete files, then run it again",
        )
    lang = ws.config.language
    written: list[Path] = []
    hashes: dict[str, str] = {}
    for name, fmt in FILES:
        data = render_document(ws, session, "minutes", fmt, lang=lang)  # type: ignore[arg-type]
        path = folder / name
        fsio.create_exclusive(path, data)
        written.append(path)
        hashes[name] = "sha256:" + hashlib.sha256(data).hexdigest()
    parts = content_parts(session)
    manifest = Manifest(
        session=session.id,
        version=version,
        approved_in=life.approved_in,
        approved_on=life.approved_on,
        corrections=len(session.corrections),
        fingerprint=fingerprint(parts),
        parts=parts,
        files=hashes,
    )
    path = folder / MANIFEST
    text = json.dumps(manifest.as_dict(), ensure_ascii=False, indent=2) + "\n"
    fsio.create_exclusive(path, text)  # last: a manifest means the version is complete
    written.append(path)
    return Archived(session.id, version, folder, tuple(written))
