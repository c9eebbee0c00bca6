"""The package descriptor and Table Schemas: complete, described, consistent."""
import json

import pytest

from belarus_russia_defence.schema import FIELD_TYPES, load_package

from .conftest import ROOT

PACKAGE = load_package(ROOT)
FLOOR_TABLES = {"sources", "citations", "entities", "places", "weapon_systems", "agreements", "exercises",
                "exercise_participants", "exercise_locations", "training_links", "component_trade", "sanctions"}


def test_descriptor_has_the_package_metadata():
    d = PACKAGE.descriptor
    for key in ("name", "title", "description", "version", "licenses", "contributors", "keywords", "sources"):
        assert d.get(key), f"datapackage.json lacks {key}"
    assert d["licenses"][0]["name"] == "CC-BY-4.0"


def test_every_table_of_the_data_model_is_a_resource():
    assert FLOOR_TABLES <= set(PACKAGE.by_name)


@pytest.mark.parametrize("table", PACKAGE.tables, ids=lambda t: t.name)
def test_every_table_and_column_is_described_and_typed(table):
    assert table.description.strip()
    schema = json.loads((ROOT / table.schema_path).read_text())
    assert schema["missingValues"] == [""]
    for f in table.fields:
        assert f.description.strip(), f"{table.name}.{f.name} has no description"
        assert f.type in FIELD_TYPES
    assert (ROOT / table.path).is_file()
    assert table.path == f"data/{table.name}.csv" and table.schema_path == f"schemas/{table.name}.schema.json"


@pytest.mark.parametrize("table", PACKAGE.tables, ids=lambda t: t.name)
def test_keys_point_at_real_columns(table):
    assert table.primary_key and set(table.primary_key) <= set(table.field_names)
    for fk in table.foreign_keys:
        assert set(fk.fields) <= set(table.field_names)
        target = PACKAGE.table(fk.resource)
        assert set(fk.reference_fields) <= set(target.field_names)
        assert tuple(fk.reference_fields) == target.primary_key or all(
            target.field(c).unique for c in fk.reference_fields)


@pytest.mark.parametrize("table", [t for t in PACKAGE.tables if t.is_fact], ids=lambda t: t.name)
def test_fact_tables_require_a_source_and_a_confidence(table):
    assert table.field("source_id").required
    assert table.field("confidence").enum == ["confirmed", "reported", "alleged"]


@pytest.mark.parametrize("table", PACKAGE.tables, ids=lambda t: t.name)
def test_column_names_are_snake_case_and_ids_are_slugs(table):
    import re

    for f in table.fields:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", f.name)
        if f.name == "id" or (f.name.endswith("_id") and f.name not in ("wikidata_id", "record_id", "geonames_id")):
            assert f.pattern == "^[a-z0-9]+(-[a-z0-9]+)*$", f"{table.name}.{f.name}"


def test_version_follows_the_changelog_and_the_citation():
    import re

    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    latest = re.search(r"^## (\d+\.\d+\.\d+)", changelog, re.M).group(1)
    assert PACKAGE.version == latest
    assert f"version: {latest}" in (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'version = "{latest}"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_roles_are_declared_not_guessed_from_names(package_dir):
    """Renaming a role's column keeps what it does: a fact table stays one, citations still compare sources."""
    import json

    from belarus_russia_defence.check import validate

    from .conftest import read_rows, write_rows

    path = package_dir / "schemas" / "exercises.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    for f in schema["fields"]:
        if f["name"] in ("confidence", "source_id"):
            f["name"] = {"confidence": "certainty", "source_id": "main_source_id"}[f["name"]]
    for fk in schema["foreignKeys"]:
        if fk["fields"] == "source_id":
            fk["fields"] = "main_source_id"
    schema["x-datasette"]["facets"] = ["certainty" if c == "confidence" else c for c in schema["x-datasette"]["facets"]]
    for rule in schema["x-checks"].get("requiredWhen", []) + schema["x-checks"].get("onlyWhen", []):
        rule["where"] = {"certainty" if k == "confidence" else k: v for k, v in rule["where"].items()}
    path.write_text(json.dumps(schema), encoding="utf-8")
    rows = read_rows(package_dir, "exercises")
    rows[0] = ["certainty" if c == "confidence" else "main_source_id" if c == "source_id" else c for c in rows[0]]
    first, source = rows[1][0], rows[1][rows[0].index("main_source_id")]
    write_rows(package_dir, "exercises", rows)
    citations = read_rows(package_dir, "citations")
    citations.append(["exercises", first, source, "", ""])  # repeats the row's main source
    write_rows(package_dir, "citations", citations)

    package = load_package(package_dir)
    table = package.table("exercises")
    assert table.is_fact and table.role_column("source") == "main_source_id"
    problems = [p for p in validate(package, structure=False) if p.file == "data/citations.csv"]
    assert [p.code for p in problems] == ["citation-repeats-source"], [p.text() for p in problems]


def test_every_vocabulary_column_of_the_package_names_a_vocabulary_with_a_label_per_value():
    from belarus_russia_defence.schema import load_package

    from .conftest import ROOT

    package = load_package(ROOT)
    used = set()
    for t in package.tables:
        for f in t.fields:
            if f.enum:
                assert f.vocabulary, f"{t.schema_path}: {f.name} has an enum but no x-vocabulary"
                labels = package.value_labels(f)
                assert set(labels) == {str(v) for v in f.enum} and all(labels.values()), (t.name, f.name)
                used.add(f.vocabulary)
    assert used == set(package.vocabularies), "a vocabulary that no column uses"
