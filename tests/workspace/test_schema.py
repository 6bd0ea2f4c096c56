"""`kogsro schema` prints the same JSON Schemas editors read: one golden file per kind."""

from __future__ import annotations

import json

import pytest

from kogsro.workspace.schema import KINDS, schema_texts
from tests.conftest import Golden, run_cli


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_output_is_its_golden_file(kind: str, golden: Golden) -> None:
    code, out, err = run_cli("schema", kind)
    assert code == 0, err
    golden.check(f"schema/{kind}.schema.json", out)
    assert json.loads(out) == json.loads(schema_texts()[f"{kind}.schema.json"])


def test_an_unknown_kind_is_a_usage_error() -> None:
    code, _, err = run_cli("schema", "agenda")
    assert code != 0
    assert "unknown schema 'agenda'" in err
    assert "session, roster, config" in err
