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
from ._words import (
    edit_kind, foreign_evidence, has_foreign_letter, in_markup, in_name_run, lookup_form, spelling_candidates,
    typo_rather_than_foreign, word_script,
)
from .base import finding

ID = "word-typo"
SEVERITY = Severity.MINOR
IN_QUOTES = True
OPTIONS = {
    "min-length": 3,
    "rare-zipf": 3.2,  # a known word rarer than this may still be a typo of a common neighbour
    "neighbour-gap": 2.5,  # ... when that neighbour is this much more common (Zipf)
}
# Languages where "a rare known word one slip from a common one" is tuned (on DEMETR, en). In
# languages with rich inflection the word lists hold many rare legitimate forms ("weiht"), so
# there only words the list does not know at all are judged.
RARE_WORD_LANGS = frozenset({"en"})
CAPITAL_RARE_ZIPF = 2.0  # capitalised words at least this common are left alone (names)


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
    limit = rare if ctx.tgt in RARE_WORD_LANGS else 0.01
    zipfs = ctx.token_zipf
    for k, tok in enumerate(ctx.tokens):
        word = tok.text
        if zipfs[k] >= limit or len(word) < min_length:
            continue  # the fast path: most words are common words
        if word.isupper() or ctx.name_spans.overlaps(tok.start, tok.end):
            continue
        if any(ch.isupper() for ch in word[1:]) or word_script(word) not in own:
            continue  # camelCase, iPhone: brand names
        if tok.end < len(text) and text[tok.end] in "-" or tok.start > 0 and text[tok.start - 1] in "-":
            continue  # parts of hyphenated compounds and model names (S-500, al-Sharaa)
        if in_markup(ctx, tok):
            continue
        word = lookup_form(word)
        lower = word.lower()
        z = lexicon.zipf(lower)
        if z >= limit:
            continue
        capital = tok.is_capitalized
        in_run = capital and in_name_run(ctx, k, sentence_start_counts=True)
        short_capital = capital and len(word) < 6
        if short_capital and tok.start not in ctx.sentence_starts:
            continue  # short capitalised words inside a sentence are names (Jimo, Toray)
        if capital and (z >= CAPITAL_RARE_ZIPF or (in_run and z >= 1.5)):
            continue  # most capitalised words the word list barely knows are names
        evidence = foreign_evidence(ctx, word, z)
        if (evidence is not None and not typo_rather_than_foreign(ctx, lower, z, evidence)) or has_foreign_letter(ctx, word):
            continue  # the untranslated check's, or a foreign name
        if z == 0 and not capital:
            candidates = spelling_candidates(ctx, lower, _max_distance(lower))
        elif ctx.tgt == "en" and _inflection_of_a_word(lexicon, lower, z):
            continue  # "fended", "sows", "hollowing": a rare form of a known word, not a slip
        else:
            # A known but rare word (or a capitalised one): only a near-miss of a far more
            # common word ("thier" -> "their"; "Amercia" -> "America").
            max_d = 2 if z < 1.5 and len(lower) >= (9 if capital else 7) else 1
            candidates = [
                c for c in spelling_candidates(ctx, lower, max_d)
                if _plausible(lower, c, z, gap, capital)
            ]
        if short_capital:
            candidates = [c for c in candidates if c[1] == 1 and edit_kind(lower, c[0]) != "sub"]
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


INFLECTION_GAP = 2.0  # a regular form this much rarer than its base word may be a misspelling
BASE_ZIPF = 3.0  # ... and the base must be a common word itself (not "wea" for "weas")


def _english_bases(word: str) -> list[str]:
    """The base words `word` would be a regular English inflection of (-s, -es, -ies, -ed, -ied,
    -ing; a dropped e, a doubled consonant): "fended" -> fend, "sows" -> sow."""
    bases = []
    if len(word) > 4 and word.endswith(("ies", "ied")):
        bases.append(word[:-3] + "y")
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        bases.append(word[:-1])
        if word.endswith(("ses", "xes", "zes", "ches", "shes", "oes")):
            bases.append(word[:-2])  # "-es" only after a sibilant or o: "boxes", not "ganes" -> gan
    for ending in ("ed", "ing"):
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            bases += [stem, stem + "e"]
            if stem[-1] == stem[-2]:
                bases.append(stem[:-1])  # "stopped" -> stop
    return bases


def _inflection_of_a_word(lexicon, word: str, z: float) -> bool:
    """Is the rare known `word` a regular form of a known word not far more common than it? Real
    forms are about as common as their base (fended 2.2, fend 3.2); over-regularised misspellings
    are far rarer than theirs (heared 2.0, hear 5.2; layed 2.5, lay 4.6)."""
    for base in _english_bases(word):
        bz = lexicon.zipf(base)
        if bz >= BASE_ZIPF and bz - z <= INFLECTION_GAP:
            return True
    return False


def _plausible(word: str, cand: tuple, z: float, gap: float, capital: bool) -> bool:
    """Is `cand` (word, distance, zipf) a likelier reading of the rare `word`?

    Typing slips insert, drop or swap letters; a one-letter substitution between two real words
    is as often a different word (levee/level, chub/club), so it needs a wider frequency gap.
    """
    name, distance, cz = cand
    if capital and name[:1] != word[:1]:
        return False  # names differ from words in their first letter far more often than typos do
    # Long words rarely have a real word one edit away: a smaller gap is enough there.
    needed = z + gap - (0.5 if len(word) >= 9 else 0.0)
    if z >= 2.5 and (distance > 1 or edit_kind(word, name) == "sub"):
        return False  # a fairly common word ("cadre", "roomy") is only a slip of the fingers away
    if distance == 1 and len(word) < 8 and edit_kind(word, name) == "sub" and not _sound_alike(word, name):
        needed = z + gap + 1.0
    if capital:
        # A capitalised slip must land on a very common word; a swap or a dropped letter is the
        # likelier slip, so it needs a little less.
        needed = max(needed, 4.5 if distance > 1 or edit_kind(word, name) == "sub" else 4.0)
    return cz >= needed


_SOUND_ALIKE = ("aeiouy", "cs", "ck", "sz", "fv", "mn")


def _sound_alike(a: str, b: str) -> bool:
    """One letter written for another that sounds alike ("relevent", "absense"): the commonest
    spelling slips, unlike two unrelated words one letter apart (chub/club)."""
    return any(x != y and any(x in g and y in g for g in _SOUND_ALIKE) for x, y in zip(a, b))


def _match_case(original: str, suggestion: str) -> str:
    return suggestion[:1].upper() + suggestion[1:] if original[:1].isupper() else suggestion
