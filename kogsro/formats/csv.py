"""CSV for spreadsheet programs: UTF-8 with a byte order mark, formulas neutralised.

The byte order mark makes Excel read the file as UTF-8 (umlauts intact); LibreOffice and
scripts ignore it. Every text cell that a spreadsheet would run as a formula (``=``, ``+``,
``-``, ``@``, a tab or a carriage return at its start) gets a leading ``'``, the OWASP rule.
Rows end with CRLF as RFC 4180 asks; cells holding line breaks or delimiters are quoted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from kogsro.formats.escape import escape_csv_cell

BOM = "\ufeff"


def to_csv(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, delimiter: str = ","
) -> bytes:
    """The table as CSV bytes: ``header`` first, then one line per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([escape_csv_cell(name) for name in header])
    writer.writerows([escape_csv_cell(cell) for cell in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")
