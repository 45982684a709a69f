"""Names in a translation that the source has no trace of, glossary or not.

Most names in the news are in no glossary ("Renamo", "Chen Yongzhou", "Muddy Waters"). A name a
translation adds, or swaps in for another, is still visible: none of its words is in the source.
The source is compared word by word, loosely, because names change a little between languages:
words are folded (case, accents, Cyrillic transliterated two ways, c/k, w/v, y/i, double letters)
and then count as the same when they share a beginning ("Paroubek"/"Paroubka",
"Kalifornien"/"California"), are a small edit apart ("Tokio"/"Tokyo") or share their first four
consonants ("Muhammad"/"Mohammeds"). An acronym is present when the source has the same letters
in any order (DNA/ADN, AIDS/SIDA, РФБ/RBF) or any other acronym as long (MCI for МРП).
Only for a target in Latin script and a source in Latin or Cyrillic script: for other scripts
there is nothing to compare a Latin name with.

What counts as a name: a run of capitalised words (the first word of a sentence only when it is no
known word) with at least one *name word*: rare as a word of the target language (Zipf below
`NAME_ZIPF`) or an acronym of three letters or more. A run of ordinary words only ("Central
America", "Foreign Ministry") may be a translated name and is left alone; so is a run any of whose
words is in the source.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from ..languages import scripts_of
from ..segment import tokens
from ._words import word_script

NAME_ZIPF = 4.0
KNOWN_ZIPF = 2.5  # a sentence's first word below this is no ordinary word
# A word about as common in these languages as in the target is a name: on average at most
# INTERNATIONAL_GAP less common ("john": en 5.4, others 4.85; "queen": en 4.9, others 4.0).
INTERNATIONAL = ("en", "fr", "de", "es", "it")
INTERNATIONAL_GAP = 0.75
INTERNATIONAL_MAX = 5.0  # ... unless it is this common in the target ("in", "die", "America")
SIMILAR = 0.75  # normalised Levenshtein similarity (after folding) that counts as the same word
SIMILAR_CYRILLIC = 0.66  # ... with a transliterated word (Сиэтл -> sietl for Seattle)
CURRENCIES = frozenset("USD EUR GBP CHF JPY CNY RUB UAH PLN CZK HUF SEK NOK DKK TRY INR BRL CAD AUD".split())

_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ"
_CYRILLIC = (  # (scholarly-English, German/name-like) transliterations
    dict(zip(_LETTERS, "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya i yi ye g".split())),
    dict(zip(_LETTERS, "a b v g d e e j z i i k l m n o p r s t u f h c ch sh sch - i - e iu ia i i e g".split())),
)
_FOLDS = (("ph", "f"), ("ck", "k"), ("dzh", "j"), ("kh", "h"), ("c", "k"), ("q", "k"), ("w", "v"), ("y", "i"), ("j", "i"))
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiou]")


def _strip_accents(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def folds(word: str) -> set[str]:
    """The folded forms of a word (two for a Cyrillic word)."""
    word = word.casefold()
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    result = set()
    for table in _CYRILLIC if any(ch in _LETTERS for ch in word) else _CYRILLIC[:1]:
        w = _strip_accents("".join(table.get(ch, ch).replace("-", "") for ch in word))
        for a, b in _FOLDS:
            w = w.replace(a, b)
        result.add(_DOUBLE.sub(r"\1", w))
    return result


def _same(a: str, b: str, short_prefix: bool = False) -> bool:
    if a == b:
        return True
    n = min(len(a), len(b))
    common = 0
    while common < n and a[common] == b[common]:
        common += 1
    if common >= 4 and common * 2 >= n or (short_prefix and common >= 3 and common * 2 >= n):
        return True
    ka, kb = _VOWELS.sub("", a), _VOWELS.sub("", b)
    return len(ka) >= 4 and len(kb) >= 4 and ka[:4] == kb[:4]


class SourceWords:
    """The source's words, for 'is this name in the source?'."""

    def __init__(self, source: str) -> None:
        words, translit, self.acronyms = set(), set(), set()
        for tok in tokens(source):
            for part in re.split(r"['’]", tok.text):  # l'ISL, dell'Onu
                if len(part) < 2:
                    continue
                if part.isupper():
                    self.acronyms.add(part)
                (translit if word_script(part) == "CYRILLIC" else words).update(folds(part))
        self.words = sorted(words | translit)
        self.translit = sorted(translit)
        self.exact = words | translit

    def has(self, word: str, loose_acronyms: bool = True, short_prefix: bool = False) -> bool:
        """Is `word` in the source, loosely? `short_prefix`: three common first letters are enough
        (for a glossary place name: Praha/Prague, Polsku/Poland, Španělska/Spain)."""
        if word.isupper() and len(word) <= 6:
            return self._has_acronym(word, loose_acronyms)
        from rapidfuzz import process  # here: a run without the source checks never loads rapidfuzz
        from rapidfuzz.distance import Levenshtein

        for w in folds(word):
            if w in self.exact or any(_same(w, c, short_prefix) or (len(w) >= 4 and w in c) for c in self.words):
                return True  # (a part of a compound: "Asia" in "Südostasien")
            if process.extractOne(w, self.words, scorer=Levenshtein.normalized_similarity, score_cutoff=SIMILAR):
                return True
            if self.translit and process.extractOne(
                w, self.translit, scorer=Levenshtein.normalized_similarity, score_cutoff=SIMILAR_CYRILLIC,
            ):
                return True
        return False

    def has_initials(self, form: str) -> bool:
        """The source abbreviates `form` (ČR for Czech Republic, РФ for Российская Федерация)."""
        words = [t.text for t in tokens(form) if t.text[:1].isupper()]
        if len(words) < 2:
            return False
        initials = _strip_accents("".join(w[0] for w in words)).upper()
        return any(_strip_accents(a).upper() == initials for a in self.acronyms)

    def _has_acronym(self, word: str, loose: bool) -> bool:
        if loose and (word in CURRENCIES or any(len(a) == len(word) for a in self.acronyms)):
            return True
        letters = sorted(next(iter(folds(word))))
        return any(sorted(f) == letters for a in self.acronyms for f in folds(a))


