"""At scale, the fast paths find the same faults: parity with frictionless and with Pandera.

A small synthetic package (``belarus_russia_defence.synthetic``, made from the real schemas and
data) is valid as generated; faults seeded at known cells are then flagged by our validator and
by frictionless alike, at the same file and line. Our direct run of the generated checks gives
the same failures as Pandera's own ``validate``, and the pyarrow reader reads the synthetic
files exactly as the csv module does.
"""
from __future__ import annotations

import pandas as pd
import pytest

from belarus_russia_defence.check import validate
from belarus_russia_defence.check.rules import Converter, failures, key_values
from belarus_russia_defence.check.structure import structure_problems
from belarus_russia_defence.problem_kinds import FRICTIONLESS_CODES, PANDERA_CODES
from belarus_russia_defence.read import _read_slow, decode, read_all, read_text_table
from belarus_russia_defence.schema import load_package
from scripts.synthetic import FAULTS, LARGEST, generate, seed_faults

SIZE = 1500


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic")
    counts = generate(root, SIZE)
    return root, counts


def test_synthetic_package_is_scaled_and_valid(synthetic):
    root, counts = synthetic
    assert counts[LARGEST] >= SIZE
    assert counts["exercises"] > 65 and counts["sources"] > 520
    assert validate(load_package(root), structure=False) == []


@pytest.fixture(scope="module")
def seeded(synthetic, tmp_path_factory):
    import shutil

    root = tmp_path_factory.mktemp("seeded")
    shutil.copytree(synthetic[0], root, dirs_exist_ok=True)
    faults = seed_faults(root)
    package = load_package(root)
    ours = validate(package, structure=False)
    theirs = structure_problems(package, read_all(package))
    return faults, ours, theirs


def test_every_seeded_fault_is_flagged_by_both_validators(seeded):
    faults, ours, theirs = seeded
    assert len(faults) == len(FAULTS) + 1
    our_places = {(p.file, p.line) for p in ours}
    their_places = {(p.file, p.line) for p in theirs}
    for file, line, kind in faults:
        assert (file, line) in our_places, f"we miss the {kind} fault at {file}:{line}"
        assert (file, line) in their_places, f"frictionless misses the {kind} fault at {file}:{line}"


def test_faults_of_the_kinds_both_detect_are_found_at_the_same_places(seeded):
    """Type, constraint and key errors: the (file, line) sets agree wherever frictionless has a view."""
    _, ours, theirs = seeded
    kinds = {"type-error": {"type"},
             "constraint-error": {"pattern", "enum", "minimum", "maximum", "required"},
             "primary-key": {"duplicate-key", "duplicate-id", "duplicate-value"},
             "unique-error": {"duplicate-id", "duplicate-value"},
             "foreign-key": {"foreign-key"}}
    for their_kind, our_kinds in kinds.items():
        theirs_at = {(p.file, p.line) for p in theirs if p.code == FRICTIONLESS_CODES[their_kind]}
        ours_at = {(p.file, p.line) for p in ours if p.code in our_kinds}
        assert theirs_at <= ours_at, (their_kind, sorted(theirs_at - ours_at)[:5])


def test_direct_checks_agree_with_pandera(seeded, synthetic):
    """Our direct run of the spec and Pandera's ``validate(lazy=True)`` fail the same cells."""
    import pandera.pandas as pa

    root = synthetic[0]
    package = load_package(root)
    texts = read_all(package)
    keys = key_values(texts)
    for name in ("exercise_participants", "exercises", "sanctions"):
        text = texts[name]
        frame = text.frame.copy()
        frame.iloc[3, 0] = "Bad Value"
        frame.iloc[4, 1] = None
        frame.iloc[5, 2] = " padded"
        converter = Converter(keys)
        ours = {(c if c != "*" else "*", code, int(i)) for c, code, i in failures(converter.spec(text.table), frame)}
        try:
            converter.schema(text.table).validate(frame, lazy=True)
            cases = pd.DataFrame(columns=["column", "check", "index"])
        except pa.errors.SchemaErrors as err:
            cases = err.failure_cases
        theirs = set()
        for case in cases.itertuples(index=False):
            code = PANDERA_CODES.get(str(case.check), str(case.check))
            column = case.column if isinstance(case.column, str) and code != "duplicate-key" else "*"
            theirs.add((column, code, int(case.index)))
        assert ours == theirs, (name, sorted(ours ^ theirs)[:10])


def test_fast_reader_matches_the_csv_module_on_synthetic_files(synthetic):
    package = load_package(synthetic[0])
    for table in package.tables:
        data = package.read_bytes(table.path)
        fast = read_text_table(package, table, data=data)
        text, problems = decode(table.path, data)
        slow = _read_slow(table, table.path, text, problems)
        assert fast.lines == slow.lines and fast.header == slow.header, table.name
        pd.testing.assert_frame_equal(fast.frame, slow.frame)



@pytest.mark.parametrize("data", [b"exercise_id,place_id,source_id\na,x,s\n\nb,y,s\n",
                                  b"exercise_id,place_id,source_id\na,x,s\nb,y,s\n\n",
                                  b'exercise_id,place_id,source_id\na,"x\n\ny",s\n\nb,y,s\n'])
def test_a_blank_line_is_reported_as_one_by_the_fast_reader_too(data):
    """pyarrow skips blank lines (or reads them as empty rows): the fast reader hands such a file to the csv module."""
    from .conftest import ROOT

    package = load_package(ROOT)
    text = read_text_table(package, package.table("exercise_locations"), data=data)
    assert [p.code for p in text.problems] == ["blank-row"]
    assert len(text.frame) == 2
