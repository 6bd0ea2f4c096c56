"""compile_pdf: PDF/A-2b + PDF/UA-1, embedded fonts, metadata, errors, sandbox, determinism."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import warnings
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kogsro.errors import TemplateError
from kogsro.formats.escape import escape_typst, typst_str
from kogsro.formats.pdf import (
    EMBEDDED_FONT_FAMILIES,
    PdfWarning,
    TypstCompileError,
    compile_pdf,
)

SESSION = datetime(2022, 6, 14, 10, 0, tzinfo=timezone(timedelta(hours=2)))
SPECIAL = "Bürger*innen, Größe, Straße, ÄÖÜ, ı ş ę ễ, „Zitat“ – 50 €"

# A small stand-in for the real templates: header, "Seite X von Y" footer with the final page
# count, German hyphenation, A4.
DEMO = r"""#set page(
  paper: "a4",
  margin: (x: 2.5cm, top: 3cm, bottom: 2.5cm),
  header: [
    #set text(size: 9pt)
    KoG SRO — Sitzung am 14. Juni 2022 #h(1fr) Einladung
    #v(-0.6em)
    #line(length: 100%, stroke: 0.4pt)
  ],
  footer: context [
    #set text(size: 9pt)
    #h(1fr) Seite #counter(page).display("1 von 1", both: true) #h(1fr)
  ],
)
#set text(lang: "de", hyphenate: true, size: 11pt)
#set par(justify: true)

= Einladung zur Sitzung der KoG SRO

