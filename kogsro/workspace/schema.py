"""JSON Schemas of the YAML files, for editors (yaml-language-server and the like).

Every property carries a description (hover help in an editor) from
:mod:`kogsro.workspace.descriptions`. ``kogsro init`` and ``kogsro schema --write`` put the
schemas into the workspace's ``.kogsro/schema/``, and the files kogsro writes name theirs in
a first line editors understand: ``# yaml-language-server: $schema=...``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kogsro.errors import UsageError
from kogsro.workspace.descriptions import FIELDS, MODELS
from kogsro.workspace.model import Config, Roster, Session
from kogsro.workspace.spec import Record

KINDS: dict[str, type[Record]] = {"session": Session, "roster": Roster, "config": Config}
SCHEMA_DIR = ".kogsro/schema"
MODELINE = "# yaml-language-server: $schema="


def json_schema(kind: str) -> dict[str, Any]:
    try:
        model = KINDS[kind]
    except KeyError:
        raise UsageError(
            f"unknown schema {kind!r}", hint="choose one of: " + ", ".join(KINDS)
        ) from None
    schema = model.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    _describe(schema)
    return schema


def _describe(schema: dict[str, Any]) -> None:
    """Put the description of every model and field into the schema and its ``$defs``."""
    parts = [(str(schema.get("title", "")), schema)]
    parts += list(schema.get("$defs", {}).items())
    for name, part in parts:
        if name in MODELS:
            part["description"] = MODELS[name]
        fields = FIELDS.get(name, {})
        for key, prop in part.get("properties", {}).items():
            if key in fields:
                prop["description"] = fields[key]


def schema_file(kind: str) -> str:
    """``session.schema.json``: the file name of a kind's schema in ``.kogsro/schema/``."""
    return f"{kind}.schema.json"


def schema_texts() -> dict[str, str]:
    """Every schema as the text of its file, by file name."""
    return {
        schema_file(kind): json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
        for kind in KINDS
    }


def write_schema_files(root: Path) -> list[Path]:
    """Write (or refresh) the schemas into ``<root>/.kogsro/schema/``, kogsro's own folder."""
    from kogsro.fsio import write_atomic

    written = []
    for name, text in schema_texts().items():
        path = root / SCHEMA_DIR / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
        written.append(path)
    return written


def modeline(kind: str, file: Path, root: Path) -> str:
    """The first line that tells an editor which schema ``file`` (in workspace ``root``) has."""
    target = root / SCHEMA_DIR / schema_file(kind)
    relative = Path(os.path.relpath(target, file.parent)).as_posix()
    return f"{MODELINE}{relative}"


def with_modeline(text: str, line: str) -> str:
    """``text`` with ``line`` first, unless it already names a schema."""
    if MODELINE in text.split("\n", 1)[0] or any(
        row.startswith(MODELINE) for row in text.splitlines()[:5]
    ):
        return text
    return f"{line}\n{text}"
