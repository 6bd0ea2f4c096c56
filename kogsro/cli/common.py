"""Options used by several commands, defined once, and access to the workspace."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kogsro.cli import completion

if TYPE_CHECKING:
    from kogsro.workspace.loader import Workspace
    from kogsro.workspace.model import Session

JsonOpt = Annotated[bool, typer.Option("--json", help="Print the data as JSON.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite existing files.")]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Where to write ('-' for standard output).", show_default=False
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the document: de or en (default: the workspace's).",
        show_default=False,
    ),
]
SessionArg = Annotated[
    str,
    typer.Argument(
        help="A session id (2022-06-14), a session file, 'next' or 'last'.",
        autocompletion=completion.session_ids,
    ),
]


def workspace_root(ctx: typer.Context) -> Path:
    from kogsro.workspace.locate import find_root

    obj = ctx.find_root().obj or {}
    return find_root(explicit=obj.get("workspace"))


def load(ctx: typer.Context) -> Workspace:
    """The whole workspace, checked; every problem raises one InputError (exit 2)."""
    from kogsro.workspace.loader import load_workspace

    return load_workspace(workspace_root(ctx))


def lenient_workspace(ctx: typer.Context, *, quiet: bool = False) -> Workspace:
    """The workspace with every valid session; files with problems are left out, each with a
    warning unless ``quiet`` (kogsro.yaml and attendees.yaml must be valid)."""
    from kogsro.workspace.loader import load_lenient as load_valid

    ws = load_valid(workspace_root(ctx))
    if not quiet:
        warn_set_aside(ws)
    return ws


def warn_set_aside(ws: Workspace) -> None:
    from kogsro.cli.output import warn
    from kogsro.workspace.loader import set_aside_notes

    for note in set_aside_notes(ws):
        warn(note)


def workspace_and_session(ctx: typer.Context, ref: str) -> tuple[Workspace, Session]:
    """The workspace and the session ``ref`` names: that session and the ones before it must
    be valid; a later file with problems is left out with a warning."""
    from kogsro.cli.output import warn
    from kogsro.workspace.loader import load_for_session

    ws, session, notes = load_for_session(workspace_root(ctx), ref)
    for note in notes:
        warn(note)
    return ws, session


def whole(ws: Workspace) -> Workspace:
    """The workspace, when no session file was left out: a file written from the whole
    workspace must not quietly miss a session."""
    from kogsro.errors import InputError

    if ws.set_aside:
        raise InputError([p for problems in ws.set_aside.values() for p in problems])
    return ws


def check_lang(lang: str | None) -> str | None:
    from kogsro.errors import UsageError
    from kogsro.i18n import LANGUAGES

    if lang is not None and lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}", hint="use --lang de or --lang en")
    return lang


def parse_day(value: str | None, option: str) -> date | None:
    """A date option: YYYY-MM-DD or ``today``."""
    from kogsro.clock import today
    from kogsro.errors import UsageError

    if value is None:
        return None
    if value.strip().lower() == "today":
        return today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"{option}: invalid date {value!r}", hint="write it as YYYY-MM-DD or 'today'"
        ) from None


def write_result(
    ws: Workspace,
    data: bytes,
    output: Path | None,
    *,
    default: Path,
    force: bool = False,
    announce: bool = True,
) -> Path | None:
    """Write a rendered file to ``output`` ('-': standard output) or to ``default`` in out/.

    Files in the workspace's output folder are replaced; any other existing file only with
    --force. Binary data (a PDF) goes to standard output only when that is not a terminal.
    Returns the path written, or None for standard output.
    """
    return write_to(
        data,
        output,
        default=default,
        root=ws.root,
        out_dir=ws.out_dir,
        force=force,
        announce=announce,
        protected=ws.protected,
    )


def write_to(
    data: bytes,
    output: Path | None,
    *,
    default: Path,
    root: Path,
    out_dir: Path,
    force: bool,
    announce: bool = True,
    protected: tuple[Path, ...] = (),
) -> Path | None:
    """:func:`write_result` for a workspace that has not been loaded (only its folders known)."""
    import sys

    from kogsro.cli.output import msg, write_bytes_to_stdout
    from kogsro.errors import UsageError
    from kogsro.fsio import write_output
    from kogsro.workspace.locate import display_path

    if output is not None and str(output) == "-":
        if _is_binary(data) and sys.stdout.isatty():
            raise UsageError(
                "not writing a PDF to the terminal",
                hint="redirect standard output to a file or pipe, or pass -o FILE",
            )
        write_bytes_to_stdout(data)
        return None
    target = output if output is not None else default
    missing = _first_missing_folder(target)
    write_output(target, data, out_dir=out_dir, force=force, protected=protected)
    if missing is not None and output is not None:  # folders in out/ are kogsro's own
        typer.echo(msg("created_folder", path=display_path(missing, root)), err=True)
    if announce:
        typer.echo(msg("wrote", path=display_path(target, root)))
    return target


def _first_missing_folder(path: Path) -> Path | None:
    """The outermost folder above ``path`` that does not exist yet (writing will create it)."""
    missing = None
    for parent in path.absolute().parents:
        if parent.exists():
            break
        missing = parent
    return missing


def _is_binary(data: bytes) -> bool:
    return data.startswith(b"%PDF")


def no_json_on_stdout(json_: bool, output: Path | None) -> None:
    """``--json`` and ``-o -`` cannot share standard output."""
    from kogsro.errors import UsageError

    if json_ and output is not None and str(output) == "-":
        raise UsageError(
            "--json and -o - both want standard output",
            hint="leave out --json to get the file, or -o - to get what was written as JSON",
        )
