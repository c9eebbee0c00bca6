"""Pandera schemas generated from the Table Schemas, run over the text cells.

A small converter of our own: every Table Schema type and constraint becomes a
Pandera check on the text as written in the CSV, so that ``NA`` is a value, a
date must be a real ISO 8601 date, an integer must be written as one, and each
failure can be located on its file, line and column. Foreign keys are
column checks against the referenced table's key values.

A constraint the converter does not know raises ``UnsupportedConstraint``:
no schema rule is ever silently ignored.
"""
from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass

import pandas as pd

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa

from ..read import MAX_CELL_CHARS, TextTable
from ..schema import FIELD_TYPES, Field, Table
from .report import Problem

HANDLED_CONSTRAINTS = frozenset({"required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength"})
FORMULA_PREFIXES = ("=", "+", "@")
ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
INTEGER = r"-?[0-9]+"
NUMBER = r"-?[0-9]+(\.[0-9]+)?"
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


class UnsupportedConstraint(ValueError):
    """A Table Schema uses something the converter cannot turn into a check."""


@dataclass(frozen=True)
class Rule:
    message: str
    expected: str | None


def today() -> dt.date:
    return dt.date.today()


def _fullmatch(pattern: str):
    return lambda s: s.str.fullmatch(pattern).fillna(False).astype(bool)


def _parse_dates(s: pd.Series) -> pd.Series:
    ok = s.str.fullmatch(ISO_DATE).fillna(False).astype(bool)
    parsed = pd.to_datetime(s.where(ok), format="%Y-%m-%d", errors="coerce")
    return parsed


def _numbers(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.where(s.str.fullmatch(NUMBER).fillna(False).astype(bool)), errors="coerce")


def _describe_pattern(pattern: str) -> str:
    if pattern == SLUG_PATTERN:
        return "a lowercase slug such as zapad-2021 (letters a-z, digits, single hyphens)"
    return f"text matching {pattern}"


