"""Pandera schemas generated from the Table Schemas, run over the text cells.

A small converter of our own: every Table Schema type and constraint becomes a
Pandera check on the text as written in the CSV, so that ``NA`` is a value, a
date must be a real ISO 8601 date, an integer must be written as one, and each
failure can be located on its file, line and column. Foreign keys are
column checks against the referenced table's key values.

A constraint the converter does not know raises ``UnsupportedConstraint``:
no schema rule is ever silently ignored.

The converter first builds a plain ``TableSpec`` (columns, their checks, keys); ``schema``
turns it into a Pandera ``DataFrameSchema`` for anyone who wants one, and ``check_table``
runs the same spec directly with Pandera's semantics, without importing Pandera at all:
at a million rows Pandera's per-failure bookkeeping, and on every run its 0.7 s import,
cost more than the checks themselves.
"""
from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from ..arrow_text import arrow_strings, is_in
from ..read import MAX_CELL_CHARS, TextTable
from ..errors import PackageError
from ..field_types import NUMBER, field_type
from ..problem_kinds import PANDERA_CODES, kind
from ..schema import Field, Table
from .report import Problem, cannot_run, problem

HANDLED_CONSTRAINTS = frozenset({"required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength"})
FORMULA_PREFIXES = ("=", "+", "@")
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


class UnsupportedConstraint(PackageError):
    """A Table Schema uses something the converter cannot turn into a check."""


@dataclass(frozen=True)
class Rule:
    """What a failed check tells the contributor: its kind's code, the message and what was expected."""
    code: str
    message: str
    expected: str | None

    @classmethod
    def of(cls, code: str, expected: str | None, **fields) -> "Rule":
        """The rule of the catalogue's kind ``code``, its message filled with ``fields``."""
        return cls(code, kind(code).message(**fields), expected)


@dataclass(frozen=True)
class CheckSpec:
    """One vectorised check: ``fn`` takes the non-missing cells of a column, returns True where they pass."""

    name: str
    fn: Callable[[pd.Series], pd.Series]


@dataclass
class ColumnSpec:
    """The checks of one column, and whether it may be empty and must be unique."""
    nullable: bool
    unique: bool
    checks: list[CheckSpec] = field(default_factory=list)


@dataclass
class TableSpec:
    """The checks of one table: its columns' specs and its composite key."""
    name: str
    columns: dict[str, ColumnSpec]
    #: columns that are unique together (a composite primary key), or None
    unique: list[str] | None = None


def _pandera():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pandera.pandas as pa
    return pa


def today() -> dt.date:
    """Today's date (a function, so that tests can fix it)."""
    return dt.date.today()


def _fullmatch(pattern: str):
    return lambda s: s.str.fullmatch(pattern).fillna(False).astype(bool)


def _numbers(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.where(s.str.fullmatch(NUMBER).fillna(False).astype(bool)), errors="coerce")


def _within(s: pd.Series, bound) -> pd.Series:
    """True where a number is within its bound, or is not a number (the type check reports that)."""
    numbers = _numbers(s)
    return bound(numbers) | numbers.isna()


def _describe_pattern(pattern: str) -> str:
    if pattern == SLUG_PATTERN:
        return "a lowercase slug such as zapad-2021 (letters a-z, digits, single hyphens)"
    return f"text matching {pattern}"


