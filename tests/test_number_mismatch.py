"""number-mismatch: numbers, amounts, dates and times compared as values, whatever the locale."""
from __future__ import annotations

import pytest

from conftest import assert_placed


@pytest.fixture(scope="module")
def check(mini_index):
    from tqcheck.config import parse_config
    from tqcheck.document import Document
    from tqcheck.engine import Checker

    def run(src, tgt, source, text):
        config = parse_config({"select": ["number-mismatch"]}).with_(src=src, tgt=tgt, default_glossaries=False)
        findings = list(Checker(config, index=mini_index).check_document(Document(text=text, source=source)).findings)
        for f in findings:
            assert_placed(f, text)
        return [(f.text, f.message) for f in findings]

    return run


def values(text, lang):
    from tqcheck.checks._numbers import quantities

    return [(q.text, sorted(q.keys), q.soft) for q in quantities(text, lang)]


# -- reading quantities -------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, key", [
    ("fr", "272 000", 272000), ("fr", "272\u202f000", 272000), ("en", "272,000", 272000),
    ("de", "272.000", 272000), ("fr", "3,5", 3.5), ("en", "3.5", 3.5), ("de", "1.234,5", 1234.5),
    ("en", "1,234.5", 1234.5), ("en", "1 000 000", 1000000),
])
def test_locale_readings(lang, text, key):
    (found,) = values(text, lang)
    assert ("n", key) in found[1] and found[0] == text


def test_ambiguous_groups_have_both_readings():
    assert values("1.500", "en")[0][1] == [("n", 1.5), ("n", 1500.0)]
    assert values("1,500", "de")[0][1] == [("n", 1.5), ("n", 1500.0)]


@pytest.mark.parametrize("lang, text, scaled", [
    ("fr", "2,5 milliards", 2.5e9), ("en", "2.5bn", 2.5e9), ("en", "$2.5 billion", 2.5e9),
    ("de", "3,5 Mrd. Euro", 3.5e9), ("ru", "3,5 млрд", 3.5e9), ("uk", "272 тис.", 272e3),
    ("fr", "2 billions", 2e12), ("es", "5 mil millones", 5e9), ("zh", "9.1万人", 91000), ("ja", "1万1000店舗", 11000),
])
def test_scale_words(lang, text, scaled):
    keys = values(text, lang)[0][1]
    assert ("n", scaled) in keys


def test_dates_in_many_languages_give_month_and_day():
    for lang, text in [
        ("en", "April 16, 2023"), ("fr", "16 avril 2023"), ("de", "16. April 2023"), ("es", "16 de abril de 2023"),
        ("it", "16 aprile 2023"), ("ru", "16 апреля 2023 года"), ("uk", "16 квітня 2023 року"), ("de", "16.04.2023"),
        ("en", "2023-04-16"), ("zh", "2023年4月16日"),
    ]:
        keys = set().union(*(set(k) for _, k, _ in values(text, lang)))
        assert {("m", 4), ("n", 16), ("n", 2023)} <= keys, (lang, text, keys)


def test_times():
    for lang, text in [("fr", "15h30"), ("en", "3:30 p.m."), ("de", "15.30 Uhr"), ("ru", "в 15:30"), ("zh", "15时30分")]:
        assert ("t", 930) in values(text, lang)[0][1], text


def test_names_codes_ordinals_and_words_make_no_hard_numbers():
    assert values("S-500, Su-27, COVID-19, 5G, G7, MH17 and A320", "en") == []
    assert [soft for *_, soft in values("the 16th, 1er mai, 16-го, three", "en")] == [True] * 4
    assert all(soft for *_, soft in values("1er", "fr") + values("16-го", "ru") + values("zwei", "de"))
    assert values("Theresa May said", "en") == [("May", [("m", 5)], True)]  # a month only next to a number
    assert values("post-9/11", "en")[0][0] == "9"  # a lower-case word before the hyphen is no code


# -- the check ----------------------------------------------------------------------------------

