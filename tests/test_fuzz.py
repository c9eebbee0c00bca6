"""Property tests: validation holds under any damage to the CSVs.

Whatever is done to a copy of the package (cells swapped, rows cut short, random bytes and
Unicode, delimiters and quotes inside cells, huge cells, shuffled headers, deleted files),
validation either passes or reports problems that each name their file (and line and column
when the problem is a cell), it never raises, and it never modifies a file.
"""
from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from belarus_russia_defence.check import validate
from belarus_russia_defence.read import _read_fast, _read_slow, decode, read_text_table
from belarus_russia_defence.schema import load_package

from .conftest import ROOT, examples, run_main, small_package

PACKAGE = load_package(ROOT)
TABLES = [t.name for t in PACKAGE.tables]
FILES = {t.path for t in PACKAGE.tables} | {"datapackage.json"}

#: problems about one cell: they must give a line (2 or more) and a column
CELL_CODES = {
    "formula-injection", "whitespace", "too-long", "type", "future-date", "enum", "pattern", "min-length",
    "max-length", "minimum", "maximum", "foreign-key", "duplicate-id", "duplicate-value", "required",
    "duplicate-key", "date-order", "year-order", "precision-day", "precision-missing",
    "natural-key", "pair", "code-list", "citation-target", "referenced-value", "has-rows",
}
#: problems about a row or a place in the file: they must give a line
LINE_CODES = {"ragged-row", "blank-row", "csv-syntax", "encoding", "bom", "line-ending", "empty-file",
              "missing-column", "extra-column", "duplicate-column", "column-order"}

SPECIAL = st.sampled_from([",", '"', "\n", "\r", "\r\n", '""', ",\"", "\t", " ", "\x00", "\ufeff", "NA", "None",
                           "Запад", "=1+1", "\u00a0", "\\", "'"])
CELL_TEXT = st.one_of(st.text(max_size=40), st.lists(SPECIAL, max_size=6).map("".join),
                      st.integers(20_001, 120_000).map(lambda n: "x" * n))