class Converter:
    """Builds a Pandera ``DataFrameSchema`` for a table, and remembers what each check means."""

    def __init__(self, keys: dict[tuple[str, str], set] | None = None):
        self.keys = keys or {}
        self.rules: dict[tuple[str, str], Rule] = {}

    def _date_parser(self):
        """One parse of a date column shared by its type and future-date checks (kept on this converter)."""
        cache: dict = {}

        def parse(s: pd.Series) -> pd.Series:
            hit = cache.get("last")
            if hit is not None and hit[0] is s:
                return hit[1]
            parsed = field_type("date").parse(s)
            cache["last"] = (s, parsed)
            return parsed

        return parse

    def _check(self, column: str, code: str, fn, expected: str | None, /, **fields) -> CheckSpec:
        self.rules[(column, code)] = Rule.of(code, expected, **fields)
        return CheckSpec(code, fn)

    def field_checks(self, table: Table, f: Field) -> list[CheckSpec]:
        ftype = f.kind  # an unknown type was refused when the package loaded
        unknown = set(f.constraints) - HANDLED_CONSTRAINTS
        if unknown:
            raise UnsupportedConstraint(f"{table.name}.{f.name}: constraint(s) {sorted(unknown)} not handled")
        if f.type == "date" and f.format not in ftype.formats:
            raise UnsupportedConstraint(f"{table.name}.{f.name}: date format {f.format!r} is not handled")
        c, n = self._check, f.name
        checks = [
            c(n, "formula-injection", lambda s: ~s.str.startswith(FORMULA_PREFIXES).fillna(False).astype(bool),
              "no leading =, + or @"),
            c(n, "whitespace", lambda s: (s.str.strip() == s).fillna(True).astype(bool),
              "no spaces, tabs or newlines at either end"),
            c(n, "too-long", lambda s: (s.str.len() <= MAX_CELL_CHARS).fillna(True).astype(bool),
              f"at most {MAX_CELL_CHARS} characters"),
        ]
        if ftype.invalid_message:
            if f.type == "date":
                dates = self._date_parser()
                checks.append(c(n, "type", lambda s: dates(s).notna(), ftype.expected_text(f),
                                type_phrase=ftype.invalid_message))
                checks.append(c(n, "future-date", lambda s: ~(dates(s) > pd.Timestamp(today())).fillna(False),
                                f"a date on or before {today().isoformat()}"))
            else:
                checks.append(c(n, "type", lambda s, f=f: ftype.valid(f, s), ftype.expected_text(f),
                                type_phrase=ftype.invalid_message))
        cons = f.constraints
        if "enum" in cons:
            values = list(cons["enum"])
            checks.append(c(n, "enum", lambda s, v=[str(x) for x in values]: is_in(s, v),
                            "one of " + ", ".join(map(str, values))))
        if "pattern" in cons:
            checks.append(c(n, "pattern", _fullmatch(cons["pattern"].removeprefix("^").removesuffix("$")),
                            _describe_pattern(cons["pattern"])))
        if "minLength" in cons:
            checks.append(c(n, "min-length", lambda s, m=cons["minLength"]: s.str.len() >= m,
                            f"at least {cons['minLength']} characters"))
        if "maxLength" in cons:
            checks.append(c(n, "max-length", lambda s, m=cons["maxLength"]: s.str.len() <= m,
                            f"at most {cons['maxLength']} characters"))
        if "minimum" in cons or "maximum" in cons:
            if f.type not in ("integer", "number"):
                raise UnsupportedConstraint(f"{table.name}.{f.name}: minimum/maximum on a {f.type} column")
            lo, hi = cons.get("minimum"), cons.get("maximum")
            if lo is not None:
                checks.append(c(n, "minimum", lambda s, lo=lo: _within(s, lambda x: x >= lo), f"at least {lo}"))
            if hi is not None:
                checks.append(c(n, "maximum", lambda s, hi=hi: _within(s, lambda x: x <= hi), f"at most {hi}"))
        for fk in table.foreign_keys:
            if fk.fields == (f.name,):
                ref = (fk.resource, fk.reference_fields[0])
                if ref in self.keys and self.keys[ref] is None:
                    continue  # the referenced column is missing: check_table says the key cannot be checked
                allowed = self.keys.get(ref, set())
                checks.append(c(n, "foreign-key", lambda s, a=allowed: is_in(s, a),
                                f"an existing {fk.resource}.{fk.reference_fields[0]}",
                                table=fk.resource, column=fk.reference_fields[0]))
        return checks

    def spec(self, table: Table) -> TableSpec:
        for fk in table.foreign_keys:
            if len(fk.fields) != 1:
                raise UnsupportedConstraint(f"{table.name}: composite foreign key {fk.fields} is not handled")
        single_key = table.primary_key if len(table.primary_key) == 1 else ()
        columns = {}
        for f in table.fields:
            is_key = f.name in single_key
            columns[f.name] = ColumnSpec(
                nullable=not (f.required or f.name in table.primary_key),
                unique=f.unique or is_key,
                checks=self.field_checks(table, f),
            )
            self.rules[(f.name, "duplicate-value")] = Rule.of("duplicate-id" if f.name == "id" else "duplicate-value",
                                                              "each value once in the table")
            self.rules[(f.name, "required")] = Rule.of("required", "a value")
        composite = list(table.primary_key) if len(table.primary_key) > 1 else None
        if composite:
            self.rules[("*", "duplicate-key")] = Rule.of("duplicate-key", "each combination once in the table",
                                                         columns=", ".join(composite))
        return TableSpec(table.name, columns, composite)

    def schema(self, table: Table, spec: TableSpec | None = None):
        """The same rules as a Pandera ``DataFrameSchema`` (``schema.validate(frame, lazy=True)`` works)."""
        pa = _pandera()
        spec = spec or self.spec(table)
        columns = {
            name: pa.Column(nullable=c.nullable, unique=c.unique, report_duplicates="exclude_first",
                            required=False,  # a missing column is reported once, by the header check
                            checks=[pa.Check(k.fn, name=k.name, error=k.name) for k in c.checks])
            for name, c in spec.columns.items()
        }
        return pa.DataFrameSchema(columns, unique=spec.unique, report_duplicates="exclude_first",
                                  name=table.name, strict=False)


