"""OParl 1.1 JSON as files: the lists, the layout of a static API, the encoding.

Pure data in, text out: :mod:`kogsro.documents.oparl` maps the workspace to the OParl
document; this module says which lists there are, where each object's file lies below the
base URL (:func:`layout`) and how a value is written (:func:`dumps`).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from kogsro.errors import UsageError

__all__ = [
    "DEFAULT_BASE_URL",
    "LISTS",
    "OBJECT_FOLDERS",
    "SCHEMA",
    "check_base_url",
    "counts",
    "dumps",
    "layout",
]

SCHEMA = "https://schema.oparl.org/1.1/"
DEFAULT_BASE_URL = "https://example.org/oparl/v1.1"

# The external lists: their name (last part of the URL, file name) and the type of their objects.
LISTS: dict[str, str] = {
    "bodies": "Body",
    "organizations": "Organization",
    "persons": "Person",
    "memberships": "Membership",
    "meetings": "Meeting",
    "agendaitems": "AgendaItem",
    "locations": "Location",
    "legislativeterms": "LegislativeTerm",
    "files": "File",
    "papers": "Paper",
}
# Folders of the per-object files; only ``.json`` files below them are replaced or removed.
OBJECT_FOLDERS = tuple(sorted({kind.lower() for kind in LISTS.values()} - {"body"}))


def check_base_url(url: str) -> str:
    """The base URL without a trailing slash; an absolute http(s) URL or a UsageError."""
    text = url.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(
            f"{url!r} is not an absolute http(s) URL",
            hint=f"for example {DEFAULT_BASE_URL}",
            option="base_url",
        )
    if parts.query or parts.fragment or " " in text:
        raise UsageError(
            f"{url!r} must not contain spaces, a query or a fragment",
            hint=f"for example {DEFAULT_BASE_URL}",
            option="base_url",
        )
    return text


def layout(document: dict[str, Any], base_url: str) -> dict[str, Any]:
    """The files of a static OParl API: relative path -> JSON value.

    ``system.json`` (the entry point), one file per external list (``meetings.json``, ...)
    and one file per object at its id below the base URL (``meeting/2022-06-14.json``).
    """
    base = check_base_url(base_url) + "/"
    files: dict[str, Any] = {"system.json": document["system"]}
    for name in LISTS:
        files[f"{name}.json"] = document[name]
    for name in LISTS:
        for obj in document[name]["data"]:
            ident = obj["id"]
            if not ident.startswith(base):
                raise ValueError(f"{ident} is not below {base}")
            files[ident[len(base) :] + ".json"] = obj
    return files


def counts(document: dict[str, Any]) -> dict[str, int]:
    """How many objects each list holds."""
    return {name: len(document[name]["data"]) for name in LISTS}


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
