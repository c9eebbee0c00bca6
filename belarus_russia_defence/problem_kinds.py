"""The catalogue of problem kinds: every code a validation problem can carry, defined once.

A problem kind has a kebab-case ``code`` (the public interface: it is in the JSON report and in
GitHub annotations), a ``scope`` (what it locates: the whole ``package``, a ``file``, its
``header``, a ``row`` or a ``cell``), a message ``template`` whose ``{fields}`` each check fills in,
and a sentence on what it ``means`` for the data dictionary of messages
(``docs/validation-messages.md``, written by ``make docs``).

Pandera's and frictionless's own names are mapped into these codes at the boundary
(``PANDERA_CODES``, ``FRICTIONLESS_CODES``); no other name reaches a report. A ``Problem`` with a
code that is not here is a bug, and raises. This module imports nothing heavy.
"""
from __future__ import annotations

import string
from dataclasses import dataclass

#: what a problem locates, from the widest to the narrowest
SCOPES = ("package", "file", "header", "row", "cell")


@dataclass(frozen=True)
class ProblemKind:
    """One kind of problem: its code, its scope, its message template and what it means."""

    code: str
    scope: str
    template: str
    means: str

    @property
    def fields(self) -> tuple[str, ...]:
        """The names the template needs, in order."""
        return tuple(name for _, name, _, _ in string.Formatter().parse(self.template) if name)

    def message(self, **fields) -> str:
        """The template filled in; a missing or an unexpected field is a bug and raises."""
        unexpected = set(fields) - set(self.fields)
        if unexpected:
            raise TypeError(f"problem kind {self.code!r} has no field(s) {sorted(unexpected)}")
        return self.template.format(**fields)


