"""The next session: date, host, location, standard items, carry-over, the file written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kogsro.api import check_workspace
from kogsro.documents.session_file import (
    carried_from_problems,
    create_session,
    deferred_items,
    draft_session,
    session_text,
)
from kogsro.errors import InputError, OutputExists, TemplateError, UsageError
from kogsro.schedule.series import config_problems
from kogsro.workspace.loader import load_workspace
from kogsro.workspace.model import Session
from kogsro.workspace.validation import load_file

Tree = Callable[[dict[str, str]], Path]
TODAY = date(2022, 6, 1)

BODY = """
body: {name: Testgremium, short: TG}
rotation: [ba-a, ba-b, ba-c]
series: {rule: "FREQ=MONTHLY;BYDAY=2TU", on_holiday: next-workday, breaks: ["07-01..08-31"]}
defaults:
  start: "09:30"
  invitation_days: 7
  location: {name: Senatsverwaltung, address: "Straße 1, 10000 Berlin"}
  items:
    - {title: Begrüßung, kind: information, duration: 10}
    - {title: Genehmigung des Protokolls, kind: decision, duration: 5, approvals: true}
    - {title: Verschiedenes, duration: 10, public: false}
"""
ROSTER = """
organisations:
  - id: ba-a
    name: Bezirksamt A
    short: A
    kind: district
    location: {name: Rathaus A, address: "Platz 1, 10001 Berlin", directions: U1 Rathaus A}
  - {id: ba-b, name: Bezirksamt B, short: B, kind: district}
  - {id: ba-c, name: Bezirksamt C, short: C, kind: district}
people:
  - {id: p-a, name: Erika Beispiel, organisation: ba-a, member: true}
  - {id: p-b, name: Max Mustermann, organisation: ba-b, member: true}
