"""The ledger: stable ids, updates folded across sessions, and what cannot be folded."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kogsro.api import check_workspace
from kogsro.errors import InputError
from kogsro.ledger.fold import (
    ActionEntry,
    build_ledger,
    checked_ledger,
    ledger_problems,
    select_actions,
    select_decisions,
)
from kogsro.workspace.loader import Workspace, load_workspace
from kogsro.workspace.model import Vote

Tree = Callable[[Mapping[str, str | bytes]], Path]

CONFIG = """
body: {name: Koordinierungsgruppe Test, short: KG}
"""
ROSTER = """
organisations:
  - {id: ba-a, name: Bezirksamt A, short: A, kind: district}
  - {id: ba-b, name: Bezirksamt B, short: B, kind: district}
people:
  - {id: p-a, name: Erika Platzhalter, organisation: ba-a, member: true}
  - {id: p-b, name: Max Beispiel, organisation: ba-b, member: true}
"""

MARCH = """
date: 2022-03-08
host: ba-a
items:
  - title: Begrüßung
  - title: Haushalt
    decisions:
      - text: Der Haushalt wird beschlossen.
        vote: {"yes": 5, "no": 1, "abstain": 0}
      - text: Die Mittel werden freigegeben.
        vote: consensus
    actions:
      - task: Bericht schreiben
        owner: p-a
        due: 2022-03-31
  - title: Berichte
    items:
      - title: Aus A
        actions:
          - task: Zahlen liefern
            owner: ba-b
            due: 2022-04-01
          - id: umfrage
            task: Umfrage auswerten
            owner: p-b
"""

APRIL = """
date: 2022-04-12
host: ba-b
items:
  - title: Begrüßung
    decisions:
      - text: Das Protokoll wird genehmigt.
updates:
  - action: 2022-03-08-top2-a1
    due: 2022-05-15
    note: Frist verlängert.
  - decision: 2022-03-08-top2-d2
    status: amended
    note: Nur zur Hälfte freigegeben.
"""

MAY = """
date: 2022-05-10
host: ba-a
items:
  - title: Begrüßung
updates:
  - action: 2022-03-08-top2-a1
    status: done
    note: Bericht liegt vor.
  - action: 2022-03-08-top3.1-a1
    status: dropped
