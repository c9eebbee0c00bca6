"""One reader for everyone: CSV bytes to text cells, with the file's own problems.

Cells are read as text and nothing is guessed: ``NA``, ``None`` and ``0012``
stay as written. Only the schema's ``missingValues`` (``""``) become missing.
The reader never writes to the file it reads.

Two readers, one result. A clean file (UTF-8, ``\n`` endings, no blank line, quotes used
the RFC 4180 way) is read by ``pyarrow.csv``, every column as text, with each record's first
line computed from the newlines inside its cells: a million rows in a fraction of a second.
Anything else goes to Python's csv module, record by record, which reports what is wrong
with the exact line. ``tests/test_fuzz.py`` checks that the two agree wherever the fast one
takes a file.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .check.report import Problem, problem
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

    def dates(self, column: str) -> pd.Series:
        """A column parsed as strict ISO dates (NaT where a cell is not one), parsed once per table object."""
        cache = self.__dict__.setdefault("_dates", {})
        if column not in cache:
            from .field_types import field_type

            cache[column] = field_type("date").parse(self.frame[column])
        return cache[column]


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(file: str, data: bytes) -> tuple[str, list[Problem]]:
    """Bytes to text, reporting (and working around) a bad encoding, a BOM and CR LF."""
    problems = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(problem("encoding", file, _line_at(data, err.start),
                                value=data[err.start:err.start + 4].hex(" "), expected="UTF-8 text"))
        text = data.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        problems.append(problem("bom", file, 1, expected="UTF-8 without BOM"))
        text = text[1:]
    if "\x00" in text:
        problems.append(problem("nul-byte", file, text.count("\n", 0, text.index("\x00")) + 1,
                                expected="text without NUL (\\0) characters"))
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        problems.append(problem("line-ending", file, line, expected="\\n line endings"))
    return text, problems


def check_header(file: str, header: list[str], table: Table) -> list[Problem]:
    """Problems with a file's header: missing, extra, duplicated or reordered columns."""
    expected = table.field_names
    if header == expected:
        return []
    problems = []
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    for c in missing:
        problems.append(problem("missing-column", file, 1, c, expected=f"header {','.join(expected)}"))
    for c in extra:
        problems.append(problem("extra-column", file, 1, c, value=c, expected=f"one of {','.join(expected)}"))
    dupes = sorted({c for c in header if header.count(c) > 1})
    for c in dupes:
        problems.append(problem("duplicate-column", file, 1, c, value=c, expected="each column once"))
    if not missing and not extra and not dupes:
        problems.append(problem("column-order", file, 1, value=",".join(header), expected=",".join(expected)))
    return problems


def read_text_table(package: Package, table: Table, data: bytes | None = None) -> TextTable:
    """Read one table's CSV as text; ``data`` overrides the file's bytes (for tests and zips)."""
    file = table.path
    empty = pd.DataFrame({c: pd.Series([], dtype="str") for c in table.field_names})
    if data is None:
        try:
            data = package.read_bytes(table.path)
        except (FileNotFoundError, IsADirectoryError, KeyError):
            return TextTable(table, file, empty, [], [], [problem("missing-file", file, 0,
                             expected=f"a CSV file for table {table.name}")], readable=False)
    fast = _read_fast(data, table.missing_values)
    if fast is not None:
        header, frame, lines, record_lines = fast
        problems = check_header(file, header, table)
        return TextTable(table, file, frame, lines, header, problems, record_lines=record_lines)
    text, problems = decode(file, data)
    if not text.strip():
        problems.append(problem("empty-file", file, 1, expected=f"a header row: {','.join(table.field_names)}"))
        return TextTable(table, file, empty, [], [], problems, readable=False)
    return _read_slow(table, file, text, problems)


def _read_slow(table: Table, file: str, text: str, problems: list[Problem]) -> TextTable:
    """Python's csv module, record by record: the reference reader, for files the fast one does not take."""
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
                problems.append(problem("blank-row", file, start, expected="a data row"))
                continue
            if len(record) != len(header):
                problems.append(problem("ragged-row", file, start, cells=len(record), header_cells=len(header),
                                        value=",".join(record), expected=f"{len(header)} cells"))
                # keep the row (padded or cut) so that its key still exists for the rows that point at it
                record = (record + [""] * len(header))[: len(header)]
            rows.append(record)
            lines.append(start)
    except csv.Error as err:
        problems.append(problem("csv-syntax", file, previous_end + 1, error=err,
                                expected="RFC 4180 CSV (quote cells that hold commas, quotes or newlines)"))

    problems.extend(check_header(file, header, table))
    frame = pd.DataFrame(rows, columns=header, dtype="str") if rows else pd.DataFrame(
        {c: pd.Series([], dtype="str") for c in header})
    frame = _as_missing(frame.loc[:, ~frame.columns.duplicated()], table.missing_values)
    return TextTable(table, file, frame.reset_index(drop=True), lines, header, problems, record_lines=record_lines)


