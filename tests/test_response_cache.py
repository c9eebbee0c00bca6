"""The response cache: the same pages as Datasette renders them, bounded, keyed by content, CDN headers."""
import json
import re
import sqlite3

import pytest
from datasette.app import Datasette

from belarus_russia_defence.outputs.sqlite import DATABASE_NAME, build_database
from belarus_russia_defence.site.queries import canned_queries
from belarus_russia_defence.site.response_cache import ResponseCache, Stored
from belarus_russia_defence.schema import load_package
from belarus_russia_defence.site.metadata import SETTINGS, metadata

from .conftest import QUERY_EXAMPLES, ROOT

PACKAGE = load_package(ROOT)
DB = f"/{DATABASE_NAME}"


def site(path, cache_mb=None):
    meta = metadata(PACKAGE, prerender=False)
    if cache_mb is not None:
        meta["plugins"]["belarus_russia_defence"]["cache_mb"] = cache_mb
    return Datasette(immutables=[str(path)], metadata=meta, settings=SETTINGS)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    return build_database(PACKAGE, tmp_path_factory.mktemp("cache") / f"{DATABASE_NAME}.db")


def comparable(response) -> str:
    """The body, without the one thing that differs between two renderings: the query's timing."""
    if response.headers.get("content-type", "").startswith("application/json"):
        data = response.json()
        if isinstance(data, dict):
            data.pop("query_ms", None)
        return json.dumps(data, sort_keys=True)
    return re.sub(r"took [0-9.]+ms", "took …ms", response.text)  # "Queries took 5.5ms" on HTML pages


def pages() -> list[str]:
    urls = ["/", "/-/dashboards/overview"]
    for table in PACKAGE.tables:
        urls += [f"{DB}/{table.name}", f"{DB}/{table.name}.json"]
    for name in canned_queries(PACKAGE):
        params = QUERY_EXAMPLES.get(name, "")
        urls += [f"{DB}/{name}?{params}", f"{DB}/{name}.json?{params}"]
    return urls


@pytest.mark.asyncio
async def test_cached_pages_are_the_pages_datasette_renders(database):
    cached, plain = site(database), site(database, cache_mb=0)
    for ds in (cached, plain):
        await ds.invoke_startup()  # plugins add their databases (the basemap) at start-up, which changes the key
    for url in pages():
        first = await cached.client.get(url)
        again = await cached.client.get(url)
        fresh = await plain.client.get(url)
        assert first.status_code == again.status_code == fresh.status_code == 200, url
        assert first.headers["x-cache"] == "miss" and again.headers["x-cache"] == "hit", url
        assert again.content == first.content, f"{url}: the kept answer differs from the one first sent"
        assert comparable(again) == comparable(fresh), f"{url}: the cached page differs from Datasette's own"
        assert "x-cache" not in fresh.headers, f"{url}: cache_mb 0 turns the cache off"
        for header in ("content-type", "referrer-policy"):
            assert again.headers.get(header) == fresh.headers.get(header), (url, header)


