"""entity-mismatch: names of the source lost or swapped in the translation (glossary and others)."""
from __future__ import annotations

import pytest

from conftest import FIXTURES, MINI, assert_placed

PAIRS = FIXTURES / "pairs.yaml"


@pytest.fixture(scope="module")
def check():
    from tqcheck.config import parse_config
    from tqcheck.document import Document
    from tqcheck.engine import Checker
    from tqcheck.glossary.index import compile_glossaries

    index = compile_glossaries([MINI, PAIRS])

    def run(src, tgt, source, text, **rules):
        config = parse_config({"select": ["entity-mismatch"], "rules": {"entity-mismatch": rules} if rules else {}})
        checker = Checker(config.with_(src=src, tgt=tgt, default_glossaries=False), index=index)
        doc = Document(text=text, source=source)
        findings = list(checker.check_document(doc).findings)
        for f in findings:
            assert_placed(f, text)
        return findings

    return run


FLAGGED = [
    # (src, tgt, source, translation, finding text, message part)
    ("ru", "en", "Путин встретился с Шойгу в Москве.", "Shoigu met Zelensky in Moscow.",
     "Zelensky", "source names Vladimir Putin (Путин), the translation names Volodymyr Zelensky instead"),
    ("ru", "en", "Визит Путина в Москву.", "The visit to Moscow.",
     "The visit to Moscow.", "source names Vladimir Putin (Путина), the translation does not"),
    ("ru", "en", "Он вернулся из Парижа.", "He returned from Berlin.",
     "Berlin", "source names Paris (Парижа), the translation names Berlin instead"),
    ("uk", "en", "Зеленського запросили до Львова.", "Zelensky was invited to Kyiv.",
     "Kyiv", "source names Lviv (Львова), the translation names Kyiv instead"),
    ("uk", "en", "Зеленського запросили до Львова.", "He was invited to Lviv.",
     "He was invited to Lviv.", "source names Volodymyr Zelensky (Зеленського), the translation does not"),
    ("de", "en", "Putins Besuch in Frankreich.", "Putin's visit to Poland.",
     "Poland", "source names France (Frankreich), the translation names Poland instead"),
    ("fr", "en", "Emmanuel Macron a reçu Vladimir Poutine.", "Emmanuel Macron received Volodymyr Zelensky.",
     "Volodymyr Zelensky", "source names Vladimir Putin (Vladimir Poutine), the translation names Volodymyr Zelensky instead"),
    ("en", "fr", "Vladimir Putin met Sergei Shoigu in Moscow.", "Vladimir Poutine a rencontré les ministres à Moscou.",
     "Vladimir Poutine a rencontré les ministres à Moscou.", "source names Sergueï Choïgou (Sergei Shoigu), the translation does not"),
    ("en", "de", "Macron flew to Paris.", "Macron flog nach Berlin.",
     "Berlin", "source names Paris (Paris), the translation names Berlin instead"),
]


@pytest.mark.parametrize("src, tgt, source, text, where, message", FLAGGED, ids=[f"{c[0]}-{c[1]}-{c[4][:12]}" for c in FLAGGED])
def test_flagged(check, src, tgt, source, text, where, message):
    findings = check(src, tgt, source, text)
    assert [(f.text, f.message) for f in findings] == [(where, message)]


CLEAN = [
    ("ru", "en", "Визит Путина в Москву.", "Putin's visit to Moscow."),
    ("ru", "en", "Путин прибыл в Париж, а затем в Берлин.", "Putin arrived in Paris and then in Berlin."),
    ("ru", "en", "Выступление Зеленского в Москве.", "Zelensky's speech in Moscow."),
    ("uk", "en", "Зеленського запросили до Львова.", "Zelensky was invited to Lviv."),
    ("uk", "en", "Зеленський прибув до Києва.", "Zelensky arrived in Kyiv."),  # Київ -> Києва
    ("de", "en", "Putins Besuch in Frankreich.", "Putin's visit to France."),
    ("de", "en", "Putins Besuch in Deutschland.", "Putin's German visit."),  # an adjective names it
    ("fr", "en", "Vladimir Poutine a rencontré Sergueï Choïgou à Moscou.", "Vladimir Putin met Sergei Shoigu in Moscow."),
    ("fr", "en", "Vladimir Poutine à Moscou.", "Vladimir Poutine in Moscow."),  # a leftover is source-form's
    ("en", "fr", "Vladimir Putin met Sergei Shoigu in Moscow.", "Vladimir Poutine a rencontré Sergueï Choïgou à Moscou."),
    ("en", "de", "Putin's visit to Moscow.", "Putins Besuch in Moskau."),
    ("en", "de", "Macron flew to Paris.", "Macron flog nach Paris."),
]


