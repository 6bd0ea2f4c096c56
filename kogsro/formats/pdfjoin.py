"""Joining tagged PDFs that Typst made of one document's parts into one tagged PDF.

A long document (the decision log or the task list of many sessions) is compiled in parts,
because Typst keeps the whole layout of a document in memory (see
:func:`kogsro.formats.pdf.compile_pdf_parts`). :func:`join_pdfs` puts the parts' pages one after
another and keeps what PDF/A-2b and PDF/UA-1 ask of the whole:

- one structure tree: the elements under each part's document element go, in order, under one
  document element; each part's marked-content references stay with its pages, whose
  ``/StructParents`` (and annotations' ``/StructParent``) move past the keys of the parts
  before, and the parent tree holds every part's entries under those keys;
- element ids (``/ID``, the ``/IDTree``, the ``/Headers`` of table cells that point to them)
  are made unique: a later part's ids get the prefix ``p<n>-``;
- the role map and class map of all parts; the first part's catalog (language, output intent,
  viewer preferences, mark info), document information and XMP metadata, whose page count is
  the new one;
- one outline: a later part's bookmarks follow the first part's; a later part carries no title
  heading of its own, so when the first part's last top-level bookmark has children (the
  document's title over its sections), the later part's top-level bookmarks join them.

The joined file is written object by object as the parts are read, one part at a time, so
joining needs the memory of one part, not of the whole document. Fonts stay per part (each part
embeds the subsets it uses). The bytes are deterministic: the same parts give the same PDF (the
file identifier is computed from the content).

``pikepdf`` (which reads the parts) is imported inside the functions: importing this module
costs nothing.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

__all__ = ["PdfJoinError", "join_pdfs", "page_count", "row_pages"]

_NPAGES = re.compile(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>")
# Keys of a part's catalog that the joined catalog writes itself.
_OWN_CATALOG_KEYS = {"/Pages", "/StructTreeRoot", "/Outlines", "/Metadata", "/Type"}


class PdfJoinError(ValueError):
    """A part is not a tagged PDF of the kind Typst makes (one document element, a flat
    parent tree): joining it would break the structure tree, so nothing is joined."""


def page_count(pdf: bytes) -> int:
    """The number of pages of ``pdf``."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def row_pages(pdf: bytes) -> list[tuple[int, int]]:
    """The first and the last page (from 0) of each body row of the tables in a tagged PDF, in
    the order of the structure tree (the table rows, ``/TR`` under ``/TBody``)."""
    import pikepdf

    spans: list[tuple[int, int]] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        index = {page.obj.objgen: i for i, page in enumerate(document.pages)}
        tree = document.Root.get("/StructTreeRoot")
        if not isinstance(tree, pikepdf.Dictionary):
            return spans

        def pages(element: Any, found: set[int]) -> set[int]:
            page = element.get("/Pg")
            for kid in _kids(element):
                if isinstance(kid, int):
                    if page is not None:
                        found.add(index[page.objgen])
                elif isinstance(kid, pikepdf.Dictionary):
                    if kid.get("/Type") == pikepdf.Name.MCR:
                        mcr_page = kid.get("/Pg", page)
                        if mcr_page is not None:
                            found.add(index[mcr_page.objgen])
                    elif "/S" in kid:
                        pages(kid, found)
            return found

        def visit(element: Any, body: bool) -> None:
            kind = element.get("/S")
            if body and kind == pikepdf.Name.TR:
                found = pages(element, set())
                if found:
                    spans.append((min(found), max(found)))
                return
            for kid in _kids(element):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    visit(kid, body or kind == pikepdf.Name.TBody)

        for kid in _kids(tree):
            if isinstance(kid, pikepdf.Dictionary):
                visit(kid, False)
    return spans


@dataclass
class _Bookmark:
    title: bytes  # the title as PDF syntax
    page: int  # in the joined document
    place: list[bytes]  # the destination after the page: /XYZ left top zoom
    closed: bool
    children: list[_Bookmark] = field(default_factory=list)


