"""The downloads open and hold every row."""
import csv
import sqlite3
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from belarus_russia_defence.dist import build_dist
from belarus_russia_defence.schema import load_package

from .conftest import ROOT

PACKAGE = load_package(ROOT)


def _rows(table):
    with open(ROOT / table.path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))[1:]


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    paths = build_dist(PACKAGE, out)
    return {p.suffix: p for p in paths if p.suffix != ".parquet"} | {"parquet": out / f"belarus-russia-defence-ties-{PACKAGE.version}-parquet"}


def test_zip_holds_descriptor_schemas_and_every_csv(dist):
    with zipfile.ZipFile(dist[".zip"]) as z:
        names = set(z.namelist())
        top = f"belarus-russia-defence-ties-{PACKAGE.version}/"
        assert top + "datapackage.json" in names
        for t in PACKAGE.tables:
            assert top + t.path in names and top + t.schema_path in names
            assert z.read(top + t.path) == (ROOT / t.path).read_bytes()


def test_sqlite_holds_every_row(dist):
    conn = sqlite3.connect(dist[".db"])
    for t in PACKAGE.tables:
        assert conn.execute(f"SELECT COUNT(*) FROM [{t.name}]").fetchone()[0] == len(_rows(t))


def test_excel_has_a_sheet_per_table_and_a_readme(dist):
    wb = load_workbook(dist[".xlsx"], read_only=True)
    assert wb.sheetnames[0] == "README"
    readme_text = " ".join(str(c) for row in wb["README"].iter_rows(values_only=True) for c in row if c)
    assert "CC-BY-4.0" in readme_text
    for t in PACKAGE.tables:
        rows = list(wb[t.name[:31]].iter_rows(values_only=True))
        assert list(rows[0]) == t.field_names
        assert len(rows) - 1 == len(_rows(t))


def test_parquet_has_types_and_every_row(dist):
    for t in PACKAGE.tables:
        frame = pd.read_parquet(dist["parquet"] / f"{t.name}.parquet")
        assert len(frame) == len(_rows(t))
        assert list(frame.columns) == t.field_names
    ex = pd.read_parquet(dist["parquet"] / "exercises.parquet")
    assert str(ex["declared_troops"].dtype) == "Int64"
    assert str(ex["start_date"].dtype) == "date32[day][pyarrow]"
