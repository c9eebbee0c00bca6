"""Each bad input gives its precise message, exit status 1, no traceback, and no file is rewritten."""
import hashlib

import pytest

from belarus_russia_defence.check import validate
from belarus_russia_defence.schema import load_package

from .bad_inputs import CASES, SCHEMA_CASES
from .conftest import run_cli, run_main

CLI_CASES = {"non-utf8", "ragged-row", "dangling-foreign-key", "impossible-date", "formula-injection", "empty-file"}


def _fingerprint(root):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((root / "data").glob("*.csv"))}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_reported_precisely(package_dir, case):
    """In-process, for speed: our checks alone must give the exact line (frictionless only adds to them).

    The rules run directly; on every third case they also run through Pandera (the engine a package
    of this size gets), which must give the same problems, line for line: the parity test that keeps
    the second engine honest (``check/rules.py`` says why there are two).
    """
    case.break_it(package_dir)
    expected = case.expected(package_dir)
    before = _fingerprint(package_dir)
    package = load_package(package_dir)
    lines = [p.text() for p in validate(package, structure=False, engine="direct")]
    assert expected in lines, f"expected line:\n{expected}\n\ngot:\n" + "\n".join(lines)[:3000]
    if CASES.index(case) % 3 == 0:
        assert [p.text() for p in validate(package, structure=False, engine="pandera")] == lines, "engines differ"
    assert _fingerprint(package_dir) == before, "validation must never rewrite a data file"


@pytest.mark.parametrize("case", [c for c in CASES if c.name in CLI_CASES], ids=lambda c: c.name)
def test_the_command_line_reports_it_with_exit_status_1(package_dir, case):
    """Through the CLI, with the frictionless pass: same line, exit 1, no traceback, no file rewritten."""
    case.break_it(package_dir)
    expected = case.expected(package_dir)
    before = _fingerprint(package_dir)
    result = run_main(package_dir, "validate")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert expected in result.stdout.splitlines(), f"expected line:\n{expected}\n\ngot:\n{result.stdout[:3000]}"
    assert _fingerprint(package_dir) == before, "validation must never rewrite a data file"


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=lambda c: c.name)
def test_a_schema_error_is_one_line_naming_the_file_and_key_with_exit_status_2(package_dir, case, capsys):
    """In-process through main(argv): the package does not load; one line, no traceback, nothing rewritten."""
    from belarus_russia_defence.cli import main

    case.break_it(package_dir)
    before = _fingerprint(package_dir)
    assert main(["--root", str(package_dir), "validate"]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == case.expected(package_dir) and captured.out == ""
    assert _fingerprint(package_dir) == before


def test_the_shipped_package_is_valid(package_dir):
    result = run_cli(package_dir, "validate")  # one of the two smoke tests of the real process
    assert result.returncode == 0, result.stdout[-3000:]
    assert result.stdout.strip().endswith("OK: no problems found.")


def test_missing_file_is_reported(package_dir):
    (package_dir / "data" / "exercise_locations.csv").unlink()
    result = run_main(package_dir, "validate")
    assert result.returncode == 1
    assert ("data/exercise_locations.csv:0: file is missing (expected a CSV file for table exercise_locations)"
            in result.stdout.splitlines())
    assert "Traceback" not in result.stderr


def test_every_case_is_listed_in_the_docs():
    from .conftest import ROOT

    text = (ROOT / "docs" / "validation-messages.md").read_text(encoding="utf-8")
    missing = [c.name for c in CASES + SCHEMA_CASES if f"| `{c.name}` |" not in text]
    assert not missing, f"run scripts/message_catalogue.py: {missing} are not in docs/validation-messages.md"
    assert len(CASES) >= 25
