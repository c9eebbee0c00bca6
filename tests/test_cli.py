"""The command line: output formats and exit statuses."""
import json

from .conftest import run_cli, set_cell


def test_json_format_lists_every_problem(package_dir):
    set_cell(package_dir, "exercises", 0, "confidence", "probable")
    set_cell(package_dir, "sources", 0, "language", "xx")
    result = run_cli(package_dir, "validate", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["count"] == len(report["problems"]) == 2
    assert {(p["file"], p["line"], p["column"], p["code"]) for p in report["problems"]} == {
        ("data/exercises.csv", 2, "confidence", "enum"), ("data/sources.csv", 2, "language", "code-list")}


def test_github_format_annotates_the_line(package_dir):
    set_cell(package_dir, "exercises", 0, "confidence", "probable")
    result = run_cli(package_dir, "validate", "--format", "github")
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=data/exercises.csv,line=2,title=confidence%3A enum::")
    assert "got 'probable'" in first


def test_valid_package_exits_zero_in_every_format(package_dir):
    for fmt in ("text", "json", "github"):
        assert run_cli(package_dir, "validate", "--format", fmt).returncode == 0


def test_a_broken_descriptor_is_a_sentence_not_a_traceback(package_dir):
    (package_dir / "datapackage.json").write_text("{not json")
    result = run_cli(package_dir, "validate")
    assert result.returncode == 2
    assert result.stderr.startswith("error: datapackage.json: not valid JSON: Expecting property name enclosed in "
                                    "double quotes at line 1, column 2")
    assert "Traceback" not in result.stderr


def test_an_unknown_field_type_is_one_line_naming_the_schema_and_key(package_dir, capsys):
    from belarus_russia_defence.cli import main

    path = package_dir / "schemas" / "places.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"type": "number"', '"type": "geopoint"', 1), encoding="utf-8")
    assert main(["--root", str(package_dir), "validate"]) == 2  # in-process: main(argv) returns the status
    err = capsys.readouterr().err
    assert err.startswith("error: schemas/places.schema.json: fields[") and "].type: unknown field type 'geopoint'" in err
    assert len(err.strip().splitlines()) == 1


def test_an_unknown_code_list_is_one_line_naming_the_schema_and_key(package_dir, capsys):
    from belarus_russia_defence.cli import main

    path = package_dir / "schemas" / "places.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"iso3166-1-alpha3"', '"iso3166-2"', 1), encoding="utf-8")
    assert main(["--root", str(package_dir), "validate"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("error: schemas/places.schema.json: fields['country'].x-codeList: unknown code list "
                           "'iso3166-2'; code lists are: iso3166-1-alpha3, iso3166-1-alpha3-or-eu, iso639-1")


def test_a_bug_in_a_rule_shows_its_traceback_not_a_data_problem(package_dir, monkeypatch):
    import pytest

    from belarus_russia_defence.check import crosstable
    from belarus_russia_defence.cli import main

    def broken(text):
        raise ZeroDivisionError("a bug in a rule")

    monkeypatch.setattr(crosstable, "only_when", broken)
    monkeypatch.setattr(crosstable, "required_when", broken)
    with pytest.raises(ZeroDivisionError, match="a bug in a rule"):
        main(["--root", str(package_dir), "validate", "--no-frictionless"])