@pytest.mark.asyncio
async def test_cacheable_pages_carry_cdn_headers_and_answer_if_none_match_with_304(database):
    ds = site(database)
    await ds.invoke_startup()
    page = await ds.client.get(f"{DB}/sanctions")
    assert page.headers["cache-control"].startswith("public, max-age=")
    etag = page.headers["etag"]
    unchanged = await ds.client.get(f"{DB}/sanctions", headers={"if-none-match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    other = await ds.client.get(f"{DB}/sanctions?authority=EU", headers={"if-none-match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag


@pytest.mark.asyncio
async def test_what_is_never_kept(database):
    ds = site(database)
    await ds.invoke_startup()
    for url in ("/-/versions.json", f"{DB}/no_such_table", f"{DB}/exercise_participants?_search=x"):
        await ds.client.get(url)
        again = await ds.client.get(url)
        assert again.headers.get("x-cache") != "hit", url
    signed_in = await ds.client.get(f"{DB}/sanctions", cookies={"ds_actor": "x"})
    assert "x-cache" not in signed_in.headers


@pytest.mark.asyncio
async def test_a_mutable_database_is_never_cached(tmp_path):
    path = tmp_path / "mutable.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (k TEXT)")
    conn.execute("INSERT INTO t VALUES ('a')")
    conn.commit()
    ds = Datasette(files=[str(path)], settings=SETTINGS)
    await ds.invoke_startup()
    first = await ds.client.get("/mutable/t.json?_facet=k")
    conn.execute("INSERT INTO t VALUES ('a')")
    conn.commit()
    page = await ds.client.get("/mutable/t.json?_facet=k")
    assert "x-cache" not in first.headers and "x-cache" not in page.headers
    assert page.json()["facet_results"]["k"]["results"][0]["count"] == 2


def test_the_cache_stays_within_its_bound_and_drops_the_least_recently_used():
    cache = ResponseCache(max_bytes=100, max_entry_bytes=60)
    for n in range(10):
        cache.put(n, Stored(200, [], b"x" * 30, b'"e"'))
        assert cache.size <= 100
        cache.get(0)  # the first entry is used every time, so it stays
    assert cache.get(0) is not None and cache.get(1) is None
    assert cache.size == sum(len(s.body) for s in cache.entries.values())
    cache.put("big", Stored(200, [], b"x" * 61, b'"e"'))
    assert cache.get("big") is None


def test_a_changed_database_file_gets_a_new_hash(tmp_path):
    import os

    path = tmp_path / "f.db"
    path.write_bytes(b"one")
    cache = ResponseCache()
    first = cache.file_hash(str(path))
    assert cache.file_hash(str(path)) == first
    path.write_bytes(b"two")
    os.utime(path, ns=(1, 1))  # even a file rewritten within the same clock tick differs in size or time
    assert cache.file_hash(str(path)) != first


@pytest.mark.asyncio
async def test_the_pages_rendered_ahead_are_every_table_row_query_and_dashboard(database):
    from belarus_russia_defence.site.prerender import prerender_paths

    ds = site(database)
    await ds.invoke_startup()
    paths = await prerender_paths(ds)
    assert paths[0] == "/" and len(paths) == len(set(paths))
    for path in (DB, f"{DB}/sanctions", f"{DB}/entities/mzkt", f"{DB}/sanctions_gaps", "/-/dashboards/overview"):
        assert path in paths, path
    assert sum(p.startswith(f"{DB}/sources/") for p in paths) > 900, "every row of a one-key table"


@pytest.mark.asyncio
async def test_pages_rendered_ahead_are_hits_on_the_first_visit(database):
    import asyncio

    from belarus_russia_defence.site import CACHE_ATTRIBUTE

    ds = Datasette(immutables=[str(database)], metadata=metadata(PACKAGE, prerender=True), settings=SETTINGS)
    await ds.invoke_startup()
    await ds.client.get("/-/cache.json")  # builds the app, and with it the cache; the status page is no visit
    cache = getattr(ds, CACHE_ATTRIBUTE)
    ahead = [f"{DB}/entities/mzkt", f"{DB}/sanctions_gaps", f"{DB}/exercises"]

    async def a_few():  # the whole site takes 20 s; the mechanism is the same for three pages
        return ahead

    cache.prerender_paths = a_few
    await ds.client.get("/")  # the first visit from this host starts the rendering
    status = {}
    for _ in range(300):
        status = (await ds.client.get("/-/cache.json")).json()
        if status["prerender_hosts"] and status["prerender_pending"] == 0:
            break
        await asyncio.sleep(0.05)
    assert status["prerender_pending"] == 0 and status["prerendered"] == len(ahead), status
    for path in ahead:
        assert (await ds.client.get(path)).headers["x-cache"] == "hit", path
    assert (await ds.client.get("/-/cache.json")).json()["hits"] == status["hits"] + len(ahead)


@pytest.mark.asyncio
async def test_a_table_denied_in_the_metadata_stays_denied_with_permissions_kept(database):
    """Table permissions are kept per instance (``permission_memo``); a table the metadata closes stays closed."""
    from belarus_russia_defence.site.permission_memo import MEMO_ATTRIBUTE

    meta = metadata(PACKAGE, prerender=False)
    meta["plugins"]["belarus_russia_defence"]["cache_mb"] = 0
    meta["databases"][DATABASE_NAME]["tables"]["sources"]["allow"] = {"id": "curator"}
    ds = Datasette(immutables=[str(database)], metadata=meta, settings=SETTINGS)
    for _ in range(2):  # the second answer comes from the kept permission
        assert (await ds.client.get(f"{DB}/sources")).status_code == 403
        assert (await ds.client.get(f"{DB}/sources/{_first_source(database)}")).status_code == 403
        assert (await ds.client.get(f"{DB}/exercises")).status_code == 200
    assert getattr(ds, MEMO_ATTRIBUTE) is True
    cookie = ds.sign({"a": {"id": "curator"}}, "actor")
    assert (await ds.client.get(f"{DB}/sources", cookies={"ds_actor": cookie})).status_code == 200


def _first_source(database) -> str:
    with sqlite3.connect(f"file:{database}?immutable=1", uri=True) as conn:
        return conn.execute("SELECT id FROM sources ORDER BY id LIMIT 1").fetchone()[0]


@pytest.mark.asyncio
async def test_a_page_reads_the_plugin_settings_once_not_once_per_cell(database, monkeypatch):
    """Datasette resolves secrets through the whole configuration on every plugin_config call; per cell that
    was most of a page's time, so the plugin reads its settings once per instance (``plugin_settings``)."""
    ds = site(database, cache_mb=0)
    calls = []
    original = ds.plugin_config

    def counting(name, *args, **kwargs):
        calls.append(name)
        return original(name, *args, **kwargs)

    monkeypatch.setattr(ds, "plugin_config", counting)
    for path in (f"{DB}/exercises?_search=zapad", f"{DB}/sanctions", f"{DB}/entities/mzkt"):
        assert (await ds.client.get(path)).status_code == 200
    assert calls.count("belarus_russia_defence") <= 1, calls.count("belarus_russia_defence")


def test_pages_rendered_ahead_stay_while_visitors_answers_come_and_go():
    """A crowd's searches are each a new page: they must not push out the pages rendered ahead."""
    cache = ResponseCache(max_bytes=100, max_entry_bytes=60)
    cache.put("home", Stored(200, [], b"x" * 30, b'"e"'), pin=True)
    cache.put("table", Stored(200, [], b"x" * 30, b'"e"'), pin=True)
    for n in range(20):  # visitors' searches, never used again
        cache.put(("search", n), Stored(200, [], b"x" * 30, b'"e"'))
        assert cache.size <= 100
    assert cache.get("home") is not None and cache.get("table") is not None
    assert cache.get(("search", 19)) is not None and cache.get(("search", 0)) is None
    cache.put("row", Stored(200, [], b"x" * 30, b'"e"'), pin=True)  # fits beside the two: pinned
    cache.put("query", Stored(200, [], b"x" * 30, b'"e"'), pin=True)  # would pass the bound: an ordinary answer
    assert cache.pinned_size == 90 and "query" not in cache.pinned
    assert cache.size == cache.pinned_size + sum(len(s.body) for s in cache.entries.values()) <= 100
    assert cache.status()["pinned"] == 3
