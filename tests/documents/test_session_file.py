"""One way of creating a session file for `new` and `plan`, and `prepare` keeping kogsro's parts
of it up to date without touching what the coordinator wrote."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from kogsro.api import check_workspace
from kogsro.documents.session_file import (
    CARRIED_REGION,
    TASKS_REGION,
    create_session,
    draft_session,
    prepare_session,
    regions,
    write_plan,
)
from kogsro.errors import UsageError
from kogsro.schedule.series import next_host, plan_spec, plan_year
from kogsro.workspace.loader import load_workspace

Tree = Callable[[dict[str, str]], Path]
TODAY = date(2022, 6, 1)

BODY = """
body: {name: Testgremium, short: TG}
rotation: [ba-a, ba-b, ba-c, ba-d]
series: {rule: "FREQ=MONTHLY;BYDAY=2TU", on_holiday: next-workday, breaks: ["07-01..08-31"]}
defaults:
  invitation_days: 7
  items:
    - {title: Begrüßung, kind: information, duration: 10}
    - {title: Verschiedenes, duration: 10}
"""
ROSTER = """
organisations:
  - {id: ba-a, name: Bezirksamt A, short: A, kind: district}
  - {id: ba-b, name: Bezirksamt B, short: B, kind: district}
  - {id: ba-c, name: Bezirksamt C, short: C, kind: district}
  - {id: ba-d, name: Bezirksamt D, short: D, kind: district}
people:
  - {id: p-a, name: Erika Beispiel, organisation: ba-a, member: true}
"""
HELD = """
date: 2022-03-08
host: ba-a
items:
  - title: Bericht
    status: done
    actions:
      - {task: Bericht versenden, owner: p-a, due: 2022-04-01}
  - {title: Kernset, kind: decision, duration: 20, status: deferred}
"""


def workspace(tree: Tree, body: str = BODY, **sessions: str) -> Path:
    files = {"kogsro.yaml": body, "attendees.yaml": ROSTER}
    files.update({f"agendas/{name}.yaml": text for name, text in sessions.items()})
    root = tree(files)
    (root / "agendas").mkdir(exist_ok=True)
    return root


def plan(root: Path, year: int, today: date = TODAY) -> list[Path]:
    ws = load_workspace(root)
    result = write_plan(ws, plan_year(ws, year, plan_spec(ws), today=today), today=today)
    return list(result.created)


def titles(root: Path, session_id: str) -> list[str]:
    ws = load_workspace(root)
    return [item.title for item in ws.session(session_id).items]


# --- creating ------------------------------------------------------------------------------


def test_without_standard_items_new_and_plan_work(tree: Tree) -> None:
    body = BODY.replace(
        "  items:\n    - {title: Begrüßung, kind: information, duration: 10}\n"
        "    - {title: Verschiedenes, duration: 10}\n",
        "  items: []\n",
    )
    root = workspace(tree, body)
    created = plan(root, 2022)
    assert [p.name for p in created][:2] == ["2022-06-14.yaml", "2022-09-13.yaml"]
    assert titles(root, "2022-06-14") == []
    ws = load_workspace(root)
    path = create_session(ws, draft_session(ws, day=date(2023, 1, 10), today=TODAY), today=TODAY)
    assert path.is_file()
    assert check_workspace(root)[0] == []


def test_plan_carries_deferred_items_into_the_first_new_session_only(tree: Tree) -> None:
    root = workspace(tree, **{"2022-03-08": HELD})
    plan(root, 2022)
    assert titles(root, "2022-06-14") == [
        "Begrüßung",
        "Genehmigung des Protokolls der Sitzung vom 8. März 2022",
        "Kernset",
        "Offene Aufgaben aus früheren Sitzungen",
        "Verschiedenes",
    ]
    # later planned sessions list the open tasks, but the item and the approval come once
    assert titles(root, "2022-09-13") == [
        "Begrüßung",
        "Offene Aufgaben aus früheren Sitzungen",
        "Verschiedenes",
    ]
    ws = load_workspace(root)
    assert ws.session("2022-06-14").items[1].approves == "2022-03-08"
    assert ws.session("2022-06-14").items[2].carried_from == "2022-03-08-top2"
    text = (root / "agendas" / "2022-09-13.yaml").read_text(encoding="utf-8")
    assert '#   - action: "2022-03-08-top1-a1"' in text
    assert check_workspace(root)[0] == []


def test_plan_leaves_out_dates_too_late_to_invite(tree: Tree) -> None:
    root = workspace(tree)
    ws = load_workspace(root)
    # the session of 14 June can be invited until 7 June (7 days)
    result = plan_year(ws, 2022, plan_spec(ws), today=date(2022, 6, 8))
    assert date(2022, 6, 14) not in [p.date for p in result.sessions]
    late = [s for s in result.skipped if s.kind == "late"]
    assert [s.date for s in late] == [date(2022, 6, 14)]
    assert "too late to invite (deadline 2022-06-07)" in late[0].reason
    plan(root, 2022, today=date(2022, 6, 8))
    assert check_workspace(root)[0] == []


# --- the rotation ----------------------------------------------------------------------------


def test_a_session_put_in_before_another_does_not_repeat_its_host() -> None:
    rotation = ["a", "b", "c", "d"]
    feb = (date(2025, 2, 11), "a")
    # nothing before: the host before the next session's
    assert next_host(rotation, [feb], date(2025, 1, 14)) == "d"
    # between two sessions: after the previous, but never the next session's host
    jan = (date(2025, 1, 14), "b")
    mar = (date(2025, 3, 11), "c")
    assert next_host(rotation, [jan, mar], date(2025, 2, 11)) == "d"
    assert next_host(rotation, [jan], date(2025, 2, 11)) == "c"
    # without other sessions: the start of the rotation
    assert next_host(rotation, [], date(2025, 2, 11)) == "a"


def test_plan_after_new_never_gives_one_host_two_sessions_in_a_row(tree: Tree) -> None:
    root = workspace(tree)
    ws = load_workspace(root)
    today = date(2024, 12, 1)
    create_session(ws, draft_session(ws, day=date(2025, 2, 11), today=today), today=today)
    ws = load_workspace(root)
    result = plan_year(ws, 2025, plan_spec(ws), today=today)
    hosts = [p.host for p in sorted(result.sessions, key=lambda p: p.date)]
    assert hosts[:3] == ["ba-d", "ba-a", "ba-b"]
    assert all(one != two for one, two in pairwise(hosts))


# --- prepare -------------------------------------------------------------------------------


DEFERRED_LATER = """
date: 2022-06-14
host: ba-b
items:
  - {title: Kernset, carried_from: 2022-03-08-top2, status: done}
  - {title: Haushalt, status: deferred}
  - title: Bericht 2
    status: done
    actions:
      - {task: Protokoll prüfen, owner: p-a, due: 2022-07-01}
