"""A guest's invitation shows only the public items and the items the guest presents, and no
internal tasks: in the e-mail's text and HTML, its calendar entry and the attached PDF."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from kogsro.documents.session_docs import render_document
from kogsro.mail.drafts import Draft, draft_invitations
from kogsro.workspace.loader import Workspace
from tests.documents.test_wording import edit_session, example
from tests.pdfcheck import flat_text

SESSION = "2022-09-13"


def guest_workspace(tmp_path: Path) -> Workspace:
    """The 13 September session with guests: SenFin presents the non-public TOP 4, whose
    sub-items follow it; TOP 3 (Lichtenberg) stays public."""
    ws = example(tmp_path)
    ws = edit_session(ws, SESSION, "items:", "guests: [senfin, skzl]\nitems:")
    text = (ws.root / "agendas" / f"{SESSION}.yaml").read_text("utf-8")
    assert "    presenters: [sensbw-1]\n" in text
    return edit_session(
        ws,
        SESSION,
        "    presenters: [sensbw-1]\n",
        "    presenters: [senfin-1]\n    public: false\n",
    )


def parts(draft: Draft) -> tuple[str, str, str]:
    message = message_from_bytes(draft.as_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    calendar = next(
        a for a in message.iter_attachments() if a.get_content_type() == "text/calendar"
    )
    return text.get_content(), html.get_content(), calendar.get_content()


def by_name(drafts: list[Draft]) -> dict[str, Draft]:
    return {d.name: d for d in drafts}


def nonpublic_title(ws: Workspace) -> str:
    session = ws.session(SESSION)
    return next(e.item.title for e in session.numbered_items() if e.item.public is False)


def test_guests_see_public_items_and_what_they_present(tmp_path: Path) -> None:
    ws = guest_workspace(tmp_path)
    title = nonpublic_title(ws)
    drafts, _ = draft_invitations(ws, ws.session(SESSION))
    found = by_name(drafts)
    # a member: everything, with the open tasks
    text, html, ics = parts(found["spk-mitte"])
    assert title in text and title in html and title in ics.replace("\r\n ", "")
    assert "Offene Aufgaben aus früheren Sitzungen" in text
    # the guest who presents the non-public item sees it, but no internal tasks
    text, html, ics = parts(found["senfin-1"])
    assert title in text and title in html
    assert "Offene Aufgaben" not in text and "Offene Aufgaben" not in html
    assert "2022-06-14-top4.3-a1" not in text + html
    # the other guest sees neither, and is told that items are left out
    text, html, ics = parts(found["skzl-1"])
    assert title not in text and title not in html and title not in ics.replace("\r\n ", "")
    assert "Nichtöffentliche Tagesordnungspunkte sind in dieser Fassung nicht enthalten." in text
    assert "Offene Aufgaben" not in text
    # the public items are there for everyone
    assert "Begrüßung" in text


def test_bcc_sends_the_members_one_message_and_each_guest_their_own(tmp_path: Path) -> None:
    ws = guest_workspace(tmp_path)
    title = nonpublic_title(ws)
    drafts, _ = draft_invitations(ws, ws.session(SESSION), bcc=True)
    found = by_name(drafts)
    assert set(found) == {"all", "senfin-1", "skzl-1"}
    assert not any(a.endswith("klara.testfall@example.org") for a in found["all"].addresses)
    assert title in parts(found["all"])[0]
    assert title not in parts(found["skzl-1"])[0]


def test_a_guests_pdf_is_their_own_version(tmp_path: Path) -> None:
    ws = guest_workspace(tmp_path)
    title = nonpublic_title(ws)
    drafts, _ = draft_invitations(ws, ws.session(SESSION), attach_pdf=True)
    message = message_from_bytes(by_name(drafts)["skzl-1"].as_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    pdf = next(a for a in message.iter_attachments() if a.get_content_type() == "application/pdf")
    text = flat_text(pdf.get_content())
    assert "Begrüßung" in text and title not in text and "Offene Aufgaben" not in text


def test_the_invitation_document_itself_is_the_members_version(tmp_path: Path) -> None:
    ws = guest_workspace(tmp_path)
    text = render_document(ws, ws.session(SESSION), "invitation", "md").decode()
    assert nonpublic_title(ws).replace("*", "\\*") in text and "Offene Aufgaben" in text


def test_a_guest_gets_no_attachment_of_an_item_they_do_not_see(tmp_path: Path) -> None:
    ws = guest_workspace(tmp_path)
    (ws.root / "attachments").mkdir()
    (ws.root / "attachments" / "stellen.pdf").write_bytes(b"%PDF-1.4 intern\n")
    (ws.root / "attachments" / "programm.pdf").write_bytes(b"%PDF-1.4 public\n")
    ws = edit_session(
        ws,
        SESSION,
        "    public: false\n",
        "    public: false\n"
        "    attachments:\n      - {file: attachments/stellen.pdf, title: Stellen}\n",
    )
    ws = edit_session(
        ws,
        SESSION,
        "    presenters: [spk-ts]\n",
        "    presenters: [spk-ts]\n"
        "    attachments:\n      - {file: attachments/programm.pdf, title: Programm}\n",
    )
    drafts = by_name(draft_invitations(ws, ws.session(SESSION))[0])

    def files(name: str) -> list[bytes]:
        message = message_from_bytes(drafts[name].as_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        return [
            a.get_content()
            for a in message.iter_attachments()
            if a.get_content_type() == "application/pdf"
        ]

    assert sorted(files("spk-mitte")) == [b"%PDF-1.4 intern\n", b"%PDF-1.4 public\n"]
    assert sorted(files("senfin-1")) == sorted(files("spk-mitte"))  # presents the item
    assert files("skzl-1") == [b"%PDF-1.4 public\n"]
