"""Approved minutes frozen in archive/: written once, never overwritten; a later change is an
error of `check` naming the session and the item, until a correction is recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kogsro.documents.archive import archive_approved, due
from kogsro.errors import InputError, KogsroError
from kogsro.ledger.frozen import content_parts, fingerprint, frozen_problems, read_manifests
from kogsro.workspace.loader import load_workspace
from tests.conftest import run_cli
from tests.pdfcheck import flat_text

MARCH = "2022-03-09"


def edit(example: Path, session: str, old: str, new: str) -> None:
    path = example / "agendas" / f"{session}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_correction(example: Path, session: str = MARCH) -> None:
    path = example / "agendas" / f"{session}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\ncorrections:\n  - date: 2022-07-01\n    reason: Beschlusstext zu TOP 2 berichtigt.\n",
        encoding="utf-8",
    )


def test_archive_freezes_every_approved_minutes(example: Path) -> None:
    code, out, err = run_cli("archive")
    assert code == 0, err
    assert out.splitlines() == [
        "archived archive/2022-03-09/ (2022-03-09, approved minutes)",
        "archived archive/2022-04-12/ (2022-04-12, approved minutes)",
    ]
    folder = example / "archive" / MARCH
    assert sorted(p.name for p in folder.iterdir()) == [
        "manifest.json",
        "minutes.md",
        "minutes.pdf",
    ]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["session"], manifest["approved_in"], manifest["approved_on"]) == (
        MARCH,
        "2022-04-12",
        "2022-04-12",
    )
    ws = load_workspace(example)
    assert manifest["fingerprint"] == fingerprint(content_parts(ws.session(MARCH)))
    assert "Genehmigt in der Sitzung vom 12. April 2022." in (folder / "minutes.md").read_text(
        encoding="utf-8"
    )
    assert "ENTWURF" not in flat_text((folder / "minutes.pdf").read_bytes())
    # the draft (June) is not archived; a second run has nothing to do
    assert not (example / "archive" / "2022-06-14").exists()
    code, out, _ = run_cli("archive")
    assert code == 0 and "nothing to archive" in out


def test_archived_files_are_never_overwritten(example: Path) -> None:
    ws = load_workspace(example)
    archive_approved(ws)
    pdf = example / "archive" / MARCH / "minutes.pdf"
    before = pdf.read_bytes()
    manifest = example / "archive" / MARCH / "manifest.json"
    manifest.unlink()  # as if an earlier run had been interrupted
    with pytest.raises(KogsroError, match="already holds archived files, not overwritten"):
        archive_approved(load_workspace(example))
    assert pdf.read_bytes() == before


def test_a_change_after_approval_is_an_error_naming_session_and_item(example: Path) -> None:
    archive_approved(load_workspace(example))
    edit(example, MARCH, "wird ohne Änderungen genehmigt.", "wird mit Änderungen genehmigt.")
    ws = load_workspace(example)
    [problem] = frozen_problems(ws)
    assert problem.file == "agendas/2022-03-09.yaml"
    assert problem.line == 36  # the item (TOP 2)
    assert problem.message == (
        "the minutes of 2022-03-09 were approved in 2022-04-12 and archived; TOP 2 "
        "(Genehmigung des Protokolls der Sitzung vom 8. Februar 2022) changed since"
    )
    code, _, err = run_cli("check")
    assert code == 2 and "agendas/2022-03-09.yaml:36:5: the minutes of 2022-03-09" in err
    # archive and build refuse: nothing written
    with pytest.raises(InputError):
        archive_approved(ws)
    code, _, err = run_cli("build")
    assert code == 2
    assert not (example / "out").exists()


def test_a_recorded_correction_is_accepted_and_archived_as_a_new_version(example: Path) -> None:
    archive_approved(load_workspace(example))
    edit(example, MARCH, "wird ohne Änderungen genehmigt.", "wird mit Änderungen genehmigt.")
    add_correction(example)
    ws = load_workspace(example)
    assert frozen_problems(ws) == []
    code, _, err = run_cli("check")
    assert code == 0, err
    assert [(s.id, v) for s, v in due(ws)] == [(MARCH, 1)]
    code, out, err = run_cli("archive")
    assert code == 0, err
    assert out.strip() == "archived archive/2022-03-09/correction-1/ (2022-03-09, correction 1)"
    versions = read_manifests(load_workspace(example), MARCH)
    assert [(m.version, m.corrections) for m in versions] == [(0, 0), (1, 1)]
    corrected = (example / "archive" / MARCH / "correction-1" / "minutes.md").read_text("utf-8")
    assert "## Berichtigungen" in corrected and "wird mit Änderungen genehmigt" in corrected
    # the original stays as approved
    original = (example / "archive" / MARCH / "minutes.md").read_text("utf-8")
    assert "wird ohne Änderungen genehmigt" in original
    # a further change without a further correction is caught against the corrected version
    edit(example, MARCH, "wird mit Änderungen genehmigt.", "wird mit einer Änderung genehmigt.")
    assert len(frozen_problems(load_workspace(example))) == 1


def test_added_and_removed_items_and_session_details(example: Path) -> None:
    archive_approved(load_workspace(example))
    edit(example, MARCH, "minutes_by: spk-ts", "minutes_by: spk-mh")
    path = example / "agendas" / f"{MARCH}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("\nitems:\n", "\nitems:\n  - title: Nachgetragen\n    notes: Neu.\n", 1),
        encoding="utf-8",
    )
    messages = [p.message for p in frozen_problems(load_workspace(example))]
    assert any("the session's details" in m for m in messages)
    assert any("TOP 1 (Nachgetragen) changed since" in m for m in messages)


def test_comments_and_layout_do_not_count(example: Path) -> None:
    archive_approved(load_workspace(example))
    path = example / "agendas" / f"{MARCH}.yaml"
    path.write_text("# ein neuer Kommentar\n" + path.read_text(encoding="utf-8"), "utf-8")
    assert frozen_problems(load_workspace(example)) == []


def test_build_archives_too_and_rendering_never_writes_into_the_archive(example: Path) -> None:
    code, out, err = run_cli("build")
    assert code == 0, err
    assert "archived archive/2022-03-09/" in out
    assert (example / "archive" / "2022-04-12" / "manifest.json").is_file()
    code, _, err = run_cli("minutes", MARCH, "-o", "archive/2022-03-09/minutes.pdf", "--force")
    assert code == 2
