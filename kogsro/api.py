"""The use cases the command line calls: check the workspace, render a session's document
through the document cache, the invitation's calendar entry and e-mail, sending it, the website.

Importing this module costs nothing: a document served from the cache never loads the data
model, so every use case imports the layers it needs when it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kogsro.errors import Problem
from kogsro.records import record

if TYPE_CHECKING:
    from kogsro.documents.archive import Archived
    from kogsro.documents.pack import Pack
    from kogsro.ledger.rsvp import RsvpSummary
    from kogsro.mail.drafts import Draft
    from kogsro.mail.send import SendReport
    from kogsro.workspace.loader import Workspace
    from kogsro.workspace.model import Session
    from kogsro.workspace.rsvp import NamedDeputy, Reply

# Checks that need the whole workspace loaded.
WorkspaceCheck = Callable[["Workspace"], list[Problem]]


def consistency_checks() -> list[WorkspaceCheck]:
    """Problems that make the data wrong (commands that depend on them refuse to work)."""
    from kogsro.ledger.fold import ledger_problems

    return [ledger_problems]


def advisory_checks() -> list[WorkspaceCheck]:
    """Problems `kogsro check` reports, but which do not stop other commands (e.g. a late
    invitation: the minutes of that session must still be writable)."""
    from kogsro.documents.session_file import carried_from_problems
    from kogsro.schedule.series import config_problems

    return [
        config_problems,
        carried_from_problems,
        _invitation_period,
        _contacts,
        _lifecycle,
        _frozen,
        _plausibility,
        _replies,
        _numbers,
    ]


def _numbers(ws: Workspace) -> list[Problem]:
    from kogsro.ledger.numbers import number_problems

    return number_problems(ws)


def _replies(ws: Workspace) -> list[Problem]:
    """The reply files (``agendas/<session>.rsvp.yaml``): readable, of known people."""
    from kogsro.workspace.rsvp import read_replies

    known = set(ws.people)
    return [p for s in ws.sessions for p in read_replies(ws.agendas_dir, s, known)[1]]


def _frozen(ws: Workspace) -> list[Problem]:
    from kogsro.ledger.frozen import frozen_problems

    return frozen_problems(ws)


def _lifecycle(ws: Workspace) -> list[Problem]:
    from kogsro.ledger.lifecycle import lifecycle_problems

    return lifecycle_problems(ws)


def _plausibility(ws: Workspace) -> list[Problem]:
    from kogsro.ledger.plausibility import plausibility_problems

    return plausibility_problems(ws)


def _invitation_period(ws: Workspace) -> list[Problem]:
    from kogsro.clock import today
    from kogsro.schedule.deadlines import invitation_period_problems

    return invitation_period_problems(ws, today())


def _contacts(ws: Workspace) -> list[Problem]:
    from kogsro.workspace.recipients import workspace_contact_problems

    return workspace_contact_problems(ws)


def workspace_checks() -> list[WorkspaceCheck]:
    return consistency_checks() + advisory_checks()


def check_workspace(root: Path, only: Iterable[Path] | None = None) -> tuple[list[Problem], int]:
    """All problems (sorted) and how many files were read.

    With ``only``, those session files are checked; the workspace-wide checks still see every
    session (an update may name an action of another file) but report only on those files.
    A reply file (``<session>.rsvp.yaml``, as a shell's ``agendas/*.yaml`` names it) is checked
    as what it is, not as a session.
    """
    from kogsro.workspace.loader import display_path, load_with_problems, session_files
    from kogsro.workspace.rsvp import is_rsvp_file

    given = [Path(p) for p in only] if only is not None else None
    files = [p for p in given if not is_rsvp_file(p)] if given is not None else None
    ws, problems = load_with_problems(root, files)
    if given is not None:
        counted = 2 + len(given)
    else:
        agendas = ws.agendas_dir if ws is not None else root / "agendas"
        counted = 2 + len(session_files(agendas))
    if ws is not None and not problems:
        if files is not None:
            ws, others = load_with_problems(root)
            if ws is None or others:
                ws = None  # other files are broken: the workspace-wide checks cannot be trusted
        if ws is not None:
            wanted = {display_path(p) for p in given} if given is not None else None
            for run in workspace_checks():
                problems += [p for p in run(ws) if wanted is None or p.file in wanted]
    return sorted(set(problems), key=Problem.sort_key), counted


def check_fails(problems: Iterable[Problem], *, strict: bool = False) -> bool:
    """Whether `kogsro check` fails: on any error, and with ``strict`` on any warning too."""
    return any(strict or p.severity == "error" for p in problems)


# --- a session's documents, through the document cache --------------------------------------


@record
class SessionDocument:
    """A rendered document of a session, where it goes unless told otherwise, and what the
    command says besides (e.g. minutes of a session with nothing recorded yet)."""

    data: bytes
    default_path: Path
    out_dir: Path
    warnings: list[str]
    protected: tuple[Path, ...]  # where no rendering command writes (see protected_folders)


def session_document(
    root: Path,
    kind: str,
    session_ref: str,
    fmt: str,
    *,
    lang: str | None = None,
    public: bool = False,
) -> SessionDocument:
    """One document (``invitation``, ``minutes``, ``attendance``) of the session ``session_ref``
    of the workspace at ``root``, as ``fmt`` (md, html, pdf).

    A document rendered before from exactly the same inputs comes from the document cache
    without loading the workspace (see :mod:`kogsro.documents.cache`); any other is rendered
    and kept there with its warnings.
    """
    import os

    from kogsro.documents import cache

    request: dict[str, object] = {
        "document": kind, "session": session_ref, "format": fmt, "lang": lang, "public": public,
    }  # fmt: skip
    if "/" in session_ref or os.sep in session_ref or session_ref.endswith((".yaml", ".yml")):
        request["cwd"] = str(Path.cwd())  # a relative path names a different file elsewhere
    key = cache.document_key(root, request)
    hit = cache.get(key)
    if hit is not None and key is not None:
        from kogsro.workspace.locate import protected_folders

        warnings = [str(w) for w in hit.meta.get("warnings", [])]
        default = root / str(hit.meta["path"])
        protected = protected_folders(root, key.agendas)
        return SessionDocument(hit.data, default, key.out, warnings, protected)
    from warnings import catch_warnings, simplefilter

    from kogsro.documents.session_docs import (
        default_output_path,
        document_warnings,
        render_document,
    )
    from kogsro.errors import KogsroWarning
    from kogsro.workspace.loader import load_for_session

    ws, session, set_aside = load_for_session(root, session_ref)
    lang = lang or ws.config.language
    with catch_warnings(record=True) as caught:
        simplefilter("always", KogsroWarning)
        data = render_document(ws, session, kind, fmt, lang=lang, public=public)  # type: ignore[arg-type]
    default = default_output_path(ws, session, kind, fmt, lang, public=public)
    # the renderer's own warnings (e.g. characters no font has) are kept with the document
    warnings = set_aside + document_warnings(ws, session, kind) + [str(w.message) for w in caught]
    cache.put(key, data, {"path": default.relative_to(root).as_posix(), "warnings": warnings})
    return SessionDocument(data, default, ws.out_dir, warnings, ws.protected)


# --- the invitation: calendar entry, e-mail drafts, sending ----------------------------------


def invitation_period_notice(ws: Workspace, session: Session) -> str | None:
    """What to say when an invitation sent today (or on ``invited_on``) is late."""
    from kogsro.clock import today
    from kogsro.schedule.deadlines import invitation_notice

    return invitation_notice(ws, session, today())


def invitation_ics(
    ws: Workspace, session: Session, *, lang: str, public: bool
) -> tuple[bytes, Path, list[str]]:
    """The calendar invitation with every invited person: the bytes, the default path in
    ``out/``, and warnings about people who cannot be invited (no address)."""
    from kogsro.documents.calendar import invitation_calendar
    from kogsro.documents.session_docs import default_output_path
    from kogsro.workspace.recipients import recipients

    guests = recipients(ws, session)
    data = invitation_calendar(ws, session, public=public, guests=guests, lang=lang)
    default = default_output_path(ws, session, "invitation", "ics", lang, public=public)
    return data, default, guests.warnings()


def invitation_drafts(
    ws: Workspace,
    session: Session,
    *,
    lang: str,
    bcc: bool,
    attach_pdf: bool,
    to_send: bool = False,
    remind: bool = False,
) -> tuple[list[Draft], list[str]]:
    """The invitation's e-mail messages (one per person, or one to all in Bcc) and warnings:
    drafts to open in a mail program, or (``to_send``) the messages :func:`send_invitation`
    sends; with ``remind``, a reminder to the members who have not replied yet."""
    from kogsro.mail.drafts import draft_invitations as drafts_of

    return drafts_of(
        ws, session, bcc=bcc, attach_pdf=attach_pdf, lang=lang, draft=not to_send, remind=remind
    )


def write_invitation_drafts(
    ws: Workspace,
    session: Session,
    drafts: list[Draft],
    folder: Path | None,
    *,
    force: bool,
    remind: bool = False,
) -> tuple[Path, list[Path]]:
    """Write the drafts as ``.eml`` files into ``folder`` (default ``out/SESSION/mail/``, for
    reminders ``out/SESSION/mail-remind/``)."""
    from kogsro.mail.drafts import default_mail_dir, write_drafts

    target = folder if folder is not None else default_mail_dir(ws, session, remind=remind)
    return target, write_drafts(ws, drafts, target, force=force)


def send_invitation(
    ws: Workspace,
    session: Session,
    messages: list[Draft],
    *,
    really: bool,
    resend: bool,
    ask_password: Callable[[str], str] | None = None,
) -> SendReport:
    """Send the invitation's ``messages`` (:func:`invitation_drafts` with ``to_send``) by SMTP
    when ``really``, else say what would be sent (a dry run).

    The password comes from ``$KOGSRO_SMTP_PASSWORD``, else from ``ask_password(user)`` when
    the server wants a login and the caller can ask. What was sent is kept in the send log so
    nobody gets it twice (unless ``resend``). Failed deliveries are in the report
    (:meth:`SendReport.raise_for_failures`).
    """
    import os

    from kogsro.mail.send import PASSWORD_VAR, plan_delivery, send, smtp_settings

    settings = smtp_settings(ws)
    if not really:
        return plan_delivery(ws, session, messages, settings, resend=resend)
    password = os.environ.get(PASSWORD_VAR)
    if settings.user and password is None and ask_password is not None:
        password = ask_password(settings.user)
    return send(ws, session, messages, settings, password=password, resend=resend)


# --- kogsro site -------------------------------------------------------------------------------


@record
class SiteResult:
    """What ``kogsro site`` did: where, which files it wrote, kept and removed."""

    folder: Path
    public: bool
    written: list[str]
    unchanged: list[str]
    removed: list[str]
    compiled: int  # PDFs compiled
    reused: int  # PDFs whose sources had not changed since the last run

    def as_dict(self) -> dict[str, object]:
        return {
            "output": str(self.folder),
            "public": self.public,
            "files": len(self.written) + len(self.unchanged),
            "written": self.written,
            "unchanged": len(self.unchanged),
            "removed": self.removed,
            "pdfs_compiled": self.compiled,
            "pdfs_reused": self.reused,
        }


SITE_STATE_DIR = ".kogsro/site"


def default_site_folder(ws: Workspace, *, public: bool, lang: str | None) -> Path:
    """``out/site`` (public), ``out/site-internal``; ``-en`` when not the workspace's language."""
    name = "site" if public else "site-internal"
    if lang is not None and lang != ws.config.language:
        name += f"-{lang}"
    return ws.out_dir / name


def site_state_file(ws: Workspace, folder: Path) -> Path:
    """Where kogsro keeps what the files of a site folder were made from (kogsro's own)."""
    import hashlib

    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    return ws.root / SITE_STATE_DIR / f"{digest[:16]}.json"


def build_site(
    ws: Workspace,
    *,
    output: Path | None = None,
    public: bool = True,
    lang: str | None = None,
    force: bool = False,
) -> SiteResult:
    """Write the workspace's website into ``output`` (default: :func:`default_site_folder`).

    Only files whose content changed are written, and PDFs are compiled only when their
    source changed since the last run into the same folder.
    """
    from kogsro.documents import site
    from kogsro.errors import UsageError
    from kogsro.fsio import write_atomic
    from kogsro.i18n import LANGUAGES

    if lang is not None and lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}", hint="use de or en", option="lang")
    if output is not None and str(output) == "-":
        raise UsageError(
            "a website is a folder of files, not one document for standard output",
            hint="name a folder with -o, or leave -o out for out/site/",
        )
    folder = output if output is not None else default_site_folder(ws, public=public, lang=lang)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: is not a folder", hint="name a folder for the website")
    state_file = site_state_file(ws, folder)
    previous = site.load_state(state_file.read_bytes()) if state_file.is_file() else {}
    previous = {name: s for name, s in previous.items() if (folder / name).is_file()}
    built = site.render_site(ws, lang=lang, public=public, previous=previous)
    written = site.write_site(
        built, folder, previous=previous, out_dir=ws.out_dir, force=force, protected=ws.protected
    )
    write_atomic(state_file, site.dump_state(folder, built.state))
    return SiteResult(
        folder,
        public,
        written.written,
        written.unchanged,
        written.removed,
        built.compiled,
        built.reused,
    )


