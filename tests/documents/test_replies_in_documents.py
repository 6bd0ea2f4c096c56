"""Replies and deputies where users meet them: show, the sign-in sheet, the minutes."""

from __future__ import annotations

import json
from pathlib import Path

from kogsro import api
from kogsro.documents.session_docs import render_document
from kogsro.workspace.loader import load_workspace
from tests.conftest import run_cli
from tests.rsvp_workspace import rsvp_workspace


def test_show_gives_counts_and_the_forecast(tmp_path: Path, monkeypatch: object) -> None:
    ws = rsvp_workspace(tmp_path)
    api.record_rsvp(ws, ws.sessions[0], "spk-a", "yes")
    api.record_rsvp(ws, ws.sessions[0], "sen-1", "no")
    code, out, _err = run_cli("show", "2023-03-21", "--json", cwd=ws.root)
    assert code == 0
    data = json.loads(out)
    assert data["rsvp"] == {
        "yes": 1,
        "no": 1,
        "maybe": 0,
        "open": 2,
        "members": 4,
        "quorum": {
            "counts": "people",
            "voices": 4,
            "required": 3,
            "confirmed": 1,
            "expected": False,
        },
    }
    assert "only 1 of 4 members have confirmed for 2023-03-21; a quorum needs 3" in data["warnings"]
    code, out, err = run_cli("show", "2023-03-21", cwd=ws.root)
    assert "Rückmeldungen  1 ja, 1 nein, 0 vielleicht, 2 offen; beschlussfähig ab 3" in out
    assert "only 1 of 4 members have confirmed" in err


def test_the_sign_in_sheet_puts_confirmed_people_and_deputies_first(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    session = ws.sessions[0]
    api.record_rsvp(ws, session, "sen-1", "yes")
    api.record_rsvp(ws, session, "spk-nk", "no", deputy="spk-nk-v")
    api.record_rsvp(ws, session, "spk-a", "no")
    text = render_document(ws, session, "attendance", "md").decode()
    rows = [line for line in text.splitlines() if line.startswith("| ") and "|--" not in line]
    names = [row.split("|")[2].strip() for row in rows[1:5]]
    assert names == [
        "Tobias Vertretungsmann i. V. für Leyla Beispielfrau",
        "Maria Musterfrau",
        "Björn Beispielmann",
        "Erika Beispiel",
    ]
    assert "(" not in names[0]
    pdf = render_document(ws, session, "attendance", "pdf", lang="en")
    from io import BytesIO

    from pypdf import PdfReader

    page = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    flat = " ".join(page.split()).replace("\xad ", "")  # words hyphenated at a line end
    assert "Tobias Vertretungsmann on behalf of Leyla Beispielfrau" in flat, page


def test_minutes_name_the_deputy_without_nested_brackets(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    path = ws.agendas_dir / "2023-03-21.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "attendance: {present: [spk-nk-v, spk-a, sen-1], excused: [sen-2]}\n",
        encoding="utf-8",
    )
    ws = load_workspace(ws.root)
    text = render_document(ws, ws.sessions[0], "minutes", "md").decode()
    assert "Tobias Vertretungsmann i. V. für Leyla Beispielfrau (Neukölln)" in text
    assert "(in Vertretung" not in text
    english = render_document(ws, ws.sessions[0], "minutes", "md", lang="en").decode()
    assert "Tobias Vertretungsmann on behalf of Leyla Beispielfrau (Neukölln)" in english
