"""Row-level diff of the tables between a git ref and the working tree, keyed by primary key."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from .errors import SourceUnavailable
from .schema import Package, Table
from .workspace import Workspace


@dataclass
class TableChanges:
    """The keys of the rows that a change added, removed or modified in one table."""
    table: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    modified: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.modified)


def rows_by_key(table: Table, text: str | None) -> dict[str, dict]:
    """A table's CSV text as rows keyed by their primary key."""
    if not text:
        return {}
    rows = {}
    for row in csv.DictReader(io.StringIO(text, newline="")):
        key = "/".join(row.get(c) or "" for c in table.primary_key)
        rows[key] = row
    return rows


def diff_table(table: Table, old_text: str | None, new_text: str | None) -> TableChanges:
    """The added, removed and changed rows of one table between two versions of its CSV text."""
    old, new = rows_by_key(table, old_text), rows_by_key(table, new_text)
    changes = TableChanges(table.name)
    changes.added = sorted(set(new) - set(old))
    changes.removed = sorted(set(old) - set(new))
    for key in sorted(set(old) & set(new)):
        cells = [(c, old[key].get(c, ""), new[key].get(c, ""))
                 for c in dict.fromkeys([*old[key], *new[key]]) if old[key].get(c, "") != new[key].get(c, "")]
        if cells:
            changes.modified[key] = cells
    return changes


def _text(package: Package, path: str) -> str | None:
    try:
        return package.read_bytes(path).decode("utf-8", errors="replace")
    except (FileNotFoundError, SourceUnavailable):
        return None


def diff_against_ref(package: Package, workspace: Workspace, base: str) -> list[TableChanges]:
    """The row changes of every table between git ``base`` of the workspace and the package as it is now."""
    workspace.git_ref_exists(base)
    return [diff_table(table, workspace.git_show(base, table.path), _text(package, table.path))
            for table in package.tables]


def _short(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def format_diff(changes: list[TableChanges], markdown: bool = False) -> str:
    """The changes as plain text, or as a Markdown table for a pull request."""
    changed = [c for c in changes if not c.empty]
    if not changed:
        return "No row changes." if not markdown else "### Data changes\n\nNo row changes."
    out = ["### Data changes", ""] if markdown else []
    out.append(("| table | added | removed | modified |\n|---|---:|---:|---:|" if markdown else "table: added / removed / modified"))
    for c in changed:
        out.append(f"| {c.table} | {len(c.added)} | {len(c.removed)} | {len(c.modified)} |" if markdown
                   else f"{c.table}: +{len(c.added)} / -{len(c.removed)} / ~{len(c.modified)}")
    for c in changed:
        out.append(f"\n#### {c.table}\n" if markdown else f"\n== {c.table} ==")
        bullet = "- " if markdown else "  "
        code = "`" if markdown else ""
        for key in c.added:
            out.append(f"{bullet}added {code}{key}{code}")
        for key in c.removed:
            out.append(f"{bullet}removed {code}{key}{code}")
        for key, cells in c.modified.items():
            out.append(f"{bullet}modified {code}{key}{code}")
            for column, old, new in cells:
                out.append(f"{'  ' if markdown else '    '}{bullet}{column}: {_short(old)!r} → {_short(new)!r}")
    return "\n".join(out)
