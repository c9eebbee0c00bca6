"""The data dictionary, generated from the Table Schemas (``docs/data-dictionary.md``)."""
from __future__ import annotations

from pathlib import Path

from .schema import Field, Package

HEADER = "<!-- Generated from datapackage.json and schemas/ by `make docs`. Do not edit by hand. -->\n"


def constraint_text(f: Field) -> str:
    c = f.constraints
    parts = []
    if c.get("required"):
        parts.append("required")
    if c.get("unique"):
        parts.append("unique")
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    if "maximum" in c:
        parts.append(f"≤ {c['maximum']}")
    if "minLength" in c:
        parts.append(f"length ≥ {c['minLength']}")
    if "maxLength" in c:
        parts.append(f"length ≤ {c['maxLength']}")
    if "enum" in c:
        parts.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
    if f.type == "date":
        parts.append("ISO 8601 `YYYY-MM-DD`")
    if f.type == "boolean":
        parts.append("`true` / `false`")
    return "; ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def data_dictionary(package: Package) -> str:
    d = package.descriptor
    out = [HEADER, f"# Data dictionary: {d['title']} {d.get('version', '')}\n", f"{d['description']}\n",
           "Empty cells are missing values; every other cell is taken as written (`NA` is text).\n"]
    out.append("| table | rows file | primary key | description |\n|---|---|---|---|")
    for t in package.tables:
        out.append(f"| [{t.name}](#{t.name.replace('_', '-')}) | `{t.path}` | `{', '.join(t.primary_key)}` | {_cell(t.description)} |")
    for t in package.tables:
        out.append(f"\n## {t.name}\n\n**{t.title}.** {t.description}\n")
        out.append(f"File `{t.path}`, schema `{t.schema_path}`. Primary key: `{', '.join(t.primary_key)}`.")
        if t.foreign_keys:
            refs = ", ".join(f"`{fk.fields[0]}` → `{fk.resource}.{fk.reference_fields[0]}`" for fk in t.foreign_keys)
            out.append(f"Foreign keys: {refs}.")
        rules = []
        for a, b in t.checks.get("dateOrder", []) + t.checks.get("yearOrder", []):
            rules.append(f"`{b}` is not before `{a}`")
        for date_col, prec in t.checks.get("precision", {}).items():
            rules.append(f"`{date_col}` of `{prec}` month/year is the period's first day")
        if t.checks.get("naturalKey"):
            rules.append("no two rows share " + " + ".join(f"`{c}`" for c in t.checks["naturalKey"]))
        if t.checks.get("minRows"):
            rules.append(f"at least {t.checks['minRows']} rows")
        if rules:
            out.append("Rules beyond the columns: " + "; ".join(rules) + ".")
        out.append("\n| column | type | constraints | description |\n|---|---|---|---|")
        for f in t.fields:
            out.append(f"| `{f.name}` | {f.type} | {_cell(constraint_text(f))} | {_cell(f.description)} |")
    return "\n".join(out) + "\n"


def write_data_dictionary(package: Package, check: bool = False) -> Path | None:
    """Write the dictionary; with ``check``, return None when the file on disk is out of date."""
    path = package.root / "docs" / "data-dictionary.md"
    text = data_dictionary(package)
    if check:
        return path if path.is_file() and path.read_text(encoding="utf-8") == text else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
