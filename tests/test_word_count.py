"""The word count behind the MQM penalty: white-space separated items as str.split() sees them,
plus one word per Chinese/Japanese character."""
import random
import re

import pytest

from tqcheck.engine import _count_words_py, count_words

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]")


def reference(text: str) -> int:
    return len(text.split()) + len(_CJK.findall(text))


@pytest.mark.parametrize("text, words", [
    ("", 0),
    ("   \n\t ", 0),
    ("Kyiv", 1),
    ("  Kyiv is  the capital.\n", 4),
    ("Vladimir\u00a0Poutine", 2),  # no-break space separates
    ("a\u3000b", 3),  # the ideographic space separates, and is counted as a CJK character
    ("普京会见了拜登", 8),  # one white-space item and seven characters
    ("習近平 (Xi Jinping)", 6),
    ("l’Ukraine « libre »", 4),
    ("😀 emoji", 2),
])
def test_examples(text, words):
    assert count_words(text) == words == reference(text)
    assert _count_words_py(text, text.encode("utf-8", "surrogatepass")) == words  # the pure-Python twin


def test_matches_the_reference_on_every_kind_of_white_space_and_script():
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    alphabet = spaces + list("ab.é") + ["ё", "中", "\u3000", "\u2e80", "\u2fff", "\uf900", "\ufaff", "\u9fff",
                                          "\ua000", "😀", "\ud800", "’"]
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 15)))
        assert count_words(text) == reference(text), repr(text)
        assert _count_words_py(text, text.encode("utf-8", "surrogatepass")) == reference(text), repr(text)