# --- kogsro schema --write -----------------------------------------------------------------------


def write_schemas(root: Path) -> list[Path]:
    """Write (refresh) the JSON Schemas into the workspace's ``.kogsro/schema/``."""
    from kogsro.workspace.schema import write_schema_files as write

    return write(root)


# --- before the session ---------------------------------------------------------------------


def session_pack(ws: Workspace, session: Session, *, lang: str, public: bool) -> Pack:
    """The Sitzungsmappe: the invitation and every attachment in one PDF."""
    from kogsro.documents.pack import build_pack

    return build_pack(ws, session, lang=lang, public=public)


def pack_output(ws: Workspace, session: Session, *, lang: str, public: bool) -> Path:
    """Where the Sitzungsmappe goes without ``-o``: ``out/<session>/pack.pdf``."""
    from kogsro.documents.pack import default_pack_path

    return default_pack_path(ws, session, lang, public=public)


@record
class RsvpResult:
    """What ``kogsro rsvp`` recorded, and what it reported and left out."""

    path: Path | None
    recorded: list[Reply]
    skipped: list[str]


def parse_deputy(ws: Workspace, text: str) -> str | NamedDeputy:
    """``--deputy``: a person id of the roster, or ``"Name, Organisation"``."""
    from kogsro.errors import UsageError
    from kogsro.workspace.rsvp import NamedDeputy

    value = text.strip()
    if value in ws.people:
        return value
    if value in ws.organisations or not value:
        raise UsageError(
            f"{text!r} is an organisation, not a person",
            hint='a person id of attendees.yaml, or "Name, Organisation"',
            option="deputy",
        )
    name, _, organisation = value.partition(",")
    if not name.strip() or (" " not in name.strip() and not organisation):
        raise UsageError(
            f"{text!r}: no such person id",
            hint='a person id of attendees.yaml, or "Name, Organisation" for someone else',
            option="deputy",
        )
    return NamedDeputy(name=name.strip(), organisation=organisation.strip() or None)


