"""A long PDF compiled in parts, each in a process of its own, and joined into one tagged PDF."""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable

import pikepdf
import pytest

from kogsro.formats.pdf import (
    PdfWarning,
    TypstCompileError,
    compile_pdf,
    compile_pdf_parts,
    compile_pdf_rows,
)
from kogsro.formats.pdfjoin import PdfJoinError, join_pdfs, page_count, row_pages
from tests.pdfcheck import digest, page_texts, reader, structure_problems, xmp

# The page frame of base.typ.j2 in short: the footer's "Seite x von y" and the first page's
# number come from sys.inputs when the document is compiled in parts.
FRAME = """#set page(height: 12cm, footer: context [Seite #counter(page).display() von \
#if "kogsro-page-total" in sys.inputs [#sys.inputs.at("kogsro-page-total")] \
else [#counter(page).final().first()]])
#if "kogsro-first-page" in sys.inputs {
  counter(page).update(int(sys.inputs.at("kogsro-first-page")))
}
"""


def section(name: str, rows: int) -> str:
    cells = ", ".join(f"[{name}-{i}], [Aufgabe {i} im Abschnitt {name}]" for i in range(rows))
    return (
        f"== Abschnitt {name}\n\n"
        f"#table(columns: 2, table.header([Kennung], [Aufgabe]), {cells})\n\n"
        f"Ende des Abschnitts {name}.\n\n"
    )


PARTS = [
    FRAME + "= Aufgabenliste\n\n" + section("A", 12) + section("B", 3),
    FRAME + section("C", 20) + '#link("https://example.org/c")[Mehr zu C]\n',
    FRAME + '#link("https://example.org/d")[Mehr zu D]\n\n' + section("D", 2) + section("E", 4),
]


@pytest.fixture(scope="module")
def joined() -> bytes:
    return compile_pdf_parts(PARTS, title="Aufgabenliste", lang="de", timestamp=0)


def test_parts_are_one_document_with_page_numbers_across_them(joined: bytes) -> None:
    alone = [compile_pdf(part, title="T", lang="de", standards=("a-2b",)) for part in PARTS]
    each = [page_count(pdf) for pdf in alone]
    assert min(each) >= 1 and each[1] >= 2  # the middle part has pages of its own
    total = sum(each)
    texts = page_texts(joined)
    assert len(texts) == total
    for number, text in enumerate(texts, start=1):
        assert text.rstrip().endswith(f"Seite {number} von {total}")
    # Every part starts on a new page; its first page is numbered after the part before.
    assert texts[each[0]].startswith("Abschnitt C")
    assert texts[each[0] + each[1]].startswith("Mehr zu D")
    flat = " ".join(texts)
    places = [flat.index(f"Ende des Abschnitts {name}.") for name in "ABCDE"]
    assert places == sorted(places)
    assert flat.count("Aufgabenliste") == 1


def test_joined_pdf_is_tagged_as_one_pdf_a_and_ua(joined: bytes) -> None:
    head = digest(joined).split("\n--- page 1")[0]
    assert "title: Aufgabenliste" in head and "language: de" in head
    assert "pdfa: 2b" in head and "pdfua: 1" in head and "tagged: True" in head
    assert structure_problems(joined) == []
    pdf = reader(joined)
    catalog = pdf.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] and catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert len(catalog["/OutputIntents"]) == 1
    tree = catalog["/StructTreeRoot"]
    assert len(tree["/K"]) == 1 and tree["/K"][0]["/S"] == "/Document"
    kinds = [kid.get_object()["/S"] for kid in tree["/K"][0]["/K"]]
    assert kinds.count("/H1") == 1 and kinds.count("/H2") == 5 and kinds.count("/Table") == 5
    assert kinds.index("/H1") < kinds.index("/H2")
    pages = len(pdf.pages)
    assert re.search(rf"<xmpTPg:NPages>{pages}</xmpTPg:NPages>", xmp(joined))
    keys = [page["/StructParents"] for page in pdf.pages]
    assert keys == sorted(set(keys)) and keys[0] == 0
    assert tree["/ParentTreeNextKey"] == pages + 2  # a key for each page and each link


