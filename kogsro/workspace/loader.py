"""Finding the workspace, loading it whole, resolving ids and references."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kogsro import clock
from kogsro.errors import InputError, Problem, UsageError
from kogsro.workspace.attachments import attachment_problems
from kogsro.workspace.locate import CONFIG_FILE as CONFIG_FILE
from kogsro.workspace.locate import ENV_VAR as ENV_VAR
from kogsro.workspace.locate import ROSTER_FILE as ROSTER_FILE
from kogsro.workspace.locate import display_path as display_path
from kogsro.workspace.locate import find_root as find_root
from kogsro.workspace.locate import protected_folders
from kogsro.workspace.model import Config, Organisation, Person, Roster, Session, is_valid_id
from kogsro.workspace.validation import load_file
from kogsro.workspace.yamlsource import Loc, Source, parse_yaml, paused_gc, read_text

_DATE_STEM = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Workspace:
    root: Path
    config: Config
    roster: Roster
    sessions: list[Session] = field(default_factory=list)
    config_source: Source | None = None
    roster_source: Source | None = None
    set_aside: dict[str, list[Problem]] = field(default_factory=dict, repr=False)
    """Session files left out because they have problems (file -> its problems); only
    :func:`load_lenient` sets files aside, :func:`load_workspace` refuses them."""
    derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    """What the layers above derive from these files, kept for the life of this object (the
    folded ledger): computed once per process, not once per document."""

    def __post_init__(self) -> None:
        self.organisations: dict[str, Organisation] = {o.id: o for o in self.roster.organisations}
        self.people: dict[str, Person] = {p.id: p for p in self.roster.people}

    # --- places ---
    @property
    def agendas_dir(self) -> Path:
        return self.root / self.config.paths.agendas

    @property
    def templates_dir(self) -> Path:
        return self.root / self.config.paths.templates

    @property
    def out_dir(self) -> Path:
        return self.root / self.config.paths.out

    @property
    def protected(self) -> tuple[Path, ...]:
        """Where rendering commands never write (see :func:`protected_folders`)."""
        return protected_folders(self.root, self.agendas_dir)

    def display(self, path: Path) -> str:
        """A path as shown in messages: relative to the workspace when inside it."""
        return display_path(path, self.root)

    # --- people and organisations ---
    def members(self) -> list[Person]:
        return [p for p in self.roster.people if p.member]

    def name_of(self, ref: str) -> str:
        if ref in self.people:
            return self.people[ref].name
        if ref in self.organisations:
            return self.organisations[ref].name
        return ref

    def label_of(self, ref: str) -> str:
        """Short display name: a person's name, an organisation's short name."""
        if ref in self.people:
            return self.people[ref].name
        if ref in self.organisations:
            return self.organisations[ref].label
        return ref

    def organisation_of(self, ref: str) -> Organisation | None:
        if ref in self.organisations:
            return self.organisations[ref]
        person = self.people.get(ref)
        if person is not None and person.organisation:
            return self.organisations.get(person.organisation)
        return None

    # --- sessions ---
    def session(self, ref: str) -> Session:
        """Resolve a SESSION argument: an id, a path, ``next`` or ``last``."""
        return resolve_session(self, ref)

    def sessions_until(self, session: Session) -> list[Session]:
        """The sessions before ``session`` in date order."""
        key = _order(session)
        return [s for s in self.sessions if _order(s) < key]


def _order(session: Session) -> tuple[date, str]:
    return (session.date, session.id)


def resolve_session(ws: Workspace, ref: str, today: date | None = None) -> Session:
    if not ws.sessions:
        raise UsageError(
            f"no sessions in {ws.display(ws.agendas_dir)}", hint="create one with `kogsro new`"
        )
    today = today or clock.today()
    if ref == "next":
        upcoming = [s for s in ws.sessions if s.date >= today and s.status != "cancelled"]
        if not upcoming:
            latest = ws.sessions[-1]
            raise UsageError(
                f"no session on or after today ({today.isoformat()}): "
                f"the latest is {latest.id} of {latest.date.isoformat()}",
                hint="create the next one with `kogsro new`, name a session id, or set "
                f"KOGSRO_TODAY={latest.date.isoformat()} to see the workspace as of an earlier day",
            )
        return upcoming[0]
    if ref == "last":
        past = [s for s in ws.sessions if s.date <= today and s.status != "cancelled"]
        if not past:
            first = ws.sessions[0]
            raise UsageError(
                f"no session on or before today ({today.isoformat()}): "
                f"the first is {first.id} of {first.date.isoformat()}",
                hint="name a session id, or use `next`",
            )
        return past[-1]
    by_id = {s.id: s for s in ws.sessions}
    if ref in by_id:
        return by_id[ref]
    candidate = Path(ref)
    if ref.endswith((".yaml", ".yml")) or os.sep in ref or "/" in ref:
        target = candidate.resolve()
        for s in ws.sessions:
            if s.source is not None and (ws.root / s.source.file).resolve() == target:
                return s
        if candidate.is_file():
            raise UsageError(
                f"{ref}: not a session of the workspace {ws.root}",
                hint=f"session files live in {ws.display(ws.agendas_dir)}/",
            )
        raise UsageError(f"{ref}: no such file")
    import difflib

    close = difflib.get_close_matches(ref, list(by_id), n=3, cutoff=0.5)
    hint = ("did you mean " + " or ".join(close) + "?") if close else "see `kogsro sessions`"
    raise UsageError(f"unknown session {ref!r}", hint=hint)


# --- loading ------------------------------------------------------------------------------


def session_files(agendas: Path) -> list[Path]:
    """The session files in ``agendas`` (none when it cannot be read: see
    :func:`folder_problems`)."""
    try:
        return _session_files(agendas)
    except OSError:
        return []


def _session_files(agendas: Path) -> list[Path]:
    if not agendas.is_dir():
        return []
    return sorted(
        p
        for p in agendas.iterdir()
        if p.suffix in (".yaml", ".yml")
        and not p.name.startswith(".")
        and not p.name.endswith((".rsvp.yaml", ".rsvp.yml"))  # replies: kogsro.workspace.rsvp
    )


def folder_problems(ws: Workspace) -> list[Problem]:
    """The workspace's folders that exist but cannot be read (permissions, a file in the way)."""
    problems = []
    for key, folder in (("agendas", ws.agendas_dir), ("templates", ws.templates_dir)):
        try:
            if folder.exists() and not folder.is_dir():
                reason = "is not a folder"
            elif folder.is_dir():
                with os.scandir(folder) as entries:
                    next(entries, None)
                continue
            else:
                continue
        except OSError as exc:
            reason = f"cannot be read: {exc.strerror or exc}"
        source = ws.config_source or Source(CONFIG_FILE)
        problems.append(
            source.problem(
                ("paths", key),
                f"the {key} folder {display_path(folder)} {reason}",
                hint="check the folder's permissions, or set paths." + key + " in " + CONFIG_FILE,
            )
        )
    return problems


