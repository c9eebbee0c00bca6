"""Validation of the data package: structure, generated Pandera rules, cross-table rules.

Checks return Problems; they never print or exit. ``validate`` runs them all
and returns every problem at once.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from ..schema import Package, load_package
from .report import Problem, deduplicate


#: tables are checked side by side; the order of the problems does not depend on it
THREADS = min(4, os.cpu_count() or 1)


def validate(package: Package | None = None, *, structure: bool = True, engine: str = "auto",
             texts: dict | None = None) -> list[Problem]:
    """All problems in the package, sorted by file and line. Never writes a file.

    ``structure`` adds frictionless's report (run in a second process); ``engine`` chooses how the
    generated Pandera rules run, once for every table (``rules.engine_for``: ``auto`` is Pandera up
    to 50,000 rows in the package, the direct run above); ``texts`` are the tables already read by
    ``read.read_all``, for callers that go on to use them (build, load, dist).
    """
    from ..read import read_all
    from .crosstable import crosstable_problems
    from .rules import check_table, engine_for, key_values

    package = package or load_package()
    running = None
    if structure:
        from .structure import start_frictionless

        running = start_frictionless(package)  # frictionless works on the other core meanwhile
    texts = texts if texts is not None else read_all(package)
    problems: list[Problem] = []
    for text in texts.values():
        problems.extend(text.problems)
    keys = key_values(texts)
    engine = engine_for(sum(len(t.frame) for t in texts.values()), engine)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:  # pyarrow's kernels release the GIL
        cross = pool.submit(crosstable_problems, package, texts)
        for found in pool.map(lambda text: check_table(text, keys, engine), texts.values()):
            problems.extend(found)
        problems.extend(cross.result())
    if structure:
        from .structure import structure_problems, without_duplicates_of

        problems.extend(without_duplicates_of(problems, structure_problems(package, texts, running)))
    return deduplicate(_without_consequences_of_ragged_rows(problems))


def _without_consequences_of_ragged_rows(problems: list[Problem]) -> list[Problem]:
    """A row with too few or too many cells is reported once; its shifted cells are not reported again."""
    ragged = {(p.file, p.line) for p in problems if p.code == "ragged-row"}
    return [p for p in problems if p.code == "ragged-row" or (p.file, p.line) not in ragged]


__all__ = ["Problem", "validate"]
