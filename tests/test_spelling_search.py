"""The one-edit spelling search has two ways to the same answer: generating every string one edit
away (a cold start, one article) and the deletion index (a batch). They must agree word for word."""
from __future__ import annotations

import pytest

from tqcheck.checks import _words
from tqcheck.lexicon import get_lexicon

WORDS = {
    "en": ["wroet", "albiet", "teh", "recieve", "goverment", "a", "ad", "abc", "cafe", "naïve", "résumé",
           "kyiv", "zelensky", "x", "strenght", "tommorow", "the", "xqzv", "don't", "co-operate"],
    "de": ["Mädchen".lower(), "madchen", "strasse", "straße", "regirung", "bundeskanzler", "ünd", "fur"],
}


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_generated_and_indexed_search_agree(lang, monkeypatch):
    monkeypatch.setattr(_words, "DELETE_INDEX_AFTER", 10**12)  # _one_edit generates, whatever ran before
    lexicon = get_lexicon(lang)
    for word in WORDS[lang]:
        assert _words._one_edit_indexed(lexicon, word) == _words._one_edit(lexicon, word), word


def test_the_index_takes_over_after_many_searches(monkeypatch):
    lexicon = get_lexicon("en")
    calls = []
    monkeypatch.setattr(_words, "DELETE_INDEX_AFTER", 0)
    monkeypatch.setattr(_words, "_one_edit_indexed", lambda lex, word: calls.append(word) or {"wrote"})
    assert _words._one_edit(lexicon, "wroet") == {"wrote"} and calls == ["wroet"]
