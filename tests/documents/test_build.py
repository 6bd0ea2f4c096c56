"""`kogsro build` in the core: which jobs, run on a pool of workers, failures reported."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from kogsro.cli import EXIT_FAILED, exit_code
from kogsro.documents.build import (
    JOB_PRODUCERS,
    BuildOptions,
    Job,
    failure_summary,
    is_held,
    plan_build,
    run_build,
)
from kogsro.workspace.loader import Workspace, load_workspace
from tests.conftest import build_file_tree


def test_plan_covers_every_document_of_every_session(example: Path) -> None:
    ws = load_workspace(example)
    labels = sorted(job.label for job in plan_build(ws))
    held = ["2022-03-09", "2022-04-12", "2022-06-14"]
    expected = sorted(
        [
            f"{s}/{kind}.{fmt}"
            for s in held
            for kind in ("invitation", "minutes")
            for fmt in ("md", "html", "pdf")
        ]
        + [f"2022-09-13/invitation.{fmt}" for fmt in ("md", "html", "pdf")]
        + [f"{s}/attendance.pdf" for s in [*held, "2022-09-13"]]
        + [f"{kind}.{fmt}" for kind in ("decisions", "actions") for fmt in ("md", "html", "pdf")]
        + [f"{s}/invitation.ics" for s in [*held, "2022-09-13"]]
        + ["calendar.ics"]
    )
    assert labels == expected
    assert all(job.output == ws.out_dir / job.label for job in plan_build(ws))


def test_plan_in_another_language_and_public(example: Path) -> None:
    labels = {job.label for job in plan_build(load_workspace(example), lang="en", public=True)}
    assert "2022-06-14/minutes.en.public.pdf" in labels
    assert "decisions.en.public.pdf" in labels and "actions.en.public.html" in labels


def test_cancelled_sessions_have_only_their_cancellation(example: Path) -> None:
    path = example / "agendas" / "2022-09-13.yaml"
    path.write_text(
        path.read_text("utf-8").replace("status: planned", "status: cancelled"), "utf-8"
    )
    labels = {job.label for job in plan_build(load_workspace(example))}
    assert {label for label in labels if label.startswith("2022-09-13")} == {
        "2022-09-13/cancellation.ics",  # METHOD:CANCEL, to take it out of the calendars
        "2022-09-13/cancellation.md",  # the letter (Absage)
        "2022-09-13/cancellation.html",
        "2022-09-13/cancellation.pdf",
    }


def test_is_held(example: Path) -> None:
    ws = load_workspace(example)
    assert is_held(ws.session("2022-06-14"))
    assert not is_held(ws.session("2022-09-13"))


def _md_jobs(ws: Workspace) -> list[Job]:
    return [job for job in plan_build(ws) if job.label.endswith(".md")]


def test_run_in_process_writes_every_file(example: Path) -> None:
    ws = load_workspace(example)
    jobs = _md_jobs(ws)
    events = list(run_build(ws, jobs, workers=1))
    assert [e.done for e in events] == list(range(1, len(jobs) + 1))
    assert all(e.ok and e.total == len(jobs) for e in events)
    for job in jobs:
        assert job.output.read_bytes().startswith(b"# ")


def test_run_on_two_worker_processes(example: Path) -> None:
    ws = load_workspace(example)
    jobs = [job for job in plan_build(ws) if job.label.startswith("2022-06-14/")]
    events = list(run_build(ws, jobs, workers=2))
    assert sorted(e.job.label for e in events) == sorted(j.label for j in jobs)
    assert sorted(e.done for e in events) == list(range(1, len(jobs) + 1))
    assert all(e.ok for e in events), [e.error for e in events]
    assert (ws.out_dir / "2022-06-14" / "minutes.pdf").read_bytes().startswith(b"%PDF")


def test_a_broken_template_fails_its_jobs_only(example: Path) -> None:
    build_file_tree(example, {"templates/minutes.md.j2": "{{ nope }}\n"})
    ws = load_workspace(example)
    events = list(run_build(ws, _md_jobs(ws), workers=2))
    failed = [e for e in events if not e.ok]
    assert sorted(e.job.label for e in failed) == [
        "2022-03-09/minutes.md",
        "2022-04-12/minutes.md",
        "2022-06-14/minutes.md",
    ]
    assert "templates/minutes.md.j2:1: undefined" in (failed[0].error or "")
    assert (ws.out_dir / "2022-06-14" / "invitation.md").is_file()
    error = failure_summary(failed)
    assert error.message.startswith("3 of 9 documents could not be rendered (the other 6 are")
    assert exit_code(error) == EXIT_FAILED  # the command line says so


def render_note(ws: Workspace, *, text: str) -> bytes:
    return f"{ws.config.body.short}: {text}\n".encode()


def note_jobs(ws: Workspace, options: BuildOptions) -> Iterator[Job]:
    yield Job(
        "notes.txt", ws.out_dir / "notes.txt", functools.partial(render_note, text=options.lang)
    )


def test_more_documents_join_through_a_producer(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kogsro.documents.build.JOB_PRODUCERS", [*JOB_PRODUCERS, note_jobs])
    ws = load_workspace(example)
    jobs = plan_build(ws)
    assert jobs[-1].label == "notes.txt"
    events = list(run_build(ws, [jobs[-1], jobs[0]], workers=2))
    assert all(e.ok for e in events)
    assert (ws.out_dir / "notes.txt").read_text("utf-8") == "KoG SRO: de\n"
