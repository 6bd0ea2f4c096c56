"""The Sitzungsmappe, checked page by page with pypdf."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from kogsro.documents.pack import build_pack
from kogsro.documents.session_docs import render_document
from kogsro.errors import UsageError
from kogsro.workspace.loader import Workspace, load_workspace
from tests.conftest import run_cli

BODY = "body: {name: Testgremium, short: TG}\n"
ROSTER = """
organisations:
  - {id: ba-a, name: Bezirksamt A, short: A, kind: district}
people:
  - {id: p-a, name: Erika Beispiel, organisation: ba-a, member: true, role: SPK-Leitung}
"""


def typst_pdf(title: str, pages: int) -> bytes:
    import typst

    body = "\n#pagebreak()\n".join(f"= {title}\nSeite {n} von {title}" for n in range(1, pages + 1))
    return typst.compile(f'#set page(paper: "a5")\n{body}'.encode(), format="pdf")


def png() -> bytes:
    import typst

    return typst.compile(b"#set page(width: 4cm, height: 3cm)\n#rect(fill: blue)", format="png")


def make(tmp_path: Path, attachments: str, files: dict[str, bytes]) -> Workspace:
    root = tmp_path / "ws"
    (root / "agendas").mkdir(parents=True)
    (root / "kogsro.yaml").write_text(BODY, encoding="utf-8")
    (root / "attendees.yaml").write_text(ROSTER, encoding="utf-8")
    session = f"date: 2023-03-21\nhost: ba-a\nitems:\n  - title: Leitfaden\n{attachments}"
    (root / "agendas" / "2023-03-21.yaml").write_text(session, encoding="utf-8")
    for name, data in files.items():
        (root / "anlagen").mkdir(exist_ok=True)
        (root / "anlagen" / name).write_bytes(data)
    return load_workspace(root)


FULL = """    attachments:
      - {file: anlagen/leitfaden.pdf, title: Entwurf Leitfaden}
      - {file: anlagen/zeitplan.png, title: Zeitplan}
      - {file: anlagen/kosten.docx, title: Kostenschätzung}
      - {url: "https://example.org/vorlage", title: Vorlage im Netz}
  - title: Intern
    attachments:
      - {file: anlagen/intern.pdf, title: Vermerk, public: false}