def applies(tgt: str, source: str) -> bool:
    if scripts_of(tgt) != frozenset({"LATIN"}):
        return False
    scripts = {word_script(t.text) for t in tokens(source[:2000])} - {""}
    return bool(scripts) and scripts <= {"LATIN", "CYRILLIC"}


def name_runs(ctx, taken=()) -> Iterator[tuple[int, int, list, list]]:
    """(start, end, words, name words) of every capitalised run of the translation with a name word.
    Words inside the `taken` spans (glossary names, judged apart) end a run."""
    text = ctx.text
    toks = [t for t in ctx.tokens if not any(s < t.end and t.start < e for s, e in taken)]
    run: list = []

    def flush():
        names = [t for t in run if _is_name_word(ctx, t)]
        if not names:
            return None
        # A leading "The", "In" (capitalised at the start of a sentence) is no part of the name.
        first = next(i for i, t in enumerate(run) if t in names or t.start not in ctx.sentence_starts)
        return run[first].start, run[-1].end, run[first:], names

    for tok in toks:
        if tok.is_capitalized:
            if run and text[run[-1].end:tok.start] in (" ", "-"):
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


def _is_name_word(ctx, tok) -> bool:
    """Rare in the target language, or about as common in other languages (names travel: John,
    Obama, Anderson), unlike the ordinary words a title capitalises (Party, Ministry). The first
    word of a sentence only when unknown; an all-capitals word when it is no ordinary word ("ALSO")."""
    word = tok.text
    lower = word.casefold()
    if lower.endswith(("'s", "’s")):
        lower = lower[:-2]
    lexicon = ctx.lexicon(ctx.tgt)
    zipf = lexicon.zipf(lower) if lexicon is not None else 0.0
    if word.isupper():
        return len(word) >= 3 and zipf < 3.0
    if len(word) < 3:
        return False
    if tok.start in ctx.sentence_starts:
        return zipf < 1.0
    if zipf < NAME_ZIPF:
        return True
    if zipf >= INTERNATIONAL_MAX:
        return False
    others = [lx.zipf(lower) for lx in (ctx.lexicon(lang) for lang in INTERNATIONAL if lang != ctx.tgt) if lx]
    return bool(others) and sum(others) / len(others) >= zipf - INTERNATIONAL_GAP


def unsourced_runs(ctx, words: SourceWords, taken, derived_place) -> Iterator[tuple[int, int]]:
    """Spans of the translation's names that are not in the source: no word of four letters or
    more, nor any of its name words, is found there. `taken`: spans already explained (glossary
    names); `derived_place(word)`: the word is built on a place name ("Swede", "Czech")."""
    for start, end, run, names in name_runs(ctx, taken):
        if all(derived_place(t.text) for t in run):
            continue  # "Swede", "Armenian-Turkish": words built on place names
        if any(words.has(t.text) for t in run if len(t.text) >= 4 or t in names):
            continue
        yield start, end

