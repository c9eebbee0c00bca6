import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: parameters for the canned queries that take some, as a query string
QUERY_EXAMPLES = {"entity_dossier": "entity=mzkt", "row_sources": "table=exercises&id=union-shield-2019"}


def copy_package(dest: Path) -> Path:
    """A copy of the real package (descriptor, schemas, data) that a test may break."""
    shutil.copy(ROOT / "datapackage.json", dest / "datapackage.json")
    shutil.copytree(ROOT / "schemas", dest / "schemas")
    shutil.copytree(ROOT / "data", dest / "data")
    return dest


@pytest.fixture
def package_dir(tmp_path) -> Path:
    return copy_package(tmp_path)


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
    return subprocess.run([sys.executable, "-m", "belarus_russia_defence", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=300)
