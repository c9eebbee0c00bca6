"""How complete the data is, measured from the tables themselves (``docs/coverage.md``).

Every figure is computed from the schemas and the CSVs, so the report never goes stale by
hand: rows against the floor a schema sets (``x-checks.minRows``), confidence, the kind of
source behind each fact row, how often each optional column is filled, the share of dates
known to the day, and how many rows another table points at (e.g. exercises with at least
one location, places with coordinates, entities under sanctions).
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .check.crosstable import describe_where, filled_share
from .read import TextTable, read_all
from .schema import Package, Table


@dataclass
class TableCoverage:
    """What one table holds: its rows, its floor, and how its rows split by confidence and fill."""
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
    #: each fill floor (``x-checks.minFilled``): (what counts, rows that count, rows it is about, floor)
    fill_floors: list[tuple[str, int, int, float]] = field(default_factory=list)


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
    """The coverage figures of every table, measured from its text cells."""
    sources = texts["sources"].frame.set_index("id")["source_type"] if "sources" in texts else None
    report = []
    for t in package.tables:
        frame = texts[t.name].frame
        cov = TableCoverage(t, len(frame), t.checks.get("minRows"))
        confidence, source = t.role_column("confidence"), t.role_column("source")
        if confidence in frame:
            cov.confidence = _counts(frame[confidence])
        if source in frame and sources is not None:
            cov.source_types = _counts(frame[source].map(sources))
        for f in t.fields:
            if not f.required:
                cov.filled[f.name] = int(frame[f.name].notna().sum())
        for date_col, precision_col in t.checks.get("precision", {}).items():
            dated = frame[date_col].notna()
            cov.dated[date_col] = int(dated.sum())
            cov.day_precise[date_col] = int((dated & (frame[precision_col] == "day")).sum())
        for column, floor in t.checks.get("minDistinct", {}).items():
            cov.distinct[column] = (int(frame[column].nunique(dropna=True)), floor)
        for rule in t.checks.get("minFilled", []):
            counted = filled_share(texts[t.name], rule)
            if counted is not None:
                cov.fill_floors.append((_fill_rule_label(rule), *counted, rule["share"]))
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


def _fill_rule_label(rule: dict) -> str:
    """A fill floor in words: `in_force_date`, or status signed, of rows with link_type individual."""
    label = " or ".join(f"`{c}`" for c in rule["columns"])
    if rule.get("orWhere"):
        label += f", or {describe_where(rule['orWhere'])}"
    return label + (f" (rows with {describe_where(rule['where'])})" if rule.get("where") else "")


def _pct(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.0f}%)" if whole else "0"


def _mix(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


HEADER = "<!-- Generated from the data by `make docs`. Do not edit by hand. -->\n"


def coverage_markdown(package: Package, texts: dict[str, TextTable]) -> str:
    """The text of docs/coverage.md: the figures of every table, the acts table and the curator's lists."""
    report = measure(package, texts)
    d = package.descriptor
    out = [HEADER, f"# Coverage: {d['title']} {d.get('version', '')}\n",
           "Measured from the tables themselves. The gaps that the figures cannot show (what is known "
           "to exist but has no row yet) are listed in the README under *Coverage and known gaps*.\n",
           "| table | rows | floor | confidence | main source types |", "|---|---:|---:|---|---|"]
    for cov in report:
        floor = f"{cov.floor} ({'met' if cov.rows >= cov.floor else 'NOT met'})" if cov.floor else ""
        out.append(f"| [{cov.table.name}](#{cov.table.name}) | {cov.rows} | {floor} | "
                   f"{_mix(cov.confidence)} | {_mix(cov.source_types)} |")
    for cov in report:
        out.append(f"\n## {cov.table.name}\n")
        lines = []
        for date_col, day in cov.day_precise.items():
            lines.append(f"- `{date_col}` known to the day: {_pct(day, cov.rows)} of rows "
                         f"({cov.dated[date_col]} dated at all)")
        for column, (n, floor) in cov.distinct.items():
            lines.append(f"- distinct `{column}`: {n} (floor {floor}, {'met' if n >= floor else 'NOT met'})")
        for label, k, n, share in cov.fill_floors:
            met = "met" if n and k / n >= share else "NOT met"
            percent = f"{100 * k / n:.0f}%" if n else "no rows"
            lines.append(f"- fill floor, {label}: {k} of {n} ({percent}; floor {100 * share:.0f}%, {met})")
        for key, count in cov.referenced.items():
            lines.append(f"- rows that `{key}` points at: {_pct(count, cov.rows)}")
        if cov.referenced_by_any is not None:
            lines.append(f"- rows that any of these points at: {_pct(cov.referenced_by_any, cov.rows)}")
        optional = [f"`{name}` {_pct(n, cov.rows)}" for name, n in cov.filled.items()]
        if optional:
            lines.append("- optional columns filled: " + "; ".join(optional))
        out.extend(lines or ["- every column is required."])
    out += acts_markdown(act_completeness(package, texts))
    out += prose_markdown(facts_left_in_prose(package, texts))
    out += designations_markdown(designations_in_prose(texts))
    return "\n".join(out) + "\n"