"""


@pytest.fixture
def full(tmp_path: Path) -> Workspace:
    files = {
        "leitfaden.pdf": typst_pdf("Leitfaden", 3),
        "zeitplan.png": png(),
        "kosten.docx": b"PK\x03\x04 not really a word file",
        "intern.pdf": typst_pdf("Vermerk", 2),
    }
    return make(tmp_path, FULL, files)


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


def outline_titles(pdf: bytes) -> list[str]:
    reader = PdfReader(BytesIO(pdf))
    return [entry.title for entry in reader.outline if not isinstance(entry, list)]


def test_the_pack_holds_the_invitation_the_list_and_every_page(full: Workspace) -> None:
    session = full.sessions[0]
    invitation = render_document(full, session, "invitation", "pdf")
    invitation_pages = len(PdfReader(BytesIO(invitation)).pages)
    pack = build_pack(full, session)
    texts = pages_of(pack.pdf)
    # invitation + the list of Anlagen + 3 PDF pages + 1 image + 2 PDF pages (internal)
    assert len(texts) == invitation_pages + 1 + 3 + 1 + 2
    listing = texts[invitation_pages]
    assert "Verzeichnis der Anlagen" in listing
    assert "Kostenschätzung" in listing
    assert "nicht enthalten: Dateityp .docx kann nicht eingefügt werden" in listing
    assert "nicht enthalten: Verweis" in listing
    first = invitation_pages + 1
    for page in range(3):
        text = texts[first + page]
        assert f"Seite {page + 1} von Leitfaden" in text  # the attachment's own text
        assert f"Anlage 1, Seite {page + 1} von 3" in text  # the stamp
    assert "Anlage 2, Seite 1 von 1" in texts[first + 3]
    assert "Seite 2 von Vermerk" in texts[-1]
    assert "Anlage 5, Seite 2 von 2" in texts[-1]
    assert f"Seite {first + 1}" in listing  # where Anlage 1 begins


def test_every_placed_anlage_has_an_outline_entry_at_its_first_page(full: Workspace) -> None:
    pack = build_pack(full, full.sessions[0])
    reader = PdfReader(BytesIO(pack.pdf))
    entries = {
        entry.title: reader.get_destination_page_number(entry)
        for entry in reader.outline
        if not isinstance(entry, list)
    }
    first = entries["Anlage 1: Entwurf Leitfaden"]
    assert entries["Anlage 2: Zeitplan"] == first + 3
    assert entries["Anlage 5: Vermerk"] == first + 4
    assert "Anlage 3: Kostenschätzung" not in entries
    assert [p.placement for p in pack.annexes] == ["pdf", "image", "left_out", "link", "pdf"]


def test_pdf_pages_keep_it_from_being_pdf_a_and_it_says_which(full: Workspace) -> None:
    pack = build_pack(full, full.sessions[0])
    assert not pack.archival
    assert [a.number for a in pack.not_archival] == [1, 5]
    assert any(
        "not PDF/A-2b" in w and "Anlage 1 (leitfaden.pdf), Anlage 5 (intern.pdf)" in w
        for w in pack.warnings
    )
    assert (
        "Anlage 3 (anlagen/kosten.docx) is left out of the Sitzungsmappe: a .docx file cannot "
        "be placed" in pack.warnings
    )


def test_images_only_stay_pdf_a(tmp_path: Path) -> None:
    ws = make(
        tmp_path,
        "    attachments:\n      - {file: anlagen/plan.png, title: Plan}\n",
        {"plan.png": png()},
    )
    pack = build_pack(ws, ws.sessions[0])
    assert pack.archival
    metadata = PdfReader(BytesIO(pack.pdf)).xmp_metadata
    assert metadata is not None
    assert b"pdfaid" in metadata.stream.get_data()


def test_the_public_pack_leaves_out_what_is_not_public(full: Workspace) -> None:
    pack = build_pack(full, full.sessions[0], public=True)
    text = "\n".join(pages_of(pack.pdf))
    assert "Vermerk" not in text
    assert "Anlage 1, Seite 3 von 3" in text
    assert [p.annex.number for p in pack.annexes] == [1, 2, 3, 4]


def test_encrypted_empty_and_broken_pdfs_are_listed_as_not_included(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.append(PdfReader(BytesIO(typst_pdf("Geheim", 1))))
    writer.encrypt("geheim")
    locked = BytesIO()
    writer.write(locked)
    attachments = "    attachments:\n" + "".join(
        f"      - {{file: anlagen/{name}}}\n" for name in ("geheim.pdf", "kaputt.pdf", "gut.pdf")
    )
    ws = make(
        tmp_path,
        attachments,
        {
            "geheim.pdf": locked.getvalue(),
            "kaputt.pdf": b"%PDF-1.7\nthis is not a PDF at all",
            "gut.pdf": typst_pdf("Gut", 1),
        },
    )
    pack = build_pack(ws, ws.sessions[0], lang="en")
    assert [(p.placement, p.reason) for p in pack.annexes] == [
        ("left_out", "pdf_encrypted"),
        ("left_out", "pdf_broken"),
        ("pdf", None),
    ]
    text = "\n".join(pages_of(pack.pdf))
    assert "not included: the PDF file is encrypted" in text
    assert "not included: the PDF file is damaged" in text
    assert "Annex 3, page 1 of 1" in text


def test_a_cancelled_session_has_no_pack(tmp_path: Path) -> None:
    ws = make(tmp_path, "", {})
    session = ws.sessions[0].replace(status="cancelled")
    with pytest.raises(UsageError, match="cancelled"):
        build_pack(ws, session)


def test_pack_command_writes_the_file_and_warns(full: Workspace) -> None:
    code, out, err = run_cli("pack", "2023-03-21", cwd=full.root)
    assert code == 0, err
    assert "wrote out/2023-03-21/pack.pdf" in out
    assert "not PDF/A-2b" in err
    assert (full.root / "out" / "2023-03-21" / "pack.pdf").read_bytes().startswith(b"%PDF")
    code, out, err = run_cli("pack", "2023-03-21", "-o", "mappe.pdf", "--public", cwd=full.root)
    assert code == 0, err
    assert len(PdfReader(full.root / "mappe.pdf").pages) >= 5
    code, out, err = run_cli("pack", "2023-03-21", "-o", "mappe.pdf", cwd=full.root)
    assert code == 2
    assert "already exists" in err


def test_build_copies_the_files_and_writes_the_pack(full: Workspace) -> None:
    from kogsro.documents.build import plan_build, run_build

    jobs = [job for job in plan_build(full) if job.label.startswith("2023-03-21/")]
    labels = sorted(job.label for job in jobs)
    assert "2023-03-21/anlagen/anlage-01-leitfaden.pdf" in labels
    assert "2023-03-21/anlagen/anlage-05-intern.pdf" in labels
    assert "2023-03-21/pack.pdf" in labels
    assert not any("anlage-04" in label for label in labels)  # a link has no file
    events = list(run_build(full, jobs, workers=1))
    assert all(event.ok for event in events), [e.error for e in events]
    copy = full.out_dir / "2023-03-21" / "anlagen" / "anlage-03-kosten.docx"
    assert copy.read_bytes() == (full.root / "anlagen" / "kosten.docx").read_bytes()
    assert (full.out_dir / "2023-03-21" / "pack.pdf").read_bytes().startswith(b"%PDF")
    public = sorted(job.label for job in plan_build(full, public=True))
    assert "2023-03-21/anlagen/anlage-05-intern.pdf" not in public
    assert "2023-03-21/pack.public.pdf" in public
