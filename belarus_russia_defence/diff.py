"""Row-level diff of the tables between a git ref and the working tree, keyed by primary key."""
from __future__ import annotations

import csv
import io
import subprocess
from dataclasses import dataclass, field

from .errors import DataPackageError
from .schema import Package, Table


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


def git_show(root, ref: str, path: str) -> str | None:
    """The text of ``path`` at git ``ref`` in ``root``, or None when the file is not there."""
    # "./" makes git read the path from the package folder, which need not be the top of the repository
    result = subprocess.run(["git", "show", f"{ref}:./{path}"], cwd=root, capture_output=True)
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8", errors="replace")


def diff_against_ref(package: Package, base: str) -> list[TableChanges]:
    """The row changes of every table between git ``base`` and the working tree."""
    check = subprocess.run(["git", "rev-parse", "--verify", f"{base}^{{commit}}"], cwd=package.root,
                           capture_output=True, text=True)
    if check.returncode != 0:
        raise DataPackageError(f"unknown git ref {base!r}: {check.stderr.strip()}")
    changes = []
    for table in package.tables:
        path = package.root / table.path
        new_text = path.read_text(encoding="utf-8") if path.is_file() else None
        changes.append(diff_table(table, git_show(package.root, base, table.path), new_text))
    return changes


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
