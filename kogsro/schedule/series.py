"""Sessions over a year: recurrence rules, Berlin's public holidays, breaks and host rotation.

A series is an RFC 5545 RRULE (``FREQ=MONTHLY;BYDAY=2TU``: the second Tuesday of each month)
read by python-dateutil. The rule is anchored at 1 January of each year, so a year's plan does
not depend on when it is made. Occurrences inside a break (``07-01..08-31``) are left out;
occurrences on a public holiday in Berlin are skipped or moved to the next working day.
Hosts follow the body's ``rotation``, continuing from the last session held by a host of the
rotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeAlias

from kogsro.errors import InputError, Problem, Remedy, UsageError
from kogsro.schedule.deadlines import last_invitation_day
from kogsro.workspace.loader import Workspace, existing_file, session_path
from kogsro.workspace.model import Series, Session

Day: TypeAlias = date  # for fields named "date"
OnHoliday = Literal["skip", "next-workday"]
ON_HOLIDAY: tuple[OnHoliday, ...] = ("skip", "next-workday")
FIRST_YEAR = 1991  # Berlin's public holidays are known from the first year after reunification
LAST_YEAR = 2199

_BREAK_RE = re.compile(r"^\s*(\d{1,2})-(\d{1,2})\s*\.\.\s*(\d{1,2})-(\d{1,2})\s*$")
_DAY_FREQUENCIES = {"YEARLY", "MONTHLY", "WEEKLY", "DAILY"}
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# The holidays package says "Frauentag"; Berlin's Feiertagsgesetz names the day
# "Internationaler Frauentag", and so do the documents the body hands out.
_HOLIDAY_NAMES = {"Frauentag": "Internationaler Frauentag"}


# --- breaks -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Break:
    """A recurring period without sessions, from ``start`` to ``end`` inclusive (month, day).

    A break may run over the turn of the year (``12-20..01-06``).
    """

    start: tuple[int, int]
    end: tuple[int, int]

    def __str__(self) -> str:
        return f"{self.start[0]:02d}-{self.start[1]:02d}..{self.end[0]:02d}-{self.end[1]:02d}"

    def contains(self, day: date) -> bool:
        here = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= here <= self.end
        return here >= self.start or here <= self.end


def parse_break(text: str) -> Break:
    """``"07-01..08-31"`` -> :class:`Break`; raises ValueError with a message for users."""
    match = _BREAK_RE.match(text)
    if not match:
        raise ValueError(
            f"invalid break {text!r}: write it as MM-DD..MM-DD, for example 07-01..08-31"
        )
    numbers = [int(part) for part in match.groups()]
    ends = ((numbers[0], numbers[1]), (numbers[2], numbers[3]))
    for month, day in ends:
        if not 1 <= month <= 12:
            raise ValueError(f"invalid break {text!r}: there is no month {month}")
        if not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
            raise ValueError(f"invalid break {text!r}: month {month} has no day {day}")
    return Break(ends[0], ends[1])


# --- recurrence rules ---------------------------------------------------------------------


@cache
def normalise_rule(text: str) -> str:
    """Check an RRULE and return it in a canonical spelling; raises ValueError for users.

    Accepts an optional ``RRULE:`` prefix and lowercase names. Sessions are planned by the day,
    so the frequency must be DAILY or coarser; DTSTART is not allowed (the series is anchored
    at 1 January of each year).
    """
    rule = text.strip()
    if rule[:6].upper() == "RRULE:":
        rule = rule[6:].strip()
    if not rule:
        raise ValueError("the recurrence rule is empty")
    if "\n" in rule or ":" in rule:
        raise ValueError(
            f"invalid recurrence rule {text!r}: give only the RRULE part, "
            "such as FREQ=MONTHLY;BYDAY=2TU (no DTSTART)"
        )
    parts: list[str] = []
    names: dict[str, str] = {}
    for raw in rule.split(";"):
        if not raw.strip():
            continue
        name, sep, value = raw.partition("=")
        name, value = name.strip().upper(), value.strip().upper()
        if not sep or not name or not value:
            raise ValueError(f"invalid recurrence rule {text!r}: {raw.strip()!r} is not NAME=VALUE")
        if name in names:
            raise ValueError(f"invalid recurrence rule {text!r}: {name} is given twice")
        if name == "UNTIL":
            value = value.removesuffix("Z")  # only the day matters
        names[name] = value
        parts.append(f"{name}={value}")
    frequency = names.get("FREQ")
    if frequency is None:
        raise ValueError(f"invalid recurrence rule {text!r}: FREQ is missing, e.g. FREQ=MONTHLY")
    if frequency not in _DAY_FREQUENCIES:
        raise ValueError(
            f"invalid recurrence rule {text!r}: sessions are planned by the day; "
            "use FREQ=YEARLY, MONTHLY, WEEKLY or DAILY"
        )
    canonical = ";".join(parts)
    try:  # build it and take a few years of it: some mistakes only show when it runs
        if not _matches_some_day(names):
            raise ValueError("it matches no day at all")
        _dates(canonical, date(2000, 1, 1), date(2003, 12, 31))
    except (ValueError, TypeError, IndexError, KeyError, OverflowError) as exc:
        detail = str(exc) or type(exc).__name__
        if isinstance(exc, IndexError):
            detail = "a BYDAY position is out of range (use 1 to 5 or -1 to -5, e.g. 2TU)"
        raise ValueError(f"invalid recurrence rule {text!r}: {detail}") from None
    return canonical


def _matches_some_day(names: dict[str, str]) -> bool:
    """Whether the rule's BY-parts can match any day at all.

    dateutil searches to the year 9999 for the next match of a rule that can never match,
    which takes seconds for a daily rule; the same parts on a yearly rule answer quickly.
    """
    from dateutil.rrule import rrulestr

    kept = {k: v for k, v in names.items() if k.startswith("BY") and k != "BYSETPOS"}
    yearly = ";".join(["FREQ=YEARLY", *(f"{k}={v}" for k, v in kept.items())])
    days = iter(rrulestr(yearly, dtstart=datetime(2000, 1, 1)))
    return next(days, None) is not None


def rule_dates(rule: str, start: date, end: date) -> list[date]:
    """The days of ``rule`` (anchored at 1 January of ``start.year``) from ``start`` to ``end``."""
    return _dates(normalise_rule(rule), start, end)


def _dates(canonical: str, start: date, end: date) -> list[date]:
    from dateutil.rrule import rrule, rrulestr

    recurrence = rrulestr(canonical, dtstart=datetime(start.year, 1, 1))
    assert isinstance(recurrence, rrule)  # one RRULE, never a set
    last = datetime.combine(end, datetime.max.time())
    if getattr(recurrence, "_count", None) is None:  # stop at the end, even if nothing matches
        until = getattr(recurrence, "_until", None)
        recurrence = recurrence.replace(until=min(until, last) if until else last)
    found = recurrence.between(datetime.combine(start, datetime.min.time()), last, inc=True)
    return sorted({moment.date() for moment in found})


# --- holidays -----------------------------------------------------------------------------


@cache
def _holidays_of(year: int) -> dict[date, str]:
    import holidays

    table = holidays.country_holidays("DE", subdiv="BE", language="de", years=year)
    return {day: _HOLIDAY_NAMES.get(name, name) for day, name in sorted(table.items())}


def berlin_holidays(years: Iterable[int]) -> dict[date, str]:
    """Public holidays in Berlin with their German names, for the given years."""
    out: dict[date, str] = {}
    for year in sorted(set(years)):
        out.update(_holidays_of(year))
    return out


def holiday_name(day: date) -> str | None:
    """The German name of the Berlin public holiday on ``day``, or None."""
    return _holidays_of(day.year).get(day)


def next_workday(day: date) -> date:
    """The first day after ``day`` that is Monday to Friday and no public holiday in Berlin."""
    candidate = day + timedelta(days=1)
    while candidate.weekday() >= 5 or holiday_name(candidate) is not None:
        candidate += timedelta(days=1)
    return candidate


# --- a series of dates --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeriesSpec:
    """A checked series: the rule, what happens on holidays, and the breaks."""

    rule: str
    on_holiday: OnHoliday = "skip"
    breaks: tuple[Break, ...] = ()

    @classmethod
    def build(cls, rule: str, on_holiday: str = "skip", breaks: Sequence[str] = ()) -> SeriesSpec:
        """From user text; raises :class:`UsageError` naming what is wrong."""
        try:
            canonical = normalise_rule(rule)
            parsed = tuple(parse_break(text) for text in breaks)
        except ValueError as exc:
            raise UsageError(str(exc), hint=_RULE_HINT) from None
        if on_holiday not in ON_HOLIDAY:
            raise UsageError(
                f"invalid on-holiday choice {on_holiday!r}", hint="use skip or next-workday"
            )
        return cls(canonical, on_holiday, parsed)

    @classmethod
    def from_config(cls, series: Series) -> SeriesSpec:
        return cls.build(series.rule, series.on_holiday, series.breaks)

    def in_break(self, day: date) -> Break | None:
        return next((b for b in self.breaks if b.contains(day)), None)


_RULE_HINT = (
    "a rule looks like FREQ=MONTHLY;BYDAY=2TU (second Tuesday of each month), "
    "a break like 07-01..08-31"
)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A day of the series; ``moved_from`` is set when it was moved off a holiday."""

    date: Day
    moved_from: Day | None = None
    holiday: str | None = None


