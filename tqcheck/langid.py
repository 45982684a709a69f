"""Language identification with langdetect, seeded so that the same text always gets the same answer.

langdetect loads its profiles in ~0.6 s and identifies ~600 sentences a second, so it is loaded on
first use only and asked only about sentences that a cheap word-list test already suspects.
"""
from __future__ import annotations

import re
import threading
from typing import Optional

_lock = threading.Lock()
_factory = None

# langdetect answers some languages with region codes.
_CODE_MAP = {"zh-cn": "zh", "zh-tw": "zh"}


def _load():
    global _factory
    with _lock:
        if _factory is None:
            from langdetect import DetectorFactory
            from langdetect.detector_factory import init_factory

            DetectorFactory.seed = 0
            init_factory()
            from langdetect import detector_factory

            _factory = detector_factory._factory
    return _factory


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
