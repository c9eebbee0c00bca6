import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Property tests are reproducible by default (the same examples on every run, so CI never passes or
#: fails by chance); ``make fuzz`` explores with fresh random examples, FUZZ_SCALE times as many.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("explore", derandomize=False, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(n: int) -> int:
    """How many examples a property test draws: ``n`` in CI, more when exploring (``make fuzz``)."""
    return n * int(os.environ.get("FUZZ_SCALE", "1"))

#: parameters for the canned queries that take some, as a query string
QUERY_EXAMPLES = {"entity_dossier": "entity=mzkt", "row_sources": "table=exercises&id=union-shield-2019",
                  "act_completeness_by_authority": "authority=",
                  "listed_by_one_not_another": "listed_by=USA&not_listed_by=EU",
                  "supply_by_weapon_category": "category=air_defence", "claimant_allegations": "claimant=belpol",
                  "what_was_where_on_a_date": "date=2022-02-20", "exercise_on_the_map": "exercise=zapad-2021"}


def copy_package(dest: Path) -> Path:
    """A copy of the real package (descriptor, schemas, data) that a test may break."""
    shutil.copy(ROOT / "datapackage.json", dest / "datapackage.json")
    shutil.copytree(ROOT / "schemas", dest / "schemas")
    shutil.copytree(ROOT / "data", dest / "data")
    return dest


@pytest.fixture
def package_dir(tmp_path) -> Path:
    return copy_package(tmp_path)


def small_package(dest: Path, rows: int = 5) -> Path:
    """A small package for property tests: the real schemas, the first ``rows`` rows of every table, every
    row those point to (foreign keys, followed until nothing is missing), and the citations of the kept rows.

    Its floors (rows, rows of a kind, fill rates, distinct values) are not met: the tables are small on
    purpose. Everything else is valid.
    """
    from belarus_russia_defence.schema import load_package

    copy_package(dest)
    package = load_package(dest)
    tables = {t.name: read_rows(dest, t.name) for t in package.tables}
    keep = {name: set(range(1, min(rows, len(r) - 1) + 1)) for name, r in tables.items() if name != "citations"}
    changed = True
    while changed:
        changed = False
        for t in package.tables:
            if t.name == "citations":
                continue
            header = tables[t.name][0]
            for fk in t.foreign_keys:
                ref = tables[fk.resource]
                column, key = header.index(fk.fields[0]), ref[0].index(fk.reference_fields[0])
                wanted = {tables[t.name][i][column] for i in keep[t.name]} - {""}
                found = {j for j in range(1, len(ref)) if ref[j][key] in wanted} - keep[fk.resource]
                if found:
                    keep[fk.resource] |= found
                    changed = True
            for rule in t.checks.get("hasRows", []):  # the rows that must point back to a kept row
                other = tables[rule["table"]]
                ids = {tables[t.name][i][header.index(t.primary_key[0])] for i in keep[t.name]}
                via = other[0].index(rule["via"])
                found = {j for j in range(1, len(other)) if other[j][via] in ids} - keep[rule["table"]]
                if found:
                    keep[rule["table"]] |= found
                    changed = True
    kept_ids = {name: {"/".join(tables[name][i][tables[name][0].index(c)] for c in package.table(name).primary_key)
                       for i in keep[name]} for name in keep}
    citations = tables["citations"]
    table_col, record_col, source_col = (citations[0].index(c) for c in ("table_name", "record_id", "source_id"))
    sources = {tables["sources"][i][0] for i in keep["sources"]}
    keep["citations"] = {i for i in range(1, len(citations)) if citations[i][record_col] in kept_ids.get(
        citations[i][table_col], set()) and citations[i][source_col] in sources}
    for name, rows_of in tables.items():
        write_rows(dest, name, [rows_of[0]] + [rows_of[i] for i in sorted(keep[name])])
    return dest


def read_rows(root: Path, table: str) -> list[list[str]]:
    with open(root / "data" / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def write_rows(root: Path, table: str, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (root / "data" / f"{table}.csv").write_text(buf.getvalue(), encoding="utf-8")


def set_cell(root: Path, table: str, row: int, column: str, value: str) -> None:
    """Set one cell (row 0 is the first data row, on line 2 of the file)."""
    rows = read_rows(root, table)
    rows[row + 1][rows[0].index(column)] = value
    write_rows(root, table, rows)


def cell(root: Path, table: str, row: int, column: str) -> str:
    rows = read_rows(root, table)
    return rows[row + 1][rows[0].index(column)]


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The command line in a subprocess, as a user runs it: for the few smoke tests of the real process."""
    return subprocess.run([sys.executable, "-m", "belarus_russia_defence", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=300)


def run_main(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The command line in-process through ``cli.main(argv)``: its exit status and what it printed.

    A bug raises here with its traceback, as it would print one in a subprocess.
    """
    import contextlib
    import io

    from belarus_russia_defence.cli import main

    out, err = io.StringIO(), io.StringIO()
    argv = ["--root", str(root), *args]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return subprocess.CompletedProcess(argv, status, out.getvalue(), err.getvalue())
