"""Word-level evidence shared by the untranslated and word-typo checks."""
from __future__ import annotations

from typing import Optional

from ..languages import LATIN_CANDIDATES, scripts_of, script_of

# Zipf thresholds (see lexicon.py): tuned on ../shared/eval dev data, see docs/evaluation.md.
KNOWN_ZIPF = 2.5  # at or above this a word is an ordinary word of the language
SUGGEST_MIN_ZIPF = 3.0  # spelling suggestions come from words at least this common


def word_script(word: str) -> str:
    """The script most of the word's letters are in."""
    if word.isascii():
        return "LATIN"
    counts: dict[str, int] = {}
    for ch in word:
        s = script_of(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    return max(counts, key=lambda s: (counts[s], s)) if counts else ""


def candidate_languages(ctx) -> tuple[str, ...]:
    """Languages whose words may be left in the text: the source, else the usual Latin suspects."""
    if ctx.src and ctx.src != ctx.tgt:
        return (ctx.src,)
    return tuple(l for l in LATIN_CANDIDATES if l != ctx.tgt)


# A word known in the target language is still foreign when it is this common in the other
# language and this much more common there ("und", "qui", "dass" in an English text).
FUNCTION_WORD_ZIPF = 5.5
FUNCTION_WORD_GAP = 2.5


def foreign_evidence(ctx, word: str, tgt_zipf: float) -> Optional[tuple[str, float]]:
    """(language, zipf) of the language where `word` is clearly more at home than in the target."""
    best = None
    for lang in candidate_languages(ctx):
        lexicon = ctx.lexicon(lang)
        if lexicon is None or scripts_of(lang) != scripts_of(ctx.tgt):
            continue
        z = lexicon.zipf(word)
        if tgt_zipf < KNOWN_ZIPF:
            clear = z >= KNOWN_ZIPF and z - tgt_zipf >= 1.0
        else:
            clear = z >= FUNCTION_WORD_ZIPF and z - tgt_zipf >= FUNCTION_WORD_GAP
        if clear and (best is None or z > best[1]):
            best = (lang, z)
    return best


UNKNOWN_SOURCE_FOREIGN_MAX = 4.5


def typo_rather_than_foreign(ctx, word: str, tgt_zipf: float, evidence) -> bool:
    """A word rare in the target language and not common in the other one, one edit from a common
    target word, is a typo rather than a foreign word ("wroet" may be in some word list): the
    untranslated check leaves it to word-typo, and word-typo takes it."""
    # With the source language unknown, a word of some other language is no more likely a leftover
    # than a slip ("confortable", "trafic"): a more common foreign word still reads as a typo.
    foreign_max = 3.5 if ctx.src and ctx.src != ctx.tgt else UNKNOWN_SOURCE_FOREIGN_MAX
    if evidence is None or tgt_zipf >= 2.5 or evidence[1] >= foreign_max:
        return False
    close = spelling_candidates(ctx, word, 1)
    return bool(close) and close[0][2] >= 4.0


# QWERTY neighbours: a slip of the first letter lands next to it ("vetween", "wupport").
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours(row: int, col: int) -> str:
    near = [(row, col - 1), (row, col + 1)]
    if row == 0:
        near += [(1, col - 1), (1, col)]
    elif row == 1:
        near += [(0, col), (0, col + 1), (2, col - 1), (2, col)]
    else:
        near += [(1, col), (1, col + 1)]
    return "".join(_ROWS[r][c] for r, c in near if 0 <= c < len(_ROWS[r]))


KEYBOARD_NEIGHBOURS = {ch: _neighbours(r, c) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}


def spelling_candidates(ctx, word: str, max_distance: int) -> list[tuple[str, int, float]]:
    """Common target-language words within `max_distance` edits (OSA: a swap is one edit),
    best first: (word, distance, zipf).

    The search is blocked by first letter (or the second, which covers a swap or a dropped first
    letter: "lsat", "nkow") and by length, and memoised: news repeats its rare words.
    """
    lexicon = ctx.lexicon(ctx.tgt)
    if lexicon is None:
        return []
    return lexicon.memo(("spelling", word, max_distance), lambda: _search(lexicon, word, max_distance))


_LETTERS = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿñßáíóúãõåøæœąćęłńśźżčďěňřšťůýž"


def _edit_letters(lexicon, ascii_word: bool) -> str:
    """The letters tried in an edit: a-z for an ASCII word, else every letter of _LETTERS; only
    those that occur in some common word (a candidate with any other letter cannot be one: for
    English that leaves ~30 of _LETTERS' 71, the same results at less than half the cost)."""

    def build():
        common = lexicon.common_set(SUGGEST_MIN_ZIPF)
        present = set("".join(common))
        return "".join(ch for ch in (_LETTERS[:26] if ascii_word else _LETTERS) if ch in present)

    return lexicon.memo(("edit-letters", SUGGEST_MIN_ZIPF, ascii_word), build)


# After this many one-edit searches in a process (a batch, not one article), an index of the
# common words by their one-letter deletions is built (~0.3 s for English) and searched instead
# (it saves ~0.15 ms a search: worth it from a few thousand searches).
DELETE_INDEX_AFTER = 2000
_LETTER_SET = frozenset(_LETTERS)
_ASCII_LETTER_SET = frozenset(_LETTERS[:26])


def _one_edit(lexicon, word: str) -> set[str]:
    """Common words one insertion, deletion, substitution or swap away (OSA distance 1), with the
    new letter, if any, one of _edit_letters (a-z for an ASCII word).

    A few searches (one article): every such string is generated and looked up in the set of
    common words (a few hundred set look-ups; no index to build, which keeps a cold start fast).
    Many searches (a batch): the deletion index answers with a handful of look-ups a word."""
    searches = lexicon.memo(("one-edit-searches",), lambda: [0])
    searches[0] += 1
    if searches[0] > DELETE_INDEX_AFTER:
        return _one_edit_indexed(lexicon, word)
    common = lexicon.common_set(SUGGEST_MIN_ZIPF)
    letters = _edit_letters(lexicon, word.isascii())
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = set()
    for left, right in splits:
        if right:
            found.add(left + right[1:])  # a letter too many in the word
            if len(right) > 1:
                found.add(left + right[1] + right[0] + right[2:])  # two letters swapped
            for ch in letters:
                found.add(left + ch + right[1:])  # a letter changed
        for ch in letters:
            found.add(left + ch + right)  # a letter missing from the word
    found.discard(word)
    return found & common


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_edit_indexed(lexicon, word: str) -> set[str]:
    """_one_edit by the deletion index (SymSpell's idea, distance 1): two words one edit apart
    share a deletion, or one is a deletion of the other. Candidates are confirmed by OSA."""

    def build():
        index: dict[str, list[str]] = {}
        for common_word in lexicon.common_set(SUGGEST_MIN_ZIPF):
            index.setdefault(common_word, []).append(common_word)
            for deleted in _deletions(common_word):
                index.setdefault(deleted, []).append(common_word)
        return index

    from rapidfuzz.distance import OSA  # here: a run without spelling checks never loads rapidfuzz

    index = lexicon.memo(("deletion-index", SUGGEST_MIN_ZIPF), build)
    candidates = set(index.get(word, ()))
    for deleted in _deletions(word):
        candidates.update(index.get(deleted, ()))
    allowed = (_ASCII_LETTER_SET if word.isascii() else _LETTER_SET).union(word)  # as _edit_letters
    return {
        cand for cand in candidates
        if cand != word and allowed.issuperset(cand) and OSA.distance(word, cand, score_cutoff=1) == 1
    }


def _search(lexicon, word: str, max_distance: int) -> list[tuple[str, int, float]]:
    if max_distance == 1 or len(word) < 7:
        result = [(w, 1, lexicon.zipf(w)) for w in _one_edit(lexicon, word)]
        if result or max_distance == 1:
            result.sort(key=lambda c: (c[1], -c[2], c[0]))
            return result
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    buckets = lexicon.by_first_letter_and_length(SUGGEST_MIN_ZIPF)
    pool = []
    for first in sorted({word[:1], word[1:2]} | set(KEYBOARD_NEIGHBOURS.get(word[:1], ""))):
        for n in range(len(word) - max_distance, len(word) + max_distance + 1):
            pool.extend(buckets.get((first, n), ()))
    found = process.extract(word, pool, scorer=OSA.distance, score_cutoff=max_distance, limit=20)
    result = [(cand, int(d), lexicon.zipf(cand)) for cand, d, _ in found if cand != word]
    result.sort(key=lambda c: (c[1], -c[2], c[0]))
    return result


def edit_kind(a: str, b: str) -> str:
    """How two words one edit apart differ: 'indel', 'swap' (adjacent letters) or 'sub'."""
    if len(a) != len(b):
        return "indel"
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
        return "swap"
    return "sub" if len(diff) == 1 else "other"


# Letters of Latin-script target languages: a lower-case word with a letter outside its
# language's alphabet that the word list does not know is a foreign word ("środowej").
ALPHABETS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "fr": "abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ",
    "de": "abcdefghijklmnopqrstuvwxyzäöüß",
    "es": "abcdefghijklmnopqrstuvwxyzáéíñóúü",
    "it": "abcdefghijklmnopqrstuvwxyzàèéìíîòóùú",
    "pt": "abcdefghijklmnopqrstuvwxyzáâãàçéêíóôõú",
    "nl": "abcdefghijklmnopqrstuvwxyzéëïöü",
}


