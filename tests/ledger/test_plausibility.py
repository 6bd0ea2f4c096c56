"""Plausibility rules: votes against the voices present, decisions without a quorum, the chair
and the minute-taker present, one list per person, decisions under information items, plans
that overrun the session's end. Each reported at its place with its severity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kogsro.errors import Problem
from kogsro.ledger.attendance import quorate, session_attendance
from kogsro.ledger.plausibility import plausibility_problems
from kogsro.workspace.loader import load_workspace
from tests.conftest import build_file_tree, run_cli

ROSTER = """\
organisations:
  - {id: east, name: East Office}
  - {id: west, name: West Office}
  - {id: north, name: North Office}
  - {id: guests, name: Guest Office}
people:
  - {id: a, name: Ann, organisation: east, member: true}
  - {id: b, name: Bob, organisation: east, member: true}
  - {id: c, name: Cid, organisation: west, member: true}
  - {id: d, name: Dee, organisation: north, member: true}
  - {id: e, name: Eve, organisation: north, member: true}
  - {id: clerk, name: Clerk, organisation: east}
  - {id: g, name: Gus, organisation: guests}
"""

# 3 member organisations (east, west, north), 5 members
SESSION = """\
date: 2022-06-14
host: east
chair: a
invited_on: 2022-05-20
start: 10:00
end: 11:00
items:
  - title: Opening
    kind: information
    duration: 10
  - title: Budget
    kind: decision
    duration: 20
    decisions:
      - text: The budget is approved.
        vote: {{"yes": {yes}, "no": 0, "abstain": 0}}
attendance:
  present: [{present}]
  excused: [{excused}]
