"""init, check, show, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kogsro.cli import EXIT_BAD_INPUT, app
from kogsro.cli.common import JsonOpt, LangOpt, SessionArg, check_lang, workspace_and_session


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder of the new workspace.")] = Path(),
    example: Annotated[
        bool,
        typer.Option("--example", help="Also copy the example session of 14 June 2022."),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Overwrite kogsro.yaml and attendees.yaml (never session files)."
        ),
    ] = False,
    ci: Annotated[
        str | None,
        typer.Option(
            "--ci",
            metavar="gitlab|github",
            help="Also write a pipeline that checks the workspace and publishes its website "
            "(GitLab Pages or GitHub Pages).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Create a workspace: the body and the roster of the 12 districts and the Senate department,
    JSON Schemas for editors, a pre-commit hook and a .gitignore."""
    from kogsro.workspace.scaffold import init_workspace
    from kogsro.workspace.tooling import check_ci

    written = init_workspace(directory, force=force, example=example, ci=check_ci(ci))
    for path in written:
        typer.echo(f"created {path}")
    first = "show 2022-06-14" if example else "new"
    typer.echo(f"workspace ready in {directory}; next: `kogsro -w {directory} {first}`")


@app.command()
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Session files to check (default: the whole workspace).", show_default=False
        ),
    ] = None,
    json_: JsonOpt = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too, not only on errors.")
    ] = False,
) -> None:
    """Validate the workspace: every problem as file:line:col: message; exit 0 or 2.

    Errors always fail; warnings (something implausible, such as a chair not present) are
    printed and fail only with --strict.
    """
    from kogsro.api import check_fails, check_workspace
    from kogsro.cli.common import workspace_root
    from kogsro.cli.output import msg, print_json, print_problems

    problems, counted = check_workspace(workspace_root(ctx), paths or None)
    if json_:
        print_json([p.as_dict() for p in problems])
    else:
        print_problems(problems)
    warnings = sum(p.severity == "warning" for p in problems)
    errors = len(problems) - warnings
    if check_fails(problems, strict=strict):
        if not json_:
            if not warnings:
                found = msg("problem") if errors == 1 else msg("problems", count=errors)
                typer.echo(found, err=True)
            else:
                counts = _counted(errors, "error") + ", " + _counted(warnings, "warning")
                typer.echo(f"{counts} found" + (" (--strict)" if not errors else ""), err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    if not json_:
        checked = _counted(counted, "file")
        if warnings:
            typer.echo(f"ok: {checked} checked, no errors, {_counted(warnings, 'warning')}")
        elif counted == 1:
            typer.echo(f"ok: {checked} checked, no problems")
        else:
            typer.echo(msg("checked", count=counted))


def _counted(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


@app.command()
def show(
    ctx: typer.Context, session: SessionArg, json_: JsonOpt = False, lang: LangOpt = None
) -> None:
    """The agenda of a session with its time plan."""
    from kogsro.cli.output import print_json, warn
    from kogsro.documents.presentation import session_summary

    ws, target = workspace_and_session(ctx, session)
    summary = session_summary(ws, target, check_lang(lang))
    if json_:
        print_json(summary)
        return
    from kogsro.cli.render_terminal import print_session

    print_session(summary, lang or ws.config.language, ws.config.item_prefix(lang))
    for message in summary["warnings"]:
        warn(message)


@app.command()
def schema(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="Which file: session, roster or config.")] = "session",
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Write (refresh) every schema into the workspace's .kogsro/schema/, where the "
            "first line of its files points editors.",
        ),
    ] = False,
) -> None:
    """The JSON Schema of a YAML file, for editors (hover help, completion, checks)."""
    from kogsro.cli.output import print_json

    if write:
        from kogsro.api import write_schemas
        from kogsro.cli.common import workspace_root

        root = workspace_root(ctx)
        for path in write_schemas(root):
            typer.echo(f"wrote {display(path, root)}")
        return
    from kogsro.workspace.schema import json_schema

    print_json(json_schema(kind))


def display(path: Path, root: Path) -> str:
    from kogsro.workspace.locate import display_path

    return display_path(path, root)