def load_workspace(root: Path, only: Iterable[Path] | None = None) -> Workspace:
    """Load and check the whole workspace; raise :class:`InputError` with every problem."""
    ws, problems = load_with_problems(root, only)
    if problems or ws is None:
        raise InputError(problems)
    return ws


def load_lenient(root: Path) -> Workspace:
    """The workspace with every valid session; a session file with problems is set aside.

    kogsro.yaml and attendees.yaml must be valid (everything depends on them): their problems
    raise :class:`InputError`, with every other problem. The files set aside are in
    ``ws.set_aside``; :func:`set_aside_notes` words them for a warning.
    """
    ws, problems = load_with_problems(root)
    if ws is None:
        raise InputError(problems)
    files = {display_path(path) for path in session_files(ws.agendas_dir)}
    aside: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.file not in files:
            raise InputError(problems)
        aside.setdefault(problem.file, []).append(problem)
    ws.set_aside = aside
    ws.sessions = [s for s in ws.sessions if s.source is None or s.source.file not in aside]
    return ws


def set_aside_notes(ws: Workspace, files: Iterable[str] | None = None) -> list[str]:
    """One line per file set aside: what is wrong and that it was left out."""
    notes = []
    for file in sorted(ws.set_aside if files is None else files):
        problems = ws.set_aside[file]
        first = problems[0]
        more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
        notes.append(
            f"{file} is left out: {first.message} (line {first.line}){more}; "
            "`kogsro check` lists every problem"
        )
    return notes


def load_for_session(root: Path, ref: str) -> tuple[Workspace, Session, list[str]]:
    """The workspace, the session ``ref`` names, and warnings about files set aside.

    A command about one session needs that session and the sessions before it (their open
    tasks, their decisions); a file with problems among those raises :class:`InputError` with
    its problems. Files of later sessions cannot change it: they are left out with a warning,
    and so are the sessions after it (an update there may name something of a file set aside).
    """
    ws = load_lenient(root)
    if not ws.set_aside:
        return ws, ws.session(ref), []
    stems = {Path(file).stem: file for file in ws.set_aside}
    named = stems.get(ref) or next(
        (f for f in ws.set_aside if ref.endswith((".yaml", ".yml")) and _same_file(ws, f, ref)),
        None,
    )
    if named is not None:
        raise InputError(ws.set_aside[named])
    session = ws.session(ref)
    needed = [
        file
        for stem, file in stems.items()
        if not _DATE_STEM.match(stem) or stem <= session.date.isoformat()
    ]
    if needed:
        raise InputError([p for file in needed for p in ws.set_aside[file]])
    ws.sessions = [s for s in ws.sessions if s.date <= session.date]
    return ws, session, set_aside_notes(ws)


