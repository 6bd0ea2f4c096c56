"""new, plan, sessions: sessions over time."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kogsro.cli import app, completion
from kogsro.cli.common import (
    JsonOpt,
    OutputOpt,
    SessionArg,
    lenient_workspace,
    load,
    no_json_on_stdout,
    parse_day,
    workspace_and_session,
)

if TYPE_CHECKING:
    from kogsro.cli.table import Table
    from kogsro.ledger.lifecycle import SessionRow
    from kogsro.schedule.series import YearPlan
    from kogsro.workspace.loader import Workspace


@app.command()
def new(
    ctx: typer.Context,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Date of the session, YYYY-MM-DD (default: the next date of the series in "
            "kogsro.yaml after the last session).",
            show_default=False,
        ),
    ] = None,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            metavar="ORG",
            help="Hosting organisation (default: the next in the rotation after the last host).",
            show_default=False,
            autocompletion=completion.organisations,
        ),
    ] = None,
    chair: Annotated[
        str | None,
        typer.Option(
            "--chair",
            metavar="ID",
            help="Chairing organisation or person (default: the host).",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Create the next session file, carrying open tasks and deferred items over.

    The file starts with the standard items of kogsro.yaml and the host's location. It is
    never written over an existing file.
    """
    import sys

    from kogsro.cli.output import print_json, warn
    from kogsro.clock import today
    from kogsro.documents.session_file import create_session, draft_session, session_text

    ws = load(ctx)
    draft = draft_session(
        ws,
        day=parse_day(day, "--date"),
        host=host,
        chair=chair,
        today=today(),
    )
    for message in draft.warnings:
        warn(message)
    no_json_on_stdout(json_, output)
    if output == Path("-"):
        sys.stdout.write(session_text(ws, draft, today=today()))
        return
    path = create_session(ws, draft, today=today(), path=output)
    if json_:
        print_json(draft.summary(ws, path))
        return
    moved = f" (moved from {draft.moved_from}: {draft.holiday})" if draft.moved_from else ""
    typer.echo(f"created {ws.display(path)}: {draft.date:%a %Y-%m-%d}{moved}, host {draft.host}")
    if draft.deferred:
        refs = ", ".join(c.ref for c in draft.deferred)
        typer.echo(f"  carried over {_count(len(draft.deferred), 'deferred item')}: {refs}")
    if draft.open_actions:
        typer.echo(
            f"  {_count(len(draft.open_actions), 'open task')} listed for updates "
            "at the end of the file"
        )


