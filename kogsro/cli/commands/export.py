"""export: the workspace for other systems (OParl)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kogsro.cli import app
from kogsro.cli.common import ForceOpt, JsonOpt, LangOpt, OutputOpt, check_lang, load

export_app = typer.Typer(
    name="export",
    help="Export the workspace for other systems.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app, name="export")


@export_app.command()
def oparl(
    ctx: typer.Context,
    output: OutputOpt = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="<url>",
            help="The URL the export will be served from; every id is a URL below it "
            "(default: https://example.org/oparl/v1.1).",
            show_default=False,
        ),
    ] = None,
    public: Annotated[
        bool,
        typer.Option(
            "--public/--internal",
            help="Public: without non-public items, e-mail addresses, phone numbers and online "
            "links. Internal: everything.",
        ),
    ] = True,
    lang: LangOpt = None,
    force: ForceOpt = False,
    json_: JsonOpt = False,
) -> None:
    """The workspace as OParl 1.1 JSON: a static OParl API in a folder (default: out/oparl/,
    out/oparl-internal/ with --internal), or one JSON document with -o -."""
    from kogsro.cli.output import print_json
    from kogsro.documents.oparl import export, export_attachments, write_export
    from kogsro.formats.oparl import DEFAULT_BASE_URL, counts

    ws = load(ctx)
    base = base_url or DEFAULT_BASE_URL
    document = export(ws, base_url=base, public_only=public, lang=check_lang(lang))
    if output == Path("-"):
        print_json(document)
        return
    folder = output or ws.out_dir / ("oparl" if public else "oparl-internal")
    written = write_export(
        document,
        folder,
        base_url=base,
        out_dir=ws.out_dir,
        force=force,
        attachments=export_attachments(ws, public_only=public),
        protected=ws.protected,
    )
    objects = counts(document)
    if json_:
        print_json(
            {
                "output": str(folder),
                "public": public,
                "files": len(written.files),
                "removed": len(written.removed),
                "objects": objects,
            }
        )
        return
    removed = f", removed {len(written.removed)} outdated" if written.removed else ""
    shown = ", ".join(
        _count(objects[name], word)
        for name, word in [
            ("meetings", "meeting"),
            ("agendaitems", "agenda item"),
            ("persons", "person"),
            ("organizations", "organization"),
        ]
    )
    kind = "public" if public else "internal"
    typer.echo(
        f"wrote {len(written.files)} files to {ws.display(folder)}{removed} ({kind}: {shown})"
    )


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
