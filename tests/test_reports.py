"""The decision log and the task list of the example workspace: selecting, rows, CSV."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from kogsro.errors import UsageError
from kogsro.ledger import build_ledger
from kogsro.reports import (
    ActionQuery,
    DecisionQuery,
    action_rows,
    decision_log,
    decision_rows,
    ledger_csv,
    owner_ids,
    task_list,
)
from kogsro.workspace import Workspace, load_workspace

AS_OF = date(2022, 6, 1)


@pytest.fixture
def ws(example: Path) -> Workspace:
    return load_workspace(example)


def ids(entries: list[object]) -> list[str]:
    return [e.id for e in entries]  # type: ignore[attr-defined]


def test_example_ledger_folds_the_recorded_updates(ws: Workspace) -> None:
    ledger = build_ledger(ws)
    moved = ledger.action("2022-03-09-top4-a2")
    assert moved is not None
    assert (moved.status, moved.due, moved.updated_in) == (
        "open",
        date(2022, 9, 13),
        ("2022-04-12",),
    )
    done = ledger.action("2022-04-12-top4-a1")
    assert done is not None and done.status == "done" and done.updated_in == ("2022-09-13",)
    amended = ledger.decision("2022-03-09-top4-d1")
    assert amended is not None and amended.status == "amended"
    assert amended.notes[0].startswith("2022-04-12: Ergänzt: Für Indikatoren")


def test_decision_log_filters(ws: Workspace) -> None:
    everything = decision_log(ws, DecisionQuery())
    assert len(everything) == 7
    assert ids(decision_log(ws, DecisionQuery(since=date(2022, 6, 1)))) == [
        "2022-06-14-top2-d1",
        "2022-06-14-top4.3-d1",
    ]
    assert ids(decision_log(ws, DecisionQuery(until=date(2022, 3, 31)))) == [
        "2022-03-09-top2-d1",
        "2022-03-09-top4-d1",
    ]
    assert ids(decision_log(ws, DecisionQuery(host="ba-spandau"))) == [
        "2022-04-12-top2-d1",
        "2022-04-12-top4-d1",
        "2022-04-12-top5-d1",
    ]
    found = decision_log(ws, DecisionQuery(search="senatskanzlei GÄSTE"))
    assert ids(found) == ["2022-04-12-top4-d1"]
    assert ids(decision_log(ws, DecisionQuery(statuses=("amended",)))) == ["2022-03-09-top4-d1"]


def test_decision_log_usage_errors(ws: Workspace) -> None:
    with pytest.raises(UsageError, match="--host: unknown organisation 'ba-szz'") as caught:
        decision_log(ws, DecisionQuery(host="ba-szz"))
    assert caught.value.hint == "did you mean 'ba-sz'?"
    with pytest.raises(UsageError, match="unknown organisation 'spk-sz'"):
        decision_log(ws, DecisionQuery(host="spk-sz"))  # a person does not host
    with pytest.raises(UsageError, match="--status: unknown status 'valide'"):
        decision_log(ws, DecisionQuery(statuses=("valide",)))
    with pytest.raises(UsageError, match="--since 2022-06-01 is after --until 2022-05-01"):
        decision_log(ws, DecisionQuery(since=date(2022, 6, 1), until=date(2022, 5, 1)))


def test_task_list_open_overdue_owner(ws: Workspace) -> None:
    all_actions = task_list(ws, ActionQuery(as_of=AS_OF))
    assert len(all_actions) == 13
    open_ = task_list(ws, ActionQuery(as_of=AS_OF, open_only=True))
    assert all(a.status == "open" for a in open_) and len(open_) == 6
    overdue = task_list(ws, ActionQuery(as_of=AS_OF, overdue=True))
    assert ids(overdue) == ["2022-03-09-top5-a2", "2022-04-12-top4-a2"]
    # on the day of the session more is overdue
    later = task_list(ws, ActionQuery(as_of=date(2022, 9, 14), overdue=True))
    assert "2022-06-14-top5-a1" in ids(later)
    assert "2022-03-09-top4-a2" in ids(later)  # due date moved to 2022-09-13 by an update
    by_person = task_list(ws, ActionQuery(as_of=AS_OF, owner="spk-mh"))
    assert ids(by_person) == ["2022-06-14-top3.1-a1", "2022-06-14-top3.2-a1"]
    by_org = task_list(ws, ActionQuery(as_of=AS_OF, owner="ba-mh"))
    assert ids(by_org) == ids(by_person)  # the people of an organisation count for it


def test_owner_ids(ws: Workspace) -> None:
    assert owner_ids(ws, "spk-sz") == {"spk-sz"}
    assert "spk-sz" in owner_ids(ws, "ba-sz")
    with pytest.raises(UsageError, match="--owner: unknown person or organisation 'nobody'"):
        owner_ids(ws, "nobody")


def test_public_leaves_out_non_public_items(ws: Workspace) -> None:
    everything = ids(task_list(ws, ActionQuery(as_of=AS_OF)))
    public = ids(task_list(ws, ActionQuery(as_of=AS_OF, public=True)))
    assert set(everything) - set(public) == {"2022-06-14-top5-a1"}  # TOP 5 is non-public


def test_public_is_inherited_by_sub_items(tree: object, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tree(  # type: ignore[operator]
        {
            "kogsro.yaml": "body: {name: Test, short: T}\ndefaults: {public: false}\n",
            "attendees.yaml": "organisations: [{id: ba-a, name: A}]\n",
            "agendas/2022-03-08.yaml": """
                date: 2022-03-08
                host: ba-a
                items:
                  - title: Geheim
                    items:
                      - title: Unterpunkt
                        decisions: [{text: Nicht öffentlich.}]
                  - title: Offen
                    public: true
                    items:
                      - title: Unterpunkt
                        decisions: [{text: Öffentlich.}]
                      - title: Ausnahme
                        public: false
                        decisions: [{text: Wieder nicht öffentlich.}]
            """,
        }
    )
    monkeypatch.chdir(root)
    ws = load_workspace(root)
    public = decision_log(ws, DecisionQuery(public=True))
    assert [d.text for d in public] == ["Öffentlich."]


def test_rows_carry_the_promised_keys(ws: Workspace) -> None:
    decisions = decision_rows(ws, decision_log(ws, DecisionQuery()))
    assert {"id", "session", "date", "item", "text", "vote", "status"} <= set(decisions[0])
    first = decisions[0]
    assert first["date"] == "2022-03-09"
    assert first["vote"] == {"yes": 12, "no": 0, "abstain": 1}
    assert first["item_label"] == "TOP 2"
    consensus = next(d for d in decisions if d["id"] == "2022-04-12-top4-d1")
    assert consensus["vote"] == "consensus"
    actions = action_rows(ws, task_list(ws, ActionQuery(as_of=AS_OF)), AS_OF)
    assert {"id", "session", "task", "owner", "due", "status", "overdue"} <= set(actions[0])
    late = next(a for a in actions if a["id"] == "2022-03-09-top5-a2")
    assert late["overdue"] is True and late["due"] == "2022-05-13"
    assert late["owner_name"] != late["owner"]


def test_csv_of_the_decision_log(ws: Workspace) -> None:
    rows = decision_rows(ws, decision_log(ws, DecisionQuery()))
    data = ledger_csv("decisions", rows)
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(table) == 7
    assert table[0]["vote"] == "counted" and table[0]["yes"] == "12" and table[0]["abstain"] == "1"
    consensus = next(r for r in table if r["id"] == "2022-04-12-top4-d1")
    assert (consensus["vote"], consensus["yes"]) == ("consensus", "")
    assert "Bürger*innenbeteiligung" in consensus["text"]
    amended = next(r for r in table if r["id"] == "2022-03-09-top4-d1")
    assert amended["status"] == "amended" and amended["notes"].startswith("2022-04-12: ")


def test_csv_of_the_task_list_neutralises_formulas(ws: Workspace) -> None:
    rows = action_rows(ws, task_list(ws, ActionQuery(as_of=AS_OF)), AS_OF)
    rows[0] = {**rows[0], "task": '=HYPERLINK("http://evil.example","klick")', "notes": ["@x"]}
    text = ledger_csv("actions", rows, delimiter=";").decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert table[0]["task"] == '\'=HYPERLINK("http://evil.example","klick")'
    assert table[0]["notes"] == "'@x"
    assert table[0]["overdue"] == "no"
    assert {r["overdue"] for r in table} == {"yes", "no"}