def _same_file(ws: Workspace, file: str, ref: str) -> bool:
    """Whether the SESSION argument ``ref`` is the path of ``file`` (shown as in messages)."""
    return Path(file).resolve() == Path(ref).resolve()


def load_with_problems(
    root: Path, only: Iterable[Path] | None = None
) -> tuple[Workspace | None, list[Problem]]:
    """Load the workspace; returns it (None when the base files are unusable) and all problems.

    With ``only``, just those session files are loaded (with the roster for references).
    """
    problems: list[Problem] = []
    config, config_source, found = load_file(root / CONFIG_FILE, Config, _rel(root, CONFIG_FILE))
    problems += found
    roster_path = root / ROSTER_FILE
    if roster_path.is_file():
        roster, roster_source, found = load_file(roster_path, Roster, _rel(root, ROSTER_FILE))
        problems += found
    else:
        roster, roster_source = Roster(), Source(_rel(root, ROSTER_FILE))
        problems.append(
            Problem(roster_source.file, 0, 0, "missing roster file", "create it with `kogsro init`")
        )
    if config is None or roster is None:
        return None, problems
    ws = Workspace(root, config, roster, [], config_source, roster_source)
    problems += _check_roster(ws)
    problems += folder_problems(ws)

    files = session_files(ws.agendas_dir) if only is None else [Path(p) for p in only]
    with paused_gc():
        for path in files:
            session, found = load_session(ws, path)
            problems += found
            if session is not None:
                ws.sessions.append(session)
    ws.sessions.sort(key=_order)
    problems += _check_unique_sessions(ws)
    return ws, problems


def _rel(root: Path, name: str) -> str:
    return display_path(root / name)


def load_session(ws: Workspace, path: Path) -> tuple[Session | None, list[Problem]]:
    display = display_path(path)
    stem = path.stem
    session, source, problems = load_file(path, Session, display)
    if not is_valid_id(stem):
        problems.append(
            Problem(
                display,
                0,
                0,
                f"file name {path.name!r} is not a valid session id",
                "name session files like 2022-06-14.yaml "
                "(lowercase letters, digits, '-', '_', '.')",
            )
        )
        return None, problems
    if session is None:
        # the schema failed somewhere: still name every unknown id, so that one run of
        # `kogsro check` reports all problems of the file
        return None, problems + _raw_reference_problems(ws, path, display)
    session._id = stem
    session._source = source
    problems += check_session_references(ws, session, source)
    problems += attachment_problems(ws.root, session, source)
    if _DATE_STEM.match(stem) and stem != session.date.isoformat():
        problems.append(
            source.problem(
                ("date",),
                f"date {session.date.isoformat()} does not match the file name {path.name}",
                hint=f"rename the file to {session.date.isoformat()}.yaml or fix the date",
            )
        )
    return (None if problems else session), problems


def _raw_reference_problems(ws: Workspace, path: Path, display: str) -> list[Problem]:
    """The ids a session file names that are not in the roster, read from the file's data as
    it is (the file did not pass the schema, so there is no Session to ask)."""
    text, problems = read_text(path, display)
    if problems:
        return []
    data, src, problems = parse_yaml(text, display)
    if problems or not isinstance(data, dict):
        return []
    known = ws.organisations.keys() | ws.people.keys()
    found: list[Problem] = []

    def need(ref: object, loc: Loc, *, orgs_only: bool = False) -> None:
        if not isinstance(ref, str) or not is_valid_id(ref):
            return  # not an id at all: the schema says so already
        if ref not in (ws.organisations if orgs_only else known):
            found.append(_unknown(src, loc, ref, ws, orgs_only=orgs_only))

    def each(value: object) -> list[tuple[int, object]]:
        return list(enumerate(value)) if isinstance(value, list) else []

    need(data.get("host"), ("host",), orgs_only=True)
    need(data.get("chair"), ("chair",))
    need(data.get("minutes_by"), ("minutes_by",))
    for i, guest in each(data.get("guests")):
        need(guest, ("guests", i))
    attendance = data.get("attendance")
    if isinstance(attendance, dict):
        for part in ("present", "excused", "guests"):
            for i, ref in each(attendance.get(part)):
                need(ref, ("attendance", part, i))

    def items(value: object, path: Loc) -> None:
        for i, item in each(value):
            if not isinstance(item, dict):
                continue
            here = (*path, "items", i)
            for j, ref in each(item.get("presenters")):
                need(ref, (*here, "presenters", j))
            for j, action in each(item.get("actions")):
                if isinstance(action, dict):
                    need(action.get("owner"), (*here, "actions", j, "owner"))
            items(item.get("items"), here)

    items(data.get("items"), ())
    return found


