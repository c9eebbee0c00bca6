"""The project's Datasette plugin (the ``datasette`` entry point in ``pyproject.toml``).

Two hooks, each from a module with that one job:
- ``startup``: facet counts cached for immutable databases (``facet_cache``);
- ``extra_body_script``: column descriptions folded away on table pages (``column_notes``).
"""
from __future__ import annotations

from datasette import hookimpl

from .column_notes import script_for
from .facet_cache import startup  # noqa: F401  (a hookimpl, registered with this module)


@hookimpl
def extra_body_script(view_name):
    return script_for(view_name)
