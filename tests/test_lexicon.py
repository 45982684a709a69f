"""Word frequencies: a long run reads the whole list into memory (after BULK_AFTER look-ups one
by one); every word then has the frequency SQLite gives it, and the flat copy kept in the cache
(which later runs load instead of SQLite) gives the same."""
from __future__ import annotations

import pytest

import tqcheck.lexicon as lexicon_module
from tqcheck.lexicon import Lexicon, get_lexicon

WORDS = ["the", "The", "Kyiv", "wrote", "wroet", "d'état", "l’homme", "naïve", "Straße", "", "zzzzqx", "ÉTAT"]


@pytest.fixture
def english():
    lexicon = get_lexicon("en")
    assert lexicon is not None and lexicon._db_path is not None
    return lexicon


def _fresh(lexicon: Lexicon) -> Lexicon:
    return Lexicon(lexicon.lang, db_path=lexicon._db_path)


def test_the_whole_list_in_memory_gives_what_sqlite_gives(english, monkeypatch):
    one_by_one = [_fresh(english).zipf(w) for w in WORDS]
    assert one_by_one[0] > 7 and one_by_one[4] == 0.0  # "the"; "wroet" is no word
    monkeypatch.setattr(lexicon_module, "BULK_AFTER", 0)
    for attempt in ("built", "loaded from the cache"):
        bulk = _fresh(english)
        assert [bulk.zipf(w) for w in WORDS] == one_by_one, attempt
        assert bulk._dict is not None
        rows = bulk._conn().execute("SELECT w, z FROM words")
        assert bulk._dict == {w: z / 100 for w, z in rows}, attempt
    assert list(english._db_path.parent.glob(f"{english._db_path.stem}-all.pickle"))


def test_a_damaged_flat_copy_is_rebuilt(english, monkeypatch):
    monkeypatch.setattr(lexicon_module, "BULK_AFTER", 0)
    flat = english._db_path.parent / f"{english._db_path.stem}-all.pickle"
    _fresh(english).zipf("the")
    flat.write_bytes(b"garbage")
    bulk = _fresh(english)
    assert bulk.zipf("the") > 7 and bulk.zipf("wroet") == 0.0
    assert flat.read_bytes() != b"garbage"


def test_the_rows_are_wordfreqs_zipf_values():
    """Read from wordfreq's packed buckets, each word has the Zipf value (x 100) its frequency
    gives: log10(frequency) + 9."""
    import math

    import wordfreq

    from tqcheck.lexicon import _wordfreq_rows

    rows = dict(_wordfreq_rows("fr"))
    freqs = wordfreq.get_frequency_dict("fr", wordlist="large")
    assert len(rows) == len(freqs) > 100_000
    assert all(rows[w] == round((math.log10(f) + 9) * 100) for w, f in freqs.items())
    assert _wordfreq_rows("xx") is None


def test_no_word_list_for_a_language_wordfreq_lacks(monkeypatch, tmp_path):
    """wordfreq answers a language it lacks with its nearest match (Zulu: English) and a warning;
    tqcheck has no list then, and the checks that need one skip the language."""
    from tqcheck import lexicon

    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path))
    lexicon.get_lexicon.cache_clear()
    try:
        assert lexicon.get_lexicon("zu") is None
        assert lexicon._wordfreq_rows("zu") is None
        assert dict(lexicon._wordfreq_rows("no") or {}).get("og", 0) > 700  # Norwegian: wordfreq's "nb"
    finally:
        lexicon.get_lexicon.cache_clear()
