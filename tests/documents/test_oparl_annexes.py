"""OParl File objects for the attachment files, copied into the export."""

from __future__ import annotations

from pathlib import Path

from kogsro.documents.oparl import export, export_attachments, write_export
from kogsro.formats.oparl import LISTS
from kogsro.workspace.loader import Workspace, load_workspace
from tests.oparl_validation import validate_document, validate_object

ROSTER = """
organisations:
  - {id: ba-a, name: Bezirksamt A, short: A, kind: district}
people:
  - {id: p-a, name: Erika Beispiel, organisation: ba-a, member: true}
"""
SESSION = """
date: 2023-03-21
host: ba-a
items:
  - title: Leitfaden
    documents: ["https://example.org/alt.pdf"]
    attachments:
      - {file: anlagen/leitfaden.pdf, title: Entwurf Leitfaden}
      - {url: "https://example.org/hintergrund", title: Hintergrund}
      - {file: anlagen/intern.docx, title: Vermerk, public: false}
"""
BASE = "https://ris.example.org/oparl/v1.1"


def make(tmp_path: Path) -> Workspace:
    root = tmp_path / "ws"
    files = {
        "kogsro.yaml": "body: {name: Testgremium, short: TG}\n",
        "attendees.yaml": ROSTER,
        "agendas/2023-03-21.yaml": SESSION,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "anlagen").mkdir()
    (root / "anlagen" / "leitfaden.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 100)
    (root / "anlagen" / "intern.docx").write_bytes(b"PK\x03\x04")
    return load_workspace(root)


def files_by_id(document: dict[str, object]) -> dict[str, dict[str, object]]:
    data = document["files"]["data"]  # type: ignore[index]
    return {f["id"].rsplit("/", 1)[-1]: f for f in data}  # type: ignore[union-attr,index]


def test_local_files_become_file_objects_with_size_and_type(tmp_path: Path) -> None:
    ws = make(tmp_path)
    document = export(ws, base_url=BASE, public_only=False)
    files = files_by_id(document)
    assert set(files) == {
        "2023-03-21-top1-1",
        "2023-03-21-anlage-2",
        "2023-03-21-anlage-3",
        "2023-03-21-anlage-4",
    }
    pdf = files["2023-03-21-anlage-2"]
    assert pdf["name"] == "Entwurf Leitfaden"
    assert pdf["fileName"] == "anlage-02-leitfaden.pdf"
    assert pdf["mimeType"] == "application/pdf"
    assert pdf["size"] == 109
    assert pdf["accessUrl"] == f"{BASE}/anlagen/2023-03-21/anlage-02-leitfaden.pdf"
    assert files["2023-03-21-anlage-3"]["accessUrl"] == "https://example.org/hintergrund"
    assert files["2023-03-21-anlage-3"]["name"] == "Hintergrund"
    for obj in files.values():
        validate_object(obj)
    assert validate_document(document, LISTS) > 0


def test_the_public_export_leaves_out_non_public_files(tmp_path: Path) -> None:
    ws = make(tmp_path)
    document = export(ws, base_url=BASE, public_only=True)
    assert "2023-03-21-anlage-4" not in files_by_id(document)
    assert list(export_attachments(ws, public_only=True)) == [
        "anlagen/2023-03-21/anlage-02-leitfaden.pdf"
    ]


def test_the_files_are_copied_into_the_folder_and_removed_when_gone(tmp_path: Path) -> None:
    ws = make(tmp_path)
    folder = ws.out_dir / "oparl"
    attachments = export_attachments(ws, public_only=False)
    document = export(ws, base_url=BASE, public_only=False)
    write_export(document, folder, base_url=BASE, out_dir=ws.out_dir, attachments=attachments)
    copy = folder / "anlagen" / "2023-03-21" / "anlage-04-intern.docx"
    assert copy.read_bytes() == b"PK\x03\x04"
    public = export(ws, base_url=BASE, public_only=True)
    written = write_export(
        public,
        folder,
        base_url=BASE,
        out_dir=ws.out_dir,
        attachments=export_attachments(ws, public_only=True),
    )
    assert copy in written.removed
    assert not copy.exists()
    assert (folder / "anlagen" / "2023-03-21" / "anlage-02-leitfaden.pdf").exists()