minutes_by: {taker}
"""


def workspace(
    root: Path,
    *,
    yes: int = 2,
    present: str = "a, b, c",
    excused: str = "",
    taker: str = "clerk",
    counts: str = "organisations",
    extra: str = "",
) -> Path:
    session = SESSION.format(yes=yes, present=present, excused=excused, taker=taker) + extra
    if taker == "clerk":
        session = session.replace(f"present: [{present}]", f"present: [{present}, clerk]")
    return build_file_tree(
        root,
        {
            "kogsro.yaml": "body: {name: Body, short: B}\n"
            f"defaults: {{quorum_counts: {counts}}}\n",
            "attendees.yaml": ROSTER,
            "agendas/2022-06-14.yaml": session,
        },
    )


def problems(root: Path) -> list[Problem]:
    return sorted(plausibility_problems(load_workspace(root)), key=Problem.sort_key)


def messages(root: Path) -> list[tuple[str, int, str]]:
    return [(p.severity, p.line, p.message) for p in problems(root)]


def test_a_plausible_session_has_no_problems(tmp_path: Path) -> None:
    assert problems(workspace(tmp_path)) == []


# --- the quorum: organisations or people ----------------------------------------------------


def test_organisations_count_one_voice_each(tmp_path: Path) -> None:
    root = workspace(tmp_path, present="a, b, c")  # east twice, west once: 2 of 3 voices
    ws = load_workspace(root)
    quorum = session_attendance(ws, ws.sessions[0]).quorum
    assert quorum is not None
    assert (quorum.present, quorum.total, quorum.required) == (2, 3, 2)
    assert quorum.counts == "organisations" and quorum.reached


def test_people_count_one_voice_each(tmp_path: Path) -> None:
    root = workspace(tmp_path, present="a, b, c", counts="people")
    ws = load_workspace(root)
    quorum = session_attendance(ws, ws.sessions[0]).quorum
    assert quorum is not None
    assert (quorum.present, quorum.total, quorum.required) == (3, 5, 3)
    assert quorum.counts == "people" and quorum.reached


def test_an_unknown_base_is_an_error(tmp_path: Path) -> None:
    root = workspace(tmp_path, counts="heads")
    code, _, err = run_cli("check", cwd=root)
    assert code == 2 and "kogsro.yaml:2:" in err and "quorum_counts" in err


# --- errors ---------------------------------------------------------------------------------


def test_more_votes_than_voices_present_is_an_error(tmp_path: Path) -> None:
    root = workspace(tmp_path, yes=3, present="a, b, c")  # 3 people, but 2 organisations
    [found] = problems(root)
    assert found.severity == "error"
    assert found.file.endswith("agendas/2022-06-14.yaml") and found.line == 16
    assert "the vote counts 3 voices" in found.message
    assert "2 of 3 member organisations" in found.message
    assert "quorum_counts: people" in (found.hint or "")


def test_the_same_vote_fits_when_people_are_counted(tmp_path: Path) -> None:
    assert problems(workspace(tmp_path, yes=3, present="a, b, c", counts="people")) == []
    assert messages(workspace(tmp_path, yes=4, present="a, b, c", counts="people")) == [
        ("error", 16, "TOP 2: the vote counts 4 voices, but only 3 of 5 members were present")
    ]


def test_a_vote_without_a_quorum_is_an_error(tmp_path: Path) -> None:
    root = workspace(tmp_path, yes=1, present="a", taker="a")  # 1 of 3, 2 required
    [found] = problems(root)
    assert found.severity == "error" and found.line == 16
    assert "not quorate (1 of 3 member organisations (one voice each) present, 2 required)" in (
        found.message
    )
    ws = load_workspace(root)
    assert not quorate(ws, ws.sessions[0])


def test_consensus_without_a_quorum_is_an_error_too(tmp_path: Path) -> None:
    root = workspace(tmp_path, present="a", taker="a")
    path = root / "agendas" / "2022-06-14.yaml"
    text = path.read_text("utf-8").replace('{"yes": 2, "no": 0, "abstain": 0}', "consensus")
    path.write_text(text, "utf-8")
    assert [p.severity for p in problems(root)] == ["error"]


def test_without_attendance_votes_are_not_judged(tmp_path: Path) -> None:
    root = workspace(tmp_path, yes=9)
    path = root / "agendas" / "2022-06-14.yaml"
    text = path.read_text("utf-8")
    path.write_text(text[: text.index("attendance:")], "utf-8")
    assert problems(root) == []


# --- warnings -------------------------------------------------------------------------------


def test_chair_not_present_is_a_warning(tmp_path: Path) -> None:
    assert messages(workspace(tmp_path, present="b, c")) == [
        ("warning", 3, "the chair (Ann) is not listed as present")
    ]


def test_a_chairing_organisation_is_present_through_any_of_its_people(tmp_path: Path) -> None:
    root = workspace(tmp_path, present="b, c")
    path = root / "agendas" / "2022-06-14.yaml"
    path.write_text(path.read_text("utf-8").replace("chair: a\n", "chair: east\n"), "utf-8")
    assert problems(root) == []
    path.write_text(path.read_text("utf-8").replace("chair: east\n", "chair: north\n"), "utf-8")
    assert messages(root) == [("warning", 3, "the chair (North Office) is not listed as present")]


def test_minute_taker_not_present_is_a_warning(tmp_path: Path) -> None:
    root = workspace(tmp_path, present="a, b, c", taker="d")
    assert messages(root) == [("warning", 20, "the minute-taker (Dee) is not listed as present")]


def test_a_guest_may_take_the_minutes(tmp_path: Path) -> None:
    root = workspace(tmp_path, present="a, b, c", taker="g")
    path = root / "agendas" / "2022-06-14.yaml"
    text = path.read_text("utf-8").replace("  excused: []\n", "  excused: []\n  guests: [g]\n")
    path.write_text(text, "utf-8")
    assert problems(root) == []


def test_present_and_excused_is_an_error_of_the_file(tmp_path: Path) -> None:
    root = workspace(tmp_path, present="a, b, c", excused="d, b")
    code, _, err = run_cli("check", cwd=root)
    assert code == 2
    assert "agendas/2022-06-14.yaml:19:16: 'b' is listed as both present and excused" in err


def test_a_decision_under_an_information_item_is_a_warning(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    path = root / "agendas" / "2022-06-14.yaml"
    path.write_text(path.read_text("utf-8").replace("kind: decision", "kind: information"))
    [found] = problems(root)
    assert found.severity == "warning" and found.line == 15
    assert "TOP 2 is an item of kind information but records a decision" in found.message


@pytest.mark.parametrize(("end", "warned"), [("10:45", True), ("10:15", False), ("10:14", True)])
def test_an_overrun_of_more_than_15_minutes_is_a_warning(
    tmp_path: Path, end: str, warned: bool
) -> None:
    root = workspace(tmp_path)  # items: 10 + 20 minutes from 10:00, so they end at 10:30
    path = root / "agendas" / "2022-06-14.yaml"
    path.write_text(path.read_text("utf-8").replace("end: 11:00", f"end: {end}"), "utf-8")
    found = messages(root)
    if end == "10:45":
        assert found == []
    elif warned:
        assert found == [
            (
                "warning",
                6,
                "the planned items end at 10:30, 16 minutes after the session's end at 10:14",
            )
        ]
    else:
        assert found == []


# --- kogsro check: severity, --json, --strict -------------------------------------------------


def test_check_prints_warnings_and_passes(tmp_path: Path) -> None:
    root = workspace(tmp_path, present="b, c")
    code, out, err = run_cli("check", cwd=root)
    assert code == 0
    assert "agendas/2022-06-14.yaml:3:8: warning: the chair (Ann) is not listed as present" in err
    assert "hint: add the chair" in err
    assert out.strip() == "ok: 3 files checked, no errors, 1 warning"


def test_check_strict_fails_on_warnings(tmp_path: Path) -> None:
    root = workspace(tmp_path, present="b, c")
    code, _, err = run_cli("check", "--strict", cwd=root)
    assert code == 2 and "0 errors, 1 warning found (--strict)" in err


def test_check_fails_on_errors_and_counts_both(tmp_path: Path) -> None:
    root = workspace(tmp_path, yes=3, present="b, c")  # not the chair, and 3 votes for 2 voices
    code, out, err = run_cli("check", cwd=root)
    assert code == 2 and out == ""
    assert "1 error, 1 warning found" in err


def test_check_json_has_a_severity(tmp_path: Path) -> None:
    root = workspace(tmp_path, yes=3, present="b, c")
    code, out, _ = run_cli("check", "--json", cwd=root)
    assert code == 2
    entries: list[dict[str, Any]] = json.loads(out)
    assert [(e["severity"], e["line"]) for e in entries] == [("warning", 3), ("error", 16)]
    assert set(entries[0]) == {"file", "line", "column", "message", "hint", "severity"}
    code, out, _ = run_cli("check", "--json", cwd=workspace(tmp_path / "w", present="b, c"))
    assert code == 0 and [e["severity"] for e in json.loads(out)] == ["warning"]


def test_the_example_is_plausible(example: Path) -> None:
    code, out, err = run_cli("check", "--strict")
    assert code == 0 and err == ""
    assert out.strip() == "ok: 6 files checked, no problems"
