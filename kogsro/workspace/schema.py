"""JSON Schemas of the YAML files, for editors (yaml-language-server and the like)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from kogsro.errors import UsageError
from kogsro.workspace.model import Config, Roster, Session

KINDS: dict[str, type[BaseModel]] = {"session": Session, "roster": Roster, "config": Config}


def json_schema(kind: str) -> dict[str, Any]:
    try:
        model = KINDS[kind]
    except KeyError:
        raise UsageError(
            f"unknown schema {kind!r}", hint="choose one of: " + ", ".join(KINDS)
        ) from None
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
