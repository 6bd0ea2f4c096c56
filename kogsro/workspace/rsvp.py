"""Rückmeldungen: who said they will come, kept in a kogsro-owned file beside the session.

``kogsro rsvp`` records replies in ``agendas/<session>.rsvp.yaml`` and never touches the
session file itself. The file is kogsro's own (it is rewritten as a whole, atomically, with
every reply appended), but it is plain YAML that can be read, diffed and committed; it is
read with the same strict loader as every other file, so a hand edit that breaks it is
reported as ``file:line:col``. The latest reply of a person wins.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from kogsro.errors import InputError, Problem
from kogsro.workspace.locate import display_path
from kogsro.workspace.model import Id, Session, Strict, Text
from kogsro.workspace.spec import Tagged, field
from kogsro.workspace.yamlsource import Source

Answer = Literal["yes", "no", "maybe"]
ANSWERS: tuple[Answer, ...] = ("yes", "no", "maybe")
SUFFIX = ".rsvp.yaml"
HEADER = (
    "# Rückmeldungen zur Sitzung {session}, geschrieben von `kogsro rsvp` (nicht von Hand ändern;\n"
    "# die letzte Rückmeldung einer Person gilt).\n"
)


class NamedDeputy(Strict):
    """A deputy who is not in the roster: a name and an organisation."""

    name: Text
    organisation: str | None = None


def _deputy_kind(value: Any) -> str:
    return "named" if isinstance(value, dict | NamedDeputy) else "ref"


if TYPE_CHECKING:
    Deputy: TypeAlias = str | NamedDeputy
else:
    Deputy = Tagged(_deputy_kind, {"ref": Id, "named": NamedDeputy})


def _aware(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        raise ValueError("a time of a reply needs its offset, e.g. 2022-06-01T09:30:00+02:00")
    return value


class Reply(Strict):
    person: Id
    answer: Answer
    deputy: Deputy | None = None
    note: str | None = None
    at: dt.datetime = field(check=_aware)
    via: str | None = field(default=None, description="command, or the file a reply came in")


class RsvpFile(Strict):
    session: str
    replies: list[Reply] = field(default_factory=list)


def rsvp_path(agendas: Path, session_id: str) -> Path:
    return agendas / f"{session_id}{SUFFIX}"


def is_rsvp_file(path: Path) -> bool:
    return path.name.endswith((SUFFIX, ".rsvp.yml"))


def read_replies(
    agendas: Path, session: Session, known: set[str]
) -> tuple[list[Reply], list[Problem]]:
    """The replies recorded for ``session`` (none without a file) and the problems of the file:
    people and deputies that are not in the roster (``known``), another session's file."""
    from kogsro.workspace.validation import load_file

    path = rsvp_path(agendas, session.id)
    if not path.is_file():
        return [], []
    record, source, problems = load_file(path, RsvpFile, display_path(path))
    if record is None:
        return [], problems
    if record.session != session.id:
        problems.append(
            source.problem(
                ("session",),
                f"the replies are for session {record.session!r}, not {session.id!r}",
                hint=f"the file of session {record.session} is {record.session}{SUFFIX}",
            )
        )
    for index, reply in enumerate(record.replies):
        if reply.person not in known:
            problems.append(_unknown(source, ("replies", index, "person"), reply.person))
        if isinstance(reply.deputy, str) and reply.deputy not in known:
            problems.append(_unknown(source, ("replies", index, "deputy"), reply.deputy))
    return record.replies, problems


def _unknown(source: Source, loc: tuple[str | int, ...], ref: str) -> Problem:
    return source.problem(
        loc, f"unknown person {ref!r}", hint="add the person to attendees.yaml or fix the id"
    )


def replies_or_raise(agendas: Path, session: Session, known: set[str]) -> list[Reply]:
    replies, problems = read_replies(agendas, session, known)
    if problems:
        raise InputError(problems)
    return replies


def latest_replies(replies: list[Reply]) -> dict[str, Reply]:
    """The latest reply of each person (by time; of two at the same time, the later one)."""
    latest: dict[str, Reply] = {}
    for reply in sorted(enumerate(replies), key=lambda pair: (pair[1].at, pair[0])):
        latest[reply[1].person] = reply[1]
    return latest


def append_replies(agendas: Path, session: Session, known: set[str], new: list[Reply]) -> Path:
    """Add ``new`` to the session's reply file (created when missing), atomically."""
    import yaml

    from kogsro.fsio import write_atomic

    replies = replies_or_raise(agendas, session, known) + new
    data = {
        "session": session.id,
        "replies": [reply.as_dict(jsonable=True, exclude_none=True) for reply in replies],
    }
    text = HEADER.format(session=session.id) + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=100
    )
    path = rsvp_path(agendas, session.id)
    write_atomic(path, text)
    return path
