"""The compiled twins (tqcheck/_speedups.c) give exactly what their pure-Python twins give.

Skipped where the install could not build the extension (no C compiler): the Python twins then
run, and every other test checks them. CI has a compiler and `.ci/run` fails when the extension
did not build; TQCHECK_REQUIRE_SPEEDUPS=1 makes this module fail then too.
"""
from __future__ import annotations

import os
import random

import pytest

from tqcheck.engine import _count_words_py
from tqcheck.glossary import index as index_module
from tqcheck.glossary.index import ByteMatches, GlossaryIndex, _joins, _select_matches_py
from tqcheck.glossary.load import parse_glossary_text
from tqcheck.glossary.model import Glossary
from tqcheck.speedups import SPEEDUPS


def test_built_where_ci_requires_it():
    if os.environ.get("TQCHECK_REQUIRE_SPEEDUPS"):
        assert SPEEDUPS is not None, "tqcheck._speedups did not build (or TQCHECK_PURE_PYTHON is set)"


speedups = pytest.importorskip("tqcheck._speedups", reason="built without a C compiler")

# Forms with apostrophes (their variants are extra patterns), non-ASCII letters at both ends, a
# CJK form (no word boundary needed), forms inside other forms, a Cyrillic one.
GLOSSARY = """\
entities:
  - id: kyiv
    type: city
    names: {en: {name: Kyiv, deprecated: [{form: Kiev}]}, uk: Київ, ru: Киев}
  - id: obrien
    type: person
    names: {en: {name: Jack O'Brien, short: [O'Brien]}}
  - id: ecole
    type: organization
    names: {fr: {name: École normale, short: [École]}, en: Ecole}
  - id: tokyo
    type: city
    names: {ja: 東京, en: Tokyo, fr: Tōkyō}
  - id: new-york
    type: city
    names: {en: {name: New York, alt: [New York City]}, fr: New York}
  - id: ny-times
    type: organization
    names: {en: New York Times}
"""
PIECES = ["Kyiv", "Kiev", "Київ", "Киев", "Jack O'Brien", "O’Brien", "Oʼbrien", "École", "École normale",
          "Ecole", "東京", "Tokyo", "Tōkyō", "New York", "New York City", "New York Times", " ", " ", " ", ", ",
          "a", "é", "ß", "я", "の", "1", "_", "-", "\u0301", "😀", "\n", "\u00a0", "x"]


def small_index() -> GlossaryIndex:
    entities, problems = parse_glossary_text(GLOSSARY, "small.yaml")
    assert not problems
    return GlossaryIndex(Glossary(entities=tuple(entities)))


def random_texts(seed: int, count: int, longest: int = 12):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(0, longest)))


def test_select_matches_equals_the_python_twin():
    index = small_index()
    automaton = index.automaton
    checked = 0
    for text in random_texts(3, 3000):
        data = text.encode("utf-8", "surrogatepass")
        parts = index._find(automaton, data) if data else [(0, 0, [])]
        args = (data, parts, index._edges, index._variant_of, index._form_count)
        compiled = speedups.select_matches(*args, _joins)
        assert compiled == _select_matches_py(*args), repr(text)
        checked += bool(compiled)
    assert checked > 1000  # the texts do hold names


def test_select_matches_in_parts_equals_the_python_twin(monkeypatch):
    """A long text is searched in parts on threads; each part reaches into the next."""
    monkeypatch.setattr(index_module, "PARALLEL_SCAN_BYTES", 40)
    index = small_index()
    automaton = index.automaton
    for text in random_texts(5, 300, longest=60):
        data = text.encode("utf-8", "surrogatepass")
        parts = index._find(automaton, data)
        args = (data, parts, index._edges, index._variant_of, index._form_count)
        assert speedups.select_matches(*args, _joins) == _select_matches_py(*args), repr(text)


def test_scan_is_the_same_with_and_without_the_speedups(monkeypatch):
    index = small_index()
    texts = list(random_texts(11, 500))
    compiled = [index.scan_ids(text) for text in texts]
    monkeypatch.setattr(index_module, "SPEEDUPS", None)
    assert [index.scan_ids(text) for text in texts] == compiled


def test_word_boundaries_are_the_ones_python_decides():
    index = small_index()
    found = [m.form for m in index.scan("Kyivé Kyiv́ Kyivの Kyiv, 東京の Tokyo1 Tokyo_ Киевская Киев")]
    # é and a combining accent join; a kana, a comma and "_" (Markdown's _emphasis_) do not.
    assert found == ["Kyiv", "Kyiv", "東京", "Tokyo", "Киев"]


def test_char_offsets_equal_the_python_twin(monkeypatch):
    index = small_index()
    for text in random_texts(17, 1000):
        found = index.scan_bytes(text)
        compiled = found.chars()
        monkeypatch.setattr(index_module, "SPEEDUPS", None)
        assert found.chars() == compiled, repr(text)
        monkeypatch.setattr(index_module, "SPEEDUPS", speedups)
        for start, end, form_id in compiled:
            assert index.match(text, start, end, form_id).form == text[start:end]


def test_count_words_equals_the_python_twin():
    rng = random.Random(23)
    alphabet = [chr(c) for c in range(0x110000) if chr(c).isspace()] + list("ab.é1") + [
        "ё", "中", "\u3000", "\u2e7f", "\u2e80", "\u2fff", "\uf8ff", "\uf900", "\ufaff", "\ufb00", "\u9fff", "\ua000",
        "😀", "\ud800", "\udfff", "’", "\u0301"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        data = text.encode("utf-8", "surrogatepass")
        assert speedups.count_words(data) == _count_words_py(text, data), repr(text)


def test_bad_arguments_raise_instead_of_crashing():
    index = small_index()
    data = b"Kyiv"
    with pytest.raises(TypeError):
        speedups.select_matches(data, [(0, 4)], index._edges, index._variant_of, index._form_count, _joins)
    with pytest.raises(TypeError):
        speedups.select_matches(data, [(0, 4, [(0, 4)])], index._edges, index._variant_of, index._form_count, _joins)
    with pytest.raises(IndexError):  # a pattern id past the forms and their variants
        speedups.select_matches(data, [(0, 4, [(0, 4, 10**6)])], index._edges, index._variant_of, index._form_count, _joins)
    with pytest.raises(IndexError):  # a match past the end of the text
        speedups.select_matches(data, [(0, 9, [(0, 9, 0)])], index._edges, index._variant_of, index._form_count, _joins)
    with pytest.raises(ValueError):  # out of order
        speedups.char_offsets("é a".encode(), [(2, 3, 0), (0, 2, 0)])
    with pytest.raises(TypeError):
        speedups.count_words("not bytes")


def test_a_failing_joins_test_propagates():
    index = small_index()

    def broken(ch):
        raise RuntimeError("boom")

    data = "éKyiv".encode()
    parts = index._find(index.automaton, data)
    with pytest.raises(RuntimeError):
        speedups.select_matches(data, parts, index._edges, index._variant_of, index._form_count, broken)
    assert ByteMatches(data, [], False).chars() == []