def key_values(tables: dict[str, TextTable]) -> dict[tuple[str, str], object]:
    """The values of every column that a foreign key points to (a pyarrow array; a set also works)."""
    keys = {}
    for t in tables.values():
        for fk in t.table.foreign_keys:
            ref = tables.get(fk.resource)
            col = fk.reference_fields[0]
            if ref is None or (fk.resource, col) in keys:
                continue
            if not ref.readable:
                continue  # a missing file: its rows are reported as dangling keys, which they are
            keys[(fk.resource, col)] = (arrow_strings(ref.frame[col].dropna().drop_duplicates())
                                        if col in ref.frame.columns else None)  # None: the column is missing
    return keys


def failures(schema: TableSpec, frame: pd.DataFrame) -> list[tuple[str, str, int]]:
    """(column, check code, row index) for every failure of ``schema`` on ``frame``, as Pandera finds them.

    The schema's own checks are run directly, column by column, with Pandera's semantics (a check
    sees the non-missing values; ``unique`` keeps the first; ``nullable``), which is the same
    verdict as ``schema.validate(lazy=True)`` without its per-case bookkeeping: at a million rows
    that bookkeeping, not the checks, is what costs. A check that raises is a bug: it propagates.
    """
    found = []
    for name, column in schema.columns.items():
        if name not in frame.columns:
            continue
        s = frame[name]
        isna = s.isna()
        if not column.nullable and isna.any():
            found += [(name, "required", i) for i in s.index[isna]]
        if column.unique:
            dupes = s.duplicated(keep="first")
            if dupes.any():
                found += [(name, "duplicate-value", i) for i in s.index[dupes]]
        values = s[~isna] if isna.any() else s
        if values.empty:
            continue
        for check in column.checks:
            ok = check.fn(values)
            passed = (ok.to_numpy(dtype=bool, na_value=False) if isinstance(ok, pd.Series) and ok.index is values.index
                      else pd.Series(ok, index=values.index).fillna(False).astype(bool).to_numpy())
            if not passed.all():
                found += [(name, check.name, i) for i in values.index[~passed]]
    if schema.unique:
        subset = [c for c in schema.unique if c in frame.columns]
        if subset:
            dupes = frame.duplicated(subset=subset, keep="first")
            found += [("*", "duplicate-key", i) for i in frame.index[dupes]]
    return found


