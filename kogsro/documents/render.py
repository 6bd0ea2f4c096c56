"""Rendering: Jinja environments, the template search path and one escape rule per format.

Templates are named ``<name>.<flavour>.j2`` (``minutes.md.j2``, ``minutes.typ.j2``) and looked
up in one ordered search path: the workspace's own ``templates/`` first, then the built-in
templates shipped with kogsro. A workspace restyles a document by putting a file of the same
name into its ``templates/`` (``kogsro templates copy NAME``).

Every template runs in Jinja's immutable sandbox with :class:`~jinja2.StrictUndefined`, and
every value it interpolates is escaped for the template's flavour by the environment
(:data:`kogsro.formats.escape.ESCAPERS`), so no template can forget: ``{{ title }}`` is HTML-escaped
in ``.html.j2``, backslash-escaped for CommonMark in ``.md.j2`` and for Typst markup in
``.typ.j2``. Only ``|safe`` marks a value as trusted markup. Jinja's own ways of building
markup (macros, ``~``, ``{% set %}`` blocks, ``|join``, ``|replace``, ``|e``) escape with the
flavour's rule too, never with HTML's in a non-HTML template.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.bccache
from jinja2 import pass_eval_context
from jinja2.filters import make_attrgetter
from jinja2.nodes import EvalContext
from jinja2.runtime import Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, soft_str

from kogsro.documents.cache import builtin_templates
from kogsro.errors import KogsroError, TemplateError
from kogsro.formats.escape import ESCAPERS, typst_str
from kogsro.i18n import InLanguage
from kogsro.records import record
from kogsro.workspace.locate import display_path

if TYPE_CHECKING:
    from kogsro.workspace.loader import Workspace

FORMATS = {"md": "md", "html": "html", "pdf": "typ", "txt": "txt", "yaml": "yaml", "csv": "csv"}
"""Output format -> template flavour."""

EXTENSIONS = {"md": "md", "html": "html", "pdf": "pdf", "txt": "txt", "yaml": "yaml", "csv": "csv"}
"""Output format -> file name extension."""

TEMPLATE_SUFFIX = ".j2"
LITERAL_WHITESPACE = frozenset({"yaml", "csv", "txt"})
"""Flavours whose templates keep every space and line break as written (Jinja's defaults:
indentation is meaning there); document flavours drop the line of a block tag."""
ASSETS_DIR = "assets"
SITE_DIR = "site"
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def builtin_templates_dir() -> Path:
    """The templates shipped with kogsro: inside the wheel, or the source checkout's."""
    return builtin_templates()


def template_dirs(ws: Workspace | None) -> list[Path]:
    """The search path: the workspace's ``templates/`` first, then the built-in templates."""
    builtin = builtin_templates_dir()
    dirs = []
    if ws is not None and ws.templates_dir.resolve() != builtin.resolve():
        dirs.append(ws.templates_dir)
    dirs.append(builtin)
    return dirs


def assets_dir(ws: Workspace | None) -> Path | None:
    """The Typst compile root: the first ``assets/`` folder on the search path, if any.

    It holds only what templates may read (images, fonts, Typst includes): nothing else of
    the workspace is reachable from a template.
    """
    for folder in template_dirs(ws):
        if (folder / ASSETS_DIR).is_dir():
            return folder / ASSETS_DIR
    return None


# --- escaping --------------------------------------------------------------------------------


def escaper(flavour: str) -> Callable[[Any], Markup]:
    try:
        return ESCAPERS[flavour]
    except KeyError:
        raise TemplateError(
            f"no escaping rule for templates of flavour {flavour!r}",
            hint="choose one of: " + ", ".join(sorted(ESCAPERS)),
        ) from None


def _markup_class(flavour: str) -> type[Markup]:
    """A :class:`Markup` whose operations (``+``, ``%``, ``join``) escape by the flavour."""
    escape = escaper(flavour)
    if flavour == "html":
        return Markup

    def flavour_escape(cls: type[Markup], value: Any, /) -> Markup:
        if isinstance(value, cls):
            return value
        return cls(escape(value))

    return type(
        f"{flavour.capitalize()}Markup",
        (Markup,),
        {"__slots__": (), "escape": classmethod(flavour_escape)},
    )


