"""JSON records: one per line, valid JSON, umlauts as they are."""

from __future__ import annotations

import json

from kogsro.formats.json import to_json_records


def test_one_record_per_line() -> None:
    data = to_json_records([{"id": "a", "text": "Bürger*innen"}, {"id": "b", "n": [1, 2]}])
    text = data.decode("utf-8")
    assert text == '[\n{"id": "a", "text": "Bürger*innen"},\n{"id": "b", "n": [1, 2]}\n]\n'
    assert json.loads(text)[1]["n"] == [1, 2]


def test_no_records() -> None:
    assert to_json_records([]) == b"[]\n"
