"""Table permissions answered once per table, not once per page.

Datasette 0.65.5 deep-copies the whole metadata for every ``view-table`` permission check, three of
them for a table page. With this site's metadata (descriptions of every column, the canned queries,
the dashboards) that copy was about 40% of a search page's time and of a row page's (a search of
exercises: 33 ms to 20 ms; a source's row page: 13 ms to 6 ms, in-process), and a page that is not
kept by the response cache is exactly what a crowd waits for.

The answer depends only on the metadata, which does not change while the site runs (it is read at
start), and on metadata that plugins supply through ``get_metadata``. So the answer for a
(database, table) is kept on the Datasette instance, and only when no installed plugin implements
``get_metadata``: then nothing else could change it.
"""
from __future__ import annotations

import functools

#: marks a Datasette instance whose table permissions are kept
MEMO_ATTRIBUTE = "_belarus_russia_defence_permission_memo"


def install(datasette) -> bool:
    """Keep ``view-table`` answers on this instance; False (and nothing changed) where that is not safe."""
    from datasette.plugins import pm

    if getattr(datasette, MEMO_ATTRIBUTE, False):
        return True
    original = getattr(datasette, "_table_permission_allows", None)
    if original is None or pm.hook.get_metadata.get_hookimpls():
        return False
    datasette._table_permission_allows = functools.lru_cache(maxsize=4096)(original)
    setattr(datasette, MEMO_ATTRIBUTE, True)
    return True
