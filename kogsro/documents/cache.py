"""What kogsro can recompute, kept between runs: compiled templates and rendered documents.

A rendered document is stored under a key made of everything that goes into it: the request
(document, session, format, language, public or not), every file of the workspace that a
document can draw on (body, roster, all sessions — the invitation lists the tasks still open
from earlier ones — and the workspace's templates), the built-in templates, the version of
kogsro, and the day ("today" and the date a document is stamped with). Change any of them and
the document is rendered anew; nothing stale is ever served. Running the same command again,
as scripts and ``kogsro build`` do, costs little more than reading the files.

This module imports only the standard library: it decides whether the data model needs to be
loaded at all. ``KOGSRO_NO_CACHE=1`` turns the document cache off; ``KOGSRO_CACHE_DIR`` moves
the cache; a cache that cannot be read or written is silently skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kogsro import __version__, clock
from kogsro.records import record
from kogsro.workspace.locate import CONFIG_FILE, ROSTER_FILE, shipped

_MAGIC = b"kogsro-document-1\n"
_KEEP = 400  # documents kept; older ones are removed when the cache grows past this


def cache_dir() -> Path:
    """Where kogsro keeps what it can recompute: $KOGSRO_CACHE_DIR, else the user's cache."""
    explicit = os.environ.get("KOGSRO_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kogsro"


def enabled() -> bool:
    return os.environ.get("KOGSRO_NO_CACHE", "") in ("", "0")


def builtin_templates() -> Path:
    """The built-in templates: inside the installed package, or the source checkout's."""
    return shipped("templates", "templates")


@record
class Key:
    """Where a document would be cached, and the workspace's folders its key was made from."""

    digest: str
    agendas: Path
    templates: Path
    out: Path


@record
class Cached:
    """A rendered document and what the command reports besides it."""

    data: bytes
    meta: dict[str, Any]


_TOP_PATHS = re.compile(rb"^paths\s*:(.*)$", re.MULTILINE)
_QUOTED_PATHS = re.compile(rb"^[\"'?]\s*[\"']?paths", re.MULTILINE)
_FOLDER_LINE = re.compile(rb"^[ ]+(agendas|templates|out)\s*:\s*([A-Za-z0-9_./-]+)\s*(?:#.*)?$")
_BLANK_OR_COMMENT = re.compile(rb"^\s*(?:#.*)?$")


def _folders(config: bytes) -> dict[str, str] | None:
    """The workspace's folders as ``kogsro.yaml`` names them, read without a YAML parser (it
    would cost more than the whole lookup). Only the plain block form is understood::

        paths:
          agendas: agendas
          out: dokumente

    Anything else (flow style, quotes, odd names) gives None: no shortcut, the full load."""
    folders = {"agendas": "agendas", "templates": "templates", "out": "out"}
    if _QUOTED_PATHS.search(config):
        return None
    found = list(_TOP_PATHS.finditer(config))
    if not found:
        return folders
    if len(found) > 1 or not _BLANK_OR_COMMENT.match(found[0].group(1).strip() or b""):
        return None
    for line in config[found[0].end() :].splitlines()[1:]:
        if _BLANK_OR_COMMENT.match(line):
            continue
        if not line.startswith((b" ", b"\t")):
            break  # the next top-level key
        match = _FOLDER_LINE.match(line)
        if match is None:
            return None
        folders[match.group(1).decode()] = match.group(2).decode()
    return folders


def workspace_folders(config: bytes) -> dict[str, str] | None:
    """The workspace's folders (agendas, templates, out) from the text of ``kogsro.yaml``,
    without a YAML parser; None when it is not the plain form (see :func:`_folders`)."""
    return _folders(config)


def document_key(root: Path, request: Mapping[str, object]) -> Key | None:
    """The key of a document rendered from the workspace at ``root``; None when the cache
    cannot vouch for its inputs (it is off, or the files cannot be read)."""
    if not enabled():
        return None
    digest = hashlib.sha256()

    def add(*parts: object) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)

    try:
        config = (root / CONFIG_FILE).read_bytes()
        folders = _folders(config)
        if folders is None:
            return None
        agendas, templates = root / folders["agendas"], root / folders["templates"]
        add("kogsro", __version__, json.dumps(dict(request), sort_keys=True, default=str))
        add("today", clock.today().isoformat(), "stamp", clock.now().date().isoformat())
        add(CONFIG_FILE, config)
        roster = root / ROSTER_FILE
        add(ROSTER_FILE, roster.read_bytes() if roster.is_file() else b"\0missing")
        for folder, label in ((agendas, "agendas"), (templates, "templates")):
            if folder.is_dir():
                for path in sorted(folder.rglob("*")):
                    if path.is_file():
                        add(label, path.relative_to(folder).as_posix(), path.read_bytes())
        builtin = builtin_templates()
        if builtin.is_dir():
            for path in sorted(builtin.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    add(
                        "builtin",
                        path.relative_to(builtin).as_posix(),
                        stat.st_size,
                        stat.st_mtime_ns,
                    )
    except OSError:
        return None
    return Key(digest.hexdigest(), agendas, templates, root / folders["out"])


def _document_path(key: Key) -> Path:
    return cache_dir() / f"documents-{__version__}" / key.digest[:2] / key.digest


def get(key: Key | None) -> Cached | None:
    if key is None:
        return None
    try:
        blob = _document_path(key).read_bytes()
    except OSError:
        return None
    if not blob.startswith(_MAGIC):
        return None
    header, _, data = blob[len(_MAGIC) :].partition(b"\n")
    try:
        meta = json.loads(header)
    except ValueError:
        return None
    if not isinstance(meta, dict) or meta.get("size") != len(data):
        return None
    return Cached(data, meta)


def put(key: Key | None, data: bytes, meta: Mapping[str, Any]) -> None:
    """Keep a rendered document; any failure to do so is ignored."""
    if key is None:
        return
    path = _document_path(key)
    header = json.dumps({**meta, "size": len(data)}, ensure_ascii=True).encode()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_MAGIC + header + b"\n" + data)
            Path(name).replace(path)
        except OSError:
            Path(name).unlink(missing_ok=True)
            raise
        _prune(path.parent.parent)


def _prune(folder: Path) -> None:
    entries = [p for p in folder.glob("*/*") if p.is_file()]
    if len(entries) <= _KEEP:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) - _KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
