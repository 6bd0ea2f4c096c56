"""Session numbers: numbering_start, number: overrides, cancelled and postponed get none."""

from __future__ import annotations

from pathlib import Path

from kogsro import api
from kogsro.documents.calendar import invitation_calendar
from kogsro.documents.oparl import export
from kogsro.documents.session_docs import render_document
from kogsro.ledger.numbers import session_numbers
from kogsro.workspace.loader import Workspace, load_workspace

ROSTER = """
organisations:
  - {id: ba-a, name: Bezirksamt A, short: A, kind: district}
people:
  - {id: p-a, name: Erika Beispiel, organisation: ba-a, member: true, email: erika@example.org}
"""


def make(tmp_path: Path, config: str, sessions: dict[str, str]) -> Workspace:
    root = tmp_path / "ws"
    files = {
        "kogsro.yaml": "body: {name: Koordinierungsgruppe, short: KoG SRO}\n" + config,
        "attendees.yaml": ROSTER,
    }
    for day, extra in sessions.items():
        files[f"agendas/{day}.yaml"] = f"date: {day}\nhost: ba-a\n{extra}"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return load_workspace(root)


SESSIONS = {
    "2023-01-10": "",
    "2023-02-14": "status: cancelled\n",
    "2023-03-14": "",
    "2023-04-11": "number: 40\n",
    "2023-05-09": "title: Sitzung der KoG SRO – Klausur\n",
    "2023-06-13": "title: Sondersitzung Haushalt\n",
}


def test_numbers_count_in_date_order_and_skip_cancelled_sessions(tmp_path: Path) -> None:
    ws = make(tmp_path, "numbering_start: 27\n", SESSIONS)
    assert session_numbers(ws) == {
        "2023-01-10": 27,
        "2023-03-14": 28,
        "2023-04-11": 40,
        "2023-05-09": 41,
        "2023-06-13": 42,
    }


def test_without_numbering_start_only_overrides_count(tmp_path: Path) -> None:
    ws = make(tmp_path, "", SESSIONS)
    assert session_numbers(ws) == {"2023-04-11": 40, "2023-05-09": 41, "2023-06-13": 42}
    plain = make(tmp_path / "plain", "", {"2023-01-10": ""})
    assert session_numbers(plain) == {}
    text = render_document(plain, plain.sessions[0], "invitation", "md").decode()
    assert "zur Sitzung der KoG SRO am" in text


def test_titles_letters_calendar_and_oparl_carry_the_number(tmp_path: Path) -> None:
    ws = make(tmp_path, "numbering_start: 27\n", SESSIONS)
    by_id = {s.id: s for s in ws.sessions}
    text = render_document(ws, by_id["2023-03-14"], "invitation", "md").decode()
    assert text.startswith("# Einladung: 28\\. Sitzung der KoG SRO")
    assert "hiermit lade ich Sie zur 28. Sitzung der KoG SRO am Dienstag, 14. März 2023" in text
    english = render_document(ws, by_id["2023-03-14"], "invitation", "md", lang="en").decode()
    assert "You are invited to meeting No. 28 of the KoG SRO on" in english
    klausur = render_document(ws, by_id["2023-05-09"], "minutes", "md").decode()
    assert "41\\. Sitzung der KoG SRO – Klausur" in klausur
    ics = invitation_calendar(ws, by_id["2023-06-13"]).decode()
    assert "SUMMARY:42. Sitzung der KoG SRO: Sondersitzung Haushalt" in ics.replace("\r\n ", "")
    document = export(ws, public_only=False)
    names = {m["id"].rsplit("/", 1)[-1]: m["name"] for m in document["meetings"]["data"]}
    assert names["2023-01-10"] == "27. Sitzung der KoG SRO"
    assert names["2023-02-14"] == "Sitzung der KoG SRO"  # cancelled: no number


def test_check_reports_numbers_that_cannot_be(tmp_path: Path) -> None:
    ws = make(
        tmp_path,
        "numbering_start: 27\n",
        {
            "2023-01-10": "",
            "2023-02-14": "status: cancelled\nnumber: 28\n",
            "2023-03-14": "number: 27\n",
        },
    )
    messages = [str(p) for p in api.check_workspace(ws.root)[0]]
    assert any(
        "2023-02-14.yaml:4:" in m and "a cancelled session gets no number" in m for m in messages
    ), messages
    assert any(
        "2023-03-14.yaml:3:" in m and "number 27 is also the number of session 2023-01-10" in m
        for m in messages
    ), messages
    (ws.root / "agendas" / "2023-01-10.yaml").write_text(
        "date: 2023-01-10\nhost: ba-a\nnumber: 0\n", encoding="utf-8"
    )
    messages = [str(p) for p in api.check_workspace(ws.root)[0]]
    assert any("2023-01-10.yaml:3:" in m and "number" in m for m in messages), messages
