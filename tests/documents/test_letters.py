"""Absage and Verlegung: letters of their own in every format, and calendar entries that leave
calendar programs with the event cancelled, or at the new date only."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from kogsro.documents.build import session_documents
from kogsro.documents.calendar import feed, invitation_calendar
from kogsro.documents.session_docs import default_output_path, render_document
from kogsro.i18n import phrase
from kogsro.ledger.lifecycle import calendar_event
from kogsro.mail.drafts import draft_invitations
from kogsro.workspace.loader import Workspace, load_workspace
from tests.conftest import Golden, run_cli
from tests.documents.test_calendar import parse as parse_file
from tests.pdfcheck import flat_text, page_texts

SESSION = "2022-09-13"
REASON = "Der Sitzungssaal im Rathaus Schöneberg ist wegen eines Wasserschadens nicht nutzbar."

# Each parser runs in an interpreter of its own: only the file carries the event.
ICALENDAR = r"""
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = [
    {"uid": str(ev["UID"]), "sequence": int(ev["SEQUENCE"]), "status": str(ev["STATUS"]),
     "start": ev.decoded("DTSTART").isoformat(), "summary": str(ev["SUMMARY"])}
    for ev in cal.walk("VEVENT")
]
print(json.dumps({"method": str(cal.get("METHOD")), "events": events}))
"""
VOBJECT = r"""
import json, sys, vobject
cal = vobject.readOne(open(sys.argv[1], encoding="utf-8").read())
events = [
    {"uid": ev.uid.value, "sequence": int(ev.sequence.value), "status": ev.status.value,
     "start": ev.dtstart.value.isoformat(), "summary": ev.summary.value}
    for ev in cal.vevent_list
]
print(json.dumps({"method": cal.method.value, "events": events}))
"""


def parse(script: str, data: bytes, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "entry.ics"
    path.write_bytes(data)
    return parse_file(script, path)


def cancel(example: Path, reason: str | None = REASON) -> Workspace:
    path = example / "agendas" / f"{SESSION}.yaml"
    text = path.read_text(encoding="utf-8").replace("status: planned", "status: cancelled", 1)
    if reason:
        text = text.replace("status: cancelled", f"status: cancelled\nreason: {reason}", 1)
    path.write_text(text, encoding="utf-8")
    return load_workspace(example)


def postpone(example: Path, *, target: bool = True) -> Workspace:
    """September moves a week later: a new file 2022-09-20 with the same agenda."""
    path = example / "agendas" / f"{SESSION}.yaml"
    text = path.read_text(encoding="utf-8")
    moved = "status: postponed\n" + ("moved_to: 2022-09-20\n" if target else "")
    path.write_text(
        text.replace("status: planned\n", f"{moved}reason: {REASON}\n", 1), encoding="utf-8"
    )
    if target:
        new = text.replace("date: 2022-09-13", "date: 2022-09-20").replace("status: planned\n", "")
        (example / "agendas" / "2022-09-20.yaml").write_text(new, encoding="utf-8")
    return load_workspace(example)


def render(ws: Workspace, fmt: str, lang: str = "de", session: str = SESSION) -> bytes:
    return render_document(ws, ws.session(session), "invitation", fmt, lang=lang)  # type: ignore[arg-type]


def invitation_words(lang: str) -> list[str]:
    """What only an invitation says: the invitation sentence's start, the reply request and
    the invitation period."""
    return [
        phrase(lang, "invitation_text", body="X", date="Y", time="Z").split("X")[0],
        phrase(lang, "rsvp"),
        phrase(lang, "invitation_period_text", days=14, date="Q").split("14")[0],
    ]


# --- the letters -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "en"])
def test_cancellation_golden(example: Path, golden: Golden, lang: str) -> None:
    ws = cancel(example)
    suffix = "" if lang == "de" else ".en"
    golden.check(f"documents/{SESSION}/cancellation{suffix}.md", render(ws, "md", lang).decode())
    golden.check(f"documents/{SESSION}/cancellation{suffix}.txt", render(ws, "txt", lang).decode())


@pytest.mark.parametrize("lang", ["de", "en"])
def test_postponement_golden(example: Path, golden: Golden, lang: str) -> None:
    ws = postpone(example)
    suffix = "" if lang == "de" else ".en"
    golden.check(f"documents/{SESSION}/postponement{suffix}.md", render(ws, "md", lang).decode())
    golden.check(f"documents/{SESSION}/postponement{suffix}.txt", render(ws, "txt", lang).decode())


@pytest.mark.parametrize("lang", ["de", "en"])
def test_cancellation_says_what_a_cancellation_says(example: Path, lang: str) -> None:
    ws = cancel(example)
    for fmt in ("md", "html", "pdf", "txt"):
        data = render(ws, fmt, lang)
        text = flat_text(data) if fmt == "pdf" else data.decode()
        text = " ".join(text.replace("\\", "").split())
        heading = {"de": "Absage der Sitzung am Dienstag, 13. September 2022", "en": "Cancel"}
        assert heading[lang] in text, fmt
        assert REASON in text, fmt
        apology = phrase(lang, "cancellation_apology")
        assert apology.split(",")[0] in text, fmt
        assert "Rathaus Schöneberg" in text  # the place that was planned
        for word in invitation_words(lang):
            assert word not in text, (fmt, word)
        # no agenda with its time plan
        assert "Berichte aus den Bezirken" not in text, fmt
        assert phrase(lang, "agenda") not in text, fmt


def test_cancellation_without_reason_and_with_a_next_session(example: Path) -> None:
    (example / "agendas" / "2022-10-11.yaml").write_text(
        "date: 2022-10-11\nhost: ba-nk\n", encoding="utf-8"
    )
    ws = cancel(example, reason=None)
    text = render(ws, "md").decode()
    assert "Grund" not in text
    assert "Die nächste Sitzung ist für Dienstag, 11. Oktober 2022 geplant" in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_postponement_says_old_and_new_date_and_the_new_agenda(example: Path, lang: str) -> None:
    ws = postpone(example)
    for fmt in ("md", "html", "pdf", "txt"):
        data = render(ws, fmt, lang)
        text = flat_text(data) if fmt == "pdf" else data.decode()
        text = " ".join(text.replace("\\", "").split())
        new = {"de": "Dienstag, 20. September 2022", "en": "Tuesday, 20 September 2022"}[lang]
        old = {"de": "Dienstag, 13. September 2022", "en": "Tuesday, 13 September 2022"}[lang]
        assert new in text and old in text, fmt
        assert phrase(lang, "new_agenda", date="").split("{")[0].strip() in text, fmt
        assert "Berichte aus den Bezirken" in text, fmt  # the new session's agenda
        assert REASON in text, fmt
        for word in invitation_words(lang):
            assert word not in text, (fmt, word)


def test_postponement_to_no_date_yet(example: Path) -> None:
    ws = postpone(example, target=False)
    text = render(ws, "md").decode()
    assert "wird verschoben. Den neuen Termin teile ich Ihnen rechtzeitig mit." in text
    assert "Tagesordnung" not in text


def test_letters_are_one_page_pdfs_named_after_what_they_are(example: Path) -> None:
    ws = cancel(example)
    assert len(page_texts(render(ws, "pdf"))) == 1
    session = ws.session(SESSION)
    assert default_output_path(ws, session, "invitation", "pdf", "de").name == "cancellation.pdf"
    assert session_documents(session) == [("invitation", ("md", "html", "pdf"))]
    code, _, err = run_cli("invite", SESSION)
    assert code == 0, err
    assert (example / "out" / SESSION / "cancellation.pdf").is_file()
    assert "invitation period" not in err


# --- the calendar ----------------------------------------------------------------------------


@pytest.mark.parametrize("script", [ICALENDAR, VOBJECT], ids=["icalendar", "vobject"])
def test_cancellation_in_the_calendar(example: Path, tmp_path: Path, script: str) -> None:
    ws = cancel(example)
    invited = parse(
        script, invitation_calendar(load_workspace(example), ws.session(SESSION)), tmp_path
    )
    assert invited["method"] == "CANCEL"
    [event] = invited["events"]
    assert event["uid"] == f"{SESSION}@kog-sro.kogsro"  # the original UID
    assert event["sequence"] == 1  # higher than the invitation's (revision 0)
    assert event["status"] == "CANCELLED"


@pytest.mark.parametrize("script", [ICALENDAR, VOBJECT], ids=["icalendar", "vobject"])
def test_postponement_moves_the_entry(example: Path, tmp_path: Path, script: str) -> None:
    before = load_workspace(example)
    original = parse(script, invitation_calendar(before, before.session(SESSION)), tmp_path)
    ws = postpone(example)
    moved = parse(script, invitation_calendar(ws, ws.session(SESSION)), tmp_path)
    # the same entry (UID), a higher SEQUENCE, the new date: a REQUEST that updates it
    assert original["method"] == moved["method"] == "REQUEST"
    [old], [new] = original["events"], moved["events"]
    assert new["uid"] == old["uid"] == f"{SESSION}@kog-sro.kogsro"
    assert new["sequence"] > old["sequence"]
    assert new["start"].startswith("2022-09-20T10:00:00")
    assert new["status"] == "CONFIRMED"
    # the new session's own invitation is that entry, not a second one
    own = parse(script, invitation_calendar(ws, ws.session("2022-09-20")), tmp_path)
    assert own["events"][0]["uid"] == new["uid"]
    assert own["events"][0]["sequence"] == new["sequence"]
    # and the feed holds it once, at the new date
    fed = parse(script, feed(ws), tmp_path)
    chain = [e for e in fed["events"] if e["uid"] == new["uid"]]
    assert len(chain) == 1 and chain[0]["start"].startswith("2022-09-20")


def test_a_changed_new_session_and_a_cancelled_one_keep_raising_the_sequence(
    example: Path,
) -> None:
    ws = postpone(example)
    assert calendar_event(ws, ws.session("2022-09-20")).sequence == 1
    path = example / "agendas" / "2022-09-20.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "revision: 2\n", encoding="utf-8")
    ws = load_workspace(example)
    assert calendar_event(ws, ws.session("2022-09-20")).sequence == 3
    text = path.read_text(encoding="utf-8").replace(
        "date: 2022-09-20", "date: 2022-09-20\nstatus: cancelled"
    )
    path.write_text(text, encoding="utf-8")
    ws = load_workspace(example)
    entry = calendar_event(ws, ws.session("2022-09-20"))
    assert (entry.method, entry.sequence, entry.uid_of) == ("CANCEL", 4, SESSION)
    # the postponed session's letter now leads to the cancellation of that entry
    assert calendar_event(ws, ws.session(SESSION)).method == "CANCEL"


def test_postponed_to_no_date_yet_is_cancelled_in_the_calendar(example: Path) -> None:
    ws = postpone(example, target=False)
    entry = calendar_event(ws, ws.session(SESSION))
    assert (entry.method, entry.sequence) == ("CANCEL", 1)


# --- the mail --------------------------------------------------------------------------------


def test_postponement_mail(example: Path) -> None:
    ws = postpone(example)
    drafts, _ = draft_invitations(ws, ws.session(SESSION))
    message = message_from_bytes(drafts[0].as_bytes(), policy=policy.default)
    assert message["Subject"] == (
        "Verlegung: KoG SRO am Dienstag, 13. September 2022, neuer Termin Dienstag, "
        "20. September 2022"
    )
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and "wird auf Dienstag, 20. September 2022" in body.get_content()
    calendars = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert [p.get_param("method") for p in calendars] == ["REQUEST"]


def test_cancellation_mail(example: Path) -> None:
    ws = cancel(example)
    drafts, _ = draft_invitations(ws, ws.session(SESSION), lang="en")
    message = message_from_bytes(drafts[0].as_bytes(), policy=policy.default)
    assert message["Subject"] == "Cancelled: KoG SRO on Tuesday, 13 September 2022"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and "will not take place" in body.get_content()
    calendars = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert [p.get_param("method") for p in calendars] == ["CANCEL"]
