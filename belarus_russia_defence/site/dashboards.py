"""The datasette-dashboards configuration: charts over the built database."""
from __future__ import annotations

from ..constants import DATABASE_NAME


def _bar(x: str, y: str, color: str | None = None, x_type: str = "ordinal") -> dict:
    enc = {"x": {"field": x, "type": x_type, "title": x.replace("_", " ")},
           "y": {"field": y, "type": "quantitative", "title": y.replace("_", " ")},
           "tooltip": [{"field": x}, {"field": y}]}
    if color:
        enc["color"] = {"field": color, "type": "nominal", "title": color.replace("_", " ")}
        enc["tooltip"].append({"field": color})
    return {"mark": {"type": "bar", "tooltip": True}, "encoding": enc}


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
                    "query": "SELECT substr(start_date, 1, 4) AS year, coalesce(series, 'one-off') AS series, "
                             "COUNT(*) AS exercises FROM exercises WHERE start_date IS NOT NULL "
                             "GROUP BY 1, 2 ORDER BY 1",
                    "library": "vega-lite",
                    "display": _bar("year", "exercises", "series"),
                },
                "designations-per-authority": {
                    "title": "Sanctions designations per authority per year",
                    "db": DATABASE_NAME,
                    "query": "SELECT substr(listing_date, 1, 4) AS year, authority, COUNT(*) AS designations "
                             "FROM sanctions GROUP BY 1, 2 ORDER BY 1",
                    "library": "vega-lite",
                    "display": _bar("year", "designations", "authority"),
                },
                "supply-by-category": {
                    "title": "Supply links by product category",
                    "db": DATABASE_NAME,
                    "query": "SELECT product_category, COUNT(*) AS links, COUNT(DISTINCT supplier_id) AS suppliers "
                             "FROM component_trade GROUP BY 1 ORDER BY 2 DESC",
                    "library": "vega-lite",
                    "display": _bar("product_category", "links", x_type="nominal"),
                },
            },
        }
    }
