"""Validating OParl output against the official OParl 1.1 JSON Schemas (draft-07).

The schemas live beside the repository in ``../shared/oparl-1.1-schema`` (CI provides that
folder); tests that need them are skipped with a clear reason when it is missing. Each schema
is registered under its ``$id`` (``https://schema.oparl.org/1.1/Meeting``) and under the name
its neighbours ``$ref`` it by (``https://schema.oparl.org/1.1/Meeting.json``). The formats the
schemas use are checked too: ``url`` as an absolute http(s) URL, ``date-time`` as RFC 3339
with a time zone offset, ``date`` as an ISO date.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from tests.conftest import ROOT

SCHEMA_DIR = ROOT.parent / "shared" / "oparl-1.1-schema"
PREFIX = "https://schema.oparl.org/1.1/"
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

requires_schemas = pytest.mark.skipif(
    not SCHEMA_DIR.is_dir(),
    reason=f"the OParl 1.1 JSON Schemas are not at {SCHEMA_DIR} (CI provides ../shared)",
)


def _format_checker() -> FormatChecker:
    checker = FormatChecker()

    @checker.checks("url")
    def is_url(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if not _RFC3339.match(value):
            raise ValueError(f"{value!r} is not an RFC 3339 date-time with an offset")
        datetime.fromisoformat(value)
        return True

    return checker


@cache
def validators() -> dict[str, Draft7Validator]:
    """One validator per OParl type, all sharing one registry of every schema."""
    schemas = {path.stem: json.loads(path.read_text("utf-8")) for path in SCHEMA_DIR.glob("*.json")}
    pairs: list[tuple[str, Resource[Any]]] = []
    for kind, schema in schemas.items():
        resource = Resource.from_contents(schema, default_specification=DRAFT7)
        pairs += [(schema["$id"], resource), (f"{PREFIX}{kind}.json", resource)]
    registry: Registry[Any] = Registry().with_resources(pairs)
    checker = _format_checker()
    return {
        kind: Draft7Validator(schema, registry=registry, format_checker=checker)
        for kind, schema in schemas.items()
    }


def validate_object(obj: dict[str, Any]) -> None:
    """Assert that ``obj`` is valid for the schema its ``type`` names."""
    kind = str(obj.get("type", "")).removeprefix(PREFIX)
    assert kind in validators(), f"unknown OParl type {obj.get('type')!r} in {obj.get('id')}"
    errors = sorted(validators()[kind].iter_errors(obj), key=lambda e: list(e.absolute_path))
    assert not errors, f"{obj['id']} is not a valid {kind}:\n" + "\n".join(
        f"  at {'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors
    )


def validate_list(page: dict[str, Any], url: str) -> None:
    """An OParl object list on one page: data, pagination and links that agree."""
    assert set(page) == {"data", "pagination", "links"}
    assert page["pagination"]["totalElements"] == len(page["data"])
    assert page["pagination"]["currentPage"] == page["pagination"]["totalPages"] == 1
    assert page["links"]["self"] == page["links"]["first"] == url
    assert "next" not in page["links"]
    ids = [obj["id"] for obj in page["data"]]
    assert len(ids) == len(set(ids)), f"duplicate ids in {url}"
    for obj in page["data"]:
        validate_object(obj)


def validate_document(document: dict[str, Any], lists: dict[str, str]) -> int:
    """Validate the System and every object of every list; returns how many were checked."""
    validate_object(document["system"])
    base = document["system"]["id"].removesuffix("/system")
    checked = 1
    for name, kind in lists.items():
        validate_list(document[name], f"{base}/{name}")
        for obj in document[name]["data"]:
            assert obj["type"] == PREFIX + kind, f"{obj['id']} in the {name} list"
        checked += len(document[name]["data"])
    return checked


def embedded(value: Any) -> list[dict[str, Any]]:
    """Every OParl object inside ``value``, at any depth (including ``value`` itself)."""
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        if isinstance(value.get("type"), str) and value["type"].startswith(PREFIX):
            found.append(value)
        for child in value.values():
            found += embedded(child)
    elif isinstance(value, list):
        for child in value:
            found += embedded(child)
    return found
