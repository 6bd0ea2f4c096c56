"""The strict loader: every YAML pitfall becomes a located problem, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kogsro.errors import InputError, Problem
from kogsro.workspace.model import Config, Roster, Session
from kogsro.workspace.validation import load_file, validate
from kogsro.workspace.yamlsource import parse_yaml, read_text

SESSION = "date: 2022-06-14\nhost: ba-sz\n"


def session_problems(text: str) -> list[Problem]:
    data, source, problems = parse_yaml(text, "s.yaml")
    if problems:
        return problems
    _, problems = validate(data, Session, source)
    return problems


def parse_session(text: str) -> Session:
    data, source, problems = parse_yaml(text, "s.yaml")
    assert problems == []
    model, problems = validate(data, Session, source)
    assert problems == [], problems
    assert model is not None
    return model


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


# --- values: YAML 1.1 surprises are gone -----------------------------------------------------


def test_unquoted_times_are_times_not_sexagesimal_numbers() -> None:
    s = parse_session(SESSION + "start: 10:00\nend: 09:30\n".replace("09:30", "13:00"))
    assert s.start == dt.time(10, 0)
    assert s.end == dt.time(13, 0)


@pytest.mark.parametrize("text", ["09:30", "9:30", "'9.30'", "'09:30'"])
def test_time_spellings(text: str) -> None:
    assert parse_session(SESSION + f"start: {text}\n").start == dt.time(9, 30)


@pytest.mark.parametrize("text", ["25:00", "10:61", "ten", "10", "9.30"])
def test_invalid_times_are_located(text: str) -> None:
    problem = only(session_problems(SESSION + f"start: {text}\n"))
    assert (problem.line, problem.column) == (3, 8)
    assert "start" in problem.message


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n"])
def test_yes_no_on_off_stay_words(word: str) -> None:
    data, _, problems = parse_yaml(f"a: {word}\n", "x.yaml")
    assert problems == []
    assert data == {"a": word}


def test_yes_no_are_valid_vote_keys_unquoted() -> None:
    s = parse_session(
        SESSION + "items:\n  - title: T\n    decisions:\n"
        "      - {text: D, vote: {yes: 5, no: 1, abstain: 0}}\n"
    )
    vote = s.items[0].decisions[0].vote
    assert not isinstance(vote, str) and vote is not None
    assert (vote.yes, vote.no, vote.abstain) == (5, 1, 0)


def test_public_yes_is_not_a_boolean() -> None:
    problem = only(session_problems(SESSION + "public: yes\n"))
    assert problem.line == 3
    assert "boolean" in problem.message
    assert problem.hint == "write true or false"


def test_postal_code_with_leading_zero_stays_text() -> None:
    s = parse_session(SESSION + "location: {name: Rathaus, address: 01067}\n")
    assert s.location is not None and s.location.address == "01067"


def test_octal_and_hex_looking_values_stay_text() -> None:
    data, _, _ = parse_yaml("a: 0o17\nb: 0x1F\nc: 1_000\nd: 017\n", "x.yaml")
    assert data == {"a": "0o17", "b": "0x1F", "c": "1_000", "d": "017"}


def test_numbers_and_null() -> None:
    data, _, _ = parse_yaml("a: 12\nb: -3\nc: 1.5\nd: ~\ne:\nf: true\ng: 1e3\n", "x.yaml")
    assert data == {"a": 12, "b": -3, "c": 1.5, "d": None, "e": None, "f": True, "g": 1000.0}


# --- dates ----------------------------------------------------------------------------------


def test_impossible_date_is_an_error_not_a_crash() -> None:
    problem = only(session_problems("date: 2023-02-30\nhost: ba-sz\n"))
    assert (problem.file, problem.line, problem.column) == ("s.yaml", 1, 7)
    assert "2023-02-30" in problem.message
    assert problem.hint and "YYYY-MM-DD" in problem.hint


@pytest.mark.parametrize("text", ["14.06.2022", "2022-6-14", "tomorrow", "2022-13-01"])
def test_malformed_dates(text: str) -> None:
    problem = only(session_problems(f"date: {text}\nhost: ba-sz\n"))
    assert problem.line == 1


# --- structure ------------------------------------------------------------------------------


def test_duplicate_keys_name_both_lines() -> None:
    problem = only(session_problems("date: 2022-06-14\nhost: ba-sz\nhost: ba-mh\n"))
    assert (problem.line, problem.column) == (3, 1)
    assert "duplicate key 'host'" in problem.message
    assert "line 2" in problem.message


def test_duplicate_keys_in_nested_mapping() -> None:
    problem = only(
        session_problems(SESSION + "items:\n  - title: A\n    duration: 5\n    duration: 6\n")
    )
    assert problem.line == 6


def test_unknown_key_with_did_you_mean() -> None:
    problem = only(session_problems(SESSION + "items:\n  - titel: A\n    title: B\n"))
    assert problem.message == "unknown key 'titel'"
    assert problem.hint == "did you mean 'title'?"
    assert (problem.line, problem.column) == (4, 5)


def test_unknown_key_without_close_match_lists_allowed_keys() -> None:
    problem = only(session_problems(SESSION + "zzzz: 1\n"))
    assert problem.hint is not None and "allowed keys:" in problem.hint
    assert "host" in problem.hint


def test_missing_required_key_points_at_the_mapping() -> None:
    problem = only(session_problems(SESSION + "items:\n  - duration: 5\n"))
    assert "missing required key 'title'" in problem.message
    assert problem.line == 4


def test_list_where_a_mapping_belongs() -> None:
    problem = only(session_problems(SESSION + "location: [Gutshaus, Steglitz]\n"))
    assert problem.line == 3
    assert "expected a mapping, found a list" in problem.message


def test_mapping_where_a_list_belongs() -> None:
    problem = only(session_problems(SESSION + "guests: {a: b}\n"))
    assert "expected a list" in problem.message


def test_top_level_list() -> None:
    problem = only(session_problems("- date: 2022-06-14\n"))
    assert (problem.line, problem.column) == (1, 1)
    assert "found a list" in problem.message


def test_top_level_scalar() -> None:
    problem = only(session_problems("just text\n"))
    assert "found the text" in problem.message


def test_all_problems_are_reported_together() -> None:
    text = "date: 2023-02-30\nhots: ba-sz\nstart: 26:00\nitems:\n  - titel: x\n"
    problems = session_problems(text)
    messages = " | ".join(p.message for p in problems)
    places = sorted((p.line, p.column, p.message.split(":")[0].split(" '")[0]) for p in problems)
    assert places == [
        (1, 1, "missing required key"),  # host
        (1, 7, "date"),
        (2, 1, "unknown key"),  # hots
        (3, 8, "start"),
        (5, 5, "missing required key"),  # title
        (5, 5, "unknown key"),  # titel
    ], messages
    # the command line shows them in the order of the file
    shown = InputError(problems).problems
    assert [(p.line, p.column) for p in shown] == sorted((p.line, p.column) for p in problems)


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        ("../x", "invalid id"),
        ("BA-SZ", "invalid id"),
        ("ba sz", "invalid id"),
        ("a/b", "invalid id"),
    ],
)
def test_ids_cannot_reach_outside_a_folder(bad: str, fragment: str) -> None:
    problem = only(session_problems(f"date: 2022-06-14\nhost: '{bad}'\n"))
    assert fragment in problem.message
    assert problem.line == 2


def test_nested_items_and_inline_guests() -> None:
    s = parse_session(
        SESSION
        + "guests: [senfin, {name: Erika Beispiel, organisation: Senatskanzlei}]\n"
        + "items:\n  - title: A\n    items:\n      - title: A1\n      - title: A2\n"
    )
    numbers = [n.number for n in s.numbered_items()]
    assert numbers == ["1", "1.1", "1.2"]
    assert s.guests[0] == "senfin"


def test_inline_guest_error_is_located_inside_the_guest() -> None:
    problems = session_problems(SESSION + "guests:\n  - senfin\n  - {nmae: X}\n")
    assert {p.line for p in problems} == {5}
    assert any(p.hint == "did you mean 'name'?" for p in problems)


# --- hostile YAML ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "date: !!python/object/apply:os.system ['echo hacked']\nhost: x\n",
        "date: !!python/object:datetime.date {}\nhost: x\n",
        "host: !custom x\ndate: 2022-06-14\n",
        "items: !!set {a, b}\n",
    ],
)
def test_yaml_tags_are_refused(text: str) -> None:
    problems = session_problems(text)
    assert any("tag" in p.message and "not allowed" in p.message for p in problems)


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    problem = only(session_problems("\n".join(lines) + "\n"))
    assert "too many values" in problem.message


def test_harmless_aliases_are_allowed() -> None:
    data, _, problems = parse_yaml("a: &x {name: Rathaus}\nb: *x\n", "x.yaml")
    assert problems == []
    assert data == {"a": {"name": "Rathaus"}, "b": {"name": "Rathaus"}}


def test_unknown_alias() -> None:
    problem = only(parse_yaml("a: *nowhere\n", "x.yaml")[2])
    assert "alias" in problem.message


@pytest.mark.parametrize("depth", [100, 5000, 100_000])
def test_absurd_nesting(depth: int) -> None:
    problems = parse_yaml("a: " + "[" * depth + "]" * depth + "\n", "x.yaml")[2]
    assert len(problems) == 1
    assert "nesting" in problems[0].message


def test_deep_block_nesting() -> None:
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(200))
    problems = parse_yaml(text, "x.yaml")[2]
    assert len(problems) == 1 and "nesting" in problems[0].message


def test_multiple_documents() -> None:
    problem = only(parse_yaml("a: 1\n---\nb: 2\n", "x.yaml")[2])
    assert problem.line == 2
    assert "more than one YAML document" in problem.message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_files(text: str) -> None:
    problems = session_problems(text)
    assert len(problems) == 1
    assert problems[0].line >= 1


def test_tab_indentation_has_a_hint() -> None:
    problem = only(parse_yaml("date: 2022-06-14\nitems:\n\t- title: A\n", "x.yaml")[2])
    assert problem.line == 3
    assert problem.hint == "indent with spaces, not tabs"


def test_syntax_error_is_located() -> None:
    problem = only(parse_yaml("a: [1, 2\nb: 3\n", "x.yaml")[2])
    assert problem.line >= 1 and problem.column >= 1


def test_control_characters_are_located() -> None:
    problem = only(parse_yaml("a: b\x07c\n", "x.yaml")[2])
    assert (problem.line, problem.column) == (1, 5)
    assert "U+0007" in problem.message


def test_complex_keys_are_refused() -> None:
    problem = only(parse_yaml("? [a, b]\n: c\n", "x.yaml")[2])
    assert "key" in problem.message


# --- files ----------------------------------------------------------------------------------


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(b"date: 2022-06-14\nhost: ba-sz\ntitle: Sitzung \xfcber\n")
    _, problems = read_text(path, "s.yaml")
    problem = only(problems)
    assert (problem.line, problem.column) == (3, 16)
    assert "UTF-8" in problem.message


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes("\ufeffdate: 2022-06-14\nhost: ba-sz\n".encode())
    model, _, problems = load_file(path, Session, "s.yaml")
    assert problems == [] and model is not None


def test_missing_file(tmp_path: Path) -> None:
    _, _, problems = load_file(tmp_path / "nope.yaml", Session, "nope.yaml")
    assert "cannot read" in only(problems).message


def test_config_and_roster_models(tmp_path: Path) -> None:
    (tmp_path / "k.yaml").write_text(
        "body: {name: B, short: b}\ntimezone: Mars/Olympus\ndefaults: {start: 9:00, quorum: most}\n"
    )
    _, _, problems = load_file(tmp_path / "k.yaml", Config, "k.yaml")
    messages = " | ".join(p.message for p in problems)
    assert "time zone" in messages and "quorum" in messages
    (tmp_path / "a.yaml").write_text("people:\n  - {id: p, name: P, member: ja}\n")
    _, _, problems = load_file(tmp_path / "a.yaml", Roster, "a.yaml")
    assert only(problems).line == 2


def test_problem_formatting() -> None:
    problem = Problem("agendas/x.yaml", 3, 7, "bad thing", "do this")
    assert str(problem) == "agendas/x.yaml:3:7: bad thing (hint: do this)"
    assert problem.as_dict()["column"] == 7


def test_names_and_titles_must_not_be_empty() -> None:
    problems = session_problems(SESSION + 'title: "  "\nitems:\n  - title: ""\n')
    assert [(p.line, p.message) for p in problems] == [
        (3, "title: must not be empty"),
        (5, "items[0].title: must not be empty"),
    ]
