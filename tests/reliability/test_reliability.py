"""A small N of the reliability suite (benchmarks/reliability.py) on every change: generated and
mutated workspaces through check and the renderers, and build killed with SIGKILL."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

SUITE = Path(__file__).resolve().parents[2] / "benchmarks" / "reliability.py"


@pytest.fixture(scope="module")
def suite() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reliability", SUITE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["reliability"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_small_run_finds_nothing(suite: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KOGSRO_NO_CACHE", raising=False)
    kills = 2 if sys.platform.startswith("linux") else 0
    figures = suite.run(12, seed=14, kills=kills, pdf_every=3)
    report = suite.report(figures, 14, 0)
    assert figures.runs == 12 and figures.commands == 48, report
    assert sum(figures.parsed.values()) >= 10, report  # outputs were really read back
    assert 0 in figures.exit_codes and 2 in figures.exit_codes, report  # good and bad inputs
    assert figures.internal_errors == [], report
    assert figures.parse_failures == [], report
    assert figures.executed == [], report
    assert figures.outside == [], report
    assert figures.leaks == [], report
    assert figures.partial_files == [] and figures.orphans == [], report
    assert figures.kills == kills


def test_the_same_seed_gives_the_same_workspaces(suite: ModuleType) -> None:
    def files(seed: int) -> dict[str, bytes]:
        rng = random.Random(seed)
        return suite.mutate(rng, suite.workspace_data(rng))[0]

    assert files(7) == files(7)
    assert files(7) != files(8)


@pytest.mark.parametrize(
    ("fmt", "data", "sign"),
    [
        ("html", b"<p>x</p><script>alert(1)</script>", "<script>"),
        ("html", b'<img src=x onerror="alert(1)">', "onerror= attribute"),
        ("html", b'<a href=" javascript:alert(1)">x</a>', "javascript: link"),
        ("md", b"<script>x</script>\n\n[a](javascript:alert(1))", None),
        ("csv", b"id,text\n1,=cmd|' /C calc'!A0\n", "formula"),
        ("csv", b"id,text\n1,-5\n", None),
        ("ics", b"BEGIN:VCALENDAR\r\nX-INJECTED:evil\r\nEND:VCALENDAR\r\n", "calendar property"),
        ("pdf", b"not a pdf", "raises"),
        ("json", b'{"a": 1337}', "evaluated"),
    ],
)
def test_the_detectors_see_what_they_look_for(
    suite: ModuleType, fmt: str, data: bytes, sign: str | None
) -> None:
    if sign == "raises":
        with pytest.raises(Exception):  # noqa: B017 - any parser error is a parse failure
            suite.parse_back(fmt, data)
        return
    _, executed = suite.parse_back(fmt, data)
    if sign is None:
        assert executed == []  # markdown-it escapes raw HTML; -5 is a number
    else:
        assert any(sign in what for what in executed), executed