def _template_class(markup: type[Markup]) -> type[jinja2.Template]:
    """A Template class whose compiled code builds markup with ``markup``, not HTML's."""

    def markup_join(seq: Iterable[Any]) -> str:
        items = [soft_str(item) for item in seq]
        if any(hasattr(item, "__html__") for item in items):
            return markup("").join(items)
        return "".join(items)

    class FlavourMacro(Macro):
        def _invoke(self, arguments: list[Any], autoescape: bool) -> str:
            value = super()._invoke(arguments, autoescape)
            return markup(value) if autoescape else value

    class FlavourTemplate(jinja2.Template):
        @classmethod
        def _from_namespace(
            cls,
            environment: jinja2.Environment,
            namespace: Any,
            globals: Any,
        ) -> jinja2.Template:
            # The compiled template looks these names up in its module namespace.
            namespace.update(
                Markup=markup, markup_join=markup_join, Macro=FlavourMacro, escape=markup.escape
            )
            return super()._from_namespace(environment, namespace, globals)

    return FlavourTemplate


def _filters(flavour: str, markup: type[Markup]) -> dict[str, Callable[..., Any]]:
    escape = escaper(flavour)

    def force_escape(value: Any) -> Markup:
        return markup(escape(str(value)))

    @pass_eval_context
    def join(
        eval_ctx: EvalContext, value: Iterable[Any], d: str = "", attribute: Any = None
    ) -> str:
        if attribute is not None:
            value = map(make_attrgetter(eval_ctx.environment, attribute), value)
        items = list(value)
        if hasattr(d, "__html__") or any(hasattr(item, "__html__") for item in items):
            return markup(d).join(items)
        return str(d).join(map(str, items))

    def replace(s: Any, old: Any, new: Any, count: int | None = None) -> str:
        count = -1 if count is None else count
        if any(hasattr(x, "__html__") for x in (s, old, new)):
            return markup.escape(s).replace(markup.escape(old), markup.escape(new), count)
        return str(s).replace(str(old), str(new), count)

    def fill(text: Any, **values: Any) -> Markup:
        """A fixed string's ``{placeholders}`` filled in: the text and plain values escaped,
        markup values (a ``{% set %}`` block, a macro's result) kept as they are."""
        result = markup("")
        for index, part in enumerate(_PLACEHOLDER.split(str(text))):
            result += values[part] if index % 2 else part
        return result

    filters: dict[str, Callable[..., Any]] = {
        "e": markup.escape,
        "escape": markup.escape,
        "forceescape": force_escape,
        "safe": markup,
        "join": join,
        "replace": replace,
        "typst_str": typst_str,
        "link": link_target,
        "fill": fill,
    }
    if flavour != "html":
        # Data turned into JSON is data like any other: escaped by the flavour's rule.
        filters["tojson"] = lambda value, indent=None: json.dumps(
            value, ensure_ascii=False, indent=indent, default=str
        )
    return filters


def mark_language(flavour: str, escaped: str, lang: str) -> str:
    """Escaped text marked as written in ``lang``: an HTML span with ``lang``, Typst's
    ``text(lang:)`` (the PDF's structure then carries ``/Lang``); other formats as they are.
    The ``;`` ends the Typst call, so that a following ``[`` or ``(`` stays text."""
    if flavour == "html":
        return f'<span lang="{lang}">{escaped}</span>'
    if flavour == "typ":
        return f'#text(lang: "{lang}")[{escaped}];'
    return escaped


def link_target(url: Any) -> str | None:
    """The URL if it may become a link (web, mail, phone), else None: never ``javascript:``."""
    text = "" if url is None else str(url).strip()
    return text if text.lower().startswith(LINK_SCHEMES) else None


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs; a cache that cannot be written is no error."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _template_cache() -> jinja2.BytecodeCache | None:
    """Jinja checks each cached template against its source; the folder is specific to this
    version of kogsro because the compiled code depends on the environment's settings."""
    from kogsro import __version__
    from kogsro.documents.cache import cache_dir

    folder = cache_dir() / f"templates-{__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TemplateCache(str(folder))


@lru_cache(maxsize=32)
def environment(flavour: str, dirs: tuple[Path, ...]) -> jinja2.Environment:
    """The sandboxed environment of one flavour over one search path (cached)."""
    markup = _markup_class(flavour)
    escape = escaper(flavour)

    @pass_eval_context  # taking the context also keeps Jinja from pre-escaping constants as HTML
    def finalize(eval_ctx: EvalContext, value: Any) -> Markup:
        if isinstance(value, markup):
            return value
        if isinstance(value, InLanguage):
            return markup(mark_language(flavour, escape(value), value.lang))
        return markup(escape(value))

    document = flavour not in LITERAL_WHITESPACE
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        trim_blocks=document,
        lstrip_blocks=document,
        keep_trailing_newline=True,
        auto_reload=True,
        extensions=["jinja2.ext.loopcontrols"],
        bytecode_cache=_template_cache(),
    )
    env.template_class = _template_class(markup)
    env.filters.update(_filters(flavour, markup))
    if flavour != "html":
        for name in ("urlize", "xmlattr"):  # they build HTML
            env.filters.pop(name, None)
        env.globals.pop("lipsum", None)
    return env