"""


def test_prepare_brings_in_what_was_deferred_after_planning(tree: Tree) -> None:
    root = workspace(tree, **{"2022-03-08": HELD})
    plan(root, 2022)
    path = root / "agendas" / "2022-09-13.yaml"
    # the June session happens as planned and defers an item
    (root / "agendas" / "2022-06-14.yaml").write_text(DEFERRED_LATER.lstrip(), encoding="utf-8")
    # the coordinator adds an item of their own and a note, outside kogsro's parts
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '  - title: "Verschiedenes"',
        '  - title: Eigener Punkt   # von Hand\n    duration: 15\n  - title: "Verschiedenes"',
    )
    text = text.replace("start:", "notes: Raum 1.01 # bitte beachten\nstart:")
    path.write_text(text, encoding="utf-8")
    ws = load_workspace(root)
    result = prepare_session(ws, ws.session("2022-09-13"), today=TODAY)
    assert result.changed
    assert result.added == ("2022-06-14-top2",)
    assert set(result.open_tasks) == {"2022-03-08-top1-a1", "2022-06-14-top3-a1"}
    after = path.read_text(encoding="utf-8")
    # the June file was replaced by hand without approving March: both minutes await approval
    assert titles(root, "2022-09-13") == [
        "Begrüßung",
        "Genehmigung des Protokolls der Sitzung vom 8. März 2022",
        "Genehmigung des Protokolls der Sitzung vom 14. Juni 2022",
        "Haushalt",
        "Offene Aufgaben aus früheren Sitzungen",
        "Eigener Punkt",
        "Verschiedenes",
    ]
    # every line outside kogsro's parts is kept byte for byte
    assert _outside(after) == _outside(text)
    assert "  - title: Eigener Punkt   # von Hand\n" in after
    assert '#   - action: "2022-06-14-top3-a1"' in after
    # a second run changes nothing
    ws = load_workspace(root)
    again = prepare_session(ws, ws.session("2022-09-13"), today=TODAY)
    assert not again.changed and path.read_text(encoding="utf-8") == after
    assert check_workspace(root)[0] == []


def test_prepare_leaves_a_part_edited_by_hand(tree: Tree) -> None:
    root = workspace(tree, **{"2022-03-08": HELD})
    plan(root, 2022)
    path = root / "agendas" / "2022-06-14.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("    duration: 20\n", "    duration: 45\n", 1)  # the carried item
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    ws = load_workspace(root)
    result = prepare_session(ws, ws.session("2022-06-14"), today=TODAY)
    assert result.kept == (CARRIED_REGION,)
    assert any("changed by hand" in w for w in result.warnings)
    assert path.read_text(encoding="utf-8") == edited
    assert [i.duration for i in ws.session("2022-06-14").items][2] == 45
    # emptied by hand: kogsro fills it again
    found = {r.name: r for r in regions(edited)}[CARRIED_REGION]
    lines = edited.splitlines(keepends=True)
    del lines[found.begin + 1 : found.end]
    path.write_text("".join(lines), encoding="utf-8")
    ws = load_workspace(root)
    result = prepare_session(ws, ws.session("2022-06-14"), today=TODAY)
    assert result.kept == () and result.added == ("2022-03-08-top2",)
    assert titles(root, "2022-06-14")[2] == "Kernset"


def test_prepare_keeps_updates_written_into_the_task_list(tree: Tree) -> None:
    root = workspace(tree, **{"2022-03-08": HELD})
    plan(root, 2022)
    path = root / "agendas" / "2022-06-14.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = lines.index("# updates:\n")
    for index in range(start, start + 6):
        lines[index] = lines[index].removeprefix("# ")
    path.write_text("".join(lines), encoding="utf-8")
    ws = load_workspace(root)
    assert [u.action for u in ws.session("2022-06-14").updates] == ["2022-03-08-top1-a1"]
    result = prepare_session(ws, ws.session("2022-06-14"), today=TODAY)
    assert TASKS_REGION in result.kept
    assert path.read_text(encoding="utf-8") == "".join(lines)


def test_prepare_refuses_held_sessions_and_files_without_parts(tree: Tree) -> None:
    root = workspace(tree, **{"2022-03-08": HELD, "2022-04-12": "date: 2022-04-12\nhost: ba-b\n"})
    ws = load_workspace(root)
    with pytest.raises(UsageError, match="held"):
        prepare_session(ws, ws.session("2022-03-08"), today=TODAY)
    before = (root / "agendas" / "2022-04-12.yaml").read_bytes()
    with pytest.raises(UsageError, match="no part kogsro may bring up to date"):
        prepare_session(ws, ws.session("2022-04-12"), today=date(2022, 3, 1))
    assert (root / "agendas" / "2022-04-12.yaml").read_bytes() == before


def _outside(text: str) -> list[str]:
    """The lines of ``text`` outside kogsro's parts."""
    lines = text.splitlines(keepends=True)
    inside: set[int] = set()
    for region in regions(text):
        inside.update(range(region.begin, region.end + 1))
    return [line for index, line in enumerate(lines) if index not in inside]


