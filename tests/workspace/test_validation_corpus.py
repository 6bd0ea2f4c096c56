"""The validation corpus replayed: every input of every file kind gets the problems (message,
hint, line, column, severity) or the validated data it got when the corpus was made.

The corpus (``tests/workspace/data/validation_corpus.json``, made by
:mod:`tests.workspace.validation_corpus`) holds hand-picked cases for each kind of error and a
few hundred seeded mutations of real files. ``pytest --update-golden`` rewrites the results
for the stored inputs; review ``git diff tests/workspace/data`` before committing.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.workspace import validation_corpus as corpus

CASES = corpus.read()


def test_the_corpus_covers_every_file_kind_valid_and_invalid() -> None:
    for kind in corpus.KINDS:
        mine = [case for case in CASES if case["kind"] == kind]
        assert sum("data" in case for case in mine) >= 3, kind
        assert sum("problems" in case for case in mine) >= 30, kind
    assert len(CASES) >= 800


@pytest.mark.parametrize("kind", corpus.KINDS)
def test_every_case_gets_what_it_got(kind: str, request: pytest.FixtureRequest) -> None:
    update = bool(request.config.getoption("--update-golden"))
    wrong: list[str] = []
    for index, case in enumerate(CASES):
        if case["kind"] != kind:
            continue
        found: dict[str, Any] = corpus.outcome(kind, case["text"])
        expected = {key: value for key, value in case.items() if key not in ("kind", "text")}
        if found == expected:
            continue
        if update:
            CASES[index] = {"kind": kind, "text": case["text"], **found}
            continue
        wrong.append(f"case {index}:\n{case['text']}\nexpected {expected}\nfound    {found}")
    if update:
        corpus.write(CASES)
    assert not wrong, f"{len(wrong)} cases differ:\n\n" + "\n\n".join(wrong[:10])
