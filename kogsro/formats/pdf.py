"""PDF: Typst markup compiled in-process by the ``typst`` package.

:func:`compile_pdf` turns the Typst source a template rendered into PDF bytes:

- PDF/A-2b and PDF/UA-1 at once (tagged, accessible, archivable), fonts embedded (subsets), text
  extractable. PDF/UA needs a document title and language; ``compile_pdf`` sets both from its
  arguments in a two-line preamble before the source (``#set document(title: ...)`` and
  ``#set text(lang: ...)``), so a template cannot forget them. A template may set them again
  (its own set rules come later and win).
- Only the fonts built into Typst (:data:`EMBEDDED_FONT_FAMILIES`) plus the font files in the
  assets folder's ``fonts/``; system fonts are never used, so the output is the same on every
  machine.
- The compile root, the only folder ``#read``, ``#image`` and ``#import`` can reach, is the
  templates' assets folder, or an empty temporary folder without one.
- Offline: package imports (``#import "@preview/..."``) are refused before compiling.
- Deterministic: the same source, assets and timestamp give the same bytes.

``typst`` is imported inside the function: importing this module costs nothing.
"""

from __future__ import annotations

import os
import re
import tempfile
import warnings
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from kogsro.errors import KogsroWarning, TemplateError
from kogsro.formats.escape import typst_str

__all__ = [
    "DEFAULT_STANDARDS",
    "EMBEDDED_FONT_FAMILIES",
    "PdfWarning",
    "TypstCompileError",
    "compile_pdf",
    "compile_pdf_parts",
    "compile_pdf_rows",
]

DEFAULT_STANDARDS: tuple[str, ...] = ("a-2b", "ua-1")
"""PDF/A-2b (archival) together with PDF/UA-1 (accessibility)."""

EMBEDDED_FONT_FAMILIES: tuple[str, ...] = (
    "Libertinus Serif",  # Typst's default text font: Latin, Greek, Cyrillic, Hebrew
    "New Computer Modern",
    "New Computer Modern Math",
    "DejaVu Sans Mono",  # raw text; also covers Arabic and many symbols
)
"""Font families available without any system font (built into the ``typst`` package)."""

_MAIN_FILE = "__typst_py_bytes__.typ"  # the name typst-py gives a source passed as bytes
_LOCATION = re.compile(r"┌─ (?P<file>.+?):(?P<line>\d+):(?P<column>\d+)")
_PACKAGE_SPEC = re.compile(r'"@[A-Za-z0-9_-]+/')
_LANGUAGE = re.compile(r"(?P<lang>[A-Za-z]{2,3})(?:[-_](?P<region>[A-Za-z]{2}))?")


class PdfWarning(KogsroWarning):
    """A warning from the Typst compiler, such as an unknown font family."""


