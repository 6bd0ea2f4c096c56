"""The escaping rules: hostile and tricky values come out as the same literal text everywhere."""

from __future__ import annotations

import csv
import io
import string
import unicodedata
from collections import Counter
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markupsafe import Markup
from pypdf import PdfReader

from kogsro.formats.escape import (
    ESCAPERS,
    LONG_TEXT,
    escape_csv_cell,
    escape_html,
    escape_markdown,
    escape_text,
    escape_typst,
    typst_str,
)
from kogsro.formats.pdf import PdfWarning, compile_pdf

HOSTILE = [
    "Bürger*innen und Vertreter*innen",
    "Vertreter*innen",
    "14. Juni 2022",
    "14.06.2022, 10:00 Uhr",
    "1) foo",
    "1. Punkt",
    "- x",
    "+ x",
    "> q",
    "# h",
    "= Titel",
    "== Unter",
    "/ Begriff: Erklärung",
    "_intern_",
    "*fett* und **sehr**",
    "<b>x</b>",
    "<b>",
    "<script>alert(1)</script>",
    "#3",
    '#read("/etc/passwd")',
    '#import "x.typ"',
    '#include "x.typ"',
    '#eval("1+1")',
    "#show: none",
    "#set page(width: 1cm)",
    "[link](x)",
    "![i](x)",
    "<https://example.org>",
    "https://example.org/a//b",
    "`code`",
    "```raw```",
    "a\\b",
    "C:\\pfad\\datei",
    "\\u{41}",
    "&amp; &#35; &copy;",
    "~~x~~",
    "| a | b |",
    "max@example.org",
    "@label <label>",
    "50 $",
    "$x^2$",
    "a//b",
    "/* c */",
    "// Kommentar",
    "\"Zitat\" und 'Zitat'",
    "-- und --- und ... und -?",
    "a ~ b",
    "---",
    "***",
    "___",
    "   - eingerückt",
    "    Code?",
    "Zeile 1\nZeile 2",
    "Absatz 1\n\nAbsatz 2",
    "Titel\n===",
    "Titel\n---",
    "a  \nb",
    "trailing \\",
    "Hallo!",
    "{{ jinja }} {% raw %}",
    "ÄÖÜäöüß ẞ ı ş ę ễ",
    "Ελληνικά, Кириллица",
    "שלום עולם",
    "مرحبا بالعالم",
    "",
]
EMOJI = ["Daumen hoch 👍", "Erledigt ✅", "🇩🇪"]
RTL = {"שלום עולם", "مرحبا بالعالم"}