def has_foreign_letter(ctx, word: str) -> bool:
    alphabet = ALPHABETS.get(ctx.tgt)
    return alphabet is not None and any(ch.isalpha() and ch not in alphabet for ch in word.lower())


def in_name_run(ctx, k: int, sentence_start_counts: bool = False) -> bool:
    """True when capitalised token `k` stands next to another capitalised word (a name such as
    "Julian Colling"). A sentence's first word is capitalised for grammar ("Last Monat") and counts
    as a partner only with `sentence_start_counts` (names often open sentences too)."""
    toks, text = ctx.tokens, ctx.text
    tok = toks[k]
    if k > 0:
        prev = toks[k - 1]
        if (prev.is_capitalized and (sentence_start_counts or prev.start not in ctx.sentence_starts)
                and text[prev.end:tok.start] in (" ", "-")):
            return True
    if k + 1 < len(toks):
        nxt = toks[k + 1]
        if nxt.is_capitalized and text[tok.end:nxt.start] in (" ", "-"):
            return True
    return False


POSSESSIVE = ("'s", "’s")


def lookup_form(word: str) -> str:
    """The form to look up in a word list: possessive 's dropped ("outbreak's" -> "outbreak")."""
    return word[:-2] if word.endswith(POSSESSIVE) and len(word) > 3 else word


def elided_zipf(lexicon, word: str, zipf: float) -> float:
    """For an elided word ("d'état", "l'homme"), the better of the whole and the part after the
    apostrophe: "coup d'état" is English, its "d'état" is not a token of the word list."""
    for apostrophe in ("'", "’"):
        head, sep, rest = word.partition(apostrophe)
        if sep and len(head) <= 2 and rest:
            return max(zipf, lexicon.zipf(rest))
    return zipf


def in_markup(ctx, tok) -> bool:
    """A token written as markup or a placeholder: <unk>, <unintelligible/>, </b>, #NAME#, {var}."""
    text = ctx.text
    before = text[tok.start - 1:tok.start] if tok.start else ""
    after = text[tok.end:tok.end + 1]
    return (before, after) in (("<", ">"), ("<", "/"), ("/", ">"), ("#", "#"), ("{", "}"), ("[", "]"))
