"""The datasette-dashboards configuration: charts over the built database."""
from __future__ import annotations

from ..constants import DATABASE_NAME
from .queries import label


#: 20 distinct colours, so that no two series of a chart share one (Vega's default has 10)
PALETTE = "tableau20"


def _bar(x: str, y: str, color: str | None = None, x_type: str = "ordinal") -> dict:
    """A bar chart whose bars lead to their rows: the query gives each bar a ``rows_url``."""
    enc = {"x": {"field": x, "type": x_type, "title": x.replace("_", " ")},
           "y": {"field": y, "type": "quantitative", "title": y.replace("_", " ")},
           "tooltip": [{"field": x}, {"field": y}], "href": {"field": "rows_url"}}
    if color:
        enc["color"] = {"field": color, "type": "nominal", "title": color.replace("_", " "),
                        "scale": {"scheme": PALETTE}}
        enc["tooltip"].append({"field": color})
    return {"mark": {"type": "bar", "tooltip": True, "cursor": "pointer"}, "encoding": enc}


def rows_url(table: str, *filters: str) -> str:
    """SQL for the address of the table page that lists a bar's rows; each filter is SQL giving ``column=value``."""
    return f"'/{DATABASE_NAME}/{table}?' || " + " || '&' || ".join(filters) + " AS rows_url"


def equals(column: str, value: str | None = None) -> str:
    """SQL giving the filter ``column=value`` (``value``, SQL, defaults to the column), or ``column__isnull=1``."""
    value = value or column
    return f"CASE WHEN {value} IS NULL THEN '{column}__isnull=1' ELSE '{column}=' || {value} END"


def code_name(code_list: str, value: str) -> str:
    """SQL giving the name of a code (the ``code_names`` table), or the code itself."""
    return f"coalesce((SELECT name FROM code_names WHERE code_list = '{code_list}' AND code = {value}), {value})"


def dashboards() -> dict:
    """The datasette-dashboards configuration: charts of exercises, designations and supply links."""
    return {
        "overview": {
            "title": "Belarus–Russia defence ties: overview",
            "description": "Exercises per year, sanctions designations per authority per year, and supply links by "
                           "product category.",
            "layout": [["exercises-per-year", "exercises-per-year"],
                       ["designations-per-authority", "supply-by-category"]],
            "charts": {
                "exercises-per-year": {
                    "title": "Joint exercises per year",
                    "db": DATABASE_NAME,
                    "query": "SELECT substr(start_date, 1, 4) AS year, "
                             f"coalesce({label('exercises', 'series')}, 'one-off') AS series, "
                             "COUNT(*) AS exercises, "
                             + rows_url("exercises", "'start_date__startswith=' || substr(start_date, 1, 4)",
                                        equals("series"))
                             + " FROM exercises WHERE start_date IS NOT NULL GROUP BY 1, exercises.series ORDER BY 1",
                    "library": "vega-lite",
                    "display": _bar("year", "exercises", "series"),
                },
                "designations-per-authority": {
                    "title": "Sanctions designations per authority per year",
                    "db": DATABASE_NAME,
                    "query": "SELECT substr(listing_date, 1, 4) AS year, "
                             f"{code_name('iso3166-1-alpha3-or-eu', 'authority')} AS authority_name, "
                             "COUNT(*) AS designations, "
                             + rows_url("sanctions", "'listing_date__startswith=' || substr(listing_date, 1, 4)",
                                        equals("authority"))
                             + " FROM sanctions GROUP BY 1, authority ORDER BY 1",
                    "library": "vega-lite",
                    "display": _bar("year", "designations", "authority_name"),
                },
                "supply-by-category": {
                    "title": "Supply links by product category",
                    "db": DATABASE_NAME,
                    "query": f"SELECT coalesce({label('component_trade', 'product_category')}, 'not recorded') "
                             "AS product, COUNT(*) AS links, COUNT(DISTINCT supplier_id) AS suppliers, "
                             + rows_url("component_trade", equals("product_category"))
                             + " FROM component_trade GROUP BY product_category ORDER BY 2 DESC",
                    "library": "vega-lite",
                    "display": _bar("product", "links", x_type="nominal"),
                },
            },
        }
    }
