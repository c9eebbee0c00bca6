"""The structural report of frictionless, normalised into Problems.

Its error types are mapped into the catalogue of problem kinds here (``problem_kinds.FRICTIONLESS_CODES``);
the message stays frictionless's own.

frictionless checks the package the way any Frictionless tool would (types,
constraints, keys, foreign keys). Its findings are kept where our own checks
did not already report the same cell, row or header more precisely.
"""
from __future__ import annotations

import multiprocessing
import warnings
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from ..problem_kinds import from_frictionless
from .report import Problem

if TYPE_CHECKING:
    from ..read import TextTable
    from ..schema import Package

HEADER_ERRORS = {"missing-label", "extra-label", "incorrect-label", "blank-label", "duplicate-label", "blank-header"}


def frictionless_errors(descriptor: str) -> list[tuple]:
    """frictionless's findings as plain tuples (place, resource, type, row, column, message, cell).

    A top-level function of plain values, so that it can run in a separate process.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import frictionless

        report = frictionless.validate(descriptor)
    found = [("", "", e.type, None, "", e.message, None) for e in report.errors]
    for task in report.tasks:
        for error in task.errors:
            column = getattr(error, "field_name", None) or getattr(error, "label", None) or ""
            cell = getattr(error, "cell", None)
            found.append((task.place, task.name, error.type, getattr(error, "row_number", None),
                          column if isinstance(column, str) else "", error.note or error.message,
                          None if cell in (None, "") else str(cell)))
    return found


def start_frictionless(package: Package) -> Future | None:
    """Run frictionless in a second process while our own checks run in this one."""
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        future = pool.submit(frictionless_errors, str(package.root / "datapackage.json"))
        pool.shutdown(wait=False)
        return future
    except (OSError, RuntimeError):
        return None


def _line(text: TextTable | None, row_number: int | None) -> int:
    if not row_number:
        return 0
    if text is not None and 0 < row_number <= len(text.record_lines):
        return text.record_lines[row_number - 1]
    return row_number


def structure_problems(package: Package, texts: dict[str, TextTable], running: Future | None = None) -> list[Problem]:
    """Every error in frictionless's report, located by file, physical line and column."""
    descriptor = str(package.root / "datapackage.json")
    try:
        found = running.result() if running is not None else frictionless_errors(descriptor)
    except Exception:  # the second process could not run: do the work here
        found = frictionless_errors(descriptor)
    by_path = {t.path: t for t in package.tables}
    problems = []
    for place, name, kind, row, column, message, cell in found:
        if not place and not name:  # a package-level error (a broken descriptor)
            problems.append(Problem("datapackage.json", 0, "", message, code=from_frictionless(kind, package_level=True)))
            continue
        table = by_path.get(place) or package.by_name.get(name)
        file = table.path if table else place
        text = texts.get(table.name) if table else None
        if kind in HEADER_ERRORS:
            row = 1
        problems.append(Problem(file, _line(text, row), column, message, value=cell, code=from_frictionless(kind)))
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
