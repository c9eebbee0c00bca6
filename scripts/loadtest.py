#!/usr/bin/env python
"""A bounded load test of the Datasette site, on 127.0.0.1 only.

Builds the database (from this checkout, or a synthetic package of ``--rows`` rows in the largest
table) into a temporary folder, writes the metadata and inspect file, starts Datasette as a
subprocess with the project's own command line and settings (``site.datasette_args``, ``SETTINGS``),
then runs ``--clients`` concurrent clients for ``--duration`` seconds over table, facet, search
and canned-query pages. It reports requests per second, p50/p95/p99 latency, errors, and the
server's resident memory at the start and the end.

Pass: zero errors, and the server's memory at the end no more than ``--max-growth-mb`` above its
memory after the warm-up. Not a unit test; exit status 0 on pass, 1 on fail.

Usage: ``python scripts/loadtest.py [--clients 16] [--duration 30] [--rows 0]``.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from belarus_russia_defence.build import DATABASE_NAME, build_database, default_path  # noqa: E402
from belarus_russia_defence.queries import canned_queries  # noqa: E402
from belarus_russia_defence.schema import load_package  # noqa: E402
from belarus_russia_defence.site import datasette_args, write_metadata  # noqa: E402

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def prepare(work: Path, rows: int) -> Path:
    """A package folder in ``work`` with its database, metadata and inspect file built."""
    if rows:
        from belarus_russia_defence.synthetic import generate

        generate(work, rows)
    else:
        shutil.copy(ROOT / "datapackage.json", work / "datapackage.json")
        shutil.copytree(ROOT / "schemas", work / "schemas")
        shutil.copytree(ROOT / "data", work / "data")
    package = load_package(work)
    build_database(package)
    write_metadata(package)
    inspect = subprocess.run([sys.executable, "-m", "datasette", "inspect", str(default_path(package))],
                             capture_output=True, text=True, check=True)
    (work / "build" / "inspect-data.json").write_text(inspect.stdout, encoding="utf-8")
    return work


def pages(package) -> list[str]:
    db = f"/{DATABASE_NAME}"
    urls = [f"{db}/{t.name}" for t in package.tables]
    urls += [f"{db}/{t.name}?_facet={c}" for t in package.tables for c in t.site.get("facets", [])[:1]]
    urls += [f"{db}/exercises?_search=Zapad", f"{db}/sanctions?_search=Belarus", f"{db}/entities?_search=plant",
             f"{db}/sources?_search=Минск"]
    for name in canned_queries():
        urls.append(f"{db}/{name}?entity=mzkt" if name == "entity_dossier" else f"{db}/{name}")
    urls += [f"{db}/sanctions.json?_shape=array&_size=100", f"{db}/exercises/zapad-2021"]
    return urls


async def client(base: str, urls: list[str], deadline: float, results: list, seed: int) -> None:
    import httpx

    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.monotonic() < deadline:
            url = rng.choice(urls)
            t = time.perf_counter()
            try:
                response = await http.get(url)
                ok = response.status_code == 200
                status = response.status_code
            except Exception as err:  # a refused or dropped connection is an error, not a crash
                ok, status = False, type(err).__name__
            results.append(((time.perf_counter() - t) * 1000, ok, status, url))


async def run_load(base: str, urls: list[str], clients: int, duration: float) -> list:
    results: list = []
    deadline = time.monotonic() + duration
    await asyncio.gather(*(client(base, urls, deadline, results, seed) for seed in range(clients)))
    return results


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Datasette exited early:\n{proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(base + "/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("Datasette did not answer in time")


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, max(0, round(q * len(sorted_values)) - 1))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=30, help="seconds of load")
    parser.add_argument("--rows", type=int, default=0, help="synthetic rows in the largest table (0: the real data)")
    parser.add_argument("--max-growth-mb", type=float, default=50, help="allowed growth of the server's memory")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of load before the first memory reading")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="brd-load-"))
    proc = None
    try:
        print(f"building the database in {work} ...", flush=True)
        prepare(work, args.rows)
        package = load_package(work)
        port = free_port()
        base = f"http://{HOST}:{port}"
        cmd = [sys.executable, "-m", "datasette"] + datasette_args(package, HOST, port)
        assert "--host" in cmd and cmd[cmd.index("--host") + 1] == HOST
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=work)
        wait_ready(base, proc)
        urls = pages(package)
        asyncio.run(run_load(base, urls, min(args.clients, 4), args.warmup))  # warm caches and the pool
        rss_start = rss_mb(proc.pid)
        t = time.perf_counter()
        results = asyncio.run(run_load(base, urls, args.clients, args.duration))
        elapsed = time.perf_counter() - t
        rss_end = rss_mb(proc.pid)
    finally:
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)

    times = sorted(r[0] for r in results)
    errors = [r for r in results if not r[1]]
    by_url: dict[str, list[float]] = {}
    for ms, _, _, url in results:
        by_url.setdefault(url, []).append(ms)
    print(f"\n{args.clients} clients for {args.duration:.0f} s on {HOST}, {len(urls)} pages "
          f"({'real data' if not args.rows else f'{args.rows:,} rows in the largest table'})")
    print(f"requests: {len(results)}  ({len(results) / elapsed:.1f}/s)")
    print(f"latency ms: p50 {percentile(times, .5):.0f}  p95 {percentile(times, .95):.0f}  "
          f"p99 {percentile(times, .99):.0f}  max {times[-1] if times else float('nan'):.0f}")
    print(f"errors: {len(errors)}" + (f"  e.g. {errors[0][2]} on {errors[0][3]}" if errors else ""))
    print(f"server RSS: {rss_start:.0f} MB after warm-up, {rss_end:.0f} MB at the end "
          f"(growth {rss_end - rss_start:+.0f} MB; allowed {args.max_growth_mb:.0f})")
    slowest = sorted(by_url.items(), key=lambda kv: -statistics.median(kv[1]))[:5]
    print("slowest pages (median ms): " + ", ".join(f"{u} {statistics.median(v):.0f}" for u, v in slowest))
    passed = not errors and rss_end - rss_start <= args.max_growth_mb and len(results) > 0
    print("PASS: zero errors and no memory growth" if passed else "FAIL")
    print(json.dumps({"requests": len(results), "rps": round(len(results) / elapsed, 1), "errors": len(errors),
                      "p50": percentile(times, .5), "p95": percentile(times, .95), "p99": percentile(times, .99),
                      "rss_start_mb": round(rss_start), "rss_end_mb": round(rss_end), "pass": passed}))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
