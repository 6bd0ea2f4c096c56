"""Finding the workspace folder, like git finds its repository.

Kept free of the data model (and so of its validator and PyYAML), so that commands can find the
workspace before deciding whether they need to load it at all.
"""

from __future__ import annotations

import os
from pathlib import Path

from kogsro.errors import Remedy, WorkspaceNotFound

CONFIG_FILE = "kogsro.yaml"
ROSTER_FILE = "attendees.yaml"
ENV_VAR = "KOGSRO_WORKSPACE"
ARCHIVE_DIR = "archive"


def protected_folders(root: Path, agendas: Path) -> tuple[Path, ...]:
    """The places no rendering command ever writes to, ``--force`` or not: the session files
    and the archive. (``kogsro.yaml`` and ``attendees.yaml`` are replaced only with --force.)"""
    return (agendas, root / ARCHIVE_DIR)


def shipped(packaged: str, checkout: str = "") -> Path:
    """A data folder that the wheel ships inside the package (``kogsro/<packaged>``) and a
    source checkout keeps at the repository root (``<checkout>``, default: the root itself)."""
    package = Path(__file__).resolve().parent.parent  # kogsro/
    inside = package / packaged
    return inside if inside.is_dir() else package.parent / checkout


def find_root(start: Path | None = None, explicit: Path | None = None) -> Path:
    """The workspace folder: ``explicit``, else $KOGSRO_WORKSPACE, else like git from ``start``."""
    if explicit is None and os.environ.get(ENV_VAR):
        explicit = Path(os.environ[ENV_VAR])
    if explicit is not None:
        folder = explicit.expanduser()
        if folder.is_file() and folder.name == CONFIG_FILE:
            folder = folder.parent
        if not (folder / CONFIG_FILE).is_file():
            raise WorkspaceNotFound(
                f"{folder}: no {CONFIG_FILE} here",
                hint="create a workspace with `kogsro init DIR`",
            )
        return folder.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise WorkspaceNotFound(
        f"no {CONFIG_FILE} in {here} or any folder above it",
        hint="run kogsro inside a workspace, or create one with `kogsro init DIR`",
        remedy=Remedy("workspace", "DIR"),
    )


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as shown in messages: relative to ``root`` (default: the current folder) when
    inside it, else as given."""
    base = root or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
