"""The pages the response cache renders ahead of visitors: what a crowd opens first.

The home page, each database page, every visible table, every row of a table with a
one-column key, every canned query (as it opens, without parameters) and every dashboard.
Read from Datasette itself (its databases, hidden tables, canned queries and the dashboards'
plugin settings), so that nothing here names a table.
"""
from __future__ import annotations

from datasette.utils import tilde_encode


async def prerender_paths(datasette) -> list[str]:
    """Paths of the pages to render ahead, most visited first: home, tables, queries, dashboards, rows."""
    paths, rows = ["/"], []
    for name, db in datasette.databases.items():
        if name == "_internal" or db.is_mutable:
            continue
        base = datasette.urls.database(name)
        hidden = set(await db.hidden_table_names())
        tables = [t for t in await db.table_names() if t not in hidden]
        if not tables:
            continue
        paths.append(base)
        paths += [datasette.urls.table(name, t) for t in tables]
        paths += [datasette.urls.table(name, q) for q in await datasette.get_canned_queries(name, None)]
        for table in tables:
            keys = await db.primary_keys(table)
            if len(keys) != 1:
                continue
            result = await db.execute(f"SELECT [{keys[0]}] FROM [{table}]")
            rows += [f"{datasette.urls.table(name, table)}/{tilde_encode(str(k))}" for (k,) in result.rows]
    dashboards = (datasette.plugin_config("datasette-dashboards") or {})
    paths.append("/-/dashboards")
    paths += [f"/-/dashboards/{slug}" for slug in dashboards]
    return paths + rows