"""


def demo_source(items: int = 5) -> str:
    paragraph = escape_typst(
        "Die Vertreter*innen der Senatsverwaltung für Finanzen und der Senatskanzlei stellen "
        "neue Ansätze der Bürgerbeteiligung vor (Kosten: 50 $, Rückfragen an max@example.org; "
        f'#read("/etc/passwd") bleibt Text). {SPECIAL}. '
    )
    body = "\n\n".join(
        f"== {escape_typst(f'TOP {i}: Neue Ansätze der Bürgerbeteiligung')}\n\n"
        + " ".join([paragraph] * 4)
        for i in range(1, items + 1)
    )
    return DEMO + body + "\n"


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def catalog(pdf: bytes) -> Any:
    return reader(pdf).trailer["/Root"]


def xmp(pdf: bytes) -> str:
    metadata = catalog(pdf)["/Metadata"].get_object()
    return str(metadata.get_data().decode("utf-8"))


@pytest.fixture(scope="module")
def demo_pdf() -> bytes:
    return compile_pdf(
        demo_source(),
        title="Einladung zur Sitzung am 14. Juni 2022",
        lang="de",
        timestamp=SESSION,
    )


def test_demo_has_two_pages_with_header_and_footer(demo_pdf: bytes) -> None:
    pages = reader(demo_pdf).pages
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert "KoG SRO — Sitzung am 14. Juni 2022" in text
        assert f"Seite {number} von 2" in text
        assert page.mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
        assert page.mediabox.height == pytest.approx(841.89, abs=0.1)


def test_text_is_extractable(demo_pdf: bytes) -> None:
    text = " ".join(page.extract_text() for page in reader(demo_pdf).pages)
    # Typst's own hyphens at line ends come out as soft hyphens.
    flat = " ".join(re.sub(r"\u00ad\n", "", text).split())
    assert SPECIAL in flat
    assert '#read("/etc/passwd") bleibt Text' in flat
    assert "TOP 5: Neue Ansätze der Bürgerbeteiligung" in flat


def test_german_hyphenation() -> None:
    words = "Bezirksübergreifende Koordinierungsgruppe Sozialraumorientierung"
    source = (
        '#set text(lang: "de", hyphenate: true)\n#set par(justify: true)\n'
        f"#block(width: 4.5cm)[{escape_typst(words)}]"
    )
    text = reader(compile_pdf(source, title="t", lang="de")).pages[0].extract_text()
    # Typst marks the hyphens it adds as soft hyphens, so copied text has none.
    assert re.search(r"\w\u00ad\n\w", text), text
    assert re.sub(r"\u00ad\n", "", text).split() == words.split()


def test_fonts_are_embedded(demo_pdf: bytes) -> None:
    names = set()
    for page in reader(demo_pdf).pages:
        resources: Any = page["/Resources"]
        for reference in resources["/Font"].values():
            font = reference.get_object()
            names.add(str(font["/BaseFont"]))
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font
    assert any("LibertinusSerif" in name for name in names)


def test_metadata_title_and_language(demo_pdf: bytes) -> None:
    metadata = reader(demo_pdf).metadata
    assert metadata is not None
    assert metadata.title == "Einladung zur Sitzung am 14. Juni 2022"
    assert catalog(demo_pdf)["/Lang"] == "de"
    packet = xmp(demo_pdf)
    assert "Einladung zur Sitzung am 14. Juni 2022</rdf:li>" in packet
    assert "<dc:language><rdf:Bag><rdf:li>de</rdf:li>" in packet


def test_pdfa_2b_and_pdfua_1(demo_pdf: bytes) -> None:
    metadata = xmp(demo_pdf)
    assert "<pdfaid:part>2</pdfaid:part>" in metadata
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in metadata
    assert "<pdfuaid:part>1</pdfuaid:part>" in metadata
    root = catalog(demo_pdf)
    assert "/StructTreeRoot" in root  # tagged
    assert root["/MarkInfo"]["/Marked"]
    assert "/OutputIntents" in root


def test_creation_date_and_determinism(demo_pdf: bytes) -> None:
    again = compile_pdf(
        demo_source(),
        title="Einladung zur Sitzung am 14. Juni 2022",
        lang="de",
        timestamp=SESSION,
    )
    assert again == demo_pdf
    metadata = reader(demo_pdf).metadata
    assert metadata is not None
    assert metadata.creation_date == SESSION


def test_timestamps(monkeypatch: pytest.MonkeyPatch) -> None:
    def created(**options: Any) -> datetime | None:
        pdf = compile_pdf("Hallo", title="t", lang="de", **options)
        metadata = reader(pdf).metadata
        assert metadata is not None
        return metadata.creation_date

    assert created(timestamp=0) == datetime(1970, 1, 1, tzinfo=UTC)
    assert created(timestamp=datetime(2022, 6, 14, 8)) == datetime(2022, 6, 14, 8, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1655193600")
    assert created() == datetime(2022, 6, 14, 8, tzinfo=UTC)


def test_language_with_region_and_template_overrides() -> None:
    pdf = compile_pdf("Hello", title="Invitation", lang="en-GB")
    assert catalog(pdf)["/Lang"] == "en-GB"
    # The template's own set rules come after the preamble and win.
    source = '#set document(title: "Aus der Vorlage")\n#set text(lang: "de")\nHallo'
    pdf = compile_pdf(source, title="Vorgabe", lang="en")
    assert catalog(pdf)["/Lang"] == "de"
    assert reader(pdf).metadata.title == "Aus der Vorlage"  # type: ignore[union-attr]


def test_title_is_data_not_code() -> None:
    title = 'Sitzung "14. Juni" #read("/etc/passwd") \\ max@example.org'
    pdf = compile_pdf("Hallo", title=title, lang="de")
    assert reader(pdf).metadata.title == title  # type: ignore[union-attr]


def test_bad_language() -> None:
    with pytest.raises(TemplateError, match="not a language code"):
        compile_pdf("Hallo", title="t", lang='de") #read("x')


def test_compile_error_names_the_line() -> None:
    source = "= Titel\n\nText\n#let x = 1\n#x.feld\n"
    with pytest.raises(TypstCompileError) as caught:
        compile_pdf(source, title="t", lang="de", source_name="einladung.typ.j2")
    error = caught.value
    assert isinstance(error, TemplateError)
    assert error.line == 5
    assert error.column == 4
    assert error.typst_message == "cannot access fields on type integer"
    assert str(error).startswith("einladung.typ.j2: line 5, column 4 of the generated Typst")
    assert "#x.feld" in str(error)


def test_unclosed_delimiter_error() -> None:
    with pytest.raises(TypstCompileError, match="unclosed delimiter") as caught:
        compile_pdf("Text\n#strong[offen\n", title="t", lang="de")
    assert caught.value.line == 2


def test_root_is_the_assets_folder(tmp_path: Path) -> None:
    (tmp_path / "hinweis.txt").write_text("Text aus den Assets", encoding="utf-8")
    pdf = compile_pdf('#read("hinweis.txt")', assets=tmp_path, title="t", lang="de")
    assert "Text aus den Assets" in reader(pdf).pages[0].extract_text()
    for path in ['"/etc/passwd"', '"../../../../../../etc/passwd"']:
        with pytest.raises(TypstCompileError, match=r"not found|escape the project root"):
            compile_pdf(f"#read({path})", assets=tmp_path, title="t", lang="de")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hinweis.txt"]


def test_without_assets_the_root_is_empty() -> None:
    with pytest.raises(TypstCompileError, match="not found"):
        compile_pdf('#read("/etc/hostname")', title="t", lang="de")


def test_missing_assets_folder(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="does not exist"):
        compile_pdf("x", assets=tmp_path / "fehlt", title="t", lang="de")


def test_package_imports_are_refused(tmp_path: Path) -> None:
    source = 'Hallo\n#import "@preview/cetz:0.3.0": canvas\n'
    with pytest.raises(TemplateError, match="line 2: imports a Typst package"):
        compile_pdf(source, title="t", lang="de")
    (tmp_path / "lib.typ").write_text('#import "@preview/x:1.0.0"\n', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"lib\.typ: line 1: imports a Typst package"):
        compile_pdf('#import "lib.typ"', assets=tmp_path, title="t", lang="de")
    # ... but data that looks like one is only text, in markup and in strings.
    spec = '#import "@preview/cetz:0.3.0"'
    compile_pdf(f"{escape_typst(spec)} #{typst_str(spec)}", title="t", lang="de")


def test_characters_no_font_has_are_replaced_with_a_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf = compile_pdf("Zeile\n\nDaumen 👍 und 漢字 👍", title="t", lang="de")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Daumen \ufffd und \ufffd\ufffd \ufffd" in text
    messages = [str(w.message) for w in caught if issubclass(w.category, PdfWarning)]
    assert len(messages) == 1
    assert "👍 漢 字" in messages[0] and "assets/fonts" in messages[0]
    assert compile_pdf("Daumen 👍", title="t", lang="de", standards=()).startswith(b"%PDF")


HARD_TEXT = {
    "emoji joined by zero-width joiners": "👩\u200d👩\u200d👧",
    "skin tone": "👍🏽",
    "keycap": "1\ufe0f\u20e3",
    "flag": "🇩🇪",
    "tag sequence": "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "skin tone alone": "\U0001f3fd",
    "Thai with combining vowels": "สวัสดี",
    "Devanagari": "नमस्ते",
    "noncharacter": "\ufdd0",
    "byte order mark": "\ufeffText",
    "control character": "a\x07b",
    "private use": "\ue000",
}


@pytest.mark.parametrize("text", HARD_TEXT.values(), ids=HARD_TEXT.keys())
def test_any_text_renders_in_markup_and_in_strings(text: str) -> None:
    """Whatever the YAML may hold becomes a PDF: what no font shows is a replacement character."""
    source = f"= Titel {escape_typst(text)}\n\nText {escape_typst(text)} #text({typst_str(text)})\n"
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        pdf = compile_pdf(source, title=text, lang="de")
    extracted = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Titel" in extracted and "Text" in extracted


def test_an_emoji_sequence_becomes_one_replacement_character() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf = compile_pdf("Familie 👩\u200d👩\u200d👧 da", title="t", lang="de")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Familie \ufffd da" in text
    messages = [str(w.message) for w in caught if issubclass(w.category, PdfWarning)]
    assert len(messages) == 1 and "👩\u200d👩\u200d👧" in messages[0]


def test_other_errors_about_fonts_still_fail() -> None:
    with pytest.raises(TypstCompileError, match="unknown variable"):
        compile_pdf("Daumen 👍 #nonexistent", title="t", lang="de")


def test_typst_warnings_become_python_warnings() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compile_pdf('#set text(font: "Arial")\nHallo', title="t", lang="de")
    messages = [str(w.message) for w in caught if issubclass(w.category, PdfWarning)]
    assert len(messages) == 1
    assert "line 1" in messages[0] and "unknown font family: arial" in messages[0]


def test_embedded_fonts_by_name() -> None:
    for family in EMBEDDED_FONT_FAMILIES:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PdfWarning)
            compile_pdf(f"#set text(font: {typst_str(family)})\nHallo", title="t", lang="de")


def test_embedded_font_families_match_typst() -> None:
    import typst

    families = typst.Fonts(include_system_fonts=False).families()
    assert sorted(families) == sorted(EMBEDDED_FONT_FAMILIES)


DEJAVU_SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.mark.skipif(not DEJAVU_SANS.is_file(), reason="needs a font file to copy")
def test_fonts_from_the_assets_folder_only(tmp_path: Path) -> None:
    source = '#set text(font: "DejaVu Sans")\nHallo'
    # System fonts are never used ...
    with pytest.warns(PdfWarning, match="unknown font family: dejavu sans"):
        compile_pdf(source, assets=tmp_path, title="t", lang="de")
    # ... fonts in the assets folder's fonts/ are.
    (tmp_path / "fonts").mkdir()
    shutil.copy(DEJAVU_SANS, tmp_path / "fonts")
    with warnings.catch_warnings():
        warnings.simplefilter("error", PdfWarning)
        pdf = compile_pdf(source, assets=tmp_path, title="t", lang="de")
    resources: Any = reader(pdf).pages[0]["/Resources"]
    fonts = [str(font.get_object()["/BaseFont"]) for font in resources["/Font"].values()]
    assert any("DejaVuSans" in name for name in fonts), fonts


def test_importing_does_not_import_typst() -> None:
    code = "import sys, kogsro.formats.pdf, kogsro.formats.escape; print('typst' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path.cwd()
    )
    assert result.stdout.strip() == "False"
