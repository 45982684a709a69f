"""entity-mismatch with Chinese, Japanese and Hindi sources, on the shipped glossaries (their zh, ja
and hi forms, geography.yaml, people.yaml and companies.yaml); Devanagari word boundaries; every
geography entity loads."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_placed

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def check():
    from tqcheck.config import parse_config
    from tqcheck.document import Document
    from tqcheck.engine import Checker

    checker_by_src = {}

    def run(src, source, text):
        if src not in checker_by_src:
            config = parse_config({"select": ["entity-mismatch"]})
            checker_by_src[src] = Checker(config.with_(src=src, tgt="en"))
        findings = list(checker_by_src[src].check_document(Document(text=text, source=source)).findings)
        for f in findings:
            assert_placed(f, text)
        return findings

    return run


FLAGGED = [
    # (src, source, translation, finding text)
    ("zh", "香港目前共有四个正在运作的隔离检疫中心。", "Europe currently has four quarantine centres in operation.", "Europe"),
    ("zh", "联合国还希望成立一项基金。", "NATO also hopes to set up a fund.", "NATO"),
    ("ja", "ロシアで数少ない非与党知事だった。", "He was one of the few non-ruling-party governors in the Pacific Ocean.", "Pacific Ocean"),
    ("ja", "フランス北部は解放された。", "Northern Germany was liberated.", "Germany"),
    ("hi", "ब्राजील की सीमा शुल्क चौकियाँ खत्म होने की उम्मीद है।", "Customs posts in Asia are expected to end.", "Asia"),
    ("hi", "डेनमार्क और स्वीडन के बीच कई अंतर थे।", "There were many differences between the North Sea and Sweden.", "North Sea"),
    # people.yaml and companies.yaml: zh, ja and hi forms of people and companies
    ("zh", "拉夫罗夫周二表示，谈判将继续。", "Peskov said on Tuesday that the talks would continue.", "Peskov"),
    ("zh", "华为和微软都发表了声明。", "Huawei and Google both issued statements.", "Google"),
    ("ja", "メルケル首相は記者会見で述べた。", "Chancellor Scholz said at a press conference.", "Scholz"),
    ("ja", "トヨタ自動車は新型車を発表した。", "Honda unveiled a new model.", "Honda"),
    ("hi", "नेतन्याहू ने कहा कि युद्ध जारी रहेगा।", "Khamenei said the war would continue.", "Khamenei"),
    ("hi", "गूगल और फेसबुक ने विधेयक का समर्थन किया।", "Google and Microsoft supported the bill.", "Microsoft"),
]

CLEAN = [
    ("zh", "香港目前共有四个正在运作的隔离检疫中心。", "Hong Kong currently has four quarantine centres in operation."),
    ("zh", "欧洲人与亚太地区的合作", "Cooperation between Europeans and the Asia-Pacific region"),
    ("ja", "ロシアで数少ない非与党知事だった。", "He was one of the few non-ruling-party governors in Russia."),
    ("ja", "タイトルを獲得した。", "He won the title."),  # タイ (Thailand) inside タイトル is no name
    ("hi", "ब्राजील की सीमा शुल्क चौकियाँ खत्म होने की उम्मीद है।", "Brazil's customs posts are expected to end."),
    ("hi", "अमेरिकी जासूसी ने हद को पार किया है।", "US spying has gone too far."),  # अमेरिकी: American
    ("zh", "拉夫罗夫周二表示，谈判将继续。", "Lavrov said on Tuesday that the talks would continue."),
    ("zh", "华为和微软都发表了声明。", "Huawei and Microsoft both issued statements."),
    ("zh", "三星堆遗址出土了新文物。", "New relics were unearthed at the Sanxingdui site."),  # 三星 (Samsung) inside 三星堆
    ("ja", "メルケル首相は記者会見で述べた。", "Chancellor Merkel said at a press conference."),
    ("ja", "トヨタ自動車は新型車を発表した。", "Toyota unveiled a new model."),
    ("hi", "नेतन्याहू ने कहा कि युद्ध जारी रहेगा।", "Netanyahu said the war would continue."),
    ("hi", "गूगल और फेसबुक ने विधेयक का समर्थन किया।", "Google and Facebook supported the bill."),
    # A country abbreviated by its first character is named: 美方 (the US side), 亚欧 (Asia-Europe).
    ("zh", "刘鹤与美方团队共同领导人举行会谈。", "Liu He held talks with the co-leader of the US team."),
    ("zh", "俄罗斯乃至亚欧经济联盟认为", "Russia and even the Asia-Europe Economic Union believe"),
    ("ja", "米大統領が来日した。", "The US president visited Japan."),
    # A country named by its adjective: 摩洛哥 (Morocco) in "the Moroccan Navy".
    ("zh", "摩洛哥海军在地中海截获一批大麻制品。", "The Moroccan Navy intercepted a batch of cannabis products in the Mediterranean."),
]


@pytest.mark.parametrize("src,source,text,flagged", FLAGGED)
def test_flagged(check, src, source, text, flagged):
    findings = check(src, source, text)
    assert any(f.text == flagged for f in findings), [f.message for f in findings]


@pytest.mark.parametrize("src,source,text", CLEAN)
def test_clean(check, src, source, text):
    assert check(src, source, text) == []


def test_devanagari_vowel_signs_are_word_characters():
    from tqcheck.glossary.index import _is_word_char

    assert _is_word_char("\u0940")  # ी, a spacing vowel sign (Mc)
    assert _is_word_char("\u0947")  # े, a non-spacing vowel sign (Mn)
    assert not _is_word_char(" ") and not _is_word_char("_")


def test_devanagari_form_not_matched_inside_a_longer_word():
    from tqcheck.glossary.index import compile_glossaries

    index = compile_glossaries([ROOT / "glossaries" / "countries.yaml"])
    assert [m.form for m in index.scan("चीनी कंपनियाँ")] == []  # चीनी (Chinese, sugar) is no चीन
    assert [m.form for m in index.scan("चीन की कंपनियाँ")] == ["चीन"]


def test_every_geography_entity_loads():
    import yaml

    from tqcheck.glossary.load import load_glossaries

    path = ROOT / "glossaries" / "geography.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    glossary = load_glossaries([path])
    assert [e.id for e in glossary.entities] == [e["id"] for e in raw["entities"]]
    for entity in glossary.entities:
        assert entity.type in ("region", "place")
        assert {"en", "zh", "ja"} & set(entity.names), entity.id
        assert "en" in entity.names, entity.id