class Converter:
    """Builds a Pandera ``DataFrameSchema`` for a table, and remembers what each check means."""

    def __init__(self, keys: dict[tuple[str, str], set] | None = None):
        self.keys = keys or {}
        self.rules: dict[tuple[str, str], Rule] = {}

    def _check(self, column: str, code: str, fn, message: str, expected: str | None) -> pa.Check:
        self.rules[(column, code)] = Rule(message, expected)
        return pa.Check(fn, name=code, error=code)

    def field_checks(self, table: Table, f: Field) -> list[pa.Check]:
        if f.type not in FIELD_TYPES:
            raise UnsupportedConstraint(f"{table.name}.{f.name}: type {f.type!r} is not handled")
        unknown = set(f.constraints) - HANDLED_CONSTRAINTS
        if unknown:
            raise UnsupportedConstraint(f"{table.name}.{f.name}: constraint(s) {sorted(unknown)} not handled")
        if f.type == "date" and f.format not in (None, "default", "%Y-%m-%d"):
            raise UnsupportedConstraint(f"{table.name}.{f.name}: date format {f.format!r} is not handled")
        c, n = self._check, f.name
        checks = [
            c(n, "formula-injection", lambda s: ~s.str.startswith(FORMULA_PREFIXES).fillna(False).astype(bool),
              "cell starts with a spreadsheet formula character", "no leading =, + or @"),
            c(n, "whitespace", lambda s: (s.str.strip() == s).fillna(True).astype(bool),
              "cell has leading or trailing whitespace", "no spaces, tabs or newlines at either end"),
            c(n, "too-long", lambda s: (s.str.len() <= MAX_CELL_CHARS).fillna(True).astype(bool),
              "cell is too long", f"at most {MAX_CELL_CHARS} characters"),
        ]
        if f.type == "integer":
            checks.append(c(n, "type", _fullmatch(INTEGER), "not an integer", "a whole number such as 1200"))
        elif f.type == "number":
            checks.append(c(n, "type", _fullmatch(NUMBER), "not a number", "a decimal number such as 53.9"))
        elif f.type == "boolean":
            allowed = list(f.true_values + f.false_values)
            checks.append(c(n, "type", lambda s, a=allowed: s.isin(a), "not a boolean", " or ".join(allowed)))
        elif f.type == "date":
            checks.append(c(n, "type", lambda s: _parse_dates(s).notna(), "not a valid date",
                            "an ISO 8601 date YYYY-MM-DD that exists on the calendar"))
            checks.append(c(n, "future-date",
                            lambda s: (_parse_dates(s) <= pd.Timestamp(today())) | _parse_dates(s).isna(),
                            "date is in the future", f"a date on or before {today().isoformat()}"))
        cons = f.constraints
        if "enum" in cons:
            values = list(cons["enum"])
            checks.append(c(n, "enum", lambda s, v=values: s.isin(v), "value is not in the vocabulary",
                            "one of " + ", ".join(map(str, values))))
        if "pattern" in cons:
            checks.append(c(n, "pattern", _fullmatch(cons["pattern"].removeprefix("^").removesuffix("$")),
                            "value does not match the pattern", _describe_pattern(cons["pattern"])))
        if "minLength" in cons:
            checks.append(c(n, "min-length", lambda s, m=cons["minLength"]: s.str.len() >= m,
                            "text is too short", f"at least {cons['minLength']} characters"))
        if "maxLength" in cons:
            checks.append(c(n, "max-length", lambda s, m=cons["maxLength"]: s.str.len() <= m,
                            "text is too long", f"at most {cons['maxLength']} characters"))
        if "minimum" in cons or "maximum" in cons:
            if f.type not in ("integer", "number"):
                raise UnsupportedConstraint(f"{table.name}.{f.name}: minimum/maximum on a {f.type} column")
            lo, hi = cons.get("minimum"), cons.get("maximum")
            if lo is not None:
                checks.append(c(n, "minimum", lambda s, lo=lo: (_numbers(s) >= lo) | _numbers(s).isna(),
                                "value is below the minimum", f"at least {lo}"))
            if hi is not None:
                checks.append(c(n, "maximum", lambda s, hi=hi: (_numbers(s) <= hi) | _numbers(s).isna(),
                                "value is above the maximum", f"at most {hi}"))
        for fk in table.foreign_keys:
            if fk.fields == (f.name,):
                ref = (fk.resource, fk.reference_fields[0])
                allowed = self.keys.get(ref, set())
                checks.append(c(n, "foreign-key", lambda s, a=allowed: s.isin(a),
                                f"no row in {fk.resource} has this {fk.reference_fields[0]}",
                                f"an existing {fk.resource}.{fk.reference_fields[0]}"))
        return checks

    def schema(self, table: Table) -> pa.DataFrameSchema:
        for fk in table.foreign_keys:
            if len(fk.fields) != 1:
                raise UnsupportedConstraint(f"{table.name}: composite foreign key {fk.fields} is not handled")
        single_key = table.primary_key if len(table.primary_key) == 1 else ()
        columns = {}
        for f in table.fields:
            is_key = f.name in single_key
            columns[f.name] = pa.Column(
                nullable=not (f.required or f.name in table.primary_key),
                unique=f.unique or is_key,
                report_duplicates="exclude_first",
                required=False,  # a missing column is reported once, by the header check
                checks=self.field_checks(table, f),
            )
            label = "duplicate id" if f.name == "id" else "duplicate value in a unique column"
            self.rules[(f.name, "field_uniqueness")] = Rule(label, "each value once in the table")
            self.rules[(f.name, "not_nullable")] = Rule("required value is missing", "a value")
        composite = list(table.primary_key) if len(table.primary_key) > 1 else None
        if composite:
            self.rules[("*", "multiple_fields_uniqueness")] = Rule(
                f"duplicate primary key ({', '.join(composite)})", "each combination once in the table")
        return pa.DataFrameSchema(columns, unique=composite, report_duplicates="exclude_first",
                                  name=table.name, strict=False)


def key_values(tables: dict[str, TextTable]) -> dict[tuple[str, str], set]:
    """The set of values of every column that a foreign key points to."""
    keys = {}
    for t in tables.values():
        for fk in t.table.foreign_keys:
            ref = tables.get(fk.resource)
            col = fk.reference_fields[0]
            if ref is not None and col in ref.frame.columns:
                keys[(fk.resource, col)] = set(ref.frame[col].dropna())
    return keys


def check_table(text: TextTable, keys: dict[tuple[str, str], set]) -> list[Problem]:
    """Validate one table's text cells; every failure becomes a located Problem."""
    if not text.readable or text.frame.empty:
        return []
    converter = Converter(keys)
    schema = converter.schema(text.table)
    try:
        schema.validate(text.frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    problems = []
    frame = text.frame
    for case in cases.itertuples(index=False):
        code = str(case.check)
        column = case.column if isinstance(case.column, str) else ""
        rule = converter.rules.get((column, code)) or converter.rules.get(("*", code))
        if case.index is None or pd.isna(case.index):
            problems.append(Problem(text.file, 0, column, rule.message if rule else code, code=code))
            continue
        row = int(case.index)
        if code == "multiple_fields_uniqueness":
            column = text.table.primary_key[0]
            value = "/".join(str(frame.at[row, c]) for c in text.table.primary_key)
        else:
            value = frame.at[row, column] if column in frame.columns else case.failure_case
            value = None if pd.isna(value) else str(value)
        problems.append(Problem(text.file, text.line_of(row), column, rule.message if rule else code,
                                value=value, expected=rule.expected if rule else None, code=code))
    return problems
