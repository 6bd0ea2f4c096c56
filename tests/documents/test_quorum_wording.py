"""The quorum in the documents: "n von m" by the configured base, and a vote without a quorum
stated plainly in the minutes and the decision log, never as "angenommen"."""

from __future__ import annotations

from pathlib import Path

from kogsro.documents.ledger_docs import DecisionQuery, decision_log, decisions_file
from kogsro.documents.session_docs import render_document
from kogsro.workspace.loader import load_workspace
from tests.ledger.test_plausibility import workspace


def minutes(root: Path, lang: str = "de") -> str:
    ws = load_workspace(root)
    return render_document(ws, ws.sessions[0], "minutes", "md", lang=lang).decode()


def test_minutes_count_organisations(tmp_path: Path) -> None:
    text = minutes(workspace(tmp_path, present="a, b, c"))
    assert (
        "Vertreten sind 2 von 3 Mitgliedsorganisationen (je Organisation eine Stimme). "
        "Die B ist beschlussfähig (erforderlich: mehr als die Hälfte der "
        "Mitgliedsorganisationen, also mindestens 2)."
    ) in text
    assert "Ja: 2, Nein: 0, Enthaltungen: 0 – angenommen" in text


def test_minutes_count_people(tmp_path: Path) -> None:
    text = minutes(workspace(tmp_path, present="a, b, c", counts="people"), "en")
    assert (
        "3 of 5 members are present. The B has a quorum "
        "(required: more than half of the members, that is at least 3)."
    ) in text


def test_a_vote_without_a_quorum_is_no_decision(tmp_path: Path) -> None:
    root = workspace(tmp_path, yes=1, present="a", taker="a")
    text = minutes(root)
    assert "Die B ist nicht beschlussfähig" in text
    assert "angenommen" not in text
    assert (
        "Ja: 1, Nein: 0, Enthaltungen: 0 – kein wirksamer Beschluss, da die Sitzung nicht "
        "beschlussfähig war"
    ) in text
    assert "no valid decision: the meeting was not quorate" in minutes(root, "en")
    ws = load_workspace(root)
    query = DecisionQuery()
    log = decisions_file(ws, decision_log(ws, query), query, "md").decode()
    assert "kein wirksamer Beschluss" in log and "angenommen" not in log


def test_the_sign_in_sheet_says_n_of_m(tmp_path: Path) -> None:
    ws = load_workspace(workspace(tmp_path))
    text = render_document(ws, ws.sessions[0], "attendance", "md").decode()
    assert "**Beschlussfähigkeit:** mindestens 2 von 3 Mitgliedsorganisationen" in text
    text = render_document(ws, ws.sessions[0], "attendance", "md", lang="en").decode()
    assert "**Quorum:** at least 2 of 3 member organisations" in text
