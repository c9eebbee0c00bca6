"""The downloads open and hold every row."""
import csv
import json
import sqlite3
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from belarus_russia_defence.outputs.downloads import build_dist
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


def test_parquet_read_by_duckdb_has_true_types_and_joins(dist):
    """DuckDB, as a real client, sees dates as DATE, booleans as BOOLEAN and vocabularies as categories."""
    import duckdb

    out = dist["parquet"]
    con = duckdb.connect()
    types = dict(row[:2] for row in con.execute(f"DESCRIBE SELECT * FROM '{out}/sanctions.parquet'").fetchall())
    assert types["listing_date"] == "DATE"
    assert types["asset_freeze"] == "BOOLEAN"
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = pq.read_schema(out / "sanctions.parquet")
    assert pa.types.is_dictionary(arrow.field("confidence").type)  # a vocabulary is dictionary-encoded
    assert not pa.types.is_dictionary(arrow.field("reason").type)
    ex_types = dict(row[:2] for row in con.execute(f"DESCRIBE SELECT * FROM '{out}/exercises.parquet'").fetchall())
    assert ex_types["start_date"] == "DATE" and ex_types["declared_troops"] == "BIGINT"
    joined = con.execute(f"""SELECT count(*), count(e.id) FROM '{out}/sanctions.parquet' s
                             LEFT JOIN '{out}/entities.parquet' e ON e.id = s.target_id""").fetchone()
    assert joined[0] == len(_rows(PACKAGE.table("sanctions"))) and joined[1] == joined[0]
    first = con.execute(f"SELECT min(listing_date) FROM '{out}/sanctions.parquet'").fetchone()[0]
    assert first.__class__.__name__ == "date"


def test_followthemoney_file_reads_back_with_the_library(dist):
    from followthemoney import model

    path = next(dist["parquet"].parent.glob("*.ftm.json"))
    proxies = [model.get_proxy(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]
    by_id = {p.id: p for p in proxies}
    assert len(by_id) == len(proxies)
    sanctions = [p for p in proxies if p.schema.name == "Sanction"]
    rows = list(csv.DictReader(open(ROOT / "data" / "sanctions.csv", encoding="utf-8")))
    assert sorted(s.first("recordId") for s in sanctions) == sorted(r["id"] for r in rows)
    for s in sanctions:
        target = by_id[s.first("entity")]  # every Sanction points to an entity in the file
        assert target.schema.is_a("LegalEntity")
        assert s.first("listingDate") and s.first("authority") and s.first("sourceUrl")
    entities = list(csv.DictReader(open(ROOT / "data" / "entities.csv", encoding="utf-8")))
    khrenin = by_id["brd-viktor-khrenin"]
    assert khrenin.schema.name == "Person" and khrenin.first("country") == "by"
    row = next(r for r in entities if r["id"] == "viktor-khrenin")
    assert set(khrenin.get("name")) == {row["name"], row["name_native"]} - {""}
    assert khrenin.first("position") == row["position"]
    assert by_id["brd-mzkt"].schema.name == "Company"
    parents = [r for r in entities if r["parent_id"]]
    links = [p for p in proxies if p.schema.name in ("Membership", "Ownership")]
    assert len(links) == len(parents)


def test_a_package_that_fails_validation_writes_nothing(package_dir, tmp_path):
    from belarus_russia_defence.errors import ValidationError

    from .conftest import set_cell

    out = tmp_path / "dist"
    build_dist(load_package(package_dir), out)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    set_cell(package_dir, "sanctions", 0, "listing_date", "2021-02-30")
    with pytest.raises(ValidationError):
        build_dist(load_package(package_dir), out)
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failure_while_writing_leaves_the_old_downloads(package_dir, tmp_path, monkeypatch):
    import belarus_russia_defence.outputs.downloads as dist_module

    out = tmp_path / "dist"
    build_dist(load_package(package_dir), out)
    before = sorted(p.name for p in out.iterdir())

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(dist_module, "write_ftm", broken)
    with pytest.raises(RuntimeError):
        build_dist(load_package(package_dir), out)
    assert sorted(p.name for p in out.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_downloads_are_written_from_a_zipped_package_with_no_checkout(tmp_path):
    """A Package is data with a reader, not a checkout: the zip download of a zip rebuilds the same package."""
    import zipfile

    from belarus_russia_defence.outputs.frames import open_package

    first = build_dist(PACKAGE, tmp_path / "first")
    zipped = next(p for p in first if p.suffix == ".zip")
    again = build_dist(open_package(zipped), tmp_path / "again")
    rezipped = next(p for p in again if p.suffix == ".zip")
    with zipfile.ZipFile(zipped) as a, zipfile.ZipFile(rezipped) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        assert all(a.read(n) == b.read(n) for n in a.namelist())
    assert not (tmp_path / "dist").exists() and not any(p.name == "dist" for p in tmp_path.iterdir())
