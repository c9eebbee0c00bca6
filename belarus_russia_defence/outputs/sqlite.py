"""SQLite from the validated tables: keys, indexes, full-text search and named views.

Tables are created by sqlite-utils (keys, NOT NULL, foreign keys), then filled one at a time by
``executemany`` from columns converted a chunk at a time, and indexed and full-text indexed right
after their rows, while the next table is read (``scripts/benchmark.py`` compares it with
``sqlite-utils insert`` at a million rows).

The database is written to a temporary file beside the target and moved into
place only when complete, so a failed or interrupted build never leaves a
half-written database where Datasette would serve it.
"""
from __future__ import annotations

import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import sqlite_utils

from ..constants import DATABASE_NAME
from ..read import TextTable, read_text_table
from ..schema import Field, Package, Table


#: How full-text search splits and folds words: English plurals and other endings stemmed (Porter),
#: any script's case folded, diacritics removed (``Łukaszenka`` finds ``Lukaszenka``).
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"

#: FTS5's ``hashsize`` while the index is filled: terms gathered in memory before a segment is written.
#: FTS5's default (1 MB) writes and then merges hundreds of small segments at a million rows; 32 MB
#: fills the same index about a quarter faster (``scripts/benchmark.py``). The default is put back after.
FTS_BUILD_HASHSIZE = 32 * 1024 * 1024
FTS_DEFAULT_HASHSIZE = 1024 * 1024


def fts_config(db: sqlite_utils.Database, table: Table, key: str, value: int) -> None:
    """Set one FTS5 configuration option of a table's full-text index (stored in its ``_config``)."""
    name = f"{table.name}_fts"
    db.execute(f"INSERT INTO [{name}]([{name}], rank) VALUES (?, ?)", [key, value])


def from_sql(f: Field, value) -> str:
    """The CSV text of a SQLite value: the inverse of ``sql_column``."""
    return f.kind.from_sql(f, value)


def creation_order(package: Package) -> list[Table]:
    """Tables ordered so that each comes after the tables its foreign keys point to."""
    done, ordered = set(), []

    def visit(t: Table, path=()):
        if t.name in done or t.name in path:
            return
        for fk in t.foreign_keys:
            if fk.resource != t.name:
                visit(package.table(fk.resource), path + (t.name,))
        done.add(t.name)
        ordered.append(t)

    for t in package.tables:
        visit(t)
    return ordered


def create_table(db: sqlite_utils.Database, table: Table) -> None:
    """Create one table with its columns' affinities, primary key, NOT NULL columns and foreign keys."""
    db[table.name].create(
        {f.name: f.kind.python_type for f in table.fields},
        pk=table.primary_key[0] if len(table.primary_key) == 1 else list(table.primary_key),
        not_null={f.name for f in table.fields if f.required or f.name in table.primary_key},
        foreign_keys=[(fk.fields[0], fk.resource, fk.reference_fields[0]) for fk in table.foreign_keys],
    )


def sql_column(f: Field, text: pd.Series) -> list:
    """A column of text cells as the SQLite values that read back to the same text (``from_sql``)."""
    return f.kind.to_sql(f, text)


#: Rows converted to Python values at a time: the converted cells of a whole million-row table would
#: take more memory than the table itself.
INSERT_CHUNK_ROWS = 100_000


def insert_rows(conn: sqlite3.Connection, table: Table, text: TextTable) -> None:
    """Insert every row of one table, converted column by column by the type registry, a chunk at a time."""
    fields = table.fields
    placeholders = ", ".join("?" for _ in fields)
    names = ", ".join(f"[{f.name}]" for f in fields)
    sql = f"INSERT INTO [{table.name}] ({names}) VALUES ({placeholders})"
    frame = text.frame
    for start in range(0, len(frame), INSERT_CHUNK_ROWS):
        chunk = frame.iloc[start:start + INSERT_CHUNK_ROWS]
        conn.executemany(sql, zip(*(sql_column(f, chunk[f.name]) for f in fields)))


def index_columns(table: Table) -> list[str]:
    """Foreign-key columns and the columns Datasette facets on get an index."""
    cols = [fk.fields[0] for fk in table.foreign_keys]
    cols += [c for c in table.site.get("facets", []) if c not in cols]
    return [c for c in cols if c not in table.primary_key[:1]]


def named_view_sql(package: Package, table: Table) -> str | None:
    """A view of a fact table with each foreign key's label and the source's URL beside it."""
    joins, extra = [], []
    for n, fk in enumerate(table.foreign_keys):
        ref = package.table(fk.resource)
        col = fk.fields[0]
        alias = f"r{n}"
        if ref.name == "sources":
            extra += [f"{alias}.url AS source_url", f"{alias}.publisher AS source_publisher"]
        elif ref.site.get("labelColumn"):
            extra.append(f"{alias}.[{ref.site['labelColumn']}] AS [{col.removesuffix('_id')}_name]")
        else:
            continue
        joins.append(f"LEFT JOIN [{ref.name}] AS {alias} ON {alias}.[{fk.reference_fields[0]}] = t.[{col}]")
    if not joins:
        return None
    return (f"CREATE VIEW [{table.name}_named] AS SELECT t.*, " + ", ".join(extra)
            + f" FROM [{table.name}] AS t " + " ".join(joins))


