"""Escaping rules: one pure function per output format.

Every value a template interpolates goes through the escaper of the template's output format, so
data from the YAML files comes out as the same literal text in every format: "Vertreter*innen",
"#3", "<b>" or ``#read("/etc/passwd")`` are never read as markup or code.

Each escaper takes any value (``None`` is the empty string, everything else goes through
``str()``) and returns a :class:`markupsafe.Markup`, so Jinja treats the result as already safe
(``finalize`` plus autoescape). A value that already is ``Markup`` is returned unchanged: it has
been escaped before, or a template marked it safe on purpose.

Line breaks inside a value:

- HTML, CSV and plain text keep them as they are.
- Markdown turns every run of whitespace (line breaks and tabs included) into one space. A line
  break would end a heading or a table row, and indentation would start a code block; a space is
  safe wherever the value stands. Templates that want the lines of a text kept split the text
  themselves (one escaped value per line or paragraph).
- Typst turns every line break into a Typst line break written as backslash + space (``\\ ``),
  which stays on one source line and so is safe inside headings, list items and table cells.
- YAML writes text as a double-quoted scalar with ``\\n`` escapes: one line, whatever the text.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable
from numbers import Real
from typing import Any

import markupsafe
from markupsafe import Markup

__all__ = [
    "ESCAPERS",
    "escape_csv_cell",
    "escape_html",
    "escape_markdown",
    "escape_text",
    "escape_typst",
    "escape_yaml",
    "typst_str",
]


def _text(value: object) -> str:
    return "" if value is None else str(value)


# --- HTML ---------------------------------------------------------------------------------------


def escape_html(value: object) -> Markup:
    """Escape ``& < > " '`` for HTML text and attribute values."""
    if value is None:
        return Markup("")
    return markupsafe.escape(value)


# --- Markdown (CommonMark, with GFM tables and strikethrough in mind) -----------------------------

# Backslash-escaped wherever they stand. Together they rule out emphasis (* _), code spans (`),
# links and images ([ ]), raw HTML and autolinks (< >), entities (&), headings (#), block quotes
# (>), list items (+), setext underlines (=), GFM table cells (|) and strikethrough (~), math in
# the renderers that have it ($), and hard breaks written as a trailing backslash (\).
_MD_ALWAYS = frozenset("\\`*_[]<>#+=|~&$")
# Only significant at the start of a line, that is at the start of a value (a value never
# contains a line break after escaping): "- item", "14. Juni", "1) foo". Escaping them elsewhere
# would only clutter names like "Steglitz-Zehlendorf" or dates like "14.06.2022".
_MD_LEADING = re.compile(r" ?(?:\d{0,9}(?P<mark>[.)])|(?P<bullet>-))")
_MD_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")


def escape_markdown(value: object) -> Markup:
    """Escape text so that a CommonMark renderer shows it literally.

    Backslash-escapes the ASCII punctuation that can start markup (see ``_MD_ALWAYS``), a
    leading ``-`` and the ``.`` or ``)`` of a leading number ("14. Juni" becomes ``14\\. Juni``),
    and a trailing ``!`` (it would turn a following ``[...](...)`` into an image). Letters,
    digits, other punctuation such as ``, : ; ? ' " / ( % @`` and all non-ASCII characters are
    left alone. Runs of whitespace, line breaks included, become one space.
    """
    if isinstance(value, Markup):
        return value
    text = _MD_WHITESPACE.sub(" ", _text(value))
    out = ["\\" + ch if ch in _MD_ALWAYS else ch for ch in text]
    match = _MD_LEADING.match(text)
    if match:
        position = match.start(match.lastgroup or 0)
        out[position] = "\\" + text[position]
    if text.endswith("!"):
        out[-1] = "\\!"
    return Markup("".join(out))


# --- Typst --------------------------------------------------------------------------------------