def record_rsvp(
    ws: Workspace,
    session: Session,
    person: str,
    answer: str,
    *,
    deputy: str | None = None,
    note: str | None = None,
) -> RsvpResult:
    """Record one reply in ``agendas/<session>.rsvp.yaml``; the session file is not touched."""
    import difflib

    from kogsro.errors import UsageError
    from kogsro.workspace.rsvp import ANSWERS, Reply, append_replies

    _replies_possible(session)
    if person not in ws.people:
        close = difflib.get_close_matches(person, list(ws.people), n=1, cutoff=0.6)
        raise UsageError(
            f"unknown person {person!r}",
            hint=f"did you mean {close[0]!r}?" if close else "a person id of attendees.yaml",
        )
    if answer not in ANSWERS:
        raise UsageError(f"unknown answer {answer!r}", hint="answer yes, no or maybe")
    chosen = parse_deputy(ws, deputy) if deputy is not None else None
    if chosen == person:
        raise UsageError(f"{person} cannot be their own deputy")
    reply = Reply(
        person=person,
        answer=answer,  # checked above
        deputy=chosen,
        note=note or None,
        at=local_now(ws),
        via="kogsro rsvp",
    )
    path = append_replies(ws.agendas_dir, session, set(ws.people), [reply])
    return RsvpResult(path, [reply], [])


