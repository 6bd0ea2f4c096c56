"""A light terminal table: measured once, wrapped by words, written in large chunks.

It draws what Rich's ``Table`` with ``box.SIMPLE_HEAD`` draws (the title left aligned above, the
header row, one rule under it, a blank line between rows with ``leading=1``) and distributes the
width the same way, at a small fraction of the cost: the columns are measured once over all rows,
each cell is wrapped with plain string operations, and the lines go out many rows at a time.

Widths are terminal cells (``rich.cells``: East Asian wide characters and emoji count 2). Text
columns wrap by words and fold words longer than the column; a column that may not wrap keeps its
width, and in a terminal narrower than the table's minimum it folds rather than cutting its text.
Styles become ANSI codes only when the console has colour (never when the output is piped).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import ceil
from typing import IO, TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import Console

Justify = Literal["left", "right", "center"]

CHUNK_LINES = 2000  # lines written at once
TEXT_FLOOR = 8  # a text column narrowed to fit the terminal keeps this many cells
TAB_SIZE = 8

_WORD = re.compile(r"\s*\S+\s*")
_SPACES = re.compile(" *")
# characters one cell wide for certain, with the space as the only white space among them: text
# made of them alone is measured with len() (Latin, Greek, Cyrillic, general punctuation, currency)
_narrow = re.compile(
    "[ -~\u00a1-\u00ac\u00ae-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*"
).fullmatch
_TRAILING_SPACE = re.compile(r"\s+$")
# C0 and C1 control characters but line feed and tab, and the bidirectional embeddings,
# overrides and isolates that would reorder what follows them on the terminal line
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_SGR = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "strike": "9",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}
_COLOURS = frozenset({"red", "green", "yellow", "blue", "magenta", "cyan"})


@dataclass(frozen=True, slots=True)
class Column:
    """A column: ``no_wrap`` keeps its width, ``ratio`` shares the width of an expanded table."""

    header: str
    justify: Justify = "left"
    no_wrap: bool = False
    min_width: int | None = None
    ratio: int | None = None
    style: str = ""


class Cell:
    """Paragraphs with a style each (a paragraph's line breaks start new lines), indented.

    The indentation is kept on wrapped lines, as for the sub-items of an agenda.
    """

    __slots__ = ("indent", "parts")

    def __init__(self, *parts: tuple[str, str], indent: int = 0) -> None:
        self.parts: tuple[tuple[str, str], ...] = parts
        self.indent = indent

    def stylize(self, style: str) -> Cell:
        """The same cell with ``style`` added to every paragraph."""
        return Cell(
            *((text, f"{own} {style}".strip()) for text, own in self.parts), indent=self.indent
        )


CellLike = str | Cell


def clean(text: str) -> str:
    """Line breaks as ``\\n``, tabs expanded, other control characters shown as U+FFFD."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = "\n".join(line.expandtabs(TAB_SIZE) for line in text.split("\n"))
    if not text.isascii() or not text.isprintable():
        text = _UNSAFE.sub("\ufffd", text)
    return text


# a cell's lines with their styles, and its indentation
_Lines = tuple[tuple[tuple[str, str], ...], int]
SHORT = 24  # cells of at most this many characters repeat (times, counts, marks): kept once


def _prepare(cell: CellLike) -> _Lines:
    """The cell's lines, each with its style, and its indentation."""
    if isinstance(cell, str):
        return tuple([(line, "") for line in clean(cell).split("\n")]), 0
    lines = [(line, style) for text, style in cell.parts for line in clean(text).split("\n")]
    return tuple(lines), cell.indent  # tuples of strings: the garbage collector skips them


def width_of(text: str) -> int:
    """The cells ``text`` takes on the terminal."""
    if _narrow(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` (one line) wrapped by words to ``width`` cells; longer words fold.

    The lines break where Rich's ``Text.wrap`` breaks them (``rich._wrap.divide_line``): a word
    that does not fit goes to the next line, a word longer than the width is cut into pieces
    of the width, and spaces at a line's end that reach beyond the width are dropped.
    """
    return _wrap(text, max(1, width), bool(_narrow(text)))


def _wrap(text: str, width: int, narrow: bool) -> list[str]:
    if (len(text) if narrow else width_of(text)) <= width:
        return [text]
    breaks = _breaks_narrow(text, width) if narrow and text[0] != " " else _breaks(text, width)
    lines = []
    begin = 0
    for end in [*breaks, len(text)]:
        line = text[begin:end]
        begin = end
        if len(line) > width:  # spaces beyond the width go
            space = _TRAILING_SPACE.search(line)
            if space is not None:
                line = line[: len(line) - min(len(space.group()), len(line) - width)]
        lines.append(line)
    return lines


def _breaks(text: str, width: int) -> list[int]:
    """Where ``text`` breaks, a word at a time (any text)."""
    from rich.cells import cell_len, chop_cells

    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            pieces = chop_cells(word, width)
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            offset = cell_len(pieces[-1])
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _breaks_narrow(text: str, width: int) -> list[int]:
    """The same breaks as ``_breaks``, a line at a time, for text of one-cell characters with
    spaces as its only white space, not starting with a space."""
    breaks: list[int] = []
    size = len(text)
    line = 0  # where the current line starts
    while True:
        limit = line + width  # a word fits when its last letter is before this
        if limit >= size:
            return breaks
        if text[limit] == " ":  # every word up to here fits; the next one starts a line
            start = _SPACES.match(text, limit).end()  # type: ignore[union-attr]
            if start >= size:
                return breaks
        else:  # the word across the limit does not fit
            start = text.rfind(" ", line, limit) + 1 or line
        end = text.find(" ", start)
        end = size if end < 0 else end
        if end - start > width:  # longer than a line: cut into pieces of the width
            if start:
                breaks.append(start)
            stop = _SPACES.match(text, end).end()  # type: ignore[union-attr]
            while stop - start > width:
                start += width
                breaks.append(start)
            line = start
        elif start > line:
            breaks.append(start)
            line = start
        else:  # cannot be: a word at a line's start that fits would not end beyond the limit
            return breaks


def fit(text: str, width: int, justify: Justify = "left") -> str:
    """``text`` cropped or padded to exactly ``width`` cells."""
    if justify != "left":
        text = text.rstrip()
    size = width_of(text)
    if size > width:
        if _narrow(text):
            text = text[:width]
        else:
            from rich.cells import set_cell_size

            text = set_cell_size(text, width)
        size = width_of(text)
    if justify == "right":
        return " " * (width - size) + text
    if justify == "center":
        left = (width - size) // 2
        return " " * left + text + " " * (width - size - left)
    return text + " " * (width - size)


def ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    """Take ``total`` away from ``values`` in proportion to ``ratios``, each at most its maximum."""
    ratios = [ratio if maximum else 0 for ratio, maximum in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            share = min(maximum, round(ratio * remaining / total_ratio))
            result.append(value - share)
            remaining -= share
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def ratio_distribute(total: int, ratios: list[int], minimums: list[int] | None = None) -> list[int]:
    """Share ``total`` in proportion to ``ratios``, each at least its minimum."""
    if minimums:
        ratios = [ratio if minimum else 0 for ratio, minimum in zip(ratios, minimums, strict=True)]
    total_ratio = sum(ratios)
    remaining = total
    result = []
    for ratio, minimum in zip(ratios, minimums or [0] * len(ratios), strict=True):
        share = (
            max(minimum, ceil(ratio * remaining / total_ratio)) if total_ratio > 0 else remaining
        )
        result.append(share)
        total_ratio -= ratio
        remaining -= share
    return result


def collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """Narrow the widest wrapping columns first until the total fits ``max_width``."""
    total = sum(widths)
    excess = total - max_width
    if not any(wrapable):
        return widths
    while total and excess > 0:
        widest = max(w for w, can in zip(widths, wrapable, strict=True) if can)
        second = max(
            w if can and w != widest else 0 for w, can in zip(widths, wrapable, strict=True)
        )
        ratios = [1 if w == widest and can else 0 for w, can in zip(widths, wrapable, strict=True)]
        if not any(ratios) or not widest - second:
            break
        widths = ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
        total = sum(widths)
        excess = total - max_width
    return widths


class Table:
    """Rows of cells under a title and a header, drawn in the ``SIMPLE_HEAD`` look.

    ``padding`` is (left, right) inside each cell; with ``pad_edge`` false the outer columns have
    none at the table's edges. ``show_edge`` draws a blank line above and below and one space on
    either side; ``leading`` puts blank lines between rows; ``expand`` fills the terminal width.
    A ``grid`` has no header, no lines and no dividers.
    """

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        title: str = "",
        padding: tuple[int, int] = (1, 1),
        pad_edge: bool = True,
        show_edge: bool = True,
        leading: int = 0,
        expand: bool = False,
        grid: bool = False,
    ) -> None:
        self.columns = list(columns)
        self.title = title
        self.grid = grid
        self.show_edge = show_edge and not grid
        self.leading = leading
        self.expand = expand
        last = len(self.columns) - 1
        self.pads = [
            (
                0 if index == 0 and not pad_edge else padding[0],
                0 if index == last and not pad_edge else padding[1],
            )
            for index in range(len(self.columns))
        ]
        # each cell as its lines with their styles, and its indentation
        self.rows: list[tuple[_Lines, ...]] = []
        self._header = tuple(_prepare(Cell((c.header, "bold"))) for c in self.columns)
        # the widest line of each column (cells, with padding and indentation), header included
        self._widest = [sum(pads) for pads in self.pads]
        self._deepest = [0] * len(self.columns)  # the largest indentation in each column
        self._measure(self._header)
        self._short: dict[str, _Lines] = {}  # short cells prepared, by their text
        self._drawn: dict[tuple[int, _Lines], list[str]] = {}  # short cells drawn, by column

    def _measure(self, row: tuple[_Lines, ...]) -> None:
        widest, deepest, pads = self._widest, self._deepest, self.pads
        for index, (lines, indent) in enumerate(row):
            if len(lines) == 1:
                size = width_of(lines[0][0])
            else:
                size = max(width_of(line) for line, _ in lines)
            size += pads[index][0] + pads[index][1] + indent
            if size > widest[index]:
                widest[index] = size
            if indent > deepest[index]:
                deepest[index] = indent

    def add_row(self, *cells: CellLike) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        short = self._short
        row = tuple(
            short.get(cell) or short.setdefault(cell, _prepare(cell))
            if isinstance(cell, str) and len(cell) <= SHORT
            else _prepare(cell)
            for cell in cells
        )
        self._measure(row)
        self.rows.append(row)

    @property
    def extra_width(self) -> int:
        """The width of the edges and the column dividers."""
        if self.grid:
            return 0
        return (2 if self.show_edge else 0) + len(self.columns) - 1

    def _column_max(self, index: int, width: int) -> int:
        """The column's widest cell within ``width``, raised to its minimum width.

        A column narrowed to nothing keeps its minimum width, where Rich would drop it.
        """
        left, right = self.pads[index]
        if width < 1:
            minimum = self.columns[index].min_width
            return 0 if minimum is None else minimum + left + right
        widest = (
            width
            if width - left - right - self._deepest[index] < 1
            else min(self._widest[index], width)
        )
        minimum = self.columns[index].min_width
        return widest if minimum is None else max(widest, minimum + left + right)

    def widths(self, console_width: int) -> list[int]:
        """Each column's width (padding included) in a terminal of ``console_width`` cells."""
        max_width = console_width - self.extra_width
        columns = self.columns
        widths = [self._column_max(i, max_width) or 1 for i in range(len(columns))]
        if self.expand:
            ratios = [c.ratio or 0 for c in columns if c.ratio is not None]
            if any(ratios):
                fixed = [
                    0 if c.ratio is not None else w for c, w in zip(columns, widths, strict=True)
                ]
                flex_minimum = [
                    1 + sum(self.pads[i]) for i, c in enumerate(columns) if c.ratio is not None
                ]
                shares = iter(ratio_distribute(max_width - sum(fixed), ratios, flex_minimum))
                widths = [
                    fixed[i] + next(shares) if c.ratio is not None else widths[i]
                    for i, c in enumerate(columns)
                ]
        table_width = sum(widths)
        if table_width > max_width:
            widths = collapse(widths, [not c.no_wrap for c in columns], max_width)
            table_width = sum(widths)
            if table_width > max_width:  # the last resort: every column gives way evenly
                widths = ratio_reduce(table_width - max_width, [1] * len(widths), widths, widths)
                table_width = sum(widths)
            widths = [self._column_max(i, w) for i, w in enumerate(widths)]
            # where Rich would cut text off at the terminal's edge or drop a column, the text
            # columns give way first, then the others, and the text folds instead (an overflow
            # of one cell costs only the blank right edge, as with Rich: no content is lost)
            over = sum(widths) - max_width
            if over > (1 if self.show_edge else 0) or any(map(int.__lt__, widths, self._floors())):
                widths = self._fit(max_width)
        if table_width < max_width and self.expand:
            widths = [
                w + pad
                for w, pad in zip(
                    widths, ratio_distribute(max_width - table_width, widths), strict=True
                )
            ]
        return widths

    def _floors(self) -> list[int]:
        """The least width of each column, padding included, before the text folds beyond
        reading: ``TEXT_FLOOR`` cells for a column that wraps, one for one that does not
        (never more than the column's widest cell)."""
        return [
            self._cap(i, TEXT_FLOOR if not c.no_wrap else 1) for i, c in enumerate(self.columns)
        ]

    def _cap(self, index: int, least: int) -> int:
        pads = sum(self.pads[index])
        return pads + max(1, min(least, self._widest[index] - pads))

    def _fit(self, max_width: int) -> list[int]:
        """Widths that fit ``max_width`` from the natural ones: the columns that wrap narrow
        first (the widest first) down to their minimum width, then down to ``TEXT_FLOOR``
        cells; then the others, down to one cell; at last every column down to one cell."""
        columns = range(len(self.columns))
        natural = [self._column_max(i, max_width) for i in columns]
        keep = [c.no_wrap for c in self.columns]
        steps = [
            [
                natural[i] if keep[i] else self._cap(i, max(TEXT_FLOOR, c.min_width or 0))
                for i, c in enumerate(self.columns)
            ],
            [natural[i] if keep[i] else self._cap(i, TEXT_FLOOR) for i in columns],
            self._floors(),
            [sum(self.pads[i]) + 1 for i in columns],
        ]
        widths = [max(w, floor) for w, floor in zip(natural, steps[0], strict=True)]
        for floors in steps:
            if sum(widths) <= max_width:
                break
            widths = self._squeeze(widths, max_width, floors)
        return widths

    @staticmethod
    def _squeeze(widths: list[int], max_width: int, floors: list[int]) -> list[int]:
        """Narrow the widest columns first to ``max_width``, none below its floor."""
        widths = widths[:]
        for _ in range(sum(widths) - max_width):
            roomy = [
                i for i, (w, floor) in enumerate(zip(widths, floors, strict=True)) if w > floor
            ]
            if not roomy:
                break
            widths[max(roomy, key=widths.__getitem__)] -= 1
        return widths

    def lines(
        self, console_width: int, *, ansi: bool = False, colours: bool = True, rule: str = "─"
    ) -> Iterable[str]:
        """The table's lines (without line ends), row by row."""
        widths = self.widths(console_width)
        self._drawn.clear()  # drawn for other widths
        table_width = sum(widths) + self.extra_width
        paint = _Painter(ansi, colours)
        edge = " " if self.show_edge else ""
        if table_width > console_width:  # by the right edge alone (see widths)
            right, table_width = "", table_width - len(edge)
        else:
            right = edge
        for line in wrap(clean(self.title), table_width) if self.title else []:
            yield paint.fit(line, table_width, "left", "italic")
        if self.show_edge:
            yield " " * table_width
        if not self.grid:
            yield from self._row(self._header, widths, paint, (edge, right), header=True)
            yield edge + rule * (table_width - len(edge) - len(right)) + right
        blank = [" " * table_width] * self.leading
        for number, row in enumerate(self.rows):
            if number and blank:
                yield from blank
            yield from self._row(row, widths, paint, (edge, right))
        if self.show_edge:
            yield " " * table_width

    def _row(
        self,
        row: tuple[_Lines, ...],
        widths: list[int],
        paint: _Painter,
        edges: tuple[str, str],
        header: bool = False,
    ) -> list[str]:
        left, right = edges
        drawn = self._drawn
        cells: list[list[str]] = []
        for index, (content, width) in enumerate(zip(row, widths, strict=True)):
            lines = content[0]
            if not header and len(lines) == 1 and len(lines[0][0]) <= SHORT:
                key = (index, content)
                found = drawn.get(key)
                if found is None:
                    found = drawn[key] = self._cell(index, content, width, paint, header)
                cells.append(found[:])  # a copy: a cell may be filled up to the row's height
            else:
                cells.append(self._cell(index, content, width, paint, header))
        divider = "" if self.grid else " "
        height = max(len(cell) for cell in cells)
        if height == 1:
            return [left + divider.join([cell[0] for cell in cells]) + right]
        for cell, width in zip(cells, widths, strict=True):
            if len(cell) < height:
                fill = [" " * width] * (height - len(cell))
                if header:  # the header at the bottom, the rest at the top
                    cell[:0] = fill
                else:
                    cell.extend(fill)
        return [left + divider.join(parts) + right for parts in zip(*cells, strict=True)]

    def _cell(
        self, index: int, cell: _Lines, width: int, paint: _Painter, header: bool
    ) -> list[str]:
        if width < 1:
            return [""]
        column = self.columns[index]
        left, right = self.pads[index]
        lines, indent = cell
        inner = width - left - right - indent
        if inner < 1:  # narrower than the padding: the indentation goes first, then the padding
            indent = max(0, indent + inner - 1)
            inner = width - left - right - indent
            if inner < 1:
                left, right, inner = 0, 0, width
        before, after = " " * (left + indent), " " * right
        style = "" if header else column.style
        justify = column.justify
        plain = not paint.ansi
        out = []
        for text, own in lines:
            combined = f"{style} {own}" if style and own else style or own
            if plain and justify == "left" and _narrow(text):  # the common case, made short
                if len(text) <= inner:
                    out.append(before + text + " " * (inner - len(text)) + after)
                else:
                    for line in _wrap(text, inner, True):
                        out.append(before + line[:inner] + " " * (inner - len(line)) + after)
                continue
            for line in wrap(text, inner):
                out.append(before + paint.fit(line, inner, justify, combined) + after)
        return out


class _Painter:
    """Styles as ANSI select-graphic-rendition codes, or nothing when there is no colour."""

    def __init__(self, ansi: bool, colours: bool) -> None:
        self.ansi = ansi
        self.colours = colours
        self._codes: dict[str, str] = {}

    def code(self, style: str) -> str:
        found = self._codes.get(style)
        if found is None:
            words = dict.fromkeys(style.split())  # in order, once each
            numbers = [
                _SGR[word]
                for word in words
                if word in _SGR and (self.colours or word not in _COLOURS)
            ]
            found = self._codes[style] = f"\x1b[{';'.join(numbers)}m" if numbers else ""
        return found

    def __call__(self, text: str, style: str) -> str:
        if not self.ansi or not style:
            return text
        code = self.code(style)
        return f"{code}{text}\x1b[0m" if code else text

    def fit(self, text: str, width: int, justify: Justify, style: str) -> str:
        fitted = fit(text, width, justify)
        if not self.ansi or not style or not self.code(style):
            return fitted
        # the style on the text, not on the spaces that fill the column
        content = fitted.strip(" ")
        if not content:
            return fitted
        start = fitted.index(content)
        end = start + len(content)
        return f"{fitted[:start]}{self(content, style)}{fitted[end:]}"


def print_table(table: Table, console: Console | None = None) -> None:
    """Write ``table`` to the console's file, many lines at a time."""
    if console is None:
        from kogsro.cli.output import console as make_console

        console = make_console()
    ansi = console.color_system is not None
    encoding = (console.encoding or "").lower()
    rule = "─" if encoding.startswith("utf") else "-"
    write_lines(
        table.lines(console.width, ansi=ansi, colours=ansi and not console.no_color, rule=rule),
        console.file,
    )


def write_lines(lines: Iterable[str], file: IO[str]) -> None:
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= CHUNK_LINES:
            file.write("\n".join(chunk) + "\n")
            chunk.clear()
    if chunk:
        file.write("\n".join(chunk) + "\n")
    file.flush()
