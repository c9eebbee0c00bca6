"""The generated docs (data dictionary, README table of tables, coverage report) stay up to date and true."""
from belarus_russia_defence.docs import data_dictionary
from belarus_russia_defence.schema import load_package
from belarus_russia_defence.workspace import Workspace

from .conftest import ROOT, run_main

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
    result = run_main(package_dir, "docs", "--check")
    assert result.returncode == 1 and "out of date" in result.stderr


def test_readme_table_of_tables_is_up_to_date():
    from belarus_russia_defence.docs import readme_with_tables

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == readme_with_tables(PACKAGE, readme), "README's table of tables is stale: run `make docs`"


def test_coverage_report_is_up_to_date():
    from belarus_russia_defence.coverage import write_coverage

    assert write_coverage(PACKAGE, Workspace(ROOT), check=True) is not None, "docs/coverage.md is stale: run `make docs`"


def test_coverage_counts_follow_the_data(package_dir):
    from belarus_russia_defence.coverage import measure
    from belarus_russia_defence.read import read_all

    from .conftest import read_rows, write_rows

    def exercises_coverage():
        package = load_package(package_dir)
        return {c.table.name: c for c in measure(package, read_all(package))}["exercises"]

    before = exercises_coverage()
    exercises = read_rows(package_dir, "exercises")
    located = {r[0] for r in read_rows(package_dir, "exercise_locations")[1:]}
    assert before.referenced["exercise_locations.exercise_id"] == sum(r[0] in located for r in exercises[1:])
    assert before.rows == len(exercises) - 1

    # take away every location of one located exercise, and make one exercise's dates month-precise
    header, body = exercises[0], exercises[1:]
    gone = next(r[0] for r in body if r[0] in located)
    locations = read_rows(package_dir, "exercise_locations")
    write_rows(package_dir, "exercise_locations", [locations[0]] + [r for r in locations[1:] if r[0] != gone])
    p = header.index("date_precision")
    day_row = next(r for r in body if r[p] == "day")
    day_row[p] = "month"
    day_row[header.index("start_date")] = day_row[header.index("start_date")][:8] + "01"
    write_rows(package_dir, "exercises", exercises)

    after = exercises_coverage()
    assert after.referenced["exercise_locations.exercise_id"] == before.referenced["exercise_locations.exercise_id"] - 1
    assert after.day_precise["start_date"] == before.day_precise["start_date"] - 1
    assert after.confidence == before.confidence


def test_coverage_marks_a_floor_that_is_not_met(package_dir):
    from belarus_russia_defence.coverage import coverage_markdown
    from belarus_russia_defence.read import read_all

    from .conftest import read_rows, write_rows

    write_rows(package_dir, "weapon_systems", read_rows(package_dir, "weapon_systems")[:3])
    package = load_package(package_dir)
    text = coverage_markdown(package, read_all(package))
    assert "| [weapon_systems](#weapon_systems) | 2 | 15 (NOT met) |" in text


def test_coverage_measures_each_fill_floor_as_validation_does(package_dir):
    """An agreement with no entry-into-force date counts toward its floor once its status says it is only signed."""
    from belarus_russia_defence.coverage import measure
    from belarus_russia_defence.read import read_all

    from .conftest import read_rows, set_cell

    def agreements_floor():
        package = load_package(package_dir)
        (floor,) = next(c for c in measure(package, read_all(package)) if c.table.name == "agreements").fill_floors
        return floor

    label, counted, rows, share = agreements_floor()
    assert label == "`in_force_date`, or status signed" and share == 0.38
    header, *agreements = read_rows(package_dir, "agreements")
    n = next(i for i, r in enumerate(agreements)
             if not r[header.index("in_force_date")] and r[header.index("status")] == "unknown")
    set_cell(package_dir, "agreements", n, "status", "signed")
    assert agreements_floor()[1:3] == (counted + 1, rows)


def test_the_curators_report_lists_a_description_that_mentions_an_unrecorded_designation(package_dir):
    from belarus_russia_defence.coverage import designations_in_prose
    from belarus_russia_defence.read import read_all

    from .conftest import read_rows, set_cell

    rows = read_rows(package_dir, "entities")
    i = next(n for n, r in enumerate(rows[1:]) if r[0] == "planar")
    set_cell(package_dir, "entities", i, "description", "Maker of lithography gear; sanctioned by New Zealand in 2024.")
    found = designations_in_prose(read_all(load_package(package_dir)))
    assert ("planar", "NZL", "sanctioned by New Zealand in 2024.") in found  # the sentence that says it
    assert all(entity != "planar" or authority == "NZL" for entity, authority, _ in found)


def test_problem_kinds_in_the_docs_are_up_to_date():
    from belarus_russia_defence.docs import write_problem_kinds

    assert write_problem_kinds(PACKAGE, Workspace(ROOT), check=True) is not None, \
        "docs/validation-messages.md is stale: run `make docs`"


def test_every_problem_kind_is_documented_once_with_its_template():
    from belarus_russia_defence.problem_kinds import KINDS

    text = (ROOT / "docs" / "validation-messages.md").read_text(encoding="utf-8")
    for code, kind in KINDS.items():
        assert text.count(f"| `{code}` | {kind.scope} |") == 1, code
