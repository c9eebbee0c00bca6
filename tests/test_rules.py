"""The Pandera converter: it handles every constraint our schemas use, and refuses what it does not know."""
import pandas as pd
import pytest

from belarus_russia_defence.check.rules import HANDLED_CONSTRAINTS, Converter, UnsupportedConstraint, check_table
from belarus_russia_defence.read import read_text_table
from belarus_russia_defence.schema import load_package, table_from_descriptor

from .conftest import ROOT

PACKAGE = load_package(ROOT)


@pytest.mark.parametrize("table", PACKAGE.tables, ids=lambda t: t.name)
def test_converter_handles_every_constraint_in_every_schema(table):
    used = {c for f in table.fields for c in f.constraints}
    assert used <= HANDLED_CONSTRAINTS, f"{table.name} uses {used - HANDLED_CONSTRAINTS}: teach the converter"
    schema = Converter().schema(table)  # raises UnsupportedConstraint on anything unknown
    assert set(schema.columns) == set(table.field_names)


def _table(field: dict):
    return table_from_descriptor({"name": "t", "path": "data/t.csv", "schema": "x"},
                                 {"fields": [{"name": "id", "type": "string"}, field], "primaryKey": ["id"]})


@pytest.mark.parametrize("field", [
    {"name": "n", "type": "integer", "constraints": {"exclusiveMinimum": 0}},
    {"name": "n", "type": "string", "constraints": {"jsonSchema": {}}},
    {"name": "n", "type": "date", "format": "%d/%m/%Y"},
    {"name": "n", "type": "string", "constraints": {"minimum": 1}},
])
def test_unknown_constraints_and_types_are_refused(field):
    with pytest.raises(UnsupportedConstraint):
        Converter().schema(_table(field))


def test_an_unknown_field_type_is_refused_when_the_package_loads():
    from belarus_russia_defence.errors import PackageError

    with pytest.raises(PackageError) as err:
        _table({"name": "n", "type": "geopoint"})
    assert str(err.value).startswith("x: fields['n'].type: unknown field type 'geopoint'")


def _problems(csv_text: str, field: dict):
    table = _table(field)
    text = read_text_table(PACKAGE, table, data=csv_text.encode())
    return check_table(text, {})


def test_integers_must_be_written_as_integers():
    field = {"name": "n", "type": "integer", "constraints": {"minimum": 0}}
    problems = _problems("id,n\na,12\nb,1.5\nc,-3\nd,\ne,0012\n", field)
    assert {(p.line, p.code) for p in problems} == {(3, "type"), (4, "minimum")}


def test_dates_must_exist_and_not_be_in_the_future():
    field = {"name": "d", "type": "date"}
    problems = _problems("id,d\na,2021-02-28\nb,2021-02-30\nc,2021-2-3\nd,2999-01-01\n", field)
    assert {(p.line, p.code) for p in problems} == {(3, "type"), (4, "type"), (5, "future-date")}


def test_na_and_none_are_text_not_missing():
    field = {"name": "s", "type": "string", "constraints": {"required": True}}
    table = _table(field)
    text = read_text_table(PACKAGE, table, data=b"id,s\na,NA\nb,None\nc,\n")
    assert text.frame["s"].tolist()[:2] == ["NA", "None"]
    assert pd.isna(text.frame["s"].iloc[2])
    problems = check_table(text, {})
    assert [(p.line, p.code) for p in problems] == [(4, "required")]


def test_booleans_accept_only_true_and_false():
    problems = _problems("id,b\na,true\nb,false\nc,yes\nd,True\n", {"name": "b", "type": "boolean"})
    assert sorted(p.line for p in problems) == [4, 5]


def test_whitespace_and_formula_cells_are_reported_on_any_column():
    problems = _problems('id,s\na," x"\nb,+7\nc,@me\nd,fine\n', {"name": "s", "type": "string"})
    assert {(p.line, p.code) for p in problems} == {(2, "whitespace"), (3, "formula-injection"),
                                                    (4, "formula-injection")}


def test_foreign_keys_are_checked_against_the_referenced_values():
    table = table_from_descriptor(
        {"name": "t", "path": "data/t.csv", "schema": "x"},
        {"fields": [{"name": "id", "type": "string"}, {"name": "ref", "type": "string"}], "primaryKey": ["id"],
         "foreignKeys": [{"fields": "ref", "reference": {"resource": "other", "fields": "id"}}]})
    text = read_text_table(PACKAGE, table, data=b"id,ref\na,x\nb,y\nc,\n")
    problems = check_table(text, {("other", "id"): {"x"}})
    assert [(p.line, p.code, p.value) for p in problems] == [(3, "foreign-key", "y")]


def test_composite_primary_key_duplicates_are_reported_once():
    text = read_text_table(PACKAGE, PACKAGE.table("exercise_locations"),
                           data=b"exercise_id,place_id,source_id\na,b,s\na,b,s\na,c,s\n")
    problems = [p for p in check_table(text, {}) if p.code == "duplicate-key"]
    assert {(p.line, p.value) for p in problems} == {(3, "a/b")}
