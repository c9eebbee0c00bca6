"""A facet that is cut off says so: "only the 30 most common values are shown", with a link to all.

Datasette lists at most ``default_facet_size`` values of a facet and ends a longer list with a
bare "…": a reader can take the list for complete. This script words that last item, and on the
page that already shows every value it says nothing. It only re-labels what Datasette rendered.
"""
from __future__ import annotations

SCRIPT = r"""
(function () {
  document.querySelectorAll("li.facet-truncated").forEach(function (li) {
    var shown = li.parentNode.querySelectorAll("li:not(.facet-truncated)").length;
    var link = li.querySelector("a");
    var words = "only the " + shown + " most common values are shown";
    if (link) { link.textContent = "… " + words + ": show them all"; }
    else { li.textContent = "… " + words; }
    li.className += " facet-cut-off";
  });
})();
"""


def script_for(view_name: str) -> str:
    """The script that says when a facet is cut off (table pages only)."""
    return SCRIPT if view_name == "table" else ""
