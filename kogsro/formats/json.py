"""JSON as the commands write it: UTF-8 with umlauts as they are.

A list of records, such as the decision log, is written one record per line: valid JSON that
``jq`` reads, that ``grep`` and ``git diff`` show line by line, and that is written by the C
encoder, which matters for workspaces with tens of thousands of entries.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any


def to_json_records(records: Sequence[Any]) -> bytes:
    """A list as JSON with one compact record per line."""
    if not records:
        return b"[]\n"
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    return ("[\n" + ",\n".join(dumps(r) for r in records) + "\n]\n").encode("utf-8")
