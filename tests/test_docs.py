"""The data dictionary is generated from the schemas and kept up to date."""
from belarus_russia_defence.docs import data_dictionary
from belarus_russia_defence.schema import load_package

from .conftest import ROOT, run_cli

PACKAGE = load_package(ROOT)


def test_data_dictionary_is_up_to_date():
    on_disk = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert on_disk == data_dictionary(PACKAGE), "docs/data-dictionary.md is stale: run `make docs`"


def test_data_dictionary_lists_every_table_column_and_vocabulary():
    text = data_dictionary(PACKAGE)
    for t in PACKAGE.tables:
        assert f"\n## {t.name}\n" in text
        for f in t.fields:
            assert f"| `{f.name}` | {f.type} |" in text
            for value in f.enum or []:
                assert f"`{value}`" in text


def test_docs_check_fails_when_stale(package_dir):
    (package_dir / "docs").mkdir()
    (package_dir / "docs" / "data-dictionary.md").write_text("old\n")
    result = run_cli(package_dir, "docs", "--check")
    assert result.returncode == 1 and "out of date" in result.stderr


def test_readme_table_of_tables_is_up_to_date():
    from belarus_russia_defence.docs import readme_with_tables

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == readme_with_tables(PACKAGE, readme), "README's table of tables is stale: run `make docs`"
