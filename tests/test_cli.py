"""The command line: output formats and exit statuses."""
import json

from .conftest import run_cli, run_main, set_cell


def test_json_format_lists_every_problem(package_dir):
    set_cell(package_dir, "exercises", 0, "confidence", "probable")
    set_cell(package_dir, "sources", 0, "language", "xx")
    result = run_main(package_dir, "validate", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["count"] == len(report["problems"]) == 2
    assert {(p["file"], p["line"], p["column"], p["code"]) for p in report["problems"]} == {
        ("data/exercises.csv", 2, "confidence", "enum"), ("data/sources.csv", 2, "language", "code-list")}


def test_github_format_annotates_the_line(package_dir):
    set_cell(package_dir, "exercises", 0, "confidence", "probable")
    result = run_main(package_dir, "validate", "--format", "github")
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=data/exercises.csv,line=2,title=confidence%3A enum::")
    assert "got 'probable'" in first


def test_valid_package_exits_zero_in_every_format(package_dir):
    for fmt in ("text", "json", "github"):
        assert run_main(package_dir, "validate", "--format", fmt).returncode == 0


def test_a_broken_descriptor_is_a_sentence_not_a_traceback(package_dir):
    (package_dir / "datapackage.json").write_text("{not json")
    result = run_cli(package_dir, "validate")  # one of the two smoke tests of the real process
    assert result.returncode == 2
    assert result.stderr.startswith("error: datapackage.json: not valid JSON: Expecting property name enclosed in "
                                    "double quotes at line 1, column 2")
    assert "Traceback" not in result.stderr


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
