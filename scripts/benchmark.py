#!/usr/bin/env python
"""How fast are validation, the SQLite build and Datasette at 10k, 100k and 1M rows?

Generates synthetic packages from the real schemas and data (``belarus_russia_defence.synthetic``:
the largest table, exercise_participants, at each size, with valid foreign keys into exercises,
entities and sources), then times whole processes, imports included; median of ``--runs``,
with each process's peak memory (RSS of the child, from ``getrusage``):

- our validation: ``python -m belarus_russia_defence --root DIR validate --no-frictionless``
- ``frictionless validate datapackage.json``
- the floor: a raw ``pyarrow.csv.read_csv`` of the same bytes, every column as text
- our SQLite build: ``... build --skip-validation --output X``
- ``sqlite-utils insert --csv`` of the same CSVs (its Python API in one process: what the command does,
  type detection included), with the same primary keys, indexes and full-text search
- Datasette p95 latency for a table page, a facet page and a full-text search, on the largest size
  (in-process client, the project's settings and metadata; no network), each as Datasette renders
  it (the response cache off) and as the response cache answers it

Usage: ``python scripts/benchmark.py [--sizes 10000,100000,1000000] [--runs 3] [--skip frictionless,...]``.
Not a test: it prints a table of figures.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from belarus_russia_defence.outputs.sqlite import DATABASE_NAME, index_columns  # noqa: E402
from belarus_russia_defence.schema import load_package  # noqa: E402
from synthetic import LARGEST, generate  # noqa: E402  (beside this script)

PY = sys.executable
BIN = Path(PY).parent
STEPS = ["ours", "frictionless", "pyarrow", "build", "sqlite-utils"]

MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
wall = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write(f"{wall} {peak} {rc}")
"""

PYARROW_FLOOR = """
import sys, pathlib, pyarrow as pa, pyarrow.csv as c
for p in sorted(pathlib.Path(sys.argv[1]).glob('data/*.csv')):
    names = p.open(encoding='utf-8').readline().rstrip('\\n').split(',')
    c.read_csv(p, convert_options=c.ConvertOptions(column_types={n: pa.string() for n in names},
               strings_can_be_null=False))
"""


