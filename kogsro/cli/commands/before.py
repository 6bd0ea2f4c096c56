"""Before the session: pack (the Sitzungsmappe)."""

from __future__ import annotations

import typer

from kogsro.cli import app
from kogsro.cli.commands.documents import PublicOpt
from kogsro.cli.common import ForceOpt, LangOpt, OutputOpt, SessionArg, check_lang, load


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