#: The reference table of every code a column's declared code list holds, with its English name.
CODE_NAMES_TABLE = "code_names"


def write_code_names(db: sqlite_utils.Database, package: Package) -> None:
    """The ``code_names`` table: each code of every code list the schemas declare, with its name (pycountry)."""
    from ..code_lists import code_list

    used = sorted({f.code_list for t in package.tables for f in t.fields if f.code_list})
    db[CODE_NAMES_TABLE].create({"code_list": str, "code": str, "name": str}, pk=("code_list", "code"))
    db[CODE_NAMES_TABLE].insert_all(({"code_list": name, "code": code, "name": label}
                                     for name in used for code, label in sorted(code_list(name).names.items())))


#: The reference table of every value of a controlled vocabulary, per column, with its label.
VALUE_LABELS_TABLE = "value_labels"


def write_value_labels(db: sqlite_utils.Database, package: Package) -> None:
    """The ``value_labels`` table: each column with a vocabulary (``x-vocabulary``), each value and its label."""
    db[VALUE_LABELS_TABLE].create({"table_name": str, "column_name": str, "value": str, "label": str, "vocabulary": str},
                                  pk=("table_name", "column_name", "value"))
    db[VALUE_LABELS_TABLE].insert_all({"table_name": t.name, "column_name": f.name, "value": value, "label": label,
                                       "vocabulary": f.vocabulary}
                                      for t in package.tables for f in t.fields
                                      for value, label in package.value_labels(f).items())


def index_table(db: sqlite_utils.Database, package: Package, table: Table) -> None:
    """After a table's rows: its column indexes, its full-text index (created empty beforehand) and its named view."""
    for col in index_columns(table):
        db[table.name].create_index([col], if_not_exists=True)
    if table.site.get("fts"):
        db[table.name].populate_fts(table.site["fts"])
        fts_config(db, table, "hashsize", FTS_DEFAULT_HASHSIZE)
    view = named_view_sql(package, table)
    if view and table.is_fact:
        db.execute(view)


def build_database(package: Package, path: Path, texts: dict[str, TextTable] | None = None) -> Path:
    """Write the database at ``path`` atomically; the tables are assumed valid (``cli build`` checks first).

    A checkout's database is ``Workspace.database``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if texts is None:
        def text_of(table: Table) -> TextTable:
            return read_text_table(package, table)
    else:
        def text_of(table: Table) -> TextTable:
            return texts[table.name]
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        db = sqlite_utils.Database(tmp)
        db.conn.execute("PRAGMA journal_mode = OFF")  # a new file that replaces the target only when complete
        db.conn.execute("PRAGMA synchronous = OFF")
        # A small page cache and one sorting thread: CREATE INDEX sorts in runs that fit the CPU's caches, and
        # the 84 indexes of a million-row package take 1.6 s instead of 2.4 s with 64 MB and two threads;
        # the row inserts are as fast (``scripts/benchmark.py``).
        db.conn.execute("PRAGMA cache_size = -16384")  # 16 MB
        db.conn.execute("PRAGMA threads = 0")
        db.conn.execute("PRAGMA locking_mode = EXCLUSIVE")  # no other reader while it is written: no lock per write
        db.conn.execute("PRAGMA page_size = 16384")
        for table in creation_order(package):
            create_table(db, table)
            if table.site.get("fts"):  # empty now, filled after the rows and indexes
                db[table.name].enable_fts(table.site["fts"], create_triggers=False, tokenize=FTS_TOKENIZE)
                fts_config(db, table, "hashsize", FTS_BUILD_HASHSIZE)
        # Largest file first: each table is then read while a table at least as large is being indexed.
        tables = sorted(package.tables, key=lambda t: -package.size_of(t.path))
        with ThreadPoolExecutor(max_workers=1) as reader:
            # One table at a time: its rows, then its indexes and full-text index. While SQLite builds those
            # (in C, with the GIL released) the next table is read from its CSV, if it was not given. Nothing
            # runs beside the inserts, which take the GIL back after every row.
            upcoming = reader.submit(text_of, tables[0]) if tables else None
            for n, table in enumerate(tables):
                text = upcoming.result()
                with db.conn:
                    insert_rows(db.conn, table, text)
                del text  # a table read here is freed once its rows are in
                if n + 1 < len(tables):
                    upcoming = reader.submit(text_of, tables[n + 1])
                index_table(db, package, table)
        write_code_names(db, package)
        write_value_labels(db, package)
        from .sqlite_views import create_views

        create_views(db.conn, {t.name for t in package.tables})
        db.conn.execute("PRAGMA journal_mode = DELETE")
        db.conn.commit()
        db.conn.close()  # no VACUUM: a database written in one pass, indexes built after the load, is compact
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
