"""The compiled glossary index: what the on-disk cache keeps must give back exactly what was
compiled (forms, readings, entities), and the derived structures must agree with the entities."""
from __future__ import annotations

import pickle

import pytest

from tqcheck.cache import dump_mapped, load_mapped
from tqcheck.glossary.index import GlossaryIndex
from tqcheck.glossary.files import default_glossary_paths
from tqcheck.glossary.load import load_glossaries, parse_glossary_text
from tqcheck.glossary.model import Glossary

SMALL = """\
entities:
  - id: kyiv
    type: city
    severity: critical
    ignore: [Chicken Kiev]
    names:
      en: {name: Kyiv, deprecated: [{form: Kiev, note: since 2019}]}
      fr: {name: Kyiv, alt: [Kiev]}
      uk: Київ
  - id: obrien
    type: person
    description: "Someone with an apostrophe"
    names:
      en: {name: Jack O’Brien, short: [O'Brien]}
      de: {name: Jack O'Brien, short: [O'Brien], inflected: [O'Briens]}
"""


@pytest.fixture(scope="module")
def shipped():
    return load_glossaries(default_glossary_paths())


def small_index() -> tuple[Glossary, GlossaryIndex]:
    entities, problems = parse_glossary_text(SMALL, "small.yaml")
    assert not problems
    glossary = Glossary(entities=tuple(entities))
    return glossary, GlossaryIndex(glossary)


def mapped(index: GlossaryIndex, folder) -> GlossaryIndex:
    """The index as the cache keeps it: large parts after the pickle, mapped back from the file."""
    path = folder / "index"
    path.write_bytes(dump_mapped(index))
    return load_mapped(path)


# Every way an index is kept: pickled in one piece (any protocol), or in the cache's mapped file.
KEPT = {
    "pickle-4": lambda index, folder: pickle.loads(pickle.dumps(index, protocol=4)),
    "pickle-5": lambda index, folder: pickle.loads(pickle.dumps(index, protocol=5)),
    "mapped": mapped,
}


@pytest.mark.parametrize("kept", KEPT)
def test_kept_index_gives_back_every_entity(shipped, kept, tmp_path):
    index = KEPT[kept](GlossaryIndex(shipped), tmp_path)
    assert len(index.entities) == len(shipped.entities)
    assert list(index.entities) == list(shipped.entities)


@pytest.mark.parametrize("kept", KEPT)
def test_kept_index_scans_and_looks_up_the_same(kept, tmp_path):
    _, fresh = small_index()
    loaded = KEPT[kept](fresh, tmp_path)
    text = "Kiev, Kyiv, Jack O'Brien and O’Brien’s friend; Київ. Chicken Kiev."
    assert loaded.scan(text) == fresh.scan(text)
    assert [m.form for m in loaded.scan(text)] == ["Kiev", "Kyiv", "Jack O'Brien", "O’Brien", "Київ", "Kiev"]
    for form in ("Kiev", "O’Brien", "Київ", "Kyi"):
        assert loaded.hits(form) == fresh.hits(form)
    for lang in ("en", "fr", "de", "uk", "xx"):
        assert bytes(loaded.status(lang)) == bytes(fresh.status(lang))


def test_a_mapped_index_copies_nothing_until_asked(tmp_path):
    """Loading the cache maps its file: the large parts stay views of the file (the automaton is
    copied out only when it is loaded, on first use)."""
    _, fresh = small_index()
    loaded = mapped(fresh, tmp_path)
    assert isinstance(loaded._edges, memoryview) and isinstance(loaded._hit_meta, memoryview)
    assert isinstance(loaded._automaton_data, memoryview) and loaded._automaton is None
    assert loaded._mapped is not None  # the automaton is read from the file itself, off the GIL
    assert loaded.scan("Kiev") and loaded._automaton_data is None and loaded._mapped is None


def test_readings_of_a_form_in_every_language():
    _, index = small_index()
    kiev = {(h.lang, h.kind, h.note) for h in index.hits("Kiev")}
    assert kiev == {("en", "deprecated", "since 2019"), ("fr", "alt", "")}
    assert index.hits("Kiev")[0].entity == 0
    assert {h.lang for h in index.hits("O’Brien")} == {"en", "de"}  # apostrophes are one
    assert index.hits("Kyyiv") == ()
    assert index.has_form("Київ") and not index.has_form("Kyi")


def test_readings_in_one_language_are_kept_per_form():
    _, index = small_index()
    (match,) = index.scan("in Kiev today")
    assert [h.kind for h in match.in_lang("en")] == ["deprecated"]
    assert [h.kind for h in match.in_lang("fr")] == ["alt"]
    assert match.in_lang("de") == ()
    assert match.in_lang("en") is match.in_lang("en")  # computed once per form


def test_entity_fields_survive_the_cache(tmp_path):
    glossary, index = small_index()
    loaded = mapped(index, tmp_path)
    kyiv, obrien = loaded.entities[0], loaded.entities[1]
    assert kyiv == glossary.entities[0]
    assert int(kyiv.severity) == 3 and kyiv.ignore == ("Chicken Kiev",)
    assert kyiv.names["en"].deprecated == (("Kiev", "since 2019"),)
    assert obrien.description == "Someone with an apostrophe" and obrien.names["de"].inflected == ("O'Briens",)


@pytest.mark.parametrize("kept", KEPT)
def test_a_form_with_a_nul_character_is_kept(kept, tmp_path):
    entities, problems = parse_glossary_text('entities:\n  - id: odd\n    type: thing\n    names:\n      en: "A\\0B"\n', "odd.yaml")
    assert not problems
    index = KEPT[kept](GlossaryIndex(Glossary(entities=tuple(entities))), tmp_path)
    assert index.has_form("A\0B") and [m.form for m in index.scan("x A\0B y")] == ["A\0B"]


