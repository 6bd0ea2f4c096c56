"""JSON as the commands print and write it: UTF-8, umlauts as they are, indented."""

from __future__ import annotations

import json
from typing import Any


def to_json(data: Any) -> bytes:
    """Plain data (dicts, lists, text, numbers) as indented UTF-8 JSON with a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
