"""The structural report of frictionless, normalised into Problems.

frictionless checks the package the way any Frictionless tool would (types,
constraints, keys, foreign keys). Its findings are kept where our own checks
did not already report the same cell, row or header more precisely.
"""
from __future__ import annotations

import warnings

from ..read import TextTable
from ..schema import Package
from .report import Problem

HEADER_ERRORS = {"missing-label", "extra-label", "incorrect-label", "blank-label", "duplicate-label", "blank-header"}  # noqa: E501


def frictionless_report(package: Package):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import frictionless

        return frictionless.validate(str(package.root / "datapackage.json"))


def _line(text: TextTable | None, row_number: int | None) -> int:
    if not row_number:
        return 0
    if text is not None and 0 < row_number <= len(text.record_lines):
        return text.record_lines[row_number - 1]
    return row_number


def structure_problems(package: Package, texts: dict[str, TextTable]) -> list[Problem]:
    """Every error in frictionless's report, located by file, physical line and column."""
    report = frictionless_report(package)
    problems = []
    for error in report.errors:  # package-level errors (a broken descriptor)
        problems.append(Problem("datapackage.json", 0, "", error.message, code=error.type))
    by_path = {t.path: t for t in package.tables}
    for task in report.tasks:
        table = by_path.get(task.place) or package.by_name.get(task.name)
        file = table.path if table else task.place
        text = texts.get(table.name) if table else None
        for error in task.errors:
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None) or getattr(error, "label", None) or ""
            cell = getattr(error, "cell", None)
            if error.type in HEADER_ERRORS:
                row = 1
            problems.append(Problem(file, _line(text, row), column if isinstance(column, str) else "",
                                    error.note or error.message, value=cell if cell not in (None, "") else None,
                                    code=f"frictionless/{error.type}"))
    return problems


def without_duplicates_of(ours: list[Problem], theirs: list[Problem]) -> list[Problem]:
    """frictionless problems at places our own checks have not already reported.

    Once our reader has found a header, encoding or row-shape problem in a file,
    frictionless's view of the columns after it is misaligned, so its findings
    for that file (or that row) would only repeat the same fault in worse words.
    """
    lines = {(p.file, p.line) for p in ours}
    whole_files = {p.file for p in ours if p.code in
                   {"missing-file", "empty-file", "encoding", "csv-syntax",
                    "missing-column", "extra-column", "duplicate-column", "column-order"}}
    return [p for p in theirs if p.file not in whole_files and (p.file, p.line) not in lines]
