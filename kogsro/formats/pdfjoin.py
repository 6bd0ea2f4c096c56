"""Joining tagged PDFs that Typst made of one document's parts into one tagged PDF.

A long document (the decision log or the task list of many sessions) is compiled in parts,
because Typst keeps the whole layout of a document in memory (see
:func:`kogsro.formats.pdf.compile_pdf_parts`). :func:`join_pdfs` puts the parts' pages one after
another and keeps what PDF/A-2b and PDF/UA-1 ask of the whole:

- one structure tree: the elements under each part's document element go, in order, under the
  first part's document element; each part's marked-content references stay with its pages,
  whose ``/StructParents`` (and annotations' ``/StructParent``) move past the keys of the parts
  before, and the parent tree holds every part's entries under those keys;
- element ids (``/ID``, the ``/IDTree``, the ``/Headers`` of table cells that point to them)
  are made unique: a later part's ids get the prefix ``p<n>-``;
- the role map and class map of all parts; the first part's catalog (language, output intent,
  viewer preferences, mark info), document information and XMP metadata, whose page count is
  the new one;
- one outline: a later part's bookmarks follow the first part's; a later part carries no title
  heading of its own, so when the first part's last top-level bookmark has children (the
  document's title over its sections), the later part's top-level bookmarks join them.

Fonts stay per part (each part embeds the subsets it uses). The bytes are deterministic: the
same parts give the same PDF (the file identifier is computed from the content).

``pikepdf`` is imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pikepdf

__all__ = ["PdfJoinError", "join_pdfs", "page_count"]

_NPAGES = re.compile(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>")


class PdfJoinError(ValueError):
    """A part is not a tagged PDF of the kind Typst makes (one document element, a flat
    parent tree): joining it would break the structure tree, so nothing is joined."""


def page_count(pdf: bytes) -> int:
    """The number of pages of ``pdf``."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def join_pdfs(parts: Sequence[bytes]) -> bytes:
    """The pages of ``parts`` in order as one tagged PDF with one structure tree.

    Every part must be tagged (a ``/StructTreeRoot`` with one ``/Document`` element and a
    parent tree of ``/Nums``), as Typst writes PDF/UA-1; else :class:`PdfJoinError`.
    One part is returned as it is.
    """
    if not parts:
        raise ValueError("no PDF to join")
    if len(parts) == 1:
        return bytes(parts[0])
    import pikepdf

    out = pikepdf.open(io.BytesIO(parts[0]))
    tree = _tree(out, 1)
    document = _document(tree, 1)
    nums: list[Any] = list(tree.ParentTree.Nums)
    next_key = int(tree.get("/ParentTreeNextKey", _next_key(nums)))
    ids = _id_pairs(tree)
    kids = list(_kids(document))
    outline: list[Any] = []
    parts_open: list[pikepdf.Pdf] = []
    try:
        for number, data in enumerate(parts[1:], start=2):
            part = pikepdf.open(io.BytesIO(data))
            parts_open.append(part)
            part_tree = _tree(part, number)
            _document(part_tree, number)
            offset = next_key
            first_page = len(out.pages)
            index_of = {page.obj.objgen: i for i, page in enumerate(part.pages)}
            out.pages.extend(part.pages)
            for page in out.pages[first_page:]:
                _shift_struct_parents(page.obj, offset)
            # The part's whole structure tree, its elements' /Pg pointing to the pages just
            # copied; only what is taken from it below stays in the joined file.
            copied_tree: Any = out.copy_foreign(part_tree)
            part_nums = list(copied_tree.ParentTree.Nums)
            for i in range(0, len(part_nums), 2):
                nums += [int(part_nums[i]) + offset, part_nums[i + 1]]
            next_key = offset + int(copied_tree.get("/ParentTreeNextKey", _next_key(part_nums)))
            copied = _document(copied_tree, number)
            prefix = f"p{number}-"
            part_ids = _id_pairs(copied_tree)
            if part_ids:
                _rename_ids(copied, prefix)
                ids += [(prefix + key, element) for key, element in part_ids]
            for kid in _kids(copied):
                if isinstance(kid, pikepdf.Dictionary):
                    kid.P = document
                kids.append(kid)
            _merge_map(tree, copied_tree, "/RoleMap")
            _merge_map(tree, copied_tree, "/ClassMap")
            outline.append((part, first_page, index_of))
        document.K = pikepdf.Array(kids)
        tree.ParentTree = out.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
        tree.ParentTreeNextKey = next_key
        if ids:
            ids.sort(key=lambda pair: pair[0].encode("utf-8"))
            names: list[Any] = []
            for key, element in ids:
                names += [pikepdf.String(key), element]
            tree.IDTree = out.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(names)))
        _join_outlines(out, outline)
        _set_page_count(out, len(out.pages))
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, fix_metadata_version=False)
    finally:
        for part in parts_open:
            part.close()
        out.close()
    return buffer.getvalue()


