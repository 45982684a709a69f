"""untranslated, with the source at hand: segments identical to the source, words copied from it."""
from __future__ import annotations

import pytest

from conftest import assert_placed


@pytest.fixture(scope="module")
def check(mini_index):
    from tqcheck.config import parse_config
    from tqcheck.document import Document
    from tqcheck.engine import Checker

    def run(src, tgt, source, text):
        config = parse_config({"select": ["untranslated"]}).with_(src=src, tgt=tgt, default_glossaries=False)
        findings = list(Checker(config, index=mini_index).check_document(Document(text=text, source=source)).findings)
        for f in findings:
            assert_placed(f, text)
        return [(f.text, f.message) for f in findings]

    return run


@pytest.mark.parametrize("src, tgt, segment, language", [
    ("fr", "en", "Lire la suite", "French"),
    ("de", "en", "Weitere Nachrichten lesen", "German"),
    ("en", "fr", "Read more here", "English"),
    ("en", "de", "Read more here", "English"),
])
def test_segment_identical_to_its_source(check, src, tgt, segment, language):
    found = check(src, tgt, segment, segment)
    assert (segment, f"identical to the source: left untranslated from {language}?") in found


def test_identical_is_case_and_space_insensitive(check):
    assert check("fr", "en", "Lire  la suite", "lire la Suite")


def test_identical_sentence_inside_a_document(check):
    source = "Le ministre est arrivé. Lire la suite"
    text = "The minister arrived. Lire la suite"
    assert ("Lire la suite", "identical to the source: left untranslated from French?") in check("fr", "en", source, text)


@pytest.mark.parametrize("src, tgt, source, text", [
    ("fr", "en", "Lire la suite", "Read more"),
    ("fr", "en", "« We will win », a-t-il dit. We will win.", "We will win."),  # English in the source too
    ("fr", "en", "Vladimir Poutine, Sergueï Choïgou, Li Shangfu", "Vladimir Poutine, Sergueï Choïgou, Li Shangfu"),
    ("fr", "en", "Real Madrid", "Real Madrid"),  # fewer than three words
    ("ru", "en", "Путин сказал", "Putin said"),
    ("de", "en", "Sagte Colling gestern.", "Colling said yesterday."),  # a name copied is no leftover
    ("en", "fr", "The deadline was postponed.", "La deadline a été reportée."),  # a loanword of French
])
def test_clean(check, src, tgt, source, text):
    assert check(src, tgt, source, text) == []


def test_words_copied_from_the_source(check):
    found = check("de", "en", "Der Bundeskanzler sprach gestern.", "The Bundeskanzler spoke yesterday.")
    assert found == [("Bundeskanzler", "'Bundeskanzler' is copied from the source: a German word, not English")]
    assert [t for t, _ in check("fr", "en", "Le ministre a agi subrepticement.", "The minister acted subrepticement.")] == ["subrepticement"]
    assert [t for t, _ in check("en", "de", "He said nonetheless that", "Er sagte nonetheless, dass")] == ["nonetheless"]


def test_without_the_source_only_the_word_lists_speak(check):
    # a common German noun that English word lists have never seen is still a leftover, but
    # nothing says it was copied from a source
    assert check("de", "en", None, "The Bundeskanzler spoke yesterday.") == [
        ("Bundeskanzler", "'Bundeskanzler' is a German word, not English: left untranslated?")
    ]
    assert check("de", "en", None, "The chancellor spoke yesterday.") == []
