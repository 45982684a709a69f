"""Language codes, their names and the scripts they are written in."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# ISO 639-1, the codes users give with --src/--tgt and in glossaries.
ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da "
    "de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz "
    "ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln "
    "lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi "
    "pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti "
    "tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu".split()
)

NAMES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "cs": "Czech", "pt": "Portuguese",
    "nl": "Dutch", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "hi": "Hindi",
    "ar": "Arabic", "he": "Hebrew", "tr": "Turkish", "el": "Greek", "sv": "Swedish",
    "da": "Danish", "no": "Norwegian", "nb": "Norwegian Bokmål", "fi": "Finnish", "hu": "Hungarian",
    "ro": "Romanian", "bg": "Bulgarian", "sr": "Serbian", "hr": "Croatian", "sk": "Slovak",
    "sl": "Slovenian", "be": "Belarusian", "kk": "Kazakh", "fa": "Persian", "ca": "Catalan",
    "lt": "Lithuanian", "lv": "Latvian", "et": "Estonian", "id": "Indonesian", "vi": "Vietnamese",
    "th": "Thai", "uz": "Uzbek", "ka": "Georgian", "hy": "Armenian", "az": "Azerbaijani",
}

# The scripts a language is normally written in; letters of any other script are foreign.
SCRIPTS = {
    "ru": {"CYRILLIC"}, "uk": {"CYRILLIC"}, "be": {"CYRILLIC"}, "bg": {"CYRILLIC"},
    "mk": {"CYRILLIC"}, "kk": {"CYRILLIC"}, "sr": {"CYRILLIC", "LATIN"}, "mn": {"CYRILLIC"},
    "el": {"GREEK"}, "he": {"HEBREW"}, "yi": {"HEBREW"}, "ar": {"ARABIC"}, "fa": {"ARABIC"},
    "ur": {"ARABIC"}, "zh": {"CJK"}, "ja": {"CJK", "HIRAGANA", "KATAKANA"},
    "ko": {"HANGUL", "CJK"}, "hi": {"DEVANAGARI"}, "mr": {"DEVANAGARI"}, "ne": {"DEVANAGARI"},
    "th": {"THAI"}, "ka": {"GEORGIAN"}, "hy": {"ARMENIAN"}, "bn": {"BENGALI"}, "ta": {"TAMIL"},
}
DEFAULT_SCRIPTS = frozenset({"LATIN"})

# Latin-script languages whose word lists are consulted for words left in the source language
# when the source language is not known.
LATIN_CANDIDATES = ("fr", "de", "es", "it", "pt", "nl", "pl", "cs")


def name(code: str) -> str:
    return NAMES.get(code, code)


def is_valid(code: str) -> bool:
    return code in ISO_639_1


def scripts_of(lang: str) -> frozenset:
    return frozenset(SCRIPTS.get(lang, DEFAULT_SCRIPTS))


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """The script of a letter: LATIN, CYRILLIC, CJK, … ('' for non-letters)."""
    if ch < "\u0080":
        return "LATIN" if ch.isalpha() else ""
    if not ch.isalpha():
        return ""
    try:
        first = unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return ""
    if first in ("CJK", "IDEOGRAPHIC"):
        return "CJK"
    if first == "FULLWIDTH":
        return "LATIN" if "LATIN" in unicodedata.name(ch) else "CJK"
    return first


SCRIPT_NAMES = {
    "CJK": "Chinese (Han)", "CYRILLIC": "Cyrillic", "GREEK": "Greek", "ARABIC": "Arabic",
    "HEBREW": "Hebrew", "HIRAGANA": "Japanese (Hiragana)", "KATAKANA": "Japanese (Katakana)",
    "HANGUL": "Korean (Hangul)", "DEVANAGARI": "Devanagari", "LATIN": "Latin", "THAI": "Thai",
}


def script_name(script: str) -> str:
    return SCRIPT_NAMES.get(script, script.title())


def with_article(word: str) -> str:
    """'an English', 'a French': for messages."""
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word