@pytest.mark.parametrize("src, tgt, source, text", CLEAN, ids=[f"{c[0]}-{c[1]}-{c[3][:20]}" for c in CLEAN])
def test_clean(check, src, tgt, source, text):
    assert [(f.text, f.message) for f in check(src, tgt, source, text)] == []


def test_derived_words_do_not_name_the_place(check):
    # "Парижане" (Parisians) is Париж + ане: no mention of Paris the translation must keep.
    assert check("ru", "en", "Парижане вышли на улицы.", "People took to the streets.") == []
    assert check("ru", "en", "В Париже люди вышли на улицы.", "People took to the streets.")


def test_several_lost_names_in_one_sentence_are_one_finding(check):
    findings = check("ru", "en", "Путин и Шойгу прибыли в Париж.", "They arrived in Paris.")
    assert [f.message for f in findings] == [
        "source names Vladimir Putin (Путин) and Sergei Shoigu (Шойгу), the translation does not"]


def test_a_loss_is_reported_on_the_matching_sentence(check):
    source = "Путин прибыл в Париж. Он встретился с Макроном. Визит длился два дня."
    text = "Putin arrived in Paris. He met the president. The visit lasted two days."
    findings = check("ru", "en", source, text)
    assert [(f.text, f.message) for f in findings] == [
        ("He met the president.", "source names Emmanuel Macron (Макроном), the translation does not")]


def test_names_in_no_glossary(check):
    source = "Le ministre Jean Dupuis est arrivé à Paris."
    assert check("fr", "en", source, "Minister Jean Dupuis arrived in Paris.") == []
    findings = check("fr", "en", source, "Minister Kevin Rasmussen arrived in Paris.")
    assert [(f.text, f.message) for f in findings] == [
        ("Kevin Rasmussen", "the translation names Kevin Rasmussen, the source does not")]
    # Cyrillic sources are transliterated: Тиньков is Tinkov.
    source = "Олег Тиньков опубликовал видео."
    assert check("ru", "en", source, "Oleg Tinkov published a video.") == []
    assert [f.text for f in check("ru", "en", source, "Then Boris Grebenshchikov published a video.")] == ["Boris Grebenshchikov"]
    # Ordinary words in capitals are no names; acronyms need their letters, in any order.
    assert check("es", "en", "El ADN del virus, según el Ministerio de Sanidad.", "The virus DNA, according to the Ministry of Health.") == []
    assert check("fr", "en", source="Le ministre est arrivé.", text="Minister Kevin Rasmussen arrived.", **{"unknown-names": False}) == []


def test_added_glossary_name_without_a_trace_in_the_source(check):
    findings = check("de", "en", "Der Minister reiste ab.", "The minister left for Paris.")
    assert [(f.text, f.message) for f in findings] == [("Paris", "the translation names Paris, the source does not")]
    assert check("de", "en", "Der Minister reiste nach Paris ab.", "The minister left for Paris.") == []


def test_no_source_language_is_detected_from_the_source(check):
    findings = check(None, "en", "Путин встретился с Шойгу в Москве вчера вечером.", "Shoigu met Zelensky in Moscow last night.")
    assert [f.text for f in findings] == ["Zelensky"]


def test_needs_the_source():
    from tqcheck.checks import CHECKS

    assert CHECKS["entity-mismatch"].needs_source and CHECKS["number-mismatch"].needs_source


def test_stem_matching_reads_case_forms():
    from tqcheck.checks._mentions import stem_mentions
    from tqcheck.glossary.index import compile_glossaries

    index = compile_glossaries([MINI, PAIRS])
    found = [m.form for m in stem_mentions(index, "Визит Владимира Путина и Зеленского в Москве и Львове.", "ru", strict=True)]
    assert found == ["Владимира Путина", "Зеленского", "Москве", "Львове"]
    found = [m.form for m in stem_mentions(index, "До Львова і Києва.", "uk", strict=True)]
    assert found == ["Львова", "Києва"]
    assert stem_mentions(index, "Парижане и украинцы.", "ru", strict=True) == []
    assert [m.form for m in stem_mentions(index, "German and Polish troops", "en", strict=False)] == ["German"]


def test_ignore_contexts_hold_for_stem_matches():
    from tqcheck.checks._mentions import stem_mentions
    from tqcheck.glossary.index import GlossaryIndex
    from tqcheck.glossary.load import parse_glossary_text
    from tqcheck.glossary.model import Glossary

    entities, problems = parse_glossary_text(
        "entities:\n  - id: kyiv\n    type: city\n    ignore: [Динамо Киева]\n    names:\n"
        "      en: Kyiv\n      ru: Киев\n", "x.yaml",
    )
    assert not problems
    index = GlossaryIndex(Glossary(entities=tuple(entities)))
    assert [m.form for m in stem_mentions(index, "Жители Киева вышли на улицы.", "ru", strict=True)] == ["Киева"]
    assert stem_mentions(index, "Он играет за Динамо Киева.", "ru", strict=True) == []
