"""The documents of a session: invitation, minutes and sign-in sheet, in every format.

One function renders any of them: :func:`render_document` picks the template
``<kind>.<flavour>.j2`` (``minutes.typ.j2`` for a PDF of the minutes), fills it with the
context of :mod:`kogsro.documents.context` and turns the text into the bytes of the format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from kogsro.documents.context import Kind, document_context, document_name, document_title
from kogsro.documents.render import (
    EXTENSIONS,
    FORMATS,
    TEMPLATE_SUFFIX,
    assets_dir,
    render_template,
    template_origin,
    to_output,
)
from kogsro.errors import UsageError
from kogsro.i18n import LANGUAGES
from kogsro.ledger.lifecycle import is_held
from kogsro.workspace.loader import Workspace
from kogsro.workspace.model import Session

DocumentFormat = Literal["md", "html", "pdf", "txt"]
DOCUMENT_FORMATS: tuple[str, ...] = ("md", "html", "pdf")
"""The formats every document has a built-in template for."""


def template_name(kind: str, fmt: str) -> str:
    """``minutes`` as ``pdf`` -> ``minutes.typ.j2``."""
    return f"{kind}.{FORMATS[fmt]}{TEMPLATE_SUFFIX}"


def render_document(
    ws: Workspace,
    session: Session,
    kind: Kind,
    fmt: DocumentFormat,
    *,
    lang: str | None = None,
    public: bool = False,
    audience: str | None = None,
) -> bytes:
    """The bytes of one document of ``session``; ``lang`` defaults to the workspace's.
    ``audience``: the key of a guest an invitation is for (their own version)."""
    lang = lang or ws.config.language
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}", hint="use de or en")
    if fmt not in FORMATS:
        raise UsageError(
            f"unknown format {fmt!r}", hint="choose one of: " + ", ".join(DOCUMENT_FORMATS)
        )
    name = template_name(document_name(session, kind), fmt)
    context = document_context(ws, session, kind, lang=lang, public=public, audience=audience)
    text = render_template(ws, name, context, flavour=FORMATS[fmt])
    return to_output(
        text,
        fmt,
        title=document_title(ws, session, kind, lang=lang, public=public),
        lang=lang,
        assets=assets_dir(ws),
        source_name=template_origin(ws, name),
    )


def default_output_path(
    ws: Workspace, session: Session, kind: str, fmt: str, lang: str, *, public: bool = False
) -> Path:
    """``out/<session>/<kind>[.<lang>][.public].<ext>``; the language only when it is not the
    workspace's own. The invitation of a cancelled or postponed session is its letter:
    ``cancellation.pdf``, ``postponement.pdf``."""
    parts = [document_name(session, kind)]
    if lang != ws.config.language:
        parts.append(lang)
    if public:
        parts.append("public")
    parts.append(EXTENSIONS.get(fmt, fmt))
    return ws.out_dir / session.id / ".".join(parts)


def document_warnings(ws: Workspace, session: Session, kind: str) -> list[str]:
    """What the command says besides writing the document."""
    if kind == "minutes" and not is_held(session):
        return [f"session {session.id} has no attendance or outcomes recorded yet"]
    if kind == "invitation":
        from kogsro.clock import today
        from kogsro.schedule.deadlines import invitation_notice

        day = today()  # the invitation of a past session is a record: no warning then
        notice = invitation_notice(ws, session, day) if session.date >= day else None
        return [notice] if notice else []
    return []
