"""Shell completion of values: session ids (and ``next``, ``last``), formats, people and
organisation ids, template names.

Completion runs on every press of the tab key, so it reads the workspace's files as text and
never loads (or validates) the workspace: names of the session files, ``id:`` lines of
``attendees.yaml``, names of template files. A workspace that cannot be found completes to
nothing rather than to an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

_ID_LINE = re.compile(r"^(\s*-?\s*)id:\s*[\"']?([a-z0-9][a-z0-9._-]*)[\"']?\s*(?:#.*)?$")
_SECTION = re.compile(r"^(organisations|people)\s*:")

Completer = Callable[[Any, str], list[str]]


def _root(ctx: Any) -> Path | None:
    from kogsro.errors import KogsroError
    from kogsro.workspace.locate import find_root

    explicit = None
    top = ctx.find_root() if ctx is not None else None
    if top is not None:
        explicit = top.params.get("workspace")
    try:
        return find_root(explicit=explicit)
    except (KogsroError, OSError):
        return None


def _folder(root: Path, name: str) -> Path:
    """A folder of the workspace as ``kogsro.yaml`` names it (``paths:``), read as text."""
    from kogsro.documents.cache import workspace_folders

    try:
        folders = workspace_folders((root / "kogsro.yaml").read_bytes())
    except OSError:
        folders = None
    return root / ((folders or {}).get(name) or name)


def _matching(values: Iterable[str], incomplete: str) -> list[str]:
    return sorted({v for v in values if v.startswith(incomplete)})


def session_ids(ctx: Any, incomplete: str) -> list[str]:
    """``next``, ``last`` and the id of every session file."""
    root = _root(ctx)
    ids = ["next", "last"]
    if root is not None:
        folder = _folder(root, "agendas")
        if folder.is_dir():
            ids += [p.stem for p in folder.glob("*.yaml") if not p.name.startswith(".")]
    return _matching(ids, incomplete)


def roster_ids(ctx: Any, incomplete: str, *, section: str | None = None) -> list[str]:
    """The ids in ``attendees.yaml``: of ``section`` (organisations or people), or all."""
    root = _root(ctx)
    if root is None:
        return []
    try:
        lines = (root / "attendees.yaml").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    found, current = [], None
    for line in lines:
        heading = _SECTION.match(line)
        if heading:
            current = heading[1]
            continue
        match = _ID_LINE.match(line)
        if match and (section is None or current == section):
            found.append(match[2])
    return _matching(found, incomplete)


def people_and_organisations(ctx: Any, incomplete: str) -> list[str]:
    return roster_ids(ctx, incomplete)


def organisations(ctx: Any, incomplete: str) -> list[str]:
    return roster_ids(ctx, incomplete, section="organisations")


def template_names(ctx: Any, incomplete: str) -> list[str]:
    """The built-in templates and the workspace's own, by name (``minutes.typ.j2``)."""
    from kogsro.documents.cache import builtin_templates

    folders = [builtin_templates()]
    root = _root(ctx)
    if root is not None:
        folders.append(_folder(root, "templates"))
    names = [
        path.relative_to(folder).as_posix()
        for folder in folders
        if folder.is_dir()
        for path in folder.rglob("*.j2")
    ]
    return _matching(names, incomplete)


def choices(values: Iterable[str]) -> Completer:
    """A completer of fixed values (formats)."""
    fixed = tuple(values)

    def complete(ctx: Any, incomplete: str) -> list[str]:
        return _matching(fixed, incomplete)

    return complete
