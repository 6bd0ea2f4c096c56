"""CSV for spreadsheets: byte order mark, umlauts, quoting, formulas neutralised."""

from __future__ import annotations

import csv
import io

from kogsro.formats.csv import to_csv


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
