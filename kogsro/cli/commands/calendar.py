"""calendar: every session as one subscribable iCalendar feed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kogsro.cli import app
from kogsro.cli.common import (
    ForceOpt,
    JsonOpt,
    LangOpt,
    OutputOpt,
    check_lang,
    load,
    no_json_on_stdout,
    parse_day,
)


@app.command()
def calendar(
    ctx: typer.Context,
    output: OutputOpt = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only sessions on or after this date (YYYY-MM-DD or 'today').",
            show_default=False,
        ),
    ] = None,
    public: Annotated[
        bool,
        typer.Option(
            "--public", help="Leave out non-public items and the online link, for publishing."
        ),
    ] = False,
    lang: LangOpt = None,
    force: ForceOpt = False,
    json_: JsonOpt = False,
) -> None:
    """All sessions (planned, held, cancelled) as one iCalendar feed (default: out/calendar.ics)."""
    from kogsro.cli.output import print_json, write_bytes_to_stdout
    from kogsro.documents.calendar import feed, feed_summary
    from kogsro.fsio import write_output

    ws = load(ctx)
    start = parse_day(since, "--since")
    data = feed(ws, since=start, public=public, lang=check_lang(lang))
    no_json_on_stdout(json_, output)
    if output == Path("-"):
        write_bytes_to_stdout(data)
        return
    path = output or ws.out_dir / ("calendar-public.ics" if public else "calendar.ics")
    write_output(path, data, out_dir=ws.out_dir, force=force, protected=ws.protected)
    events = feed_summary(ws, since=start)
    if json_:
        print_json({"output": str(path), "events": events})
    else:
        count = len(events)
        typer.echo(f"wrote {ws.display(path)} ({count} session{'s' if count != 1 else ''})")