def render_template(
    ws: Workspace | None, name: str, context: Mapping[str, Any], *, flavour: str
) -> str:
    """Render the template ``name`` (e.g. ``minutes.md.j2``) with ``context``.

    Raises :class:`TemplateError` naming the template file and line when the template is
    missing, does not parse, or fails while rendering (an undefined name, a forbidden
    operation in the sandbox, ...).
    """
    dirs = tuple(template_dirs(ws))
    env = environment(flavour, dirs)
    _check_template_files(dirs, name)
    try:
        template = env.get_template(name)
        return template.render(context)
    except jinja2.TemplateNotFound as exc:
        missing = exc.name or name
        raise TemplateError(
            f"template {missing!r} not found in {', '.join(_show(d) for d in dirs)}",
            hint="see `kogsro templates list` for the templates there are",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        where = _show(Path(exc.filename)) if exc.filename else (exc.name or name)
        raise TemplateError(
            f"{where}:{exc.lineno}: {exc.message}", hint="fix the template's syntax"
        ) from None
    except KogsroError:
        raise
    except Exception as exc:  # anything a template does wrong while rendering
        place = _template_place(exc.__traceback__)
        if place is None:
            raise
        file, line = place
        raise TemplateError(
            f"{_show(Path(file))}:{line}: {_describe(exc)}", hint=_hint(exc)
        ) from None


def _check_template_files(dirs: tuple[Path, ...], name: str) -> None:
    """A template name that stands for something other than a readable file is an error, not a
    reason to fall back silently to the next folder of the search path."""
    for folder in dirs:
        path = folder / name
        try:
            if path.is_file():
                with path.open("rb"):
                    return
            if path.exists() or path.is_symlink():
                what = "a folder" if path.is_dir() else "not a file (or a broken link)"
                raise TemplateError(
                    f"{_show(path)}: is {what}, not a template",
                    hint=f"remove it, or put the template file {name} there",
                )
        except OSError as exc:
            raise TemplateError(
                f"{_show(path)}: cannot read the template: {exc.strerror or exc}",
                hint="check the permissions of the file and its folder",
            ) from None


def template_origin(ws: Workspace | None, name: str) -> str:
    """Where the template ``name`` comes from, for messages: the first file on the search path."""
    for folder in template_dirs(ws):
        if (folder / name).is_file():
            return _show(folder / name)
    return name


def _template_place(tb: TracebackType | None) -> tuple[str, int] | None:
    """The innermost template file and line of a traceback Jinja rewrote."""
    place = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX):
            place = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return place


def _describe(exc: BaseException) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"undefined: {exc.message}"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"not allowed in a template: {exc}"
    return f"{type(exc).__name__}: {exc}" if not isinstance(exc, jinja2.TemplateError) else str(exc)


def _hint(exc: BaseException) -> str | None:
    if isinstance(exc, jinja2.UndefinedError):
        return "check the name against the built-in template (`kogsro templates copy NAME`)"
    return None


def _show(path: Path) -> str:
    builtin = builtin_templates_dir()
    try:
        return f"<built-in>/{path.resolve().relative_to(builtin.resolve())}"
    except ValueError:
        return display_path(path)


# --- output ----------------------------------------------------------------------------------


def to_output(
    text: str,
    fmt: str,
    *,
    title: str,
    lang: str,
    assets: Path | None = None,
    source_name: str = "Typst source",
) -> bytes:
    """The bytes of a rendered document: PDF compiled from Typst markup, else UTF-8 text."""
    if fmt == "pdf":
        from kogsro.formats.pdf import compile_pdf

        return compile_pdf(text, assets=assets, title=title, lang=lang, source_name=source_name)
    if fmt == "md":
        from kogsro.formats.markdown import tidy_markdown

        text = tidy_markdown(text)
    return text.encode("utf-8")


# --- the templates there are -----------------------------------------------------------------


@record
class TemplateInfo:
    name: str  # relative to its templates folder, e.g. "minutes.typ.j2" or "assets/logo.png"
    path: Path
    origin: str  # "workspace" or "built-in"
    overrides: bool  # a workspace file that replaces a built-in one
    overridden: bool  # a built-in file a workspace file replaces

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": str(self.path),
            "origin": self.origin,
            "overrides": self.overrides,
            "overridden": self.overridden,
        }


