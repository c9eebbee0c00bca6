"""A catalogue of bad inputs: each breaks a copy of the package and names the exact message.

Used by test_bad_input.py; the list doubles as documentation of what each
message means (see CONTRIBUTING.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from belarus_russia_defence.extensions import RULES
from belarus_russia_defence.check.report import shorten

from .conftest import cell, read_rows, set_cell, write_rows


@dataclass
class Case:
    name: str
    what: str
    break_it: Callable[[Path], None]
    expected: Callable[[Path], str]


def _bytes(table: str, fn):
    def go(root: Path):
        path = root / "data" / f"{table}.csv"
        path.write_bytes(fn(path.read_bytes()))
    return go


def _header(table: str, fn):
    def go(root: Path):
        rows = read_rows(root, table)
        rows[0] = fn(rows[0])
        write_rows(root, table, rows)
    return go


def _cell(table: str, column: str, value: str, row: int = 0):
    return lambda root: set_cell(root, table, row, column, value)


def _duplicate_first_row(table: str):
    def go(root: Path):
        rows = read_rows(root, table)
        rows.insert(2, list(rows[1]))
        write_rows(root, table, rows)
    return go


def _ragged(root: Path):
    rows = read_rows(root, "exercises")
    rows[1] = rows[1][:-1]
    write_rows(root, "exercises", rows)


def _end_before_start(root: Path):
    set_cell(root, "exercises", 0, "start_date", "2021-09-10")
    set_cell(root, "exercises", 0, "end_date", "2021-09-01")
    set_cell(root, "exercises", 0, "date_precision", "day")


EX = "data/exercises.csv"
ENT = "data/entities.csv"
SRC = "data/sources.csv"
FIELDS = "id,name,name_native,series,exercise_type,framework,start_date,end_date,date_precision,declared_troops,declared_troops_scope,declared_troops_in_belarus,estimated_troops,summary,source_id,confidence,claimant_id"  # noqa: E501
WIDTH = len(FIELDS.split(","))

CASES = [
    Case("non-utf8", "a file saved in Windows-1251 instead of UTF-8",
         _bytes("exercises", lambda b: b.replace("Запад".encode(), "Запад".encode("cp1251"), 1)),
         lambda r: f"{EX}:{_line_of(r, 'exercises', 'Запад')}: file is not valid UTF-8 (got 'c7 e0 ef e0'; expected UTF-8 text)"),
    Case("bom", "a byte-order mark at the start of the file",
         _bytes("exercises", lambda b: b"\xef\xbb\xbf" + b),
         lambda r: f"{EX}:1: file starts with a byte-order mark (BOM) (expected UTF-8 without BOM)"),
    Case("crlf", "Windows line endings",
         _bytes("exercises", lambda b: b.replace(b"\n", b"\r\n")),
         lambda r: f"{EX}:1: line ends with a carriage return (Windows CR LF line endings) (expected \\n line endings)"),
    Case("ragged-row", "a row with a cell missing", _ragged,
         lambda r: f"{EX}:2: row has {WIDTH - 1} cells but the header has {WIDTH} (got {shorten(_row_text(r))}; expected {WIDTH} cells)"),
    Case("missing-column", "a column deleted from the header and every row",
         lambda root: write_rows(root, "exercises", [row[:-2] + row[-1:] for row in read_rows(root, "exercises")]),
         lambda r: f"{EX}:1:confidence: column is missing from the header (expected header {FIELDS})"),
    Case("extra-column", "a column the schema does not have",
         lambda root: write_rows(root, "exercises", [row + (["notes"] if i == 0 else [""])
                                                     for i, row in enumerate(read_rows(root, "exercises"))]),
         lambda r: f"{EX}:1:notes: column is not in the schema (got 'notes'; expected one of {FIELDS})"),
    Case("renamed-column", "a column renamed in the header",
         _header("exercises", lambda h: ["title" if c == "name" else c for c in h]),
         lambda r: f"{EX}:1:name: column is missing from the header (expected header {FIELDS})"),
    Case("duplicate-id", "the same id on two rows", _duplicate_first_row("exercises"),
         lambda r: f"{EX}:3:id: duplicate id (got {cell(r, 'exercises', 0, 'id')!r}; expected each value once in the table)"),
    Case("dangling-foreign-key", "a source_id that no source has",
         _cell("exercises", "source_id", "no-such-source"),
         lambda r: f"{EX}:2:source_id: no row in sources has this id (got 'no-such-source'; expected an existing sources.id)"),
    Case("malformed-date", "a date in day/month/year order",
         _cell("exercises", "end_date", "16/09/2021"),
         lambda r: f"{EX}:2:end_date: not a valid date (got '16/09/2021'; expected an ISO 8601 date YYYY-MM-DD that exists on the calendar)"),
    Case("impossible-date", "30 February",
         _cell("exercises", "end_date", "2021-02-30"),
         lambda r: f"{EX}:2:end_date: not a valid date (got '2021-02-30'; expected an ISO 8601 date YYYY-MM-DD that exists on the calendar)"),
    Case("end-before-start", "an exercise that ends before it starts", _end_before_start,
         lambda r: f"{EX}:2:end_date: end_date is before start_date (got '2021-09-01'; expected on or after start_date 2021-09-10)"),
    Case("unknown-enum", "a value outside the vocabulary",
         _cell("exercises", "confidence", "probable"),
         lambda r: f"{EX}:2:confidence: value is not in the vocabulary (got 'probable'; expected one of confirmed, reported, alleged)"),
    Case("non-http-url", "a source URL that is not http(s)",
         _cell("sources", "url", "ftp://example.org/file"),
         lambda r: f"{SRC}:2:url: value does not match the pattern (got 'ftp://example.org/file'; expected text matching ^https?://[^\\s]+$)"),
    Case("formula-injection", "a cell that a spreadsheet would run as a formula",
         _cell("entities", "description", "=HYPERLINK(\"http://x\")"),
         lambda r: f"{ENT}:2:description: cell starts with a spreadsheet formula character (got '=HYPERLINK(\"http://x\")'; expected no leading =, + or @)"),
    Case("empty-file", "a file with no bytes",
         _bytes("exercises", lambda b: b""),
         lambda r: f"{EX}:1: file is empty (expected a header row: {FIELDS})"),
    Case("huge-cell", "a 1 MB cell",
         _cell("exercises", "summary", "x" * 1_000_000),
         lambda r: f"{EX}:2:summary: cell is too long (got '{'x' * 60}… [1000000 chars]'; expected at most 20000 characters)"),
]


def _line_of(root: Path, table: str, needle: str) -> int:
    text = (root / "data" / f"{table}.csv").read_bytes()
    return text[: text.index(needle.encode("cp1251"))].count(b"\n") + 1


def _row_text(root: Path) -> str:
    return ",".join(read_rows(root, "exercises")[1])


def _keep_first_rows(table: str, n: int):
    def go(root: Path):
        write_rows(root, table, read_rows(root, table)[: n + 1])
    return go


def _schema(table: str, change):
    def go(root: Path):
        import json

        path = root / "schemas" / f"{table}.schema.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        change(schema)
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False), encoding="utf-8")
    return go


def _field_of(schema: dict, name: str) -> dict:
    return next(f for f in schema["fields"] if f["name"] == name)


#: Errors in the schemas themselves: the package does not load, so nothing is validated. Each is one
#: line on standard error, naming the schema file and the key, with exit status 2 (changed in 0.5.0:
#: a misspelt rule was a problem on line 0 with exit status 1; a rule naming a missing column was
#: reported as a check that could not run).
SCHEMA_CASES = [
    Case("misspelt-rule", "a schema rule name with a typo, which would otherwise be ignored",
         _schema("agreements", lambda s: s["x-checks"].update(minRow=40)),
         lambda r: f"error: schemas/agreements.schema.json: x-checks.minRow: no such rule; rules are: {', '.join(RULES)}"),
    Case("rule-names-a-missing-column", "a rule naming a column the table does not have",
         _schema("exercises", lambda s: s["x-checks"]["requiredWhen"][0].update(anyOf=["claimant"])),
         lambda r: "error: schemas/exercises.schema.json: x-checks.requiredWhen: no column 'claimant' in exercises"),
    Case("rule-names-a-missing-referenced-column", "a rule naming a column of another table that it does not have",
         _schema("aliases", lambda s: s["x-checks"]["distinctFrom"][0].update(referenceColumns=["title"])),
         lambda r: "error: schemas/aliases.schema.json: x-checks.distinctFrom: no column 'title' in entities"),
    Case("unknown-datasette-key", "an x-datasette key that Datasette has no use for",
         _schema("exercises", lambda s: s["x-datasette"].update(facet=["series"])),
         lambda r: "error: schemas/exercises.schema.json: x-datasette.facet: Datasette has no use for this key; "
                   "keys are: labelColumn, facets, fts, urlColumn"),
    Case("facet-on-a-missing-column", "a facet on a column the table does not have",
         _schema("exercises", lambda s: s["x-datasette"]["facets"].append("seris")),
         lambda r: "error: schemas/exercises.schema.json: x-datasette.facets: no column 'seris' in exercises"),
    Case("unknown-field-type", "a field of a type the package does not define",
         _schema("places", lambda s: _field_of(s, "latitude").update(type="geopoint")),
         lambda r: "error: schemas/places.schema.json: fields['latitude'].type: unknown field type 'geopoint'; "
                   "the types handled are string, integer, number, boolean, date"),
    Case("unknown-role", "a field declaring a role the package does not know",
         _schema("exercises", lambda s: _field_of(s, "source_id").update({"x-role": "provenance"})),
         lambda r: "error: schemas/exercises.schema.json: fields['source_id'].x-role: unknown role 'provenance'; "
                   "roles are: source, coordinates_source, confidence, claimant"),
    Case("unknown-code-list", "a code-list marker naming a list that does not exist",
         _schema("places", lambda s: _field_of(s, "country").update({"x-codeList": "iso3166-2"})),
         lambda r: "error: schemas/places.schema.json: fields['country'].x-codeList: unknown code list 'iso3166-2'; "
                   "code lists are: iso3166-1-alpha3, iso3166-1-alpha3-or-eu, iso639-1"),
    Case("enum-value-without-label", "a vocabulary value added to a field's enum but not to its vocabulary",
         _schema("agreements", lambda s: _field_of(s, "status")["constraints"]["enum"].append("suspended")),
         lambda r: "error: schemas/agreements.schema.json: fields['status'].x-vocabulary: the enum and the vocabulary "
                   "'agreement_status' differ; only in the enum: suspended"),
    Case("unknown-vocabulary", "a field naming a vocabulary the descriptor does not have",
         _schema("exercises", lambda s: _field_of(s, "series").update({"x-vocabulary": "series"})),
         lambda r: "error: schemas/exercises.schema.json: fields['series'].x-vocabulary: no vocabulary 'series' in "
                   "datapackage.json; vocabularies are: " + ", ".join(
                       __import__("json").loads((r / "datapackage.json").read_text(encoding="utf-8"))["x-vocabularies"])),
]


CASES += [
    Case("below-row-floor", "a table cut below its floor of rows", _keep_first_rows("agreements", 3),
         lambda r: "data/agreements.csv:0: table has 3 rows, fewer than its floor (got '3'; expected at least 40 rows)"),
    Case("citation-repeats-main-source", "a citation that names the row's own main source again",
         lambda root: [set_cell(root, "citations", 0, column, value) for column, value in
                       (("table_name", "agreements"), ("record_id", cell(root, "agreements", 0, "id")),
                        ("source_id", cell(root, "agreements", 0, "source_id")))],
         lambda r: f"data/citations.csv:2:source_id: citation repeats the main source of that row in agreements "
                   f"(got {cell(r, 'agreements', 0, 'source_id')!r}; expected a further source, other than the row's source_id)"),
    Case("reused-retired-id", "a new row that takes an id retired earlier",
         _cell("places", "id", "lemt-site"),
         lambda r: "data/places.csv:2:id: id was retired and is never reused (got 'lemt-site'; expected a new id "
                   "(this one was removed in 0.2.0: no page read locates it))"),
]


# --- more cases: keys, precision, dates, code lists, citations, pairs, cell hygiene, types, cross-table rules ---

PART = "data/exercise_participants.csv"


def _delete_participant(exercise_id: str, country: str):
    def go(root: Path):
        rows = read_rows(root, "exercise_participants")
        write_rows(root, "exercise_participants", [r for r in rows if r[:2] != [exercise_id, country]])
    return go


def _nul_byte(root: Path):
    path = root / "data" / "sanctions.csv"
    lines = path.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b",", b",\x00", 1)
    path.write_bytes(b"\n".join(lines))


def _today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


CASES += [
    Case("duplicate-composite-key", "the same exercise and country twice in exercise_participants",
         _duplicate_first_row("exercise_participants"),
         lambda r: f"{PART}:3:exercise_id: duplicate primary key (exercise_id, country) (got 'zapad-2021/BLR'; expected each combination once in the table)"),
    Case("precision-day", "a date of month precision that is not the first of its month",
         _cell("agreements", "signed_date_precision", "month"),
         lambda r: f"data/agreements.csv:2:signed_date: a date of month precision must be the first day of its month (got {cell(r, 'agreements', 0, 'signed_date')!r}; expected {cell(r, 'agreements', 0, 'signed_date')[:7]}-01)"),
    Case("future-date", "a date after today",
         _cell("exercises", "end_date", "2999-01-01"),
         lambda r: f"{EX}:2:end_date: date is in the future (got '2999-01-01'; expected a date on or before {_today()})"),
    Case("unknown-country-code", "a country code that ISO 3166 does not have",
         _cell("exercise_participants", "country", "XYZ", row=2),
         lambda r: f"{PART}:4:country: unknown code (got 'XYZ'; expected an ISO 3166-1 alpha-3 country code such as BLR)"),
    Case("bad-language-code", "a language code that ISO 639-1 does not have",
         _cell("sources", "language", "xx"),
         lambda r: f"{SRC}:2:language: unknown code (got 'xx'; expected an ISO 639-1 language code such as ru)"),
    Case("citation-missing-record", "a citation of a row that does not exist",
         _cell("citations", "record_id", "no-such-agreement"),
         lambda r: "data/citations.csv:2:record_id: no row in agreements has this key (got 'no-such-agreement'; expected an existing id of agreements)"),
    Case("lonely-latitude", "a latitude without its longitude",
         lambda root: (set_cell(root, "places", 0, "latitude", "52.1"), set_cell(root, "places", 0, "longitude", "")),
         lambda r: "data/places.csv:2:longitude: latitude and longitude go together (expected both latitude and longitude, or neither)"),
    Case("trailing-whitespace", "a name with a space at the end",
         lambda root: set_cell(root, "exercises", 0, "name", cell(root, "exercises", 0, "name") + " "),
         lambda r: f"{EX}:2:name: cell has leading or trailing whitespace (got {cell(r, 'exercises', 0, 'name')!r}; expected no spaces, tabs or newlines at either end)"),
    Case("decimal-integer", "an integer written as 1.5",
         _cell("exercises", "declared_troops", "1.5"),
         lambda r: f"{EX}:2:declared_troops: not an integer (got '1.5'; expected a whole number such as 1200)"),
    Case("boolean-yes", "a boolean written as yes",
         _cell("sanctions", "asset_freeze", "yes"),
         lambda r: "data/sanctions.csv:2:asset_freeze: not a boolean (got 'yes'; expected true or false)"),
    Case("negative-troops", "a negative number of troops",
         _cell("exercise_participants", "troops", "-50", row=2),
         lambda r: f"{PART}:4:troops: value is below the minimum (got '-50'; expected at least 0)"),
    Case("year-order", "a supply link that ends before it starts",
         _cell("component_trade", "end_year", "2001"),
         lambda r: f"data/component_trade.csv:2:end_year: end_year is before start_year (got '2001'; expected start_year {cell(r, 'component_trade', 0, 'start_year')} or later)"),
    Case("natural-key-duplicate", "two exercises with the same name",
         lambda root: set_cell(root, "exercises", 1, "name", cell(root, "exercises", 0, "name")),
         lambda r: f"{EX}:3:name: the same name appears twice (got {cell(r, 'exercises', 0, 'name')!r}; expected one row per real-world item)"),
    Case("exercise-without-blr", "an exercise whose Belarusian participant row is gone (message changed in 0.5.0, "
         "when the rule became the declarative hasRows; it read 'exercise lacks participant rows for BLR')",
         _delete_participant("zapad-2021", "BLR"),
         # changed in 0.5.0 (a declarative hasRows rule; was "exercise lacks participant rows for BLR")
         lambda r: f"{EX}:2:id: no row of exercise_participants with country BLR points to this row (got 'zapad-2021'; "
                   "expected a row in exercise_participants with exercise_id = this id and country BLR)"),
    Case("nul-byte", "a NUL byte inside a cell",
         _nul_byte,
         lambda r: "data/sanctions.csv:2: line contains a NUL byte (expected text without NUL (\\0) characters)"),
    Case("missing-required", "an exercise without a name",
         _cell("exercises", "name", ""),
         lambda r: f"{EX}:2:name: required value is missing (expected a value)"),
]


# --- a damaged first header cell: the column it named is missing, and the checks that need it say so ---

def _damage_first_header_cell(table: str, junk: bytes):
    return _bytes(table, lambda b: junk + b)


CASES += [
    Case("nul-before-header", "a NUL byte before the first header cell of entities.csv",
         _damage_first_header_cell("entities", b"\x00"),
         lambda r: f"{ENT}:1:id: column is missing from the header (expected header "
                   "id,name,name_native,entity_type,country,parent_id,place_id,wikidata_id,position,description,source_id)"),
    Case("invalid-utf8-before-header", "an invalid UTF-8 byte before the header of entities.csv",
         _damage_first_header_cell("entities", b"\xff"),
         lambda r: f"{ENT}:1: file is not valid UTF-8 (got 'ff 69 64 2c'; expected UTF-8 text)"),
    Case("key-column-missing-for-foreign-keys", "entities.csv without its id column: foreign keys to it cannot be checked",
         _damage_first_header_cell("entities", b"\x00"),
         lambda r: "data/sanctions.csv:1:target_id: check 'foreign key to entities.id' could not run: entities has no id "
                   "column (expected column id in the header of entities)"),
    Case("check-skipped-composite-key", "exercise_participants.csv with its first header cell damaged",
         _damage_first_header_cell("exercise_participants", b"\x00"),
         lambda r: f"{PART}:1:exercise_id: check 'primary key unique' could not run: its column is missing "
                   f"(expected column exercise_id in the header of {PART})"),
]


# --- sanctions as acts (0.3.0) and the new kinds of ties ---

SAN, ACTS, PROG, TRADE, TRAIN = ("data/sanctions.csv", "data/sanctions_acts.csv", "data/sanctions_programmes.csv",
                                 "data/component_trade.csv", "data/training_links.csv")


def _first(root: Path, table: str, column: str, value: str) -> int:
    """Index of the first data row whose ``column`` is ``value`` (its line is index + 2)."""
    rows = read_rows(root, table)
    i = rows[0].index(column)
    return next(n for n, r in enumerate(rows[1:]) if r[i] == value)


def _act_of_first_designation(root: Path) -> int:
    return _first(root, "sanctions_acts", "id", cell(root, "sanctions", 0, "act_id"))


def _recorded_persons(root: Path, act: str) -> int:
    rows = read_rows(root, "sanctions")
    people = {r[0] for r in read_rows(root, "entities")[1:] if r[3] == "person"}
    h = rows[0]
    return len({r[h.index("target_id")] for r in rows[1:] if r[h.index("act_id")] == act and r[h.index("target_id")] in people})


def _other_authority_programme(root: Path) -> str:
    authority = cell(root, "sanctions_acts", 0, "authority")
    return next(r[0] for r in read_rows(root, "sanctions_programmes")[1:] if r[2] != authority)


def _set_first(table: str, where: str, value: str, column: str, new: str):
    return lambda root: set_cell(root, table, _first(root, table, where, value), column, new)


CASES += [
    Case("designation-without-act", "a designation with no act_id",
         _cell("sanctions", "act_id", ""),
         lambda r: f"{SAN}:2:act_id: required value is missing (expected a value)"),
    Case("designation-dangling-act", "a designation whose act_id no act has",
         _cell("sanctions", "act_id", "no-such-act"),
         lambda r: f"{SAN}:2:act_id: no row in sanctions_acts has this id (got 'no-such-act'; expected an existing sanctions_acts.id)"),
    Case("listing-date-disagrees-with-act", "a listing_date that is not its act's date, with no reason recorded",
         lambda root: (set_cell(root, "sanctions", 0, "listing_date", "2019-01-01"),
                       set_cell(root, "sanctions", 0, "listing_date_note", "")),
         lambda r: f"{SAN}:2:listing_date: listing_date disagrees with the act_date of its act {cell(r, 'sanctions', 0, 'act_id')} "
                   f"(got '2019-01-01'; expected {cell(r, 'sanctions_acts', _act_of_first_designation(r), 'act_date')}, "
                   "or a reason in listing_date_note)"),
    Case("authority-disagrees-with-act", "a designation whose authority is not its act's",
         _cell("sanctions", "authority", "ZAF"),
         lambda r: f"{SAN}:2:authority: authority disagrees with the authority of its act {cell(r, 'sanctions', 0, 'act_id')} "
                   f"(got 'ZAF'; expected {cell(r, 'sanctions_acts', _act_of_first_designation(r), 'authority')})"),
    Case("act-exceeds-stated-count", "an act whose recorded persons exceed the number it states",
         lambda root: set_cell(root, "sanctions_acts", _act_of_first_designation(root), "stated_persons", "0"),
         lambda r: f"{ACTS}:{_act_of_first_designation(r) + 2}:stated_persons: "
                   f"{_recorded_persons(r, cell(r, 'sanctions', 0, 'act_id'))} persons are recorded for this act in {SAN}, "
                   f"more than it states (got '0'; expected at least {_recorded_persons(r, cell(r, 'sanctions', 0, 'act_id'))}, "
                   f"or fewer persons in {SAN})"),
    Case("act-programme-of-another-authority", "an act made under a programme of another authority",
         lambda root: set_cell(root, "sanctions_acts", 0, "programme_id", _other_authority_programme(root)),
         lambda r: f"{ACTS}:2:authority: authority disagrees with the authority of its programme "
                   f"{cell(r, 'sanctions_acts', 0, 'programme_id')} (got {cell(r, 'sanctions_acts', 0, 'authority')!r}; "
                   f"expected {next(x[2] for x in read_rows(r, 'sanctions_programmes')[1:] if x[0] == cell(r, 'sanctions_acts', 0, 'programme_id'))})"),
    Case("bad-opensanctions-key", "an OpenSanctions key in lower case",
         _cell("sanctions_programmes", "opensanctions_key", "eu-blr"),
         lambda r: f"{PROG}:2:opensanctions_key: value does not match the pattern (got 'eu-blr'; expected text matching ^[A-Z0-9]+(-[A-Z0-9]+)*$)"),
    Case("unknown-link-type", "a component-trade link type outside the vocabulary",
         _cell("component_trade", "link_type", "supply"),
         lambda r: f"{TRADE}:2:link_type: value is not in the vocabulary (got 'supply'; expected one of production_supply, "
                   "repair_overhaul, transfer_from_stocks, joint_development, arms_delivery)"),
    Case("unit-training-without-system", "unit training that names neither its weapon system nor its unit",
         lambda root: [set_cell(root, "training_links", _first(root, "training_links", "link_type", "unit_training"), c, "")
                       for c in ("weapon_system_id", "trainee_id")],
         lambda r: f"{TRAIN}:{_first(r, 'training_links', 'link_type', 'unit_training') + 2}:weapon_system_id: a row with "
                   "link_type unit_training needs weapon_system_id or trainee_id (expected weapon_system_id or trainee_id)"),
    Case("arms-delivery-from-belarus", "an arms delivery whose supplier is not Russian",
         _set_first("component_trade", "link_type", "arms_delivery", "supplier_id", "mzkt"),
         lambda r: f"{TRADE}:{_first(r, 'component_trade', 'link_type', 'arms_delivery') + 2}:supplier_id: a row with "
                   "link_type arms_delivery cannot have this supplier (got 'mzkt (BLR)'; expected an entity of RUS)"),
    Case("transfer-from-stocks-by-russia", "a transfer from Belarusian stocks with a Russian supplier",
         _set_first("component_trade", "link_type", "transfer_from_stocks", "supplier_id", "russia"),
         lambda r: f"{TRADE}:{_first(r, 'component_trade', 'link_type', 'transfer_from_stocks') + 2}:supplier_id: a row with "
                   "link_type transfer_from_stocks cannot have this supplier (got 'russia (RUS)'; expected an entity not of RUS)"),
    Case("alleged-without-claimant", "an alleged row that does not name whose claim it is",
         _set_first("component_trade", "confidence", "alleged", "claimant_id", ""),
         lambda r: f"{TRADE}:{_first(r, 'component_trade', 'confidence', 'alleged') + 2}:claimant_id: a row with "
                   "confidence alleged needs claimant_id (expected claimant_id)"),
    Case("claimant-on-a-reported-row", "a claimant on a row that is not alleged",
         _set_first("component_trade", "confidence", "reported", "claimant_id", "belpol"),
         lambda r: f"{TRADE}:{_first(r, 'component_trade', 'confidence', 'reported') + 2}:claimant_id: only a row with "
                   "confidence alleged has a claimant_id (got 'belpol'; expected empty, or confidence alleged)"),
    Case("in-force-date-on-a-signed-agreement", "an entry-into-force date on an agreement whose status says it is "
         "signed and not in force",
         _set_first("agreements", "status", "signed", "in_force_date", "2024-01-01"),
         lambda r: f"data/agreements.csv:{_first(r, 'agreements', 'status', 'signed') + 2}:in_force_date: only a row "
                   "with status in_force/expired/terminated/unknown has a in_force_date (got '2024-01-01'; expected "
                   "empty, or status in_force/expired/terminated/unknown)"),
    Case("deployment-without-place-or-reason", "a deployment with neither a place nor a note saying why it has none",
         _set_first("deployments", "place_id", "", "place_note", ""),
         lambda r: f"data/deployments.csv:{_first(r, 'deployments', 'place_id', '') + 2}:place_id: every row needs "
                   "place_id or place_note (expected place_id or place_note)"),
    Case("alias-repeats-the-name", "an alias that is only its entity's own name in other letter case",
         _set_first("aliases", "entity_id", "mzkt", "alias", "minsk wheel tractor plant (mzkt)"),
         lambda r: f"data/aliases.csv:{_first(r, 'aliases', 'entity_id', 'mzkt') + 2}:alias: repeats the name of the "
                   "entities row it belongs to (got 'minsk wheel tractor plant (mzkt)'; expected a name other than "
                   "its name)"),
    Case("ended-deployment-without-end-date", "a deployment said to have ended, with no end date",
         _set_first("deployments", "end_status", "ended", "end_date", ""),
         lambda r: f"data/deployments.csv:{_first(r, 'deployments', 'end_status', 'ended') + 2}:end_date: a row with "
                   "end_status ended needs end_date (expected end_date)"),
    Case("individual-link-without-trainee", "an individual training link that names no trainee",
         _set_first("training_links", "link_type", "individual", "trainee_id", ""),
         lambda r: f"data/training_links.csv:{_first(r, 'training_links', 'link_type', 'individual') + 2}:trainee_id: "
                   "a row with link_type individual needs trainee_id (expected trainee_id)"),
    Case("trainee-not-a-person", "an individual training link whose trainee is an enterprise",
         _set_first("training_links", "link_type", "individual", "trainee_id", "mzkt"),
         lambda r: f"data/training_links.csv:{_first(r, 'training_links', 'link_type', 'individual') + 2}:trainee_id: "
                   "a row with link_type individual cannot have this trainee (got 'mzkt (enterprise)'; expected a row "
                   "of entities whose entity_type is person)"),
    Case("unknown-troops-scope", "a declared figure said to count something outside the vocabulary",
         _set_first("exercises", "declared_troops_scope", "whole", "declared_troops_scope", "everyone"),
         lambda r: f"{EX}:{_first(r, 'exercises', 'declared_troops_scope', 'everyone') + 2}:declared_troops_scope: "
                   "value is not in the vocabulary (got 'everyone'; expected one of whole, joint_part, in_belarus, series_total)"),
]
