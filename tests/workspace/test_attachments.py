"""Attachment paths are checked when a session is loaded, with file:line:col."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kogsro.workspace.loader import load_with_problems

BODY = "body: {name: Testgremium, short: TG}\n"
ROSTER = """
organisations:
  - {id: ba-a, name: Bezirksamt A, short: A, kind: district}
people:
  - {id: p-a, name: Erika Beispiel, organisation: ba-a, member: true}
"""


def session(*attachments: str) -> str:
    lines = ["date: 2023-03-21", "host: ba-a", "items:", "  - title: Leitfaden", "    attachments:"]
    lines += [f"      - {entry}" for entry in attachments]
    return "\n".join(lines) + "\n"


def workspace(tmp_path: Path, *attachments: str) -> Path:
    root = tmp_path / "ws"
    (root / "agendas").mkdir(parents=True)
    (root / "attachments").mkdir()
    (root / "attachments" / "plan.pdf").write_bytes(b"%PDF-1.7\n")
    (root / "kogsro.yaml").write_text(BODY, encoding="utf-8")
    (root / "attendees.yaml").write_text(ROSTER, encoding="utf-8")
    (root / "agendas" / "2023-03-21.yaml").write_text(session(*attachments), encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    _ws, found = load_with_problems(root)
    return [str(p) for p in found]


def test_files_inside_the_workspace_and_links_are_fine(tmp_path: Path) -> None:
    root = workspace(
        tmp_path,
        "{file: attachments/plan.pdf, title: Entwurf Leitfaden}",
        "{url: 'https://example.org/a.pdf', title: Vorlage, public: false}",
        "{file: ./attachments/../attachments/plan.pdf}".replace("../attachments/", ""),
    )
    ws, found = load_with_problems(root)
    assert found == []
    assert ws is not None
    attachments = ws.sessions[0].items[0].attachments
    assert [a.title for a in attachments] == ["Entwurf Leitfaden", "Vorlage", None]
    assert attachments[1].public is False


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{file: attachments/fehlt.pdf}", "attachment 'attachments/fehlt.pdf' does not exist"),
        ("{file: ../secret.pdf}", "attachment path '../secret.pdf' leaves the workspace ('..')"),
        ("{file: attachments/../../x.pdf}", "leaves the workspace"),
        ("{file: /etc/passwd}", "attachment path '/etc/passwd' is absolute"),
        ("{file: 'C:\\Users\\x.pdf'}", "is absolute"),
        ("{file: attachments}", "attachment 'attachments' is not a file"),
        ("{file: ''}", "the attachment path is empty"),
    ],
)
def test_bad_paths_are_reported_at_their_place(tmp_path: Path, entry: str, message: str) -> None:
    root = workspace(tmp_path, "{file: attachments/plan.pdf}", entry)
    found = problems(root)
    assert len(found) == 1, found
    assert "2023-03-21.yaml:7:16: " in found[0], found
    assert message in found[0]


def test_a_symbolic_link_out_of_the_workspace_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(b"%PDF-1.7\n")
    root = workspace(tmp_path, "{file: attachments/link.pdf}")
    (root / "attachments" / "link.pdf").symlink_to(outside)
    found = problems(root)
    assert len(found) == 1
    assert "2023-03-21.yaml:6:16: " in found[0]
    assert "symbolic link pointing out of the workspace" in found[0]


def test_a_symbolic_link_inside_the_workspace_is_fine(tmp_path: Path) -> None:
    root = workspace(tmp_path, "{file: attachments/same.pdf}")
    (root / "attachments" / "same.pdf").symlink_to(root / "attachments" / "plan.pdf")
    assert problems(root) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    root = workspace(tmp_path, "{file: attachments/plan.pdf}")
    (root / "attachments" / "plan.pdf").chmod(0)
    try:
        found = problems(root)
    finally:
        (root / "attachments" / "plan.pdf").chmod(0o644)
    assert len(found) == 1
    assert "cannot be read" in found[0]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{title: Nichts}", "either `file:` (a path) or `url:` (a link)"),
        ("{file: attachments/plan.pdf, url: 'https://example.org'}", "either `file:`"),
        ("{url: 'ftp://example.org/x'}", "is not an http(s) link"),
        ("{file: attachments/plan.pdf, title: ''}", "must not be empty"),
        ("{file: attachments/plan.pdf, public: nein}", "valid boolean"),
        ("{file: attachments/plan.pdf, size: 3}", "size"),
    ],
)
def test_malformed_entries_are_reported(tmp_path: Path, entry: str, message: str) -> None:
    found = problems(workspace(tmp_path, entry))
    assert len(found) == 1, found
    assert "2023-03-21.yaml:6:" in found[0], found
    assert message in found[0]
