"""The use cases the command line calls, without the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kogsro import api
from kogsro.errors import UsageError
from kogsro.workspace.loader import load_workspace


def test_importing_the_use_cases_loads_no_data_model() -> None:
    code = (
        "import sys, kogsro.api; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'jinja2', 'babel', 'typer', 'rich') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_document_is_rendered_once_then_served_from_the_cache(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOGSRO_NO_CACHE", "0")
    monkeypatch.setenv("KOGSRO_CACHE_DIR", str(tmp_path / "cache"))
    first = api.session_document(example, "minutes", "2022-06-14", "md")
    assert first.data.startswith(b"# ")
    assert first.default_path == example / "out" / "2022-06-14" / "minutes.md"
    assert first.out_dir == example / "out"

    def no_loading(root: Path) -> None:
        raise AssertionError("the workspace was loaded")

    monkeypatch.setattr("kogsro.workspace.loader.load_workspace", no_loading)
    again = api.session_document(example, "minutes", "2022-06-14", "md")
    assert again == first


def test_the_warnings_come_with_the_document_also_from_the_cache(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOGSRO_NO_CACHE", "0")
    monkeypatch.setenv("KOGSRO_CACHE_DIR", str(tmp_path / "cache"))
    ws = load_workspace(example)
    planned = next(s for s in ws.sessions if s.status == "planned")
    made = api.session_document(example, "minutes", planned.id, "md", lang="en")
    assert made.warnings == [f"session {planned.id} has no attendance or outcomes recorded yet"]
    assert made.default_path.name == "minutes.en.md"
    assert api.session_document(example, "minutes", planned.id, "md", lang="en") == made


def test_an_unknown_session_is_a_usage_error(example: Path) -> None:
    with pytest.raises(UsageError, match="unknown session '2099-01-01'"):
        api.session_document(example, "minutes", "2099-01-01", "md")


def test_the_invitation_calendar_names_its_place_in_out(example: Path) -> None:
    ws = load_workspace(example)
    session = ws.session("2022-06-14")
    data, default, warnings = api.invitation_ics(ws, session, lang="de", public=False)
    assert data.startswith(b"BEGIN:VCALENDAR")
    assert default == example / "out" / "2022-06-14" / "invitation.ics"
    assert warnings == []


def test_a_dry_run_sends_nothing_and_says_to_whom(example: Path) -> None:
    ws = load_workspace(example)
    session = ws.session("2022-06-14")
    messages, _ = api.invitation_drafts(
        ws, session, lang="de", bcc=False, attach_pdf=False, to_send=True
    )
    report = api.send_invitation(ws, session, messages, really=False, resend=False)
    assert report.dry_run
    assert report.count("pending") == len(messages) > 1
    assert not (example / ".kogsro").exists()