def _names_from_entities(entities, lang):
    """names_in as the entities spell it out (the reference the flat computation must match);
    apostrophes are one, as everywhere in the index."""
    from tqcheck.glossary.index import _unify_apostrophes

    result = {}
    for idx, entity in enumerate(entities):
        names = entity.names.get(lang)
        if names is not None:
            for form, kind, _ in names.forms():
                if kind != "deprecated":
                    result.setdefault(_unify_apostrophes(form), (idx, kind))
    return result


@pytest.mark.parametrize("lang", ["en", "fr", "de", "ru", "uk", "xx"])
def test_names_in_agrees_with_the_entities(shipped, lang):
    index = GlossaryIndex(shipped)
    assert index.names_in(lang) == _names_from_entities(shipped.entities, lang)


def test_every_apostrophe_matches_a_form_written_with_one():
    entities, problems = parse_glossary_text(
        "entities:\n  - id: x\n    type: person\n    names:\n      uk: {name: \"Дар'я Об'єдна\"}\n      en: {name: \"D'Arcy\"}\n",
        "x.yaml",
    )
    assert not problems
    index = GlossaryIndex(Glossary(entities=tuple(entities)))
    for text in ("Дар'я Об'єдна", "Дар’я Обʼєдна", "Дарʼя Об‘єдна", "D‘Arcy", "DʼArcy"):
        (match,) = index.scan(f"— {text}, x")
        assert match.form == text and match.start == 2 and index.entities[match.hits[0].entity].id == "x"
    assert index.scan("D’Arcys") == [] and len(index.scan("D’Arcy's")) == 1  # still word-bounded


def test_a_latin_form_next_to_chinese_or_japanese_is_word_bounded():
    entities, problems = parse_glossary_text(
        "entities:\n  - id: nhk\n    type: organization\n    names:\n      en: NHK\n      ru: НХК\n", "x.yaml"
    )
    assert not problems
    index = GlossaryIndex(Glossary(entities=tuple(entities)))
    assert [m.form for m in index.scan("据のNHKが報じた")] == ["NHK"]
    assert [m.form for m in index.scan("NHK报道")] == ["NHK"]
    assert index.scan("NHKs") == [] and index.scan("xNHK") == [] and index.scan("НХКа") == []


def test_look_ups_by_binary_search_and_by_dictionary_agree(shipped, monkeypatch):
    import tqcheck.glossary.index as index_module

    probes = ["Kyiv", "Kiev", "Київ", "Putin", "Vladimir Poutine", "O'Brien", "Zzz", "", "A", "Москва", "普京"]
    monkeypatch.setattr(index_module, "DICT_AFTER_LOOKUPS", 10**9)
    by_search = [GlossaryIndex(shipped).hits(p) for p in probes]
    monkeypatch.setattr(index_module, "DICT_AFTER_LOOKUPS", 0)
    by_dict = [GlossaryIndex(shipped).hits(p) for p in probes]
    assert by_search == by_dict and sum(map(bool, by_search)) >= 6


def test_look_ups_in_the_mapped_forms_agree_with_the_list(shipped, tmp_path, monkeypatch):
    """As loaded from the cache, a form is looked up by binary search in the UTF-8 buffer; every
    form is found there, at its own id, and a text that is no form (between two, before the
    first, after the last) is not."""
    import tqcheck.glossary.index as index_module

    monkeypatch.setattr(index_module, "DICT_AFTER_LOOKUPS", 10**9)
    fresh = GlossaryIndex(shipped)
    loaded = mapped(fresh, tmp_path)
    forms = fresh._form_list
    assert all(loaded._search(form) == i for i, form in enumerate(forms))
    assert not isinstance(loaded._forms, list)  # never decoded whole
    for absent in ["", "\x00", forms[0][:-1], forms[-1] + "z", "Kyivz", "Zzzzz", "\U0010ffff"]:
        assert (absent in forms) == (loaded._search(absent) is not None)


def test_a_long_text_scanned_in_parts_on_threads_gives_the_same_matches(monkeypatch, shipped):
    """Parts reach one longest pattern into the next: a name across a cut is found whole, once."""
    import random

    import tqcheck.glossary.index as index_module

    index = GlossaryIndex(shipped)
    rng = random.Random(3)
    words = ["Kiev", "Kyiv", "Vladimir Putin", "Vladimir Poutine", "O’Brien", "Київ", "the", "Chicken Kiev",
             "Xinhua News Agency", "普京", "Kievan", "Putins", "Nizhny Novgorod", "é", "US-led", "U.S."]
    text = " ".join(rng.choice(words) for _ in range(3000))
    single = index.scan_ids(text)
    assert len(single) > 1000
    monkeypatch.setattr(index_module, "PARALLEL_SCAN_BYTES", 97)
    monkeypatch.setattr(index_module.os, "cpu_count", lambda: 4)
    for threads in (2, 3, 4):
        monkeypatch.setattr(index_module, "MAX_SCAN_THREADS", threads)
        assert len(index._find(index.automaton, text.encode())) == threads
        assert index.scan_ids(text) == single
    # A cut inside a long name, at each of its spaces: the padding after the text moves the middle.
    short = "in Vladimir Poutine and Xinhua News Agency reports"
    expected = [(s, e) for s, e, _ in index.scan_ids(short)]
    monkeypatch.setattr(index_module, "MAX_SCAN_THREADS", 2)
    monkeypatch.setattr(index_module, "PARALLEL_SCAN_BYTES", 1)
    for pad in range(len(short)):
        text = short + " " + "x" * pad
        assert [(s, e) for s, e, _ in index.scan_ids(text)] == expected