class RuleCrashed(RuntimeError):
    """A generated check raised inside Pandera: a bug in this project, never a problem in the data."""


def pandera_failures(converter: Converter, table: Table, frame: pd.DataFrame,
                     spec: TableSpec | None = None) -> list[tuple[str, str, int]]:
    """(column, check code, row index) for every failure, from Pandera's own ``validate(lazy=True)``.

    Pandera's names for its own checks are mapped into the catalogue here (``PANDERA_CODES``). A
    check that raised is re-raised as ``RuleCrashed`` with Pandera's account of it: it is a bug.
    """
    pa = _pandera()
    try:
        converter.schema(table, spec).validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as err:
        crashed = [e for e in err.schema_errors if e.reason_code == pa.errors.SchemaErrorReason.CHECK_ERROR]
        if crashed:
            raise RuleCrashed(f"{table.name}: a check raised: {crashed[0]}") from crashed[0]
        cases = err.failure_cases
    found = []
    for case in cases.itertuples(index=False):
        code = PANDERA_CODES.get(str(case.check), str(case.check))
        column = "*" if code == "duplicate-key" or not isinstance(case.column, str) else case.column
        found.append((column, code, int(case.index)))
    return list(dict.fromkeys(found))


#: Up to this many rows in the whole package, its tables are checked by Pandera itself; above it, every
#: table by the same spec run directly (the verdicts are identical: the parity tests in tests/test_scale.py
#: and tests/test_bad_input.py), because at a million rows Pandera's per-failure bookkeeping and its 0.7 s
#: import cost more than the checks. One engine per run, never a mix.
PANDERA_MAX_ROWS = 50_000


def engine_for(rows: int, engine: str = "auto") -> str:
    """The engine a run uses: ``pandera`` or ``direct`` as asked, or for ``auto`` by the package's size in rows."""
    if engine == "auto":
        return "pandera" if rows <= PANDERA_MAX_ROWS else "direct"
    return engine


def check_table(text: TextTable, keys: dict[tuple[str, str], object], engine: str = "auto") -> list[Problem]:
    """Validate one table's text cells; every failure becomes a located Problem.

    ``engine`` is ``pandera`` (Pandera's ``DataFrameSchema.validate``), ``direct`` (the same
    generated checks run without Pandera's machinery) or ``auto`` (by this table's size, see
    ``engine_for``; ``validate`` decides once for the whole package).
    """
    if not text.readable or text.frame.empty:
        return []
    converter = Converter(keys)
    schema = converter.spec(text.table)
    problems = []
    frame = text.frame
    if schema.unique and any(c not in frame.columns for c in schema.unique):
        problems += cannot_run(text, "primary key unique", schema.unique)  # the header check names the column
        schema.unique = None
    for fk in text.table.foreign_keys:
        ref = (fk.resource, fk.reference_fields[0])
        if ref in keys and keys[ref] is None and fk.fields[0] in frame.columns:
            problems.append(problem("check-skipped", text.file, 1, fk.fields[0],
                                    check=f"foreign key to {fk.resource}.{ref[1]}",
                                    reason=f"{fk.resource} has no {ref[1]} column",
                                    expected=f"column {ref[1]} in the header of {fk.resource}"))
    use_pandera = engine_for(len(frame), engine) == "pandera"
    found = pandera_failures(converter, text.table, frame, schema) if use_pandera else failures(schema, frame)
    for column, code, row in found:
        rule = converter.rules[(column, code)]
        if code == "duplicate-key":
            column = text.table.primary_key[0]
            value = "/".join(str(frame.at[row, c]) for c in text.table.primary_key)
        else:
            value = frame.at[row, column]
            value = None if pd.isna(value) else str(value)
        problems.append(Problem(text.file, text.line_of(row), column, rule.message,
                                value=value, expected=rule.expected, code=rule.code))
    return problems
