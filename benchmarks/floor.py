"""The floor of a fresh render: what producing a document costs at the least.

    python benchmarks/floor.py WORKSPACE SESSION TEMPLATE md|pdf

Imports only typer, yaml and jinja2 (and typst for a PDF), like the command it stands for:
builds a one-command Typer application, parses the workspace's YAML files (``kogsro.yaml``,
``attendees.yaml`` and every session of ``agendas/``) with PyYAML's C loader, renders
TEMPLATE with Jinja and, for a PDF, compiles the result with Typst. :mod:`fresh` hands it, as
TEMPLATE, the text kogsro's own template produced for the same session (Markdown or Typst
source), so the floor writes the same bytes as ``kogsro minutes SESSION -f md|pdf -o -``;
what kogsro costs beyond it is its own work: validating, the data model, the projections for
the template, the template's logic and the interpreter's shutdown.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False)


@app.command()
def render(
    workspace: Path,
    session: str,
    template: Path,
    fmt: Annotated[str, typer.Argument()] = "md",
    epoch: Annotated[int, typer.Option("--epoch")] = 0,
) -> None:
    import jinja2
    import yaml

    data = [
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        for path in [
            workspace / "kogsro.yaml",
            workspace / "attendees.yaml",
            *sorted((workspace / "agendas").glob("*.yaml")),
        ]
    ]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template.parent)),
        autoescape=False,
        keep_trailing_newline=True,
    )
    text = env.get_template(template.name).render(session=session, data=data)
    if fmt == "pdf":
        import typst

        out = typst.compile(
            text.encode("utf-8"),
            ignore_system_fonts=True,
            format="pdf",
            pdf_standards=["a-2b", "ua-1"],
            timestamp=epoch,
        )
        sys.stdout.buffer.write(out)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    app()
