"""CSV for spreadsheets: byte order mark, umlauts, quoting, formulas neutralised."""

from __future__ import annotations

import csv
import io

import pytest

from kogsro.formats.csv import escape_csv_cell, to_csv


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://example.org")', '\'=HYPERLINK("http://example.org")'),
        ("+49 30 123", "'+49 30 123"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=b", "a=b"),  # only the start of a cell matters
        ("Vertreter*innen", "Vertreter*innen"),
        (-5, "-5"),  # numbers are numbers, not formulas
        (2.5, "2.5"),
        (None, ""),
        (True, "True"),
    ],
)
def test_escape_csv_cell(value: object, cell: str) -> None:
    assert escape_csv_cell(value) == cell


def test_to_csv_bom_umlauts_quoting() -> None:
    data = to_csv(
        ["id", "text"],
        [["a1", "Bürger*innen, „Beteiligung“"], ["a2", "zwei\nZeilen"], ["a3", "=1+2"]],
    )
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "id,text"
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [
        ["id", "text"],
        ["a1", "Bürger*innen, „Beteiligung“"],
        ["a2", "zwei\nZeilen"],
        ["a3", "'=1+2"],
    ]


def test_to_csv_other_delimiter() -> None:
    text = to_csv(["a", "b"], [["x;y", 1]], delimiter=";").decode("utf-8-sig")
    assert text == 'a;b\r\n"x;y";1\r\n'