def _check_roster(ws: Workspace) -> list[Problem]:
    problems: list[Problem] = []
    src = ws.roster_source or Source(ROSTER_FILE)
    seen: dict[str, Loc] = {}
    entries: list[tuple[str, Loc]] = []
    entries += [(o.id, ("organisations", i, "id")) for i, o in enumerate(ws.roster.organisations)]
    entries += [(p.id, ("people", i, "id")) for i, p in enumerate(ws.roster.people)]
    for ident, loc in entries:
        if ident in seen:
            first = src.mark(seen[ident])
            problems.append(
                src.problem(
                    loc,
                    f"duplicate id {ident!r} (first used on line {first.line})",
                    hint="organisations and people share one set of ids",
                )
            )
        else:
            seen[ident] = loc
    for i, person in enumerate(ws.roster.people):
        if person.organisation and person.organisation not in ws.organisations:
            problems.append(
                _unknown(
                    src, ("people", i, "organisation"), person.organisation, ws, orgs_only=True
                )
            )
        if person.deputy_of and person.deputy_of not in ws.people:
            problems.append(_unknown(src, ("people", i, "deputy_of"), person.deputy_of, ws))
    csrc = ws.config_source or Source(CONFIG_FILE)
    for i, ref in enumerate(ws.config.rotation):
        if ref not in ws.organisations:
            problems.append(_unknown(csrc, ("rotation", i), ref, ws, orgs_only=True))
    return problems


def _unknown(src: Source, loc: Loc, ref: str, ws: Workspace, *, orgs_only: bool = False) -> Problem:
    import difflib

    pool = list(ws.organisations) if orgs_only else [*ws.organisations, *ws.people]
    close = difflib.get_close_matches(ref, pool, n=1, cutoff=0.6)
    what = "organisation" if orgs_only else "organisation or person"
    hint = f"did you mean {close[0]!r}?" if close else f"add it to {ROSTER_FILE} or fix the id"
    return src.problem(loc, f"unknown {what} {ref!r}", hint=hint)


def check_session_references(ws: Workspace, s: Session, src: Source) -> list[Problem]:
    """Every id a session names must be in the roster."""
    problems: list[Problem] = []
    known = ws.organisations.keys() | ws.people.keys()

    def need(ref: str | None, loc: Loc, *, orgs_only: bool = False) -> None:
        if ref is None:
            return
        pool = ws.organisations if orgs_only else known
        if ref not in pool:
            problems.append(_unknown(src, loc, ref, ws, orgs_only=orgs_only))

    need(s.host, ("host",), orgs_only=True)
    need(s.chair, ("chair",))
    need(s.minutes_by, ("minutes_by",))
    for i, guest in enumerate(s.guests):
        if isinstance(guest, str):
            need(guest, ("guests", i))
    if s.attendance is not None:
        for part in ("present", "excused"):
            seen: set[str] = set()
            for i, ref in enumerate(getattr(s.attendance, part)):
                need(ref, ("attendance", part, i))
                if ref in seen:
                    problems.append(
                        src.problem(("attendance", part, i), f"{ref!r} is listed twice")
                    )
                seen.add(ref)
        both = set(s.attendance.present) & set(s.attendance.excused)
        for ref in sorted(both):
            i = s.attendance.excused.index(ref)
            problems.append(
                src.problem(
                    ("attendance", "excused", i),
                    f"{ref!r} is listed as both present and excused",
                )
            )
        for i, guest in enumerate(s.attendance.guests):
            if isinstance(guest, str):
                need(guest, ("attendance", "guests", i))
    for entry in s.numbered_items():
        for i, ref in enumerate(entry.item.presenters):
            need(ref, (*entry.path, "presenters", i))
        for i, action in enumerate(entry.item.actions):
            need(action.owner, (*entry.path, "actions", i, "owner"))
    if s.start and s.end and s.end <= s.start:
        problems.append(
            src.problem(
                ("end",), f"the session ends ({s.end:%H:%M}) before it starts ({s.start:%H:%M})"
            )
        )
    return problems


def _check_unique_sessions(ws: Workspace) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Session] = {}
    for s in ws.sessions:
        if s.id in seen:
            problems.append(
                Problem(
                    s.source.file if s.source else s.id,
                    0,
                    0,
                    f"session id {s.id!r} is used by two files",
                    "keep only one of the .yaml and .yml files",
                )
            )
        seen[s.id] = s
    return problems


def session_path(ws: Workspace, session_id: str) -> Path:
    return ws.agendas_dir / f"{session_id}.yaml"


def existing_file(ws: Workspace, session_id: str) -> Path | None:
    """The file of session ``session_id`` if there is one (``.yaml`` or ``.yml``)."""
    for suffix in (".yaml", ".yml"):
        path = ws.agendas_dir / f"{session_id}{suffix}"
        if path.exists():
            return path
    return None