FLAGGED = [
    ("fr", "en", "272 000 soldats ont été mobilisés.", "227,000 soldiers were mobilised.", "227,000",
     "'227,000' does not match the source (272 000)"),
    ("de", "en", "Am 16. April kam er an.", "He arrived on May 16.", "May", "'May' does not match the source (April)"),
    ("ru", "en", "В 2023 году погибли 15 человек.", "In 2023, 51 people died.", "51", "'51' does not match the source (15)"),
    ("uk", "en", "Збитки склали 3,5 млрд гривень.", "The damage came to 5.3 billion hryvnias.", "5.3 billion",
     "'5.3 billion' does not match the source (3,5 млрд)"),
    ("ru", "en", "Встреча началась в 15:30.", "The meeting began at 5:30 p.m.", "5:30 p.m.",
     "'5:30 p.m.' does not match the source (15:30)"),
    ("en", "fr", "Inflation rose to 5.5% in March 2023.", "L'inflation a atteint 5,8 % en mars 2023.", "5,8",
     "'5,8' does not match the source (5.5)"),
    ("en", "de", "The ceasefire began on 16 April.", "Die Waffenruhe begann am 16. März.", "März",
     "'März' does not match the source (April)"),
    ("fr", "en", "Le 16 avril, 3 000 personnes sont venues.", "On April 16, people came.",
     "On April 16, people came.", "source has 3 000, the translation does not"),
    ("de", "en", "Das kostet 5 Euro.", "That costs 5 euros in 2024.", "2024", "'2024' is not in the source"),
]


@pytest.mark.parametrize("src, tgt, source, text, where, message", FLAGGED, ids=[f"{c[0]}-{c[1]}-{c[4]}" for c in FLAGGED])
def test_flagged(check, src, tgt, source, text, where, message):
    assert check(src, tgt, source, text) == [(where, message)]


CLEAN = [
    ("fr", "en", "Le 16 avril 2023, 272 000 soldats et 3,5 milliards d'euros.", "On April 16, 2023, 272,000 soldiers and 3.5 billion euros."),
    ("de", "en", "Am 16.04.2023 um 15.30 Uhr kamen 1.500 Menschen.", "At 3:30 p.m. on 16 April 2023, 1,500 people came."),
    ("ru", "en", "16 апреля 2023 года в Москву прибыли два министра с С-500.", "On April 16, 2023, two ministers arrived in Moscow with S-500s."),
    ("uk", "en", "Обстріл тривав з 22:00 до 4:00, загинули троє.", "The shelling lasted from 10 p.m. to 4 a.m.; three died."),
    ("en", "fr", "The 3rd round drew 12,500 fans, up 4.5%.", "La 3e manche a attiré 12 500 supporters, soit 4,5 % de plus."),
    ("en", "de", "Sales rose 2.5bn euros in the first half of 2023.", "Der Umsatz stieg im ersten Halbjahr 2023 um 2,5 Milliarden Euro."),
    ("zh", "en", "截至7月25日24时，乌鲁木齐市现有确诊病例135例。", "As of 24:00 on July 25, there were 135 confirmed cases in Urumqi."),
    ("fr", "en", "Un homme a été arrêté.", "One man was arrested."),
    ("de", "en", "Der 24jährige Fahrer", "The 24-year-old driver"),
]


@pytest.mark.parametrize("src, tgt, source, text", CLEAN, ids=[f"{c[0]}-{c[1]}-{c[3][:24]}" for c in CLEAN])
def test_clean(check, src, tgt, source, text):
    assert check(src, tgt, source, text) == []


def test_multiset_a_number_written_twice_is_expected_twice(check):
    source = "10 morts à Kyiv, 10 morts à Lviv."
    assert check("fr", "en", source, "10 dead in Kyiv, 10 dead in Lviv.") == []
    assert check("fr", "en", source, "10 dead in Kyiv, 12 dead in Lviv.") == [("12", "'12' does not match the source (10)")]


def test_missing_numbers_go_to_the_matching_sentence(check):
    source = "Il est arrivé lundi. Il y avait 300 policiers. Tout était calme."
    text = "He arrived on Monday. There were policemen. All was calm."
    assert check("fr", "en", source, text) == [("There were policemen.", "source has 300, the translation does not")]


def test_urls_are_not_compared(check):
    assert check("fr", "en", "Voir https://example.org/2023/15 pour 3 cas.", "See https://example.org/2023/15 for 3 cases.") == []
    assert check("fr", "en", "Voir https://example.org/a/15 pour 3 cas.", "See https://example.org/b/16 for 3 cases.") == []
