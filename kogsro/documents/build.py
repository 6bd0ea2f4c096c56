"""`kogsro build`: every document of the workspace rendered into ``out/``, on two cores.

What gets built is a list of :class:`Job` objects from the functions in
:data:`JOB_PRODUCERS`; a part of kogsro that has more documents to build (the decision log,
the task list, calendars) appends its own producer. A job's ``render`` must be picklable
(a module-level function, or a :func:`functools.partial` of one), because the jobs run in
a pool of worker processes; each worker reads the workspace once.

:func:`run_build` yields a :class:`BuildEvent` per finished job, so a caller can draw a
progress bar; jobs that fail are reported in their event and do not stop the others.
"""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.context
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from kogsro.documents.context import Kind
from kogsro.documents.ledger_docs import LEDGER_DOCUMENTS, default_path, render_ledger_document
from kogsro.errors import KogsroError, PartlyDone
from kogsro.fsio import write_atomic
from kogsro.ledger.lifecycle import is_held
from kogsro.workers import die_with_parent
from kogsro.workspace.loader import Workspace, load_workspace
from kogsro.workspace.model import Session

WORKERS = 2


@dataclass(frozen=True, slots=True)
class BuildOptions:
    lang: str
    public: bool = False


@dataclass(frozen=True, slots=True)
class Job:
    label: str  # shown next to the progress bar, e.g. "2022-06-14/minutes.pdf"
    output: Path
    render: Callable[[Workspace], bytes]


@dataclass(frozen=True, slots=True)
class BuildEvent:
    job: Job
    done: int  # jobs finished so far, this one included
    total: int
    error: str | None = None  # why the job failed; None when its file was written

    @property
    def ok(self) -> bool:
        return self.error is None


JobProducer = Callable[[Workspace, BuildOptions], Iterable[Job]]


# --- the jobs ------------------------------------------------------------------------------


def render_session_document(
    ws: Workspace, *, session: str, kind: Kind, fmt: str, lang: str, public: bool
) -> bytes:
    from kogsro.documents.session_docs import render_document

    return render_document(ws, ws.session(session), kind, fmt, lang=lang, public=public)  # type: ignore[arg-type]


def session_documents(session: Session) -> list[tuple[Kind, tuple[str, ...]]]:
    """Which documents a session has: a cancelled or postponed one its letter (Absage,
    Verlegung, written by the invitation's name), minutes once it has been held."""
    if session.status in ("cancelled", "postponed"):
        return [("invitation", ("md", "html", "pdf"))]
    documents: list[tuple[Kind, tuple[str, ...]]] = [("invitation", ("md", "html", "pdf"))]
    if is_held(session):
        documents.append(("minutes", ("md", "html", "pdf")))
    documents.append(("attendance", ("pdf",)))
    return documents


def session_document_jobs(ws: Workspace, options: BuildOptions) -> Iterator[Job]:
    from kogsro.documents.session_docs import default_output_path

    for session in ws.sessions:
        for kind, formats in session_documents(session):
            for fmt in formats:
                path = default_output_path(
                    ws, session, kind, fmt, options.lang, public=options.public
                )
                render = functools.partial(
                    render_session_document,
                    session=session.id,
                    kind=kind,
                    fmt=fmt,
                    lang=options.lang,
                    public=options.public,
                )
                label = path.relative_to(ws.out_dir).as_posix()
                yield Job(label, path, render)


def render_invitation_calendar(ws: Workspace, *, session: str, lang: str, public: bool) -> bytes:
    from kogsro.documents.calendar import invitation_calendar

    return invitation_calendar(ws, ws.session(session), public=public, lang=lang)


def render_feed(ws: Workspace, *, lang: str, public: bool) -> bytes:
    from kogsro.documents.calendar import feed

    return feed(ws, public=public, lang=lang)


def calendar_jobs(ws: Workspace, options: BuildOptions) -> Iterator[Job]:
    """Each session's calendar invitation (cancellations too) and the feed of all sessions."""
    from kogsro.documents.session_docs import default_output_path

    for session in ws.sessions:
        path = default_output_path(
            ws, session, "invitation", "ics", options.lang, public=options.public
        )
        render = functools.partial(
            render_invitation_calendar,
            session=session.id,
            lang=options.lang,
            public=options.public,
        )
        yield Job(path.relative_to(ws.out_dir).as_posix(), path, render)
    path = ws.out_dir / ("calendar-public.ics" if options.public else "calendar.ics")
    render = functools.partial(render_feed, lang=options.lang, public=options.public)
    yield Job(path.relative_to(ws.out_dir).as_posix(), path, render)


def ledger_jobs(ws: Workspace, options: BuildOptions) -> Iterator[Job]:
    """The decision log and the task list for ``kogsro build``: out/decisions.pdf and so on."""
    for kind in ("decisions", "actions"):
        for fmt in LEDGER_DOCUMENTS:
            path = default_path(ws, kind, fmt, lang=options.lang, public=options.public)
            render = functools.partial(
                render_ledger_document, kind=kind, fmt=fmt, lang=options.lang, public=options.public
            )
            yield Job(path.relative_to(ws.out_dir).as_posix(), path, render)


