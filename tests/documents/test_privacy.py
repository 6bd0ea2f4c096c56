"""Public output: no sub-item of a non-public item, no online-meeting link, no contact data typed
into free text (issue 14, defect 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kogsro.documents.presentation import mask_contacts, scrub_contacts
from tests.conftest import run_cli
from tests.sample_workspace import sample_files

SECRET_ITEM = """
date: 2022-07-12
start: 14:00
status: held
host: ba-sued
location:
  name: Videokonferenz
  online: https://meet.example.org/j/123?pwd=SECRETTOKEN
items:
  - title: Begrüßung
    duration: 15
    notes: Rückfragen an anna.mueller@example.org oder 030 9029-12345.
    description: "Kontakt: +49 (30) 1234 5678, sonst mailto:post@verein.example.org"
  - title: Personalien
    public: false
    duration: 20
    items:
      - title: Nachfolge Geheimsache
        duration: 10
      - title: Vertrauliche Unterpunkt-Sache
        duration: 5
"""


@pytest.fixture
def ws(tree: object) -> Path:
    root: Path = tree(sample_files({"agendas/2022-07-12.yaml": SECRET_ITEM}))  # type: ignore[operator]
    return root


def test_public_calendar_leaves_out_sub_items_of_a_non_public_item(ws: Path) -> None:
    from icalendar import Calendar

    for args in (
        ["calendar", "--public", "-o", "-"],
        ["invite", "2022-07-12", "-f", "ics", "--public", "-o", "-"],
    ):
        code, out, err = run_cli(*args, cwd=ws)
        assert code == 0, err
        text = "\n".join(
            str(event.get("description", "")) + str(event.get("url", ""))
            for event in Calendar.from_ical(out).walk("VEVENT")
        )
        assert "Begrüßung" in text
        for secret in ("Personalien", "Geheimsache", "Unterpunkt", "SECRETTOKEN"):
            assert secret not in out and secret not in text, (args, secret)
    code, out, _ = run_cli("calendar", "-o", "-", cwd=ws)
    assert code == 0 and "Geheimsache" in out  # the internal feed keeps them


@pytest.mark.parametrize("kind", ["minutes", "invite"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_public_documents_drop_the_online_link_and_mask_contacts(
    ws: Path, kind: str, fmt: str
) -> None:
    code, out, err = run_cli(kind, "2022-07-12", "-f", fmt, "--public", "-o", "-", cwd=ws)
    assert code == 0, err
    for leak in (
        "SECRETTOKEN",
        "meet.example.org",
        "anna.mueller@example.org",
        "9029-12345",
        "1234 5678",
        "post@verein",
        "Geheimsache",
    ):
        assert leak not in out, leak
    if kind == "minutes":
        assert "E-Mail-Adresse entfernt" in out and "Telefonnummer entfernt" in out
    code, out, _ = run_cli(kind, "2022-07-12", "-f", fmt, "-o", "-", cwd=ws)
    assert code == 0 and "SECRETTOKEN" in out  # the internal document keeps the link


def test_public_oparl_masks_contacts_in_free_text(ws: Path) -> None:
    code, out, err = run_cli("export", "oparl", "-o", "-", cwd=ws)
    assert code == 0, err
    assert "SECRETTOKEN" not in out and "Geheimsache" not in out


@pytest.mark.parametrize(
    "text",
    [
        "Sitzung am 14.06.2022 um 10:00 Uhr",
        "TOP 2.1, Beschluss 2022-06-14-top2-d1",
        "12.000 Euro für 01067 Dresden und 10707 Berlin",
        "Raum 0.12, Haus 3, 2. OG, 1.500 m²",
        "Stand: 2022-05-31T22:00:00+02:00",
        "Vertreter*innen #3 <b>",
        "Session of 09/03/2022, Item 3; due 01/12/2022.",
    ],
)
def test_ordinary_text_is_not_masked(text: str) -> None:
    assert mask_contacts(text, "de") == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Mail an a.b-c@bezirk.berlin.de bitte", "Mail an [e-mail address removed] bitte"),
        ("Tel. 030 90298-1234.", "Tel. [phone number removed]."),
        ("(030) 123 45 67", "([phone number removed]"),
        ("tel:+4930123456", "[phone number removed]"),
        ("mobil 0170/1234567", "mobil [phone number removed]"),
        ("Fax 09/03/20221", "Fax [phone number removed]"),
        ("am 09/03/2022 unter 030 1234567", "am 09/03/2022 unter [phone number removed]"),
    ],
)
def test_contacts_in_text_are_masked(text: str, masked: str) -> None:
    assert mask_contacts(text, "en") == masked


def test_scrub_keeps_the_labels_and_drops_contact_fields() -> None:
    context = {
        "t": {"online": "Online-Teilnahme"},
        "session": {"location": {"online": "https://x?pwd=1", "online_link": "https://x"}},
        "people": [{"email": "a@example.org", "phone": "030 1234567", "name": "A"}],
    }
    scrubbed = scrub_contacts(context, "de")
    assert scrubbed["t"] == {"online": "Online-Teilnahme"}
    assert scrubbed["session"]["location"] == {"online": None, "online_link": None}
    assert scrubbed["people"] == [{"email": None, "phone": None, "name": "A"}]


@pytest.mark.parametrize(
    "args", [["-f", "csv", "-o", "-"], ["--json"], ["-f", "md", "-o", "-"], []]
)
def test_public_decision_log_masks_contacts_in_every_format(ws: Path, args: list[str]) -> None:
    session = ws / "agendas" / "2022-07-12.yaml"
    text = session.read_text(encoding="utf-8").replace(
        "    notes: Rückfragen",
        "    decisions:\n      - text: Rückfragen an anna.mueller@example.org, 030 9029-12345.\n"
        "    notes: Rückfragen",
    )
    session.write_text(text, encoding="utf-8")
    code, out, err = run_cli("decisions", "--public", *args, cwd=ws)
    assert code == 0, err
    assert "Rückfragen an" in out
    assert "anna.mueller@example.org" not in out and "9029-12345" not in out
    code, out, _ = run_cli("decisions", *args, cwd=ws)
    assert code == 0 and "anna.mueller@example.org" in out


def test_public_english_task_list_keeps_its_dates(example: Path) -> None:
    """English dates (09/03/2022) are no phone numbers: the public task list shows them."""
    code, out, err = run_cli("actions", "--public", "--lang", "en", "-f", "md", "-o", "-")
    assert code == 0, err
    assert "| 09/03/2022, Item 3 |" in out and "| 31/03/2022 |" in out
    assert "removed" not in out
