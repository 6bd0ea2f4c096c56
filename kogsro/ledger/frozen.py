"""Approved minutes are frozen: what they record is fingerprinted when they are archived.

``kogsro archive`` copies approved minutes into ``archive/<session id>/`` (PDF, Markdown and
``manifest.json``); a correction recorded later (``corrections:`` in the session file) is
archived beside them in ``archive/<session id>/correction-<n>/``. Archived files are never
overwritten. The manifest holds a fingerprint of each part of the session as the file records
it — the session's own fields and each item, sub-items apart — so that :func:`frozen_problems`
can name the item that changed after approval.

Only what the file says counts (unset fields stay out of the fingerprint), so a newer kogsro
with more optional fields computes the same fingerprint; comments and the layout of the YAML
do not count either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypedDict

from kogsro.errors import KogsroError, Problem
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session

ARCHIVE_DIR = "archive"
MANIFEST = "manifest.json"
SESSION_PART = "session"
Loc = tuple[str | int, ...]


def _digest(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_parts(session: Session) -> dict[str, str]:
    """The fingerprint of each part of the session: ``session`` (every field but the items and
    the corrections) and each item by its number (``2.1``), without its sub-items."""
    own = session.as_dict(jsonable=True, exclude_unset=True, exclude={"items", "corrections"})
    parts = {SESSION_PART: _digest(own)}
    for entry in session.numbered_items():
        parts[entry.number] = _digest(
            entry.item.as_dict(jsonable=True, exclude_unset=True, exclude={"items"})
        )
    return parts


def fingerprint(parts: dict[str, str]) -> str:
    """One fingerprint of all parts."""
    return _digest(parts)


class ManifestData(TypedDict):
    kogsro_archive: int
    session: str
    version: int
    approved_in: str
    approved_on: str
    corrections: int
    fingerprint: str
    parts: dict[str, str]
    files: dict[str, str]


@dataclass(frozen=True, slots=True)
class Manifest:
    session: str
    version: int  # 0: as approved; n: after the n-th correction
    approved_in: str
    approved_on: date
    corrections: int
    fingerprint: str
    parts: dict[str, str]
    files: dict[str, str] = field(default_factory=dict)  # name -> sha256 of the bytes
    path: Path | None = None

    def as_dict(self) -> ManifestData:
        """The manifest as ``archive/<id>/manifest.json`` keeps it."""
        return {
            "kogsro_archive": 1,
            "session": self.session,
            "version": self.version,
            "approved_in": self.approved_in,
            "approved_on": self.approved_on.isoformat(),
            "corrections": self.corrections,
            "fingerprint": self.fingerprint,
            "parts": self.parts,
            "files": self.files,
        }


def archive_root(ws: Workspace) -> Path:
    return ws.root / ARCHIVE_DIR


def version_folder(ws: Workspace, session_id: str, version: int) -> Path:
    """``archive/<id>/`` for the minutes as approved, ``archive/<id>/correction-<n>/`` after the
    n-th correction."""
    folder = archive_root(ws) / session_id
    return folder if version == 0 else folder / f"correction-{version}"


def read_manifests(ws: Workspace, session_id: str) -> list[Manifest]:
    """The archived versions of a session's minutes, oldest first (none when not archived)."""
    folder = archive_root(ws) / session_id
    candidates = [folder / MANIFEST, *sorted(folder.glob(f"correction-*/{MANIFEST}"))]
    found = [_read(ws, path) for path in candidates if path.is_file()]
    return sorted(found, key=lambda m: m.version)


def _read(ws: Workspace, path: Path) -> Manifest:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(
            session=str(data["session"]),
            version=int(data["version"]),
            approved_in=str(data["approved_in"]),
            approved_on=date.fromisoformat(data["approved_on"]),
            corrections=int(data["corrections"]),
            fingerprint=str(data["fingerprint"]),
            parts={str(k): str(v) for k, v in dict(data["parts"]).items()},
            files={str(k): str(v) for k, v in dict(data.get("files", {})).items()},
            path=path,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KogsroError(
            f"{ws.display(path)}: not a kogsro archive manifest ({exc})",
            hint="restore it from version control; archived files are never rewritten",
        ) from None


def changed_parts(frozen: dict[str, str], current: dict[str, str]) -> list[str]:
    """The parts that differ: changed, added or removed, in the order of the file."""
    names = list(current) + [name for name in frozen if name not in current]
    return [name for name in names if frozen.get(name) != current.get(name)]


def frozen_problems(ws: Workspace) -> list[Problem]:
    """An archived (approved) session whose content changed since, without a recorded
    correction: one problem per changed part, at its place in the file."""
    problems = []
    for session in ws.sessions:
        manifests = read_manifests(ws, session.id)
        if not manifests:
            continue
        latest = manifests[-1]
        if len(session.corrections) > latest.corrections:
            continue  # the change is recorded; `kogsro archive` freezes the corrected version
        current = content_parts(session)
        if fingerprint(current) == latest.fingerprint:
            continue
        label = ws.config.item_label
        for name in changed_parts(latest.parts, current):
            loc, what = _where(session, name, label, added=name not in latest.parts)
            if name not in current:
                what = f"{label(name)} was removed"
            problems.append(
                _problem(
                    session,
                    loc,
                    f"the minutes of {session.id} were approved in {latest.approved_in} and "
                    f"archived; {what} since",
                    hint="undo the change, or record it: corrections: [{date: YYYY-MM-DD, "
                    'reason: "..."}], then `kogsro archive`',
                )
            )
    return problems


def _where(
    session: Session, name: str, label: Callable[[str], str], *, added: bool
) -> tuple[Loc, str]:
    if name == SESSION_PART:
        return ("date",), "the session's details (date, times, place, attendance, ...) changed"
    for entry in session.numbered_items():
        if entry.number == name:
            verb = "was added" if added else "changed"
            return entry.path, f"{label(name)} ({entry.item.title}) {verb}"
    return ("items",), f"{label(name)} changed"


def _problem(session: Session, loc: Loc, message: str, hint: str | None = None) -> Problem:
    if session.source is None:
        return Problem(session.id, 0, 0, message, hint)
    result: Problem = session.source.problem(loc, message, hint=hint)
    return result