@app.command()
def plan(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(metavar="YEAR", help="The year to plan, e.g. 2023.")],
    rule: Annotated[
        str | None,
        typer.Option(
            "--rule",
            metavar="RRULE",
            help="RFC 5545 recurrence rule, e.g. 'FREQ=MONTHLY;BYDAY=2TU' "
            "(default: series.rule in kogsro.yaml).",
            show_default=False,
        ),
    ] = None,
    on_holiday: Annotated[
        str | None,
        typer.Option(
            "--on-holiday",
            metavar="skip|next-workday",
            help="What happens to a date on a Berlin public holiday: skip it, or move it to the "
            "next working day (default: series.on_holiday, else skip).",
            show_default=False,
        ),
    ] = None,
    breaks: Annotated[
        list[str] | None,
        typer.Option(
            "--break",
            metavar="MM-DD..MM-DD",
            help="A period without sessions, e.g. 07-01..08-31; repeatable; replaces "
            "series.breaks of kogsro.yaml.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the plan, write nothing.")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Plan a year's sessions: Berlin public holidays skipped or moved, hosts rotated.

    Writes one session file per new date; dates that have a session already are kept as they
    are, so running the same plan again creates nothing new.
    """
    from kogsro.cli.output import print_json
    from kogsro.clock import today
    from kogsro.documents.session_file import write_plan
    from kogsro.schedule.series import plan_spec, plan_year

    ws = load(ctx)
    spec = plan_spec(ws, rule, on_holiday, breaks)
    result = plan_year(ws, year, spec, today=today())
    if not dry_run:
        result = write_plan(ws, result, today=today())
    if json_:
        print_json(result.as_dict(ws, dry_run=dry_run))
    else:
        _print_plan(ws, result, dry_run)


def _print_plan(ws: Workspace, result: YearPlan, dry_run: bool) -> None:
    from kogsro.cli.output import warn

    spec = result.spec
    breaks = ", ".join(str(b) for b in spec.breaks) or "none"
    typer.echo(f"Plan {result.year}: {spec.rule}")
    typer.echo(f"  on holidays: {spec.on_holiday}; breaks: {breaks}")
    created = set(result.created)
    lines: list[tuple[date, str]] = []
    for planned in result.sessions:
        state = "exists" if planned.exists else "created" if planned.path in created else "new"
        # at most 80 columns: the file is agendas/<date>.yaml, named in the summary below
        line = (
            f"  {planned.date:%Y-%m-%d %a}  {planned.host:<12} {ws.label_of(planned.host):<28} "
            f"{state}"
        )
        if planned.moved_from:
            line += f"\n      moved from {planned.moved_from}: {planned.holiday}"
        lines.append((planned.date, line))
    for skipped in result.skipped:
        lines.append((skipped.date, f"  {skipped.date:%Y-%m-%d %a}  skipped: {skipped.reason}"))
    for _, line in sorted(lines, key=lambda pair: pair[0]):
        typer.echo(line.rstrip())
    new = len(result.new)
    existing = len(result.sessions) - new
    past = [s for s in result.skipped if s.kind == "past"]
    late = [s for s in result.skipped if s.kind == "late"]
    if new == 0:
        if existing:
            typer.echo(
                "nothing new: the session of the plan exists already"
                if existing == 1
                else f"nothing new: all {existing} sessions of the plan exist already"
            )
        elif past or late:
            typer.echo(
                f"nothing to plan: every date of {result.year} is in the past or too close to "
                "invite within the invitation period"
            )
        else:
            typer.echo("nothing to plan: the rule gives no date")
    elif dry_run:
        typer.echo(f"dry run: would create {_count(new, 'session file')}; nothing written")
    else:
        typer.echo(
            f"created {_count(len(created), 'session file')} in {ws.display(ws.agendas_dir)}/"
        )
    if new and existing:
        typer.echo(
            "1 session existed already and was left as it is"
            if existing == 1
            else f"{existing} sessions existed already and were left as they are"
        )
    if late:
        days = ", ".join(s.date.isoformat() for s in late)
        warn(
            f"left out {days}: too late to invite within the invitation period "
            f"({ws.config.defaults.invitation_days} days); `kogsro new --date {late[-1].date}` "
            "creates such a session when it must be"
        )
    if past and new == 0:
        from kogsro.clock import today

        ahead = max(result.year + 1, today().year)
        warn(
            f"{_count(len(past), 'date')} of {result.year} before today left out; "
            f"to plan the coming sessions: `kogsro plan {ahead}`"
        )


@app.command()
def prepare(
    ctx: typer.Context,
    session: SessionArg,
    json_: JsonOpt = False,
) -> None:
    """Bring a planned session up to date: items deferred since and the open tasks.

    Only the parts of the file between `# >>> kogsro` and `# <<< kogsro` change, and only while
    nobody has edited them; everything else in the file stays as it is.
    """
    from kogsro.cli.output import print_json, warn
    from kogsro.clock import today
    from kogsro.documents.session_file import prepare_session

    ws, target = workspace_and_session(ctx, session)
    result = prepare_session(ws, target, today=today())
    for message in result.warnings:
        warn(message)
    if json_:
        print_json(result.summary(ws))
        return
    where = ws.display(result.path)
    if not result.changed:
        typer.echo(f"{where} is up to date")
        return
    typer.echo(f"updated {where}")
    if result.added:
        typer.echo(
            f"  carried over {_count(len(result.added), 'deferred item')}: "
            + ", ".join(result.added)
        )
    if result.removed:
        typer.echo(f"  no longer carried over (taken up elsewhere): {', '.join(result.removed)}")
    if result.open_tasks:
        typer.echo(f"  {_count(len(result.open_tasks), 'open task')} listed for updates")


@app.command()
def sessions(
    ctx: typer.Context,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", metavar="YEAR", help="Only the sessions of this year.", show_default=False
        ),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Every session with date, host, status, the state of its minutes and how many open tasks
    it left."""
    from kogsro.cli.output import print_json
    from kogsro.clock import today
    from kogsro.ledger.lifecycle import session_rows

    ws = lenient_workspace(ctx)
    rows = [r for r in session_rows(ws, today=today()) if year is None or r.date.year == year]
    if json_:
        print_json([row.as_dict() for row in rows])
        return
    _print_sessions(rows, ws.config.language)


HOST_MIN = 12  # a host column narrower than this many cells goes below the session instead


def _print_sessions(rows: list[SessionRow], lang: str) -> None:
    from kogsro.cli.output import console
    from kogsro.cli.table import print_table
    from kogsro.workspace.yamlsource import paused_gc

    if not rows:
        typer.echo("no sessions", err=True)
        return
    width = console().width
    with paused_gc():
        table = _sessions_table(rows, lang, host_below=False)
        if table.widths(width)[2] < HOST_MIN + 1:  # with its padding
            table = _sessions_table(rows, lang, host_below=True)
        print_table(table)


def _sessions_table(rows: list[SessionRow], lang: str, *, host_below: bool) -> Table:
    """The session list; ``host_below`` names each host under its session, for narrow terminals,
    instead of in a column of its own."""
    from kogsro.cli.table import Cell, Column, Table
    from kogsro.i18n import format_date, strings

    t = strings(lang)
    if host_below:
        longest = max(len(row.id) for row in rows)  # an id is never folded
        first = [Column(f"{t['session']}\n{t['host']}", min_width=longest)]
    else:
        first = [Column(t["session"], no_wrap=True)]
    columns = [
        *first,
        Column(t["day"], no_wrap=True),
        *([] if host_below else [Column(t["host"])]),
        Column(t["status"], no_wrap=True),
        Column(t["minutes_column"], no_wrap=True),
        Column(t["open"], justify="right", no_wrap=True),
        Column(t["overdue"], justify="right", no_wrap=True),
    ]
    table = Table(columns, title=t["sessions"], show_edge=False, padding=(0, 1))
    for row in rows:
        # the id is the date, as a rule: then the weekday is all the date column adds
        form = "EEE" if row.id == row.date.isoformat() else "EEE dd.MM.yyyy"
        day = format_date(row.date, lang, form)
        counts = (
            t[f"status_{row.status}"],
            t[f"minutes_{row.minutes}"],
            str(len(row.open_tasks)) if row.open_tasks else "–",
            str(len(row.overdue_tasks)) if row.overdue_tasks else "–",
        )
        if host_below:
            table.add_row(Cell((row.id, ""), (row.host_label, "dim")), day, *counts)
        else:
            table.add_row(row.id, day, row.host_label, *counts)
    return table


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
