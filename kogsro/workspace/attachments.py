"""Attachment files are checked when a session is loaded.

An item's ``attachments:`` name files inside the workspace (``attachments/2023-03-21/plan.pdf``)
or http(s) links. A path that leaves the workspace (``..``, an absolute path, a symbolic link
pointing out of it), a file that is missing, not a file, or unreadable is a problem at the
place of its ``file:`` value, so ``kogsro check`` reports it as ``file:line:col`` and no
command renders a document that would lack it.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

from kogsro.errors import Problem
from kogsro.workspace.model import Session
from kogsro.workspace.yamlsource import Loc, Source

_HINT = "name a file inside the workspace, relative to its folder, e.g. attachments/plan.pdf"


def path_problem(root: Path, written: str) -> tuple[str, str] | None:
    """Why the attachment path ``written`` cannot be used, as (message, hint); None if it can."""
    if not written.strip():
        return "the attachment path is empty", _HINT
    if PurePosixPath(written).is_absolute() or PureWindowsPath(written).is_absolute():
        return f"attachment path {written!r} is absolute", _HINT
    if ".." in PurePosixPath(written.replace("\\", "/")).parts:
        return f"attachment path {written!r} leaves the workspace ('..')", _HINT
    target = root / written
    try:
        target.resolve(strict=False).relative_to(root.resolve())
    except ValueError:
        return (
            f"attachment {written!r} is a symbolic link pointing out of the workspace",
            "copy the file into the workspace instead of linking to it",
        )
    except OSError as exc:  # a loop of links
        return f"attachment {written!r} cannot be read: {exc.strerror or exc}", _HINT
    if not target.exists():
        return f"attachment {written!r} does not exist", "check the path, or add the file"
    if not target.is_file():
        return f"attachment {written!r} is not a file", _HINT
    try:
        with target.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        return (
            f"attachment {written!r} cannot be read: {exc.strerror or exc}",
            "check the file's permissions",
        )
    if not os.access(target, os.R_OK):  # pragma: no cover - open() fails first
        return f"attachment {written!r} cannot be read", "check the file's permissions"
    return None


def attachment_problems(root: Path, session: Session, source: Source) -> list[Problem]:
    """The attachment files of ``session`` that are missing, unreadable or outside ``root``."""
    problems: list[Problem] = []
    for entry in session.numbered_items():
        for index, attachment in enumerate(entry.item.attachments):
            if attachment.file is None:
                continue
            found = path_problem(root, attachment.file)
            if found is not None:
                message, hint = found
                loc: Loc = (*entry.path, "attachments", index, "file")
                problems.append(source.problem(loc, message, hint=hint))
    return problems
