"""`kogsro invite -f ics|eml` and `kogsro invite --send`, end to end."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.mail.test_send import ALL, Server
from tests.mailcheck import parse
from tests.sample_workspace import ROSTER, sample_files

Tree = Callable[[dict[str, str]], Path]
SESSION = "2022-07-12"


@pytest.fixture
def root(tree: Tree) -> Path:
    return tree(sample_files())


# --- -f ics ------------------------------------------------------------------------------------


def test_ics_into_out_with_warnings_for_people_without_address(root: Path) -> None:
    code, out, err = run_cli("invite", SESSION, "-f", "ics", cwd=root)
    assert code == 0, err
    assert out == f"wrote out/{SESSION}/invitation.ics\n"
    assert "warning: Paula Ohneadresse (attendees.yaml:45:5) has no e-mail address" in err
    assert "warning: Ohne Mail (agendas/2022-07-12.yaml:14:5) has no e-mail address" in err
    text = (root / "out" / SESSION / "invitation.ics").read_text(encoding="utf-8")
    assert "METHOD:REQUEST" in text and text.count("ATTENDEE") == 8


def test_ics_format_from_the_output_suffix_and_to_stdout(root: Path) -> None:
    code, _, err = run_cli("invite", SESSION, "-o", "entry.ics", cwd=root)
    assert code == 0, err
    assert (root / "entry.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    code, out, _ = run_cli("invite", "2022-09-13", "-f", "ics", "-o", "-", cwd=root)
    assert code == 0
    assert "METHOD:CANCEL" in out and "STATUS:CANCELLED" in out


def test_invite_warns_about_the_invitation_period(tree: Tree) -> None:
    late = {"agendas/2022-06-10.yaml": "date: 2022-06-10\nhost: ba-nord\n"}
    root = tree(sample_files(late))
    code, _, err = run_cli("invite", "2022-06-10", "-f", "ics", "-o", "-", cwd=root)
    assert code == 0
    assert "warning: invitation period missed: invited today, 9 days before the session" in err
    code, _, err = run_cli("invite", "2022-06-10", "-f", "md", "-o", "-", cwd=root)
    assert code == 0
    assert "warning: invitation period missed" in err


# --- -f eml ------------------------------------------------------------------------------------


def test_eml_one_draft_per_person(root: Path) -> None:
    code, out, err = run_cli("invite", SESSION, "-f", "eml", cwd=root)
    assert code == 0, err
    assert out == f"wrote 8 drafts to out/{SESSION}/mail/\n"
    folder = root / "out" / SESSION / "mail"
    assert len(list(folder.glob("*.eml"))) == 8
    message = parse((folder / "spk-sued.eml").read_bytes())
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].display_name == "Müller, Anna"
    assert message["Subject"] == "Einladung: KoG SRO am Dienstag, 12. Juli 2022"
    text = message.get_body(preferencelist=("plain",))
    assert text is not None
    content = text.get_content()
    assert "TOP 2  14:15  Neue Ansätze der Bürger*innenbeteiligung" in content  # no escaping
    html = message.get_body(preferencelist=("html",))
    assert html is not None and "Bürger*innenbeteiligung" in html.get_content()
    (ics,) = list(message.iter_attachments())
    assert ics.get_content_type() == "text/calendar" and ics.get_param("method") == "REQUEST"


def test_eml_bcc_to_stdout_with_pdf(root: Path) -> None:
    # guests get their own version: one message cannot hold them all
    code, out, err = run_cli(
        "invite", SESSION, "-f", "eml", "--bcc", "--attach-pdf", "-o", "-", cwd=root
    )
    assert code == 2 and out == ""
    assert "the guests get their own version" in err and "-o DIR" in err
    # without guests, the one message goes to standard output
    path = root / "agendas" / f"{SESSION}.yaml"
    text = path.read_text("utf-8")
    path.write_text(text[: text.index("guests:")] + text[text.index("items:") :], "utf-8")
    code, out, err = run_cli(
        "invite", SESSION, "-f", "eml", "--bcc", "--attach-pdf", "-o", "-", cwd=root
    )
    assert code == 0, err
    message = parse(out.encode("utf-8"))
    assert len(message["Bcc"].addresses) == 4
    kinds = [part.get_content_type() for part in message.iter_attachments()]
    assert kinds == ["text/calendar", "application/pdf"]


def test_eml_to_stdout_needs_bcc(root: Path) -> None:
    code, _, err = run_cli("invite", SESSION, "-f", "eml", "-o", "-", cwd=root)
    assert code == 2
    assert "one draft per person" in err and "--bcc" in err


def test_eml_english(root: Path) -> None:
    code, _, err = run_cli("invite", SESSION, "-f", "eml", "--lang", "en", "--bcc", cwd=root)
    assert code == 0, err
    message = parse((root / "out" / SESSION / "mail" / "all.eml").read_bytes())
    assert message["Subject"] == "Invitation: KoG SRO on Tuesday, 12 July 2022"
    (ics,) = list(message.iter_attachments())
    assert ics.get_filename() == f"invitation-kog-sro-{SESSION}.ics"


def test_name_with_line_break_refused_and_nothing_written(tree: Tree) -> None:
    roster = ROSTER.replace("name: Dr. Klara Testfall", 'name: "Dr. Klara\\nBcc: x@example.org"')
    root = tree(sample_files({"attendees.yaml": roster}))
    for fmt in ("eml", "ics"):
        code, out, err = run_cli("invite", SESSION, "-f", fmt, cwd=root)
        assert code == 2
        assert "attendees.yaml:50:11: people[5].name: a line break at character 10" in err
        assert "Traceback" not in err and out == ""
    assert not (root / "out").exists()


# --- --send --------------------------------------------------------------------------------------


def test_send_without_yes_is_a_dry_run(root: Path, smtp: Server) -> None:
    code, out, err = run_cli("invite", SESSION, "--send", cwd=root)
    assert code == 0, err
    assert "Einladung: KoG SRO am Dienstag, 12. Juli 2022" in out
    assert "would send  Müller, Anna <anna.mueller@example.org>" in out
    assert "dry run: nothing sent; 8 recipients to reach (pass --yes to send)" in out
    assert smtp.handler.received == []
    assert not (root / ".kogsro").exists()


def test_send_then_skip_then_resend(root: Path, smtp: Server) -> None:
    code, out, err = run_cli("invite", SESSION, "--send", "--yes", cwd=root)
    assert code == 0, err
    assert "8 sent, 0 failed, 0 skipped; send log: .kogsro/sent.json" in out
    assert f"record the date in agendas/{SESSION}.yaml: invited_on: 2022-06-01" in out
    assert smtp.handler.recipients == ALL
    code, out, _ = run_cli("invite", SESSION, "--send", "--yes", cwd=root)
    assert code == 0
    assert "0 sent, 0 failed, 8 skipped" in out
    assert out.count("(--resend sends it again)") == 8  # the command line names its option
    assert len(smtp.handler.received) == 8
    code, out, _ = run_cli("invite", SESSION, "--send", "--yes", "--resend", "--bcc", cwd=root)
    assert code == 0
    # one more message to the members, and one to each of the four guests (their own version)
    assert len(smtp.handler.received) == 8 + 1 + 4


def test_send_with_a_refused_recipient(root: Path, smtp: Server) -> None:
    smtp.handler.refuse = {"oemer@example.org"}
    code, out, err = run_cli("invite", SESSION, "--send", "--yes", "--json", cwd=root)
    assert code == 1
    report = json.loads(out)
    statuses = {d["to"]: d["status"] for d in report["deliveries"]}
    assert statuses["oemer@example.org"] == "failed"
    assert sum(1 for s in statuses.values() if s == "sent") == 7
    assert "error: 1 of 8 recipients not reached: Ömer Beispieloğlu; Referent" in err
    log = json.loads((root / ".kogsro" / "sent.json").read_text(encoding="utf-8"))
    assert [e["to"] for e in log["sent"]] == [a for a in ALL if a != "oemer@example.org"]


def test_send_needs_a_password_for_a_user(
    root: Path, smtp: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOGSRO_SMTP_USER", "kog")
    monkeypatch.delenv("KOGSRO_SMTP_PASSWORD", raising=False)
    code, _, err = run_cli("invite", SESSION, "--send", "--yes", cwd=root)
    assert code == 2
    assert "error: the SMTP server needs the password of kog" in err
    assert "KOGSRO_SMTP_PASSWORD" in err
    assert smtp.handler.received == []


def test_send_to_no_server(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.mail.test_send import free_port

    monkeypatch.setenv("KOGSRO_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KOGSRO_SMTP_PORT", str(free_port()))
    monkeypatch.setenv("KOGSRO_SMTP_SECURITY", "none")
    code, _, err = run_cli("invite", SESSION, "--send", "--yes", cwd=root)
    assert code == 1
    assert "error: cannot connect to the SMTP server 127.0.0.1" in err
    assert "nothing was sent" in err


def test_example_session_read_back_by_vobject(example: Path) -> None:
    from tests.documents.test_calendar import VOBJECT
    from tests.documents.test_calendar import parse as parse_ics

    code, _, err = run_cli("invite", "2022-06-14", "-f", "ics")
    assert code == 0, err
    data = parse_ics(VOBJECT, example / "out" / "2022-06-14" / "invitation.ics")
    (event,) = data["events"]
    assert event["start"] == "2022-06-14T10:00:00+02:00"
    assert event["end"] == "2022-06-14T13:00:00+02:00"
    assert event["location"] == "Gutshaus Steglitz, Schloßstraße 48, 12165 Berlin"
    assert event["organizer"] == ["Erika Beispiel", "mailto:erika.beispiel@example.org"]
    assert len(event["attendees"]) == 16  # 14 members and the two guests' staff
    assert ["Ömer Beispieloğlu", "mailto:oemer.beispieloglu@example.org"] in event["attendees"]


def test_invitation_document_of_a_past_session_does_not_warn(root: Path) -> None:
    code, out, err = run_cli("invite", "2022-01-11", "-f", "md", "-o", "-", cwd=root)
    assert code == 0
    assert "Einladung" in out
    assert "warning" not in err
    code, _, err = run_cli("invite", "2022-01-11", "-f", "ics", "-o", "-", cwd=root)
    assert "warning: the session 2022-01-11 is in the past" in err  # sending it is a mistake
