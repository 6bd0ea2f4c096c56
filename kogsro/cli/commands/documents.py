"""invite, minutes, attendance, build, templates."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kogsro.cli import app, completion
from kogsro.cli.common import (
    ForceOpt,
    JsonOpt,
    LangOpt,
    OutputOpt,
    SessionArg,
    check_lang,
    load,
    no_json_on_stdout,
    workspace_and_session,
)

if TYPE_CHECKING:
    from kogsro.documents.archive import Archived
    from kogsro.workspace.loader import Workspace

PublicOpt = Annotated[
    bool,
    typer.Option(
        "--public",
        help="The public version: without non-public items and without any e-mail address "
        "or phone number.",
    ),
]


def _format_option(formats: tuple[str, ...], default: str) -> object:
    return typer.Option(
        "--format",
        "-f",
        help=f"{' | '.join(formats)} (default: from the --output suffix, else {default}; "
        "md with -o -).",
        show_default=False,
        autocompletion=completion.choices(formats),
    )


DOCUMENT_FORMATS = ("md", "html", "pdf")
INVITE_FORMATS = (*DOCUMENT_FORMATS, "ics", "eml")


def choose_format(
    fmt: str | None, output: Path | None, formats: tuple[str, ...], default: str
) -> str:
    """The format asked for, else the one the output file's suffix names, else ``default``.

    A file name whose suffix contradicts the format (``-f pdf -o x.html``) or names a format
    kogsro does not write (``-o x.docx``) is refused: the file would not be what it says.
    """
    from kogsro.errors import UsageError

    to_stdout = output is not None and str(output) == "-"
    suffix = output.suffix.lstrip(".").lower() if output is not None and not to_stdout else ""
    if fmt is None:
        if to_stdout:
            return "md" if "md" in formats else default
        if not suffix:
            return default
        if suffix in formats:
            return suffix
        raise UsageError(
            f"-o {output}: kogsro does not write .{suffix} files",
            hint=f"name the file .{default}, or one of .{', .'.join(formats)}",
        )
    if fmt not in formats:
        raise UsageError(f"unknown format {fmt!r}", hint="choose one of: " + ", ".join(formats))
    if suffix and suffix != fmt and fmt != "eml":  # eml: -o names a folder of drafts
        assert output is not None
        raise UsageError(
            f"-o {output} does not fit -f {fmt}: the file would hold {fmt}, not {suffix}",
            hint=f"name it {output.with_suffix('.' + fmt).name}, or leave out -f to take the "
            "format from the name",
        )
    return fmt


def _session_document(
    ctx: typer.Context,
    kind: str,
    session_ref: str,
    fmt: str,
    output: Path | None,
    lang: str | None,
    public: bool,
    force: bool,
    json_: bool = False,
) -> None:
    """Render one document of a session and write it (to ``out/`` unless -o says otherwise)."""
    from kogsro.api import session_document
    from kogsro.cli.common import workspace_root, write_to
    from kogsro.cli.output import warn

    root = workspace_root(ctx)
    document = session_document(root, kind, session_ref, fmt, lang=check_lang(lang), public=public)
    no_json_on_stdout(json_, output)
    path = write_to(
        document.data,
        output,
        default=document.default_path,
        root=root,
        out_dir=document.out_dir,
        force=force,
        announce=not json_,
        protected=document.protected,
    )
    for message in document.warnings:
        warn(message)
    if json_ and path is not None:
        from kogsro.cli.output import print_json
        from kogsro.workspace.locate import display_path

        print_json(
            {"format": fmt, "written": [display_path(path, root)], "warnings": document.warnings}
        )


@app.command()
def invite(
    ctx: typer.Context,
    session: SessionArg,
    fmt: Annotated[str | None, _format_option(INVITE_FORMATS, "pdf")] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
    public: PublicOpt = False,
    force: ForceOpt = False,
    bcc: Annotated[
        bool,
        typer.Option("--bcc", help="eml and --send: one message to all, in Bcc, not one each."),
    ] = False,
    attach_pdf: Annotated[
        bool, typer.Option("--attach-pdf", help="eml and --send: attach the PDF invitation.")
    ] = False,
    send: Annotated[
        bool,
        typer.Option(
            "--send", help="Send the invitation by e-mail (SMTP); without --yes a dry run."
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --send: really send.")] = False,
    resend: Annotated[
        bool,
        typer.Option("--resend", help="With --send: also those the send log says already got it."),
    ] = False,
    remind: Annotated[
        bool,
        typer.Option(
            "--remind",
            help="With -f eml: drafts only to the members who have not replied "
            "(out/SESSION/mail-remind/).",
        ),
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """The invitation (Einladung): document, calendar entry (ics), e-mail drafts (eml), sending.

    md, html, pdf: letterhead, date, place, agenda with times, open tasks. ics: the calendar
    invitation with every invited person. eml: one e-mail draft per person (out/SESSION/mail/).
    --send: send by SMTP, recorded in .kogsro/sent.json so nobody gets it twice.
    """
    from kogsro.cli import mailing

    if remind and (send or (fmt or "eml") != "eml"):
        from kogsro.errors import UsageError

        raise UsageError("--remind writes e-mail drafts", hint="use it with -f eml")
    if send:
        ws, target = workspace_and_session(ctx, session)
        mailing.period_notice(ws, target)
        mailing.send_and_report(
            ws,
            target,
            lang=check_lang(lang) or ws.config.language,
            bcc=bcc,
            attach_pdf=attach_pdf,
            yes=yes,
            resend=resend,
            json_=json_,
        )
        return
    fmt = choose_format(fmt, output, INVITE_FORMATS, "pdf")
    no_json_on_stdout(json_, output)
    if fmt in DOCUMENT_FORMATS:
        _session_document(ctx, "invitation", session, fmt, output, lang, public, force, json_)
        return
    ws, target = workspace_and_session(ctx, session)
    chosen = check_lang(lang) or ws.config.language
    mailing.period_notice(ws, target)
    if fmt == "ics":
        paths = mailing.write_ics(
            ws, target, output, lang=chosen, public=public, force=force, announce=not json_
        )
    else:
        paths = mailing.write_eml(
            ws,
            target,
            output,
            lang=chosen,
            bcc=bcc,
            attach_pdf=attach_pdf,
            force=force,
            announce=not json_,
            remind=remind,
        )
    if json_:
        from kogsro.cli.output import print_json

        print_json({"format": fmt, "written": [ws.display(path) for path in paths]})


@app.command()
def minutes(
    ctx: typer.Context,
    session: SessionArg,
    fmt: Annotated[str | None, _format_option(DOCUMENT_FORMATS, "pdf")] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
    public: PublicOpt = False,
    force: ForceOpt = False,
    circulate: Annotated[
        bool,
        typer.Option(
            "--circulate",
            help="E-mail drafts to all members with the draft minutes (PDF) and the deadline "
            "for objections (out/SESSION/circulation/, or -o DIR); records the date.",
        ),
    ] = False,
    bcc: Annotated[
        bool, typer.Option("--bcc", help="--circulate: one message to all, in Bcc.")
    ] = False,
    send: Annotated[
        bool,
        typer.Option("--send", help="--circulate by SMTP; without --yes a dry run."),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --send: really send.")] = False,
    resend: Annotated[
        bool,
        typer.Option("--resend", help="With --send: also those the send log says already got it."),
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """The minutes (Ergebnisprotokoll): attendance, quorum, notes, decisions and actions.

    --circulate: send the draft minutes to the members for objections (drafts, or --send).
    """
    if circulate or send:
        from kogsro.cli import mailing

        ws = load(ctx)
        mailing.circulate(
            ws,
            ws.session(session),
            output,
            lang=check_lang(lang) or ws.config.language,
            bcc=bcc,
            send=send,
            yes=yes,
            resend=resend,
            force=force,
            json_=json_,
        )
        return
    fmt = choose_format(fmt, output, DOCUMENT_FORMATS, "pdf")
    _session_document(ctx, "minutes", session, fmt, output, lang, public, force)


@app.command()
def attendance(
    ctx: typer.Context,
    session: SessionArg,
    fmt: Annotated[str | None, _format_option(DOCUMENT_FORMATS, "pdf")] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """The sign-in sheet (Anwesenheitsliste): members and guests with a column to sign."""
    fmt = choose_format(fmt, output, DOCUMENT_FORMATS, "pdf")
    _session_document(ctx, "attendance", session, fmt, output, lang, False, force)


@app.command()
def build(
    ctx: typer.Context,
    lang: LangOpt = None,
    public: PublicOpt = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Documents rendered at the same time.")
    ] = 2,
    json_: JsonOpt = False,
) -> None:
    """Render every document of every session into the output folder (out/), and freeze
    approved minutes in archive/ (as `kogsro archive`)."""
    from kogsro import api
    from kogsro.cli.output import err_console, print_json
    from kogsro.documents.build import failure_summary, plan_build, run_build

    ws = load(ctx)
    planned = plan_build(ws, lang=check_lang(lang), public=public)
    archived = api.archive_minutes(ws)
    failed = []
    events = run_build(ws, planned, workers=jobs)
    if json_:
        results: list[dict[str, object]] = [
            {"path": str(path), "label": ws.display(path), "error": None}
            for entry in archived
            for path in entry.files
        ]
        for event in events:
            results.append(
                {"path": str(event.job.output), "label": event.job.label, "error": event.error}
            )
            if not event.ok:
                failed.append(event)
        print_json(sorted(results, key=lambda r: str(r["label"])))
    else:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        columns = (TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=err_console(), transient=True) as bar:
            task = bar.add_task("rendering", total=len(planned))
            for event in events:
                bar.update(task, advance=1, description=event.job.label)
                if not event.ok:
                    failed.append(event)
                    bar.console.print(f"failed: {event.job.label}: {event.error}", markup=False)
        written = len(planned) - len(failed)
        typer.echo(
            f"wrote {written} file{'s' if written != 1 else ''} to {ws.display(ws.out_dir)}/"
        )
        _print_archived(ws, archived)
    if failed:
        raise failure_summary(failed)


def _print_archived(ws: Workspace, archived: list[Archived]) -> None:
    for entry in archived:
        what = "approved minutes" if entry.version == 0 else f"correction {entry.version}"
        typer.echo(f"archived {ws.display(entry.folder)}/ ({entry.session}, {what})")


@app.command()
def archive(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """Freeze approved minutes in archive/SESSION/ (PDF, Markdown, manifest); never overwritten.

    A correction recorded later (corrections: in the session file) is archived beside them.
    """
    from kogsro import api
    from kogsro.cli.output import print_json

    ws = load(ctx)
    archived = api.archive_minutes(ws)
    if json_:
        print_json([entry.as_dict() for entry in archived])
        return
    _print_archived(ws, archived)
    if not archived:
        typer.echo("nothing to archive: every approved minutes is archived")


templates_app = typer.Typer(
    name="templates",
    help="See the templates and copy one into the workspace to change it.",
    no_args_is_help=True,
)
app.add_typer(templates_app)


def _maybe_workspace(ctx: typer.Context) -> Workspace | None:
    from kogsro.errors import WorkspaceNotFound

    try:
        return load(ctx)
    except WorkspaceNotFound:
        return None


@templates_app.command("list")
def templates_list(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """Each template with where it comes from: the workspace or kogsro's built-ins."""
    from kogsro.cli.output import console, print_json
    from kogsro.documents.render import list_templates

    infos = list_templates(_maybe_workspace(ctx))
    if json_:
        print_json([info.as_dict() for info in infos])
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    table.add_column("template")
    table.add_column("from")
    table.add_column("path", overflow="fold")
    for info in infos:
        origin = info.origin
        if info.overrides:
            origin += " (overrides built-in)"
        elif info.overridden:
            origin += " (overridden)"
        table.add_row(info.name, origin, str(info.path), style="dim" if info.overridden else None)
    console().print(table)


@templates_app.command("copy")
def templates_copy(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(
            help="Template names, e.g. minutes.typ.j2 or base.html.j2.",
            autocompletion=completion.template_names,
        ),
    ],
    force: ForceOpt = False,
) -> None:
    """Copy built-in templates into the workspace's templates/ folder, to edit them there."""
    from kogsro.documents.render import copy_template

    ws = load(ctx)
    for name in names:
        target = copy_template(ws, name, force=force)
        typer.echo(f"created {ws.display(target)}")
