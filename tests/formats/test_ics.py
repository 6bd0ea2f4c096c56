"""The iCalendar encoder alone: plain events in, bytes that other parsers read the same way."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kogsro.formats.ics import CalendarEvent, CalendarPerson, encode_calendar, param_text, slug
from tests.documents.test_calendar import PARSERS, parse

BERLIN = ZoneInfo("Europe/Berlin")
STAMP = datetime(2022, 5, 31, 22, 0, tzinfo=UTC)


def event(day: tuple[int, int, int], **changes: object) -> CalendarEvent:
    values: dict[str, object] = {
        "uid": f"{day[0]}-{day[1]:02d}-{day[2]:02d}@tg.kogsro",
        "stamp": STAMP,
        "sequence": 0,
        "start": datetime(*day, 10, 0, tzinfo=BERLIN),
        "end": datetime(*day, 13, 0, tzinfo=BERLIN),
        "summary": "Sitzung",
        "description": "Tagesordnung:\nTOP 1  10:00  Begrüßung",
        "status": "CONFIRMED",
    }
    values.update(changes)
    return CalendarEvent(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_local_times_in_winter_and_summer_and_the_people(parser: str, tmp_path: Path) -> None:
    chair = CalendarPerson('Erika "die Vorsitzende" Beispiel', "erika@example.org", role="CHAIR")
    district = CalendarPerson("Bezirksamt Mitte", "ba@example.org", True, "REQ-PARTICIPANT")
    data = encode_calendar(
        [
            event((2022, 3, 8)),
            event(
                (2022, 6, 14),
                organizer=CalendarPerson("Büro, KoG SRO", "buero@example.org"),
                attendees=(chair, district),
                location="Gutshaus Steglitz, Schloßstraße 48",
                url="https://meet.example.org/kog",
            ),
        ],
        method="REQUEST",
    )
    path = tmp_path / "c.ics"
    path.write_bytes(data)
    read = parse(PARSERS[parser], path)
    assert read["method"] == "REQUEST"
    winter, summer = read["events"]
    assert (winter["start"][:19], winter["offset"]) == ("2022-03-08T10:00:00", 1.0)
    assert (summer["start"][:19], summer["offset"]) == ("2022-06-14T10:00:00", 2.0)
    assert summer["organizer"] == ["Büro, KoG SRO", "mailto:buero@example.org"]
    assert summer["attendees"] == [
        ["Bezirksamt Mitte", "mailto:ba@example.org"],
        ["Erika “die Vorsitzende” Beispiel", "mailto:erika@example.org"],
    ]
    assert summer["location"] == "Gutshaus Steglitz, Schloßstraße 48"
    assert summer["description"] == "Tagesordnung:\nTOP 1  10:00  Begrüßung"
    assert winter["organizer"] is None and winter["attendees"] == []


def test_the_change_to_summer_time_is_written_at_two_oclock() -> None:
    text = encode_calendar([event((2022, 6, 14))]).decode()
    daylight = text.split("BEGIN:DAYLIGHT", 1)[1].split("END:DAYLIGHT", 1)[0]
    assert "DTSTART:20220327T020000" in daylight  # not 03:00, the local time after it
    assert "TZOFFSETFROM:+0100" in daylight and "TZOFFSETTO:+0200" in daylight


def test_roles_only_for_attendees_and_a_feed_names_itself() -> None:
    text = encode_calendar(
        [
            event(
                (2022, 6, 14),
                organizer=CalendarPerson("Büro", "b@example.org"),
                attendees=(CalendarPerson("Gast", "g@example.org", role="OPT-PARTICIPANT"),),
                status="TENTATIVE",
                transparent=True,
            )
        ],
        method="PUBLISH",
        name="TG – Sitzungen",
        timezone="Europe/Berlin",
    ).decode()
    unfolded = text.replace("\r\n ", "")
    assert "ORGANIZER;CN=Büro:mailto:b@example.org" in unfolded.splitlines()
    assert "ROLE=OPT-PARTICIPANT" in unfolded and "RSVP=TRUE" in unfolded
    assert "X-WR-CALNAME:TG – Sitzungen" in unfolded and "X-WR-TIMEZONE:Europe/Berlin" in unfolded
    assert "STATUS:TENTATIVE" in unfolded and "TRANSP:TRANSPARENT" in unfolded


def test_no_events_no_time_zone() -> None:
    text = encode_calendar([], method="PUBLISH").decode()
    assert "BEGIN:VCALENDAR" in text and "VTIMEZONE" not in text and "VEVENT" not in text


def test_names_and_slugs() -> None:
    assert param_text('a "b"\n c') == "a “b” c"
    assert slug("KoG SRO – Größe") == "kog-sro-groesse"
    assert slug("###") == "body"
