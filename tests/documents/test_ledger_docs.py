"""The decision log and the task list of the example workspace: selecting, rows, CSV."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kogsro.documents.ledger_docs import (
    ActionQuery,
    DecisionQuery,
    action_rows,
    actions_csv,
    actions_file,
    decision_log,
    decision_rows,
    decisions_csv,
    decisions_file,
    owner_ids,
    task_list,
)
from kogsro.errors import UsageError
from kogsro.ledger.fold import build_ledger
from kogsro.workspace.loader import Workspace, load_workspace
from tests.conftest import Golden, copy_example
from tests.documents.test_session_docs import (
    HOSTILE,
    english_workspace,
    flat,
    german_left,
    hostile_workspace,
    html_text,
    visible_text,
)
from tests.pdfcheck import digest

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
    # the core says what is wrong and which setting; the command line spells it (--host)
    with pytest.raises(UsageError, match=r"^unknown organisation 'ba-szz'$") as caught:
        decision_log(ws, DecisionQuery(host="ba-szz"))
    assert caught.value.hint == "did you mean 'ba-sz'?"
    assert caught.value.option == "host"
    with pytest.raises(UsageError, match="unknown organisation 'spk-sz'"):
        decision_log(ws, DecisionQuery(host="spk-sz"))  # a person does not host
    with pytest.raises(UsageError, match=r"^unknown status 'valide'$") as caught:
        decision_log(ws, DecisionQuery(statuses=("valide",)))
    assert caught.value.option == "status"
    with pytest.raises(UsageError, match="first day 2022-06-01 is after the last day 2022-05-01"):
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
    with pytest.raises(UsageError, match=r"^unknown person or organisation 'nobody'$") as caught:
        owner_ids(ws, "nobody")
    assert caught.value.option == "owner"


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
    assert first["vote"] == {"yes": 11, "no": 0, "abstain": 1}
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
    data = decisions_csv(rows)
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(table) == 7
    assert table[0]["vote"] == "counted" and table[0]["yes"] == "11" and table[0]["abstain"] == "1"
    consensus = next(r for r in table if r["id"] == "2022-04-12-top4-d1")
    assert (consensus["vote"], consensus["yes"]) == ("consensus", "")
    assert "Bürger*innenbeteiligung" in consensus["text"]
    amended = next(r for r in table if r["id"] == "2022-03-09-top4-d1")
    assert amended["status"] == "amended" and amended["notes"].startswith("2022-04-12: ")


def test_csv_of_the_task_list_neutralises_formulas(ws: Workspace) -> None:
    rows = action_rows(ws, task_list(ws, ActionQuery(as_of=AS_OF)), AS_OF)
    rows[0] = {**rows[0], "task": '=HYPERLINK("http://evil.example","klick")', "notes": ["@x"]}
    text = actions_csv(rows, delimiter=";").decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert table[0]["task"] == '\'=HYPERLINK("http://evil.example","klick")'
    assert table[0]["notes"] == "'@x"
    assert table[0]["overdue"] == "no"
    assert {r["overdue"] for r in table} == {"yes", "no"}


# --- documents: md, html, pdf -------------------------------------------------------------------

DOCUMENT_FORMATS = ("md", "html", "pdf")


def document(ws: Workspace, kind: str, fmt: str, *, lang: str | None = None, **query: Any) -> bytes:
    if kind == "decisions":
        decision_query = DecisionQuery(**query)
        entries = decision_log(ws, decision_query)
        return decisions_file(ws, entries, decision_query, fmt, lang=lang)
    action_query = ActionQuery(as_of=AS_OF, **query)
    return actions_file(ws, task_list(ws, action_query), action_query, fmt, lang=lang)


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
@pytest.mark.parametrize("kind", ["decisions", "actions"])
def test_example_ledger_documents_match_golden(
    ws: Workspace, golden: Golden, kind: str, fmt: str
) -> None:
    data = document(ws, kind, fmt)
    if fmt == "pdf":
        golden.check(f"ledger/{kind}.pdf.txt", digest(data))
    else:
        golden.check(f"ledger/{kind}.{fmt}", data.decode("utf-8"))


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_decision_log_document(ws: Workspace, fmt: str) -> None:
    text = visible_text(document(ws, "decisions", fmt), fmt)
    for ident in ("2022-03-09-top2-d1", "2022-04-12-top5-d1", "2022-06-14-top4.3-d1"):
        assert ident in text
    assert "Sitzung am 9. März 2022" in text
    assert "Ja: 11, Nein: 0, Enthaltungen: 1 – angenommen" in text
    assert "Stand: geändert" in text
    assert "12.04.2022: Ergänzt: Für Indikatoren" in text  # the note, its date in words
    assert "Beschlussübersicht" in text


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_task_list_document(ws: Workspace, fmt: str) -> None:
    text = visible_text(document(ws, "actions", fmt, open_only=True), fmt)
    assert "Stand: 1. Juni 2022" in text and "Auswahl: nur offene Aufgaben" in text
    assert "2022-03-09-top5-a2" in text and "überfällig" in text
    assert "Jonas Muster (Pankow)" in text
    assert "2022-03-09-top3-a1" not in text  # done


def test_revoked_decisions_are_struck_through(tree: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(tree({}))
    copy_example(root)
    monkeypatch.chdir(root)
    path = root / "agendas" / "2022-09-13.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - {decision: 2022-04-12-top5-d1, status: revoked, note: Aufgehoben.}\n",
        encoding="utf-8",
    )
    ws = load_workspace(root)
    md = document(ws, "decisions", "md", statuses=("revoked",)).decode()
    assert "~~Die Sitzung am 10. Mai 2022 entfällt." in md
    html = document(ws, "decisions", "html", statuses=("revoked",)).decode()
    assert "<del>Die Sitzung am 10. Mai 2022 entfällt." in html
    assert "Stand Aufgehoben" not in html and "aufgehoben" in html
    assert "Auswahl: Stand aufgehoben" in visible_text(html.encode(), "html")


def test_filters_are_named_in_the_document(ws: Workspace) -> None:
    text = visible_text(
        document(ws, "decisions", "md", since=date(2022, 4, 1), host="ba-sz", search="format"),
        "md",
    )
    assert (
        "Auswahl: Sitzungen ab 1. April 2022; Gastgeber Steglitz-Zehlendorf; "
        "Suche nach „format“" in text
    )
    assert "2022-06-14-top4.3-d1" in text and "2022-06-14-top2-d1" not in text


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_nothing_found(ws: Workspace, fmt: str) -> None:
    assert "Keine Beschlüsse gefunden." in visible_text(
        document(ws, "decisions", fmt, search="nirgendwo"), fmt
    )
    assert "Keine Aufgaben gefunden." in visible_text(
        document(ws, "actions", fmt, search="nirgendwo"), fmt
    )


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
def test_public_documents(ws: Workspace, fmt: str) -> None:
    text = visible_text(document(ws, "actions", fmt, public=True), fmt)
    assert "Öffentliche Fassung" in text
    assert "2022-06-14-top5-a1" not in text  # TOP 5 is non-public
    assert "2022-06-14-top4.3-a1" in text


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
@pytest.mark.parametrize("kind", ["decisions", "actions"])
def test_english_ledger_documents_have_no_german_left(
    tree: Any, monkeypatch: pytest.MonkeyPatch, kind: str, fmt: str
) -> None:
    root = english_workspace(Path(tree({})) / "en")
    monkeypatch.chdir(root)
    ws = load_workspace(root)
    text = visible_text(document(ws, kind, fmt), fmt)
    assert ("Decision log" if kind == "decisions" else "Task list") in text
    assert not german_left(text)


@pytest.fixture
def hostile(tree: Any, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    root = hostile_workspace(Path(tree({})) / "hostile")
    monkeypatch.chdir(root)
    return load_workspace(root)


@pytest.mark.parametrize("fmt", DOCUMENT_FORMATS)
@pytest.mark.parametrize("kind", ["decisions", "actions"])
def test_hostile_strings_come_out_literally(hostile: Workspace, kind: str, fmt: str) -> None:
    data = document(hostile, kind, fmt)
    text = visible_text(data, fmt)
    for value in HOSTILE:
        assert flat(value) in text, f"{value!r} is not in the {kind} as {fmt}"
    assert "49" not in text
    if fmt == "html":
        parsed = html_text(data.decode())
        assert not parsed.tags & {"b", "script", "img", "iframe"}, parsed.tags


def test_a_workspace_template_overrides_the_built_in_one(tree: Any) -> None:
    root = Path(tree({}))
    copy_example(root)
    (root / "templates").mkdir()
    (root / "templates" / "decisions.md.j2").write_text(
        "{% for s in sessions %}{% for d in s.decisions %}{{ d.id }}\n{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    ws = load_workspace(root)
    assert document(ws, "decisions", "md").decode().splitlines()[0] == "2022-03-09-top2-d1"
