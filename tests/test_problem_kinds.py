"""The catalogue of problem kinds: one code per kind, templates that fill, names mapped at the boundary, crashes raised."""
import json

import pandas as pd
import pytest

from belarus_russia_defence.check.report import Problem, format_json, problem
from belarus_russia_defence.check.rules import CheckSpec, Converter, RuleCrashed, check_table
from belarus_russia_defence.problem_kinds import FRICTIONLESS_CODES, KINDS, PANDERA_CODES, SCOPES, from_frictionless
from belarus_russia_defence.read import read_text_table
from belarus_russia_defence.schema import load_package, table_from_descriptor

from .conftest import ROOT

PACKAGE = load_package(ROOT)


def test_codes_are_kebab_case_with_a_known_scope_and_templates_that_fill():
    for code, kind in KINDS.items():
        assert code == kind.code and code.replace("-", "").isalpha() and code == code.lower(), code
        assert kind.scope in SCOPES, code
        message = kind.message(**{name: f"<{name}>" for name in kind.fields})
        assert "{" not in message and all(f"<{name}>" in message for name in kind.fields), code


def test_a_template_refuses_a_field_it_does_not_have():
    with pytest.raises(TypeError, match="has no field"):
        KINDS["bom"].message(column="x")


def test_an_unregistered_code_is_a_bug():
    with pytest.raises(KeyError, match="not in the catalogue"):
        Problem("data/x.csv", 2, "a", "something", code="not_nullable")


def test_foreign_names_map_into_the_catalogue():
    assert set(PANDERA_CODES.values()) <= set(KINDS)
    assert set(FRICTIONLESS_CODES.values()) <= set(KINDS)
    assert from_frictionless("type-error") == "type" and from_frictionless("something-new") == "constraint"
    assert from_frictionless("package-error", package_level=True) == "descriptor"


def test_the_json_report_gives_code_and_scope():
    report = json.loads(format_json([problem("ragged-row", "data/x.csv", 3, cells=2, header_cells=3)]))
    entry = report["problems"][0]
    assert (entry["code"], entry["scope"], entry["message"]) == ("ragged-row", "row", "row has 2 cells but the header has 3")


def _table():
    return table_from_descriptor({"name": "t", "path": "data/t.csv", "schema": "x"},
                                 {"fields": [{"name": "id", "type": "string"}], "primaryKey": ["id"]})


@pytest.mark.parametrize("engine", ["pandera", "direct"])
def test_a_check_that_raises_is_a_crash_not_a_data_problem(engine, monkeypatch):
    def boom(s: pd.Series) -> pd.Series:
        raise ZeroDivisionError("a bug in a check")

    original = Converter.field_checks
    monkeypatch.setattr(Converter, "field_checks", lambda self, t, f: original(self, t, f) + [CheckSpec("type", boom)])
    text = read_text_table(PACKAGE, _table(), data=b"id\na\nb\n")
    with pytest.raises(RuleCrashed if engine == "pandera" else ZeroDivisionError):
        check_table(text, {}, engine=engine)


@pytest.mark.parametrize("engine", ["pandera", "direct"])
def test_both_engines_give_catalogue_codes_for_pandera_own_checks(engine):
    table = table_from_descriptor({"name": "t", "path": "data/t.csv", "schema": "x"},
                                  {"fields": [{"name": "id", "type": "string"}, {"name": "u", "type": "string",
                                               "constraints": {"unique": True, "required": True}}],
                                   "primaryKey": ["id"]})
    text = read_text_table(PACKAGE, table, data=b"id,u\na,x\na,x\nb,\n")
    found = {(p.line, p.column, p.code) for p in check_table(text, {}, engine=engine)}
    assert found == {(3, "id", "duplicate-id"), (3, "u", "duplicate-value"), (4, "u", "required")}