#: prose columns that a curator's heuristic reads for facts that belong in a column
PROSE_COLUMNS = ("summary", "reason", "scope_note")
YEAR = re.compile(r"\b(19[4-9][0-9]|20[0-4][0-9])\b")
COUNT = re.compile(r"\b([0-9][0-9,.\u00a0 ]*[0-9]|[0-9])\s*(?:thousand\s+)?(troops|servicemen|soldiers|personnel|"
                   r"military|aircraft|helicopters|jets|fighters|tanks|vehicles|units|launchers|systems|people|officers|"
                   r"cadets|pilots|crews|individuals|entities)\b", re.IGNORECASE)


def _number(text: str) -> int | None:
    digits = re.sub(r"[,.\u00a0 ]", "", text)
    return int(digits) if digits.isdigit() else None


def facts_left_in_prose(package: Package, texts: dict[str, TextTable]) -> list[tuple[str, str, str]]:
    """(table, row id, what) for each year or count that a row's prose states and none of its columns holds.

    A heuristic for curators, not a rule: a year counts as held when any other cell of the row
    contains it (a date, a year column), a count when some whole-number cell equals it.
    """
    found = []
    for t in package.tables:
        prose = [c for c in PROSE_COLUMNS if c in t.field_names]
        if not prose or len(t.primary_key) != 1 or not t.is_fact:
            continue
        frame = texts[t.name].frame
        others = [c for c in t.field_names if c not in prose and c != t.role_column("source")]
        numeric = [f.name for f in t.fields if f.type in ("integer", "number")]
        for row in frame.itertuples(index=False):
            values = row._asdict()
            text = " ".join(str(values[c]) for c in prose if isinstance(values[c], str))
            if not text:
                continue
            held = " ".join(str(values[c]) for c in others if isinstance(values[c], str))
            numbers = {_number(str(values[c])) for c in numeric if isinstance(values[c], str)}
            missing = sorted({y for y in YEAR.findall(text) if y not in held})
            counts = []
            for number, noun in COUNT.findall(text):
                n = _number(number)
                if n is not None and n not in numbers and not (1940 <= n <= 2049 and noun.lower() in ("units", "systems")):
                    counts.append(f"{number.strip()} {noun}")
            what = [f"year {y}" for y in missing] + [f"“{c}”" for c in dict.fromkeys(counts)]
            if what:
                found.append((t.name, str(values[t.primary_key[0]]), ", ".join(what)))
    return found


#: Words that name a sanctioning authority in prose, by the authority's code in ``sanctions``.
AUTHORITY_WORDS = {
    "USA": r"\b(?:US|U\.S\.|United States|American|OFAC|Treasury|BIS|Entity List|State Department)\b",
    "EU": r"\b(?:EU|European Union|European)\b", "GBR": r"\b(?:UK|U\.K\.|United Kingdom|British|Britain)\b",
    "CAN": r"\bCanad", "CHE": r"\b(?:Swiss|Switzerland)\b", "JPN": r"\bJapan", "AUS": r"\bAustralia",
    "NZL": r"\bNew Zealand\b", "UKR": r"\b(?:Ukrainian|Ukraine's|NSDC)\b", "NOR": r"\bNorw",
}
SANCTION_WORDS = re.compile(r"sanction|designat|blacklist|Entity List|asset freeze", re.IGNORECASE)


def designations_in_prose(texts: dict[str, TextTable]) -> list[tuple[str, str, str]]:
    """(entity id, authority, sentence) where an entity's description says an authority sanctions it, unrecorded.

    A heuristic for curators: a sentence that speaks of sanctions and names an authority, about an
    entity for which ``sanctions`` holds no row of that authority. Either the description goes too
    far, or a designation is missing.
    """
    entities, sanctions = texts.get("entities"), texts.get("sanctions")
    if entities is None or sanctions is None or not entities.readable or not sanctions.readable:
        return []
    recorded = set(zip(sanctions.frame["target_id"], sanctions.frame["authority"]))
    found = []
    for entity, description in zip(entities.frame["id"], entities.frame["description"]):
        if not isinstance(description, str):
            continue
        for sentence in re.split(r"(?<=[.;])\s+", description):
            if not SANCTION_WORDS.search(sentence):
                continue
            for authority, words in AUTHORITY_WORDS.items():
                if re.search(words, sentence) and (entity, authority) not in recorded:
                    found.append((entity, authority, sentence.strip()))
    return found


