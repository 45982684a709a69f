"""Language identification with langdetect, seeded so that the same text always gets the same answer.

langdetect loads its profiles in ~0.6 s and identifies ~600 sentences a second, so it is loaded on
first use only and asked only about sentences that a cheap word-list test already suspects.
"""
from __future__ import annotations

import re
import threading
from array import array
from typing import Optional

_lock = threading.Lock()
_factory = None

# langdetect answers some languages with region codes.
_CODE_MAP = {"zh-cn": "zh", "zh-tw": "zh"}


def _profiles():
    """langdetect's 55 language profiles, flat: (n-grams, their probabilities per language as one
    array of doubles, the languages). langdetect reads them from JSON in ~0.6 s; from the cache
    this form loads in a third of that."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    grams = list(factory.word_lang_prob_map)
    probs = array("d")
    for gram in grams:
        probs.extend(factory.word_lang_prob_map[gram])
    return grams, probs.tobytes(), list(factory.langlist)


def _load():
    global _factory
    with _lock:
        if _factory is None:
            from langdetect.detector_factory import DetectorFactory

            from .cache import cached_pickle, installed_version

            grams, blob, langs = cached_pickle(f"langdetect-{installed_version('langdetect')}-v1.pickle", _profiles)
            probs = array("d")
            probs.frombytes(blob)
            view, n = memoryview(probs), len(langs)
            DetectorFactory.seed = 0
            factory = DetectorFactory()
            factory.langlist = langs
            # The detector reads map[gram][i] only: a slice of the one array serves as the list.
            factory.word_lang_prob_map = {gram: view[i * n:(i + 1) * n] for i, gram in enumerate(grams)}
            factory.seed = 0
            _factory = factory
    return _factory


def preload() -> None:
    """Load (and cache on disk) the profiles now rather than at the first detection."""
    _load()


def detect(text: str) -> tuple[Optional[str], float]:
    """(language code, probability) of `text`, or (None, 0.0) when it has no letters to go on."""
    if not re.search(r"[^\W\d_]", text):
        return None, 0.0
    factory = _load()
    from langdetect.lang_detect_exception import LangDetectException

    try:
        detector = factory.create()
        detector.append(text)
        langs = detector.get_probabilities()
    except LangDetectException:
        return None, 0.0
    if not langs:
        return None, 0.0
    best = langs[0]
    return _CODE_MAP.get(best.lang, best.lang), float(best.prob)


def detect_document(text: str, sample: int = 4000) -> Optional[str]:
    """The main language of a document, from its first `sample` characters."""
    lang, prob = detect(text[:sample])
    return lang if prob >= 0.5 else None