def _replies_possible(session: Session) -> None:
    """Replies are for sessions that take place: not for cancelled or postponed ones."""
    from kogsro.errors import UsageError
    from kogsro.ledger.lifecycle import session_status

    status = session_status(session)
    if status in ("cancelled", "postponed"):
        raise UsageError(
            f"session {session.id} is {status}: there is nothing to reply to",
            hint="record the replies for the session that takes place instead",
        )


def local_now(ws: Workspace) -> datetime:
    """Now in the workspace's time zone, to the second (for the records kogsro keeps)."""
    from zoneinfo import ZoneInfo

    from kogsro import clock

    return clock.now().astimezone(ZoneInfo(ws.config.timezone)).replace(microsecond=0)


def import_rsvps(ws: Workspace, session: Session, files: list[Path]) -> RsvpResult:
    """Record the calendar replies in ``files`` (``.ics`` or ``.eml``) to ``session``."""
    from kogsro.mail.replies import replies_from_files
    from kogsro.workspace.rsvp import append_replies

    _replies_possible(session)
    result = replies_from_files(ws, session, files)
    path = None
    if result.replies:
        path = append_replies(ws.agendas_dir, session, set(ws.people), result.replies)
    return RsvpResult(path, result.replies, result.skipped)


def rsvp_overview(ws: Workspace, session: Session) -> RsvpSummary:
    """The replies of ``session`` added up: counts, the quorum forecast."""
    from kogsro.ledger.rsvp import rsvp_summary

    return rsvp_summary(ws, session)


