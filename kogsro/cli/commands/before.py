"""Before the session: pack (the Sitzungsmappe) and rsvp (the replies)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kogsro.cli import app
from kogsro.cli.commands.documents import PublicOpt
from kogsro.cli.common import (
    ForceOpt,
    JsonOpt,
    LangOpt,
    OutputOpt,
    SessionArg,
    check_lang,
    load,
)

if TYPE_CHECKING:
    from kogsro.ledger.rsvp import RsvpSummary
    from kogsro.workspace.model import Session


@app.command()
def pack(
    ctx: typer.Context,
    session: SessionArg,
    output: OutputOpt = None,
    lang: LangOpt = None,
    public: PublicOpt = False,
    force: ForceOpt = False,
) -> None:
    """The Sitzungsmappe: the invitation and every attachment in one PDF (out/SESSION/pack.pdf).

    PDF attachments with all their pages, PNG and JPEG images as pages, each page stamped
    "Anlage n", one outline entry per Anlage; other files and links are listed as not included.
    """
    from kogsro import api
    from kogsro.cli.common import write_result
    from kogsro.cli.output import warn

    ws = load(ctx)
    target = ws.session(session)
    chosen = check_lang(lang) or ws.config.language
    result = api.session_pack(ws, target, lang=chosen, public=public)
    default = api.pack_output(ws, target, lang=chosen, public=public)
    write_result(ws, result.pdf, output, default=default, force=force)
    for message in result.warnings:
        warn(message)


@app.command()
def rsvp(
    ctx: typer.Context,
    session: SessionArg,
    person: Annotated[
        str | None, typer.Argument(help="The person who replies (an id of attendees.yaml).")
    ] = None,
    answer: Annotated[str | None, typer.Argument(help="yes, no or maybe.")] = None,
    deputy: Annotated[
        str | None,
        typer.Option("--deputy", help='Who comes instead: a person id, or "Name, Organisation".'),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A remark with the reply.")] = None,
    import_: Annotated[
        list[Path] | None,
        typer.Option(
            "--import",
            help="Calendar replies (.ics, or .eml with a text/calendar part) to record; "
            "repeatable.",
        ),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Rückmeldungen: record who comes (agendas/SESSION.rsvp.yaml), or show the replies.

    \b
    rsvp SESSION PERSON yes|no|maybe   record one reply (--deputy, --note)
    rsvp SESSION --import FILE...      replies sent by calendar programs
    rsvp SESSION                       the replies, counts and quorum forecast
    """
    from kogsro import api
    from kogsro.cli.output import print_json, warn
    from kogsro.errors import UsageError

    ws = load(ctx)
    target = ws.session(session)
    if import_:
        if person is not None:
            raise UsageError("give either PERSON and ANSWER, or --import FILE, not both")
        result = api.import_rsvps(ws, target, list(import_))
    elif person is not None:
        if answer is None:
            raise UsageError(f"what did {person} answer?", hint="yes, no or maybe")
        result = api.record_rsvp(ws, target, person, answer, deputy=deputy, note=note)
    else:
        if deputy is not None or note is not None:
            raise UsageError("--deputy and --note go with PERSON and ANSWER")
        summary = api.rsvp_overview(ws, target)
        if json_:
            print_json(summary.as_dict())
        else:
            print_summary(target, summary)
        return
    for message in result.skipped:
        warn(message)
    if json_:
        print_json(
            {
                "file": str(result.path) if result.path else None,
                "recorded": [r.as_dict(jsonable=True) for r in result.recorded],
                "skipped": result.skipped,
            }
        )
        return
    count = len(result.recorded)
    if result.path is not None:
        typer.echo(
            f"recorded {count} repl{'ies' if count != 1 else 'y'} in {ws.display(result.path)}"
        )
    else:
        typer.echo("recorded nothing")
    summary = api.rsvp_overview(ws, target)
    print_counts(target, summary)


WORDS = {"yes": "yes", "no": "no", "maybe": "maybe", "open": "no reply"}


def print_counts(session: Session, summary: RsvpSummary) -> None:
    from kogsro.cli.output import warn

    typer.echo(
        f"{summary.count('yes')} yes, {summary.count('no')} no, {summary.count('maybe')} maybe, "
        f"{summary.count('open')} open of {len(summary.members)} members; a quorum needs "
        f"{summary.required} of {summary.voices} "
        + ("member organisations" if summary.counts == "organisations" else "members")
    )
    message = summary.warning(session)
    if message:
        warn(message)


def print_summary(session: Session, summary: RsvpSummary) -> None:
    width = max((len(m.member.name) for m in summary.members), default=0)
    for entry in summary.members:
        line = f"  {WORDS[entry.seat]:<8}  {entry.member.name:<{width}}"
        if entry.deputy is not None:
            line += f"  deputy: {entry.deputy.name}"
        if entry.reply is not None and entry.reply.note:
            line += f"  ({entry.reply.note})"
        typer.echo(line.rstrip())
    for reply in summary.others:
        typer.echo(f"  {WORDS[reply.answer]:<8}  {reply.person} (not a member)")
    print_counts(session, summary)
