"""Validation of the data package: structure, generated Pandera rules, cross-table rules.

Checks return Problems; they never print or exit. ``validate`` runs them all
and returns every problem at once.
"""
from __future__ import annotations

from ..schema import Package, load_package
from .report import Problem, deduplicate


def validate(package: Package | None = None, *, structure: bool = True) -> list[Problem]:
    """All problems in the package, sorted by file and line. Never writes a file."""
    from ..read import read_all
    from .crosstable import crosstable_problems
    from .rules import check_table, key_values

    package = package or load_package()
    texts = read_all(package)
    problems: list[Problem] = []
    for text in texts.values():
        problems.extend(text.problems)
    keys = key_values(texts)
    for text in texts.values():
        problems.extend(check_table(text, keys))
    problems.extend(crosstable_problems(package, texts))
    if structure:
        from .structure import structure_problems, without_duplicates_of

        problems.extend(without_duplicates_of(problems, structure_problems(package, texts)))
    return deduplicate(_without_consequences_of_ragged_rows(problems))


def _without_consequences_of_ragged_rows(problems: list[Problem]) -> list[Problem]:
    """A row with too few or too many cells is reported once; its shifted cells are not reported again."""
    ragged = {(p.file, p.line) for p in problems if p.code == "ragged-row"}
    return [p for p in problems if p.code == "ragged-row" or (p.file, p.line) not in ragged]


__all__ = ["Problem", "validate"]
