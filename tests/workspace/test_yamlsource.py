"""The loader's fast path gives exactly what the careful composer gives, or steps aside."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kogsro.workspace.yamlsource import Source, _Collector, _compose, _fast_parse, parse_yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted([*ROOT.glob("*.yaml"), *(ROOT / "agendas").glob("*.yaml")])
BITS = [
    "\t", ":", ": ", "- ", "&a ", "*a", "!!str ", "!!int ", "!!float ", "!!map ", "!!seq ", "! ",
    "!!python/object ", "!<tag:yaml.org,2002:str> ", "{", "}", "[", "]", ", ", "'", '"', "\n",
    "\n  ", "? ", "---\n", "...\n", "%YAML 1.1\n", "#", "|\n  ", ">-\n  ", "~", "null", "true",
    "True", "yes", "0", "01", "-1", "1.5", "1e3", ".inf", "0x1F", "10:00", "2022-06-14", "a",
    "b", "<<: ", "ä", " ",
]  # fmt: skip


def careful(text: str) -> tuple[object, Source, list[object]]:
    source = Source("f.yaml")
    errors = _Collector(source)
    value, found = _compose(text, errors)
    problems: list[object] = list(errors.problems)
    if not found:
        problems.append("empty")
    return value, source, problems


def assert_same(text: str) -> bool:
    fine, value = _fast_parse(text)
    if not fine:
        return False
    slow_value, _, problems = careful(text)
    assert problems == [], text
    assert value == slow_value, text
    assert [type(v) for v in _leaves(value)] == [type(v) for v in _leaves(slow_value)], text
    return True


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return list(value) + [leaf for v in value.values() for leaf in _leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_example_files_take_the_fast_path(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert assert_same(text)
    _, source, problems = parse_yaml(text, "f.yaml")
    assert problems == []
    # positions are found when first asked for, and are the careful composer's
    _, slow_source, _ = careful(text)
    assert source.values == slow_source.values and source.values
    assert source.keys == slow_source.keys and source.keys


@pytest.mark.parametrize(
    "text",
    [
        "a: &x {name: Rathaus}\nb: *x\n",  # aliases
        "a: 1\na: 2\n",  # duplicate keys
        "a: !!python/object:os.system x\n",  # tags
        "a: !!int x\n",
        "a: ! 12\n",  # the non-specific tag
        "a: [! 12]\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "? [a, b]\n: c\n",  # complex keys
        "a: " + "[" * 40 + "]" * 40 + "\n",  # deep nesting
        "",
        "# nothing\n",
        "a: [1, 2\n",  # syntax error
    ],
)
def test_unusual_files_take_the_careful_path(text: str) -> None:
    assert _fast_parse(text) == (False, None)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str 12\nb: !!int '12'\nc: !!float '1.5'\ne: '12'\nf: Danke! Gern.\n",
        "a: 10:00\nb: 01067\nc: yes\nd: ~\ne:\nf: True\ng: -1\nh: 1e3\ni: .5\nj: 0x1F\n",
        "1: a\ntrue: b\n1.5: c\n~: d\n",
        "---\n",
        "- a\n- [b, {c: d}]\n",
        "<<: {a: 1}\n",
    ],
)
def test_tricky_values_are_the_same_on_both_paths(text: str) -> None:
    assert assert_same(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(BITS), max_size=40))
def test_random_yaml_same_on_both_paths(bits: list[str]) -> None:
    assert_same("".join(bits))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(EXAMPLES),
    cuts=st.lists(
        st.tuples(st.integers(0, 20_000), st.integers(0, 8), st.sampled_from([*BITS, ""])),
        max_size=4,
    ),
)
def test_mutated_files_same_on_both_paths(seed: Path, cuts: list[tuple[int, int, str]]) -> None:
    text = seed.read_text(encoding="utf-8")
    for position, length, insert in cuts:
        position %= len(text) + 1
        text = text[:position] + insert + text[position + length :]
    assert_same(text)
