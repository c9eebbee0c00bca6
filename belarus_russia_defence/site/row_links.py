"""On a row page, a link to "Where this row comes from": the canned query listing its sources.

A row's main source is one click away already (its ``source_id`` links to ``sources``), but
its further sources sit in ``citations``, keyed by table name and id, which Datasette cannot
link by itself. This script adds one link under the row's heading to the ``row_sources``
query for that table and id. Tables without sources of their own get no link.
"""
from __future__ import annotations

import json
from urllib.parse import urlencode

from ..constants import DATABASE_NAME

#: tables whose rows are not cited themselves
WITHOUT_SOURCES = {"sources", "citations"}

SCRIPT = """
(function () {
  var heading = document.querySelector("h1");
  if (!heading) { return; }
  var p = document.createElement("p");
  p.className = "row-sources-link";
  var a = document.createElement("a");
  a.href = %(href)s;
  a.textContent = "Where this row comes from: every source behind it";
  p.appendChild(a);
  heading.parentNode.insertBefore(p, heading.nextSibling);
})();
"""


def _js_string(value: str) -> str:
    """A JavaScript string literal that is safe inside a <script> element."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def script_for(view_name: str, database: str | None, table: str | None, row_id: str | None, base_url: str) -> str:
    """The script that links a row page to every source behind the row (empty on other pages)."""
    if view_name != "row" or database != DATABASE_NAME or not table or table in WITHOUT_SOURCES or not row_id:
        return ""
    if "," in row_id:  # a composite key: its citations use another form of id, and it has no single page
        return ""
    href = f"{base_url}/row_sources?" + urlencode({"table": table, "id": row_id})
    return SCRIPT % {"href": _js_string(href)}
