"""The terminal table: widths in cells, wrapping as Rich wraps, folding, narrow terminals, colour
only on a terminal, unsafe characters, the example's tables as golden text, many rows."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len

from kogsro.cli.output import console
from kogsro.cli.table import (
    CHUNK_LINES,
    Cell,
    Column,
    Table,
    clean,
    fit,
    print_table,
    width_of,
    wrap,
    write_lines,
)
from tests.conftest import Golden, run_cli


@pytest.fixture(autouse=True)
def fresh_console() -> Iterator[None]:
    """The console is made once per process, with the width of that moment."""
    console.cache_clear()
    yield
    console.cache_clear()


def _render(table: Table, width: int, **options: bool) -> list[str]:
    return list(table.lines(width, **options))


def _widths(lines: list[str]) -> set[int]:
    return {cell_len(line) for line in lines}


# --- measuring and wrapping ------------------------------------------------------------------


def test_wide_characters_and_emoji_take_two_cells() -> None:
    assert width_of("Tagesordnung") == 12
    assert width_of("Ärger über Öffnungszeiten – “ß”") == 31
    assert width_of("会議") == 4
    assert width_of("Zustimmung 👍") == 13
    assert width_of("👩‍👩‍👧") == 2  # one grapheme of joined emoji


def test_the_fast_measure_agrees_with_rich_for_every_character_it_covers() -> None:
    ranges = [(0x20, 0x7E), (0xA1, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2010, 0x2027)]
    ranges += [(0x2030, 0x205E), (0x20A0, 0x20C0)]
    for start, end in ranges:
        for code in range(start, end + 1):
            assert width_of(chr(code)) == cell_len(chr(code)) == 1, hex(code)


@pytest.mark.parametrize("justify", ["left", "right", "center"])
def test_lines_break_where_rich_breaks_them(justify: str) -> None:
    """Random text of words, runs of spaces, wide characters and emoji at random widths."""
    from rich.console import Console
    from rich.text import Text

    rich_console = Console(width=200)
    letters = ["a", "b", "c", " ", " ", "Ä", "ß", "–", ".", "x", "界", "😀"]
    rng = random.Random(14)
    for number in range(3000):
        alphabet = letters if number % 2 else letters[:-2]  # every other text one cell a letter
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        width = rng.randint(1, 16)
        expected = Text(text).wrap(rich_console, width, justify=justify, overflow="fold")  # type: ignore[arg-type]
        got = [fit(line, width, justify) for line in wrap(text, width)]  # type: ignore[arg-type]
        assert got == [str(line) for line in expected], (text, width)


def test_a_word_longer_than_the_column_folds() -> None:
    assert wrap("Bezirksregionenprofile: gemeinsamer", 10) == [
        "Bezirksreg",
        "ionenprofi",
        "le: ",
        "gemeinsame",
        "r",
    ]
    assert wrap("会議会議会議", 5) == ["会議", "会議", "会議"]  # a wide character is never split


def test_cleaning_keeps_line_breaks_and_shows_control_characters() -> None:
    assert clean("eins\r\nzwei\rdrei") == "eins\nzwei\ndrei"
    assert clean("a\tb") == "a       b"
    assert clean("rot \x1b[31m alarm\x07") == "rot \ufffd[31m alarm\ufffd"
    assert clean("\u202eevil\u202c ok \u2067x\u2069") == "\ufffdevil\ufffd ok \ufffdx\ufffd"
    assert clean("שלום عربي") == "שלום عربي"  # right-to-left letters stay


# --- the table -------------------------------------------------------------------------------


def _example_table(rows: int = 3, **options: object) -> Table:
    table = Table(
        [
            Column("Kennung", style="dim", no_wrap=True),
            Column("TOP", justify="right", no_wrap=True),
            Column("Beschluss", min_width=20),
            Column("Stand", no_wrap=True),
        ],
        title="Beschlüsse",
        leading=1,
        pad_edge=False,
        **options,  # type: ignore[arg-type]
    )
    for number in range(rows):
        table.add_row(
            f"2022-03-09-top{number}-d1",
            str(number),
            Cell(
                ("Genehmigung des Protokolls", "dim"), ("Der Text " * 12, ""), ("Notiz", "italic")
            ),
            "gültig",
        )
    return table


@pytest.mark.parametrize("width", [200, 80, 60, 40, 25, 12, 5, 1])
def test_every_line_has_the_table_width_and_none_is_wider_than_the_terminal(width: int) -> None:
    lines = _render(_example_table(), width)
    assert len(_widths(lines)) == 1
    # 15: the edges, the dividers and one cell inside each column's padding
    assert max(_widths(lines)) <= max(width, 15)
    text = "\n".join(lines)
    assert "…" not in text


@pytest.mark.parametrize("width", [60, 30, 20])
def test_a_long_id_folds_instead_of_being_cut(width: int) -> None:
    ident = "2022-03-09-ein-sehr-langer-selbst-gewaehlter-beschluss-mit-nummer-17"
    table = Table([Column("Kennung", no_wrap=True), Column("Beschluss")], title="B")
    table.add_row(ident, "Die Bezirke legen fest, dass alles so bleibt.")
    lines = _render(table, width)
    assert max(_widths(lines)) <= width
    first = table.widths(width)[0]
    body = lines[[line.strip()[:1] for line in lines].index("─") + 1 : -1]  # under the rule
    pieces = [line[1 : 1 + first].strip() for line in body]  # the id's column
    assert "".join(pieces) == ident
    assert len(pieces[0]) < len(ident)
    # the text column keeps room for words: eight cells at least
    assert "Die" in body[0] and table.widths(width)[1] >= 2 + 8


def test_wide_characters_keep_the_columns_in_line() -> None:
    table = Table([Column("Wer", no_wrap=True), Column("Was"), Column("Stand", no_wrap=True)])
    table.add_row("会議室", "Zustimmung 👍 zum Vorschlag 会議 des Bezirks", "gültig")
    table.add_row("Raum", "kurz", "geändert")
    lines = _render(table, 30)
    assert _widths(lines) == {30}
    # the third column starts at the same cell in every line that has it
    starts = {
        cell_len(line[: line.index(word)])
        for line in lines
        for word in ("gültig", "geändert")
        if word in line
    }
    assert len(starts) == 1


def test_the_indentation_is_kept_on_wrapped_lines() -> None:
    table = Table([Column("Punkt", ratio=1)], expand=True)
    table.add_row(Cell(("Marzahn-Hellersdorf: Umfrage zum Kombibad Mahlsdorf", ""), indent=4))
    lines = _render(table, 24)
    body = [line for line in lines[3:] if line.strip()]
    assert len(body) > 1
    assert all(line.startswith(" " * 6) and line[6] != " " for line in body)  # edge, pad, indent


def test_a_cell_shows_each_line_of_its_text() -> None:
    table = Table([Column("Notiz")], title="")
    table.add_row("erste Zeile\r\nzweite\tZeile\nvierte \x1b]0;titel\x07")
    lines = _render(table, 40)
    text = "\n".join(lines)
    assert "erste Zeile" in lines[3] and "zweite  Zeile" in lines[4]
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    assert "vierte \ufffd]0;titel\ufffd" in text


def test_a_row_must_have_a_cell_per_column() -> None:
    table = Table([Column("a"), Column("b")])
    with pytest.raises(ValueError, match="1 cells for 2 columns"):
        table.add_row("x")


def test_a_table_without_rows_has_its_header() -> None:
    lines = _render(Table([Column("Kennung"), Column("Stand")], title="Leer"), 80)
    assert [line.strip() for line in lines] == ["Leer", "", "Kennung   Stand", "─" * 17, ""]


def test_styles_are_ansi_codes_only_with_colour() -> None:
    plain = "\n".join(_render(_example_table(), 80))
    assert "\x1b" not in plain
    coloured = "\n".join(_render(_example_table(), 80, ansi=True))
    assert "\x1b[2m2022-03-09-top0-d1\x1b[0m" in coloured  # the id column dim
    assert "\x1b[3mBeschlüsse\x1b[0m" in coloured  # the title italic
    assert "\x1b[1mBeschluss\x1b[0m" in coloured  # the header bold
    table = Table([Column("Ö/N")])
    table.add_row(Cell(("N", "yellow")))
    assert "\x1b[33mN\x1b[0m" in "\n".join(_render(table, 20, ansi=True))
    no_colour = "\n".join(_render(table, 20, ansi=True, colours=False))
    assert "\x1b[33m" not in no_colour and "\x1b[1mÖ/N\x1b[0m" in no_colour  # NO_COLOR: bold stays


def test_the_console_decides_about_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    for terminal, expected in ((True, True), (False, False)):
        out = io.StringIO()
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("TERM", "xterm-256color")
        target = Console(file=out, force_terminal=terminal, width=80)
        print_table(_example_table(1), target)
        assert ("\x1b[" in out.getvalue()) is expected


def test_no_ansi_codes_when_piped(example: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(TERM="xterm-256color", COLUMNS="80")
    for command in (["decisions"], ["actions"], ["sessions"], ["show", "2022-06-14"]):
        done = subprocess.run(
            [sys.executable, "-m", "kogsro", *command],
            capture_output=True,
            text=True,
            env=env,
            cwd=example,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "\x1b" not in done.stdout and done.stdout.strip()


def test_many_rows_go_out_in_few_large_writes() -> None:
    rows = 5000
    writes: list[int] = []

    class Counting(io.StringIO):
        def write(self, text: str) -> int:
            writes.append(text.count("\n"))
            return super().write(text)

    table = Table([Column("Nr.", justify="right", no_wrap=True), Column("Aufgabe")], title="Viele")
    texts = ["Eine Aufgabe, die in schmalen Spalten umbricht " * (n + 1) for n in range(3)]
    for number in range(rows):
        table.add_row(str(number), texts[number % 3])
    out = Counting()
    write_lines(table.lines(60), out)
    lines = out.getvalue().splitlines()
    inner = table.widths(60)[1] - 2
    heights = [len(wrap(text, inner)) for text in texts]
    assert heights == [1, 2, 3]
    # title, top edge, header, rule; the rows; the bottom edge
    assert len(lines) == 4 + sum(heights[n % 3] for n in range(rows)) + 1
    assert len(writes) == -(-len(lines) // CHUNK_LINES)
    assert max(writes) == CHUNK_LINES
    assert lines[-3].split()[0] == str(rows - 1)  # its first line of two


# --- the example's tables look as they did ----------------------------------------------------

TABLES = {
    "decisions": ["decisions"],
    "actions": ["actions"],
    "sessions": ["sessions"],
    "show": ["show", "2022-06-14"],
    "show-en": ["show", "2022-06-14", "--lang", "en"],
}


@pytest.mark.parametrize("columns", [60, 80, 120, 200])
@pytest.mark.parametrize("name", list(TABLES))
def test_the_example_tables_at_several_widths(
    example: Path, monkeypatch: pytest.MonkeyPatch, golden: Golden, name: str, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    console.cache_clear()
    code, out, err = run_cli(*TABLES[name])
    assert code == 0, err
    assert max(cell_len(line) for line in out.splitlines()) <= columns
    golden.check(f"terminal/{name}-{columns}.txt", out)


@pytest.mark.parametrize("columns", ["20", "10"])
@pytest.mark.parametrize(
    "command", [["decisions"], ["actions"], ["sessions"], ["show", "2022-06-14"]]
)
def test_a_terminal_narrower_than_the_table(
    example: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    console.cache_clear()
    code, out, err = run_cli(*command)
    assert code == 0, err
    assert "…" not in out
    # wider than the terminal only by the edges, dividers and one cell per column
    assert max(cell_len(line) for line in out.splitlines()) <= 25


@pytest.mark.parametrize("seed", range(40))  # of 400 seeds, 373 compare with Rich
def test_random_tables_look_as_rich_drew_them(seed: int) -> None:
    """Random rows in the decision log's layout and the agenda's (expanded, with ratios and
    indentation), at random widths where the columns fit: line for line what Rich's Table draws."""
    from rich import box
    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table as RichTable
    from rich.text import Text

    rng = random.Random(seed)
    words = ["Bezirk", "Stadtteilkonferenz", "an", "die", "Mitglieder", "会議", "👍", "Ö", "–"]
    words += ["Bürger*innenbeteiligung", "31.12.2021", "beschließt,", "dass"]

    def phrase(least: int, most: int) -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(least, most)))

    expand = seed % 2 == 1
    width = rng.randint(60, 200)
    rich_table = RichTable(
        title="Titel " + phrase(0, 3),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        leading=0 if expand else 1,
        pad_edge=expand,
        expand=expand,
    )
    rich_table.add_column("Kennung", no_wrap=True)
    rich_table.add_column("Nr.", justify="right", no_wrap=True)
    rich_table.add_column(
        "Text", min_width=None if expand else 20, ratio=3 if expand else None, overflow="fold"
    )
    rich_table.add_column("Wer", ratio=2 if expand else None, overflow="fold")
    rich_table.add_column("Stand", justify="center", no_wrap=True)
    ours = Table(
        [
            Column("Kennung", no_wrap=True),
            Column("Nr.", justify="right", no_wrap=True),
            Column("Text", min_width=None if expand else 20, ratio=3 if expand else None),
            Column("Wer", ratio=2 if expand else None),
            Column("Stand", justify="center", no_wrap=True),
        ],
        title=rich_table.title,  # type: ignore[arg-type]
        leading=0 if expand else 1,
        pad_edge=expand,
        expand=expand,
    )
    for _ in range(rng.randint(1, 12)):
        ident = f"2022-0{rng.randint(1, 9)}-{rng.randint(10, 28)}-top{rng.randint(1, 12)}"
        number = str(rng.randint(1, 30))
        text = phrase(1, 30) + ("\n" + phrase(1, 8) if rng.random() < 0.3 else "")
        depth = rng.randint(0, 2) if expand else 0
        who, status = phrase(0, 4), rng.choice(["gültig", "geändert", "–", "N"])
        rich_table.add_row(
            Text(ident),
            Text(number),
            Padding(Text(text), (0, 0, 0, 2 * depth)),
            Text(who),
            Text(status),
        )
        ours.add_row(ident, number, Cell((text, ""), indent=2 * depth), who, status)
    out = io.StringIO()
    rich_console = Console(
        file=out, width=width, highlight=False, soft_wrap=False, color_system=None
    )
    rich_console.print(rich_table)
    # where Rich's columns overflow the terminal (it cuts the lines at the edge) or narrow a text
    # column below 8 cells, the new table lays them out on purpose otherwise: it must fit
    space = width - ours.extra_width
    rich_widths = rich_table._calculate_column_widths(
        rich_console, rich_console.options.update_width(space)
    )
    over = sum(rich_widths) - space  # one cell over costs Rich only the blank right edge
    if over > 1 or any(map(int.__lt__, rich_widths, ours._floors())):
        assert max(cell_len(line) for line in ours.lines(width)) <= width
        return
    assert "\n".join(ours.lines(width)) + "\n" == out.getvalue(), (seed, width)
