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
    return deduplicate(problems)


__all__ = ["Problem", "validate"]
