#!/usr/bin/env python
"""Plain Datasette against ours, under the same crowd, on 127.0.0.1 only.

Builds the database (from this checkout, or a synthetic package of ``--rows`` rows in the largest
table) into a temporary folder with its metadata and inspect file, then serves it twice, one server
after the other, to the same ``--clients`` concurrent clients for ``--duration`` seconds each:

- **baseline**: ``datasette serve -i`` of the same database and metadata with Datasette's default
  settings, this project's plugin unloaded (no response cache, no ``_search`` guard);
- **ours**: the project's own ``serve`` command (``serve.py``: a worker process per core, the response
  cache with pages rendered ahead, ``SETTINGS``), after its pages have been rendered ahead.

Each client walks its own list of requests, drawn once from a fixed seed and the same for both
servers: the home, table, facet and canned-query pages, plus row pages (``--row-share``, 30%) and
full-text searches of words (``--search-share``, 10%) drawn at random from the data itself, so that
not every request can be a cache hit. It reports requests per
second, p50/p95/p99 latency, errors, the cache's hit rate (from ``X-Cache``) and the server's
resident memory after the warm-up and at the end. The last line printed is one JSON object:
``{"baseline": {"rps", "p95_ms", "errors", ...}, "ours": {...}}``.

Not a unit test; exit status 0 when ours has no errors, p95 under ``--p95-ms`` and memory growth
under ``--max-rss-mb``, else 1.

Usage: ``python scripts/loadtest.py [--clients 16] [--duration 30] [--rows 0]``.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from belarus_russia_defence.outputs.sqlite import DATABASE_NAME, build_database  # noqa: E402
from belarus_russia_defence.site.queries import canned_queries  # noqa: E402
from belarus_russia_defence.schema import load_package  # noqa: E402
from belarus_russia_defence.site.metadata import write_metadata  # noqa: E402
from belarus_russia_defence.workspace import Workspace  # noqa: E402

#: Datasette as it comes: the same database and metadata, default settings, this project's plugin unloaded.
BASELINE = """
import sys
from datasette.plugins import pm
pm.unregister(name="belarus_russia_defence")
from datasette.cli import cli
sys.argv = ["datasette"] + sys.argv[1:]
cli()
"""

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (a server's worker processes), in MB."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def prepare(work: Path, rows: int) -> Path:
    """A package folder in ``work`` with its database, metadata and inspect file built."""
    if rows:
        from synthetic import generate  # beside this script

        generate(work, rows)
    else:
        shutil.copy(ROOT / "datapackage.json", work / "datapackage.json")
        shutil.copytree(ROOT / "schemas", work / "schemas")
        shutil.copytree(ROOT / "data", work / "data")
    package, workspace = load_package(work), Workspace(work)
    build_database(package, workspace.database)
    write_metadata(package, workspace.metadata)
    inspect = subprocess.run([sys.executable, "-m", "datasette", "inspect", str(workspace.database)],
                             capture_output=True, text=True, check=True)
    workspace.inspect_data.write_text(inspect.stdout, encoding="utf-8")
    return work


def fixed_pages(package) -> list[str]:
    """The pages every visitor sees: each table, its first facet, each canned query, a JSON page."""
    db = f"/{DATABASE_NAME}"
    urls = ["/", f"{db}"] + [f"{db}/{t.name}" for t in package.tables]
    urls += [f"{db}/{t.name}?_facet={c}" for t in package.tables for c in t.site.get("facets", [])[:1]]
    for name in canned_queries(package):
        urls.append(f"{db}/{name}?entity=mzkt" if name == "entity_dossier" else f"{db}/{name}")
    urls += [f"{db}/sanctions.json?_shape=array&_size=100"]
    return urls


def drawn_pages(package, database: Path, rng: random.Random, rows_wanted: int, searches_wanted: int) -> list[str]:
    """Row pages and full-text searches drawn at random from the data: the long tail a cache cannot all hold."""
    from urllib.parse import quote

    db = f"/{DATABASE_NAME}"
    conn = sqlite3.connect(f"file:{database}?immutable=1", uri=True)
    rows, words = [], []
    for t in package.tables:
        if len(t.primary_key) == 1:
            rows += [f"{db}/{t.name}/{quote(str(k), safe='')}"
                     for (k,) in conn.execute(f"SELECT [{t.primary_key[0]}] FROM [{t.name}]")]
        for column in t.site.get("fts", [])[:1]:
            for (text,) in conn.execute(f"SELECT [{column}] FROM [{t.name}] WHERE [{column}] IS NOT NULL"):
                words += [(t.name, w) for w in str(text).split() if len(w) > 3 and w.isalpha()]
    conn.close()
    drawn = [rng.choice(rows) for _ in range(rows_wanted if rows else 0)]
    for table, word in (rng.choice(words) for _ in range(searches_wanted if words else 0)):
        drawn.append(f"{db}/{table}?_search={quote(word)}")
    return drawn


def request_lists(package, database: Path, clients: int, per_client: int, row_share: float, search_share: float,
                  seed: int = 2026) -> list[list[str]]:
    """Each client's list of requests: pages everyone opens, and row pages and searches drawn from the data."""
    rng = random.Random(seed)
    fixed = fixed_pages(package)
    lists = []
    for _ in range(clients):
        drawn = drawn_pages(package, database, rng, round(per_client * row_share), round(per_client * search_share))
        mixed = [rng.choice(fixed) for _ in range(per_client - len(drawn))] + drawn
        rng.shuffle(mixed)
        lists.append(mixed)
    return lists