def measure(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit status of one child process."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as out:
        subprocess.run([PY, "-c", MEASURE, out.name, *cmd], check=True)
        wall, peak_kb, rc = Path(out.name).read_text().split()
    return float(wall), int(peak_kb) / 1024, int(rc)


SQLITE_UTILS = """
# What `sqlite-utils insert DB TABLE FILE --csv --pk ...` does (csv.DictReader, type detection with
# TypeTracker, insert_all, transform to the detected types), then create-index and enable-fts;
# in one process, so that its figure is the work and not 60 CLI start-ups.
import csv, sys
import sqlite_utils
from sqlite_utils.utils import TypeTracker
sys.path.insert(0, sys.argv[3])
from belarus_russia_defence.outputs.sqlite import FTS_TOKENIZE, index_columns
from belarus_russia_defence.schema import load_package

package = load_package(sys.argv[1])
db = sqlite_utils.Database(sys.argv[2], recreate=True)
for t in package.tables:
    with open(package.root / t.path, newline="", encoding="utf-8") as fh:
        tracker = TypeTracker()
        pk = t.primary_key[0] if len(t.primary_key) == 1 else list(t.primary_key)
        db[t.name].insert_all(tracker.wrap(csv.DictReader(fh)), pk=pk, batch_size=100)
        db[t.name].transform(types=tracker.types)
for t in package.tables:
    for col in index_columns(t):
        db[t.name].create_index([col], if_not_exists=True)
    if t.site.get("fts"):
        db[t.name].enable_fts(t.site["fts"], tokenize=FTS_TOKENIZE)
"""


def commands(root: Path, work: Path) -> dict[str, list[str]]:
    return {
        "ours": [PY, "-m", "belarus_russia_defence", "--root", str(root), "validate", "--no-frictionless"],
        "frictionless": [str(BIN / "frictionless"), "validate", str(root / "datapackage.json")],
        "pyarrow": [PY, "-c", PYARROW_FLOOR, str(root)],
        "build": [PY, "-m", "belarus_russia_defence", "--root", str(root), "build", "--skip-validation",
                  "--output", str(work / "ours.db")],
        "sqlite-utils": [PY, "-c", SQLITE_UTILS, str(root), str(work / "sqlite-utils.db"), str(ROOT)],
    }


LABELS = {
    "ours": "our validation (--no-frictionless)",
    "frictionless": "frictionless validate",
    "pyarrow": "raw pyarrow.csv.read_csv (floor)",
    "build": "our SQLite build",
    "sqlite-utils": "sqlite-utils insert --csv, indexes, FTS",
}


async def datasette_latency(db: Path, metadata: dict, n: int) -> dict[str, tuple[float, float, int]]:
    """p50 and p95 in ms, and the count of non-200 answers, for each page; in-process, no network."""
    from datasette.app import Datasette

    from belarus_russia_defence.site.metadata import SETTINGS

    inspect = subprocess.run([PY, "-m", "datasette", "inspect", str(db)], capture_output=True, text=True, check=True)
    # as `make serve` runs it: immutable, with `datasette inspect` data (table counts need no COUNT(*))
    ds = Datasette(immutables=[str(db)], metadata=metadata, settings=SETTINGS, inspect_data=json.loads(inspect.stdout))
    await ds.invoke_startup()
    base = f"/{DATABASE_NAME}"
    pages = {
        "table page": f"{base}/{LARGEST}",
        "facet page": f"{base}/{LARGEST}?_facet=role",
        "full-text search": f"{base}/exercises?_search=Zapad",
    }
    results = {}
    for label, path in pages.items():
        await ds.client.get(path)  # warm-up
        times, errors = [], 0
        for _ in range(n):
            t = time.perf_counter()
            response = await ds.client.get(path)
            times.append((time.perf_counter() - t) * 1000)
            errors += response.status_code != 200
        times.sort()
        results[label] = (statistics.median(times), times[max(0, int(0.95 * len(times)) - 1)], errors)
    return results


IMPORTS_ONLY = ("import belarus_russia_defence.cli, belarus_russia_defence.check, belarus_russia_defence.read, "
                "belarus_russia_defence.check.rules, belarus_russia_defence.check.crosstable, pandera.pandas")


def shipped(runs: int) -> None:
    """The shipped package: `make validate` split into start-up (imports) and work, the build, frictionless."""
    cli = [PY, "-m", "belarus_russia_defence", "--root", str(ROOT)]
    out = Path(tempfile.mkdtemp(prefix="brd-shipped-")) / "shipped.db"
    steps = {
        "imports (interpreter + our modules)": [PY, "-c", IMPORTS_ONLY],
        "validate (everything: Pandera rules and frictionless)": cli + ["validate", "--engine", "pandera"],
        "make validate (rules run directly, no frictionless)": cli + ["validate", "--no-frictionless", "--engine",
                                                                      "direct"],
        "build (SQLite, no validation)": cli + ["build", "--skip-validation", "--output", str(out)],
        "frictionless validate datapackage.json": [str(BIN / "frictionless"), "validate", str(ROOT / "datapackage.json")],
    }
    figures = {}
    for label, cmd in steps.items():
        walls = [measure(cmd)[0] for _ in range(runs)]
        figures[label] = statistics.median(walls)
    total = figures["validate (everything: Pandera rules and frictionless)"]
    imports = figures["imports (interpreter + our modules)"]
    print("| shipped package | median s |")
    print("|---|---:|")
    for label, wall in figures.items():
        print(f"| {label} | {wall:.2f} |")
    print(f"| validate: work after start-up | {total - imports:.2f} |")
    print()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="rows in the largest table, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip", default="", help=f"steps to leave out, comma-separated: {','.join(STEPS)},datasette")
    parser.add_argument("--requests", type=int, default=40, help="requests per Datasette page")
    parser.add_argument("--workdir", help="where packages are generated (default: a temporary folder)")
    parser.add_argument("--shipped-only", action="store_true", help="only the figures for the shipped package")
    args = parser.parse_args(argv)
    if "shipped" not in args.skip.split(","):
        shipped(args.runs)
    if args.shipped_only:
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    skip = {s for s in args.skip.split(",") if s}
    work_root = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="brd-bench-"))
    rows = []
    for size in sizes:
        root = work_root / f"package-{size}"
        marker = root / ".generated.json"
        if not marker.exists():
            t = time.perf_counter()
            counts = generate(root, size)
            marker.write_text(json.dumps(counts))
            print(f"# generated {size:,} rows in {LARGEST} in {time.perf_counter() - t:.1f} s: "
                  f"{sum(json.loads(marker.read_text()).values()):,} rows in all, "
                  f"{sum(p.stat().st_size for p in (root / 'data').glob('*.csv')) / 1e6:.0f} MB", flush=True)
        cmds = commands(root, root)
        figures = {}
        for step in STEPS:
            if step in skip:
                continue
            walls, peaks, codes = [], [], set()
            for _ in range(args.runs):
                wall, peak, rc = measure(cmds[step])
                walls.append(wall)
                peaks.append(peak)
                codes.add(rc)
            figures[step] = (statistics.median(walls), max(peaks), codes)
            print(f"# {size:>9,} {LABELS[step]:<38} {figures[step][0]:8.2f} s {figures[step][1]:7.0f} MB "
                  f"exit {sorted(codes)}", flush=True)
        rows.append((size, figures))
        if "datasette" not in skip and size == max(sizes) and "build" in figures:
            from belarus_russia_defence.site.metadata import metadata

            db = root / "build" / f"{DATABASE_NAME}.db"
            db.parent.mkdir(exist_ok=True)
            os.replace(root / "ours.db", db)
            lat = {}
            for cache_mb, how in ((0, "rendered"), (64, "cached")):  # each page as Datasette renders it, then kept
                meta = metadata(load_package(root), prerender=False)
                meta["plugins"]["belarus_russia_defence"]["cache_mb"] = cache_mb
                lat.update({f"{label}, {how}": v for label, v in
                            asyncio.run(datasette_latency(db, meta, args.requests)).items()})
            rows.append((size, {"datasette": lat}))

    print()
    print("| rows in largest table | step | median s | peak MB | vs frictionless |")
    print("|---:|---|---:|---:|---:|")
    for size, figures in rows:
        if "datasette" in figures:
            for label, (p50, p95, errors) in figures["datasette"].items():
                print(f"| {size:,} | Datasette {label} | p50 {p50:.0f} ms, p95 {p95:.0f} ms | | {errors} errors |")
            continue
        base = figures.get("frictionless", (None,))[0]
        su = figures.get("sqlite-utils", (None,))[0]
        for step, (wall, peak, codes) in figures.items():
            ratio = ""
            if step in ("ours", "pyarrow") and base:
                ratio = f"{base / wall:.1f}x faster"
            if step == "build" and su:
                ratio = f"{su / wall:.1f}x faster than sqlite-utils"
            bad = "" if codes == {0} else f" (exit {sorted(codes)})"
            print(f"| {size:,} | {LABELS[step]}{bad} | {wall:.2f} | {peak:.0f} | {ratio} |")
    print(f"\nruns per figure: {args.runs} (median); packages in {work_root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
