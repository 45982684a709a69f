"""Word tokens: a word is letters of any script with their combining marks, and inner apostrophes."""
from __future__ import annotations

import re
import unicodedata

import pytest

from tqcheck.segment import MARKS, tokens


def words(text: str) -> list[str]:
    return [t.text for t in tokens(text)]


@pytest.mark.parametrize("text, expected", [
    ("भारतीय प्रधानमंत्री नरेंद्र मोदी ने कहा।", ["भारतीय", "प्रधानमंत्री", "नरेंद्र", "मोदी", "ने", "कहा"]),  # Devanagari vowel signs
    ("বাংলাদেশের রাজধানী", ["বাংলাদেশের", "রাজধানী"]),  # Bengali
    ("ภาษาไทย", ["ภาษาไทย"]),  # Thai vowels above and below
    ("مُحَمَّد", ["مُحَمَّد"]),  # Arabic harakat
    ("Putin’s don't e\u0301te\u0301", ["Putin’s", "don't", "e\u0301te\u0301"]),
    ("G7, COVID-19 and 5G", ["G", "COVID", "and", "G"]),  # digits are no part of words
    ("_Kiev_ and __Poutine__", ["Kiev", "and", "Poutine"]),
])
def test_words(text, expected):
    assert words(text) == expected


def test_offsets_name_the_word():
    text = "Le président नरेंद्र मोदी a dit"
    assert all(text[t.start:t.end] == t.text for t in tokens(text))


def test_every_character_of_the_marks_class_is_a_combining_mark():
    chars = set()
    for a, b in re.findall(r"(.)(?:-(.))?", MARKS):
        chars.update(chr(c) for c in range(ord(a), ord(b or a) + 1))
    assert len(chars) > 1000
    assert {unicodedata.category(c) for c in chars} <= {"Mn", "Mc", "Me"}


def test_ascii_text_is_tokenized_as_the_general_pattern_would():
    """ASCII text takes a simpler pattern (no marks, no ’): same tokens, offsets and capitals."""
    import random

    from tqcheck.segment import WORD_RE

    rng = random.Random(11)
    alphabet = "aZk'- _0.\n\t'" + "".join(chr(c) for c in range(32, 127))
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert text.isascii()
        general = [(m.start(), m.end(), m.group(), m.group()[0].isupper()) for m in WORD_RE.finditer(text)]
        assert [tuple(t) for t in tokens(text)] == general, repr(text)


def test_protected_spans_of_a_long_text_are_found_in_windows_as_in_the_whole_text(mini_index):
    """In a long text, whether a span touches a URL, e-mail, hashtag, code or quotation is decided
    on a window of its lines: the answer is the one the whole text gives."""
    import random

    from tqcheck.context import LOCAL_SCAN_LIMIT, Context, Resources
    from tqcheck.document import Document

    rng = random.Random(11)
    pieces = ["Kyiv", "said", "the", "“a quoted Kiev line”", "«\u00a0guillemets\u00a0»", '"straight quote"',
              "https://example.org/Kiev?q=1", "www.kyiv.ua", "mail@kyiv.ua", "#Kyiv", "`code Kiev`",
              "\n", "\n\n", "“open quote", "spans”", ".", ","]
    words, size = [], 0
    while size <= LOCAL_SCAN_LIMIT + 20_000:
        words.append(rng.choice(pieces) if rng.random() < 0.3 else rng.choice(["Kiev", "and", "then"]))
        size += len(words[-1]) + 1
    words.append("“" + "long " * 380 + "quote”")  # near the 2,000-character limit of a quotation
    text = " ".join(words)
    ctx = Context(doc=Document(text=text), resources=Resources(index=mini_index, lexicon=lambda lang: None), tgt="en")
    whole = ctx.protected  # the whole-text answer (what a short text uses)
    kinds = ("url", "email", "hashtag", "code", "quote")
    touched = 0
    for _ in range(3000):
        start = rng.randrange(len(text) - 10)
        end = start + rng.randrange(0, 10)
        for kind in kinds:
            expected = whole[kind].overlaps(start, end)
            assert ctx.in_protected(start, end, (kind,)) == expected, (kind, start, end, text[start:end])
            touched += expected
    assert touched > 300