def list_templates(ws: Workspace | None) -> list[TemplateInfo]:
    """Every template and asset on the search path, workspace files first within a name."""
    builtin = builtin_templates_dir()
    found: dict[str, list[tuple[str, Path]]] = {}
    for folder in template_dirs(ws):
        origin = "built-in" if folder == builtin else "workspace"
        for name, path in _files(folder):
            found.setdefault(name, []).append((origin, path))
    infos = []
    for name in sorted(found, key=lambda n: (n.startswith(ASSETS_DIR + "/"), n)):
        places = found[name]
        for index, (origin, path) in enumerate(places):
            infos.append(
                TemplateInfo(
                    name,
                    path,
                    origin,
                    overrides=index == 0 and len(places) > 1,
                    overridden=index > 0,
                )
            )
    return infos


def _files(folder: Path) -> list[tuple[str, Path]]:
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if not path.is_file() or any(part.startswith((".", "__")) for part in name.split("/")):
            continue
        if name.endswith(TEMPLATE_SUFFIX) or name.startswith((ASSETS_DIR + "/", SITE_DIR + "/")):
            files.append(
                (name, path)
            )  # templates, the PDFs' assets, the website's style and script
    return files


def copy_template(ws: Workspace, name: str, *, force: bool = False) -> Path:
    """Copy a built-in template (or asset) into the workspace's ``templates/`` to edit it."""
    from kogsro.errors import OutputExists, Remedy, UsageError
    from kogsro.fsio import write_atomic

    builtin = dict(_files(builtin_templates_dir()))
    candidates = [name, name + TEMPLATE_SUFFIX]
    chosen = next((c for c in candidates if c in builtin), None)
    if chosen is None:
        import difflib

        close = difflib.get_close_matches(name, list(builtin), n=3, cutoff=0.5)
        hint = ("did you mean " + " or ".join(close) + "?") if close else None
        raise UsageError(
            f"no built-in template {name!r}",
            hint=hint or "see `kogsro templates list` for the templates there are",
        )
    target = ws.templates_dir / chosen
    if target.exists() and not force:
        raise OutputExists(
            target, remedy=Remedy("force", purpose="to replace your copy with the built-in one")
        )
    write_atomic(target, builtin[chosen].read_bytes(), within=ws.templates_dir)
    return target


# --- what every template sees ----------------------------------------------------------------


def common_context(ws: Workspace, *, lang: str, public: bool) -> dict[str, Any]:
    """The part of every template's context that does not depend on the document.

    ``body`` (name, short, email, address, website), ``lang``, ``public``, ``t`` (the fixed
    strings of the language), ``numbering`` (the item prefix, "TOP"), ``generated`` (the
    time stamp, from :func:`kogsro.clock.now`), ``footer`` (see :func:`footer_context`; dated
    today unless the document replaces it with its own date), ``salutation`` (the letters'
    salutation: ``documents.salutation`` in the workspace's language, else the usual one), and
    the helpers ``date(value, form)``, ``time(value)``, ``phrase(key, **values)`` and
    ``link(url)``.
    """
    from datetime import date as date_type
    from datetime import time as time_type

    from kogsro import clock, i18n

    def date_text(value: date_type | str | None, form: str = "full") -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            value = date_type.fromisoformat(value)
        return i18n.format_date(value, lang, form)

    def time_text(value: time_type | str | None) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            value = time_type.fromisoformat(value)
        return i18n.format_time(value, lang)

    def phrase(key: str, **values: Any) -> str:
        return i18n.phrase(lang, key, **values)

    from zoneinfo import ZoneInfo

    body = ws.config.body
    generated = clock.now().astimezone(ZoneInfo(ws.config.timezone))
    settings = ws.config.documents
    own_salutation = settings.salutation if lang == ws.config.language else None
    return {
        "lang": lang,
        "public": public,
        "t": i18n.strings(lang),
        "numbering": ws.config.item_prefix(lang),
        "body": {
            "name": body.name,
            "short": body.short,
            "email": None if public else body.email,
            "address": body.address,
            "website": body.website,
        },
        "generated": {
            "iso": generated.isoformat(),
            "date": date_text(generated.date()),
            "text": phrase("generated", date=date_text(generated.date(), "long")),
        },
        "footer": footer_context(ws, lang, clock.today()),
        "salutation": own_salutation or phrase("salutation"),
        "date": date_text,
        "time": time_text,
        "phrase": phrase,
        "link": link_target,
    }


def footer_context(ws: Workspace, lang: str, day: datetime.date) -> dict[str, Any]:
    """The footer line of a document: ``documents.footer`` from kogsro.yaml (the office's own
    words, no product name unless written there) and the document's date ("Stand: 31. Mai
    2022"): its letter date for an invitation, else the day it is made."""
    from kogsro import i18n

    text = ws.config.documents.footer
    dated = i18n.phrase(lang, "document_date", date=i18n.format_date(day, lang, "long"))
    return {"text": text, "date_text": dated, "line": " · ".join(p for p in (text, dated) if p)}
