"""Word-level evidence shared by the untranslated and word-typo checks."""
from __future__ import annotations

from typing import Optional

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..languages import LATIN_CANDIDATES, scripts_of, script_of

# Zipf thresholds (see lexicon.py): tuned on ../shared/eval dev data, see docs/evaluation.md.
KNOWN_ZIPF = 2.5  # at or above this a word is an ordinary word of the language
SUGGEST_MIN_ZIPF = 3.0  # spelling suggestions come from words at least this common


def word_script(word: str) -> str:
    """The script most of the word's letters are in."""
    counts: dict[str, int] = {}
    for ch in word:
        s = script_of(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    return max(counts, key=lambda s: (counts[s], s)) if counts else ""


def in_target_script(ctx, word: str) -> bool:
    return word_script(word) in scripts_of(ctx.tgt)


def candidate_languages(ctx) -> tuple[str, ...]:
    """Languages whose words may be left in the text: the source, else the usual Latin suspects."""
    if ctx.src and ctx.src != ctx.tgt:
        return (ctx.src,)
    return tuple(l for l in LATIN_CANDIDATES if l != ctx.tgt)


def foreign_evidence(ctx, word: str, tgt_zipf: float) -> Optional[tuple[str, float]]:
    """(language, zipf) of the language where `word` is clearly more at home than in the target."""
    lower = word.lower()
    best = None
    for lang in candidate_languages(ctx):
        lexicon = ctx.lexicon(lang)
        if lexicon is None or scripts_of(lang) != scripts_of(ctx.tgt):
            continue
        z = lexicon.zipf(lower)
        if z >= KNOWN_ZIPF and z - tgt_zipf >= 1.0 and (best is None or z > best[1]):
            best = (lang, z)
    return best


def spelling_candidates(ctx, word: str, max_distance: int) -> list[tuple[str, int, float]]:
    """Common target-language words within `max_distance` edits (OSA: a swap is one edit),
    best first: (word, distance, zipf)."""
    lexicon = ctx.lexicon(ctx.tgt)
    if lexicon is None:
        return []
    buckets = lexicon.by_length(SUGGEST_MIN_ZIPF)
    pool = []
    for n in range(len(word) - max_distance, len(word) + max_distance + 1):
        pool.extend(buckets.get(n, ()))
    found = process.extract(word, pool, scorer=OSA.distance, score_cutoff=max_distance, limit=20)
    result = [(cand, int(d), lexicon.zipf(cand)) for cand, d, _ in found if cand != word]
    result.sort(key=lambda c: (c[1], -c[2], c[0]))
    return result
