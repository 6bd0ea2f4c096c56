"""iCalendar invitations and feeds, read back by independent parsers in fresh processes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kogsro.documents.calendar import event_uid, feed, invitation_calendar
from kogsro.errors import InputError
from kogsro.formats.ics import param_text, slug
from kogsro.workspace.loader import Workspace, load_workspace
from tests.sample_workspace import ROSTER, sample_files

Tree = Callable[[dict[str, str]], Path]

# Each parser runs in its own interpreter, so nothing of icalendar (which wrote the file) or
# of kogsro is loaded: the file alone has to carry the local times and the attendees.
VOBJECT = r"""
import json, sys, vobject
cal = vobject.readOne(open(sys.argv[1], encoding="utf-8").read())
events = []
for ev in cal.vevent_list:
    start, end = ev.dtstart.value, ev.dtend.value
    events.append({
        "uid": ev.uid.value,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "offset": start.utcoffset().total_seconds() / 3600,
        "summary": ev.summary.value,
        "status": ev.status.value,
        "sequence": int(ev.sequence.value),
        "description": ev.description.value,
        "location": ev.location.value if hasattr(ev, "location") else None,
        "url": ev.url.value if hasattr(ev, "url") else None,
        "organizer": (
            [ev.organizer.params["CN"][0], ev.organizer.value] if hasattr(ev, "organizer") else None
        ),
        "attendees": sorted(
            [a.params["CN"][0], a.value] for a in ev.contents.get("attendee", [])
        ),
    })
method = cal.method.value if hasattr(cal, "method") else None
print(json.dumps({"method": method, "events": events}))
"""

ICS = r"""
import json, sys
from ics import Calendar
cal = Calendar(open(sys.argv[1], encoding="utf-8").read())
events = []
for ev in sorted(cal.events, key=lambda e: e.begin):
    events.append({
        "uid": ev.uid,
        "start": ev.begin.isoformat(),
        "end": ev.end.isoformat(),
        "offset": ev.begin.utcoffset().total_seconds() / 3600,
        "summary": ev.name,
        "status": ev.status,
        "description": ev.description,
        "location": ev.location,
        "url": ev.url,
        "organizer": (
            [ev.organizer.common_name, "mailto:" + ev.organizer.email] if ev.organizer else None
        ),
        "attendees": sorted([a.common_name, "mailto:" + a.email] for a in ev.attendees),
    })
