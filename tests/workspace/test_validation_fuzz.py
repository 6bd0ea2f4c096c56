"""Random and mutated YAML never escapes as anything but a KogsroError."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kogsro.errors import InputError, KogsroError
from kogsro.workspace.model import Config, Roster, Session
from kogsro.workspace.validation import load_or_raise, validate
from kogsro.workspace.yamlsource import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [
    (ROOT / "agendas" / "2022-06-14.yaml").read_bytes(),
    (ROOT / "attendees.yaml").read_bytes(),
    (ROOT / "kogsro.yaml").read_bytes(),
]
MODELS = (Session, Roster, Config)
YAML_BITS = [
    "\t", ":", "- ", "&a ", "*a", "!!python/object ", "{", "[", "'", '"', "\n", "? ",
    "---\n", "%YAML 1.1\n", "\x00", "\ufeff", "\xff", "#",
]  # fmt: skip


def check(data: bytes, model: type) -> None:
    text = data.decode("utf-8", "replace")
    parsed, source, problems = parse_yaml(text, "f.yaml")
    if not problems:
        _, problems = validate(parsed, model, source)
    for problem in problems:
        assert problem.file == "f.yaml"
        assert problem.line >= 0 and problem.column >= 0
        assert problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(YAML_BITS + list("abc019 -_.")), max_size=80))
def test_random_yaml_never_crashes(bits: list[str]) -> None:
    for model in MODELS:
        check("".join(bits).encode("utf-8", "surrogatepass"), model)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(range(len(SEEDS))),
    cuts=st.lists(
        st.tuples(st.integers(0, 20_000), st.integers(0, 20), st.sampled_from([*YAML_BITS, ""])),
        max_size=6,
    ),
)
def test_mutated_files_never_crash(seed: int, cuts: list[tuple[int, int, str]]) -> None:
    data = bytearray(SEEDS[seed])
    for position, length, insert in cuts:
        position %= len(data) + 1
        data[position : position + length] = insert.encode("utf-8")
    check(bytes(data), MODELS[seed])


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_through_the_file_loader(tmp_path_factory: object, data: bytes) -> None:
    path = Path(str(tmp_path_factory.mktemp("fuzz"))) / "x.yaml"  # type: ignore[attr-defined]
    path.write_bytes(data)
    try:
        load_or_raise(path, Session, "x.yaml")
    except InputError as exc:
        assert exc.problems
    except KogsroError:  # pragma: no cover - any of ours is fine
        pass