def _curator_list(title: str, intro: str, items: list[str]) -> list[str]:
    """A section of the curator's report: its heading, what it lists, and the items or "None."."""
    return [f"\n## {title}\n", intro + "\n"] + (items or ["None."])


def designations_markdown(found: list[tuple[str, str, str]]) -> list[str]:
    """The curator's list of descriptions that mention a designation no row records."""
    return _curator_list(
        "Designations in prose that no row records",
        "Entities whose description speaks of sanctions by an authority that `sanctions` holds no designation "
        "of. A heuristic to help curators: add the designation where a page states it, or correct the description.",
        [f"- `{entity}`: {authority} — “{sentence}”" for entity, authority, sentence in found])


def act_completeness(package: Package, texts: dict[str, TextTable]) -> list[dict]:
    """The rows of the ``sanctions_act_completeness`` view, read from a database built from ``texts``."""
    import sqlite3

    from .outputs.sqlite import build_database
    from .outputs.sqlite_views import VIEWS

    if not VIEWS["sanctions_act_completeness"]["needs"] <= {t.name for t in package.tables}:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        path = build_database(package, Path(tmp) / "coverage.db", texts)
        conn = sqlite3.connect(path)
        conn.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in conn.execute("SELECT * FROM sanctions_act_completeness")]
        finally:
            conn.close()


def _cell(value) -> str:
    return "" if value is None else str(value).replace("|", "\\|")


def acts_markdown(rows: list[dict]) -> list[str]:
    """The section of docs/coverage.md that lists every sanctions act with its stated and recorded size."""
    if not rows:
        return []
    stated = [r for r in rows if r["stated_targets"] is not None]
    complete = [r for r in stated if r["completeness"] == "every stated target recorded"]
    total_stated = sum(r["stated_targets"] for r in stated)
    total_recorded = sum(r["recorded_targets"] for r in stated)
    out = ["\n## Sanctions acts: stated size and share recorded\n",
           f"{len(rows)} acts; {len(stated)} ({100 * len(stated) / len(rows):.0f}%) state their number of "
           f"Belarus-related targets. Across those, {total_recorded} of {total_stated} stated targets are recorded "
           f"({100 * total_recorded / total_stated if total_stated else 0:.0f}%); {len(complete)} acts are recorded in full. "
           "A stated count can include targets outside this dataset's scope (judges, propagandists, non-defence "
           "firms), which `scope_note` names; the same figures are the `sanctions_act_completeness` view on the site.\n",
           "| act | authority | date | instrument | stated persons | stated entities | recorded persons | "
           "recorded entities | share | completeness |",
           "|---|---|---|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        share = "" if r["recorded_share_pct"] is None else f"{r['recorded_share_pct']:.0f}%"
        out.append(f"| `{r['act_id']}` | {r['authority']} | {r['act_date']} | {_cell(r['legal_instrument'])} | "
                   f"{_cell(r['stated_persons'])} | {_cell(r['stated_entities'])} | {r['recorded_persons']} | "
                   f"{r['recorded_entities']} | {share} | {r['completeness']} |")
    return out


def prose_markdown(found: list[tuple[str, str, str]]) -> list[str]:
    """The curator's list of rows whose text states a year or a count that no column holds."""
    by_table: dict[str, list] = {}
    for table, rid, what in found:
        by_table.setdefault(table, []).append((rid, what))
    return _curator_list(
        "Facts still in prose",
        "Rows whose summary, reason or scope note mentions a year or a count (of troops, aircraft, units, ...) "
        "that no column of the row holds. A heuristic to help curators, not a validation error: fill the column "
        "where the cited page states the value; a year that is context (an earlier event) can stay in prose.",
        [f"- **{table}** ({len(rows)} rows): " + "; ".join(f"`{rid}` {what}" for rid, what in rows)
         for table, rows in by_table.items()])


def write_coverage(package: Package, workspace, check: bool = False,
                   texts: dict[str, TextTable] | None = None) -> Path | None:
    """Write the workspace's ``docs/coverage.md``; with ``check``, return None when the file on disk is stale."""
    path = workspace.coverage_report
    text = coverage_markdown(package, texts or read_all(package))
    if check:
        return path if path.is_file() and path.read_text(encoding="utf-8") == text else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