print(json.dumps({"method": cal.method, "events": events}))
"""

PARSERS = {"vobject": VOBJECT, "ics": ICS}


def parse(script: str, path: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def ws(tree: Tree) -> Workspace:
    return load_workspace(tree(sample_files()))


def write(tmp_path: Path, data: bytes, name: str = "invite.ics") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- the file itself -------------------------------------------------------------------------


def test_winter_invitation_matches_golden_file(ws: Workspace, golden: Any) -> None:
    data = invitation_calendar(ws, ws.session("2022-01-11"))
    # kept with plain line ends in git; the CRLF ends are tested on their own below
    golden.check("ics/invitation-2022-01-11.ics", data.decode("utf-8").replace("\r\n", "\n"))


def test_lines_are_folded_crlf_and_at_most_75_octets(ws: Workspace) -> None:
    data = invitation_calendar(ws, ws.session("2022-07-12"))
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_uid_is_stable_across_runs_and_machines(tree: Tree, tmp_path: Path) -> None:
    first = load_workspace(tree(sample_files()))
    other_root = tmp_path / "elsewhere"
    other_root.mkdir()
    from tests.conftest import build_file_tree

    second = load_workspace(build_file_tree(other_root, sample_files()))
    assert event_uid(first, first.session("2022-07-12")) == "2022-07-12@kog-sro.kogsro"
    assert event_uid(second, second.session("2022-07-12")) == "2022-07-12@kog-sro.kogsro"
    one = invitation_calendar(first, first.session("2022-07-12"))
    two = invitation_calendar(second, second.session("2022-07-12"))
    assert one == two  # DTSTAMP is frozen by SOURCE_DATE_EPOCH in the tests


def test_dtstamp_follows_the_clock(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert b"DTSTAMP:20231114T221320Z" in invitation_calendar(ws, ws.session("2022-07-12"))


def test_sequence_comes_from_the_revision(tree: Tree) -> None:
    root = tree(sample_files())
    path = root / "agendas" / "2022-07-12.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "revision: 3\n", encoding="utf-8")
    ws = load_workspace(root)
    assert b"SEQUENCE:3\r\n" in invitation_calendar(ws, ws.session("2022-07-12"))


def test_cancelled_session_is_a_cancel_message(ws: Workspace) -> None:
    text = invitation_calendar(ws, ws.session("2022-09-13")).decode()
    assert "METHOD:CANCEL\r\n" in text
    assert "STATUS:CANCELLED\r\n" in text
    assert "SEQUENCE:2\r\n" in text  # revision 1, and one higher: the cancellation replaces it
    assert "ATTENDEE" in text  # the cancellation goes to everybody who was invited
    assert "Die Sitzung ist abgesagt." in text.replace("\r\n ", "")


def test_public_invitation_leaves_out_people_link_and_closed_items(ws: Workspace) -> None:
    text = invitation_calendar(ws, ws.session("2022-01-11"), public=True).decode()
    unfolded = text.replace("\r\n ", "")
    assert "ATTENDEE" not in text
    assert "Personalien" not in unfolded
    assert "Berichte\\; Ausblick\\, Planung" in unfolded
    text = invitation_calendar(ws, ws.session("2022-07-12"), public=True).decode()
    assert "URL:" not in text
    assert "meet.example.org" not in text.replace("\r\n ", "")


def test_english_description(ws: Workspace) -> None:
    text = invitation_calendar(ws, ws.session("2022-07-12"), lang="en").decode()
    unfolded = text.replace("\r\n ", "")
    assert "Agenda:" in unfolded
    assert "Please reply by: Tuesday\\, 5 July 2022" in unfolded


def test_person_without_address_is_left_out(ws: Workspace) -> None:
    text = invitation_calendar(ws, ws.session("2022-07-12")).decode().replace("\r\n ", "")
    assert "Ohneadresse" not in text
    assert "Ohne Mail" not in text
    assert 'CN="Verein ohne Personen e.V.";CUTYPE=GROUP' in text


def test_name_with_a_line_break_is_refused_at_its_roster_entry(tree: Tree) -> None:
    roster = ROSTER.replace('name: "Müller, Anna"', 'name: "Müller,\\nAnna"')
    with pytest.raises(InputError) as caught:  # refused when the roster is loaded
        load_workspace(tree(sample_files({"attendees.yaml": roster})))
    (problem,) = caught.value.problems
    assert problem.file.endswith("attendees.yaml")
    assert (problem.line, problem.column) == (31, 11)
    assert "people[" in problem.message and "a line break at character 8" in problem.message


def test_param_text() -> None:
    assert param_text('Verein "Kiez" e.V.') == "Verein “Kiez” e.V."
    assert param_text("Müller,\n  Anna") == "Müller, Anna"
    assert slug("KoG SRO") == "kog-sro"
    assert slug("Großer Ausschuß") == "grosser-ausschuss"
    assert slug("!!!") == "body"


# --- read back by independent parsers --------------------------------------------------------

EXPECTED_ATTENDEES = sorted(
    [
        ["Jürgen Weißmüller", "mailto:juergen.weissmueller@example.org"],
        ["Müller, Anna", "mailto:anna.mueller@example.org"],
        ["Erika “Eri” Beispiel", "mailto:erika.beispiel@example.org"],
        ["Ömer Beispieloğlu; Referent", "mailto:oemer@example.org"],
        ["Dr. Klara Testfall", "mailto:klara.testfall@example.org"],
        ["Zoë Exemplarisch", "mailto:zoe@example.org"],
        ["Verein ohne Personen e.V.", "mailto:post@verein.example.org"],
        ["Mia Gastmann", "mailto:mia.gastmann@example.org"],
    ]
)


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_summer_invitation_read_by_independent_parser(
    parser: str, ws: Workspace, tmp_path: Path
) -> None:
    path = write(tmp_path, invitation_calendar(ws, ws.session("2022-07-12")))
    data = parse(PARSERS[parser], path)
    assert data["method"] == "REQUEST"
    (event,) = data["events"]
    assert event["start"] == "2022-07-12T14:00:00+02:00"  # CEST
    assert event["end"] == "2022-07-12T15:45:00+02:00"
    assert event["offset"] == 2
    assert event["uid"] == "2022-07-12@kog-sro.kogsro"
    assert event["summary"] == "Sitzung der KoG SRO"
    assert event["url"] == "https://meet.example.org/kog-sro?id=1&pw=2"
    assert event["organizer"] == ["Müller, Anna", "mailto:anna.mueller@example.org"]
    assert event["attendees"] == EXPECTED_ATTENDEES
    assert "TOP 2  14:15  Neue Ansätze der Bürger*innenbeteiligung" in event["description"]
    assert "Vorsitz: Müller, Anna" in event["description"]


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_winter_invitation_read_by_independent_parser(
    parser: str, ws: Workspace, tmp_path: Path
) -> None:
    path = write(tmp_path, invitation_calendar(ws, ws.session("2022-01-11")))
    (event,) = parse(PARSERS[parser], path)["events"]
    assert event["start"] == "2022-01-11T10:00:00+01:00"  # CET
    assert event["end"] == "2022-01-11T12:30:00+01:00"
    assert event["offset"] == 1
    assert event["location"] == "Rathaus Nord, Hauptstraße 1, 10000 Berlin"
    assert event["summary"] == "Sitzung der KoG SRO"
    # the host's district has no address of its own: its SPK lead organises
    assert event["organizer"] == ["Jürgen Weißmüller", "mailto:juergen.weissmueller@example.org"]
    assert len(event["attendees"]) == 4  # members only, one without address left out
    description = event["description"]
    assert "TOP 2  10:10  Berichte; Ausblick, Planung" in description
    assert "   TOP 2.1  10:10  Bericht Nord" in description
    assert "TOP 3  11:10  Personalien (nichtöffentlich)" in description


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_feed_read_by_independent_parser(parser: str, ws: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path, feed(ws), "feed.ics")
    data = parse(PARSERS[parser], path)
    assert data["method"] == "PUBLISH"
    events = data["events"]
    assert [e["uid"] for e in events] == [
        "2022-01-11@kog-sro.kogsro",
        "2022-07-12@kog-sro.kogsro",
        "2022-09-13@kog-sro.kogsro",
    ]
    assert [e["start"] for e in events] == [
        "2022-01-11T10:00:00+01:00",
        "2022-07-12T14:00:00+02:00",
        "2022-09-13T10:00:00+02:00",
    ]
    assert [e["status"] for e in events] == ["CONFIRMED", "TENTATIVE", "CANCELLED"]
    assert events[2]["summary"] == "Abgesagt: Sitzung der KoG SRO"
    assert all(not e["attendees"] for e in events)


def test_feed_across_years_carries_the_zone_for_every_year(tree: Tree, tmp_path: Path) -> None:
    later = "date: 2024-03-12\nstart: 10:00\nhost: ba-nord\n"
    ws = load_workspace(tree(sample_files({"agendas/2024-03-12.yaml": later})))
    path = write(tmp_path, feed(ws, since=ws.session("2022-07-12").date), "feed.ics")
    text = path.read_text(encoding="utf-8")
    assert "2022-01-11@" not in text
    assert "20240331T020000" in text  # summer time 2024 starts on 31 March at 2:00
    events = parse(VOBJECT, path)["events"]
    assert [e["start"] for e in events] == [
        "2022-07-12T14:00:00+02:00",
        "2022-09-13T10:00:00+02:00",
        "2024-03-12T10:00:00+01:00",
    ]


def test_every_time_zone_change_is_at_the_right_instant(tree: Tree) -> None:
    """RFC 5545: an observance starts at the local time before the change (TZOFFSETFROM)."""
    from datetime import UTC, timedelta
    from zoneinfo import ZoneInfo

    from icalendar import Calendar

    later = "date: 2025-11-11\nstart: 10:00\nhost: ba-nord\n"
    ws = load_workspace(tree(sample_files({"agendas/2025-11-11.yaml": later})))
    zone = ZoneInfo("Europe/Berlin")
    changes = 0
    for observance in Calendar.from_ical(feed(ws)).walk("VTIMEZONE")[0].subcomponents:
        before, after = observance["TZOFFSETFROM"].td, observance["TZOFFSETTO"].td
        if before == after:
            continue
        rdates = observance.get("RDATE", [])
        rdates = rdates if isinstance(rdates, list) else [rdates]
        onsets = [observance["DTSTART"].dt, *(d.dt for r in rdates for d in r.dts)]
        for onset in onsets:
            instant = (onset - before).replace(tzinfo=UTC)
            assert instant.astimezone(zone).utcoffset() == after
            assert (instant - timedelta(seconds=1)).astimezone(zone).utcoffset() == before
            assert instant.hour == 1  # 01:00 UTC in the EU, spring and autumn
            changes += 1
    assert changes == 8  # 2022 to 2025, two a year


def test_public_feed(ws: Workspace) -> None:
    text = feed(ws, public=True).decode().replace("\r\n ", "")
    assert "meet.example.org" not in text
    assert "Personalien" not in text
    assert "X-WR-CALNAME:KoG SRO – Sitzungen" in text


def test_empty_feed_is_still_a_calendar(tree: Tree) -> None:
    files = sample_files()
    for name in [n for n in files if n.startswith("agendas/")]:
        del files[name]
    ws = load_workspace(tree(files))
    text = feed(ws).decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "VEVENT" not in text and "VTIMEZONE" not in text