"""

HELD = """
date: 2022-03-08
host: ba-a
items:
  - title: Bericht
    status: done
    actions:
      - {task: Bericht versenden, owner: p-a, due: 2022-04-01}
      - {task: Termin abstimmen, owner: p-b}
  - title: "Kernset: Indikatoren"
    kind: decision
    duration: 20
    presenters: [p-a]
    public: false
    description: Vorschlag von A
    documents: [https://example.org/kernset.pdf]
    status: deferred
    items:
      - {title: Entwurf, duration: 5, presenters: [p-b]}
"""


def workspace(tree: Tree, body: str = BODY, **sessions: str) -> Path:
    files = {"kogsro.yaml": body, "attendees.yaml": ROSTER}
    files.update({f"agendas/{name}.yaml": text for name, text in sessions.items()})
    root = tree(files)
    (root / "agendas").mkdir(exist_ok=True)
    return root


def load_back(path: Path) -> Session:
    session, _, problems = load_file(path, Session)
    assert not problems, problems
    assert session is not None
    return session


# --- deciding ------------------------------------------------------------------------------


def test_defaults_from_series_and_rotation(tree: Tree) -> None:
    ws = load_workspace(workspace(tree, **{"2022-03-09": HELD.replace("03-08", "03-09")}))
    draft = draft_session(ws, today=TODAY)
    assert draft.date == date(2022, 6, 14)  # next second Tuesday on or after today
    assert draft.host == "ba-b" and draft.chair == "ba-b"
    assert draft.location is not None and draft.location.name == "Senatsverwaltung"
    assert draft.location_from == "body"
    assert [a.id for a in draft.open_actions] == ["2022-03-09-top1-a1", "2022-03-09-top1-a2"]
    assert [c.ref for c in draft.deferred] == ["2022-03-09-top2"]


def test_date_follows_the_last_session(tree: Tree) -> None:
    root = workspace(tree, **{"2022-09-13": "date: 2022-09-13\nhost: ba-c\n"})
    ws = load_workspace(root)
    draft = draft_session(ws, today=TODAY)
    assert draft.date == date(2022, 10, 11)
    assert draft.host == "ba-a"  # wrapped round the rotation
    assert draft.location is not None and draft.location.name == "Rathaus A"
    assert draft.location_from == "host"
    assert draft.previous is not None and draft.previous.id == "2022-09-13"


def test_date_moved_off_a_berlin_holiday(tree: Tree) -> None:
    ws = load_workspace(workspace(tree, **{"2022-02-08": "date: 2022-02-08\nhost: ba-a\n"}))
    draft = draft_session(ws, today=date(2022, 1, 1))
    assert (draft.date, draft.moved_from) == (date(2022, 3, 9), date(2022, 3, 8))
    assert draft.holiday == "Internationaler Frauentag"
    text = session_text(ws, draft, today=TODAY)
    assert "Internationaler Frauentag" in text


def test_never_in_the_past(tree: Tree) -> None:
    ws = load_workspace(workspace(tree, **{"2021-11-09": "date: 2021-11-09\nhost: ba-a\n"}))
    assert draft_session(ws, today=TODAY).date == date(2022, 6, 14)
    # nor too late to be invited within the invitation period (7 days here)
    assert draft_session(ws, today=date(2022, 6, 7)).date == date(2022, 6, 14)
    assert draft_session(ws, today=date(2022, 6, 8)).date == date(2022, 9, 13)


def test_cancelled_session_does_not_take_a_turn(tree: Tree) -> None:
    ws = load_workspace(
        workspace(
            tree,
            **{
                "2022-06-14": "date: 2022-06-14\nhost: ba-a\n",
                "2022-09-13": "date: 2022-09-13\nhost: ba-b\nstatus: cancelled\n",
            },
        )
    )
    draft = draft_session(ws, today=TODAY)
    assert draft.date == date(2022, 10, 11)  # after the last file, cancelled or not
    assert draft.host == "ba-b"  # whose turn was cancelled hosts next


def test_explicit_date_host_chair_and_warnings(tree: Tree) -> None:
    ws = load_workspace(workspace(tree))
    draft = draft_session(ws, day=date(2023, 4, 7), host="ba-c", chair="p-a", today=TODAY)
    assert (draft.date, draft.host, draft.chair) == (date(2023, 4, 7), "ba-c", "p-a")
    assert any("Karfreitag" in w for w in draft.warnings)
    summer = draft_session(ws, day=date(2023, 7, 15), today=TODAY)
    assert any("break 07-01..08-31" in w for w in summer.warnings)
    assert any("Saturday" in w for w in summer.warnings)
    assert draft_session(ws, day=date(2022, 6, 28), today=TODAY).warnings == ()
    soon = draft_session(ws, day=date(2022, 6, 7), today=TODAY)
    assert soon.warnings == (
        "the invitation period of 7 days ended on 2022-05-31: an invitation sent now is late",
    )
    assert draft_session(ws, day=date(2022, 5, 31), today=TODAY).warnings == (
        "2022-05-31 is in the past",
    )


def test_unknown_host_or_chair(tree: Tree) -> None:
    ws = load_workspace(workspace(tree))
    with pytest.raises(UsageError) as info:
        draft_session(ws, day=date(2023, 1, 10), host="ba-x", today=TODAY)
    assert "ba-x" in info.value.message and info.value.hint
    with pytest.raises(UsageError, match="p-q"):
        draft_session(ws, day=date(2023, 1, 10), chair="p-q", today=TODAY)
    with pytest.raises(UsageError) as info:
        draft_session(ws, day=date(2023, 1, 10), host="p-a", today=TODAY)  # a person
    assert "organisation" in info.value.message


def test_no_series_needs_a_date(tree: Tree) -> None:
    ws = load_workspace(workspace(tree, BODY.split("series:")[0]))
    with pytest.raises(UsageError) as info:
        draft_session(ws, today=TODAY)
    assert info.value.remedy is not None and info.value.remedy.option == "date"  # --date
    assert info.value.hint and "series:" in info.value.hint
    assert draft_session(ws, day=date(2022, 7, 5), today=TODAY).host == "ba-a"


def test_broken_series_is_located_in_kogsro_yaml(tree: Tree) -> None:
    body = BODY.replace("BYDAY=2TU", "BYDAY=2XY").replace('"07-01..08-31"', '"07-01..08-32"')
    ws = load_workspace(workspace(tree, body))
    with pytest.raises(InputError) as info:
        draft_session(ws, today=TODAY)
    text = "\n".join(str(p) for p in info.value.problems)
    assert "kogsro.yaml:3:16: invalid recurrence rule" in text and "2XY" in text
    assert "kogsro.yaml:3:77: invalid break '07-01..08-32': month 8 has no day 32" in text


# --- carry-over ----------------------------------------------------------------------------


def test_deferred_items_not_taken_up_since(tree: Tree) -> None:
    taken = """
    date: 2022-04-12
    host: ba-b
    items:
      - {title: "Kernset: Indikatoren", carried_from: 2022-03-08-top2, status: deferred}
      - {title: Noch einmal vertagt, status: deferred}
    """
    ws = load_workspace(workspace(tree, **{"2022-03-08": HELD, "2022-04-12": taken}))
    assert [c.ref for c in deferred_items(ws, date(2022, 6, 14))] == [
        "2022-04-12-top1",
        "2022-04-12-top2",
    ]
    # taken up is taken up, even for a session put in between: it is not carried twice
    assert [c.ref for c in deferred_items(ws, date(2022, 4, 1))] == []
    # and items of cancelled sessions are not carried
    cancelled = taken.replace("host: ba-b", "host: ba-b\n    status: cancelled")
    ws = load_workspace(workspace(tree, **{"2022-03-08": HELD, "2022-04-12": cancelled}))
    assert [c.ref for c in deferred_items(ws, date(2022, 6, 14))] == []


def test_carried_item_keeps_its_content(tree: Tree) -> None:
    root = workspace(tree, **{"2022-03-08": HELD})
    ws = load_workspace(root)
    path = create_session(ws, draft_session(ws, today=TODAY), today=TODAY)
    assert path == root / "agendas" / "2022-06-14.yaml"
    session = load_back(path)
    titles = [item.title for item in session.items]
    # standard items, then what is carried over, with the last standard item at the end
    assert titles == [
        "Begrüßung",
        "Genehmigung des Protokolls der Sitzung vom 8. März 2022",
        "Kernset: Indikatoren",
        "Offene Aufgaben aus früheren Sitzungen",
        "Verschiedenes",
    ]
    carried = session.items[2]
    assert carried.carried_from == "2022-03-08-top2"
    assert (carried.kind, carried.duration, carried.presenters) == ("decision", 20, ["p-a"])
    assert carried.public is False and carried.description == "Vorschlag von A"
    assert carried.documents == ["https://example.org/kernset.pdf"]
    assert [(i.title, i.duration, i.presenters) for i in carried.items] == [("Entwurf", 5, ["p-b"])]
    assert carried.status is None and not carried.notes
    assert session.items[4].public is False and session.items[0].public is None
    # the open tasks are listed for updates, commented out: the file changes nothing yet
    assert session.updates == []
    text = path.read_text(encoding="utf-8")
    assert '#   - action: "2022-03-08-top1-a1"' in text
    assert '#   - action: "2022-03-08-top1-a2"' in text
    assert "(überfällig)" in text
    # uncommenting an entry as the file says gives a valid update
    lines = text.splitlines(keepends=True)
    start = lines.index("# updates:\n")
    for index in range(start, start + 6):
        lines[index] = lines[index].removeprefix("# ")
    path.write_text("".join(lines), encoding="utf-8")
    updated = load_back(path)
    assert [(u.action, u.status) for u in updated.updates] == [("2022-03-08-top1-a1", "done")]
    # the workspace is clean with the new file, and taking the item up counts
    problems = check_workspace(root)[0]
    # today (2022-06-01) is too close to the session for the invitation period: reported, not
    # a problem of the written file
    assert [p for p in problems if "can no longer be invited in time" not in p.message] == []
    ws = load_workspace(root)
    assert deferred_items(ws, date(2022, 12, 31)) == []


def test_without_open_tasks_no_task_item(tree: Tree) -> None:
    root = workspace(tree, **{"2022-03-08": "date: 2022-03-08\nhost: ba-a\n"})
    ws = load_workspace(root)
    path = create_session(ws, draft_session(ws, today=TODAY), today=TODAY)
    session = load_back(path)
    # nor an approval item: the planned session before it has no minutes
    assert [i.title for i in session.items] == ["Begrüßung", "Verschiedenes"]
    assert "updates:" not in path.read_text(encoding="utf-8")


def test_inconsistent_ledger_is_refused(tree: Tree) -> None:
    broken = (
        "date: 2022-04-12\nhost: ba-b\nupdates:\n  - {action: 2022-01-01-top9-a9, status: done}\n"
    )
    ws = load_workspace(workspace(tree, **{"2022-03-08": HELD, "2022-04-12": broken}))
    with pytest.raises(InputError) as info:
        draft_session(ws, today=TODAY)
    assert any("2022-01-01-top9-a9" in p.message for p in info.value.problems)


# --- the file ------------------------------------------------------------------------------


def test_file_loads_back_exactly(tree: Tree) -> None:
    hostile = 'Punkt "A": #1, {x}, [y], *z & <b> – 10:00 zweite Zeile'
    body = BODY.replace("title: Begrüßung,", f"title: {_yaml(hostile)},")
    held = HELD.replace('"Kernset: Indikatoren"', _yaml("- Kernset: 'ja' # nein"))
    root = workspace(tree, body, **{"2022-03-08": held})
    ws = load_workspace(root)
    draft = draft_session(ws, today=TODAY)
    session = load_back(create_session(ws, draft, today=TODAY))
    assert session.items[0].title == 'Punkt "A": #1, {x}, [y], *z & <b> – 10:00 zweite Zeile'
    assert session.items[2].title == "- Kernset: 'ja' # nein"
    assert session.date == date(2022, 6, 14)
    assert f"{session.start:%H:%M}" == "09:30"
    assert session.host == "ba-b" and session.chair == "ba-b"
    assert session.location is not None and session.location.address == "Straße 1, 10000 Berlin"
    assert session.status is None  # planned, until invited or held


def _yaml(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def test_existing_file_is_never_touched(tree: Tree) -> None:
    root = workspace(tree)
    ws = load_workspace(root)
    target = root / "agendas" / "2022-06-14.yaml"
    target.write_text("# by hand\n", encoding="utf-8")
    with pytest.raises(OutputExists) as info:
        create_session(ws, draft_session(ws, day=date(2022, 6, 14), today=TODAY), today=TODAY)
    assert "2022-06-14.yaml" in info.value.message and info.value.hint
    assert "--force" not in info.value.hint
    assert target.read_text(encoding="utf-8") == "# by hand\n"
    other = root / "agendas" / "2022-06-15.yml"
    other.write_text("# by hand\n", encoding="utf-8")
    with pytest.raises(OutputExists):
        create_session(ws, draft_session(ws, day=date(2022, 6, 15), today=TODAY), today=TODAY)
    assert not (root / "agendas" / "2022-06-15.yaml").exists()


def test_workspace_template_overrides_and_is_checked(tree: Tree) -> None:
    root = workspace(tree)
    ws = load_workspace(root)
    draft = draft_session(ws, day=date(2022, 6, 14), today=TODAY)
    (root / "templates").mkdir()
    custom = root / "templates" / "session.yaml.j2"
    custom.write_text("# eigene Vorlage\ndate: {{ date }}\nhost: {{ host }}\n", encoding="utf-8")
    assert (
        session_text(ws, draft, today=TODAY) == '# eigene Vorlage\ndate: 2022-06-14\nhost: "ba-a"\n'
    )
    custom.write_text("date: {{ date }}\nhots: {{ host }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="unknown key 'hots'"):
        create_session(ws, draft, today=TODAY)
    custom.write_text("date: {{ date }}\nhost: {{ nobody }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="nobody"):
        create_session(ws, draft, today=TODAY)
    custom.write_text("date: {{ date }\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"session\.yaml\.j2"):
        create_session(ws, draft, today=TODAY)
    assert not (root / "agendas" / "2022-06-14.yaml").exists()


# --- checks --------------------------------------------------------------------------------


def test_carried_from_must_name_an_earlier_item(tree: Tree) -> None:
    later = """
    date: 2022-04-12
    host: ba-b
    items:
      - {title: A, carried_from: 2022-03-08-top2}
      - {title: B, carried_from: 2022-03-08-top7}
      - {title: C, carried_from: 2022-05-10-top1}
    """
    future = "date: 2022-05-10\nhost: ba-c\nitems:\n  - {title: D}\n"
    root = workspace(tree, **{"2022-03-08": HELD, "2022-04-12": later, "2022-05-10": future})
    problems = carried_from_problems(load_workspace(root))
    text = "\n".join(str(p) for p in problems)
    assert len(problems) == 2
    assert "agendas/2022-04-12.yaml:5:" in text and "'2022-03-08-top7': no such item" in text
    assert "did you mean '2022-03-08-top2'?" in text
    assert "agendas/2022-04-12.yaml:6:" in text and "earlier session" in text
    assert any("2022-03-08-top7" in str(p) for p in check_workspace(root)[0])


def test_config_problems_are_located(tree: Tree) -> None:
    body = (
        BODY.replace("BYDAY=2TU", "BYDAY=2TU;FREQ=DAILY")
        .replace('"07-01..08-31"', '"summer"')
        .replace("[ba-a, ba-b, ba-c]", "[ba-a, ba-b, ba-a]")
    )
    problems = config_problems(load_workspace(workspace(tree, body)))
    text = "\n".join(str(p) for p in problems)
    assert "kogsro.yaml:3:16:" in text and "given twice" in text
    assert "kogsro.yaml:3:88:" in text and "'summer'" in text
    assert "kogsro.yaml:2:24: 'ba-a' is in the rotation twice (first on line 2)" in text
