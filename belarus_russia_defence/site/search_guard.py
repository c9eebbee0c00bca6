"""``_search`` on a table without full-text search is refused with a clear message.

Datasette ignores ``?_search=`` on a table that has no full-text index and returns every
row, which reads as "everything matched". This ASGI wrapper answers such a request with
400 and a sentence that names the tables that can be searched. It applies only to the
project's own database, and looks up full-text indexes in the database itself.
"""
from __future__ import annotations

import json
import urllib.parse

from ..constants import DATABASE_NAME


def searched_table(path: str, query: str) -> str | None:
    """The table a ``_search`` request targets in the project's database, or None."""
    params = urllib.parse.parse_qs(query, keep_blank_values=True)
    if not any(k == "_search" or k.startswith("_search_") for k in params):
        return None
    parts = path.strip("/").split("/")
    if len(parts) != 2 or parts[0] != DATABASE_NAME:
        return None
    table = urllib.parse.unquote(parts[1])
    for suffix in (".json", ".csv"):
        table = table.removesuffix(suffix)
    return table


def wrap(app, datasette):
    """An ASGI app that refuses ``_search`` on a table without full-text search, around ``app``."""
    async def guarded(scope, receive, send):
        if scope.get("type") == "http":
            table = searched_table(scope.get("path", ""), scope.get("query_string", b"").decode("latin-1"))
            if table is not None:
                try:
                    db = datasette.get_database(DATABASE_NAME)
                except KeyError:
                    db = None
                if db is not None and table in await db.table_names() and not await db.fts_table(table):
                    searchable = [t for t in await db.table_names() if await db.fts_table(t) and not t.endswith("_fts")
                                  and "_fts_" not in t]
                    message = (f"The table {table} has no full-text search, so _search cannot filter it. "
                               f"Tables you can search: {', '.join(searchable)}. "
                               "Use a column filter instead, e.g. ?column__contains=text.")
                    as_json = scope["path"].endswith(".json")
                    body = (json.dumps({"ok": False, "error": message, "status": 400}) if as_json
                            else f"<!DOCTYPE html><title>Search not available</title><p>{message}</p>").encode("utf-8")
                    await send({"type": "http.response.start", "status": 400, "headers": [
                        [b"content-type", b"application/json" if as_json else b"text/html; charset=utf-8"]]})
                    await send({"type": "http.response.body", "body": body})
                    return
        await app(scope, receive, send)

    return guarded