def test_links_of_later_parts_keep_their_place_in_the_structure_tree(joined: bytes) -> None:
    pdf = reader(joined)
    links = [
        (index, annotation.get_object())
        for index, page in enumerate(pdf.pages)
        for annotation in page.get("/Annots", [])
    ]
    assert [link["/A"]["/URI"] for _, link in links] == [
        "https://example.org/c",
        "https://example.org/d",
    ]
    keys = {link["/StructParent"] for _, link in links}
    assert len(keys) == 2 and not keys & {page["/StructParents"] for page in pdf.pages}
    assert structure_problems(joined) == []  # each link's key names the element of its OBJR


def test_table_headers_point_to_their_own_table(joined: bytes) -> None:
    """Typst numbers each part's tables from 1: the later parts' ids are made unique, and each
    data cell still names the header cell of its own table."""
    tree = reader(joined).trailer["/Root"]["/StructTreeRoot"]
    tables = [k.get_object() for k in tree["/K"][0]["/K"] if k.get_object()["/S"] == "/Table"]
    seen: set[str] = set()
    for table in tables:
        head, body = (part.get_object() for part in table["/K"])
        ids = {str(th.get_object()["/ID"]) for th in head["/K"][0].get_object()["/K"]}
        assert not ids & seen
        seen |= ids
        for row in body["/K"]:
            for cell in row.get_object()["/K"]:
                headers = cell.get_object()["/A"][0]["/Headers"]
                assert {str(h) for h in headers} <= ids


def test_outline_of_later_parts_goes_on_under_the_title(joined: bytes) -> None:
    pdf = reader(joined)
    outline = pdf.outline
    assert [item["/Title"] for item in outline if not isinstance(item, list)] == ["Aufgabenliste"]
    children = outline[1]
    assert [c["/Title"] for c in children] == [f"Abschnitt {n}" for n in "ABCDE"]
    texts = page_texts(joined)
    for child in children:
        page = pdf.get_destination_page_number(child)
        assert child["/Title"] in texts[page]


def test_the_same_parts_give_the_same_bytes(joined: bytes) -> None:
    again = compile_pdf_parts(PARTS, title="Aufgabenliste", lang="de", timestamp=0)
    assert again == joined
    other_time = compile_pdf_parts(PARTS, title="Aufgabenliste", lang="de", timestamp=86400)
    assert other_time != joined


def test_structure_check_sees_a_broken_join(joined: bytes) -> None:
    """The check the tests rely on finds a page pointing into another page's entries, and
    element ids made twice."""
    with pikepdf.open(io.BytesIO(joined)) as pdf:
        pdf.pages[-1].obj.StructParents = 0
        broken = io.BytesIO()
        pdf.save(broken)
    assert any("parent tree" in p for p in structure_problems(broken.getvalue()))
    with pikepdf.open(io.BytesIO(joined)) as pdf:
        tree = pdf.Root.StructTreeRoot
        names = list(tree.IDTree.Names)
        names[2] = names[0]  # two elements under one id
        tree.IDTree.Names = pikepdf.Array(names)
        broken = io.BytesIO()
        pdf.save(broken)
    assert structure_problems(broken.getvalue())


def test_one_part_is_returned_as_it_is() -> None:
    pdf = compile_pdf(FRAME + "= Titel\n\nText.", title="T", lang="de", timestamp=0)
    assert join_pdfs([pdf]) == pdf
    with pytest.raises(ValueError):
        join_pdfs([])
    with pytest.raises(ValueError):
        compile_pdf_parts([], title="T", lang="de")


def test_an_untagged_pdf_is_not_joined() -> None:
    tagged = compile_pdf("= Titel\n\nText.", title="T", lang="de", timestamp=0)
    untagged = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(untagged)
    with pytest.raises(PdfJoinError, match="part 2 is not a tagged PDF"):
        join_pdfs([tagged, untagged.getvalue()])


def test_an_error_in_a_part_names_its_line() -> None:
    parts = [FRAME + "= Titel\n\nText.", FRAME + "Gut.\n\n#nothing-here\n"]
    with pytest.raises(TypstCompileError) as caught:
        compile_pdf_parts(parts, title="T", lang="de", source_name="actions.typ.j2")
    assert caught.value.line == FRAME.count("\n") + 3
    assert "actions.typ.j2: line" in str(caught.value)
    assert "unknown variable: nothing-here" in str(caught.value)


def test_a_warning_of_several_parts_is_given_once() -> None:
    odd = '#text(font: "No Such Font")[x]\n'
    parts = [FRAME + "= Titel\n\n" + odd, FRAME + odd, FRAME + odd]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compile_pdf_parts(parts, title="T", lang="de", timestamp=0)
    said = [str(w.message) for w in caught if issubclass(w.category, PdfWarning)]
    assert len(said) == 2 and all("No Such Font" in s for s in said)  # the line differs once


