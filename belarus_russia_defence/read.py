"""One reader for everyone: CSV bytes to text cells, with the file's own problems.

Cells are read as text and nothing is guessed: ``NA``, ``None`` and ``0012``
stay as written. Only the schema's ``missingValues`` (``""``) become missing.
The reader never writes to the file it reads.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import pandas as pd

from .check.report import Problem
from .schema import Package, Table

#: A cell longer than this is reported: no real value in this dataset comes near it.
MAX_CELL_CHARS = 20_000

csv.field_size_limit(2**31 - 1)


@dataclass
class TextTable:
    """A table's cells as text (missing values as NA) and where each row sits in the file."""

    table: Table
    file: str
    frame: pd.DataFrame
    lines: list[int]
    header: list[str]
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    #: the first physical line of every CSV record, header included (record n is at index n - 1)
    record_lines: list[int] = field(default_factory=list)

    def line_of(self, index) -> int:
        return self.lines[int(index)]


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(file: str, data: bytes) -> tuple[str, list[Problem]]:
    """Bytes to text, reporting (and working around) a bad encoding, a BOM and CR LF."""
    problems = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(Problem(file, _line_at(data, err.start), "", "file is not valid UTF-8",
                                value=data[err.start:err.start + 4].hex(" "), expected="UTF-8 text", code="encoding"))
        text = data.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        problems.append(Problem(file, 1, "", "file starts with a byte-order mark (BOM)",
                                expected="UTF-8 without BOM", code="bom"))
        text = text[1:]
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        problems.append(Problem(file, line, "", "line ends with a carriage return (Windows CR LF line endings)",
                                expected="\\n line endings", code="line-ending"))
    return text, problems


def check_header(file: str, header: list[str], table: Table) -> list[Problem]:
    expected = table.field_names
    if header == expected:
        return []
    problems = []
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    for c in missing:
        problems.append(Problem(file, 1, c, "column is missing from the header",
                                expected=f"header {','.join(expected)}", code="missing-column"))
    for c in extra:
        problems.append(Problem(file, 1, c, "column is not in the schema", value=c,
                                expected=f"one of {','.join(expected)}", code="extra-column"))
    dupes = sorted({c for c in header if header.count(c) > 1})
    for c in dupes:
        problems.append(Problem(file, 1, c, "column appears more than once in the header", value=c,
                                expected="each column once", code="duplicate-column"))
    if not missing and not extra and not dupes:
        problems.append(Problem(file, 1, "", "columns are not in the schema's order", value=",".join(header),
                                expected=",".join(expected), code="column-order"))
    return problems


def read_text_table(package: Package, table: Table, data: bytes | None = None) -> TextTable:
    """Read one table's CSV as text; ``data`` overrides the file's bytes (for tests and zips)."""
    file = table.path
    empty = pd.DataFrame({c: pd.Series([], dtype="str") for c in table.field_names})
    if data is None:
        try:
            data = package.read_bytes(table.path)
        except (FileNotFoundError, IsADirectoryError, KeyError):
            return TextTable(table, file, empty, [], [], [Problem(file, 0, "", "file is missing",
                             expected=f"a CSV file for table {table.name}", code="missing-file")], readable=False)
    text, problems = decode(file, data)
    if not text.strip():
        problems.append(Problem(file, 1, "", "file is empty", expected=f"a header row: {','.join(table.field_names)}",
                                code="empty-file"))
        return TextTable(table, file, empty, [], [], problems, readable=False)

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, lines, record_lines = [], [], []
    header: list[str] = []
    previous_end = 0
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            record_lines.append(start)
            if not header:
                header = record
                continue
            if not record:
                problems.append(Problem(file, start, "", "blank line", expected="a data row", code="blank-row"))
                continue
            if len(record) != len(header):
                problems.append(Problem(file, start, "", f"row has {len(record)} cells but the header has {len(header)}",
                                        value=",".join(record), expected=f"{len(header)} cells", code="ragged-row"))
                # keep the row (padded or cut) so that its key still exists for the rows that point at it
                record = (record + [""] * len(header))[: len(header)]
            rows.append(record)
            lines.append(start)
    except csv.Error as err:
        problems.append(Problem(file, previous_end + 1, "", f"the CSV cannot be parsed here: {err}",
                                expected="RFC 4180 CSV (quote cells that hold commas, quotes or newlines)", code="csv-syntax"))

    problems.extend(check_header(file, header, table))
    frame = pd.DataFrame(rows, columns=header, dtype="str") if rows else pd.DataFrame(
        {c: pd.Series([], dtype="str") for c in header})
    frame = frame.loc[:, ~frame.columns.duplicated()]
    if table.missing_values:
        frame = frame.mask(frame.isin(list(table.missing_values)))
    return TextTable(table, file, frame.reset_index(drop=True), lines, header, problems, record_lines=record_lines)


def read_all(package: Package) -> dict[str, TextTable]:
    return {t.name: read_text_table(package, t) for t in package.tables}
