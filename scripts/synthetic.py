"""Synthetic packages at any size, made from the real package and its real schemas.

Each scaled table is the real table repeated: copy 0 is the real rows as they are, copy ``i``
has every key (primary key, unique columns, one plain text column of the natural key) suffixed
with ``-syn<i>``. A foreign key to another scaled table points into that table's copy
``i mod copies``, so every key resolves and every cross-table rule (e.g. each exercise has its
Belarusian host) still holds. Tables that are not scaled are copied unchanged and point at copy 0.
The result is a valid package, so a validator's time on it is the time on clean data; ``seed_faults``
then breaks known cells to compare validators' findings.

Used by ``scripts/benchmark.py`` and ``tests/test_scale.py``.
"""
from __future__ import annotations

import csv
import io
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from belarus_russia_defence.schema import ROOT, Package, Table, load_package

#: copies of each scaled table, relative to the copies of the largest one
DEFAULT_SHARES = {
    "exercise_participants": 1.0,
    "exercises": 1.0,
    "sanctions": 0.2,
    "sanctions_acts": 0.2,  # as many copies as designations: each copy of a designation points into its own act
    "entities": 0.1,
    "sources": 0.05,
}
LARGEST = "exercise_participants"
SUFFIX = "-syn"


def _read(package: Package, table: Table) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(package.read_bytes(table.path)), dtype=str, keep_default_na=False,
                       na_values=[], encoding="utf-8")


def _suffixed_columns(table: Table) -> list[str]:
    """Columns whose values must differ between copies: keys, unique columns, a natural-key text column.

    Foreign-key columns are left out: they take the suffix of the copy they point into.
    """
    fk_cols = {fk.fields[0] for fk in table.foreign_keys}
    pk = [] if fk_cols & set(table.primary_key) else list(table.primary_key)  # a key made of references varies with them
    cols = [f.name for f in table.fields if (f.unique or f.name in pk) and f.name not in fk_cols]
    natural = table.checks.get("naturalKey") or []
    plain = [c for c in natural if table.field(c).type == "string" and not table.field(c).enum
             and not table.field(c).pattern and c not in fk_cols]
    if natural and not any(c in cols for c in natural) and plain:
        cols.append(plain[0])
    return cols


def _suffix(values: pd.Series, copy: np.ndarray) -> pd.Series:
    suffix = np.where(copy == 0, "", SUFFIX + copy.astype(str))
    out = values.to_numpy(dtype=object) + suffix.astype(object)
    empty = values.to_numpy(dtype=object) == ""
    return pd.Series(np.where(empty, "", out), index=values.index)


def scale_copies(package: Package, largest_rows: int, shares: dict[str, float] | None = None) -> dict[str, int]:
    """How many copies of each table's rows make a synthetic package whose largest table has about ``largest_rows``."""
    shares = shares or DEFAULT_SHARES
    base = len(_read(package, package.table(LARGEST)))
    top = max(1, math.ceil(largest_rows / base))
    return {name: max(1, round(top * share)) for name, share in shares.items()}


def generate(dest: Path, largest_rows: int, source: Path = ROOT, shares: dict[str, float] | None = None) -> dict[str, int]:
    """Write a synthetic package to ``dest``; returns the rows written per table."""
    dest = Path(dest)
    package = load_package(source)
    copies = scale_copies(package, largest_rows, shares)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(source) / "datapackage.json", dest / "datapackage.json")
    shutil.copytree(Path(source) / "schemas", dest / "schemas", dirs_exist_ok=True)
    (dest / "data").mkdir(exist_ok=True)
    rows = {}
    for table in package.tables:
        frame = _read(package, table)
        k = copies.get(table.name, 1)
        if k > 1:
            n = len(frame)
            frame = pd.concat([frame] * k, ignore_index=True)
            copy = np.repeat(np.arange(k), n)
            for col in _suffixed_columns(table):
                frame[col] = _suffix(frame[col], copy)
            for fk in table.foreign_keys:
                target = copies.get(fk.resource, 1)
                if target > 1 or fk.resource == table.name:
                    frame[fk.fields[0]] = _suffix(frame[fk.fields[0]], copy % target)
        write_csv(frame, dest / table.path)
        rows[table.name] = len(frame)
    return rows


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a frame as a UTF-8 CSV file with a header and \n line endings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, encoding="utf-8")


#: (table, data row index, column, bad value, fault kind). Data row 0 is on line 2 of the file.
FAULTS = [
    ("exercise_participants", 10, "troops", "1.5", "type"),
    ("exercise_participants", 20, "troops", "-5", "minimum"),
    ("exercise_participants", 30, "role", "spectator", "enum"),
    ("exercise_participants", 40, "source_id", "no-such-source", "foreign-key"),
    ("exercises", 5, "end_date", "2021-02-30", "type"),
    ("exercises", 7, "exercise_type", "", "required"),
    ("exercises", 9, "id", "Not A Slug", "pattern"),
    ("sanctions", 3, "asset_freeze", "yes", "type"),
    ("sanctions", 4, "target_id", "no-such-entity", "foreign-key"),
    ("entities", 6, "entity_type", "wizard", "enum"),
]


def seed_faults(root: Path, faults=FAULTS, duplicate_key_of: tuple[str, int] | None = ("exercise_participants", 50)) -> list[tuple[str, int, str]]:
    """Break known cells (and duplicate one composite key); returns (file, line, kind) of each fault.

    Rows far from the end are chosen, so the lines are the same before and after the duplicate is appended.
    """
    package = load_package(root)
    seeded = []
    frames = {}
    for name, row, column, value, kind in faults:
        table = package.table(name)
        frame = frames.setdefault(name, _read(package, table))
        frame.at[row, column] = value
        seeded.append((table.path, row + 2, kind))
    if duplicate_key_of:
        name, row = duplicate_key_of
        table = package.table(name)
        frame = frames.setdefault(name, _read(package, table))
        frame.loc[len(frame)] = frame.iloc[row]
        seeded.append((table.path, len(frame) + 1, "primary-key"))
    for name, frame in frames.items():
        write_csv(frame, Path(root) / package.table(name).path)
    return seeded
