"""Language identification: langdetect, seeded, with its profiles read from tqcheck's cache in a
flat form. The answers must be exactly langdetect's own, from a cold cache and from a warm one."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tqcheck import langid

SENTENCES = [
    "Le ministre chinois de la Défense est arrivé dimanche à Moscou pour une visite officielle.",
    "Der chinesische Verteidigungsminister ist am Sonntag zu einem offiziellen Besuch in Moskau eingetroffen.",
    "The Chinese defence minister arrived in Moscow on Sunday for an official visit.",
    "Министр обороны Китая прибыл в воскресенье в Москву с официальным визитом.",
    "El ministro chino de Defensa llegó el domingo a Moscú.",
    "中国国防部长周日抵达莫斯科进行正式访问。",
    "ok",
]


def langdetect_own(text):
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY
    from langdetect.lang_detect_exception import LangDetectException

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0
    detector = factory.create()
    detector.append(text)
    try:
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except LangDetectException:
        return []


def tqcheck_answers():
    factory = langid._load()
    answers = []
    for text in SENTENCES:
        detector = factory.create()
        detector.append(text)
        answers.append([(p.lang, p.prob) for p in detector.get_probabilities()])
    return answers


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(langid, "_factory", None)
    return tmp_path


def test_cold_and_warm_cache_answer_as_langdetect_does(fresh_cache):
    cold = tqcheck_answers()
    assert list(Path(fresh_cache).glob("langdetect-*.pickle"))  # the profiles were cached
    langid._factory = None
    warm = tqcheck_answers()
    assert cold == warm == [langdetect_own(text) for text in SENTENCES]


def test_detect_names_the_language(fresh_cache):
    assert langid.detect(SENTENCES[0])[0] == "fr"
    assert langid.detect(SENTENCES[5])[0] == "zh"  # zh-cn is reported as zh
    assert langid.detect("123 456") == (None, 0.0)


def test_no_cache_still_detects(monkeypatch):
    monkeypatch.setenv("TQCHECK_CACHE_DIR", "off")
    monkeypatch.setattr(langid, "_factory", None)
    assert langid.detect(SENTENCES[1])[0] == "de"
    assert os.environ["TQCHECK_CACHE_DIR"] == "off"