async def fetch(reader, writer, host: str, url: str) -> tuple[int, dict]:
    """One GET over an open keep-alive connection: its status and headers (the body is read and dropped).

    A few lines of HTTP/1.1 instead of an HTTP library, so that the clients, which share the
    machine with the server, spend as little of its CPU as they can on themselves.
    """
    writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: identity\r\n\r\n".encode("latin-1"))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status, headers


async def client(base: str, urls: list[str], deadline: float, results: list) -> None:
    host_port = base.split("://", 1)[1]
    host, port = host_port.split(":")
    connection = None
    n = 0
    while time.monotonic() < deadline:
        url = urls[n % len(urls)]
        n += 1
        t = time.perf_counter()
        try:
            if connection is None:
                connection = await asyncio.open_connection(host, int(port))
            status, headers = await asyncio.wait_for(fetch(*connection, host_port, url), timeout=30)
            ok, state = status == 200, headers.get("x-cache", "")
            if headers.get("connection") == "close":
                connection[1].close()
                connection = None
        except Exception as err:  # a refused or dropped connection is an error, not a crash
            ok, status, state = False, type(err).__name__, ""
            if connection is not None:
                connection[1].close()
            connection = None
        results.append(((time.perf_counter() - t) * 1000, ok, status, url, state))
    if connection is not None:
        connection[1].close()


async def run_load(base: str, lists: list[list[str]], duration: float) -> list:
    results: list = []
    deadline = time.monotonic() + duration
    await asyncio.gather(*(client(base, urls, deadline, results) for urls in lists))
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


def wait_prerendered(base: str, timeout: float = 300) -> dict | None:
    """Wait until every worker's cache has rendered its pages ahead (``/-/cache.json``); None without a cache.

    Each request opens a new connection, so the workers take turns answering; a visit to ``/``
    starts a worker's rendering, and the wait ends when every worker seen says it is done.
    """
    import httpx

    t = time.perf_counter()
    if httpx.get(base + "/-/cache.json", timeout=10).status_code != 200:
        return None
    workers: dict[int, dict] = {}
    calm = 0
    while time.perf_counter() - t < timeout:
        httpx.get(base + "/", timeout=30)
        data = httpx.get(base + "/-/cache.json", timeout=10).json()
        new = data["pid"] not in workers
        workers[data["pid"]] = data
        done = all(w["prerender_hosts"] and w["prerender_pending"] == 0 for w in workers.values())
        calm = calm + 1 if done and not new else 0
        if calm >= 10:  # ten answers in a row from workers already seen, all done
            return {"workers": len(workers), "prerendered": sum(w["prerendered"] for w in workers.values()),
                    "bytes": sum(w["bytes"] for w in workers.values()), "seconds": time.perf_counter() - t}
        time.sleep(0.2)
    raise RuntimeError(f"pages were still being rendered ahead after {timeout:.0f} s")


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, max(0, round(q * len(sorted_values)) - 1))]


def serve(command: list[str], work: Path) -> subprocess.Popen:
    """Start a server in ``work``; its output is kept only for an early exit."""
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=work)


def stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def measure(label: str, command: list[str], work: Path, base: str, lists, args) -> dict:
    """One server under the crowd: warm-up, then ``--duration`` seconds of load; its figures."""
    proc = serve(command, work)
    try:
        wait_ready(base, proc)
        rendered = wait_prerendered(base)
        if rendered:
            print(f"  {label}: {rendered['prerendered']} pages rendered ahead by {rendered['workers']} worker(s) "
                  f"in {rendered['seconds']:.1f} s, {rendered['bytes'] / 2**20:.1f} MB kept", flush=True)
        asyncio.run(run_load(base, [urls[:50] for urls in lists[:4]], args.warmup))  # connections and start-up
        rss_start = rss_mb(proc.pid)
        t = time.perf_counter()
        results = asyncio.run(run_load(base, lists, args.duration))
        elapsed = time.perf_counter() - t
        rss_end = rss_mb(proc.pid)
    finally:
        stop(proc)
    times = sorted(r[0] for r in results)
    errors = [r for r in results if not r[1]]
    if len(results) >= sum(len(urls) for urls in lists):
        print(f"  warning: {label}: the clients walked past the end of their request lists; "
              "repeated requests inflate the hit rate", flush=True)
    hits = sum(1 for r in results if r[4] == "hit")
    cached = sum(1 for r in results if r[4] in ("hit", "miss"))
    by_url: dict[str, list[float]] = {}
    for r in results:
        by_url.setdefault(r[3].split("?")[0], []).append(r[0])
    slowest = sorted(by_url.items(), key=lambda kv: -statistics.median(kv[1]))[:4]
    figures = {"requests": len(results), "rps": round(len(results) / elapsed, 1),
               "p50_ms": round(percentile(times, .5), 1), "p95_ms": round(percentile(times, .95), 1),
               "p99_ms": round(percentile(times, .99), 1), "errors": len(errors),
               "hit_rate": round(hits / cached, 3) if cached else None,
               "rss_start_mb": round(rss_start), "rss_end_mb": round(rss_end)}
    print(f"\n{label}: {figures['requests']} requests, {figures['rps']}/s; latency ms p50 {figures['p50_ms']} "
          f"p95 {figures['p95_ms']} p99 {figures['p99_ms']}; errors {len(errors)}"
          + (f" (e.g. {errors[0][2]} on {errors[0][3]})" if errors else ""))
    rate = "no cache" if figures["hit_rate"] is None else f"{figures['hit_rate']:.0%}"
    for state, plural in (("hit", "hits"), ("miss", "misses")):
        part = sorted(r[0] for r in results if r[4] == state)
        if part:
            rate += f"; {plural} p50 {percentile(part, .5):.1f} ms p95 {percentile(part, .95):.1f} ms"
    print(f"  cache hit rate: {rate}; server RSS {rss_start:.0f} MB after warm-up, {rss_end:.0f} MB at the end")
    print("  slowest paths (median ms): " + ", ".join(f"{u} {statistics.median(v):.0f}" for u, v in slowest))
    kinds: dict[str, list[int]] = {}
    for r in results:
        if r[4] in ("hit", "miss"):
            counts = kinds.setdefault(request_kind(r[3]), [0, 0])
            counts[r[4] == "miss"] += 1
    if kinds:
        print("  misses by kind of request: " + ", ".join(f"{k} {m} of {h + m}" for k, (h, m) in sorted(kinds.items())))
    return figures


def request_kind(url: str) -> str:
    """A search, a row page or another page (a table, query, dashboard or home page)."""
    if "_search=" in url:
        return "search"
    return "row" if url.split("?")[0].count("/") == 3 and url.startswith(f"/{DATABASE_NAME}/") else "page"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=30, help="seconds of load on each server")
    parser.add_argument("--rows", type=int, default=0, help="synthetic rows in the largest table (0: the real data)")
    parser.add_argument("--max-rss-mb", type=float, default=1024,
                        help="our server's memory (all its processes) must stay under this")
    parser.add_argument("--p95-ms", type=float, default=100, help="our p95 latency must stay under this")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of light load before measuring")
    parser.add_argument("--only", choices=["baseline", "ours"], help="measure one server only")
    parser.add_argument("--row-share", type=float, default=0.3, help="share of requests for a row page drawn at random")
    parser.add_argument("--search-share", type=float, default=0.1,
                        help="share of requests for a full-text search of a word drawn at random from the data")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="brd-load-"))
    try:
        print(f"building the database in {work} ...", flush=True)
        prepare(work, args.rows)
        package = load_package(work)
        database = Workspace(work).database
        # long enough that no client walks its list twice (which would turn every later request into a hit)
        per_client = max(4000, int(args.duration * 1500))
        lists = request_lists(package, database, args.clients, per_client, args.row_share, args.search_share)
        distinct = len({u for urls in lists for u in urls})
        print(f"{args.clients} clients, {args.duration:.0f} s on each server, {HOST} only; "
              f"{distinct} distinct requests ({'real data' if not args.rows else f'{args.rows:,} rows'}); "
              f"{args.row_share:.0%} row pages and {args.search_share:.0%} searches drawn at random")
        port = free_port()
        base = f"http://{HOST}:{port}"
        ours_args = ["--root", str(work), "serve", "--host", HOST, "--port", str(port)]
        baseline_args = ["serve", "-i", str(database), "--inspect-file", str(work / "build" / "inspect-data.json"),
                         "-m", str(work / "build" / "metadata.json"), "--host", HOST, "--port", str(port)]
        report = {}
        if args.only in (None, "baseline"):
            report["baseline"] = measure("baseline (plain Datasette, default settings)",
                                         [sys.executable, "-c", BASELINE] + baseline_args, work, base, lists, args)
        if args.only in (None, "ours"):
            report["ours"] = measure("ours (response cache, project settings)",
                                     [sys.executable, "-m", "belarus_russia_defence"] + ours_args, work, base, lists, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ours = report.get("ours")
    passed = True
    if ours:
        passed = (ours["errors"] == 0 and ours["p95_ms"] < args.p95_ms
                  and ours["rss_end_mb"] <= args.max_rss_mb)
        if "baseline" in report and report["baseline"]["rps"]:
            print(f"\nours / baseline: {ours['rps'] / report['baseline']['rps']:.1f}x the requests per second")
    print("PASS" if passed else "FAIL")
    print(json.dumps(report))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
