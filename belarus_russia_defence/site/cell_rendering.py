"""How a cell shows on the site: a code beside its name, a key as a link labelled with its row.

Datasette links a foreign key to its row, with the row's label, on table pages only; on a row
page and where a table page does not expand labels it shows the bare id. Here, for the
project's database alone (the ``render_cell`` hook of the plugin):

- a cell of a column that declares a code list (``"x-codeList"``) shows the code and its name
  (``BLR Belarus``), from ``code_lists`` (pycountry);
- a cell of a column with a controlled vocabulary (``"x-vocabulary"``) shows the value's label and,
  smaller, the value itself (``In force in_force``);
- a foreign key shows the label of the row it points to, linked to that row, and where that
  table declares a ``urlColumn`` (a source's URL), a second link to the document itself;
- in a query's result (a canned query, or SQL), a column that ``queries.QUERY_COLUMNS`` declares
  shows as the table column whose values it holds.

What to do for each column comes from the site metadata generated from the schemas
(``site.cell_rendering_config``); labels are read from the database once per referenced table
and kept on the Datasette instance they serve.
"""
from __future__ import annotations

import markupsafe

from ..code_lists import code_list
from ..constants import DATABASE_NAME
from .plugin_settings import plugin_settings

#: The look of a code's name and of a key's id beside its label (added to every page by a script).
STYLE_SCRIPT = """
(function () {
  var style = document.createElement("style");
  style.textContent = ".code-name, .key-id { color: #555; } .key-id { font-size: 0.8em; } "
    + ".document-link { font-size: 0.85em; white-space: nowrap; }";
  document.head.appendChild(style);
})();
"""

#: where a Datasette instance keeps the labels it has read: {table: {key: (label, url)}}
LABELS_ATTRIBUTE = "_belarus_russia_defence_labels"


async def _labels(datasette, table: str, link: dict) -> dict:
    """Every row of ``table`` as key -> (label, url), read once per Datasette instance."""
    cache = getattr(datasette, LABELS_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        setattr(datasette, LABELS_ATTRIBUTE, cache)
    if table not in cache:
        label = f"[{link['label']}]" if link.get("label") else "NULL"
        url = f"[{link['url']}]" if link.get("url") else "NULL"
        result = await datasette.get_database(DATABASE_NAME).execute(
            f"SELECT [{link['column']}], {label}, {url} FROM [{table}]", custom_time_limit=5000)
        cache[table] = {str(r[0]): (r[1], r[2]) for r in result.rows}
    return cache[table]


async def render_cell(value, column, table, database, datasette, row=None):
    """The HTML of one cell of the project's database, or None to let Datasette render it.

    ``row`` is the cell's row: a query column that holds the key of a row of whichever table another of
    its columns names (``rowOf``, e.g. ``record_id`` beside ``table_name``) is linked through it.
    """
    if database != DATABASE_NAME or value is None or value == "":
        return None
    plugin = plugin_settings(datasette)
    config = (plugin.get("cells", {}).get(table, {}).get(column) if table is not None
              else plugin.get("query_cells", {}).get(column))  # a canned query's or SQL's result
    if not config:
        return None
    if isinstance(value, dict):  # a key Datasette has expanded on a table page: its value and label
        value = value.get("value")
        if value is None:
            return None
    text = str(value)
    if "rowOf" in config:
        try:
            config = {"link": config["tables"][row[config["rowOf"]]]}
        except (KeyError, IndexError, TypeError):
            return None
    if "codeList" in config:
        name = code_list(config["codeList"]).names.get(text)
        if name is None:
            return None
        return markupsafe.Markup('{} <span class="code-name">{}</span>').format(text, name)
    labels = config.get("labels")
    if labels is not None:
        label = labels.get(text)
        if label is None:
            return None
        return markupsafe.Markup('<span class="value-label">{}</span> <span class="key-id">{}</span>').format(label, text)
    link = config.get("link")
    if link:
        if link.get("composite"):  # a composite key written a/b: its row page is a,b
            label, url = None, None
            href = datasette.urls.row(DATABASE_NAME, link["table"], ",".join(_tilde(p) for p in text.split("/")))
        else:
            label, url = (await _labels(datasette, link["table"], link)).get(text, (None, None))
            href = datasette.urls.row(DATABASE_NAME, link["table"], _tilde(text))
        shown = markupsafe.Markup('<a href="{}">{}</a>').format(href, label or text)
        if label and label != text:
            shown += markupsafe.Markup(' <span class="key-id">{}</span>').format(text)
        if url:
            shown += markupsafe.Markup(' <a class="document-link" href="{}" rel="nofollow noopener">document ↗</a>').format(url)
        return shown
    return None


def _tilde(text: str) -> str:
    from datasette.utils import tilde_encode

    return tilde_encode(text)
