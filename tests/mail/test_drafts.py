"""E-mail drafts: one per recipient or one to all, parsed back with the standard library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kogsro.documents.calendar import invitation_calendar
from kogsro.errors import InputError, OutputExists, UsageError
from kogsro.mail.drafts import Parts, build_drafts, default_mail_dir, subject, write_drafts
from kogsro.workspace.loader import Workspace, load_workspace
from tests.mailcheck import parse
from tests.sample_workspace import CONFIG, ROSTER, sample_files

Tree = Callable[[dict[str, str]], Path]

# Stands in for the rendered invitation (kogsro.documents.session_docs): the mail only carries it.
PARTS = Parts(
    text="Einladung\n\nTOP 1 Begrüßung\n",
    html="<html><body><h1>Einladung</h1><p>TOP 1 Begrüßung</p></body></html>",
)
PDF = b"%PDF-1.7\n% stand-in\n%%EOF\n"


@pytest.fixture
def ws(tree: Tree) -> Workspace:
    return load_workspace(tree(sample_files()))


def test_one_draft_per_recipient(ws: Workspace) -> None:
    drafts = build_drafts(ws, ws.session("2022-07-12"), PARTS)
    assert [d.name for d in drafts] == [
        "spk-nord", "spk-sued", "sen-1", "sen-2", "gast-1", "gast-2", "verein", "guest-3",
    ]  # fmt: skip
    assert all(d.method == "REQUEST" for d in drafts)


def test_draft_parses_back_without_defects(ws: Workspace) -> None:
    session = ws.session("2022-07-12")
    drafts = build_drafts(ws, session, PARTS)
    by_name = {d.name: parse(d.as_bytes()) for d in drafts}
    message = by_name["spk-sued"]
    assert message["Subject"] == "Einladung: KoG SRO am Dienstag, 12. Juli 2022"
    assert message["From"].addresses[0].addr_spec == "kog-sro@example.org"
    assert message["From"].addresses[0].display_name == "KoG SRO"
    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Müller, Anna", "anna.mueller@example.org")
    assert message["X-Unsent"] == "1"
    assert message["Date"] is None and message["Message-ID"] is None
    assert message["Content-Language"] == "de"
    # names with quotes, semicolons and non-Latin letters survive the header encoding
    (to,) = by_name["sen-1"]["To"].addresses
    assert to.display_name == 'Erika "Eri" Beispiel'
    (to,) = by_name["sen-2"]["To"].addresses
    assert to.display_name == "Ömer Beispieloğlu; Referent"
    # structure: text and HTML alternatives, then the calendar entry
    assert message.get_content_type() == "multipart/mixed"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and body.get_content() == PARTS.text
    html = message.get_body(preferencelist=("html",))
    assert html is not None and "<h1>Einladung</h1>" in html.get_content()
    (ics,) = list(message.iter_attachments())
    assert ics.get_content_type() == "text/calendar"
    assert ics.get_param("method") == "REQUEST"
    assert ics.get_filename() == "einladung-kog-sro-2022-07-12.ics"
    assert ics.get_payload(decode=True) == invitation_calendar(ws, session)


def test_raw_headers_are_ascii_and_short(ws: Workspace) -> None:
    raw = build_drafts(ws, ws.session("2022-07-12"), PARTS)[3].as_bytes()
    head = raw.split(b"\n\n", 1)[0]
    head.decode("ascii")  # non-ASCII names are encoded words
    assert all(len(line) <= 78 for line in head.splitlines())


def test_pdf_attachment(ws: Workspace) -> None:
    parts = Parts(PARTS.text, PARTS.html, PDF)
    message = parse(build_drafts(ws, ws.session("2022-07-12"), parts)[0].as_bytes())
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["text/calendar", "application/pdf"]
    assert attachments[1].get_filename() == "einladung-kog-sro-2022-07-12.pdf"
    assert attachments[1].get_payload(decode=True) == PDF


def test_bcc_draft_to_all(ws: Workspace) -> None:
    (draft,) = build_drafts(ws, ws.session("2022-07-12"), PARTS, bcc=True)
    assert draft.name == "all"
    message = parse(draft.as_bytes())
    assert message["To"].addresses[0].addr_spec == "kog-sro@example.org"
    assert len(message["Bcc"].addresses) == 8
    assert len(draft.addresses) == 8


def test_message_for_sending_has_date_and_id_but_no_unsent_flag(ws: Workspace) -> None:
    draft = build_drafts(ws, ws.session("2022-07-12"), PARTS, draft=False)[0]
    message = parse(draft.as_bytes())
    assert message["X-Unsent"] is None
    assert message["Date"] == "Tue, 31 May 2022 22:00:00 +0000"
    assert message["Message-ID"].endswith("@example.org>")


def test_subjects(tree: Tree) -> None:
    changed = "date: 2022-10-11\nhost: ba-nord\nrevision: 2\n"
    ws = load_workspace(tree(sample_files({"agendas/2022-10-11.yaml": changed})))

    def of(session: str, lang: str = "de") -> str:
        return subject(ws, ws.session(session), lang)

    assert of("2022-10-11") == "Geänderte Einladung: KoG SRO am Dienstag, 11. Oktober 2022"
    assert of("2022-09-13") == "Absage: KoG SRO am Dienstag, 13. September 2022"
    assert of("2022-07-12", "en") == "Invitation: KoG SRO on Tuesday, 12 July 2022"


def test_cancellation(ws: Workspace) -> None:
    drafts = build_drafts(ws, ws.session("2022-09-13"), PARTS)
    assert {d.method for d in drafts} == {"CANCEL"}
    message = parse(drafts[0].as_bytes())
    assert message["Subject"].startswith("Absage: ")
    (ics,) = list(message.iter_attachments())
    assert ics.get_param("method") == "CANCEL"


def test_name_with_line_break_refused_naming_the_entry(tree: Tree) -> None:
    roster = ROSTER.replace("name: Dr. Klara Testfall", 'name: "Dr. Klara\\r\\nBcc: x@example.org"')
    with pytest.raises(InputError) as caught:  # refused when the roster is loaded
        load_workspace(tree(sample_files({"attendees.yaml": roster})))
    (problem,) = caught.value.problems
    assert problem.file.endswith("attendees.yaml") and problem.line == 50
    assert "name: a carriage return at character 10" in problem.message


def test_subject_with_line_break_refused(tree: Tree) -> None:
    config = CONFIG.replace("short: KoG SRO", 'short: "KoG SRO\\nBcc: x@example.org"')
    with pytest.raises(InputError) as caught:  # refused when the body is loaded
        load_workspace(tree(sample_files({"kogsro.yaml": config})))
    (problem,) = caught.value.problems
    assert problem.file.endswith("kogsro.yaml") and problem.line == 3
    assert "body.short: a line break at character 8" in problem.message


@pytest.mark.parametrize(
    "sender",
    [
        '"KoG <a@example.org>\\nBcc: x@example.org"',
        '"a@example.org, b@example.org"',
        "nobody",
        '"KoG SRO: other@example.net <kog-sro@example.org>"',  # group syntax
        '"Group: a@example.org, b@example.org;"',
    ],
)
def test_bad_sender_refused(tree: Tree, sender: str) -> None:
    config = CONFIG.replace('from: "KoG SRO <kog-sro@example.org>"', f"from: {sender}")
    with pytest.raises(InputError) as caught:  # refused when kogsro.yaml is loaded
        load_workspace(tree(sample_files({"kogsro.yaml": config})))
    (problem,) = caught.value.problems
    assert problem.file.endswith("kogsro.yaml") and problem.line == 12
    assert problem.message.startswith("mail.from")


def test_quoted_colon_in_the_sender_name_is_one_address(tree: Tree) -> None:
    config = CONFIG.replace(
        'from: "KoG SRO <kog-sro@example.org>"', """from: '"KoG: SRO" <kog-sro@example.org>'"""
    )
    ws = load_workspace(tree(sample_files({"kogsro.yaml": config})))
    message = parse(build_drafts(ws, ws.session("2022-07-12"), PARTS)[0].as_bytes())
    assert message["From"].addresses[0].addr_spec == "kog-sro@example.org"


def test_sender_falls_back_to_the_body_address(tree: Tree) -> None:
    config = CONFIG.replace('  from: "KoG SRO <kog-sro@example.org>"\n', "")
    ws = load_workspace(tree(sample_files({"kogsro.yaml": config})))
    message = parse(build_drafts(ws, ws.session("2022-07-12"), PARTS)[0].as_bytes())
    assert str(message["From"]) == "KoG SRO <kog-sro@example.org>"


def test_no_sender_at_all(tree: Tree) -> None:
    config = CONFIG.replace('  from: "KoG SRO <kog-sro@example.org>"\n', "").replace(
        "  email: kog-sro@example.org\n", ""
    )
    ws = load_workspace(tree(sample_files({"kogsro.yaml": config})))
    with pytest.raises(UsageError, match="no sender address"):
        build_drafts(ws, ws.session("2022-07-12"), PARTS)


def test_nobody_with_an_address(tree: Tree) -> None:
    roster = "\n".join(line for line in ROSTER.splitlines() if "email:" not in line)
    ws = load_workspace(tree(sample_files({"attendees.yaml": roster})))
    with pytest.raises(UsageError, match="nobody to invite"):
        build_drafts(ws, ws.session("2022-01-11"), PARTS)


def test_write_drafts_into_out_replaces_stale_ones(ws: Workspace) -> None:
    session = ws.session("2022-07-12")
    folder = default_mail_dir(ws, session)
    folder.mkdir(parents=True)
    (folder / "someone-removed.eml").write_text("old")
    paths = write_drafts(ws, build_drafts(ws, session, PARTS), folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)
    assert (folder / "spk-nord.eml").is_file()


def test_write_drafts_elsewhere_needs_force(ws: Workspace, tmp_path: Path) -> None:
    session = ws.session("2022-07-12")
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "spk-nord.eml").write_text("mine")
    (folder / "notes.eml").write_text("mine too")
    with pytest.raises(OutputExists):
        write_drafts(ws, build_drafts(ws, session, PARTS), folder)
    assert (folder / "spk-nord.eml").read_text() == "mine"
    write_drafts(ws, build_drafts(ws, session, PARTS), folder, force=True)
    assert (folder / "notes.eml").read_text() == "mine too"  # never removed outside out/
    assert parse((folder / "spk-nord.eml").read_bytes())["X-Unsent"] == "1"
