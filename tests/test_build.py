"""The SQLite build: keys, indexes, full-text search, views; lossless; atomic."""
import csv
import sqlite3

import pytest

from belarus_russia_defence.outputs.sqlite import FTS_DEFAULT_HASHSIZE, build_database, from_sql
from belarus_russia_defence.schema import load_package

from .conftest import ROOT, run_main, set_cell

PACKAGE = load_package(ROOT)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = build_database(PACKAGE, tmp_path_factory.mktemp("build") / "test.db")
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


@pytest.mark.parametrize("table", PACKAGE.tables, ids=lambda t: t.name)
def test_every_cell_reads_back_identical(db, table):
    with open(ROOT / table.path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    names = ", ".join(f"[{f.name}]" for f in table.fields)
    back = db.execute(f"SELECT {names} FROM [{table.name}] ORDER BY rowid").fetchall()
    assert len(back) == len(rows)
    for csv_row, sql_row in zip(rows, back):
        for f, original, value in zip(table.fields, csv_row, sql_row):
            text = from_sql(f, value)
            if f.type == "number" and original:
                assert float(text) == float(original), (table.name, f.name)
            else:
                assert text == original, (table.name, f.name, original, value)


@pytest.mark.parametrize("table", PACKAGE.tables, ids=lambda t: t.name)
def test_keys_and_not_null_are_declared(db, table):
    info = {r[1]: r for r in db.execute(f"PRAGMA table_info([{table.name}])")}
    pk = [name for name, r in sorted(info.items(), key=lambda kv: kv[1][5]) if r[5]]
    assert pk == list(table.primary_key)
    for f in table.fields:
        if f.required:
            assert info[f.name][3] == 1, f"{table.name}.{f.name} should be NOT NULL"
    fks = {(r[3], r[2], r[4]) for r in db.execute(f"PRAGMA foreign_key_list([{table.name}])")}
    for fk in table.foreign_keys:
        assert (fk.fields[0], fk.resource, fk.reference_fields[0]) in fks
    indexed = {db.execute(f"PRAGMA index_info([{r[1]}])").fetchone()[2]
               for r in db.execute(f"PRAGMA index_list([{table.name}])")}
    for fk in table.foreign_keys:
        assert fk.fields[0] in indexed or fk.fields[0] == table.primary_key[0]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_full_text_search_finds_a_known_row(db):
    hits = db.execute("SELECT e.id FROM exercises e JOIN exercises_fts f ON f.rowid = e.rowid "
                      "WHERE exercises_fts MATCH 'Zapad'").fetchall()
    assert ("zapad-2021",) in hits


@pytest.mark.parametrize("table", [t for t in PACKAGE.tables if t.site.get("fts")], ids=lambda t: t.name)
def test_full_text_indexes_are_whole_and_keep_fts5_defaults(db, table):
    """Each index holds every row (FTS5's own integrity check), and the larger build buffer is not left behind."""
    fts = f"{table.name}_fts"
    db.execute(f"INSERT INTO [{fts}]([{fts}], rank) VALUES ('integrity-check', 1)")  # raises if index and rows differ
    assert db.execute(f"SELECT count(*) FROM [{fts}]").fetchone()[0] == \
        db.execute(f"SELECT count(*) FROM [{table.name}]").fetchone()[0]
    config = dict(db.execute(f"SELECT k, v FROM [{fts}_config]").fetchall())
    assert config.get("hashsize", FTS_DEFAULT_HASHSIZE) == FTS_DEFAULT_HASHSIZE


def test_named_views_join_names_and_source_urls(db):
    row = db.execute("SELECT target_name, source_url FROM sanctions_named WHERE target_id = 'mzkt' LIMIT 1").fetchone()
    assert row[0] and row[0].startswith("Minsk Wheel Tractor Plant")
    assert row[1].startswith("http")


def test_failed_validation_leaves_no_database(package_dir):
    set_cell(package_dir, "exercises", 0, "end_date", "not-a-date")
    result = run_main(package_dir, "build")
    assert result.returncode == 1
    assert "Not built" in result.stderr
    assert not (package_dir / "build" / "belarus_russia_defence.db").exists()


def test_interrupted_build_keeps_the_previous_database(tmp_path, monkeypatch):
    target = tmp_path / "db.sqlite"
    target.write_bytes(b"previous")
    import belarus_russia_defence.outputs.sqlite as build

    def boom(*args, **kwargs):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(build, "insert_rows", boom)
    with pytest.raises(RuntimeError):
        build.build_database(PACKAGE, target)
    assert target.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [target]
