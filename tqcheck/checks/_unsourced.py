"""Names in a translation that the source has no trace of, glossary or not.

Most names in the news are in no glossary ("Renamo", "Chen Yongzhou", "Muddy Waters"). A name a
translation adds, or swaps in for another, is still visible: none of its words is in the source.
The source is compared word by word, loosely: accents and case aside, a common beginning
("Paroubek"/"Paroubka", "Kalifornien"/"California") or a small edit distance ("Tokio"/"Tokyo")
counts as present, and a Cyrillic source is transliterated first ("Тиньков" -> "tinkov").
Only for a target in Latin script and a source in Latin or Cyrillic script: for other scripts there
is nothing to compare a Latin name with.

What counts as a name: a run of capitalised words (the first word of a sentence only when it is no
known word), of which at least one is a *name word*: rare as a word of the target language (Zipf
below `NAME_ZIPF`) or an acronym of three letters or more. A run whose words are all ordinary words
("Central America", "Foreign Ministry") may be a translated name and is left alone.
"""
from __future__ import annotations

import unicodedata
from typing import Iterator, Optional

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..languages import scripts_of
from ..segment import tokens
from ._words import word_script

NAME_ZIPF = 4.0
SIMILAR = 0.75  # normalised Levenshtein similarity that counts as the same name
PREFIX = 4  # a common beginning this long (and half the shorter word) counts as the same name

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya i yi ye g".split(" "),
))


def _translit(word: str) -> str:
    return "".join(_CYRILLIC.get(ch, ch).replace("-", "") for ch in word)


def normalise(word: str) -> str:
    """Casefolded, accents and a possessive 's dropped, Cyrillic transliterated."""
    word = word.casefold()
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    word = _translit(word)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class SourceWords:
    """The source's words, for 'is this name in the source?'."""

    def __init__(self, source: str) -> None:
        self.words = sorted({normalise(t.text) for t in tokens(source) if len(t.text) >= 2})
        self.exact = set(self.words)

    def has(self, word: str) -> bool:
        w = normalise(word)
        if w in self.exact:
            return True
        for candidate in self.words:
            n = min(len(w), len(candidate))
            common = len(_common_prefix(w, candidate))
            if common >= PREFIX and common * 2 >= n:
                return True
        best = process.extractOne(w, self.words, scorer=Levenshtein.normalized_similarity, score_cutoff=SIMILAR)
        return best is not None


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


def applies(src: Optional[str], tgt: str, source: str) -> bool:
    if scripts_of(tgt) != frozenset({"LATIN"}):
        return False
    scripts = {word_script(t.text) for t in tokens(source[:2000])} - {""}
    return bool(scripts) and scripts <= {"LATIN", "CYRILLIC"}


def name_runs(ctx) -> Iterator[tuple[int, int, list]]:
    """(start, end, name words) of every capitalised run in the translation holding a name word."""
    lexicon = ctx.lexicon(ctx.tgt)
    text, toks = ctx.text, ctx.tokens
    run: list = []

    def flush():
        names = [t for t in run if _is_name_word(t, lexicon, ctx.sentence_starts)]
        if names:
            return run[0].start, run[-1].end, names
        return None

    for tok in toks:
        if tok.is_capitalized or (tok.text.isupper() and len(tok.text) >= 2):
            if run and text[run[-1].end:tok.start] in (" ", "-", " - "):
                run.append(tok)
                continue
            if run and (found := flush()):
                yield found
            run = [tok]
        elif run:
            if found := flush():
                yield found
            run = []
    if run and (found := flush()):
        yield found


def _is_name_word(tok, lexicon, sentence_starts) -> bool:
    word = tok.text
    if word.isupper():
        return len(word) >= 3
    if len(word) < 3:
        return False
    zipf = lexicon.zipf(normalise(word)) if lexicon is not None else 0.0
    if tok.start in sentence_starts:
        return zipf == 0.0
    return zipf < NAME_ZIPF
