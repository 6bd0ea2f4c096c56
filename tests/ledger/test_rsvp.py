"""Replies added up: counts over members, deputies for their member, the quorum forecast."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kogsro import api
from kogsro.errors import InputError, UsageError
from kogsro.ledger.rsvp import rsvp_summary
from kogsro.workspace.rsvp import NamedDeputy, Reply, append_replies
from tests.rsvp_workspace import rsvp_workspace

BERLIN = dt.timezone(dt.timedelta(hours=1))


def at(hour: int) -> dt.datetime:
    return dt.datetime(2023, 3, 10, hour, 0, tzinfo=BERLIN)


def test_without_replies_everyone_is_open(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    summary = rsvp_summary(ws, ws.sessions[0])
    assert summary.as_dict()["open"] == 4
    assert summary.required == 3
    assert summary.warning(ws.sessions[0]) == (
        "only 0 of 4 members have confirmed for 2023-03-21; a quorum needs 3"
    )


def test_latest_reply_wins_and_deputies_count_for_their_member(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    session = ws.sessions[0]
    replies = [
        Reply(person="spk-a", answer="yes", at=at(12)),
        Reply(person="spk-a", answer="no", at=at(9)),  # older, recorded later: loses
        Reply(person="spk-nk", answer="no", at=at(8)),
        Reply(person="spk-nk-v", answer="yes", at=at(10)),  # the standing deputy comes
        Reply(person="sen-1", answer="no", deputy=NamedDeputy(name="Ina Ersatz"), at=at(11)),
        Reply(person="gast-1", answer="yes", at=at(11)),
    ]
    append_replies(ws.agendas_dir, session, set(ws.people), replies)
    summary = rsvp_summary(ws, session)
    seats = {m.member.id: m.seat for m in summary.members}
    assert seats == {"spk-nk": "yes", "spk-a": "yes", "sen-1": "yes", "sen-2": "open"}
    deputies = {m.member.id: m.deputy.name for m in summary.members if m.deputy}
    assert deputies == {"spk-nk": "Tobias Vertretungsmann", "sen-1": "Ina Ersatz"}
    assert [r.person for r in summary.others] == ["gast-1"]
    counts = summary.as_dict()
    assert (counts["yes"], counts["no"], counts["maybe"], counts["open"]) == (3, 0, 0, 1)
    assert counts["quorum"] == {
        "counts": "people",
        "voices": 4,
        "required": 3,
        "confirmed": 3,
        "expected": True,
    }
    assert summary.warning(session) is None


def test_a_member_who_declines_later_takes_back_the_deputy(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path, quorum="all")
    session = ws.sessions[0]
    append_replies(
        ws.agendas_dir,
        session,
        set(ws.people),
        [
            Reply(person="spk-nk-v", answer="yes", at=at(8)),
            Reply(person="spk-nk", answer="no", at=at(9)),
            Reply(person="spk-a", answer="maybe", at=at(9)),
        ],
    )
    summary = rsvp_summary(ws, session)
    seats = {m.member.id: m.seat for m in summary.members}
    assert seats["spk-nk"] == "no"
    assert seats["spk-a"] == "maybe"
    assert summary.required == 4
    assert "only 0 of 4 members" in (summary.warning(session) or "")


def test_record_rsvp_checks_what_it_is_given(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    session = ws.sessions[0]
    with pytest.raises(UsageError, match="unknown person 'spk-nc'") as info:
        api.record_rsvp(ws, session, "spk-nc", "yes")
    assert info.value.hint == "did you mean 'spk-nk'?"
    with pytest.raises(UsageError, match="unknown answer 'ja'"):
        api.record_rsvp(ws, session, "spk-nk", "ja")
    with pytest.raises(UsageError, match="is an organisation, not a person"):
        api.record_rsvp(ws, session, "spk-nk", "no", deputy="ba-nk")
    with pytest.raises(UsageError, match="no such person id"):
        api.record_rsvp(ws, session, "spk-nk", "no", deputy="spk-nkv")
    with pytest.raises(UsageError, match="their own deputy"):
        api.record_rsvp(ws, session, "spk-nk", "no", deputy="spk-nk")
    assert not (ws.agendas_dir / "2023-03-21.rsvp.yaml").exists()
    result = api.record_rsvp(
        ws, session, "spk-nk", "no", deputy="Tobias Vertretungsmann, Neukölln", note="Urlaub"
    )
    assert result.recorded[0].deputy == NamedDeputy(
        name="Tobias Vertretungsmann", organisation="Neukölln"
    )
    session_text = (ws.agendas_dir / "2023-03-21.yaml").read_text(encoding="utf-8")
    assert "spk-nk" not in session_text  # the session file is never touched


def test_a_broken_reply_file_is_reported_at_its_place(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    path = ws.agendas_dir / "2023-03-21.rsvp.yaml"
    path.write_text(
        "session: '2023-03-21'\nreplies:\n"
        "  - {person: spk-nk, answer: ja, at: '2023-03-10T10:00:00+01:00'}\n"
        "  - {person: niemand, answer: 'yes', at: '2023-03-10T10:00:00+01:00'}\n",
        encoding="utf-8",
    )
    problems, _count = api.check_workspace(ws.root)
    assert any(":3:" in str(p) and "answer" in str(p) for p in problems), problems
    with pytest.raises(InputError):
        rsvp_summary(ws, ws.sessions[0])
    path.write_text(
        "session: '2023-03-21'\nreplies:\n"
        "  - {person: niemand, answer: 'yes', at: '2023-03-10T10:00:00+01:00'}\n",
        encoding="utf-8",
    )
    messages = [str(p) for p in api.check_workspace(ws.root)[0]]
    assert any(":3:" in m and "unknown person 'niemand'" in m for m in messages), messages
    path.write_text(
        "session: '2023-03-21'\nreplies:\n"
        "  - {person: spk-nk, answer: 'no', at: '2023-03-10T10:00:00'}\n",
        encoding="utf-8",
    )
    messages = [str(p) for p in api.check_workspace(ws.root)[0]]
    assert any(":3:" in m and "needs its offset" in m for m in messages), messages


def test_reply_files_are_not_sessions(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    api.record_rsvp(ws, ws.sessions[0], "spk-a", "yes")
    problems, count = api.check_workspace(ws.root)
    assert problems == []
    assert count == 3


def test_the_forecast_counts_organisations_as_the_quorum_does(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path, counts="organisations")
    session = ws.sessions[0]
    append_replies(
        ws.agendas_dir,
        session,
        set(ws.people),
        [
            Reply(person="sen-1", answer="yes", at=at(8)),
            Reply(person="sen-2", answer="yes", at=at(8)),
        ],
    )
    summary = rsvp_summary(ws, session)
    assert summary.count("yes") == 2  # two members ...
    assert summary.confirmed == 1  # ... of one organisation: one voice
    assert (summary.voices, summary.required) == (3, 2)
    assert summary.warning(session) == (
        "only 1 of 3 member organisations have confirmed for 2023-03-21; a quorum needs 2"
    )
    append_replies(
        ws.agendas_dir, session, set(ws.people), [Reply(person="spk-a", answer="yes", at=at(9))]
    )
    assert rsvp_summary(ws, session).quorum_expected


def test_check_of_named_files_reads_a_reply_file_as_replies(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    api.record_rsvp(ws, ws.sessions[0], "spk-a", "yes")
    files = sorted(ws.agendas_dir.glob("*.yaml"))  # what `kogsro check agendas/*.yaml` gets
    assert [p.name for p in files] == ["2023-03-21.rsvp.yaml", "2023-03-21.yaml"]
    assert api.check_workspace(ws.root, files) == ([], 4)
    reply_file = ws.agendas_dir / "2023-03-21.rsvp.yaml"
    reply_file.write_text(
        reply_file.read_text(encoding="utf-8").replace("person: spk-a", "person: spk-x"),
        encoding="utf-8",
    )
    problems, _count = api.check_workspace(ws.root, [reply_file])
    assert [p.message for p in problems] == ["unknown person 'spk-x'"]


def test_a_cancelled_session_takes_no_replies(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    session = ws.sessions[0].replace(status="cancelled")
    with pytest.raises(UsageError, match="2023-03-21 is cancelled: there is nothing to reply to"):
        api.record_rsvp(ws, session, "spk-a", "yes")
    with pytest.raises(UsageError, match="is cancelled"):
        api.import_rsvps(ws, session, [])
