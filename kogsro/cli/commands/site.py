"""site: the workspace as a static website."""

from __future__ import annotations

from typing import Annotated

import typer

from kogsro.cli import app
from kogsro.cli.common import ForceOpt, JsonOpt, LangOpt, OutputOpt, check_lang, load


@app.command()
def site(
    ctx: typer.Context,
    output: OutputOpt = None,
    internal: Annotated[
        bool,
        typer.Option(
            "--internal",
            help="An intranet copy with everything: non-public items, e-mail addresses, phone "
            "numbers and online links (default: public, without them).",
        ),
    ] = False,
    lang: LangOpt = None,
    force: ForceOpt = False,
    json_: JsonOpt = False,
) -> None:
    """A static website of the workspace: start page, years, sessions, decisions, tasks,
    calendar (default: out/site/, out/site-internal/ with --internal)."""
    from kogsro.api import build_site
    from kogsro.cli.output import print_json

    ws = load(ctx)
    result = build_site(ws, output=output, public=not internal, lang=check_lang(lang), force=force)
    if json_:
        print_json(result.as_dict())
        return
    total = len(result.written) + len(result.unchanged)
    kind = "internal" if internal else "public"
    removed = f", removed {len(result.removed)} outdated" if result.removed else ""
    typer.echo(
        f"wrote {len(result.written)} of {total} files to {ws.display(result.folder)} "
        f"({kind}; {result.compiled} PDF{'' if result.compiled == 1 else 's'} compiled, "
        f"{result.reused} unchanged{removed})"
    )
