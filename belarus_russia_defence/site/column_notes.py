"""Column descriptions on table pages, folded away so the rows come first.

Datasette prints every column's description (from the metadata generated out of the Table
Schemas) as a long list above the rows: on a 14-column table the data starts below the fold.
This script folds that list into a ``<details>`` element ("What the 14 columns mean"),
shows the schema's `backticked` values as code, and gives every column header (on table
and row pages) its description as a tooltip. It only moves and re-labels what Datasette
rendered (no HTML is parsed from text); without JavaScript the page stays as Datasette made it.
"""
from __future__ import annotations

SCRIPT = r"""
(function () {
  document.querySelectorAll("th[data-column-description]").forEach(function (th) {
    th.title = th.getAttribute("data-column-description");
  });
  var list = document.querySelector("dl.column-descriptions");
  if (!list) { return; }
  function showCode(el) {
    var parts = el.textContent.split("`");
    if (parts.length < 3 || parts.length % 2 === 0) { return; }
    el.textContent = "";
    parts.forEach(function (part, i) {
      if (i % 2) { var c = document.createElement("code"); c.textContent = part; el.appendChild(c); }
      else if (part) { el.appendChild(document.createTextNode(part)); }
    });
  }
  var count = 0;
  list.querySelectorAll("dd").forEach(function (dd) { count += 1; showCode(dd); });
  var fold = document.createElement("details");
  fold.className = "column-notes";
  var summary = document.createElement("summary");
  summary.textContent = "What the " + count + " columns mean";
  list.parentNode.insertBefore(fold, list);
  fold.appendChild(summary);
  fold.appendChild(list);
})();
"""

#: the Datasette views whose pages carry column headers with descriptions
VIEWS = {"table", "row"}


def script_for(view_name: str) -> str:
    """The script that folds column descriptions away on a table page (empty on other pages)."""
    return SCRIPT if view_name in VIEWS else ""
