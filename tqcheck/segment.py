"""Segmentation: sentences, word tokens and the spans that are not prose (URLs, quotes, code…)."""
from __future__ import annotations

import bisect
import re
from typing import Iterable, NamedTuple

# A word: letters (any script, with combining marks), with inner apostrophes ("don't", "Putin’s").
WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*(?:['’][^\W\d_]+)*")

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


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), w, w[0].isupper()) for m in WORD_RE.finditer(text) for w in (m.group(),)]


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