SkipKind = Literal["holiday", "break", "past", "late", "taken"]


@dataclass(frozen=True, slots=True)
class Skipped:
    date: Day
    kind: SkipKind
    reason: str


def series_year(spec: SeriesSpec, year: int) -> tuple[list[Occurrence], list[Skipped]]:
    """The year's days of the series, and the days left out with their reason."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError(
            f"year {year} is out of range", hint=f"plan a year from {FIRST_YEAR} to {LAST_YEAR}"
        )
    days = rule_dates(spec.rule, date(year, 1, 1), date(year, 12, 31))
    occurrences: list[Occurrence] = []
    skipped: list[Skipped] = []
    taken: set[date] = set()
    for day in days:
        pause = spec.in_break(day)
        if pause is not None:
            skipped.append(Skipped(day, "break", f"break {pause}"))
            continue
        holiday = holiday_name(day)
        if holiday is None:
            occurrences.append(Occurrence(day))
            taken.add(day)
            continue
        if spec.on_holiday == "skip":
            skipped.append(Skipped(day, "holiday", f"public holiday: {holiday}"))
            continue
        moved = next_workday(day)
        pause = spec.in_break(moved)
        if pause is not None:
            reason = f"public holiday: {holiday}; {moved} is in the break {pause}"
            skipped.append(Skipped(day, "holiday", reason))
        elif moved in taken or moved in days:
            reason = f"public holiday: {holiday}; {moved} is a day of the series already"
            skipped.append(Skipped(day, "holiday", reason))
        else:
            occurrences.append(Occurrence(moved, day, holiday))
            taken.add(moved)
    occurrences.sort(key=lambda o: o.date)
    return occurrences, skipped


def next_series_date(spec: SeriesSpec, after: date) -> Occurrence:
    """The first day of the series after ``after`` (holidays and breaks applied)."""
    for year in range(after.year, min(after.year + 3, LAST_YEAR + 1)):
        occurrences, _ = series_year(spec, year)
        for occurrence in occurrences:
            if occurrence.date > after:
                return occurrence
    raise UsageError(
        f"the series rule {spec.rule} gives no date after {after.isoformat()}",
        hint="change series.rule in kogsro.yaml",
        remedy=Remedy("date", "YYYY-MM-DD"),
    )


def workspace_series(ws: Workspace) -> SeriesSpec | None:
    """The series from ``kogsro.yaml``, or None when it has none; a broken one is an
    InputError located in kogsro.yaml."""
    if ws.config.series is None:
        return None
    _raise_series_problems(ws)
    return SeriesSpec.from_config(ws.config.series)


def plan_spec(
    ws: Workspace,
    rule: str | None = None,
    on_holiday: str | None = None,
    breaks: Sequence[str] | None = None,
) -> SeriesSpec:
    """The series to plan: what is given, the rest from ``series`` in kogsro.yaml.

    Breaks given here replace the configured ones.
    """
    series = ws.config.series
    if rule is None and series is None:
        raise UsageError(
            "no recurrence rule: kogsro.yaml has no series",
            hint="add `series:` to kogsro.yaml",
            remedy=Remedy("rule", "'FREQ=MONTHLY;BYDAY=2TU'"),
        )
    if series is not None and (rule is None or on_holiday is None or not breaks):
        _raise_series_problems(ws)
    return SeriesSpec.build(
        rule if rule is not None else series.rule if series else "",
        on_holiday or (series.on_holiday if series else "skip"),
        breaks if breaks else (series.breaks if series else ()),
    )


def _raise_series_problems(ws: Workspace) -> None:
    problems = series_problems(ws)
    if problems:
        raise InputError(problems)


# --- rotation -----------------------------------------------------------------------------


def following_host(rotation: Sequence[str], previous: str | None) -> str:
    """The host after ``previous`` in ``rotation`` (wrapping round); the first without one."""
    if not rotation:
        raise UsageError(
            "kogsro.yaml has no rotation, so the host cannot be chosen",
            hint="add `rotation:` with the host order to kogsro.yaml",
            remedy=Remedy("host", "ORG"),
        )
    if previous is None or previous not in rotation:
        return rotation[0]
    return rotation[(rotation.index(previous) + 1) % len(rotation)]


def previous_host(
    rotation: Sequence[str], sessions: Iterable[tuple[date, str]], before: date
) -> str | None:
    """The host of the latest session before ``before`` whose host is in the rotation."""
    latest: tuple[date, str] | None = None
    for day, host in sessions:
        if day < before and host in rotation and (latest is None or day >= latest[0]):
            latest = (day, host)
    return latest[1] if latest else None


def held_hosts(ws: Workspace) -> list[tuple[date, str]]:
    """(date, host) of every session that is not cancelled: the history the rotation continues."""
    return [(s.date, s.host) for s in ws.sessions if s.status not in ("cancelled", "postponed")]


def next_host(rotation: Sequence[str], sessions: Iterable[tuple[date, str]], day: date) -> str:
    """Who hosts a new session on ``day``, between the sessions there are.

    The host after the previous session's host in the rotation; without a previous session,
    the host before the next session's. Never the host of the next session: a district does
    not host twice in a row when a session is put in before one planned already.
    """
    if not rotation:
        return following_host(rotation, None)  # raises: no rotation
    history = list(sessions)
    previous = previous_host(rotation, history, day)
    later = sorted((d, h) for d, h in history if d > day and h in rotation)
    following = later[0][1] if later else None
    if previous is None and following is not None:
        return rotation[(rotation.index(following) - 1) % len(rotation)]
    host = following_host(rotation, previous)
    if host == following and len(rotation) > 2:
        host = following_host(rotation, host)
    return host


def rotation_host(ws: Workspace, day: date) -> str:
    """Who hosts a new session on ``day``: the next in the rotation after the last host."""
    return next_host(ws.config.rotation, held_hosts(ws), day)


# --- a year's plan ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedSession:
    date: Day
    host: str
    path: Path
    exists: bool
    moved_from: Day | None = None
    holiday: str | None = None


@dataclass(frozen=True, slots=True)
class YearPlan:
    year: int
    spec: SeriesSpec
    sessions: tuple[PlannedSession, ...]
    skipped: tuple[Skipped, ...]
    created: tuple[Path, ...] = field(default=())

    @property
    def new(self) -> list[PlannedSession]:
        return [p for p in self.sessions if not p.exists]

    def as_dict(self, ws: Workspace, *, dry_run: bool = False) -> dict[str, Any]:
        created = set(self.created)
        return {
            "year": self.year,
            "rule": self.spec.rule,
            "on_holiday": self.spec.on_holiday,
            "breaks": [str(b) for b in self.spec.breaks],
            "dry_run": dry_run,
            "sessions": [
                {
                    "date": p.date.isoformat(),
                    "host": p.host,
                    "file": ws.display(p.path),
                    "exists": p.exists,
                    "created": p.path in created,
                    "moved_from": p.moved_from.isoformat() if p.moved_from else None,
                    "holiday": p.holiday,
                }
                for p in self.sessions
            ],
            "skipped": [
                {"date": s.date.isoformat(), "reason": s.reason, "kind": s.kind}
                for s in self.skipped
            ],
        }


def plan_year(ws: Workspace, year: int, spec: SeriesSpec, *, today: date) -> YearPlan:
    """The sessions of ``year``: existing ones as they are, new ones with rotating hosts.

    Days before ``today`` that have no session are left out (reason "past"), and so are days
    that can no longer be invited within the invitation period (reason "late": ``kogsro new
    --date`` creates such a session when it must be); a day that has a session already is
    reported as existing and keeps its host.
    """
    occurrences, skipped = series_year(spec, year)
    by_date: dict[date, list[Session]] = {}
    for session in ws.sessions:
        by_date.setdefault(session.date, []).append(session)
    history = held_hosts(ws)
    planned: list[PlannedSession] = []
    extra: list[Skipped] = []
    for occurrence in occurrences:
        day = occurrence.date
        existing = by_date.get(day)
        if existing:
            session = existing[0]
            path = existing_file(ws, session.id) or session_path(ws, session.id)
            planned.append(
                PlannedSession(
                    day, session.host, path, True, occurrence.moved_from, occurrence.holiday
                )
            )
            continue
        if day < today:
            extra.append(Skipped(day, "past", "in the past"))
            continue
        deadline = last_invitation_day(ws, day)
        if deadline < today:
            reason = f"too late to invite (deadline {deadline.isoformat()})"
            extra.append(Skipped(day, "late", reason))
            continue
        host = next_host(ws.config.rotation, history, day)
        history.append((day, host))
        planned.append(
            PlannedSession(
                day,
                host,
                session_path(ws, day.isoformat()),
                False,
                occurrence.moved_from,
                occurrence.holiday,
            )
        )
    all_skipped = sorted([*skipped, *extra], key=lambda s: s.date)
    return YearPlan(year, spec, tuple(planned), tuple(all_skipped))


# --- checks of kogsro.yaml ----------------------------------------------------------------


def config_problems(ws: Workspace) -> list[Problem]:
    """Problems of kogsro.yaml's ``series`` and ``rotation``."""
    return series_problems(ws) + rotation_problems(ws)