def _fingerprint(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _path(root: Path, table: str) -> Path:
    return root / "data" / f"{table}.csv"


def read_rows(root: Path, table: str) -> list[list[str]]:
    """Rows of a possibly damaged file (undecodable bytes kept as surrogates, NUL bytes allowed)."""
    text = _path(root, table).read_bytes().replace(b"\x00", b"\\0").decode("utf-8", errors="surrogateescape")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows if len(rows) > 1 and rows[0] else [["id"], [""]]


def write_rows(root: Path, table: str, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    _path(root, table).write_bytes(buf.getvalue().encode("utf-8", errors="surrogateescape"))


# Each mutation takes (root, table, data) and breaks the copy; `data` is a hypothesis data object for draws.

def swap_cells(root, table, data):
    rows = read_rows(root, table)
    r = data.draw(st.integers(1, len(rows) - 1), label="row")
    a, b = data.draw(st.lists(st.integers(0, len(rows[r]) - 1), min_size=2, max_size=2), label="columns")
    rows[r][a], rows[r][b] = rows[r][b], rows[r][a]
    write_rows(root, table, rows)


def truncate_row(root, table, data):
    lines = _path(root, table).read_bytes().split(b"\n")
    r = data.draw(st.integers(1, max(1, len(lines) - 2)), label="line")
    cut = data.draw(st.integers(0, len(lines[r])), label="cut")
    lines[r] = lines[r][:cut]
    _path(root, table).write_bytes(b"\n".join(lines))


def insert_bytes(root, table, data):
    raw = _path(root, table).read_bytes()
    at = data.draw(st.integers(0, len(raw)), label="at")
    junk = data.draw(st.binary(min_size=1, max_size=12), label="bytes")
    _path(root, table).write_bytes(raw[:at] + junk + raw[at:])


def raw_text_in_cell(root, table, data):
    """Text pasted into the file as is: delimiters, quotes and newlines not escaped."""
    raw = _path(root, table).read_bytes()
    commas = [i for i, b in enumerate(raw) if b == ord(",")]
    at = data.draw(st.sampled_from(commas), label="after comma")
    text = data.draw(CELL_TEXT, label="text").encode("utf-8", errors="surrogatepass")
    _path(root, table).write_bytes(raw[: at + 1] + text + raw[at + 1:])


def set_any_cell(root, table, data):
    """Any text written into a cell the proper way (quoted by the csv module)."""
    rows = read_rows(root, table)
    r = data.draw(st.integers(1, len(rows) - 1), label="row")
    c = data.draw(st.integers(0, len(rows[0]) - 1), label="column")
    rows[r] = (rows[r] + [""] * len(rows[0]))[: max(len(rows[0]), len(rows[r]))]
    rows[r][c] = data.draw(CELL_TEXT, label="value")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    _path(root, table).write_bytes(buf.getvalue().encode("utf-8", errors="surrogatepass"))


def shuffle_header(root, table, data):
    rows = read_rows(root, table)
    rows[0] = data.draw(st.permutations(rows[0]), label="header")
    write_rows(root, table, rows)


def delete_file(root, table, data):
    _path(root, table).unlink()


def duplicate_or_drop_rows(root, table, data):
    rows = read_rows(root, table)
    r = data.draw(st.integers(1, len(rows) - 1), label="row")
    if data.draw(st.booleans(), label="duplicate"):
        rows.insert(data.draw(st.integers(1, len(rows)), label="to"), list(rows[r]))
    else:
        del rows[r]
    write_rows(root, table, rows)


MUTATIONS = [swap_cells, truncate_row, insert_bytes, raw_text_in_cell, set_any_cell, shuffle_header, delete_file,
             duplicate_or_drop_rows]


def assert_well_formed(problems, root: Path):
    for p in problems:
        assert p.file in FILES, p
        assert isinstance(p.line, int) and p.line >= 0, p
        if p.code in CELL_CODES:
            assert p.line >= 2 and p.column, f"a cell problem must give its line and column: {p}"
        if p.code in LINE_CODES and p.code != "missing-file":
            assert p.line >= 1, p
        p.text()  # every problem can be shown
        if p.line and (root / p.file).is_file():
            assert p.line <= (root / p.file).read_bytes().count(b"\n") + 1, p


@settings(max_examples=examples(20))
@given(table=st.sampled_from(TABLES), mutations=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=2),
       data=st.data())
def test_validation_holds_under_any_damage(table, mutations, data):
    with tempfile.TemporaryDirectory() as tmp:
        root = small_package(Path(tmp))
        for mutate in mutations:
            if not _path(root, table).exists():
                break
            mutate(root, table, data)
        before = _fingerprint(root)
        problems = validate(load_package(root), structure=False)  # must not raise
        assert_well_formed(problems, root)
        assert _fingerprint(root) == before, "validation must never modify a file"


@settings(max_examples=examples(80))
@given(table=st.sampled_from(TABLES), mutate=st.sampled_from([insert_bytes, raw_text_in_cell, set_any_cell,
                                                             truncate_row]), data=st.data())
def test_fast_reader_reads_exactly_what_the_csv_module_reads(table, mutate, data):
    """Where the pyarrow reader takes a file, its cells and line numbers are the csv module's."""
    with tempfile.TemporaryDirectory() as tmp:
        root = small_package(Path(tmp))
        mutate(root, table, data)
        raw = _path(root, table).read_bytes()
        t = PACKAGE.table(table)
        fast = _read_fast(raw)
        text, problems = decode(t.path, raw)
        slow = _read_slow(t, t.path, text, list(problems))
        read = read_text_table(PACKAGE, t, data=raw)
        if fast is None:
            assert read.problems == slow.problems
            return
        assert not problems and not [p for p in slow.problems if p.code in {"ragged-row", "csv-syntax", "blank-row"}]
        assert read.header == slow.header
        assert read.lines == slow.lines and read.record_lines == slow.record_lines
        pd.testing.assert_frame_equal(read.frame, slow.frame)


@settings(max_examples=examples(2))
@given(table=st.sampled_from(TABLES), mutate=st.sampled_from(MUTATIONS), data=st.data())
def test_validation_with_frictionless_holds_under_damage(table, mutate, data):
    """The full validation (with the frictionless pass) is as robust as our own checks."""
    with tempfile.TemporaryDirectory() as tmp:
        root = small_package(Path(tmp))
        mutate(root, table, data)
        before = _fingerprint(root)
        problems = validate(load_package(root))
        assert_well_formed(problems, root)
        assert _fingerprint(root) == before


def _nul_in_cell(root):
    raw = _path(root, "sanctions").read_bytes()
    _path(root, "sanctions").write_bytes(raw.replace(b",GBR,", b",G\x00BR,", 1))


def _random_garbage(root):
    raw = _path(root, "exercises").read_bytes()
    _path(root, "exercises").write_bytes(raw[:500] + bytes(range(256)) + raw[500:])


def _shuffled_header_and_deleted_file(root):
    rows = read_rows(root, "entities")
    rows[0] = rows[0][::-1]
    write_rows(root, "entities", rows)
    _path(root, "places").unlink()


@pytest.mark.parametrize("break_it", [_nul_in_cell, _random_garbage, _shuffled_header_and_deleted_file],
                         ids=lambda f: f.__name__.strip("_"))
def test_cli_exits_1_without_traceback_on_damage(package_dir, break_it):
    break_it(package_dir)
    before = _fingerprint(package_dir)
    result = run_main(package_dir, "validate")
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Traceback" not in result.stdout + result.stderr
    assert _fingerprint(package_dir) == before


def test_fast_reader_counts_lines_of_multiline_cells_beside_empty_cells():
    data = b'id,s,t\na,"two\nlines",\nb,,x\nc,"three\nlines\nhere",\nd,,\n'
    t = PACKAGE.table("weapon_systems")
    fast = _read_fast(data)
    assert fast is not None
    assert fast[2] == [2, 4, 5, 8]
    slow = _read_slow(t, t.path, data.decode(), [])
    assert fast[2] == slow.lines


@pytest.mark.parametrize("table", TABLES)
def test_a_damaged_first_header_cell_is_reported_not_a_crash(table, junk=b"\x00"):
    """The cases the exploring run found by chance, every table, every time: the key column goes missing.

    A NUL byte stands for any damage to the first header cell (an invalid UTF-8 byte or a stray letter
    leave the same column missing; the catalogue shows the invalid-UTF-8 case).
    """
    with tempfile.TemporaryDirectory() as tmp:
        root = small_package(Path(tmp))
        path = _path(root, table)
        path.write_bytes(junk + path.read_bytes())
        problems = validate(load_package(root), structure=False)
        assert_well_formed(problems, root)
        first = PACKAGE.table(table).field_names[0]
        assert any(p.file == PACKAGE.table(table).path and p.code == "missing-column" and p.column == first
                   for p in problems), [p.text() for p in problems][:10]



def test_a_rule_whose_lookups_are_all_empty_reports_instead_of_crashing():
    """Found by the property test on the small package: when the entities of every alias have no native
    name (valid: the column is optional), the alias rule compared an all-missing lookup as text and raised."""
    with tempfile.TemporaryDirectory() as tmp:
        root = small_package(Path(tmp))
        rows = read_rows(root, "entities")
        native = rows[0].index("name_native")
        write_rows(root, "entities", [rows[0]] + [r[:native] + [""] + r[native + 1:] for r in rows[1:]])
        problems = validate(load_package(root), structure=False)  # must not raise
        assert_well_formed(problems, root)
        assert {p.code for p in problems} <= {"min-rows", "min-distinct", "min-count", "min-filled"}