_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Typst ends a line at each of these (and at \r\n).
_TYPST_NEWLINE = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
# Characters no font can show: other C0 and C1 controls, DEL and lone surrogates. A PDF/A
# export fails on them, so they are dropped.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def escape_typst(value: object) -> Markup:
    """Escape text for Typst *markup* (the body of a document or of a ``[...]`` content block).

    Every ASCII punctuation character gets a backslash: Typst reads backslash + any character
    other than whitespace or ``u{`` as that character literally. This rules out code (``#``),
    math (``$``), raw text (`` ` ``), comments (``//``, ``/*``), labels and references (``< >
    @``), emphasis (``* _``), headings, lists and enumerations at line starts (``= - + / 1.``),
    shorthands (``~ -- ... -?``), smart quotes (``' "``, which come out straight) and automatic
    links (``https://``). Line breaks become Typst line breaks (``\\ ``, see the module doc),
    tabs become spaces, and unprintable control characters are dropped.

    A text longer than :data:`LONG_TEXT` characters goes in as a Typst string shown as text
    (``#"..."``, escaped by :func:`typst_str`: literal text just as well, and one element for
    Typst instead of one per escaped character), set with Typst's simple (first-fit) line
    breaking: the optimal breaking of one very long paragraph costs time that grows much faster
    than its length (a 320 KB paragraph took eight times as long as the same text in paragraphs).
    """
    if isinstance(value, Markup):
        return value
    text = _UNPRINTABLE.sub("", _TYPST_NEWLINE.sub("\n", _text(value)))
    if len(text) > LONG_TEXT:
        literal = typst_str(text.replace("\t", " "))
        return Markup(f'#[#set par(linebreaks: "simple");#{literal}]')
    out: list[str] = []
    for ch in text:
        if ch in _ASCII_PUNCTUATION:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\ ")
        elif ch == "\t":
            out.append(" ")
        else:
            out.append(ch)
    return Markup("".join(out))


LONG_TEXT = 3000
"""Characters from which a text is broken into lines first-fit (see :func:`escape_typst`)."""


_TYPST_STR_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Written as \u{...}: other control and line-separating characters, and "@", so that a string
# from the data can never look like a package import ("@preview/...") to compile_pdf's check.
_TYPST_STR_UNICODE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029@]")


def typst_str(value: object) -> Markup:
    """Return a Typst string literal (with its quotes) for use in Typst *code*.

    For example ``#set document(title: {{ title | typst_str }})``. Backslash, double quote,
    newline, carriage return and tab use Typst's escapes, other control characters and ``@``
    are written as ``\\u{...}``, lone surrogates are dropped.
    """
    text = re.sub(r"[\ud800-\udfff]", "", _text(value))
    body = "".join(_TYPST_STR_ESCAPES.get(ch, ch) for ch in text)
    body = _TYPST_STR_UNICODE.sub(lambda m: f"\\u{{{ord(m.group()):x}}}", body)
    return Markup(f'"{body}"')


# --- CSV and plain text --------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_csv_cell(value: object) -> Markup:
    """Neutralise spreadsheet formulas in one CSV cell (the OWASP rule).

    Text starting with ``= + - @``, a tab or a carriage return gets a leading ``'`` so that a
    spreadsheet shows it as text instead of running it. Numbers are left as they are: ``-5``
    is a number, not a formula. Quoting the cell is the job of the :mod:`csv` module.
    """
    if isinstance(value, Markup):
        return value
    if isinstance(value, Real) and not isinstance(value, bool):
        return Markup(str(value))
    text = _text(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return Markup(text)


def escape_text(value: object) -> Markup:
    """Plain text needs no escaping: the value as it is."""
    return Markup(_text(value))


# --- YAML ---------------------------------------------------------------------------------------

# Characters YAML does not allow in a stream (or reads as a line break): written as \u escapes.
_YAML_ESCAPE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def escape_yaml(value: object) -> Markup:
    """A YAML scalar that reads back as the value, wherever it stands (``key: {{ value }}``).

    Text becomes a double-quoted scalar (a JSON string, which is valid YAML) with every
    control character, line break and quote escaped, so it can never end the scalar, start a
    new key or be read as another type ("yes", "10:00", "01067" stay text). Numbers, booleans
    and dates are written as YAML reads them; ``None`` is the empty string (YAML's null after
    a colon).
    """
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, bool):
        return Markup("true" if value else "false")
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return Markup(repr(value))
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Markup(value.isoformat())
    text = json.dumps(_SURROGATE.sub("", _text(value)), ensure_ascii=False)
    return Markup(_YAML_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


ESCAPERS: dict[str, Callable[[Any], Markup]] = {
    "html": escape_html,
    "md": escape_markdown,
    "typ": escape_typst,
    "csv": escape_csv_cell,
    "txt": escape_text,
    "yaml": escape_yaml,
}
"""The escaper of each output format, keyed by the format's file extension."""