def series_problems(ws: Workspace) -> list[Problem]:
    """The series rule and its breaks must be readable."""
    source, series = ws.config_source, ws.config.series
    if source is None or series is None:
        return []
    problems: list[Problem] = []
    try:
        normalise_rule(series.rule)
    except ValueError as exc:
        problems.append(
            source.problem(("series", "rule"), str(exc), hint="for example FREQ=MONTHLY;BYDAY=2TU")
        )
    for index, text in enumerate(series.breaks):
        try:
            parse_break(text)
        except ValueError as exc:
            problems.append(
                source.problem(
                    ("series", "breaks", index),
                    str(exc),
                    hint="a break names its first and last day; it may span the new year",
                )
            )
    return problems


def rotation_problems(ws: Workspace) -> list[Problem]:
    """Each host appears once in the rotation (else whose turn it is would be ambiguous)."""
    source = ws.config_source
    if source is None:
        return []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, host in enumerate(ws.config.rotation):
        if host in seen:
            first = source.mark(("rotation", seen[host]))
            problems.append(
                source.problem(
                    ("rotation", index),
                    f"{host!r} is in the rotation twice (first on line {first.line})",
                    hint="the rotation lists each host once, in the order they take turns",
                )
            )
        else:
            seen[host] = index
    return problems
