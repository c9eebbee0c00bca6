"""What people type, turned into a full-text query that finds what they mean.

Datasette escapes a ``?_search=`` query with the SQL function ``escape_fts``: each word becomes a
quoted FTS5 string. For the project's database alone (the ``prepare_connection`` hook of the
plugin) that function is replaced by ``expand``, which keeps the quoting and widens each plain word:

- a Russian or Belarusian word also matches every form of its stem (Snowball's Russian stemmer,
  as an FTS5 prefix): ``Минского`` finds ``Минский``, ``завода`` finds ``завод``;
- a British spelling also matches the American one and back (``defense`` finds ``defence``,
  ``armored`` finds ``armoured``, ``-ize`` finds ``-ise``).

English plurals and other endings are already folded by the index's ``porter`` tokenizer
(``outputs.sqlite.FTS_TOKENIZE``), which applies to the query's words too. A phrase in double quotes is
kept as typed. The search box, the page's description of the search and its links keep what the
person typed: only the SQL sees the wider query.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

#: Datasette's own split of a query: whitespace, or a phrase in double quotes (``datasette.utils.escape_fts``)
_BITS = re.compile(r'\s+|(".*?")')
_WORD = re.compile(r"^\w+$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: a stem shorter than this finds too much as a prefix
MIN_STEM = 3

#: British spellings and their American twins (both directions are looked up)
SPELLINGS = {
    "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
    "licence": "license", "licences": "licenses", "armour": "armor", "armoured": "armored",
    "harbour": "harbor", "labour": "labor", "honour": "honor", "colour": "color", "centre": "center",
    "centres": "centers", "metre": "meter", "metres": "meters", "theatre": "theater", "programme": "program",
    "programmes": "programs", "catalogue": "catalog", "dialogue": "dialog", "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers", "travelled": "traveled", "modelling": "modeling", "aluminium": "aluminum",
    "tyre": "tire", "tyres": "tires", "grey": "gray", "fulfil": "fulfill", "enrol": "enroll", "storey": "story",
    "kilometre": "kilometer", "kilometres": "kilometers", "judgement": "judgment", "ageing": "aging",
}
_AMERICAN = {american: british for british, american in SPELLINGS.items()}
#: -ise and -ize endings (and their forms), either way
_ISE = (("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"),
        ("ising", "izing"), ("iser", "izer"), ("isers", "izers"))
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _russian():
    import snowballstemmer

    return snowballstemmer.stemmer("russian")


@lru_cache(maxsize=4096)
def russian_stem(word: str) -> str:
    """The Snowball stem of a Russian (or Belarusian) word, lower case."""
    with _LOCK:  # a Snowball stemmer keeps its state on itself
        return _russian().stemWord(word.lower())


def spelling_variants(word: str) -> set[str]:
    """The other spellings of an English word: British for American and back, ``-ise`` for ``-ize``."""
    lower = word.lower()
    found = set()
    for table in (SPELLINGS, _AMERICAN):
        if lower in table:
            found.add(table[lower])
    if len(lower) > 5:
        for british, american in _ISE:
            for a, b in ((british, american), (american, british)):
                if lower.endswith(a):
                    found.add(lower[: -len(a)] + b)
    return found - {lower}


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _word(word: str) -> str:
    """One plain word as an FTS5 expression: the word, or a group of it and its variants."""
    alternatives = [_quoted(word)]
    alternatives += [_quoted(v) for v in sorted(spelling_variants(word))]
    if _CYRILLIC.search(word):
        stem = russian_stem(word)
        if len(stem) >= MIN_STEM and stem != word.lower():
            alternatives.append(_quoted(stem) + "*")
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def expand(query: str | None) -> str | None:
    """The FTS5 query for what was typed: ``escape_fts``'s quoting, each plain word widened (see module)."""
    if query is None:
        return None
    if query.count('"') % 2:
        query += '"'  # an unbalanced quote closes at the end, as Datasette does
    bits = [b for b in _BITS.split(query) if b and b != '""']
    parts = [b if b.startswith('"') else (_word(b) if _WORD.match(b) else _quoted(b)) for b in bits]
    return " AND ".join(parts)


def prepare_connection(conn) -> None:
    """Register ``expand`` as the connection's ``escape_fts``, which Datasette's search calls."""
    conn.create_function("escape_fts", 1, expand, deterministic=True)
