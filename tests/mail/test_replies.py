"""Calendar replies as Outlook, Thunderbird and the icalendar library write them."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

from icalendar import Calendar, Event, vCalAddress

from kogsro import api
from kogsro.ledger.rsvp import rsvp_summary
from kogsro.mail.replies import parse_replies
from kogsro.workspace.loader import Workspace
from tests.conftest import run_cli
from tests.rsvp_workspace import rsvp_workspace

UID = "2023-03-21@kog-sro.kogsro"


def library_reply(address: str, partstat: str, uid: str = UID, **params: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Test//Reply//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "REPLY")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", dt.datetime(2023, 3, 10, 9, 30, tzinfo=dt.UTC))
    attendee = vCalAddress(address)
    attendee.params["PARTSTAT"] = partstat
    attendee.params["CN"] = "Someone"
    for key, value in params.items():
        attendee.params[key] = value
    event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()


OUTLOOK_CALENDAR = (
    "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\n"
    "BEGIN:VEVENT\r\n"
    'ATTENDEE;PARTSTAT=TENTATIVE;CN="Beispielfrau, Leyla (BA Neukölln)":MAILTO:LEY\r\n'
    " LA.BEISPIELFRAU@EXAMPLE.ORG\r\n"
    "COMMENT;LANGUAGE=de-DE:Ich komme eventuell später.\r\n"
    f"UID:{UID}\r\nSEQUENCE:0\r\nDTSTAMP:20230310T081244Z\r\n"
    "SUMMARY;LANGUAGE=de-DE:Mit Vorbehalt angenommen: Einladung: KoG SRO\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def outlook_message() -> bytes:
    encoded = base64.encodebytes(OUTLOOK_CALENDAR.encode("utf-8")).decode("ascii")
    return (
        'From: "Beispielfrau, Leyla" <Leyla.Beispielfrau@example.org>\r\n'
        "To: KoG SRO <kog@example.org>\r\n"
        "Subject: Mit Vorbehalt angenommen: Einladung: KoG SRO am Dienstag, 21. März 2023\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/alternative; boundary="_000_AM0PR_"\r\n\r\n'
        "--_000_AM0PR_\r\n"
        'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        "SWNoIGtvbW1lIGV2ZW50dWVsbCBzcMOkdGVyLg==\r\n\r\n"
        "--_000_AM0PR_\r\n"
        'Content-Type: text/calendar; charset="utf-8"; method=REPLY\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
        f"{encoded}\r\n"
        "--_000_AM0PR_--\r\n"
    ).encode()


def thunderbird_message(calendar: str) -> bytes:
    return (
        "From: Erika Beispiel <erika@example.org>\r\n"
        "To: kog@example.org\r\n"
        "Subject: Zusage: Einladung: KoG SRO\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="------------tb"\r\n\r\n'
        "--------------tb\r\n"
        "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        "Erika Beispiel hat Ihre Einladung angenommen.\r\n\r\n"
        "--------------tb\r\n"
        "Content-Type: text/calendar; charset=UTF-8; method=REPLY\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        f"{calendar}\r\n"
        "--------------tb\r\n"
        'Content-Type: application/ics; name="invite.ics"\r\n'
        'Content-Disposition: attachment; filename="invite.ics"\r\n'
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        f"{calendar}\r\n"
        "--------------tb--\r\n"
    ).encode()


THUNDERBIRD_CALENDAR = (
    "BEGIN:VCALENDAR\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n"
    "VERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nCREATED:20230301T100000Z\r\n"
    "LAST-MODIFIED:20230310T101500Z\r\nDTSTAMP:20230310T101500Z\r\n"
    f"UID:{UID}\r\nSUMMARY:Einladung: KoG SRO\r\n"
    "ORGANIZER;CN=KoG SRO:mailto:kog@example.org\r\n"
    "ATTENDEE;RSVP=TRUE;CN=Erika Beispiel;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mai\r\n"
    " lto:erika@example.org\r\n"
    "DTSTART;TZID=Europe/Berlin:20230321T100000\r\nEND:VEVENT\r\nEND:VCALENDAR"
)


def write(ws: Workspace, name: str, data: bytes) -> Path:
    path = ws.root / name
    path.write_bytes(data)
    return path


def test_the_three_shapes_are_read(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    files = [
        write(ws, "outlook.eml", outlook_message()),
        write(ws, "thunderbird.eml", thunderbird_message(THUNDERBIRD_CALENDAR)),
        write(ws, "reply.ics", library_reply("mailto:Maria@Example.ORG", "DECLINED")),
    ]
    result = api.import_rsvps(ws, ws.sessions[0], files)
    assert result.skipped == []
    got = [(r.person, r.answer, r.via) for r in result.recorded]
    assert got == [
        ("spk-nk", "maybe", "outlook.eml"),
        ("spk-a", "yes", "thunderbird.eml"),  # the calendar part and invite.ics: one reply
        ("sen-1", "no", "reply.ics"),
    ]
    assert result.recorded[0].note == "Ich komme eventuell später."
    assert result.recorded[0].at.isoformat() == "2023-03-10T08:12:44+00:00"
    seats = {m.member.id: m.seat for m in rsvp_summary(ws, ws.sessions[0]).members}
    assert seats == {"spk-nk": "maybe", "spk-a": "yes", "sen-1": "no", "sen-2": "open"}


def test_other_sessions_and_unknown_people_are_reported_not_guessed(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    files = [
        write(ws, "other.ics", library_reply("mailto:erika@example.org", "ACCEPTED", uid="x@y")),
        write(ws, "stranger.ics", library_reply("mailto:fremd@example.org", "ACCEPTED")),
        write(ws, "pending.ics", library_reply("mailto:erika@example.org", "NEEDS-ACTION")),
        write(
            ws,
            "request.ics",
            library_reply("mailto:erika@example.org", "ACCEPTED").replace(
                b"METHOD:REPLY", b"METHOD:REQUEST"
            ),
        ),
        write(ws, "junk.eml", b"From: a@b.example\r\nSubject: hallo\r\n\r\nnur Text\r\n"),
    ]
    result = api.import_rsvps(ws, ws.sessions[0], files)
    assert result.recorded == []
    assert result.path is None
    joined = "\n".join(result.skipped)
    assert (
        "other.ics: a reply to another invitation (UID x@y, not 2023-03-21@kog-sro.kogsro)"
        in joined
    )
    assert "stranger.ics: fremd@example.org is nobody's address in the roster" in joined
    assert "pending.ics: Erika Beispiel answered NEEDS-ACTION" in joined
    assert "request.ics: a calendar with METHOD:REQUEST, not a reply" in joined
    assert "junk.eml: no calendar reply in it" in joined
    assert not (ws.agendas_dir / "2023-03-21.rsvp.yaml").exists()


def test_a_delegation_names_the_deputy(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    data = library_reply(
        "mailto:leyla.beispielfrau@example.org",
        "DELEGATED",
        **{"DELEGATED-TO": "mailto:Tobias.Vertretungsmann@example.org"},
    )
    result = api.import_rsvps(ws, ws.sessions[0], [write(ws, "delegated.ics", data)])
    assert [(r.person, r.answer, r.deputy) for r in result.recorded] == [
        ("spk-nk", "no", "spk-nk-v")
    ]
    member = rsvp_summary(ws, ws.sessions[0]).members[0]
    assert (member.seat, member.deputy.name if member.deputy else None) == (
        "yes",
        "Tobias Vertretungsmann",
    )


def test_parse_reads_folded_uppercase_addresses() -> None:
    replies, problems = parse_replies(OUTLOOK_CALENDAR.encode(), "x.ics")
    assert problems == []
    assert replies[0].address == "leyla.beispielfrau@example.org"
    assert replies[0].partstat == "TENTATIVE"


def test_rsvp_command(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    root = ws.root
    code, out, err = run_cli("rsvp", "2023-03-21", "spk-a", "yes", cwd=root)
    assert code == 0, err
    assert "recorded 1 reply in agendas/2023-03-21.rsvp.yaml" in out
    assert "1 yes, 0 no, 0 maybe, 3 open of 4 members; a quorum needs 3" in out
    assert "only 1 of 4 members have confirmed" in err
    write(ws, "reply.ics", library_reply("mailto:maria@example.org", "ACCEPTED"))
    write(ws, "fremd.ics", library_reply("mailto:fremd@example.org", "ACCEPTED"))
    code, out, err = run_cli("rsvp", "2023-03-21", "--import", "reply.ics", "--import",
                             "fremd.ics", cwd=root)  # fmt: skip
    assert code == 0, err
    assert "recorded 1 reply" in out
    assert "fremd@example.org is nobody's address" in err
    code, out, err = run_cli("rsvp", "2023-03-21", "spk-nk", "no", "--deputy", "spk-nk-v",
                             cwd=root)  # fmt: skip
    assert "3 yes, 0 no, 0 maybe, 1 open of 4 members" in out
    assert err == ""
    code, out, _err = run_cli("rsvp", "2023-03-21", cwd=root)
    assert code == 0
    assert "yes       Leyla Beispielfrau  deputy: Tobias Vertretungsmann" in out
    code, out, _err = run_cli("rsvp", "2023-03-21", "--json", cwd=root)
    assert '"open": 1' in out
    code, _out, err = run_cli("rsvp", "2023-03-21", "spk-nk", "no", "--deputy", "ba-nk", cwd=root)
    assert code == 2 and "error: --deputy: 'ba-nk' is an organisation, not a person" in err
    code, _out, err = run_cli("rsvp", "2023-03-21", "spk-a", cwd=root)
    assert code == 2 and "what did spk-a answer?" in err
    code, _out, err = run_cli("rsvp", "2023-03-21", "spk-a", "ja", cwd=root)
    assert code == 2 and "unknown answer 'ja'" in err
