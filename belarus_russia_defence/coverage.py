"""How complete the data is, measured from the tables themselves (``docs/coverage.md``).

Every figure is computed from the schemas and the CSVs, so the report never goes stale by
hand: rows against the floor a schema sets (``x-checks.minRows``), confidence, the kind of
source behind each fact row, how often each optional column is filled, the share of dates
known to the day, and how many rows another table points at (e.g. exercises with at least
one location, places with coordinates, entities under sanctions).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .read import TextTable, read_all
from .schema import Package, Table


@dataclass
class TableCoverage:
    table: Table
    rows: int
    floor: int | None
    confidence: dict[str, int] = field(default_factory=dict)
    source_types: dict[str, int] = field(default_factory=dict)
    filled: dict[str, int] = field(default_factory=dict)         # optional column -> filled cells
    day_precise: dict[str, int] = field(default_factory=dict)    # date column -> cells at day precision
    dated: dict[str, int] = field(default_factory=dict)          # date column -> filled cells
    referenced: dict[str, int] = field(default_factory=dict)     # "<table>.<column>" -> rows pointed at
    referenced_by_any: int | None = None                         # rows pointed at by any of those (if several)
    distinct: dict[str, tuple[int, int]] = field(default_factory=dict)  # column -> (distinct values, floor)


def _counts(column: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in column.dropna().value_counts().sort_index().items()}


def incoming_keys(package: Package, target: Table) -> list[tuple[Table, str, str]]:
    """Every (table, column, referenced column) whose foreign key points at ``target``."""
    found = []
    for t in package.tables:
        for fk in t.foreign_keys:
            if fk.resource == target.name and len(fk.fields) == 1:
                found.append((t, fk.fields[0], fk.reference_fields[0]))
    return found


def measure(package: Package, texts: dict[str, TextTable]) -> list[TableCoverage]:
    sources = texts["sources"].frame.set_index("id")["source_type"] if "sources" in texts else None
    report = []
    for t in package.tables:
        frame = texts[t.name].frame
        cov = TableCoverage(t, len(frame), t.checks.get("minRows"))
        if "confidence" in frame:
            cov.confidence = _counts(frame["confidence"])
        if "source_id" in frame and sources is not None and t.name != "sources":
            cov.source_types = _counts(frame["source_id"].map(sources))
        for f in t.fields:
            if not f.required:
                cov.filled[f.name] = int(frame[f.name].notna().sum())
        for date_col, precision_col in t.checks.get("precision", {}).items():
            dated = frame[date_col].notna()
            cov.dated[date_col] = int(dated.sum())
            cov.day_precise[date_col] = int((dated & (frame[precision_col] == "day")).sum())
        for column, floor in t.checks.get("minDistinct", {}).items():
            cov.distinct[column] = (int(frame[column].nunique(dropna=True)), floor)
        anywhere = pd.Series(False, index=frame.index)
        keys = incoming_keys(package, t)
        for other, column, ref in keys:
            pointed = frame[ref].isin(set(texts[other.name].frame[column].dropna()))
            cov.referenced[f"{other.name}.{column}"] = int(pointed.sum())
            anywhere |= pointed
        if len(keys) > 1:
            cov.referenced_by_any = int(anywhere.sum())
        report.append(cov)
    return report


def _pct(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.0f}%)" if whole else "0"


def _mix(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


HEADER = "<!-- Generated from the data by `make docs`. Do not edit by hand. -->\n"


def coverage_markdown(package: Package, texts: dict[str, TextTable]) -> str:
    report = measure(package, texts)
    d = package.descriptor
    out = [HEADER, f"# Coverage: {d['title']} {d.get('version', '')}\n",
           "Measured from the tables themselves. The gaps that the figures cannot show (what is known "
           "to exist but has no row yet) are listed in the README under *Coverage and known gaps*.\n",
           "| table | rows | floor | confidence | main source types |", "|---|---:|---:|---|---|"]
    for cov in report:
        floor = f"{cov.floor} ({'met' if cov.rows >= cov.floor else 'NOT met'})" if cov.floor else ""
        out.append(f"| [{cov.table.name}](#{cov.table.name.replace('_', '-')}) | {cov.rows} | {floor} | "
                   f"{_mix(cov.confidence)} | {_mix(cov.source_types)} |")
    for cov in report:
        out.append(f"\n## {cov.table.name}\n")
        lines = []
        for date_col, day in cov.day_precise.items():
            lines.append(f"- `{date_col}` known to the day: {_pct(day, cov.rows)} of rows "
                         f"({cov.dated[date_col]} dated at all)")
        for column, (n, floor) in cov.distinct.items():
            lines.append(f"- distinct `{column}`: {n} (floor {floor}, {'met' if n >= floor else 'NOT met'})")
        for key, count in cov.referenced.items():
            lines.append(f"- rows that `{key}` points at: {_pct(count, cov.rows)}")
        if cov.referenced_by_any is not None:
            lines.append(f"- rows that any of these points at: {_pct(cov.referenced_by_any, cov.rows)}")
        optional = [f"`{name}` {_pct(n, cov.rows)}" for name, n in cov.filled.items()]
        if optional:
            lines.append("- optional columns filled: " + "; ".join(optional))
        out.extend(lines or ["- every column is required."])
    return "\n".join(out) + "\n"


def write_coverage(package: Package, check: bool = False, texts: dict[str, TextTable] | None = None) -> Path | None:
    """Write ``docs/coverage.md``; with ``check``, return None when the file on disk is stale."""
    path = package.root / "docs" / "coverage.md"
    text = coverage_markdown(package, texts or read_all(package))
    if check:
        return path if path.is_file() and path.read_text(encoding="utf-8") == text else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
