"""Whole responses kept in memory for immutable databases, with headers a CDN can act on.

Every page of an immutable database is a pure function of the database file, the metadata
and the request, so the same GET can be answered from memory. The cache:

- is keyed by the content hash (SHA-256) of every database served, plus the request's path,
  query string and host; a database file whose size or modification time changes is hashed
  again, so a page of an older file is never served;
- is off altogether while any database (other than Datasette's ``_internal``) is mutable;
- keeps only ``200`` answers to GET requests without Datasette's cookies (a signed-in actor
  or a flash message), and never an answer that sets a cookie;
- is bounded in bytes (least recently used first out), and passes larger answers through;
- lives on the wrapper made for one Datasette instance: two instances never share pages.

Cacheable answers get ``Cache-Control: public`` with a ``max-age``, an ``ETag`` (a hash of the
body) that answers ``If-None-Match`` with ``304``, and ``X-Cache: hit`` or ``miss``.
Paths under ``/-/`` are cached only where they are static or generated from the metadata.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
from collections import OrderedDict
from dataclasses import dataclass, field

#: Total bytes of bodies kept, and the largest body kept (larger ones pass through).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_ENTRY_BYTES = 2 * 1024 * 1024
#: What a browser or CDN may do with a cacheable page: keep it 5 minutes, serve it stale for a day
#: while it fetches a fresh one.
CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=86400"
#: ``/-/`` pages that depend only on the metadata and static files (the rest are introspection).
CACHEABLE_GLOBAL_PREFIXES = ("/-/static/", "/-/static-plugins/", "/-/dashboards", "/-/tiles/", "/-/search")
#: The cache's own page: its size, hit rate and pre-rendering progress.
STATUS_PATH = "/-/cache.json"
#: A header marking the cache's own requests when it renders pages ahead of visitors.
PRERENDER_HEADER = b"x-prerender"
#: Cookies Datasette sets for a signed-in actor, flash messages and CSRF tokens.
DATASETTE_COOKIE = b"ds_"
HOP_HEADERS = {b"cache-control", b"etag", b"x-cache", b"content-length", b"date", b"server"}


@dataclass
class Stored:
    """One kept answer: status, headers (without the ones this cache sets) and body."""
    status: int
    headers: list
    body: bytes
    etag: bytes


@dataclass
class ResponseCache:
    """A bounded LRU of whole answers, keyed by content hash and request."""
    max_bytes: int = DEFAULT_MAX_BYTES
    max_entry_bytes: int = DEFAULT_MAX_ENTRY_BYTES
    #: answers kept for visitors, least recently used first: dropped when the bound is reached
    entries: OrderedDict = field(default_factory=OrderedDict)
    #: pages rendered ahead (``pin``): never dropped for a visitor's answer, so that a crowd's searches,
    #: each a new page, cannot push the site's own pages out; pinned only while they fit in the bound
    pinned: dict = field(default_factory=dict)
    #: bytes of bodies kept in all, and of those pinned
    size: int = 0
    pinned_size: int = 0
    hits: int = 0
    misses: int = 0
    #: path -> ((size, mtime_ns), sha256 hex): hashes of database files, refreshed when a file changes
    file_hashes: dict = field(default_factory=dict)
    #: visitors' requests being answered now; pre-rendering waits while there are any
    in_flight: int = 0
    #: async callable giving the paths to render ahead of visitors (None: no pre-rendering)
    prerender_paths: object = None
    #: hosts whose pages are rendered ahead (a page's links carry its host), and pages rendered so far
    prerender_hosts: set = field(default_factory=set)
    prerendered: int = 0
    prerender_pending: int = 0
    #: pre-rendering tasks still running
    tasks: set = field(default_factory=set)

    def status(self) -> dict:
        """What ``/-/cache.json`` shows: size, bound, hits, misses and pre-rendering progress."""
        return {"pid": os.getpid(), "entries": len(self.entries) + len(self.pinned), "pinned": len(self.pinned),
                "pinned_bytes": self.pinned_size, "bytes": self.size,
                "max_bytes": self.max_bytes,
                "max_entry_bytes": self.max_entry_bytes, "hits": self.hits, "misses": self.misses,
                "hit_rate": round(self.hit_rate, 4), "prerendered": self.prerendered,
                "prerender_pending": self.prerender_pending, "prerender_hosts": sorted(h.decode() for h in self.prerender_hosts)}

    def get(self, key) -> Stored | None:
        """The kept answer for ``key``, marked most recently used; None when not kept."""
        stored = self.pinned.get(key)
        if stored is not None:
            return stored
        stored = self.entries.get(key)
        if stored is not None:
            self.entries.move_to_end(key)
        return stored

    def put(self, key, stored: Stored, pin: bool = False) -> None:
        """Keep ``stored`` under ``key``, dropping the least recently used unpinned answers beyond the bound.

        ``pin`` (a page rendered ahead) keeps it for good if it fits beside the pages already pinned;
        otherwise it is kept like any other answer."""
        if len(stored.body) > self.max_entry_bytes:
            return
        if key in self.pinned:
            old = self.pinned.pop(key)
            self.pinned_size -= len(old.body)
            self.size -= len(old.body)
        elif key in self.entries:
            self.size -= len(self.entries.pop(key).body)
        if pin and self.pinned_size + len(stored.body) <= self.max_bytes:
            self.pinned[key] = stored
            self.pinned_size += len(stored.body)
        else:
            self.entries[key] = stored
        self.size += len(stored.body)
        while self.size > self.max_bytes and self.entries:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)

    def file_hash(self, path: str) -> str:
        """SHA-256 of a database file, computed again whenever its size or modification time changes."""
        st = os.stat(path)
        stamp = (st.st_size, st.st_mtime_ns)
        known = self.file_hashes.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        self.file_hashes[path] = (stamp, digest.hexdigest())
        return self.file_hashes[path][1]

    @property
    def hit_rate(self) -> float:
        """Hits as a share of cacheable requests so far."""
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


def content_key(datasette, cache: ResponseCache) -> tuple | None:
    """The hashes of every database served, or None while any of them can change."""
    key = []
    for name, db in datasette.databases.items():
        if name == "_internal":
            continue
        if db.is_mutable or db.is_memory or not db.path:
            return None
        key.append((name, cache.file_hash(db.path)))
    return tuple(key)


def cacheable_request(scope, database_names) -> bool:
    """A GET without Datasette's cookies or credentials, for a page that depends only on the data."""
    if scope.get("type") != "http" or scope.get("method") != "GET":
        return False
    for name, value in scope.get("headers", []):
        if name == b"authorization" or (name == b"cookie" and DATASETTE_COOKIE in value):
            return False
    path = scope.get("path", "")
    if path in ("/", "/favicon.ico", "/index.json") or path.startswith(CACHEABLE_GLOBAL_PREFIXES):
        return True
    first = path.lstrip("/").split("/", 1)[0]
    for suffix in (".json", ".csv"):
        first = first.removesuffix(suffix)
    return first in database_names


