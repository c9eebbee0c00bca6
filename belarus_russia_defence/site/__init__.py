"""The project's Datasette plugin (the ``datasette`` entry point in ``pyproject.toml``).

Hooks, each from a module with that one job:
- ``extra_template_vars``: an entity's row page gathers what every table records about it (``entity_page``);
- ``render_cell``: codes shown with their names, keys as links labelled with their rows (``cell_rendering``);
- ``extra_body_script``: column descriptions folded away on table pages (``column_notes``), a facet
  that is cut off saying so (``facet_notes``),
  and on row pages a link to every source behind the row (``row_links``);
- ``prepare_connection``: a search finds other forms of a Russian word and the other spelling of an
  English one (``search_terms``), for the project's database alone;
- ``asgi_wrapper``: whole answers of immutable databases kept in memory, with ``Cache-Control``
  and ``ETag`` for a CDN (``response_cache``), around the ``_search`` guard that refuses
  ``_search`` on a table without full-text search (``search_guard``); table permissions answered
  once per table (``permission_memo``).

Plugin settings (``plugins.belarus_russia_defence`` in the metadata): ``cache_mb``, the bytes of
answers kept in memory (0 turns the cache off; default 64), and ``prerender``: on the first visit
from a host, render every table, row, canned query and dashboard page ahead of visitors, while no
visitor is waiting (``prerender``; default off).
"""
from __future__ import annotations

from datasette import hookimpl

from ..constants import DATABASE_NAME
from . import (cell_rendering, column_notes, entity_page, facet_notes, permission_memo, prerender, response_cache,
               row_links, search_guard, search_terms)
from .plugin_settings import plugin_settings
#: The table whose rows get an actor's page (``templates/row-belarus_russia_defence-entities.html``).
ENTITIES = "entities"
#: where a Datasette instance keeps its response cache
CACHE_ATTRIBUTE = "_belarus_russia_defence_response_cache"


@hookimpl
def extra_body_script(view_name, database, table, request, datasette):
    """Datasette hook: the column-notes and row-links scripts for the page being rendered."""
    row_id = None
    if view_name == "row" and request is not None:
        from datasette.utils import tilde_decode

        row_id = tilde_decode(request.url_vars.get("pks", "")) or None
    base = datasette.urls.database(database) if database else ""
    return (cell_rendering.STYLE_SCRIPT + column_notes.script_for(view_name) + facet_notes.script_for(view_name)
            + row_links.script_for(view_name, database, table, row_id, base))


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    """Datasette hook: on an entity's row page, the panels of everything recorded about it (``entity_page``)."""
    if view_name != "row" or database != DATABASE_NAME or table != ENTITIES or request is None:
        return {}

    async def panels():
        from datasette.utils import tilde_decode

        entity_id = tilde_decode(request.url_vars.get("pks", ""))
        return {"entity_panels": await entity_page.entity_panels(datasette, entity_id), "entity_id": entity_id}

    return panels


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Datasette hook: a code beside its name, a key linked with its row's label (``cell_rendering``)."""
    return cell_rendering.render_cell(value, column, table, database, datasette, row)


@hookimpl(trylast=True)  # after Datasette's own escape_fts, which this one replaces
def prepare_connection(conn, database, datasette):
    """Datasette hook: the project's database searches with ``search_terms.expand``."""
    if database == DATABASE_NAME:
        search_terms.prepare_connection(conn)


@hookimpl
def asgi_wrapper(datasette):
    """Datasette hook: the response cache around the ``_search`` guard around the app; table permissions
    answered once per table (``permission_memo``)."""
    permission_memo.install(datasette)
    config = plugin_settings(datasette)
    megabytes = float(config.get("cache_mb", response_cache.DEFAULT_MAX_BYTES / 2**20))

    # Datasette builds its app again for every in-process client request: the cache lives on the instance.
    cache = getattr(datasette, CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = response_cache.ResponseCache(max_bytes=int(megabytes * 2**20))
        if config.get("prerender"):
            cache.prerender_paths = lambda: prerender.prerender_paths(datasette)
        setattr(datasette, CACHE_ATTRIBUTE, cache)

    def wrapper(app):
        return response_cache.wrap(search_guard.wrap(app, datasette), datasette, cache)

    return wrapper