def squash(text: str) -> str:
    return " ".join(text.split())


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def html_text(html: str) -> tuple[str, list[str]]:
    """The text of an HTML fragment and the tags in it."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts), parser.tags


COMMONMARK = MarkdownIt("commonmark")
GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])


# --- the registry -------------------------------------------------------------------------------


def test_registry_has_every_format() -> None:
    assert set(ESCAPERS) == {"html", "md", "typ", "csv", "txt", "yaml"}
    for escaper in ESCAPERS.values():
        assert escaper(None) == ""
        assert isinstance(escaper("x"), Markup)
        assert escaper(42) == "42"


@pytest.mark.parametrize("name", ["html", "md", "typ", "csv", "txt", "yaml"])
def test_markup_passes_unchanged(name: str) -> None:
    already = Markup("<b>*#x*</b>")
    assert ESCAPERS[name](already) == already
    assert isinstance(ESCAPERS[name](already), Markup)


def test_text_is_identity() -> None:
    assert escape_text("<b>*#x*</b>\n") == "<b>*#x*</b>\n"


# --- Markdown -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_renders_literally(value: str) -> None:
    html = COMMONMARK.render(escape_markdown(value))
    text, tags = html_text(html)
    assert squash(text) == squash(value)
    assert set(tags) <= {"p"}, html


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    ("context", "tags"),
    [
        ("- {}", ["ul", "li"]),
        ("1. {}", ["ol", "li"]),
        ("## {}", ["h2"]),
        ("> {}", ["blockquote", "p"]),
        ("Text davor\n{}", ["p"]),
        ("**TOP 1:** {}", ["p", "strong"]),
    ],
)
def test_markdown_keeps_the_template_structure(value: str, context: str, tags: list[str]) -> None:
    if not value and context.startswith(">"):
        tags = ["blockquote"]  # an empty quote has no paragraph
    html = GFM.render(context.format(escape_markdown(value)))
    text, found = html_text(html)
    expected = context.replace("**", "").lstrip("-1.#> ").format(value)
    assert squash(text) == squash(expected)
    assert found == tags, html


@pytest.mark.parametrize("value", HOSTILE)
def test_markdown_table_cell_stays_one_cell(value: str) -> None:
    source = f"| TOP | Beschluss |\n|---|---|\n| 1 | {escape_markdown(value)} |\n"
    html = GFM.render(source)
    assert html.count("<td>") == 2, html
    cell = html.split("<td>")[2].split("</td>")[0]
    assert squash(html_text(cell)[0]) == squash(value)


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("14. Juni 2022", "14\\. Juni 2022"),
        ("1) foo", "1\\) foo"),
        ("- x", "\\- x"),
        ("Steglitz-Zehlendorf", "Steglitz-Zehlendorf"),
        ("14.06.2022, 10:00 Uhr", "14\\.06.2022, 10:00 Uhr"),
        ("Bürger*innen", "Bürger\\*innen"),
        ("| a |", "\\| a \\|"),
        ("&amp;", "\\&amp;"),
        ("a\\b", "a\\\\b"),
        ("Zeile 1\n\n    Zeile 2", "Zeile 1 Zeile 2"),
        ("Hallo!", "Hallo\\!"),
        ("Was? (Ja.)", "Was? (Ja.)"),
    ],
)
def test_markdown_escapes_only_what_matters(value: str, escaped: str) -> None:
    assert escape_markdown(value) == escaped


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs"))))
def test_markdown_property(value: str) -> None:
    text, tags = html_text(COMMONMARK.render(escape_markdown(value)))
    assert squash(text) == squash(value)
    assert set(tags) <= {"p"}


# --- HTML ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_html_renders_literally(value: str) -> None:
    escaped = escape_html(value)
    text, tags = html_text(f'<p title="{escaped}">{escaped}</p>')
    assert text == value
    assert tags == ["p"]


# --- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+49 30 123", "'+49 30 123"),
        ("-x", "'-x"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("a=b", "a=b"),
        ("Vertreter*innen", "Vertreter*innen"),
        (-5, "-5"),
        (2.5, "2.5"),
        (None, ""),
    ],
)
def test_csv_neutralises_formulas(value: object, cell: str) -> None:
    assert escape_csv_cell(value) == cell


def test_csv_round_trip() -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([escape_csv_cell(value) for value in HOSTILE])
    row = next(csv.reader(io.StringIO(buffer.getvalue())))
    assert row == [escape_csv_cell(value) for value in HOSTILE]
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row)


# --- Typst --------------------------------------------------------------------------------------


def typst_text(markup: str, **options: object) -> str:
    """Compile one escaped value as a page of its own and extract its text."""
    source = "#set page(width: auto, height: auto, margin: 1em)\n" + markup
    pdf = compile_pdf(source, title="Test", lang="de", timestamp=0, **options)  # type: ignore[arg-type]
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def same_text(extracted: str, value: str) -> bool:
    if any(unicodedata.bidirectional(ch) in {"R", "AL"} for ch in value):
        # pypdf extracts right-to-left words in visual order: compare the letters only.
        return Counter("".join(extracted.split())) == Counter("".join(value.split()))
    return squash(extracted) == squash(value)


@pytest.mark.parametrize("value", HOSTILE)
def test_typst_renders_literally(value: str) -> None:
    extracted = typst_text(escape_typst(value))
    assert same_text(extracted, value), (extracted, value)
    assert "root:" not in extracted


def test_typst_code_does_not_run() -> None:
    markup = "\n".join(
        escape_typst(value)
        for value in ['#read("/etc/passwd")', '#eval("1+1")', "#show: none", '#import "x.typ"']
    )
    extracted = squash(typst_text(markup))
    assert '#read("/etc/passwd")' in extracted
    assert '#eval("1+1")' in extracted
    assert "#show: none" in extracted


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    "context",
    [
        "= {}",
        "- {}",
        "+ {}",
        "/ Begriff: {}",
        "#strong[{}]",
        "#table(columns: 2, [TOP 1], [{}])",
    ],
)
def test_typst_keeps_the_template_structure(value: str, context: str) -> None:
    # A line break in the value must not end a heading, list item or table cell: compiling
    # is enough to show the brackets still match, and the text must survive.
    if not value and context.startswith("="):
        pytest.skip("PDF/UA refuses an empty heading; templates must not write one")
    extracted = typst_text(context.format(escape_typst(value)))
    if value in RTL:
        assert Counter("".join(value.split())) <= Counter("".join(extracted.split()))
    else:
        assert squash(value) in squash(extracted), (extracted, value)


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("Vertreter*innen", "Vertreter\\*innen"),
        ("#3", "\\#3"),
        ("a\nb", "a\\ b"),
        ("a\r\nb\u2028c", "a\\ b\\ c"),
        ("a\tb", "a b"),
        ("a\x00b\x1bc", "abc"),
        ("\\u{41}", "\\\\u\\{41\\}"),
        ("Straße ễ", "Straße ễ"),
    ],
)
def test_typst_escapes(value: str, escaped: str) -> None:
    assert escape_typst(value) == escaped


def test_typst_line_breaks_are_kept() -> None:
    assert typst_text(escape_typst("Zeile 1\nZeile 2")).split("\n")[:2] == ["Zeile 1", "Zeile 2"]


@pytest.mark.parametrize("value", EMOJI)
def test_typst_characters_without_glyph(value: str) -> None:
    # The built-in fonts have no emoji: the PDF shows the replacement character and says so
    with pytest.warns(PdfWarning, match="no font at hand has"):
        text = typst_text(escape_typst(value))
    assert "\ufffd" in text
    # ... and a plain PDF shows them as missing glyphs: the escaping itself is fine.
    assert typst_text(escape_typst(value), standards=())


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        ("Sitzung", '"Sitzung"'),
        ('Er sagte "ja"', '"Er sagte \\"ja\\""'),
        ("C:\\pfad", '"C:\\\\pfad"'),
        ("a\nb\tc\r", '"a\\nb\\tc\\r"'),
        ("max@example.org", '"max\\u{40}example.org"'),
        ("\x00\u2028", '"\\u{0}\\u{2028}"'),
        (None, '""'),
    ],
)
def test_typst_str(value: object, literal: str) -> None:
    assert typst_str(value) == literal


def test_typst_str_round_trips_through_typst() -> None:
    value = 'Titel "mit" \\ Backslash, #read("/etc/passwd"), max@example.org\nzweite Zeile'
    extracted = typst_text(f"#{typst_str(value)}")
    assert squash(extracted) == squash(value)


TYPST_SAFE_ALPHABET = (
    string.ascii_letters + string.digits + string.punctuation + " \n\täöüßÄÖÜẞ€–„“"
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(TYPST_SAFE_ALPHABET, max_size=60))
def test_typst_property_text_survives(value: str) -> None:
    assert squash(typst_text(escape_typst(value))) == squash(value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60))
def test_typst_property_compiles(value: str) -> None:
    # Any printable text compiles (characters without a glyph need the plain PDF).
    typst_text(f"= {escape_typst(value)}\n\n- {escape_typst(value)}", standards=())


def test_a_long_text_is_one_literal_string_with_simple_line_breaking() -> None:
    """Issue 14: a PDF's time grows with its text, not with the square of a paragraph."""
    hostile = 'Vertreter*innen #read("/etc/passwd") $x$ <b> @ref "q" \\ '
    text = (hostile + "Wort " * 40) * 40
    assert len(text) > LONG_TEXT
    escaped = str(escape_typst(text + "\nzweite Zeile"))
    literal = str(typst_str(text + "\nzweite Zeile"))  # the text's own '#' and '$' in a string
    assert escaped == '#[#set par(linebreaks: "simple");#' + literal + "]"
    assert "\n" not in escaped
    pdf = compile_pdf(f"Vorher.\n\n{escaped}\n\nNachher.", title="Lang", lang="de")
    words = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    assert words[0] == "Vorher." and words[-1] == "Nachher."
    # compared without spaces: a line may end after "/" and the extraction adds none there
    assert "".join(words[1:-1]) == "".join((text + " zweite Zeile").split())
    assert len(str(escape_typst("kurz #1"))) < 20  # short texts keep the character escapes
