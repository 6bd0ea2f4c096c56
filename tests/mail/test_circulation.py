"""`kogsro minutes SESSION --circulate`: the draft minutes to every member, with the deadline for
objections; as drafts or by SMTP (aiosmtpd on 127.0.0.1); the date recorded, the minutes then
circulated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kogsro.ledger.lifecycle import lifecycles, read_circulations
from kogsro.workspace.loader import load_workspace
from tests.conftest import run_cli
from tests.mail.test_send import Server
from tests.mailcheck import parse
from tests.pdfcheck import page_texts

SESSION = "2022-06-14"
MEMBERS = 14  # the example's members with an address


def test_circulate_writes_drafts_and_records_the_date(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOGSRO_TODAY", "2022-06-20")
    assert lifecycles(load_workspace(example))[SESSION].minutes == "draft"
    code, out, err = run_cli("minutes", SESSION, "--circulate")
    assert code == 0, err
    assert f"wrote {MEMBERS} drafts to out/{SESSION}/circulation/" in out
    assert "objections by 2022-07-04" in out
    drafts = sorted((example / "out" / SESSION / "circulation").glob("*.eml"))
    assert len(drafts) == MEMBERS
    message = parse(drafts[0].read_bytes())
    assert message["Subject"] == "Protokollentwurf: KoG SRO, Sitzung vom 14. Juni 2022"
    assert message["X-Unsent"] == "1"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "Entwurf des Ergebnisprotokolls der Sitzung der KoG SRO vom 14. Juni 2022" in text
    assert "bis zum 4. Juli 2022" in text and "kog-sro@example.org" in text
    [pdf] = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert pdf.get_filename() == f"protokollentwurf-kog-sro-{SESSION}.pdf"
    pages = page_texts(pdf.get_content())
    assert all("ENTWURF" in page for page in pages)  # the draft, marked as such
    # only members: the session's guests do not get the minutes to object to
    addresses = {parse(p.read_bytes())["To"].addresses[0].addr_spec for p in drafts}
    assert "klara.testfall@example.org" not in addresses
    # recorded: the minutes are circulated now
    ws = load_workspace(example)
    life = lifecycles(ws)[SESSION]
    assert life.minutes == "circulated"
    assert life.as_dict()["circulated_on"] == "2022-06-20"
    assert life.as_dict()["objections_until"] == "2022-07-04"
    code, out, _ = run_cli("sessions", "--json")
    record = next(r for r in json.loads(out) if r["id"] == SESSION)
    assert (record["minutes"], record["circulated_on"]) == ("circulated", "2022-06-20")
    # the user's session file is untouched
    assert "circulat" not in (example / "agendas" / f"{SESSION}.yaml").read_text("utf-8")


def test_circulate_in_english_in_one_bcc_message(example: Path) -> None:
    code, out, err = run_cli(
        "minutes", SESSION, "--circulate", "--bcc", "--lang", "en", "-o", "drafts", "--json"
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["drafts"] == [str(Path("drafts") / "all.eml")]
    assert result["objections_until"] == "2022-06-15"  # frozen today 2022-06-01 + 14 days
    message = parse((example / "drafts" / "all.eml").read_bytes())
    assert message["Subject"] == "Draft minutes: KoG SRO, meeting of 14 June 2022"
    assert len(message["Bcc"].addresses) == MEMBERS
    assert "Please send any objections or additions by 15 June 2022" in str(
        message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    )


def test_objection_days_from_the_config(example: Path) -> None:
    config = example / "kogsro.yaml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  invitation_days: 14", "  invitation_days: 14\n  objection_days: 7"
        ),
        "utf-8",
    )
    code, out, err = run_cli("minutes", SESSION, "--circulate", "--json")
    assert code == 0, err
    assert json.loads(out)["objections_until"] == "2022-06-08"


def test_circulating_what_cannot_be_circulated(example: Path) -> None:
    code, _, err = run_cli("minutes", "2022-04-12", "--circulate")
    assert code == 2
    assert "the minutes of 2022-04-12 were approved in 2022-06-14" in err
    code, _, err = run_cli("minutes", "2022-09-13", "--circulate")
    assert code == 2 and "no minutes to circulate: it is planned" in err
    assert read_circulations(load_workspace(example)) == []
    assert not (example / "out").exists()


def test_a_broken_state_file_stops_before_anything_is_written(example: Path) -> None:
    (example / ".kogsro").mkdir()
    (example / ".kogsro" / "circulated.json").write_text("{", "utf-8")
    code, _, err = run_cli("minutes", SESSION, "--circulate")
    assert code == 2 and ".kogsro/circulated.json: not a record" in err
    assert not (example / "out").exists()


def test_send_dry_run_then_send_through_smtp(example: Path, smtp: Server) -> None:
    code, out, err = run_cli("minutes", SESSION, "--circulate", "--send")
    assert code == 0, err
    assert "dry run: nothing sent" in out
    assert smtp.handler.received == []
    assert read_circulations(load_workspace(example)) == []
    code, out, err = run_cli("minutes", SESSION, "--send", "--yes")
    assert code == 0, err
    assert f"{MEMBERS} sent, 0 failed, 0 skipped" in out
    assert len(smtp.handler.received) == MEMBERS
    message = parse(smtp.handler.received[0].data)
    assert message["Subject"].startswith("Protokollentwurf:")
    assert "X-Unsent" not in message and message["Message-ID"]
    [circulation] = read_circulations(load_workspace(example))
    assert (circulation.recipients, circulation.sent) == (MEMBERS, True)
    # the send log keeps everybody from getting it twice
    log = json.loads((example / ".kogsro" / "sent.json").read_text("utf-8"))["sent"]
    assert {entry["method"] for entry in log} == {"MINUTES"}
    code, out, err = run_cli("minutes", SESSION, "--send", "--yes")
    assert code == 0, err
    assert f"0 sent, 0 failed, {MEMBERS} skipped" in out
    assert len(smtp.handler.received) == MEMBERS
    assert len(read_circulations(load_workspace(example))) == 1  # nothing new went out


def test_refused_recipients_are_reported_and_the_reached_recorded(
    example: Path, smtp: Server
) -> None:
    smtp.handler.refuse.add("max.mustermann@example.org")
    code, _, err = run_cli("minutes", SESSION, "--send", "--yes")
    assert code == 1
    assert "1 of 14 recipients not reached" in err
    [circulation] = read_circulations(load_workspace(example))
    assert circulation.recipients == MEMBERS - 1
