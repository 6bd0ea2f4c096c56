"""`kogsro calendar`: the feed of all sessions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli
from tests.sample_workspace import sample_files

Tree = Callable[[dict[str, str]], Path]


def test_writes_the_feed_into_out(tree: Tree) -> None:
    root = tree(sample_files())
    code, out, err = run_cli("calendar", cwd=root)
    assert code == 0, err
    assert out == "wrote out/calendar.ics (3 sessions)\n"
    text = (root / "out" / "calendar.ics").read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 3
    # out/ is the tool's own: a second run replaces the file without --force
    code, _, err = run_cli("calendar", cwd=root)
    assert code == 0, err


def test_since_public_and_stdout(tree: Tree) -> None:
    root = tree(sample_files())
    code, out, err = run_cli("calendar", "--since", "2022-07-01", "--public", "-o", "-", cwd=root)
    assert code == 0, err
    assert out.count("BEGIN:VEVENT") == 2
    assert "meet.example.org" not in out.replace("\r\n ", "")
    assert not (root / "out").exists()


def test_since_today_uses_the_frozen_clock(tree: Tree) -> None:
    root = tree(sample_files())
    code, out, _ = run_cli("calendar", "--since", "today", "-o", "-", cwd=root)
    assert code == 0
    assert out.count("BEGIN:VEVENT") == 2  # today is 2022-06-01 in the tests


def test_json_lists_the_events(tree: Tree) -> None:
    import json

    root = tree(sample_files())
    code, out, _ = run_cli("calendar", "--json", cwd=root)
    assert code == 0
    data = json.loads(out)
    assert data["output"].endswith("out/calendar.ics")
    assert [(e["session"], e["uid"], e["status"], e["sequence"]) for e in data["events"]] == [
        ("2022-01-11", "2022-01-11@kog-sro.kogsro", "CONFIRMED", 0),
        ("2022-07-12", "2022-07-12@kog-sro.kogsro", "TENTATIVE", 0),
        ("2022-09-13", "2022-09-13@kog-sro.kogsro", "CANCELLED", 2),
    ]


def test_a_file_outside_out_is_not_overwritten_without_force(tree: Tree) -> None:
    root = tree(sample_files({"mine.ics": "my own file\n"}))
    code, _, err = run_cli("calendar", "-o", "mine.ics", cwd=root)
    assert code == 2
    assert "mine.ics: already exists, not overwritten" in err
    assert (root / "mine.ics").read_text() == "my own file\n"
    code, _, err = run_cli("calendar", "-o", "mine.ics", "--force", cwd=root)
    assert code == 0, err
    assert (root / "mine.ics").read_text().startswith("BEGIN:VCALENDAR")


def test_bad_since_is_a_usage_error(tree: Tree) -> None:
    root = tree(sample_files())
    code, _, err = run_cli("calendar", "--since", "14.06.2022", cwd=root)
    assert code == 2
    assert "--since: invalid date '14.06.2022'" in err
    assert "Traceback" not in err


def test_invalid_workspace_writes_nothing(tree: Tree) -> None:
    root = tree(sample_files({"agendas/2022-10-11.yaml": "date: 2022-10-11\nhost: nobody\n"}))
    code, _, err = run_cli("calendar", cwd=root)
    assert code == 2
    assert "agendas/2022-10-11.yaml:2:7: unknown organisation 'nobody'" in err
    assert not (root / "out").exists()
