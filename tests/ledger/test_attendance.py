"""Who was present, excused or absent, and whether the body had a quorum."""

from __future__ import annotations

from pathlib import Path

import pytest

from kogsro.ledger.attendance import required_members, session_attendance
from kogsro.workspace.loader import Workspace, load_workspace
from tests.conftest import build_file_tree

ROSTER = """\
organisations:
  - {id: east, name: East Office}
  - {id: west, name: West Office}
  - {id: guest-org, name: Guest Office}
people:
  - {id: a, name: A, organisation: east, member: true}
  - {id: b, name: B, organisation: east, member: true}
  - {id: c, name: C, organisation: west, member: true}
  - {id: d, name: D, organisation: west, member: true}
  - {id: e, name: E, organisation: west, member: true}
  - {id: dep, name: Deputy, organisation: west, deputy_of: e}
  - {id: g, name: Guest, organisation: guest-org}
  - {id: x, name: Extra, organisation: west}
"""


def workspace(root: Path, attendance: str | None, quorum: str = "half") -> Workspace:
    session = "date: 2022-06-14\nhost: east\nitems: [{title: One}]\n"
    if attendance is not None:
        session += f"attendance: {attendance}\n"
    build_file_tree(
        root,
        {
            "kogsro.yaml": "body: {name: Body, short: B}\n"
            f"defaults: {{quorum: {quorum}, quorum_counts: people}}\n",
            "attendees.yaml": ROSTER,
            "agendas/2022-06-14.yaml": session,
        },
    )
    return load_workspace(root)


@pytest.mark.parametrize(
    ("rule", "total", "required"),
    [
        ("half", 14, 8),
        ("half", 13, 7),
        ("half", 1, 1),
        ("two-thirds", 14, 10),
        ("two-thirds", 3, 2),
        ("two-thirds", 12, 8),
        ("all", 14, 14),
        (5, 14, 5),
    ],
)
def test_required_members(rule: str | int, total: int, required: int) -> None:
    assert required_members(rule, total) == required


def test_unknown_rule() -> None:
    with pytest.raises(ValueError, match="unknown quorum rule"):
        required_members("most", 3)


def test_present_excused_absent(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "{present: [a, c, g, x], excused: [b], guests: [g]}")
    record = session_attendance(ws, ws.session("2022-06-14"))
    assert record.recorded
    assert [m.person.id for m in record.present] == ["a", "c"]
    assert [p.id for p in record.excused] == ["b"]
    assert [p.id for p in record.absent] == ["d", "e"]
    assert record.guests == ("g",)
    assert record.others == ("x",)  # present, neither member, deputy nor listed guest
    assert record.quorum is not None
    assert (record.quorum.present, record.quorum.total, record.quorum.required) == (2, 5, 3)
    assert not record.quorum.reached


def test_deputy_counts_for_the_member(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "{present: [a, b, dep]}")
    record = session_attendance(ws, ws.session("2022-06-14"))
    present = {m.person.id: m.deputy for m in record.present}
    assert present["e"] is not None and present["e"].id == "dep"
    assert record.quorum is not None and record.quorum.present == 3 and record.quorum.reached
    assert record.others == ()


def test_organisation_ids_stand_for_their_members(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "{present: [west], excused: [east, d]}")
    record = session_attendance(ws, ws.session("2022-06-14"))
    assert [m.person.id for m in record.present] == ["c", "e"]  # d is excused by name
    assert [p.id for p in record.excused] == ["a", "b", "d"]
    assert record.absent == ()


def test_present_wins_over_an_excused_organisation(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "{present: [a], excused: [east]}")
    record = session_attendance(ws, ws.session("2022-06-14"))
    assert [m.person.id for m in record.present] == ["a"]
    assert [p.id for p in record.excused] == ["b"]


@pytest.mark.parametrize(
    ("quorum", "reached"),
    [("half", True), ("two-thirds", False), ("all", False), ("3", True), ("4", False)],
)
def test_quorum_rules(tmp_path: Path, quorum: str, reached: bool) -> None:
    ws = workspace(tmp_path, "{present: [a, b, c]}", quorum=quorum)
    record = session_attendance(ws, ws.session("2022-06-14"))
    assert record.quorum is not None and record.quorum.reached is reached


def test_not_recorded(tmp_path: Path) -> None:
    ws = workspace(tmp_path, None)
    record = session_attendance(ws, ws.session("2022-06-14"))
    assert not record.recorded
    assert record.quorum is None
    assert record.present == ()


def test_no_members_never_has_a_quorum(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "w", "{present: [g]}")
    ws.roster.people = [p for p in ws.roster.people if not p.member]
    record = session_attendance(ws, ws.session("2022-06-14"))
    assert record.quorum is not None and not record.quorum.reached