_KINDS = (
    # the package
    ProblemKind("descriptor", "package", "{message}",
                "the descriptor or a schema cannot be used (reported by frictionless)"),
    # a whole file
    ProblemKind("missing-file", "file", "file is missing", "a table's CSV file is not in the package"),
    ProblemKind("empty-file", "file", "file is empty", "the file has no bytes, not even a header"),
    ProblemKind("encoding", "file", "file is not valid UTF-8", "the bytes are not UTF-8 (often Windows-1251)"),
    ProblemKind("bom", "file", "file starts with a byte-order mark (BOM)", "a spreadsheet saved UTF-8 with a BOM"),
    ProblemKind("line-ending", "file", "line ends with a carriage return (Windows CR LF line endings)",
                "lines end with CR LF instead of LF"),
    ProblemKind("min-rows", "file", "table has {rows} rows, fewer than its floor",
                "the table is shorter than the floor its schema sets (x-checks minRows)"),
    ProblemKind("min-distinct", "file", "only {distinct} distinct values, fewer than the floor",
                "a column names fewer different things than its floor (x-checks minDistinct)"),
    ProblemKind("min-filled", "file", "only {filled} of {rows}{kind} rows ({percent}%) have {columns}",
                "too few rows fill a column that the schema wants mostly filled (x-checks minFilled)"),
    ProblemKind("min-count", "file", "fewer rows of a kind than its floor: {shortfalls}",
                "too few rows of a kind, e.g. arms deliveries (x-checks minCount)"),
    # the header
    ProblemKind("missing-column", "header", "column is missing from the header",
                "a column of the schema is not in the file's header"),
    ProblemKind("extra-column", "header", "column is not in the schema", "the header has a column the schema lacks"),
    ProblemKind("duplicate-column", "header", "column appears more than once in the header",
                "the same column name twice in the header"),
    ProblemKind("column-order", "header", "columns are not in the schema's order",
                "the right columns, in another order"),
    ProblemKind("check-skipped", "header", "check '{check}' could not run: {reason}",
                "a check needs a column that is missing, so it did not run (the data is not checked)"),
    # a row
    ProblemKind("nul-byte", "row", "line contains a NUL byte", "a NUL (\\0) character in the text"),
    ProblemKind("blank-row", "row", "blank line", "an empty line between rows"),
    ProblemKind("ragged-row", "row", "row has {cells} cells but the header has {header_cells}",
                "a row with too few or too many cells"),
    ProblemKind("csv-syntax", "row", "the CSV cannot be parsed here: {error}",
                "broken quoting: a cell with a comma, quote or newline that is not quoted"),
    ProblemKind("duplicate-key", "row", "duplicate primary key ({columns})",
                "two rows with the same composite primary key"),
    ProblemKind("natural-key", "row", "the same {columns} appears twice",
                "two rows describe the same real-world item (x-checks naturalKey)"),
    ProblemKind("has-rows", "row", "no row of {table} with {condition} points to this row",
                "a row lacks the rows of another table that must point to it (x-checks hasRows)"),
    # a cell
    ProblemKind("required", "cell", "required value is missing", "a required column is empty"),
    ProblemKind("duplicate-id", "cell", "duplicate id", "two rows with the same id"),
    ProblemKind("duplicate-value", "cell", "duplicate value in a unique column", "a unique column repeats a value"),
    ProblemKind("type", "cell", "{type_phrase}",
                "a value is not of its column's type; the phrase comes from the field type, e.g. 'not a valid date'"),
    ProblemKind("future-date", "cell", "date is in the future", "a date after today"),
    ProblemKind("enum", "cell", "value is not in the vocabulary", "a value outside the column's controlled vocabulary"),
    ProblemKind("pattern", "cell", "value does not match the pattern", "a value not of the form the schema's pattern sets"),
    ProblemKind("min-length", "cell", "text is too short", "shorter than the column's minLength"),
    ProblemKind("max-length", "cell", "text is too long", "longer than the column's maxLength"),
    ProblemKind("minimum", "cell", "value is below the minimum", "a number below the column's minimum"),
    ProblemKind("maximum", "cell", "value is above the maximum", "a number above the column's maximum"),
    ProblemKind("constraint", "cell", "{message}",
                "a value breaks a constraint of its field (reported by frictionless, in its words)"),
    ProblemKind("foreign-key", "cell", "no row in {table} has this {column}",
                "a key that points to a row that does not exist"),
    ProblemKind("formula-injection", "cell", "cell starts with a spreadsheet formula character",
                "a cell that a spreadsheet would run as a formula (=, + or @ first)"),
    ProblemKind("whitespace", "cell", "cell has leading or trailing whitespace", "spaces or newlines at either end"),
    ProblemKind("too-long", "cell", "cell is too long", "a cell over the reader's limit on cell size"),
    ProblemKind("date-order", "cell", "{column} is before {earlier}",
                "a later date before an earlier one, e.g. an end before a start (x-checks dateOrder)"),
    ProblemKind("year-order", "cell", "{column} is before {earlier}", "an end year before a start year (x-checks yearOrder)"),
    ProblemKind("precision-missing", "cell", "{date_column} is set but its precision is not",
                "a date without the column that says whether it is known to the day, month or year"),
    ProblemKind("precision-day", "cell", "a date of {precision} precision must be the first day of its {precision}",
                "a date known to the month or year is written as the period's first day"),
    ProblemKind("pair", "cell", "{first} and {second} go together", "one column of a pair filled without the other"),
    ProblemKind("code-list", "cell", "unknown code", "not a code of the ISO list the column declares (x-codeList)"),
    ProblemKind("retired-id", "cell", "id was retired and is never reused", "a new row takes an id removed earlier"),
    ProblemKind("citation-target", "cell", "no row in {table} has this key", "a citation of a row that does not exist"),
    ProblemKind("citation-repeats-source", "cell", "citation repeats the main source of that row in {table}",
                "a citation that adds no source: it names the row's own source_id"),
    ProblemKind("disagrees-with-reference", "cell", "{column} disagrees with the {reference_column} of its {via} {target}",
                "a column repeated from the row it points to differs from it (x-checks agreesWith)"),
    ProblemKind("exceeds-stated", "cell", "{recorded} {kind} are recorded for this act in {file}, more than it states",
                "an act has more designations recorded than it says it made (x-checks withinStated)"),
    ProblemKind("required-when", "cell", "{rows} needs {columns}",
                "a kind of row lacks a column it needs (x-checks requiredWhen)"),
    ProblemKind("only-when", "cell", "only a row with {condition} has a {column}",
                "a column filled on a kind of row that may not have it (x-checks onlyWhen)"),
    ProblemKind("entity-country", "cell", "a row with {condition} cannot have this {target}",
                "the entity a row points to is of the wrong country (x-checks entityCountry)"),
    ProblemKind("referenced-value", "cell", "a row with {condition} cannot have this {target}",
                "the row a row points to has the wrong value in a column (x-checks referencedValue)"),
    ProblemKind("distinct-from", "cell", "repeats the {column} of the {table} row it belongs to",
                "a value repeats a column of the row it points to, e.g. an alias that is the name (x-checks distinctFrom)"),
)

#: every kind, by its code
KINDS: dict[str, ProblemKind] = {k.code: k for k in _KINDS}

#: Pandera's names for the checks it runs itself, mapped into the catalogue at the boundary
PANDERA_CODES = {"not_nullable": "required", "field_uniqueness": "duplicate-value",
                 "multiple_fields_uniqueness": "duplicate-key"}

#: frictionless's error types, mapped into the catalogue at the boundary; any other is ``descriptor``
#: at package level and ``constraint`` in a table
FRICTIONLESS_CODES = {
    "type-error": "type", "constraint-error": "constraint", "unique-error": "duplicate-value",
    "primary-key": "duplicate-key", "foreign-key": "foreign-key", "missing-label": "missing-column",
    "blank-label": "missing-column", "extra-label": "extra-column", "incorrect-label": "column-order",
    "duplicate-label": "duplicate-column", "blank-header": "empty-file", "blank-row": "blank-row",
    "missing-cell": "ragged-row", "extra-cell": "ragged-row", "encoding-error": "encoding",
    "source-error": "missing-file", "scheme-error": "missing-file", "format-error": "csv-syntax",
}


def kind(code: str) -> ProblemKind:
    """The kind with this code; an unknown code is a bug in this project and raises ``KeyError``."""
    try:
        return KINDS[code]
    except KeyError:
        raise KeyError(f"problem code {code!r} is not in the catalogue (belarus_russia_defence/problem_kinds.py)") from None


def from_frictionless(error_type: str, package_level: bool = False) -> str:
    """The catalogue's code for a frictionless error type."""
    if package_level:
        return "descriptor"
    return FRICTIONLESS_CODES.get(error_type, "constraint")