"""


def workspace(tree: Tree, sessions: Mapping[str, str]) -> Workspace:
    files: dict[str, str | bytes] = {"kogsro.yaml": CONFIG, "attendees.yaml": ROSTER}
    files.update({f"agendas/{name}.yaml": text for name, text in sessions.items()})
    return load_workspace(tree(files))


@pytest.fixture(autouse=True)
def _inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run inside the workspace the `tree` fixture builds, so paths show relative."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def three(tree: Tree) -> Workspace:
    return workspace(tree, {"2022-03-08": MARCH, "2022-04-12": APRIL, "2022-05-10": MAY})


# --- ids --------------------------------------------------------------------------------------


def test_ids_derive_from_session_and_top_number(three: Workspace) -> None:
    ledger = build_ledger(three)
    assert [d.id for d in ledger.decisions] == [
        "2022-03-08-top2-d1",
        "2022-03-08-top2-d2",
        "2022-04-12-top1-d1",
    ]
    assert [a.id for a in ledger.actions] == [
        "2022-03-08-top2-a1",
        "2022-03-08-top3.1-a1",
        "umfrage",  # an explicit id wins
    ]
    first = ledger.actions[1]
    assert (first.session, first.date, first.host, first.item, first.item_title) == (
        "2022-03-08",
        date(2022, 3, 8),
        "ba-a",
        "3.1",
        "Aus A",
    )
    assert first.loc == ("items", 2, "items", 0, "actions", 0)


def test_ids_are_stable_across_runs(tree: Tree) -> None:
    sessions = {"2022-03-08": MARCH, "2022-04-12": APRIL, "2022-05-10": MAY}
    first = build_ledger(workspace(tree, sessions))
    second = build_ledger(workspace(tree, sessions))
    assert first == second
    assert [e.id for e in first.actions] == [e.id for e in second.actions]


def test_an_added_decision_does_not_renumber_other_items(tree: Tree) -> None:
    before = build_ledger(workspace(tree, {"2022-03-08": MARCH}))
    grown = MARCH.replace(
        "  - title: Begrüßung\n",
        "  - title: Begrüßung\n    decisions:\n      - text: Tagesordnung festgestellt.\n",
    )
    after = build_ledger(workspace(tree, {"2022-03-08": grown}))
    assert after.decisions[0].id == "2022-03-08-top1-d1"
    assert {d.id for d in before.decisions} < {d.id for d in after.decisions}
    assert [a.id for a in before.actions] == [a.id for a in after.actions]


def test_decision_fields(three: Workspace) -> None:
    ledger = build_ledger(three)
    counted = ledger.decision("2022-03-08-top2-d1")
    assert counted is not None
    assert counted.vote == Vote(yes=5, no=1, abstain=0)
    assert counted.status == "valid"
    assert counted.loc == ("items", 1, "decisions", 0)
    consensus = ledger.decision("2022-03-08-top2-d2")
    assert consensus is not None and consensus.vote == "consensus"
    unvoted = ledger.decision("2022-04-12-top1-d1")
    assert unvoted is not None and unvoted.vote is None
    assert ledger.decision("2022-03-08-top2-a1") is None
    assert ledger.action("2022-03-08-top2-d1") is None


# --- folding ----------------------------------------------------------------------------------


def test_folding_open_then_new_due_date_then_done(three: Workspace) -> None:
    action = build_ledger(three).action("2022-03-08-top2-a1")
    assert action is not None
    assert action.status == "done"
    assert action.due == date(2022, 5, 15)
    assert action.notes == ("2022-04-12: Frist verlängert.", "2022-05-10: Bericht liegt vor.")
    assert action.updated_in == ("2022-04-12", "2022-05-10")


def test_folding_stops_before_a_session(three: Workspace) -> None:
    may = three.session("2022-05-10")
    april = three.session("2022-04-12")
    when_may_begins = build_ledger(three, before=may).action("2022-03-08-top2-a1")
    assert when_may_begins is not None
    assert (when_may_begins.status, when_may_begins.due) == ("open", date(2022, 5, 15))
    assert when_may_begins.updated_in == ("2022-04-12",)
    when_april_begins = build_ledger(three, before=april)
    original = when_april_begins.action("2022-03-08-top2-a1")
    assert original is not None
    assert (original.status, original.due, original.notes) == ("open", date(2022, 3, 31), ())
    assert when_april_begins.decision("2022-04-12-top1-d1") is None  # not yet taken
    assert [a.id for a in when_april_begins.open_actions()] == [
        "2022-03-08-top2-a1",
        "2022-03-08-top3.1-a1",
        "umfrage",
    ]


def test_decision_update_and_open_actions(three: Workspace) -> None:
    ledger = build_ledger(three)
    amended = ledger.decision("2022-03-08-top2-d2")
    assert amended is not None
    assert amended.status == "amended"
    assert amended.notes == ("2022-04-12: Nur zur Hälfte freigegeben.",)
    dropped = ledger.action("2022-03-08-top3.1-a1")
    assert dropped is not None and dropped.status == "dropped" and dropped.notes == ()
    assert [a.id for a in ledger.open_actions()] == ["umfrage"]


def test_later_updates_win_and_can_reopen(tree: Tree) -> None:
    reopen = """
    date: 2022-06-14
    host: ba-b
    updates:
      - action: 2022-03-08-top2-a1
        status: open
        due: 2022-07-01
        note: Bericht muss überarbeitet werden.
      - decision: 2022-03-08-top2-d2
        status: revoked
    """
    ws = workspace(
        tree, {"2022-03-08": MARCH, "2022-04-12": APRIL, "2022-05-10": MAY, "2022-06-14": reopen}
    )
    ledger = build_ledger(ws)
    action = ledger.action("2022-03-08-top2-a1")
    assert action is not None
    assert (action.status, action.due) == ("open", date(2022, 7, 1))
    assert len(action.notes) == 3
    decision = ledger.decision("2022-03-08-top2-d2")
    assert decision is not None and decision.status == "revoked"
    assert ledger_problems(ws) == []


def test_own_note_and_status_of_an_action_count(tree: Tree) -> None:
    session = """
    date: 2022-03-08
    host: ba-a
    items:
      - title: Eins
        actions:
          - {task: Erledigt in der Sitzung, owner: p-a, status: done, note: Sofort erledigt.}
    """
    action = build_ledger(workspace(tree, {"2022-03-08": session})).actions[0]
    assert action.status == "done"
    assert action.notes == ("2022-03-08: Sofort erledigt.",)
    assert action.due is None and not action.is_overdue(date(2030, 1, 1))


# --- overdue and selecting --------------------------------------------------------------------


def entry(**changes: object) -> ActionEntry:
    values: dict[str, object] = {
        "id": "x",
        "session": "2022-03-08",
        "date": date(2022, 3, 8),
        "host": "ba-a",
        "item": "1",
        "item_title": "Eins",
        "task": "Aufgabe",
        "owner": "p-a",
        "due": date(2022, 6, 1),
        "status": "open",
        "notes": (),
        "updated_in": (),
        "loc": (),
    }
    values.update(changes)
    return ActionEntry(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("due", "status", "as_of", "overdue"),
    [
        (date(2022, 6, 1), "open", date(2022, 6, 1), False),  # due today is not overdue yet
        (date(2022, 6, 1), "open", date(2022, 6, 2), True),
        (date(2022, 6, 1), "done", date(2022, 7, 1), False),
        (date(2022, 6, 1), "dropped", date(2022, 7, 1), False),
        (None, "open", date(2030, 1, 1), False),
    ],
)
def test_overdue_as_of(due: date | None, status: str, as_of: date, overdue: bool) -> None:
    assert entry(due=due, status=status).is_overdue(as_of) is overdue


def test_overdue_in_a_folded_ledger(three: Workspace) -> None:
    ledger = build_ledger(three)
    assert select_actions(ledger.actions, as_of=date(2022, 5, 1), overdue=True) == []
    when_april_begins = build_ledger(three, before=three.session("2022-04-12"))
    late = select_actions(when_april_begins.actions, as_of=date(2022, 4, 12), overdue=True)
    assert [a.id for a in late] == ["2022-03-08-top2-a1", "2022-03-08-top3.1-a1"]


def test_select_actions(three: Workspace) -> None:
    actions = build_ledger(three).actions
    as_of = date(2022, 6, 1)
    assert [a.id for a in select_actions(actions, as_of=as_of, open_only=True)] == ["umfrage"]
    by_owner = select_actions(actions, as_of=as_of, owners={"p-a", "ba-b"})
    assert [a.id for a in by_owner] == ["2022-03-08-top2-a1", "2022-03-08-top3.1-a1"]
    found = select_actions(actions, as_of=as_of, search="BERICHT liegt")
    assert [a.id for a in found] == ["2022-03-08-top2-a1"]  # words may come from the notes
    assert select_actions(actions, as_of=as_of, since=date(2022, 3, 9)) == []


def test_select_decisions(three: Workspace) -> None:
    decisions = build_ledger(three).decisions
    ids = lambda found: [d.id for d in found]  # noqa: E731
    assert ids(select_decisions(decisions, since=date(2022, 4, 1))) == ["2022-04-12-top1-d1"]
    assert ids(select_decisions(decisions, until=date(2022, 3, 8))) == [
        "2022-03-08-top2-d1",
        "2022-03-08-top2-d2",
    ]
    assert ids(select_decisions(decisions, hosts=["ba-b"])) == ["2022-04-12-top1-d1"]
    assert ids(select_decisions(decisions, search="hälfte")) == ["2022-03-08-top2-d2"]
    assert ids(select_decisions(decisions, search="haushalt beschlossen")) == ["2022-03-08-top2-d1"]
    assert ids(select_decisions(decisions, search="haushalt nirgends")) == []


# --- problems ---------------------------------------------------------------------------------


def problems_of(tree: Tree, sessions: Mapping[str, str]) -> list[str]:
    return [str(p) for p in ledger_problems(workspace(tree, sessions))]


def test_unknown_id_is_reported_at_its_line(tree: Tree) -> None:
    bad = APRIL.replace("2022-03-08-top2-a1", "2022-03-08-top9-a1")
    problems = problems_of(tree, {"2022-03-08": MARCH, "2022-04-12": bad})
    assert problems == [
        "agendas/2022-04-12.yaml:8:13: unknown action id '2022-03-08-top9-a1' "
        "(hint: did you mean '2022-03-08-top2-a1' or '2022-03-08-top3.1-a1'?)"
    ]


def test_unknown_id_without_anything_close(tree: Tree) -> None:
    bad = """
    date: 2022-04-12
    host: ba-b
    updates:
      - decision: beschluss-7
        status: revoked
    """
    problems = problems_of(tree, {"2022-03-08": MARCH, "2022-04-12": bad})
    assert problems == [
        "agendas/2022-04-12.yaml:4:15: unknown decision id 'beschluss-7' (hint: ids look like "
        "2022-06-14-top2-d1; `kogsro decisions` lists them)"
    ]


def test_update_naming_the_wrong_kind(tree: Tree) -> None:
    bad = """
    date: 2022-04-12
    host: ba-b
    updates:
      - action: 2022-03-08-top2-d1
        status: done
    """
    problems = problems_of(tree, {"2022-03-08": MARCH, "2022-04-12": bad})
    assert problems == [
        "agendas/2022-04-12.yaml:4:13: '2022-03-08-top2-d1' is a decision, not an action "
        "(hint: write `decision: 2022-03-08-top2-d1`)"
    ]


def test_update_by_derived_id_of_an_action_with_its_own_id(tree: Tree) -> None:
    bad = """
    date: 2022-04-12
    host: ba-b
    updates:
      - {action: 2022-03-08-top3.1-a2, status: done}
    """
    problems = problems_of(tree, {"2022-03-08": MARCH, "2022-04-12": bad})
    assert problems == [
        "agendas/2022-04-12.yaml:4:14: no action has the id '2022-03-08-top3.1-a2' "
        "(hint: that action has its own id 'umfrage'; use it)"
    ]


def test_update_in_an_earlier_session(tree: Tree) -> None:
    early = """
    date: 2022-02-08
    host: ba-b
    updates:
      - action: 2022-03-08-top2-a1
        status: done
    """
    problems = problems_of(tree, {"2022-02-08": early, "2022-03-08": MARCH})
    assert problems == [
        "agendas/2022-02-08.yaml:4:13: this session (2022-02-08) is not dated after the action "
        "it updates ('2022-03-08-top2-a1' of 2022-03-08) (hint: record the update in a session "
        "after the one the action was made in, or fix the id)"
    ]
    # the update is left out of the ledger
    action = build_ledger(workspace(tree, {"2022-02-08": early, "2022-03-08": MARCH})).actions[0]
    assert action.status == "open"


def test_update_on_the_same_day_and_in_the_same_session(tree: Tree) -> None:
    same_day = """
    date: 2022-03-08
    host: ba-b
    updates:
      - {decision: 2022-03-08-top2-d1, status: revoked}
    """
    own = MARCH + "updates:\n  - {action: 2022-03-08-top2-a1, status: done}\n"
    problems = problems_of(tree, {"2022-03-08": own, "2022-03-08-extra": same_day})
    assert len(problems) == 2
    assert problems[0].startswith(
        "agendas/2022-03-08.yaml:26:14: this session updates its own action '2022-03-08-top2-a1'"
    )
    assert problems[1].startswith(
        "agendas/2022-03-08-extra.yaml:4:16: this session (2022-03-08) is not dated after"
    )


def test_update_that_changes_nothing(tree: Tree) -> None:
    empty = """
    date: 2022-04-12
    host: ba-b
    updates:
      - action: 2022-03-08-top2-a1
    """
    problems = problems_of(tree, {"2022-03-08": MARCH, "2022-04-12": empty})
    assert problems == [
        "agendas/2022-04-12.yaml:4:5: the update of action '2022-03-08-top2-a1' changes nothing "
        "(hint: give a new status (open, done, dropped), a new due date or a note)"
    ]


def test_duplicate_ids_name_both_places(tree: Tree) -> None:
    other = """
    date: 2022-04-12
    host: ba-b
    items:
      - title: Eins
        actions:
          - id: umfrage
            task: Noch eine Umfrage
            owner: p-a
        decisions:
          - id: 2022-03-08-top2-a1
            text: Ein Beschluss mit der id einer Aufgabe.
    """
    problems = problems_of(tree, {"2022-03-08": MARCH, "2022-04-12": other})
    hint = (
        " (hint: ids of decisions and actions must be unique across all sessions; give one of "
        "them a different `id:`)"
    )
    assert sorted(problems) == [
        "agendas/2022-04-12.yaml:10:13: duplicate id '2022-03-08-top2-a1': already the id of the "
        "action at agendas/2022-03-08.yaml:12:9" + hint,
        "agendas/2022-04-12.yaml:6:13: duplicate id 'umfrage': already the id of the action at "
        "agendas/2022-03-08.yaml:22:17" + hint,
    ]


def test_duplicate_ids_keep_the_first_entry(tree: Tree) -> None:
    other = """
    date: 2022-04-12
    host: ba-b
    items:
      - title: Eins
        actions:
          - {id: umfrage, task: Noch eine Umfrage, owner: p-a}
    """
    ledger = build_ledger(workspace(tree, {"2022-03-08": MARCH, "2022-04-12": other}))
    assert len(ledger.actions) == 4  # both stay in the list ...
    found = ledger.action("umfrage")
    assert found is not None and found.task == "Umfrage auswerten"  # ... the first one is found


def test_checked_ledger_raises_every_problem(tree: Tree) -> None:
    bad = """
    date: 2022-04-12
    host: ba-b
    updates:
      - {action: nope-1, status: done}
      - {decision: nope-2, status: revoked}
    """
    ws = workspace(tree, {"2022-03-08": MARCH, "2022-04-12": bad})
    with pytest.raises(InputError) as caught:
        checked_ledger(ws)
    assert [(p.line, p.column) for p in caught.value.problems] == [(4, 14), (5, 16)]
    (ws.agendas_dir / "2022-04-12.yaml").unlink()
    assert checked_ledger(load_workspace(ws.root)).actions


def test_check_reports_ledger_problems(tree: Tree) -> None:
    bad = APRIL.replace("2022-03-08-top2-a1", "2022-03-08-top9-a1")
    root = workspace(tree, {"2022-03-08": MARCH, "2022-04-12": bad}).root
    problems, _ = check_workspace(root)
    assert [(p.file, p.line) for p in problems] == [("agendas/2022-04-12.yaml", 8)]
    # checking one file still sees the sessions it refers to, and reports only on that file
    only_april, _ = check_workspace(root, [Path("agendas/2022-04-12.yaml")])
    assert [(p.file, p.line) for p in only_april] == [("agendas/2022-04-12.yaml", 8)]
    assert check_workspace(root, [Path("agendas/2022-03-08.yaml")])[0] == []


# --- folded once per process --------------------------------------------------------------


def test_the_ledger_before_each_session_is_the_fold_of_the_sessions_before_it(
    tmp_path: Path,
) -> None:
    from kogsro.ledger.fold import _Folding
    from tests.benchmarks.test_synthetic import synthetic

    root = synthetic().generate(tmp_path / "w", 40, per_session=6, seed=11)
    ws = load_workspace(root)
    changed = 0
    for session in ws.sessions:
        alone = _Folding(ws.sessions_until(session)).ledger()
        before = build_ledger(ws, before=session)
        assert before.decisions == alone.decisions, session.id
        assert before.actions == alone.actions, session.id
        changed += sum(a.updated_in != () for a in before.actions)
    assert changed  # the updates of earlier sessions are there, not only the entries
    last = ws.sessions[-1]
    assert build_ledger(ws, before=last) != build_ledger(ws)  # the last session's own work


def test_the_sessions_are_folded_once_per_workspace_object(
    three: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kogsro.ledger import fold

    folds = 0
    real = fold._Folding.__init__

    def counting(self: fold._Folding, sessions: Any) -> None:
        nonlocal folds
        folds += 1
        real(self, sessions)

    monkeypatch.setattr(fold._Folding, "__init__", counting)
    for session in three.sessions:
        build_ledger(three, before=session)
    build_ledger(three)
    checked_ledger(three)
    assert ledger_problems(three) == []
    assert folds == 1
    last = three.sessions[-1]
    expected = build_ledger(three, before=last)
    assert build_ledger(three) != expected  # the last session updates earlier entries
    three.sessions = three.sessions[:-1]  # another list of sessions: folded anew
    assert build_ledger(three) == expected
    assert folds == 2


def test_a_session_not_in_the_workspace_sees_every_session_before_it(three: Workspace) -> None:
    later = three.sessions[-1].replace(date=date(2030, 1, 1))
    assert build_ledger(three, before=later).actions == build_ledger(three).actions