# --- approval of the minutes -----------------------------------------------------------------

MARKED = BODY.replace(
    "    - {title: Verschiedenes, duration: 10}",
    "    - {title: Genehmigung des Protokolls, kind: decision, duration: 7, approvals: true}\n"
    "    - {title: Verschiedenes, duration: 10}",
)


def test_new_prefills_one_approval_item_per_minutes_awaiting_approval(tree: Tree) -> None:
    other = "date: 2022-04-12\nhost: ba-b\nminutes_by: p-a\n"
    root = workspace(tree, MARKED, **{"2022-03-08": HELD, "2022-04-12": other})
    ws = load_workspace(root)
    draft = draft_session(ws, today=TODAY)
    assert [s.id for s in draft.approvals] == ["2022-03-08", "2022-04-12"]
    path = create_session(ws, draft, today=TODAY)
    session = load_workspace(root).session(path.stem)
    # in place of the marked standard item, with its duration
    assert [(i.title, i.kind, i.duration, i.approves) for i in session.items[1:3]] == [
        ("Genehmigung des Protokolls der Sitzung vom 8. März 2022", "decision", 7, "2022-03-08"),
        ("Genehmigung des Protokolls der Sitzung vom 12. April 2022", "decision", 7, "2022-04-12"),
    ]
    assert "Genehmigung des Protokolls" not in [i.title for i in session.items]
    assert check_workspace(root)[0] == []
    # the next new session has nothing left to approve: both are on this agenda
    ws = load_workspace(root)
    assert draft_session(ws, today=TODAY).approvals == ()


def test_english_approval_titles(tree: Tree) -> None:
    root = workspace(tree, BODY + "language: en\n", **{"2022-03-08": HELD})
    ws = load_workspace(root)
    path = create_session(ws, draft_session(ws, today=TODAY), today=TODAY)
    session = load_workspace(root).session(path.stem)
    assert session.items[1].title == "Approval of the minutes of the meeting of 8 March 2022"


def test_prepare_adds_the_approval_once_the_session_before_is_held(tree: Tree) -> None:
    root = workspace(tree, **{"2022-03-08": HELD})
    plan(root, 2022)
    path = root / "agendas" / "2022-09-13.yaml"
    assert "approves" not in path.read_text(encoding="utf-8")
    # the June session is held and approves March
    june = root / "agendas" / "2022-06-14.yaml"
    june.write_text(
        june.read_text(encoding="utf-8").replace(
            '    approves: "2022-03-08"\n',
            '    approves: "2022-03-08"\n    decisions: [{text: Genehmigt., vote: consensus}]\n',
        ),
        encoding="utf-8",
    )
    ws = load_workspace(root)
    assert ws.session("2022-06-14").items[1].decisions
    result = prepare_session(ws, ws.session("2022-09-13"), today=TODAY)
    assert result.changed
    ws = load_workspace(root)
    assert [i.approves for i in ws.session("2022-09-13").items if i.approves] == ["2022-06-14"]
    # run again: the item written by kogsro stays (it is its own), nothing changes
    again = prepare_session(ws, ws.session("2022-09-13"), today=TODAY)
    assert not again.changed
    assert check_workspace(root)[0] == []