def table(start: int, stop: int) -> str:
    """Rows ``start`` to ``stop`` of a long table; the first part has the title."""
    rows = ", ".join(
        f"[Z-{i:03}], [{'Eine Aufgabe mit etwas längerem Text. ' * (1 + i % 4)}]"
        for i in range(start, stop)
    )
    title = "= Aufgabenliste\n\n" if start == 0 else ""
    return (
        FRAME
        + title
        + f"#table(columns: (auto, 1fr), table.header([Kennung], [Aufgabe]), {rows})\n"
    )


def test_row_pages_of_a_table() -> None:
    pdf = compile_pdf(table(0, 40), title="T", lang="de", timestamp=0)
    spans = row_pages(pdf)
    assert len(spans) == 40  # the body rows, not the header
    assert spans[0] == (0, 0) and spans[-1][1] == page_count(pdf) - 1
    assert all(a <= b for a, b in spans) and spans == sorted(spans)
    untagged = compile_pdf("Text.", title="T", lang="de", timestamp=0)
    assert row_pages(untagged) == []


def test_a_table_in_parts_fills_its_pages_as_in_one_piece() -> None:
    """Each part ends where the whole table's page would end, not on a page of a row or two."""
    whole = compile_pdf(table(0, 60), title="T", lang="de", timestamp=0)
    joined = compile_pdf_rows(table, 60, per_part=25, title="T", lang="de", timestamp=0)
    texts = page_texts(joined)
    assert len(texts) == page_count(whole) and len(texts) >= 6
    for number, text in enumerate(texts, start=1):
        assert text.rstrip().endswith(f"Seite {number} von {len(texts)}")
    found = re.findall(r"Z-\d{3}", " ".join(texts))
    assert found == [f"Z-{i:03}" for i in range(60)]
    assert [re.findall(r"Z-\d{3}", t)[:1] for t in texts] == [
        re.findall(r"Z-\d{3}", t)[:1] for t in page_texts(whole)
    ]  # each page begins with the same row as in one piece
    assert structure_problems(joined) == []
    with pytest.raises(ValueError):
        compile_pdf_rows(table, 0, per_part=25, title="T", lang="de")


def test_a_worker_that_dies_is_an_error_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """A part's process that ends without a result (killed, out of memory) stops the compile
    with a TemplateError naming the document."""
    from kogsro.errors import TemplateError

    monkeypatch.setattr("sys.executable", "/bin/false")
    with pytest.raises(TemplateError, match=r"actions.typ.j2: the Typst compiler stopped"):
        compile_pdf_parts(PARTS, title="T", lang="de", source_name="actions.typ.j2")


def _changed(pdf: bytes, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        change(document)
        changed = io.BytesIO()
        document.save(changed)
    return changed.getvalue()


def _two_roots(pdf: pikepdf.Pdf) -> None:
    tree = pdf.Root.StructTreeRoot
    tree.K = pikepdf.Array([tree.K[0], tree.K[0]])


def _parent_tree_in_kids(pdf: pikepdf.Pdf) -> None:
    tree = pdf.Root.StructTreeRoot
    leaf = pdf.make_indirect(pikepdf.Dictionary(Nums=tree.ParentTree.Nums, Limits=[0, 0]))
    tree.ParentTree = pikepdf.Dictionary(Kids=[leaf])


def _content_under_document(pdf: pikepdf.Pdf) -> None:
    document = pdf.Root.StructTreeRoot.K[0]
    document.K = pikepdf.Array([*document.K, 0])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_two_roots, "part 2: the structure tree has not one document element"),
        (_parent_tree_in_kids, "part 2: the parent tree is not a flat number tree"),
        (_content_under_document, "part 2: marked content right under the document element"),
    ],
)
def test_a_part_of_another_shape_is_not_joined(
    change: Callable[[pikepdf.Pdf], None], message: str
) -> None:
    """What the join relies on is checked first: nothing half-joined comes out."""
    first = compile_pdf(FRAME + "= Titel\n\nText.", title="T", lang="de", timestamp=0)
    second = compile_pdf(FRAME + "Mehr Text.", title="T", lang="de", standards=("a-2b",))
    assert structure_problems(join_pdfs([first, second])) == []
    with pytest.raises(PdfJoinError, match=message):
        join_pdfs([first, _changed(second, change)])
