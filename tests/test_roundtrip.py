"""Round trips for every table: CSV -> SQLite -> CSV and CSV -> load() (pandas) -> CSV give the same values.

The copy of the package gets awkward text in every plain text column first: Cyrillic with a comma,
quotes and a newline, a leading zero, and the literal strings NA and None, which must stay text.
Empty cells stay empty (missing), and the fast (pyarrow) reader and the csv module agree on them.
"""
from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from belarus_russia_defence.outputs.sqlite import build_database, from_sql
from belarus_russia_defence.outputs.csv_text import to_csv_text
from belarus_russia_defence.outputs.frames import load_all
from belarus_russia_defence.schema import load_package

from .conftest import ROOT, copy_package, read_rows, write_rows

AWKWARD = ["NA", "None", "0012", 'Учения «Запад», "цитата"\nвторая строка', "null", "Ёлка 007"]
PACKAGE = load_package(ROOT)


def plain_text_columns(table) -> list[str]:
    fk = {k.fields[0] for k in table.foreign_keys}
    return [f.name for f in table.fields
            if f.type == "string" and set(f.constraints) <= {"required"} and f.name not in table.primary_key
            and f.name not in fk]


@pytest.fixture(scope="module")
def awkward_package(tmp_path_factory):
    root = copy_package(tmp_path_factory.mktemp("roundtrip"))
    for table in PACKAGE.tables:
        rows = read_rows(root, table.name)
        header = rows[0]
        for column in plain_text_columns(table):
            c = header.index(column)
            for i, value in enumerate(AWKWARD[: len(rows) - 1]):
                rows[i + 1][c] = value
        write_rows(root, table.name, rows)
    return root


@pytest.fixture(scope="module")
def expected(awkward_package):
    return {t.name: read_rows(awkward_package, t.name) for t in PACKAGE.tables}


def _same(table, csv_rows, back_rows):
    assert len(back_rows) == len(csv_rows), table.name
    for n, (a_row, b_row) in enumerate(zip(csv_rows, back_rows)):
        for f, a, b in zip(table.fields, a_row, b_row):
            if f.type == "number" and a and b:
                assert float(a) == float(b), (table.name, n, f.name, a, b)
            else:
                assert a == b, (table.name, n, f.name, a, b)


def test_the_awkward_values_are_in_place_and_valid(awkward_package, expected):
    from belarus_russia_defence.check import validate

    assert validate(load_package(awkward_package), structure=False) == []
    cells = {c for rows in expected.values() for row in rows[1:] for c in row}
    assert {"NA", "None", "0012", AWKWARD[3]} <= cells
    assert "" in cells


@pytest.fixture(scope="module")
def database(awkward_package, tmp_path_factory):
    path = build_database(load_package(awkward_package), tmp_path_factory.mktemp("db") / "roundtrip.db")
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


@pytest.mark.parametrize("table", PACKAGE.tables, ids=lambda t: t.name)
def test_csv_to_sqlite_to_csv(database, expected, table):
    names = ", ".join(f"[{f.name}]" for f in table.fields)
    back = [[from_sql(f, v) for f, v in zip(table.fields, row)]
            for row in database.execute(f"SELECT {names} FROM [{table.name}] ORDER BY rowid")]
    _same(table, expected[table.name][1:], back)
    for column in plain_text_columns(table):  # text stays text in SQLite: no NULL for NA, no number for 0012
        kinds = {r[0] for r in database.execute(f"SELECT DISTINCT typeof([{column}]) FROM [{table.name}]")}
        assert kinds <= {"text", "null"}, (table.name, column, kinds)


@pytest.fixture(scope="module")
def frames(awkward_package):
    return load_all(awkward_package)


@pytest.mark.parametrize("table", PACKAGE.tables, ids=lambda t: t.name)
def test_csv_to_pandas_to_csv(frames, expected, table):
    frame = frames[table.name]
    for column in plain_text_columns(table):
        values = frame[column].tolist()
        for i, value in enumerate(AWKWARD[:3]):
            if i < len(values):
                assert values[i] == value, (table.name, column, values[i])
    text = to_csv_text(table, frame)
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert back[0] == expected[table.name][0]
    _same(table, expected[table.name][1:], back[1:])


def test_export_writes_text_the_reader_reads_back_identically(awkward_package, frames, tmp_path):
    """Written by ``to_csv_text`` and loaded again, every typed frame is the same frame."""
    import pandas as pd

    root = copy_package(tmp_path)
    for table in PACKAGE.tables:
        (root / table.path).write_text(to_csv_text(table, frames[table.name]), encoding="utf-8")
    again = load_all(root)
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(again[name], frame, check_exact=True)


@pytest.fixture(scope="module")
def downloads(awkward_package, tmp_path_factory):
    from belarus_russia_defence.outputs.downloads import build_dist

    out = tmp_path_factory.mktemp("dist")
    build_dist(load_package(awkward_package), out)
    return out


def _excel_text(f, value) -> str:
    """An Excel cell back to CSV text, by the field's type (the inverse of dist.excel_value)."""
    import datetime as dt

    if value is None:
        return ""
    if f.type == "boolean":
        return f.true_values[0] if value else f.false_values[0]
    if f.type == "date":
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if f.type == "integer":
        return str(int(value))
    if f.type == "number":
        return repr(float(value))
    return str(value)


@pytest.mark.parametrize("table", PACKAGE.tables, ids=lambda t: t.name)
def test_csv_to_excel_to_csv(downloads, expected, table):
    from openpyxl import load_workbook

    book = next(downloads.glob("*.xlsx"))
    sheet = load_workbook(book, read_only=True)[table.name[:31]]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == expected[table.name][0]
    back = [[_excel_text(f, v) for f, v in zip(table.fields, row)] for row in rows[1:]]
    _same(table, expected[table.name][1:], back)


@pytest.mark.parametrize("table", PACKAGE.tables, ids=lambda t: t.name)
def test_csv_to_parquet_to_csv(downloads, expected, table):
    import pandas as pd

    folder = next(p for p in downloads.iterdir() if p.name.endswith("-parquet"))
    frame = pd.read_parquet(folder / f"{table.name}.parquet")
    back = list(csv.reader(io.StringIO(to_csv_text(table, frame), newline="")))
    assert back[0] == expected[table.name][0]
    _same(table, expected[table.name][1:], back[1:])
