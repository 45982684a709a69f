"""Segmentation: sentences, word tokens and the spans that are not prose (URLs, quotes, code…)."""
from __future__ import annotations

import bisect
import re
from typing import Iterable, NamedTuple

# Combining marks (Unicode categories Mn, Mc, Me in the Basic Multilingual Plane, Unicode 14): a
# word goes on through them (Devanagari vowel signs, Thai vowels, Arabic harakat, Latin accents
# written apart). Generated with unicodedata; tests/test_segment.py checks that each is a mark.
MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-\u06ed"
    "\u0711\u0730-\u074a\u07a6-\u07b0\u07eb-\u07f3\u07fd\u0816-\u0819\u081b-\u0823"
    "\u0825-\u0827\u0829-\u082d\u0859-\u085b\u0898-\u089f\u08ca-\u08e1\u08e3-\u0903"
    "\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0963\u0981-\u0983\u09bc\u09be-\u09c4"
    "\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3\u09fe\u0a01-\u0a03\u0a3c\u0a3e-\u0a42"
    "\u0a47-\u0a48\u0a4b-\u0a4d\u0a51\u0a70-\u0a71\u0a75\u0a81-\u0a83\u0abc\u0abe-\u0ac5"
    "\u0ac7-\u0ac9\u0acb-\u0acd\u0ae2-\u0ae3\u0afa-\u0aff\u0b01-\u0b03\u0b3c\u0b3e-\u0b44"
    "\u0b47-\u0b48\u0b4b-\u0b4d\u0b55-\u0b57\u0b62-\u0b63\u0b82\u0bbe-\u0bc2\u0bc6-\u0bc8"
    "\u0bca-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c\u0c3e-\u0c44\u0c46-\u0c48\u0c4a-\u0c4d"
    "\u0c55-\u0c56\u0c62-\u0c63\u0c81-\u0c83\u0cbc\u0cbe-\u0cc4\u0cc6-\u0cc8\u0cca-\u0ccd"
    "\u0cd5-\u0cd6\u0ce2-\u0ce3\u0d00-\u0d03\u0d3b-\u0d3c\u0d3e-\u0d44\u0d46-\u0d48"
    "\u0d4a-\u0d4d\u0d57\u0d62-\u0d63\u0d81-\u0d83\u0dca\u0dcf-\u0dd4\u0dd6\u0dd8-\u0ddf"
    "\u0df2-\u0df3\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd"
    "\u0f18-\u0f19\u0f35\u0f37\u0f39\u0f3e-\u0f3f\u0f71-\u0f84\u0f86-\u0f87\u0f8d-\u0f97"
    "\u0f99-\u0fbc\u0fc6\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d"
    "\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d\u135d-\u135f\u1712-\u1715\u1732-\u1734"
    "\u1752-\u1753\u1772-\u1773\u17b4-\u17d3\u17dd\u180b-\u180d\u180f\u1885-\u1886\u18a9"
    "\u1920-\u192b\u1930-\u193b\u1a17-\u1a1b\u1a55-\u1a5e\u1a60-\u1a7c\u1a7f\u1ab0-\u1ace"
    "\u1b00-\u1b04\u1b34-\u1b44\u1b6b-\u1b73\u1b80-\u1b82\u1ba1-\u1bad\u1be6-\u1bf3"
    "\u1c24-\u1c37\u1cd0-\u1cd2\u1cd4-\u1ce8\u1ced\u1cf4\u1cf7-\u1cf9\u1dc0-\u1dff"
    "\u20d0-\u20f0\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099-\u309a\ua66f-\ua672"
    "\ua674-\ua67d\ua69e-\ua69f\ua6f0-\ua6f1\ua802\ua806\ua80b\ua823-\ua827\ua82c"
    "\ua880-\ua881\ua8b4-\ua8c5\ua8e0-\ua8f1\ua8ff\ua926-\ua92d\ua947-\ua953\ua980-\ua983"
    "\ua9b3-\ua9c0\ua9e5\uaa29-\uaa36\uaa43\uaa4c-\uaa4d\uaa7b-\uaa7d\uaab0\uaab2-\uaab4"
    "\uaab7-\uaab8\uaabe-\uaabf\uaac1\uaaeb-\uaaef\uaaf5-\uaaf6\uabe3-\uabea\uabec-\uabed"
    "\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f"
)
# A word: letters (any script, with combining marks), with inner apostrophes ("don't", "Putin’s").
WORD_RE = re.compile(rf"[^\W\d_](?:[^\W\d_]|[{MARKS}])*(?:['’][^\W\d_](?:[^\W\d_]|[{MARKS}])*)*")

URL_RE = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'»”)\]]+", re.IGNORECASE)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
HASHTAG_RE = re.compile(r"(?<![\w&])[#@][^\W_][\w]*")
CODE_RE = re.compile(r"`[^`\n]+`")
# Quotations: paired typographic or straight double quotes, guillemets, German low quotes,
# within one paragraph. Single quotes are left alone: they are apostrophes too often.
QUOTE_RE = re.compile(
    r"“[^“”\n]{1,2000}”|\"[^\"\n]{1,2000}\"|«[^«»\n]{1,2000}»|„[^„“”\n]{1,2000}[“”]|‹[^‹›\n]{1,2000}›"
)

QUOTE_CHARS = ('"', "“", "«", "„", "‹")

_SENTENCE_END = re.compile(
    r"(?:[.!?…]+[\"'”’»)\]]*)(?=\s+[\"'“‘«(\[]?[^\W\d_]|\s*$)|\n\s*\n|\n"
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st no vs etc e.g i.e gen col lt sgt capt gov sen rep jr sr inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n mt mme mlle m".split()
)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    is_capitalized: bool


# WORD_RE on ASCII text (where it has no marks, no ’ and no other letters): 1.4x faster.
ASCII_WORD_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
_new_tuple = tuple.__new__  # a NamedTuple's own __new__ is Python code: 3x slower per token


def tokens(text: str) -> list[Token]:
    pattern = ASCII_WORD_RE if text.isascii() else WORD_RE
    return [_new_tuple(Token, (m.start(), m.end(), w, w[0].isupper())) for m in pattern.finditer(text) for w in (m.group(),)]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, white space trimmed. Lines are sentences too (headlines, list items)."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group().startswith((".",)) and "\n" not in match.group():
            before = text[start:match.start()].rsplit(None, 1)
            last = before[-1].lower().rstrip(".") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    result = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            result.append((s, e))
    return result


def protected_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """Spans that are not ordinary prose, by kind: url, email, hashtag, code, quote."""
    # Each pattern runs only when its tell-tale character is there: most segments have none.
    has = text.__contains__
    return {
        "url": [m.span() for m in URL_RE.finditer(text)] if has("//") or has("www.") else [],
        "email": [m.span() for m in EMAIL_RE.finditer(text)] if has("@") else [],
        "hashtag": [m.span() for m in HASHTAG_RE.finditer(text)] if has("#") or has("@") else [],
        "code": [m.span() for m in CODE_RE.finditer(text)] if has("`") else [],
        "quote": [(m.start() + 1, m.end() - 1) for m in QUOTE_RE.finditer(text)]
        if any(q in text for q in QUOTE_CHARS) else [],
    }


class SpanSet:
    """A sorted set of non-overlapping spans with a fast 'does this span touch one?' test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def __bool__(self) -> bool:
        return bool(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, max(start, end - 1)) - 1
        return i >= 0 and self._ends[i] > start

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self._ends[i] >= end
