"""Reading PDFs in tests: text as a reader sees it, metadata, fonts."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def flat_text(pdf: bytes) -> str:
    """All text in one line, with the words Typst hyphenated at line ends joined again.

    A hyphen at a line end is either one Typst added (dropped here) or one of the text
    ("Steglitz-Zehlendorf", kept): the two readings are joined by a line break, so a search in
    this text finds a phrase under either reading (see :func:`contains`).
    """
    text = re.sub(r"\u00ad\s*", "", "\n".join(page_texts(pdf)))
    hyphenated = " ".join(re.sub(r"-\n", "", text).split())
    kept = " ".join(re.sub(r"-\n", "-", text).split())
    return hyphenated if hyphenated == kept else f"{kept}\n{hyphenated}"


def xmp(pdf: bytes) -> str:
    metadata = reader(pdf).trailer["/Root"]["/Metadata"].get_object()
    return str(metadata.get_data().decode("utf-8"))


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font used, by name without the subset prefix: whether its file is embedded."""
    found: dict[str, bool] = {}

    def visit(font: Any) -> None:
        font = font.get_object()
        name = re.sub(r"^[A-Z]{6}\+", "", str(font.get("/BaseFont", "?")).lstrip("/"))
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            for child in font["/DescendantFonts"]:
                visit(child)
            return
        embedded = descriptor is not None and any(
            key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        found[name] = found.get(name, True) and embedded

    for page in reader(pdf).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for font in resources.get_object().get("/Font", {}).values():
            visit(font)
    return found


def digest(pdf: bytes) -> str:
    """What a golden file keeps of a PDF: metadata, standards, fonts and the text per page."""
    pdf_reader = reader(pdf)
    info = pdf_reader.metadata or {}
    catalog = pdf_reader.trailer["/Root"]
    meta = xmp(pdf)
    lines = [
        f"title: {info.get('/Title')}",
        f"language: {catalog.get('/Lang')}",
        f"pdfa: {_tag(meta, 'pdfaid:part')}{_tag(meta, 'pdfaid:conformance').lower()}",
        f"pdfua: {_tag(meta, 'pdfuaid:part')}",
        f"tagged: {bool(catalog.get('/MarkInfo', {}).get('/Marked'))}",
        f"pages: {len(pdf_reader.pages)}",
        "fonts: "
        + ", ".join(
            f"{name}{'' if ok else ' (NOT EMBEDDED)'}" for name, ok in sorted(fonts(pdf).items())
        ),
    ]
    for number, text in enumerate(page_texts(pdf), start=1):
        lines += ["", f"--- page {number} ---", text.rstrip()]
    return "\n".join(lines) + "\n"


def _tag(meta: str, name: str) -> str:
    match = re.search(rf"<{name}>([^<]*)</{name}>|{name}=\"([^\"]*)\"", meta)
    if match is None:
        return ""
    return match.group(1) or match.group(2) or ""


def structure_problems(pdf: bytes) -> list[str]:
    """What is wrong with the structure tree of a tagged PDF, or nothing.

    Walks the tree from ``/StructTreeRoot`` down: every element's ``/P`` is the element above
    it, every marked-content id (``/MCID``) on every page is reached by exactly one element,
    which is also the one the parent tree names under the page's ``/StructParents``; every
    annotation with a ``/StructParent`` (a link) is named by the element the parent tree gives
    for it; every
    element id is unique and in the ``/IDTree``, and every ``/Headers`` entry names one.
    """
    pdf_reader = reader(pdf)
    tree = pdf_reader.trailer["/Root"]["/StructTreeRoot"]
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(pdf_reader.pages)}
    problems: list[str] = []
    reached: dict[tuple[int, int], int] = {}
    ids: dict[str, int] = {}
    headers: list[tuple[int, str]] = []
    annotations: dict[int, int] = {}  # annotation -> the element whose /OBJR names it

    def kids(element: Any) -> list[Any]:
        found = element.get("/K")
        if found is None:
            return []
        return list(found) if isinstance(found, ArrayObject) else [found]

    stack = [(ref, tree.indirect_reference) for ref in kids(tree)]
    while stack:
        ref, parent = stack.pop()
        element = ref.get_object()
        if element.raw_get("/P").idnum != parent.idnum:
            problems.append(f"element {ref.idnum}: /P is not the element above it")
        if "/ID" in element:
            if str(element["/ID"]) in ids:
                problems.append(f"element id {element['/ID']} twice")
            ids[str(element["/ID"])] = ref.idnum
        attributes = element.get("/A")
        for attribute in attributes if isinstance(attributes, ArrayObject) else [attributes]:
            if isinstance(attribute, DictionaryObject) and "/Headers" in attribute:
                headers += [(ref.idnum, str(h)) for h in attribute["/Headers"]]
        page = element.raw_get("/Pg").idnum if "/Pg" in element else None
        for kid in kids(element):
            if isinstance(kid, int):
                if page is None:
                    problems.append(f"element {ref.idnum}: marked content without a page")
                    continue
                place = (pages[page], int(kid))
            elif kid.get_object().get("/Type") == "/MCR":
                mcr = kid.get_object()
                place = (pages[mcr.raw_get("/Pg").idnum], int(mcr["/MCID"]))
            elif kid.get_object().get("/Type") == "/OBJR":
                annotations[kid.get_object().raw_get("/Obj").idnum] = ref.idnum
                continue
            else:
                stack.append((kid, ref))
                continue
            if place in reached:
                problems.append(f"page {place[0] + 1}, MCID {place[1]}: reached twice")
            reached[place] = ref.idnum
    nums = tree["/ParentTree"]["/Nums"]
    parent_tree = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    marked = 0
    for index, page in enumerate(pdf_reader.pages):
        mcids = [int(m) for m in re.findall(rb"/MCID (\d+)", page.get_contents().get_data())]
        entry = parent_tree.get(int(page.get("/StructParents", -1)))
        for mcid in mcids:
            marked += 1
            if (index, mcid) not in reached:
                problems.append(f"page {index + 1}, MCID {mcid}: not in the structure tree")
            elif entry is None or entry[mcid].indirect_reference.idnum != reached[(index, mcid)]:
                problems.append(f"page {index + 1}, MCID {mcid}: the parent tree names another")
        for annotation_ref in page.get("/Annots", []):
            annotation = annotation_ref.get_object()
            if "/StructParent" not in annotation:
                continue
            owner = parent_tree.get(int(annotation["/StructParent"]))
            if annotation_ref.idnum not in annotations:
                problems.append(f"page {index + 1}: an annotation is not in the structure tree")
            elif (
                owner is None or owner.indirect_reference.idnum != annotations[annotation_ref.idnum]
            ):
                problems.append(f"page {index + 1}: the parent tree names another annotation owner")
    if marked != len(reached):
        problems.append(f"{len(reached)} marked-content ids in the tree, {marked} on the pages")
    id_tree: dict[str, int] = {}
    if "/IDTree" in tree:
        names = tree["/IDTree"]["/Names"]
        id_tree = {str(names[i]): names[i + 1].idnum for i in range(0, len(names), 2)}
    if id_tree != ids:
        problems.append("the /IDTree does not list exactly the elements' ids")
    for idnum, header in headers:
        if header not in ids:
            problems.append(f"element {idnum}: /Headers names {header}, which is no element id")
    return problems
