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
