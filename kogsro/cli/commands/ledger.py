"""decisions, actions: the decision log and the task list across all sessions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kogsro.cli import EXIT_FAILED, app, completion
from kogsro.cli.common import (
    ForceOpt,
    JsonOpt,
    LangOpt,
    OutputOpt,
    check_lang,
    lenient_workspace,
    parse_day,
    warn_set_aside,
    whole,
)

if TYPE_CHECKING:
    from kogsro.documents.ledger_docs import LedgerKind
    from kogsro.workspace.loader import Workspace

FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="table|json|csv|md|html|pdf",
        autocompletion=completion.choices(("table", "json", "csv", "md", "html", "pdf")),
        help="table: in the terminal; json: printed (or written with -o); csv, md, html, pdf: "
        "written to out/ (or to -o PATH, '-' for standard output).",
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="YYYY-MM-DD",
        help="Only sessions on or after this date ('today' works too).",
        show_default=False,
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="YYYY-MM-DD",
        help="Only sessions on or before this date.",
        show_default=False,
    ),
]
SearchOpt = Annotated[
    str | None,
    typer.Option(
        "--search",
        metavar="TEXT",
        help="Only entries whose id, TOP title, text or notes contain every word of TEXT "
        "(in any case).",
        show_default=False,
    ),
]
PublicOpt = Annotated[
    bool,
    typer.Option("--public", help="Leave out entries of non-public items, for publishing."),
]
DelimiterOpt = Annotated[
    str,
    typer.Option(
        "--delimiter",
        metavar=",|;|tab",
        help="Between the cells of a CSV file; ';' suits spreadsheets set to German.",
    ),
]


@app.command()
def decisions(
    ctx: typer.Context,
    since: SinceOpt = None,
    until: UntilOpt = None,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            metavar="ORG",
            help="Only sessions hosted by ORG.",
            show_default=False,
            autocompletion=completion.organisations,
        ),
    ] = None,
    search: SearchOpt = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="valid|amended|revoked",
            help="Only decisions with this status after all updates; repeatable.",
            show_default=False,
        ),
    ] = None,
    public: PublicOpt = False,
    format_: FormatOpt = "table",
    json_: JsonOpt = False,
    output: OutputOpt = None,
    delimiter: DelimiterOpt = ",",
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """The decision log (Beschlussübersicht) across all sessions, with later amendments and
    revocations folded in."""
    from kogsro.documents.ledger_docs import (
        DecisionQuery,
        decision_log,
        decision_rows,
        decisions_file,
    )

    ws = lenient_workspace(ctx, quiet=True)
    how = _Output(format_, json_, output, delimiter, lang, force, public)
    fmt, language = _format(ws, how)
    if fmt not in ("table", "json") or output is not None:
        whole(ws)  # a file of the whole log: every session must be there
    warn_set_aside(ws)
    query = DecisionQuery(
        since=parse_day(since, "--since"),
        until=parse_day(until, "--until"),
        host=host,
        search=search,
        statuses=tuple(status or ()),
        public=public,
    )
    entries = decision_log(ws, query)
    if fmt == "table":
        from kogsro.cli.render_ledger import print_decisions

        rows = decision_rows(ws, entries, public=public, lang=language)
        print_decisions(rows, language, ws.config.item_prefix(language))
        return
    data = decisions_file(ws, entries, query, fmt, lang=language, delimiter=how.delimiter)
    _write(ws, "decisions", fmt, data, how, language)


@app.command()
def actions(
    ctx: typer.Context,
    open_: Annotated[
        bool, typer.Option("--open", help="Only open tasks (not done, not dropped).")
    ] = False,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="ID",
            help="Only tasks of this person, or of this organisation and its people.",
            show_default=False,
            autocompletion=completion.people_and_organisations,
        ),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only open tasks due before the --as-of day.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="The day against which tasks count as overdue (default: today).",
            show_default=False,
        ),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    search: SearchOpt = None,
    public: PublicOpt = False,
    fail_on_overdue: Annotated[
        bool,
        typer.Option(
            "--fail-on-overdue",
            help="Exit with status 1 when a listed task is overdue (for scripts and CI).",
        ),
    ] = False,
    format_: FormatOpt = "table",
    json_: JsonOpt = False,
    output: OutputOpt = None,
    delimiter: DelimiterOpt = ",",
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """The task list across all sessions: who promised what, by when, and whether it is done,
    with the updates of later sessions folded in."""
    from kogsro.cli.output import warn
    from kogsro.clock import today
    from kogsro.documents.ledger_docs import ActionQuery, action_rows, actions_file, task_list

    ws = lenient_workspace(ctx, quiet=True)
    how = _Output(format_, json_, output, delimiter, lang, force, public)
    fmt, language = _format(ws, how)
    if fmt not in ("table", "json") or output is not None:
        whole(ws)  # a file of the whole log: every session must be there
    warn_set_aside(ws)
    day = parse_day(as_of, "--as-of") or today()
    query = ActionQuery(
        as_of=day,
        open_only=open_,
        owner=owner,
        overdue=overdue,
        since=parse_day(since, "--since"),
        until=parse_day(until, "--until"),
        search=search,
        public=public,
    )
    entries = task_list(ws, query)
    if fmt == "table":
        from kogsro.cli.render_ledger import print_actions
        from kogsro.i18n import format_date

        rows = action_rows(ws, entries, day, public=public, lang=language)
        print_actions(
            rows, language, ws.config.item_prefix(language), format_date(day, language, "long")
        )
    else:
        data = actions_file(ws, entries, query, fmt, lang=language, delimiter=how.delimiter)
        _write(ws, "actions", fmt, data, how, language)
    late = sum(1 for entry in entries if entry.is_overdue(day))
    if fail_on_overdue and late:
        warn(f"{late} overdue task{'s' if late != 1 else ''} as of {day.isoformat()}")
        raise typer.Exit(EXIT_FAILED)


@dataclass(frozen=True)
class _Output:
    """How the rows are shown: the output options both commands share."""

    fmt: str
    json: bool
    path: Path | None
    delimiter: str
    lang: str | None
    force: bool
    public: bool


def _format(ws: Workspace, how: _Output) -> tuple[str, str]:
    """The format asked for and the language, refusing combinations that make no sense."""
    from kogsro.documents.ledger_docs import check_delimiter, check_format
    from kogsro.errors import UsageError

    fmt = check_format(how.fmt)
    if how.json and fmt not in ("table", "json"):
        raise UsageError(f"--json and --format {fmt} ask for two formats", hint="choose one")
    fmt = "json" if how.json else fmt
    if fmt == "table" and how.path is not None:
        raise UsageError(
            "--output needs a file format", hint="add --format csv, json, md, html or pdf"
        )
    check_delimiter(how.delimiter)
    return fmt, check_lang(how.lang) or ws.config.language


def _write(ws: Workspace, kind: LedgerKind, fmt: str, data: bytes, how: _Output, lang: str) -> None:
    """Print JSON (or anything with -o -), else write the file: out/<kind>.<ext> by default."""
    from kogsro.cli.common import write_result
    from kogsro.cli.output import write_bytes_to_stdout
    from kogsro.documents.ledger_docs import default_path

    if how.path is None and fmt == "json":
        write_bytes_to_stdout(data)
        return
    default = default_path(ws, kind, fmt, lang=lang, public=how.public)
    write_result(ws, data, how.path, default=default, force=how.force)
