"""The lifecycle of sessions and minutes: every state, every transition, every contradiction."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kogsro.errors import KogsroError
from kogsro.ledger.lifecycle import (
    Circulation,
    awaiting_approval,
    lifecycle_problems,
    lifecycles,
    read_circulations,
    record_circulation,
    session_rows,
    session_status,
)
from kogsro.workspace.loader import Workspace, load_workspace
from kogsro.workspace.model import Session
from tests.conftest import run_cli
from tests.sample_workspace import sample_files

Tree = Callable[[dict[str, str]], Path]

HELD = """
date: {day}
host: ba-nord
attendance: {{present: [spk-nord, spk-sued]}}
items:
  - title: Begrüßung
    notes: Die Sitzung wird eröffnet.
"""

APPROVING = """
date: {day}
host: ba-sued
{extra}
items:
  - title: Begrüßung
    notes: Eröffnet.
  - title: Genehmigung des Protokolls
    kind: decision
    approves: {target}
{decision}
"""


def held(day: str) -> str:
    return HELD.format(day=day)


def approving(day: str, target: str, decision: str = "", extra: str = "") -> str:
    return APPROVING.format(day=day, target=target, decision=decision, extra=extra)


CONSENSUS = """    decisions:
      - text: Das Protokoll wird genehmigt.
        vote: consensus"""
FAILED = """    decisions:
      - text: Das Protokoll wird genehmigt.
        vote: {"yes": 1, "no": 3, "abstain": 0}"""
PASSED = """    decisions:
      - text: Das Protokoll wird genehmigt.
        vote: {"yes": 3, "no": 1, "abstain": 0}"""


def workspace(tree: Tree, sessions: dict[str, str]) -> Workspace:
    files = sample_files()
    for name in ("agendas/2022-01-11.yaml", "agendas/2022-07-12.yaml", "agendas/2022-09-13.yaml"):
        del files[name]
    files.update({f"agendas/{day}.yaml": text for day, text in sessions.items()})
    return load_workspace(tree(files))


def messages(ws: Workspace) -> list[str]:
    return [str(p).replace(f"{ws.root}/", "") for p in lifecycle_problems(ws)]


def session(**fields: object) -> Session:
    return Session.from_data({"date": "2022-10-11", "host": "ba-a", **fields})


# --- session status ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"status": "postponed", "moved_to": "2022-10-18"}, "postponed"),
        ({"status": "postponed"}, "postponed"),
        ({"status": "cancelled", "reason": "Krankheit"}, "cancelled"),
    ],
)
def test_status_cancelled_and_postponed(fields: dict[str, object], status: str) -> None:
    assert session_status(session(**fields)) == status


# --- minutes: draft -> circulated -> approved ----------------------------------------------


def test_minutes_from_draft_to_approval(tree: Tree) -> None:
    days = {"2022-03-01": held("2022-03-01")}
    ws = workspace(tree, days)
    life = lifecycles(ws)["2022-03-01"]
    assert (life.status, life.minutes, life.approved_in) == ("held", "draft", None)

    # circulated: recorded in the kogsro-owned state file
    record_circulation(ws, Circulation("2022-03-01", date(2022, 3, 5), date(2022, 3, 19), 4))
    life = lifecycles(ws)["2022-03-01"]
    assert life.minutes == "circulated"
    assert life.as_dict()["circulated_on"] == "2022-03-05"
    assert life.as_dict()["objections_until"] == "2022-03-19"

    # put on the agenda of the next session: still circulated, the approval is pending
    days["2022-04-05"] = approving("2022-04-05", "2022-03-01")
    ws = workspace(tree, days)
    life = lifecycles(ws)["2022-03-01"]
    assert life.minutes == "circulated"
    assert life.pending is not None and life.pending.by == "2022-04-05"
    assert life.as_dict()["approval_pending_in"] == "2022-04-05"
    assert awaiting_approval(ws, date(2022, 5, 1)) == [ws.session("2022-04-05")]

    # decided: approved
    days["2022-04-05"] = approving("2022-04-05", "2022-03-01", CONSENSUS)
    ws = workspace(tree, days)
    life = lifecycles(ws)["2022-03-01"]
    assert (life.minutes, life.approved_in, life.approved_on) == (
        "approved",
        "2022-04-05",
        date(2022, 4, 5),
    )
    assert life.as_dict()["approval_pending_in"] is None
    assert lifecycles(ws)["2022-04-05"].minutes == "draft"
    assert messages(ws) == []


def test_a_failed_vote_does_not_approve(tree: Tree) -> None:
    ws = workspace(
        tree,
        {
            "2022-03-01": held("2022-03-01"),
            "2022-04-05": approving("2022-04-05", "2022-03-01", FAILED),
        },
    )
    life = lifecycles(ws)["2022-03-01"]
    assert (life.minutes, life.approved_in) == ("draft", None)
    # a later session may try again: no "approved twice"
    ws = workspace(
        tree,
        {
            "2022-03-01": held("2022-03-01"),
            "2022-04-05": approving("2022-04-05", "2022-03-01", FAILED),
            "2022-05-03": approving("2022-05-03", "2022-03-01", PASSED),
        },
    )
    assert lifecycles(ws)["2022-03-01"].approved_in == "2022-05-03"
    assert messages(ws) == []


def test_awaiting_approval(tree: Tree) -> None:
    ws = workspace(
        tree,
        {
            "2022-01-11": held("2022-01-11"),
            "2022-02-08": approving("2022-02-08", "2022-01-11", CONSENSUS),
            "2022-03-01": held("2022-03-01"),
            "2022-03-15": "date: 2022-03-15\nhost: ba-nord\nstatus: cancelled\n",
            "2022-04-05": "date: 2022-04-05\nhost: ba-nord\n",
        },
    )
    # 2022-01-11 is approved; 2022-02-08 and 2022-03-01 await approval; cancelled and
    # planned sessions have no minutes
    assert [s.id for s in awaiting_approval(ws, date(2022, 4, 5))] == ["2022-02-08", "2022-03-01"]
    assert [s.id for s in awaiting_approval(ws, date(2022, 3, 1))] == ["2022-02-08"]
    assert {k: v.minutes for k, v in lifecycles(ws).items()} == {
        "2022-01-11": "approved",
        "2022-02-08": "draft",
        "2022-03-01": "draft",
        "2022-03-15": "none",
        "2022-04-05": "none",
    }


def test_postponed_sessions_know_both_ends(tree: Tree) -> None:
    ws = workspace(
        tree,
        {
            "2022-03-01": "date: 2022-03-01\nhost: ba-nord\nstatus: postponed\n"
            "moved_to: 2022-03-08\nreason: Streik im Nahverkehr\n",
            "2022-03-08": "date: 2022-03-08\nhost: ba-nord\n",
        },
    )
    lives = lifecycles(ws)
    assert (lives["2022-03-01"].status, lives["2022-03-01"].moved_to) == ("postponed", "2022-03-08")
    assert lives["2022-03-08"].moved_from == ("2022-03-01",)
    assert messages(ws) == []


# --- the state file ------------------------------------------------------------------------


def test_circulation_record_appends_and_keeps_the_rest(tree: Tree) -> None:
    ws = workspace(tree, {"2022-03-01": held("2022-03-01")})
    assert read_circulations(ws) == []
    first = Circulation("2022-03-01", date(2022, 3, 5), date(2022, 3, 19), 4, sent=True)
    second = Circulation("2022-03-01", date(2022, 3, 9), date(2022, 3, 23), 5)
    path = record_circulation(ws, first)
    record_circulation(ws, second)
    assert path == ws.root / ".kogsro" / "circulated.json"
    assert read_circulations(ws) == [first, second]
    assert json.loads(path.read_text())["version"] == 1
    assert lifecycles(ws)["2022-03-01"].circulated == second


@pytest.mark.parametrize("content", ["{", "[]", '{"circulated": [{"on": "x"}]}', '{"x": 1}'])
def test_a_broken_state_file_is_an_error_naming_it(tree: Tree, content: str) -> None:
    ws = workspace(tree, {"2022-03-01": held("2022-03-01")})
    (ws.root / ".kogsro").mkdir()
    (ws.root / ".kogsro" / "circulated.json").write_text(content)
    with pytest.raises(KogsroError, match=r"\.kogsro/circulated\.json: not a record"):
        lifecycles(ws)


# --- contradictions ------------------------------------------------------------------------


def test_approving_what_was_not_held_or_is_not_earlier(tree: Tree) -> None:
    ws = workspace(
        tree,
        {
            "2022-03-01": "date: 2022-03-01\nhost: ba-nord\nstatus: cancelled\n",
            "2022-04-05": approving("2022-04-05", "2022-03-01", CONSENSUS),
            "2022-05-03": approving("2022-05-03", "2022-06-07"),
            "2022-06-07": held("2022-06-07"),
            "2022-07-05": approving("2022-07-05", "2022-07-05"),
            "2022-08-02": approving("2022-08-02", "2022-0607"),
        },
    )
    assert messages(ws) == [
        "agendas/2022-04-05.yaml:9:15: approves the minutes of 2022-03-01, which was not held "
        "(cancelled) (hint: only a held session has minutes to approve)",
        "agendas/2022-05-03.yaml:9:15: approves the minutes of 2022-06-07, which is not an "
        "earlier session (hint: minutes are approved in a later session)",
        "agendas/2022-07-05.yaml:9:15: approves the minutes of 2022-07-05, which is not an "
        "earlier session (hint: minutes are approved in a later session)",
        "agendas/2022-08-02.yaml:9:15: approves: no session '2022-0607' (hint: did you mean "
        "'2022-06-07'?)",
    ]


def test_the_same_minutes_approved_twice(tree: Tree) -> None:
    ws = workspace(
        tree,
        {
            "2022-03-01": held("2022-03-01"),
            "2022-04-05": approving("2022-04-05", "2022-03-01", CONSENSUS),
            "2022-05-03": approving("2022-05-03", "2022-03-01"),
        },
    )
    assert messages(ws) == [
        "agendas/2022-05-03.yaml:9:15: the minutes of 2022-03-01 are approved twice: also in "
        "2022-04-05 (TOP 2) (hint: remove one of the two approves: entries)"
    ]
    # the first one counts
    assert lifecycles(ws)["2022-03-01"].approved_in == "2022-04-05"


def test_cancelled_with_outcomes_and_bad_moves(tree: Tree) -> None:
    ws = workspace(
        tree,
        {
            "2022-03-01": "date: 2022-03-01\nhost: ba-nord\nstatus: cancelled\n"
            "minutes_by: spk-nord\n",
            "2022-03-08": "date: 2022-03-08\nhost: ba-nord\nstatus: postponed\n"
            "moved_to: 2022-03-09\n",
            "2022-03-15": "date: 2022-03-15\nhost: ba-nord\nstatus: postponed\n"
            "moved_to: 2022-03-15\n",
            "2022-03-22": "date: 2022-03-22\nhost: ba-nord\nmoved_to: 2022-03-15\n",
            "2022-03-29": "date: 2022-03-29\nhost: ba-nord\nreason: Krankheit\n",
            "2022-04-05": "date: 2022-04-05\nhost: ba-nord\nstatus: invited\n"
            "attendance: {present: [spk-nord]}\n",
        },
    )
    assert messages(ws) == [
        "agendas/2022-03-01.yaml:3:9: the session is cancelled but has outcomes recorded "
        "(attendance, minute-taker, notes, decisions, actions or item status) (hint: remove the "
        "outcomes, or the status: cancelled if the session was held)",
        "agendas/2022-03-08.yaml:4:11: moved_to: no session '2022-03-09' (hint: did you mean "
        "'2022-03-29'?)",
        "agendas/2022-03-15.yaml:4:11: the session is postponed to itself (hint: name the file "
        "of the new session (its id) in moved_to)",
        "agendas/2022-03-22.yaml:3:11: moved_to: only a postponed session moves to another one "
        "(hint: add `status: postponed`, or remove moved_to)",
        "agendas/2022-03-29.yaml:3:9: reason: only a cancelled or postponed session has a "
        "reason (hint: add `status: cancelled` or `status: postponed`, or remove reason)",
        "agendas/2022-04-05.yaml:3:9: status: invited, but outcomes are recorded (attendance, "
        "minute-taker, notes, decisions, actions or item status) (hint: write `status: held`, "
        "or remove the status line: kogsro then tells by itself)",
    ]


def test_postponements_in_a_circle(tree: Tree) -> None:
    ws = workspace(
        tree,
        {
            "2022-03-01": "date: 2022-03-01\nhost: ba-nord\nstatus: postponed\n"
            "moved_to: 2022-03-08\n",
            "2022-03-08": "date: 2022-03-08\nhost: ba-nord\nstatus: postponed\n"
            "moved_to: 2022-03-01\n",
        },
    )
    assert [p.message for p in lifecycle_problems(ws)] == [
        "the postponements go round in a circle: 2022-03-01 → 2022-03-08 → 2022-03-01",
        "the postponements go round in a circle: 2022-03-08 → 2022-03-01 → 2022-03-08",
    ]


def test_check_reports_lifecycle_problems(tree: Tree) -> None:
    root = tree(
        {
            **sample_files(),
            "agendas/2022-10-11.yaml": approving("2022-10-11", "2022-09-13", CONSENSUS),
        }
    )
    code, out, err = run_cli("-w", str(root), "check")
    assert code == 2
    out += err
    assert (
        "agendas/2022-10-11.yaml:9:15: approves the minutes of 2022-09-13, which was not held "
        "(cancelled)" in out
    )


# --- the example and `kogsro sessions` ------------------------------------------------------


def test_the_example_lifecycle(example: Path) -> None:
    ws = load_workspace(example)
    rows = {row.id: row.as_dict() for row in session_rows(ws, today=date(2022, 6, 1))}
    assert {k: (r["status"], r["minutes"], r["approved_in"]) for k, r in rows.items()} == {
        "2022-03-09": ("held", "approved", "2022-04-12"),
        "2022-04-12": ("held", "approved", "2022-06-14"),
        "2022-06-14": ("held", "draft", None),
        "2022-09-13": ("planned", "none", None),
    }
    assert messages(ws) == []


def test_sessions_json_and_table(example: Path) -> None:
    code, out, _ = run_cli("sessions", "--json")
    assert code == 0
    records = json.loads(out)
    assert [(r["id"], r["status"], r["minutes"], r["approved_in"]) for r in records] == [
        ("2022-03-09", "held", "approved", "2022-04-12"),
        ("2022-04-12", "held", "approved", "2022-06-14"),
        ("2022-06-14", "held", "draft", None),
        ("2022-09-13", "planned", "none", None),
    ]
    code, out, _ = run_cli("sessions")
    assert code == 0
    assert "Protokoll" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("2022-")}
    assert "genehmigt" in lines["2022-03-09"]
    assert "Entwurf" in lines["2022-06-14"]


def test_an_approval_without_quorum_approves_nothing(tree: Tree) -> None:
    few = "attendance: {present: [spk-nord], excused: [spk-sued, sen-1, sen-2, sen-3]}"
    ws = workspace(
        tree,
        {
            "2022-03-01": held("2022-03-01"),
            "2022-04-05": approving("2022-04-05", "2022-03-01", CONSENSUS, extra=few),
        },
    )
    life = lifecycles(ws)["2022-03-01"]
    assert (life.minutes, life.approved_in) == ("draft", None)
    assert life.approval is not None and life.approval.failed
    # it settles nothing: the next session puts the minutes to the vote again
    assert [s.id for s in awaiting_approval(ws, date(2022, 5, 1))] == ["2022-03-01", "2022-04-05"]