def read_annex(ws: Workspace, *, session: str, number: int) -> bytes:
    """The bytes of one attachment file, for its copy in ``out/<session>/anlagen/``."""
    from kogsro.documents.annexes import session_annexes

    for annex in session_annexes(ws, ws.session(session)):
        if annex.number == number and annex.path is not None:
            try:
                return annex.path.read_bytes()
            except OSError as exc:
                raise KogsroError(f"{annex.file}: cannot be read: {exc.strerror or exc}") from None
    raise KogsroError(f"session {session} has no attachment file numbered {number}")


def render_pack(ws: Workspace, *, session: str, lang: str, public: bool) -> bytes:
    from kogsro.documents.pack import build_pack

    return build_pack(ws, ws.session(session), lang=lang, public=public).pdf


def annex_jobs(ws: Workspace, options: BuildOptions) -> Iterator[Job]:
    """Each session's attachment files copied to ``out/<session>/anlagen/``, and its
    Sitzungsmappe (``pack.pdf``) when it has attachment files."""
    from kogsro.documents.annexes import session_annexes
    from kogsro.documents.pack import default_pack_path

    for session in ws.sessions:
        if session.status == "cancelled":
            continue
        files = [a for a in session_annexes(ws, session, public=options.public) if a.kind == "file"]
        for annex in files:
            path = ws.out_dir / session.id / "anlagen" / annex.numbered_name
            render = functools.partial(read_annex, session=session.id, number=annex.number)
            yield Job(path.relative_to(ws.out_dir).as_posix(), path, render)
        if files:
            path = default_pack_path(ws, session, options.lang, public=options.public)
            render = functools.partial(
                render_pack, session=session.id, lang=options.lang, public=options.public
            )
            yield Job(path.relative_to(ws.out_dir).as_posix(), path, render)


JOB_PRODUCERS: list[JobProducer] = [
    session_document_jobs,
    ledger_jobs,
    calendar_jobs,
    annex_jobs,
]
"""Everything ``kogsro build`` renders; append a producer to build more."""


def plan_build(ws: Workspace, *, lang: str | None = None, public: bool = False) -> list[Job]:
    options = BuildOptions(lang or ws.config.language, public)
    return [job for produce in JOB_PRODUCERS for job in produce(ws, options)]


# --- running them --------------------------------------------------------------------------

_loaded: dict[Path, Workspace] = {}


def _workspace(root: Path) -> Workspace:
    """The workspace in a worker: inherited from the parent process, or read once."""
    if root not in _loaded:
        _loaded[root] = load_workspace(root)
    return _loaded[root]


def run_job(root: Path, job: Job) -> str | None:
    """Render and write one job; returns why it failed (None on success)."""
    try:
        ws = _workspace(root)
        data = job.render(ws)
        write_atomic(job.output, data, within=ws.out_dir)
    except KogsroError as exc:
        return f"{exc.message}" + (f" (hint: {exc.hint})" if exc.hint else "")
    return None


def run_build(ws: Workspace, jobs: list[Job], *, workers: int = WORKERS) -> Iterator[BuildEvent]:
    """Run ``jobs``, ``workers`` at a time; one event per finished job, in finishing order.

    The worker processes start (and every job is queued) before this returns, so a caller may
    start threads of its own afterwards (a progress bar) without them being forked.
    """
    total = len(jobs)
    remove_stale_temp_files(ws.out_dir)
    _loaded[ws.root] = ws  # forked workers inherit it instead of reading the files again
    workers = min(workers, total, os.cpu_count() or 1)
    if workers <= 1:
        return _in_process(ws.root, jobs)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_start_method(),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )
    pending = {pool.submit(run_job, ws.root, job): job for job in jobs}
    return _collect(pool, pending, total)


def _start_method() -> multiprocessing.context.BaseContext:
    """How to start the workers: by forking when that is safe, which is fastest.

    Forking copies the parent's memory (the workspace already read) but not its threads: a
    child of a process with threads running can hang on a lock one of them held. Python's own
    threads are checked; Typst, once it has compiled a PDF, keeps a pool of native threads
    Python cannot see, so a parent that has imported it starts clean workers instead.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1 and "typst" not in sys.modules:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def remove_stale_temp_files(out_dir: Path) -> list[Path]:
    """Remove the temporary files an interrupted build left in ``out_dir``; returns them."""
    from kogsro.fsio import remove_file, stale_temp_files

    removed = []
    for path in stale_temp_files(out_dir):
        try:
            remove_file(path, within=out_dir)
        except KogsroError:
            continue
        removed.append(path)
    return removed


def _in_process(root: Path, jobs: list[Job]) -> Iterator[BuildEvent]:
    for done, job in enumerate(jobs, 1):
        yield BuildEvent(job, done, len(jobs), run_job(root, job))


def _collect(
    pool: ProcessPoolExecutor, pending: dict[Future[str | None], Job], total: int
) -> Iterator[BuildEvent]:
    done = 0
    try:
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                job = pending.pop(future)
                done += 1
                yield BuildEvent(job, done, total, future.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def failure_summary(failed: list[BuildEvent]) -> KogsroError:
    """One error for the jobs that failed (exit code 1: the other documents are written)."""
    total = failed[0].total if failed else 0
    lines = [f"{event.job.label}: {event.error}" for event in failed]
    return PartlyDone(
        f"{len(failed)} of {total} documents could not be rendered (the other "
        f"{total - len(failed)} are written):\n  " + "\n  ".join(lines),
        hint="fix the template or input named above and run `kogsro build` again",
    )