def _as_missing(frame: pd.DataFrame, missing_values: tuple) -> pd.DataFrame:
    if not missing_values or frame.empty:
        return frame
    missing = list(missing_values)
    if missing == [""]:
        return frame.mask(frame.eq(""))
    return frame.mask(frame.isin(missing))


_COMMA, _NEWLINE, _QUOTE = ord(","), ord("\n"), ord('"')


def quotes_are_plain(data: bytes) -> bool:
    """True when every run of quotes is one that Python's csv module (strict) and pyarrow read alike.

    A run of quotes at the start of a field followed by text must be odd (the opening quote and
    escaped pairs), one before a delimiter may be anything (escaped pairs, then the closing quote
    or a delimiter inside the quotes), a whole field of quotes must be even (an empty quoted cell, or one holding quotes), and a
    run inside a field must be even (escaped pairs). Anything else (``"abc"def``, an empty quoted
    cell followed by text, ``ab"c``) goes to the csv module,
    which reports it. Vectorised over the positions of the quotes; no state machine in Python.
    """
    if b'"' not in data:
        return True
    arr = np.frombuffer(data, dtype=np.uint8)
    q = np.flatnonzero(arr == _QUOTE)
    if len(q) == 0:
        return True
    if len(q) % 2:  # every quoted cell opens and closes, and escaped quotes come in pairs
        return False
    breaks = np.flatnonzero(np.diff(q) != 1)
    starts = q[np.concatenate(([0], breaks + 1))]
    ends = q[np.concatenate((breaks, [len(q) - 1]))]
    lengths = ends - starts + 1
    before = np.where(starts > 0, arr[np.maximum(starts - 1, 0)], _NEWLINE)
    padded_after = np.minimum(ends + 1, len(arr) - 1)
    after = np.where(ends + 1 < len(arr), arr[padded_after], _NEWLINE)
    at_start = (before == _COMMA) | (before == _NEWLINE)
    at_end = (after == _COMMA) | (after == _NEWLINE)
    odd = lengths % 2 == 1
    ok = np.where(at_start & at_end, ~odd, np.where(at_end, True, np.where(at_start, odd, ~odd)))
    return bool(ok.all())


def _read_fast(data: bytes, missing_values: tuple = ("",)):
    """pyarrow.csv for clean files: the same cells and lines as the csv module, at C speed.

    Returns None (use the csv module, which reports what is wrong) for anything unusual: a BOM,
    a carriage return, a blank line (pyarrow skips it; the count of newlines finds it), a quoted header, a quote that the two parsers could read
    differently, a NUL byte, text that is not UTF-8, or any parse error (a ragged row).
    """
    first_end = data.find(b"\n")
    if first_end < 0 or first_end == len(data) - 1:
        return None  # header only, or not even a header line: the csv module handles the edge cases
    header_line = data[:first_end]
    if (not header_line.strip() or b'"' in header_line or data.startswith(b"\xef\xbb\xbf")
            or b"\r" in data or b"\x00" in data or not quotes_are_plain(data)):
        return None
    try:
        header = header_line.decode("utf-8").split(",")
    except UnicodeDecodeError:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    names = [f"c{i}" for i in range(len(header))]
    try:
        arrow = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, use_threads=True),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                 null_values=list(missing_values),
                                                 strings_can_be_null=bool(missing_values),
                                                 quoted_strings_can_be_null=bool(missing_values)),
        )
    except (pa.ArrowInvalid, pa.ArrowException, UnicodeDecodeError):
        return None
    n = arrow.num_rows
    extra = np.zeros(n, dtype=np.int64)  # newlines inside each record's cells
    surplus = data.count(b"\n") - (n + 1 if data.endswith(b"\n") else n)
    if surplus > 0:
        for col in arrow.columns:
            counts = pc.fill_null(pc.count_substring(col, "\n"), 0)
            extra += counts.to_numpy(zero_copy_only=False).astype(np.int64)
        if surplus > int(extra.sum()):
            return None  # newlines that are neither rows nor inside cells: blank lines, which the csv module reports
    starts = 2 + np.arange(n, dtype=np.int64) + np.concatenate(([0], np.cumsum(extra)[:-1])) if n else np.array([], dtype=np.int64)
    columns = {}
    for name, col in zip(header, arrow.columns):
        if name not in columns:
            columns[name] = col.to_pandas()
    frame = pd.DataFrame(columns, copy=False) if columns else pd.DataFrame()
    frame.columns = pd.Index(list(columns), dtype="str")
    lines = starts.tolist()
    return header, frame, lines, [1] + lines


def read_all(package: Package) -> dict[str, TextTable]:
    """Every table of the package read as text cells, with the problems found while reading."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:  # reading is mostly pyarrow and I/O, outside the GIL
        return dict(zip([t.name for t in package.tables], pool.map(lambda t: read_text_table(package, t), package.tables)))
