"""The code lists a column can be declared to hold, with ``"x-codeList"`` on its Table Schema field.

Each list knows its codes and their English names, from ``pycountry`` (never typed by hand), and
how to say what was expected. Validation checks the cells against it, the SQLite build writes
the names into the ``code_names`` reference table, and the site shows a name beside each code.
"""
from __future__ import annotations

from functools import cached_property


class CodeList:
    """One code list: its name in schemas, the phrase for what it expects, and its codes with their names."""

    def __init__(self, name: str, expected: str, source: str, extra: dict[str, str] | None = None):
        self.name = name
        self.expected = expected
        self._source = source
        self._extra = dict(extra or {})

    @cached_property
    def names(self) -> dict[str, str]:
        """Every code of the list with its English name."""
        import pycountry

        if self._source == "countries":
            found = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
        else:
            found = {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}
        return {**found, **self._extra}

    @cached_property
    def codes(self) -> frozenset:
        """Every code of the list."""
        return frozenset(self.names)


#: Every code list a schema may name, by the name it uses.
CODE_LISTS = {cl.name: cl for cl in (
    CodeList("iso3166-1-alpha3", "an ISO 3166-1 alpha-3 country code such as BLR", "countries"),
    CodeList("iso3166-1-alpha3-or-eu", "EU or an ISO 3166-1 alpha-3 code such as USA", "countries",
             {"EU": "European Union"}),
    CodeList("iso639-1", "an ISO 639-1 language code such as ru", "languages"),
)}


class UnknownCodeList(ValueError):
    """A schema names a code list that does not exist."""


def code_list(name: str) -> CodeList:
    """The code list a schema names; UnknownCodeList naming the lists there are."""
    try:
        return CODE_LISTS[name]
    except KeyError:
        raise UnknownCodeList(f"unknown code list {name!r}; code lists are: {', '.join(CODE_LISTS)}") from None