class TypstCompileError(TemplateError):
    """Typst could not compile the source.

    ``line`` and ``column`` are 1-based places in the source given to :func:`compile_pdf` (not
    counting the preamble), 0 when unknown; ``file`` names another file (relative to the
    compile root) when the error is there.
    """

    def __init__(
        self,
        message: str,
        *,
        typst_message: str,
        line: int = 0,
        column: int = 0,
        file: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.typst_message = typst_message
        self.line = line
        self.column = column
        self.file = file


def compile_pdf(
    source: str,
    *,
    assets: Path | None = None,
    title: str,
    lang: str,
    timestamp: datetime | int | None = None,
    standards: Sequence[str] = DEFAULT_STANDARDS,
    source_name: str = "Typst source",
    inputs: Mapping[str, str] | None = None,
) -> bytes:
    """Compile Typst markup to PDF bytes.

    ``assets`` is the compile root: the folder of the templates' images, Typst includes and
    ``fonts/``; without it the root is an empty temporary folder. ``title`` and ``lang``
    (``de``, ``en``, or with a region: ``de-DE``) go into the PDF's metadata. ``timestamp`` is
    the creation date written into the PDF (an aware ``datetime`` or Unix seconds; a naive
    ``datetime`` counts as UTC); without it ``SOURCE_DATE_EPOCH`` is used when set, else the
    current time. ``standards`` are typst's PDF standard names (``()`` for a plain PDF).
    ``source_name`` names the source in error messages (e.g. the template's name). ``inputs``
    are the ``sys.inputs`` the source can read.

    Raises :class:`TypstCompileError` (a :class:`~kogsro.errors.TemplateError`) with Typst's
    message and the line in ``source`` when Typst fails. Typst's warnings are issued as
    :class:`PdfWarning`.
    """
    # str() turns a Markup source into a plain string: Markup + str would HTML-escape the str.
    source = str(source)
    language = _LANGUAGE.fullmatch(lang)
    if language is None:
        raise TemplateError(
            f"{lang!r} is not a language code",
            hint="use a two or three letter ISO 639 code such as de or en, optionally with a "
            "region such as de-DE",
        )
    if assets is not None and not assets.is_dir():
        raise TemplateError(f"{assets}: the templates' assets folder does not exist")
    _refuse_packages(source, source_name, assets)

    text_args = f"lang: {typst_str(language['lang'].lower())}"
    if language["region"]:
        text_args += f", region: {typst_str(language['region'].upper())}"
    preamble = f"#set document(title: {typst_str(title)})\n#set text({text_args})\n"
    document = (preamble + source).encode("utf-8")
    font_paths = [str(assets / "fonts")] if assets and (assets / "fonts").is_dir() else []
    created = _timestamp(timestamp)

    import typst

    root_folder = (
        nullcontext(str(assets))
        if assets is not None
        else tempfile.TemporaryDirectory(prefix="kogsro-typst-")
    )
    replaced: list[str] = []
    with root_folder as root:
        while True:
            try:
                # typst's stubs want input, root and font paths all of one type, and the
                # standards as literals.
                pdf, typst_warnings = typst.compile_with_warnings(  # type: ignore[call-overload]
                    document,
                    root=root,
                    font_paths=font_paths,
                    ignore_system_fonts=True,
                    format="pdf",
                    pdf_standards=list(standards),
                    timestamp=created,
                    sys_inputs=dict(inputs or {}),
                )
                break
            except typst.TypstError as error:
                fixed = _without_undisplayable(
                    error, document.decode("utf-8"), replaced, own_fonts=bool(font_paths)
                )
                if fixed is None:
                    raise _compile_error(error, source, source_name, preamble) from None
                # No font at hand has these characters (an emoji, CJK): rather than no PDF at
                # all, they are shown as the replacement character, and the user is told.
                text, missing = fixed
                replaced += missing
                document = text.encode("utf-8")
    if replaced:
        shown = " ".join(dict.fromkeys(replaced))
        warnings.warn(
            f"{source_name}: no font at hand has {shown}; shown as {REPLACEMENT} in the PDF "
            "(put a font that has them into the templates' assets/fonts folder)",
            PdfWarning,
            stacklevel=2,
        )
    for warning in typst_warnings:
        where, _line, _column, _file = _locate(warning.diagnostic, source, source_name, preamble)
        warnings.warn(f"{where}: {warning.message}", PdfWarning, stacklevel=2)
    if not isinstance(pdf, bytes):  # pragma: no cover - typst returns bytes for one PDF
        raise TypeError(f"typst returned {type(pdf).__name__}, not bytes")
    return pdf


FIRST_PAGE_INPUT = "kogsro-first-page"
"""The ``sys.inputs`` key of a part's first page number (see :func:`compile_pdf_parts`)."""
PAGE_TOTAL_INPUT = "kogsro-page-total"
"""The ``sys.inputs`` key of the whole document's number of pages."""


def compile_pdf_parts(
    sources: Sequence[str],
    *,
    assets: Path | None = None,
    title: str,
    lang: str,
    timestamp: datetime | int | None = None,
    standards: Sequence[str] = DEFAULT_STANDARDS,
    source_name: str = "Typst source",
) -> bytes:
    """Compile a long document given as parts (Typst sources that go on one after another) into
    one PDF, each part in a process of its own, and join them
    (:func:`~kogsro.formats.pdfjoin.join_pdfs`).

    Typst keeps a document's whole layout in memory, and a process keeps Typst's caches until it
    ends; compiled in parts, one at a time, in fresh processes, a long document needs the memory
    of its largest part. Each part starts on a new page. The parts read two ``sys.inputs``:
    :data:`FIRST_PAGE_INPUT`, the number of their first page, and :data:`PAGE_TOTAL_INPUT`, the
    pages of the whole document (the page footer's "Seite x von y"). A first pass compiles every
    part to count its pages, a second one with the numbers known; should a part then have
    another number of pages (its footer does not take room from the text, so it should not),
    the numbers are counted again. The arguments are those of :func:`compile_pdf`; errors and
    warnings are those of :func:`compile_pdf` for the part at fault (each warning once).
    """
    from kogsro.formats.pdfjoin import page_count

    if not sources:
        raise ValueError("no part to compile")
    parts = _Parts(assets, title, lang, timestamp, standards, source_name)
    counts = [page_count(parts.compile(source, index, {})) for index, source in enumerate(sources)]
    return parts.numbered(list(sources), counts)


def compile_pdf_rows(
    source: Callable[[int, int], str],
    rows: int,
    *,
    per_part: int,
    assets: Path | None = None,
    title: str,
    lang: str,
    timestamp: datetime | int | None = None,
    standards: Sequence[str] = DEFAULT_STANDARDS,
    source_name: str = "Typst source",
) -> bytes:
    """Compile a long table in parts, as :func:`compile_pdf_parts` does, each part ending where
    a page of the whole table would end.

    ``source(start, stop)`` is the Typst source of the part with the rows ``start`` to ``stop``
    (of ``rows``; the first part holds the title). The first pass compiles up to ``per_part``
    rows at a time and reads from the tagged PDF on which pages each row lies (the table rows
    of its structure tree); the part then ends before the first row that reaches its last page,
    and the next part begins with that row. So every part but the last fills its pages, as the
    table does in one piece, instead of ending on a page with a row or two.
    """
    from kogsro.formats.pdfjoin import page_count, row_pages

    if rows < 1 or per_part < 1:
        raise ValueError("no rows to compile")
    parts = _Parts(assets, title, lang, timestamp, standards, source_name)
    bounds: list[tuple[int, int]] = []
    counts: list[int] = []
    start = 0
    while start < rows:
        stop = min(start + per_part, rows)
        pdf = parts.compile(source(start, stop), len(bounds), {})
        pages = page_count(pdf)
        if stop < rows:
            spans = row_pages(pdf)
            if len(spans) == stop - start:
                cut = next((i for i, (_, last) in enumerate(spans) if last == pages - 1), 0)
                if cut > 0:
                    stop, pages = start + cut, spans[cut - 1][1] + 1
        bounds.append((start, stop))
        counts.append(pages)
        start = stop
    return parts.numbered([source(a, b) for a, b in bounds], counts)


class _Parts:
    """The parts of one document: how each is compiled, and the warnings said so far."""

    def __init__(
        self,
        assets: Path | None,
        title: str,
        lang: str,
        timestamp: datetime | int | None,
        standards: Sequence[str],
        source_name: str,
    ) -> None:
        self.source_name = source_name
        self.options: dict[str, Any] = {
            "assets": assets,
            "title": title,
            "lang": lang,
            "timestamp": _timestamp(timestamp),
            "standards": tuple(standards),
            "source_name": source_name,
        }
        # Typst's PDF/UA-1 check wants a document's first heading at level 1; a later part
        # goes on under the first part's title, so later parts are checked against the other
        # standards only. Their tags are the same (the standard adds checks and metadata, not
        # tags); the joined document keeps the first part's metadata, PDF/UA-1 included.
        self.later = {
            **self.options,
            "standards": tuple(s for s in standards if not s.startswith("ua-")),
        }
        self.said: dict[str, None] = {}

    def compile(self, source: str, index: int, inputs: dict[str, str]) -> bytes:
        return _isolated(source, self.later if index else self.options, inputs, self.said)

    def numbered(self, sources: list[str], counts: list[int]) -> bytes:
        """The parts compiled with their page numbers, joined."""
        from kogsro.formats.pdfjoin import join_pdfs, page_count

        for _attempt in range(3):
            total, first, pdfs = sum(counts), 1, []
            for index, source in enumerate(sources):
                inputs = {FIRST_PAGE_INPUT: str(first), PAGE_TOTAL_INPUT: str(total)}
                pdfs.append(self.compile(source, index, inputs))
                first += counts[index]
            now = [page_count(pdf) for pdf in pdfs]
            if now == counts:
                break
            counts = now  # pragma: no cover - a footer that takes room from the text
        else:  # pragma: no cover
            raise TemplateError(f"{self.source_name}: the parts' page numbers do not settle")
        for message in self.said:
            warnings.warn(message, PdfWarning, stacklevel=3)
        return join_pdfs(pdfs)


def _isolated(
    source: str, options: dict[str, Any], inputs: dict[str, str], said: dict[str, None]
) -> bytes:
    """:func:`compile_pdf` in a fresh Python process (``python -m kogsro.formats.pdf``), which
    gives Typst's memory back when it ends."""
    import pickle
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-P", "-m", __name__, str(os.getpid())],
        input=pickle.dumps((source, options, inputs)),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise TemplateError(
            f"{options['source_name']}: the Typst compiler stopped"
            + (f": {problem[-1]}" if problem else f" (exit status {done.returncode})"),
            hint="a part of a long document is compiled in a process of its own; "
            "is there memory enough?",
        )
    outcome = pickle.loads(done.stdout)  # written by our own child process
    if isinstance(outcome, _Failure):
        raise outcome.error()
    pdf, messages = outcome
    said.update(dict.fromkeys(messages))
    return bytes(pdf)


class _Failure:
    """A :class:`TypstCompileError` or :class:`TemplateError` carried out of a worker."""

    def __init__(self, error: TemplateError) -> None:
        self.kind = type(error).__name__
        self.message = error.message
        self.hint = error.hint
        self.fields = {
            name: getattr(error, name)
            for name in ("typst_message", "line", "column", "file")
            if hasattr(error, name)
        }

    def error(self) -> TemplateError:
        if self.kind != TypstCompileError.__name__:
            return TemplateError(self.message, hint=self.hint)
        file = self.fields.get("file")
        return TypstCompileError(
            self.message,
            hint=self.hint,
            typst_message=str(self.fields.get("typst_message", self.message)),
            line=int(str(self.fields.get("line", 0))),
            column=int(str(self.fields.get("column", 0))),
            file=None if file is None else str(file),
        )


def _compile_in_worker(
    source: str, options: dict[str, Any], inputs: dict[str, str]
) -> tuple[bytes, list[str]] | _Failure:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            pdf = compile_pdf(source, inputs=inputs, **options)
        except TemplateError as error:
            return _Failure(error)
    return pdf, [str(w.message) for w in caught if issubclass(w.category, PdfWarning)]


def _worker_main() -> None:
    """``python -m kogsro.formats.pdf``: a pickled (source, options, inputs) on standard input,
    the pickled outcome of :func:`_compile_in_worker` on standard output."""
    import pickle
    import sys

    from kogsro.workers import die_with_parent

    die_with_parent(int(sys.argv[1]))  # a compile outlives no kill of the command
    source, options, inputs = pickle.loads(sys.stdin.buffer.read())  # from the parent process
    outcome = _compile_in_worker(source, options, inputs)
    # Pickled by reference to this module's class, not to "__main__".
    from kogsro.formats import pdf as module

    if isinstance(outcome, _Failure):
        failure = module._Failure.__new__(module._Failure)
        failure.__dict__.update(outcome.__dict__)
        outcome = failure
    sys.stdout.buffer.write(pickle.dumps(outcome))


REPLACEMENT = "\ufffd"
_UNDISPLAYABLE = re.compile(r'the text `"(?P<text>.+?)"` could not be displayed with font', re.S)
_DISALLOWED = re.compile(r'disallowed codepoint `"(?P<text>.+?)"`', re.S)
_TYPST_ESCAPE = re.compile(r"\\u\{(?P<hex>[0-9a-fA-F]{1,6})\}")
_MAX_REPLACEMENTS = 200
# What the built-in fonts show: Latin, Greek, Cyrillic, Hebrew, punctuation, currency,
# letter-like symbols, arrows, mathematical operators, Latin ligatures.
_SHOWN = (
    "\t\n\r\u0020-\u007e\u00a0-\u052f\u0590-\u05ff\u1e00-\u1fff\u2000-\u2064"
    "\u2070-\u214f\u2190-\u22ff\ufb00-\ufb06\ufffd"
)
_NOT_SHOWN = re.compile(f"[^{_SHOWN}]")
# An emoji with what shapes together with it: variation selectors, skin tones, keycap, tags,
# and further emoji joined by ZERO WIDTH JOINER. Replaced as one.
_JOINED = "\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
_EMOJI = f"(?:[\u2600-\u27bf\U0001f000-\U0001faff\ufffd]|[0-9#*](?=\ufe0f?\u20e3))[{_JOINED}]*"
_EMOJI_SEQUENCE = re.compile(f"{_EMOJI}(?:\u200d{_EMOJI})*|\u200d[{_JOINED}]*")


def _without_undisplayable(
    error: object, text: str, done: Sequence[str], *, own_fonts: bool
) -> tuple[str, list[str]] | None:
    """``text`` without what Typst could not display, and what was taken out; None when the
    error is about something else (or nothing more can be done)."""
    message = str(getattr(error, "message", "") or error)
    disallowed = _DISALLOWED.search(message)
    match = disallowed or _UNDISPLAYABLE.search(message)
    if match is None or len(done) > _MAX_REPLACEMENTS:
        return None
    reported = _TYPST_ESCAPE.sub(lambda m: chr(int(m["hex"], 16)), match["text"])
    if disallowed is not None:  # a code point PDF/UA forbids (e.g. U+FEFF): left out
        chars = [c for c in dict.fromkeys(reported) if not c.isascii()]
        fixed = text
        for char in chars:
            fixed = _replace(fixed, char, "")
        return (fixed, chars) if fixed != text else None
    chars = [c for c in dict.fromkeys(reported) if not c.isascii() and c != REPLACEMENT]
    if not own_fonts:
        # Only the built-in fonts: everything they do not show goes at once, emoji sequences
        # as one character each (so a long text in another script costs one more run).
        gone = [m[0] for m in _EMOJI_SEQUENCE.finditer(text) if m[0] != REPLACEMENT]
        fixed = _EMOJI_SEQUENCE.sub(_one_replacement, text)
        gone += _NOT_SHOWN.findall(fixed)
        fixed = _NOT_SHOWN.sub(REPLACEMENT, fixed)
        fixed = _TYPST_ESCAPE.sub(_shown_escape, fixed)
        gone += [c for c in chars if c in text and c not in gone]
        for char in chars:
            fixed = _replace(fixed, char, REPLACEMENT)
        return (fixed, list(dict.fromkeys(gone))) if fixed != text else None
    # Fonts of the workspace may show some of it: only what Typst named, one by one.
    chars = [c for c in chars if c not in done]
    if not chars:
        gone = [m[0] for m in _EMOJI_SEQUENCE.finditer(text) if m[0] != REPLACEMENT]
        fixed = _EMOJI_SEQUENCE.sub(_one_replacement, text)
        return (fixed, gone) if fixed != text else None
    fixed = text
    for char in chars:
        fixed = _replace(fixed, char, REPLACEMENT)
    return fixed, chars


def _one_replacement(match: re.Match[str]) -> str:
    return REPLACEMENT


def _shown_escape(match: re.Match[str]) -> str:
    """An escape in a Typst string (``\\u{7}``) of a character the fonts do not show."""
    char = chr(int(match["hex"], 16))
    return match[0] if _NOT_SHOWN.match(char) is None else REPLACEMENT


def _replace(text: str, char: str, by: str) -> str:
    """``char`` replaced, written as itself and as a Typst string escape (``\\u{e31}``)."""
    text = text.replace(char, by)
    return re.sub(rf"\\u\{{0*{ord(char):x}\}}", by, text, flags=re.IGNORECASE)


def _refuse_packages(source: str, source_name: str, assets: Path | None) -> None:
    """Refuse Typst package imports: they would be downloaded from the network.

    Escaped data can never match (``"`` and ``@`` are escaped in markup, ``@`` is written as
    ``\\u{40}`` in string literals), so a match is always in a template.
    """
    sources = [(source_name, source)]
    if assets is not None:
        sources += [(str(path), path.read_text("utf-8")) for path in sorted(assets.rglob("*.typ"))]
    for name, text in sources:
        match = _PACKAGE_SPEC.search(text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            raise TemplateError(
                f"{name}: line {line}: imports a Typst package; PDFs are made offline",
                hint="copy the files you need into the templates' assets folder and import "
                "them by path",
            )


def _timestamp(value: datetime | int | None) -> datetime | int | None:
    if value is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        return int(epoch) if epoch.isdigit() else None
    if isinstance(value, datetime):
        offset = value.utcoffset()
        if offset is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(timezone(offset if offset else timedelta(0)))
    return value


def _locate(
    diagnostic: str, source: str, source_name: str, preamble: str
) -> tuple[str, int, int, str | None]:
    """Where a diagnostic points: (text for a message, line, column, other file)."""
    match = _LOCATION.search(diagnostic)
    if match is None:
        return source_name, 0, 0, None
    line, column = int(match["line"]), int(match["column"]) + 1
    file = match["file"]
    if Path(file).name != _MAIN_FILE:
        return f"{file}:{line}:{column}", line, column, file
    line -= preamble.count("\n")
    if line < 1:
        return f"{source_name} (document title or language)", 0, 0, None
    lines = source.splitlines()
    where = f"{source_name}: line {line}, column {column} of the generated Typst source"
    if line <= len(lines):
        code = lines[line - 1].strip()
        where += f" ({code[:77] + '...' if len(code) > 80 else code})"
    return where, line, column, None


def _compile_error(
    error: object, source: str, source_name: str, preamble: str
) -> TypstCompileError:
    message = str(getattr(error, "message", "") or error)
    diagnostic = str(getattr(error, "diagnostic", ""))
    hints = [str(hint) for hint in getattr(error, "hints", None) or []]
    where, line, column, file = _locate(diagnostic, source, source_name, preamble)
    if "could not be displayed with font" in message:
        hints = [
            "none of the fonts at hand has this character; remove it from the input, or put "
            "a font that has it into the templates' assets/fonts folder"
        ]
    return TypstCompileError(
        f"{where}: {message}",
        typst_message=message,
        line=line,
        column=column,
        file=file,
        hint="; ".join(hints) or None,
    )


if __name__ == "__main__":
    _worker_main()