def request_key(scope, content: tuple) -> tuple:
    """What an answer depends on: the databases' content and the request's path, query and host."""
    return content, scope.get("path", ""), scope.get("query_string", b""), _header(scope, b"host") or b""


def _header(scope, wanted: bytes) -> bytes | None:
    return next((v for n, v in scope.get("headers", []) if n == wanted), None)


def _cache_headers(stored: Stored, state: bytes) -> list:
    return stored.headers + [[b"cache-control", CACHE_CONTROL.encode()], [b"etag", stored.etag],
                             [b"x-cache", state], [b"content-length", str(len(stored.body)).encode()]]


async def _send_stored(send, scope, stored: Stored, state: bytes) -> None:
    """Answer from a kept response: 304 when the client already holds this body, else the body."""
    if _header(scope, b"if-none-match") == stored.etag:
        headers = [[b"etag", stored.etag], [b"cache-control", CACHE_CONTROL.encode()], [b"x-cache", state]]
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": stored.status, "headers": _cache_headers(stored, state)})
    await send({"type": "http.response.body", "body": stored.body})


def wrap(app, datasette, cache: ResponseCache | None = None):
    """An ASGI app that answers repeated GETs of immutable databases from ``cache`` (a new one by default)."""
    cache = cache if cache is not None else ResponseCache()

    async def cached(scope, receive, send):
        if scope.get("type") == "http" and scope.get("path") == STATUS_PATH:
            await _send_json(send, cache.status())
            return
        names = {n for n in datasette.databases if n != "_internal"}
        if cache.max_bytes <= 0 or not cacheable_request(scope, names):
            await app(scope, receive, send)
            return
        content = content_key(datasette, cache)
        if content is None:
            await app(scope, receive, send)
            return
        ahead = _header(scope, PRERENDER_HEADER) is not None
        if not ahead:
            _start_prerender(scope, cache, cached)
        key = request_key(scope, content)
        stored = cache.get(key)
        if stored is not None:
            if not ahead:
                cache.hits += 1
            await _send_stored(send, scope, stored, b"hit")
            return
        if ahead:
            cache.prerendered += 1
        else:
            cache.misses += 1
            cache.in_flight += 1
        try:
            await app(scope, receive, _capturing(send, scope, cache, key))
        finally:
            if not ahead:
                cache.in_flight -= 1

    return cached


