"""Session status and the open tasks each session left."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kogsro.errors import InputError
from kogsro.ledger.lifecycle import has_outcomes, session_rows, session_status
from kogsro.workspace.loader import load_workspace
from kogsro.workspace.model import Session


def session(**fields: object) -> Session:
    return Session.from_data({"date": "2022-10-11", "host": "ba-a", **fields})


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({}, "planned"),
        ({"invited_on": "2022-09-27"}, "invited"),
        ({"invited_on": "2022-09-27", "attendance": {"present": ["p-a"]}}, "held"),
        ({"minutes_by": "p-a"}, "held"),
        ({"items": [{"title": "A", "notes": "Besprochen."}]}, "held"),
        ({"items": [{"title": "A", "items": [{"title": "B", "status": "deferred"}]}]}, "held"),
        ({"items": [{"title": "A", "decisions": [{"text": "Ja."}]}]}, "held"),
        ({"items": [{"title": "A", "actions": [{"task": "T", "owner": "p-a"}]}]}, "held"),
        # updates are often written before the session: they do not make it held
        ({"updates": [{"action": "x-top1-a1", "status": "done"}]}, "planned"),
        ({"items": [{"title": "A", "duration": 10, "presenters": ["p-a"]}]}, "planned"),
        # an explicit status wins
        ({"status": "cancelled", "invited_on": "2022-09-27"}, "cancelled"),
        ({"status": "planned", "minutes_by": "p-a"}, "planned"),
        ({"status": "held"}, "held"),
    ],
)
def test_status(fields: dict[str, object], status: str) -> None:
    assert session_status(session(**fields)) == status


def test_has_outcomes() -> None:
    assert not has_outcomes(session())
    assert has_outcomes(session(attendance={"excused": ["p-a"]}))


def test_rows_of_the_example(example: Path) -> None:
    rows = {row.id: row for row in session_rows(load_workspace(example), today=date(2022, 6, 1))}
    assert [r.status for r in rows.values()] == ["held", "held", "held", "planned"]
    june = rows["2022-06-14"]
    assert (june.host, june.host_label) == ("ba-sz", "Steglitz-Zehlendorf")
    # open tasks decided in June: 3.2-a1, 4.3-a1, 5-a1 (4.1-a1 and 3.1-a1 are done,
    # 4.3-a2 is closed by the update in September)
    assert june.open_tasks == ("2022-06-14-top3.2-a1", "2022-06-14-top4.3-a1", "2022-06-14-top5-a1")
    assert june.overdue_tasks == ()
    assert rows["2022-03-09"].open_tasks == ("2022-03-09-top4-a2", "2022-03-09-top5-a2")
    assert rows["2022-03-09"].overdue_tasks == ("2022-03-09-top5-a2",)
    assert rows["2022-09-13"].open_tasks == ()
    data = june.as_dict()
    assert data["open_tasks"] == 3 and data["file"] == "agendas/2022-06-14.yaml"
    assert data["date"] == "2022-06-14" and data["status"] == "held"


def test_rows_refuse_an_inconsistent_ledger(example: Path) -> None:
    path = example / "agendas" / "2022-09-13.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("updates:\n", "updates:\n  - {action: 2022-01-01-top9-a9, status: done}\n"),
        encoding="utf-8",
    )
    with pytest.raises(InputError):
        session_rows(load_workspace(example), today=date(2022, 6, 1))