# --- circulating draft minutes --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Circulated:
    """What ``kogsro minutes --circulate`` did: drafts written or a (dry) send run, and where
    the circulation was recorded (None when nothing went out)."""

    warnings: list[str]
    paths: list[Path] = field(default_factory=list)
    report: SendReport | None = None
    recorded: Path | None = None
    objections_until: date | None = None


def circulate_minutes(
    ws: Workspace,
    session: Session,
    *,
    lang: str,
    bcc: bool = False,
    folder: Path | None = None,
    force: bool = False,
) -> Circulated:
    """Write the e-mail drafts that circulate the draft minutes, and record the date."""
    from kogsro.mail.circulation import circulation_mail, default_folder, record_sent_circulation
    from kogsro.mail.drafts import write_drafts

    mail = circulation_mail(ws, session, bcc=bcc, lang=lang)
    paths = write_drafts(ws, mail.drafts, folder or default_folder(ws, session), force=force)
    recorded = record_sent_circulation(ws, mail)
    return Circulated(mail.warnings, paths, None, recorded, mail.circulation.objections_until)


def send_minutes(
    ws: Workspace,
    session: Session,
    *,
    lang: str,
    bcc: bool = False,
    yes: bool = False,
    resend: bool = False,
    ask_password: Callable[[str], str] | None = None,
) -> Circulated:
    """Send the draft minutes by SMTP (a dry run without ``yes``); once anybody was reached,
    the circulation is recorded. Failures stay in the report (``raise_for_failures``). The
    password comes from ``$KOGSRO_SMTP_PASSWORD``, else from ``ask_password(user)``."""
    from kogsro.mail.circulation import circulation_mail, record_sent_circulation
    from kogsro.mail.send import PASSWORD_VAR, plan_delivery, send, smtp_settings

    settings = smtp_settings(ws)
    mail = circulation_mail(ws, session, bcc=bcc, lang=lang, draft=False)
    if not yes:
        report = plan_delivery(ws, session, mail.drafts, settings, resend=resend)
        return Circulated(mail.warnings, report=report)
    import os

    password = os.environ.get(PASSWORD_VAR)
    if settings.user and password is None and ask_password is not None:
        password = ask_password(settings.user)
    report = send(ws, session, mail.drafts, settings, password=password, resend=resend)
    reached = report.count("sent")
    recorded = record_sent_circulation(ws, mail, reached=reached) if reached else None
    until = mail.circulation.objections_until
    return Circulated(mail.warnings, report=report, recorded=recorded, objections_until=until)


# --- the archive ----------------------------------------------------------------------------


def archive_minutes(ws: Workspace) -> list[Archived]:
    """Freeze every approved minutes not archived yet in ``archive/`` (see
    :mod:`kogsro.documents.archive`); an approved session changed without a recorded
    correction stops it (InputError, nothing written)."""
    from kogsro.documents.archive import archive_approved

    return archive_approved(ws)