def _capturing(send, scope, cache: ResponseCache, key):
    """A ``send`` that holds an answer back until it is whole, keeps it when it may, then sends it."""
    start: dict = {}
    chunks: list[bytes] = []

    async def capture(message):
        if message["type"] == "http.response.start":
            start.update(message)
            return
        if message["type"] != "http.response.body":
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body"):
            if sum(map(len, chunks)) > cache.max_entry_bytes:  # too big to keep: stream it as it comes
                await _flush_uncached(send, start, chunks, more=True)
                start["sent"] = True
                chunks.clear()
            return
        if start.get("sent"):
            await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": False})
            return
        body = b"".join(chunks)
        headers = [[n, v] for n, v in start.get("headers", []) if n.lower() not in HOP_HEADERS]
        if start.get("status") == 200 and not any(n.lower() == b"set-cookie" for n, _ in headers):
            stored = Stored(start["status"], headers, body, b'"' + hashlib.sha256(body).hexdigest()[:32].encode() + b'"')
            cache.put(key, stored, pin=_header(scope, PRERENDER_HEADER) is not None)
            await _send_stored(send, scope, stored, b"miss")
        else:
            await _flush_uncached(send, start, [body], more=False)

    return capture


def _start_prerender(scope, cache: ResponseCache, app) -> None:
    """On the first visit from a host, render every listed page for that host in the background."""
    host = _header(scope, b"host") or b""
    if cache.prerender_paths is None or host in cache.prerender_hosts:
        return
    cache.prerender_hosts.add(host)
    task = asyncio.get_running_loop().create_task(_prerender(scope, cache, app))
    cache.tasks.add(task)  # held, so that the task is not garbage-collected mid-way
    task.add_done_callback(cache.tasks.discard)


async def _prerender(visitor_scope, cache: ResponseCache, app) -> None:
    """Render each page once, only while no visitor is waiting, through the cache itself."""
    paths = await cache.prerender_paths()
    cache.prerender_pending += len(paths)
    headers = [[n, v] for n, v in visitor_scope.get("headers", []) if n == b"host"] + [[PRERENDER_HEADER, b"1"]]

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def discard(message):
        return None

    for path in paths:
        while cache.in_flight:  # visitors first
            await asyncio.sleep(0.01)
        target, _, query = path.partition("?")
        scope = {**visitor_scope, "path": target, "raw_path": target.encode(), "query_string": query.encode(),
                 "headers": headers, "method": "GET"}
        try:
            await app(scope, receive, discard)
        finally:
            cache.prerender_pending -= 1


async def _send_json(send, data: dict) -> None:
    body = json.dumps(data).encode()
    await send({"type": "http.response.start", "status": 200, "headers": [
        [b"content-type", b"application/json; charset=utf-8"], [b"cache-control", b"no-store"]]})
    await send({"type": "http.response.body", "body": body})


async def _flush_uncached(send, start: dict, chunks: list, more: bool) -> None:
    """Send an answer that is not kept, exactly as the app made it."""
    if not start.get("sent"):
        await send({"type": "http.response.start", "status": start.get("status", 500),
                    "headers": start.get("headers", [])})
    await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": more})
