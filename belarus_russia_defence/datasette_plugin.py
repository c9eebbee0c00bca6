"""The project's Datasette plugin (the ``datasette`` entry point in ``pyproject.toml``).

Hooks, each from a module with that one job:
- ``startup``: facet counts cached for immutable databases (``facet_cache``);
- ``extra_body_script``: column descriptions folded away on table pages (``column_notes``),
  and on row pages a link to every source behind the row (``row_links``);
- ``asgi_wrapper``: ``_search`` on a table without full-text search is refused with a message
  (``search_guard``).
"""
from __future__ import annotations

from datasette import hookimpl

from . import column_notes, row_links, search_guard
from .facet_cache import startup  # noqa: F401  (a hookimpl, registered with this module)


@hookimpl
def extra_body_script(view_name, database, table, request, datasette):
    """Datasette hook: the column-notes and row-links scripts for the page being rendered."""
    row_id = None
    if view_name == "row" and request is not None:
        from datasette.utils import tilde_decode

        row_id = tilde_decode(request.url_vars.get("pks", "")) or None
    base = datasette.urls.database(database) if database else ""
    return column_notes.script_for(view_name) + row_links.script_for(view_name, database, table, row_id, base)


@hookimpl
def asgi_wrapper(datasette):
    """Datasette hook: wrap the app in the ``_search`` guard."""
    return lambda app: search_guard.wrap(app, datasette)