def _tree(pdf: pikepdf.Pdf, number: int) -> pikepdf.Dictionary:
    import pikepdf

    tree = pdf.Root.get("/StructTreeRoot")
    if not isinstance(tree, pikepdf.Dictionary):
        raise PdfJoinError(f"part {number} is not a tagged PDF")
    parent_tree = tree.get("/ParentTree")
    if not isinstance(parent_tree, pikepdf.Dictionary) or "/Nums" not in parent_tree:
        raise PdfJoinError(f"part {number}: the parent tree is not a flat number tree")
    return tree


def _document(tree: pikepdf.Dictionary, number: int) -> pikepdf.Dictionary:
    import pikepdf

    kids = tree.get("/K")
    if isinstance(kids, pikepdf.Array) and len(kids) == 1:
        kids = kids[0]
    if not isinstance(kids, pikepdf.Dictionary) or kids.get("/S") != pikepdf.Name.Document:
        raise PdfJoinError(f"part {number}: the structure tree has not one document element")
    for kid in _kids(kids):
        if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
            raise PdfJoinError(f"part {number}: marked content right under the document element")
    return kids


def _kids(element: pikepdf.Dictionary) -> list[Any]:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _next_key(nums: list[Any]) -> int:
    return max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1


def _shift_struct_parents(page: pikepdf.Dictionary, offset: int) -> None:
    if "/StructParents" in page:
        page.StructParents = int(page.StructParents) + offset
    for annotation in page.get("/Annots", []):
        if "/StructParent" in annotation:
            annotation.StructParent = int(annotation.StructParent) + offset


def _id_pairs(tree: pikepdf.Dictionary) -> list[tuple[str, Any]]:
    """The (id, element) pairs of the structure tree's ``/IDTree`` (a name tree)."""
    import pikepdf

    pairs: list[tuple[str, Any]] = []

    def visit(node: Any) -> None:
        names = node.get("/Names")
        if isinstance(names, pikepdf.Array):
            for i in range(0, len(names), 2):
                pairs.append((str(names[i]), names[i + 1]))
        for kid in node.get("/Kids", []):
            visit(kid)

    id_tree = tree.get("/IDTree")
    if isinstance(id_tree, pikepdf.Dictionary):
        visit(id_tree)
    return pairs


def _rename_ids(document: pikepdf.Dictionary, prefix: str) -> None:
    """Prefix every element id below ``document`` and every ``/Headers`` entry naming one."""
    import pikepdf

    stack = _kids(document)
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            continue
        if "/ID" in element:
            element.ID = pikepdf.String(prefix + str(element.ID))
        attributes = element.get("/A")
        if attributes is not None:
            for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
                if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
                    attribute.Headers = pikepdf.Array(
                        [pikepdf.String(prefix + str(h)) for h in attribute.Headers]
                    )
        stack += _kids(element)


def _merge_map(tree: pikepdf.Dictionary, part_tree: pikepdf.Dictionary, key: str) -> None:
    import pikepdf

    theirs = part_tree.get(key)
    if not isinstance(theirs, pikepdf.Dictionary):
        return
    ours = tree.get(key)
    if not isinstance(ours, pikepdf.Dictionary):
        ours = pikepdf.Dictionary()
    merged = dict(ours.items())
    for k, v in theirs.items():
        merged.setdefault(k, v)
    tree[key] = pikepdf.Dictionary(merged)


def _join_outlines(out: pikepdf.Pdf, parts: list[tuple[pikepdf.Pdf, int, dict[Any, int]]]) -> None:
    """The later parts' bookmarks after the first part's (see the module's description)."""
    import pikepdf

    def items(
        part: pikepdf.Pdf, first_page: int, index_of: dict[Any, int], source: Any
    ) -> list[pikepdf.OutlineItem]:
        made = []
        for item in source:
            destination = item.destination
            if not isinstance(destination, pikepdf.Array) or len(destination) < 2:
                raise PdfJoinError(f"bookmark {item.title!r}: not a page destination")
            page = index_of[destination[0].objgen]
            new = pikepdf.OutlineItem(item.title)
            new.destination = pikepdf.Array(
                [out.pages[first_page + page].obj, *list(destination)[1:]]
            )
            new.is_closed = item.is_closed
            new.children += items(part, first_page, index_of, item.children)
            made.append(new)
        return made

    later = []
    for part, first_page, index_of in parts:
        with part.open_outline() as part_outline:
            later += items(part, first_page, index_of, part_outline.root)
    if not later:
        return
    with out.open_outline() as outline:
        root = outline.root
        if root and root[-1].children:
            root[-1].children += later
        else:
            root += later


def _set_page_count(pdf: pikepdf.Pdf, pages: int) -> None:
    """The XMP metadata's page count (``xmpTPg:NPages``), written where Typst wrote it."""
    import pikepdf

    metadata = pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        return
    data = metadata.read_bytes()
    new = _NPAGES.sub(f"<xmpTPg:NPages>{pages}</xmpTPg:NPages>".encode(), data)
    if new != data:
        metadata.write(new)
