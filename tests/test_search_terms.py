"""What people type becomes an FTS5 query that also finds Russian inflections and the other English spelling."""
import sqlite3

from belarus_russia_defence.outputs.sqlite import FTS_TOKENIZE
from belarus_russia_defence.site.search_terms import expand, spelling_variants


def _matches(rows: list[str], typed: str) -> list[str]:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize='{FTS_TOKENIZE}')")
    conn.executemany("INSERT INTO t (text) VALUES (?)", [(r,) for r in rows])
    return [r[0] for r in conn.execute("SELECT text FROM t WHERE t MATCH ? ORDER BY rowid", (expand(typed),))]


ROWS = ["Минский завод колёсных тягачей", "ГУВД Минского горисполкома", "Ministry of Defence", "armoured vehicles",
        "modernised tanks", "Su-30SM fighters"]


def test_a_russian_word_finds_its_other_forms():
    assert _matches(ROWS, "Минского завода") == ["Минский завод колёсных тягачей"]
    assert _matches(ROWS, "минский") == ["Минский завод колёсных тягачей", "ГУВД Минского горисполкома"]


def test_an_american_spelling_finds_the_british_one_and_back():
    assert _matches(ROWS, "defense ministry") == ["Ministry of Defence"]
    assert _matches(ROWS, "armored") == ["armoured vehicles"]
    assert _matches(ROWS, "modernized tank") == ["modernised tanks"]
    assert _matches(["an armored car"], "armoured") == ["an armored car"]
    assert spelling_variants("organization") == {"organisation"} and spelling_variants("rise") == set()


def test_operators_and_punctuation_are_words_and_phrases_are_kept():
    assert _matches(ROWS, "Su-30SM") == ["Su-30SM fighters"]
    assert _matches(ROWS, '"завод колёсных"') == ["Минский завод колёсных тягачей"]
    assert _matches(ROWS, "tanks OR Defence") == []  # OR is a word to find, as in Datasette's own search
    assert _matches(ROWS, 'unbalanced "quote') == []
    assert expand(None) is None