class _Out:
    """The joined file as it is written: numbered objects, their offsets."""

    def __init__(self, version: str) -> None:
        self.buffer = io.BytesIO()
        self.buffer.write(f"%PDF-{version}\n%\xe2\xe3\xcf\xd3\n".encode("latin-1"))
        self.offsets: dict[int, int] = {}
        self.count = 0
        self.pages: list[int] = []

    def page_number(self, index: int) -> int:
        """The object number of the page ``index`` (from 0) of the joined document."""
        return self.pages[index]

    def reserve(self) -> int:
        self.count += 1
        return self.count

    def write(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        self.offsets[number] = self.buffer.tell()
        self.buffer.write(b"%d 0 obj\n" % number + body)
        if stream is not None:
            self.buffer.write(b"\nstream\n" + stream + b"\nendstream")
        self.buffer.write(b"\nendobj\n")

    def finish(self, root: int, info: int | None, first_id: bytes) -> bytes:
        body = self.buffer.getvalue()
        second_id = hashlib.md5(body, usedforsecurity=False).hexdigest().encode()
        xref = self.buffer.tell()
        size = self.count + 1
        lines = [b"xref\n0 %d\n" % size, b"0000000000 65535 f\r\n"]
        lines += [b"%010d 00000 n\r\n" % self.offsets[n] for n in range(1, size)]
        trailer = b"/Size %d /Root %d 0 R" % (size, root)
        if info is not None:
            trailer += b" /Info %d 0 R" % info
        trailer += b" /ID [" + first_id + b" <" + second_id + b">]"
        lines.append(b"trailer\n<<" + trailer + b">>\nstartxref\n%d\n%%%%EOF\n" % xref)
        self.buffer.write(b"".join(lines))
        return self.buffer.getvalue()


class _Part:
    """One part being copied: its objects get numbers of the joined file as they are met."""

    def __init__(self, out: _Out, fixed: dict[tuple[int, int], int]) -> None:
        self.out = out
        self.numbers: dict[tuple[int, int], int] = dict(fixed)
        self.todo: deque[Any] = deque()
        self.done: set[tuple[int, int]] = set(fixed)
        self.key_offset = 0
        self.id_prefix = ""

    def ref(self, obj: Any) -> bytes:
        objgen = obj.objgen
        number = self.numbers.get(objgen)
        if number is None:
            number = self.numbers[objgen] = self.out.reserve()
            self.todo.append(obj)
        return b"%d 0 R" % number

    def copy_all(self) -> None:
        """Write every object met so far, and the objects they lead to."""
        while self.todo:
            obj = self.todo.popleft()
            if obj.objgen in self.done:
                continue
            self.done.add(obj.objgen)
            self.copy(obj, self.numbers[obj.objgen])

    def copy(self, obj: Any, number: int, override: dict[str, bytes] | None = None) -> None:
        import pikepdf

        if isinstance(obj, pikepdf.Stream):
            data = obj.read_raw_bytes()
            entries = self.entries(obj, {**(override or {}), "/Length": b"%d" % len(data)})
            self.out.write(number, entries, data)
        elif isinstance(obj, pikepdf.Dictionary):
            self.out.write(number, self.entries(obj, override))
        elif isinstance(obj, pikepdf.Array):
            self.out.write(number, b"[" + b" ".join(self.value(v) for v in obj) + b"]")
        else:
            self.out.write(number, bytes(obj.unparse(resolved=True)))

    def entries(
        self,
        dictionary: Any,
        override: dict[str, bytes] | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> bytes:
        """A dictionary as PDF syntax; ``override``: entries written instead of its own."""
        import pikepdf

        override = override or {}
        items = []
        element = "/S" in dictionary
        for key in sorted(dictionary.keys()):
            if key in override or key in skip:
                continue
            value = dictionary.get(key)
            if key in ("/StructParents", "/StructParent") and isinstance(value, int):
                text = b"%d" % (value + self.key_offset)
            elif self.id_prefix and key == "/ID" and element:
                text = pikepdf.String(self.id_prefix + str(value)).unparse()
            elif self.id_prefix and key == "/Headers" and isinstance(value, pikepdf.Array):
                headers = [pikepdf.String(self.id_prefix + str(h)).unparse() for h in value]
                text = b"[" + b" ".join(headers) + b"]"
            else:
                text = self.value(value)
            items.append(pikepdf.Name(key).unparse() + b" " + text)
        items += [pikepdf.Name(key).unparse() + b" " + text for key, text in override.items()]
        return b"<<" + b" ".join(items) + b">>"

    def value(self, value: Any) -> bytes:
        """A value as PDF syntax, references numbered as in the joined file."""
        import pikepdf

        if isinstance(value, pikepdf.Object):
            if value.is_indirect:
                return self.ref(value)
            if isinstance(value, pikepdf.Dictionary):
                return self.entries(value)
            if isinstance(value, pikepdf.Array):
                return b"[" + b" ".join(self.value(v) for v in value) + b"]"
            return bytes(value.unparse())
        if value is None:
            return b"null"
        if isinstance(value, bool):
            return b"true" if value else b"false"
        if isinstance(value, int):
            return b"%d" % value
        if isinstance(value, Decimal):
            text = format(value, "f")
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            return text.encode() if text not in ("", "-") else b"0"
        raise PdfJoinError(f"a value of an unknown kind: {value!r}")  # pragma: no cover


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

    with pikepdf.open(io.BytesIO(parts[0])) as first:
        out = _Out(str(first.pdf_version))
    catalog, pages_root, tree_root, document, metadata = (out.reserve() for _ in range(5))
    kids: list[bytes] = []
    nums: list[bytes] = []
    ids: list[tuple[str, bytes]] = []
    maps: dict[str, dict[str, bytes]] = {"/RoleMap": {}, "/ClassMap": {}}
    pages = out.pages
    bookmarks: list[_Bookmark] = []
    catalog_entries = b""
    xmp: bytes | None = None
    info: int | None = None
    first_id = b"()"
    next_key = 0
    for number, data in enumerate(parts, start=1):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            tree = _tree(pdf, number)
            part_document = _document(tree, number)
            fixed = {tree.objgen: tree_root, part_document.objgen: document}
            fixed[pdf.Root.Pages.objgen] = pages_root
            part = _Part(out, fixed)
            part.key_offset = next_key
            part.id_prefix = f"p{number}-" if number > 1 else ""
            first_page = len(pages)
            for page in pdf.pages:  # numbered first: links may point to any page of the part
                pages.append(out.reserve())
                part.numbers[page.obj.objgen] = pages[-1]
                part.done.add(page.obj.objgen)
            for index, page in enumerate(pdf.pages):
                part.copy(page.obj, pages[first_page + index], {"/Parent": b"%d 0 R" % pages_root})
            kids += [part.value(kid) for kid in _kids(part_document)]
            part_nums = list(tree.ParentTree.Nums)
            for i in range(0, len(part_nums), 2):
                key = int(part_nums[i]) + next_key
                nums.append(b"%d %s" % (key, part.value(part_nums[i + 1])))
            next_key += int(tree.get("/ParentTreeNextKey", _next_key(part_nums)))
            ids += [(part.id_prefix + key, part.value(e)) for key, e in _id_pairs(tree)]
            for name, merged in maps.items():
                for key, value in dict(tree.get(name, {})).items():
                    merged.setdefault(key, part.value(value))
            page_index = {page.obj.objgen: first_page + i for i, page in enumerate(pdf.pages)}
            later = _bookmarks(part, pdf.Root.get("/Outlines"), page_index)
            if bookmarks and bookmarks[-1].children:
                bookmarks[-1].children += later
            else:
                bookmarks += later
            if number == 1:
                skip = frozenset(_OWN_CATALOG_KEYS)
                catalog_entries = part.entries(pdf.Root, skip=skip)[2:-2]
                stream = pdf.Root.get("/Metadata")
                if isinstance(stream, pikepdf.Stream):
                    xmp = stream.read_bytes()
                if "/Info" in pdf.trailer:
                    info = int(part.ref(pdf.trailer.Info).split()[0])
                if "/ID" in pdf.trailer:
                    first_id = part.value(pdf.trailer.ID[0])
            part.copy_all()
    outline = _write_outline(out, bookmarks)
    page_refs = b" ".join(b"%d 0 R" % p for p in pages)
    out.write(pages_root, b"<</Type /Pages /Count %d /Kids [%s]>>" % (len(pages), page_refs))
    out.write(
        document,
        b"<</Type /StructElem /S /Document /P %d 0 R /K [%s]>>" % (tree_root, b" ".join(kids)),
    )
    tree_entries = [
        b"/Type /StructTreeRoot",
        b"/K [%d 0 R]" % document,
        b"/ParentTree <</Nums [%s]>>" % b" ".join(nums),
        b"/ParentTreeNextKey %d" % next_key,
    ]
    if ids:
        ids.sort(key=lambda pair: pair[0].encode("utf-8"))
        names = b" ".join(pikepdf.String(k).unparse() + b" " + v for k, v in ids)
        tree_entries.append(b"/IDTree <</Names [%s]>>" % names)
    for name, merged in maps.items():
        if merged:
            entries = b" ".join(
                pikepdf.Name(k).unparse() + b" " + v for k, v in sorted(merged.items())
            )
            tree_entries.append(name.encode() + b" <<" + entries + b">>")
    out.write(tree_root, b"<<" + b" ".join(tree_entries) + b">>")
    head = b"/Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R" % (pages_root, tree_root)
    if outline is not None:
        head += b" /Outlines %d 0 R" % outline
    if xmp is not None:
        xmp = _NPAGES.sub(b"<xmpTPg:NPages>%d</xmpTPg:NPages>" % len(pages), xmp)
        head += b" /Metadata %d 0 R" % metadata
        out.write(metadata, b"<</Type /Metadata /Subtype /XML /Length %d>>" % len(xmp), xmp)
    else:
        out.write(metadata, b"null")
    out.write(catalog, b"<<" + head + b" " + catalog_entries.strip() + b">>")
    return out.finish(catalog, info, first_id)


def _tree(pdf: Any, number: int) -> Any:
    import pikepdf

    tree = pdf.Root.get("/StructTreeRoot")
    if not isinstance(tree, pikepdf.Dictionary):
        raise PdfJoinError(f"part {number} is not a tagged PDF")
    parent_tree = tree.get("/ParentTree")
    if not isinstance(parent_tree, pikepdf.Dictionary) or "/Nums" not in parent_tree:
        raise PdfJoinError(f"part {number}: the parent tree is not a flat number tree")
    pages = pdf.Root.Pages
    if len(pages.get("/Kids", [])) != len(pdf.pages):
        raise PdfJoinError(f"part {number}: the page tree is not flat")
    return tree


def _document(tree: Any, number: int) -> Any:
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


def _kids(element: Any) -> list[Any]:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _next_key(nums: list[Any]) -> int:
    return max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1


def _id_pairs(tree: Any) -> list[tuple[str, Any]]:
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


def _bookmarks(
    part: _Part, outlines: Any, page_index: dict[tuple[int, int], int]
) -> list[_Bookmark]:
    """A part's outline items as bookmarks of the joined document."""
    import pikepdf

    found: list[_Bookmark] = []
    item = outlines.get("/First") if isinstance(outlines, pikepdf.Dictionary) else None
    while isinstance(item, pikepdf.Dictionary):
        destination = item.get("/Dest")
        if not isinstance(destination, pikepdf.Array) or len(destination) < 2:
            raise PdfJoinError(f"bookmark {item.get('/Title')}: not a page destination")
        found.append(
            _Bookmark(
                title=part.value(item.Title),
                page=page_index[destination[0].objgen],
                place=[part.value(v) for v in list(destination)[1:]],
                closed=int(item.get("/Count", 0)) < 0,
                children=_bookmarks(part, item, page_index),
            )
        )
        item = item.get("/Next")
    return found


def _write_outline(out: _Out, bookmarks: list[_Bookmark]) -> int | None:
    """The outline dictionaries of ``bookmarks``; the number of the outline's root."""
    if not bookmarks:
        return None
    root = out.reserve()

    def shown(items: list[_Bookmark]) -> int:
        """How many items a reader sees of ``items`` and what is open below them."""
        return sum(1 + (0 if b.closed else shown(b.children)) for b in items)

    def write(items: list[_Bookmark], parent: int) -> tuple[int, int]:
        numbers = [out.reserve() for _ in items]
        for i, (item, number) in enumerate(zip(items, numbers, strict=True)):
            entries = [b"/Title " + item.title, b"/Parent %d 0 R" % parent]
            if i > 0:
                entries.append(b"/Prev %d 0 R" % numbers[i - 1])
            if i + 1 < len(items):
                entries.append(b"/Next %d 0 R" % numbers[i + 1])
            if item.children:
                first, last = write(item.children, number)
                count = shown(item.children)
                entries += [
                    b"/First %d 0 R" % first,
                    b"/Last %d 0 R" % last,
                    b"/Count %d" % (-count if item.closed else count),
                ]
            place = b" ".join(item.place)
            entries.append(b"/Dest [%d 0 R %s]" % (pages_of(item.page), place))
            out.write(number, b"<<" + b" ".join(entries) + b">>")
        return numbers[0], numbers[-1]

    pages_of = out.page_number
    first, last = write(bookmarks, root)
    out.write(
        root,
        b"<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>"
        % (first, last, shown(bookmarks)),
    )
    return root
