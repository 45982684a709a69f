"""A likely misspelling of an ordinary word: never a name, a number or an acronym.

A lower-case word that the target language's word list does not know (or knows as a rare variant
of a far more common word one edit away) and that is within one or two edits of a common word.
Capitalised words are judged only when unknown and one edit from a common capitalised word, since
most unknown capitalised words are names. The suggestion is sure (auto-fixable) only when one
candidate is clearly best.

Flagged (en): "He wroet to the minister" → "wrote".
Clean (en): "He wrote to the minister"; "Julian Colling reports"; "the S-500 systems"; "NATO".
"""
from __future__ import annotations

from ..findings import Severity
from ..languages import scripts_of
from ._words import KNOWN_ZIPF, foreign_evidence, spelling_candidates, word_script
from .base import finding

ID = "word-typo"
SEVERITY = Severity.MINOR
IN_QUOTES = True
OPTIONS = {
    "min-length": 3,
    "rare-zipf": 2.0,  # a known word rarer than this may still be a typo of a common neighbour
    "neighbour-gap": 2.0,  # ... when that neighbour is this much more common (Zipf)
}


def _max_distance(word: str) -> int:
    return 1 if len(word) <= 4 else 2


def check(ctx):
    lexicon = ctx.lexicon(ctx.tgt)
    if lexicon is None:
        return
    text = ctx.text
    min_length = ctx.option("min-length", OPTIONS["min-length"])
    rare = ctx.option("rare-zipf", OPTIONS["rare-zipf"])
    gap = ctx.option("neighbour-gap", OPTIONS["neighbour-gap"])
    own = scripts_of(ctx.tgt)
    for tok in ctx.tokens:
        word = tok.text
        if len(word) < min_length or word.isupper() or ctx.name_spans.overlaps(tok.start, tok.end):
            continue
        if any(ch.isupper() for ch in word[1:]) or word_script(word) not in own:
            continue  # camelCase, iPhone: brand names
        if tok.end < len(text) and text[tok.end] in "-" or tok.start > 0 and text[tok.start - 1] in "-":
            continue  # parts of hyphenated compounds and model names (S-500, al-Sharaa)
        lower = word.lower()
        z = lexicon.zipf(lower)
        if z >= rare:
            continue
        capital = tok.is_capitalized
        if capital and (z > 0 or tok.start not in ctx.sentence_starts and _next_to_capital(ctx, tok)):
            continue
        if foreign_evidence(ctx, word, z) is not None:
            continue  # the untranslated check's
        candidates = spelling_candidates(ctx, lower, 1 if capital else _max_distance(lower))
        if z > 0:
            # A known but rare word: only a near-miss of a far more common word.
            candidates = [c for c in candidates if c[1] == 1 and c[2] - z >= gap]
        if capital:
            candidates = [c for c in candidates if c[2] >= 4.0]
        if not candidates:
            continue
        best = candidates[0]
        sure = len(candidates) == 1 or (candidates[1][1] > best[1]) or (best[2] - candidates[1][2] >= 1.0)
        shown = [best] if sure else candidates[:3]
        suggestions = tuple(_match_case(word, c[0]) for c in shown)
        yield finding(
            ID, tok.start, tok.end, text,
            f"'{word}' may be a misspelling of '{suggestions[0]}'",
            suggestions=suggestions, confidence=0.9 if sure else 0.6,
        )


def _match_case(original: str, suggestion: str) -> str:
    return suggestion[:1].upper() + suggestion[1:] if original[:1].isupper() else suggestion


def _next_to_capital(ctx, tok) -> bool:
    text = ctx.text
    before = text[max(0, tok.start - 30):tok.start].rstrip()
    after = text[tok.end:tok.end + 30].lstrip()
    prev_word = before.rsplit(None, 1)[-1] if before else ""
    next_word = after.split(None, 1)[0] if after else ""
    return prev_word[:1].isupper() or next_word[:1].isupper()
