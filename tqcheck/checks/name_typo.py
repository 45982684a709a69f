"""A near-miss of a glossary name that is itself no known name: a misspelt name.

Multi-word names: a run of capitalised words with as many words as a glossary name, one word equal
and the others within a small edit distance ("Williams Burns" → "William Burns"). Single words: a
capitalised word that is no word of the target language and is within edit distance 1 (2 from
eight letters) of a glossary surname or one-word name with the same first letter ("Shoigou" →
"Shoigu").

Flagged (en): "according to CIA boss Williams Burns" → "William Burns".
Clean (en): "Serena Williams won"; "Williams said"; "William Burns said".
"""
from __future__ import annotations

from ..findings import Severity
from ._words import edit_kind
from .base import finding

ID = "name-typo"
SEVERITY = Severity.MAJOR
IN_QUOTES = True
MEMO_LIMIT = 100_000
TITLE_ZIPF = 4.0  # a capitalised word this common before a name is a title ("President")
OPTIONS = {
    "min-length": 5,  # shorter single words are too often other names
    "max-word-zipf": 2.0,  # a single word this common in the target language is not a typo
}


def _max_distance(word: str) -> int:
    return 1 if len(word) < 8 else 2


def _capitalized_runs(ctx):
    """Maximal runs of adjacent capitalised words separated by single spaces or hyphens."""
    run = []
    text = ctx.text
    for tok in ctx.tokens:
        if tok.is_capitalized:
            if run and text[run[-1].end:tok.start] in (" ", "-"):
                run.append(tok)
                continue
            if run:
                yield run
            run = [tok]
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


def _buckets(index, lang):
    names = index.names_in(lang)
    single: dict[str, list[str]] = {}
    multi: dict[tuple[int, str], list[str]] = {}
    for form, (entity, kind) in names.items():
        if kind == "inflected":
            continue
        size = form.count(" ") + 1
        if size == 1:
            single.setdefault(form[:1], []).append(form)
        else:
            multi.setdefault((size, form[:1]), []).append(form)
    return names, single, multi


# Languages whose names inflect ("Vereinigten Königreich", "Владимира Путина"): words that
# differ only in their last two letters are case forms there, not misspellings.
INFLECTING = frozenset({"ru", "uk", "pl", "cs", "sk", "sl", "hr", "sr", "bg", "lt", "lv", "fi", "et", "hu", "el", "be"})
# German inflects names only by a genitive -s and adjectives by their last letter.
GERMAN_ENDINGS = ("s", "n", "en", "es", "e", "er", "em", "m", "r")


def _inflected_pair(a: str, b: str, lang: str) -> bool:
    """Could `a` and `b` be two case forms of one name in `lang`?"""
    if lang in INFLECTING:
        stem = min(len(a), len(b)) - 2
        return stem >= 3 and a[:stem] == b[:stem]
    if lang == "de":
        short, long_ = sorted((a, b), key=len)
        if long_.startswith(short) and long_[len(short):] in GERMAN_ENDINGS:
            return True
        return len(a) == len(b) and a[:-1] == b[:-1] and a[-1] in "nsmre" and b[-1] in "nsmre"
    return False


# Endings that romanizations of Slavic names write differently (-ий/-ій/-ei: Valeriy, Valery,
# Valerii; Sergei, Sergey; Zaluzhnyi, Zaluzhny; Zelenskyy, Zelensky): a house-style matter for a
# glossary's `alt` forms, not a misspelling.
ROMANIZED_ENDINGS = ("iy", "yi", "ii", "yy", "ei", "ey", "y", "i")


def _romanized_alike(a: str, b: str) -> bool:
    """Are `a` and `b` one name in two romanizations (they differ only in such an ending)?"""
    def stem(word):
        for ending in ROMANIZED_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                return word[:-len(ending)]
        return word

    return a != b and stem(a) == stem(b) and stem(a) != a and stem(b) != b


def _near_multi(phrase, candidates, lang):
    """The glossary name that `phrase` misses by a little (word by word), or None."""
    from rapidfuzz import process  # here: a run without name-typo never loads rapidfuzz
    from rapidfuzz.distance import OSA, Levenshtein

    words = phrase.split(" ")
    best = None
    # rapidfuzz narrows the bucket in C; the word-by-word rule below decides.
    for cand_form, _, _ in process.extract(phrase, candidates, scorer=Levenshtein.distance, score_cutoff=4, limit=8):
        cand = cand_form.split(" ")
        if len(cand) != len(words):
            continue
        equal = 0
        ok = True
        total = 0
        for w, c in zip(words, cand):
            if w == c:
                equal += 1
                continue
            if len(w) < 4 or len(c) < 4 or w[:1] != c[:1] or _inflected_pair(w, c, lang) or _romanized_alike(w, c):
                ok = False
                break
            d = OSA.distance(w, c, score_cutoff=_max_distance(c))
            if d > _max_distance(c):
                ok = False
                break
            total += d
        if ok and equal >= 1 and total > 0 and (best is None or (total, cand_form) < best):
            best = (total, cand_form)
    return best[1] if best else None


def _near_single(word, candidates, min_length, lang) -> list[tuple[int, str, bool]]:
    """(distance, name, one letter substituted?) of the glossary names `word` is a near-miss of."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    near = []
    for cand, d, _ in process.extract(word, candidates, scorer=OSA.distance, score_cutoff=1, limit=8):
        if len(cand) < min_length or word.startswith(cand) or cand.startswith(word):
            continue
        if _inflected_pair(word, cand, lang) or _romanized_alike(word, cand):
            continue  # "Putins", "Iranian": inflected and derived forms; "Valery": a romanization
        near.append((int(d), cand, edit_kind(word, cand) == "sub"))
    return near


def check(ctx):
    index = ctx.resources.index
    names, single, multi = index.derived((ID, ctx.tgt), lambda ix: _buckets(ix, ctx.tgt))
    # Near-misses depend on the phrase and the glossary only: worked out once per process (news
    # repeats its names), forgotten when the memo grows past MEMO_LIMIT.
    memo = index.derived((ID, ctx.tgt, "memo"), lambda ix: {})
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    lexicon = ctx.lexicon(ctx.tgt)
    min_length = ctx.option("min-length", OPTIONS["min-length"])
    max_zipf = ctx.option("max-word-zipf", OPTIONS["max-word-zipf"])
    known = ctx.name_spans
    text = ctx.text
    named = {h.entity for m in ctx.name_matches for h in m.hits}
    for run in _capitalized_runs(ctx):
        flagged_multi = False
        # Multi-word names: try every window of the run against names of the same length.
        for size in (3, 2):
            for i in range(0, len(run) - size + 1):
                window = run[i:i + size]
                start, end = window[0].start, window[-1].end
                phrase = text[start:end]
                if index.has_form(phrase) or known.covers(start, end):
                    continue
                if text[start:end].count(" ") != size - 1:
                    continue  # hyphenated runs are compared as they are written
                if phrase not in memo:
                    memo[phrase] = _near_multi(phrase, multi.get((size, phrase[:1]), ()), ctx.tgt)
                suggestion = memo[phrase]
                if suggestion is None or phrase.startswith(suggestion) or suggestion.startswith(phrase):
                    continue  # "South African": a derived form, not a misspelling
                entity = ctx.resources.index.entities[names[suggestion][0]]
                flagged_multi = True
                yield finding(
                    ID, start, end, text,
                    f"'{phrase}' looks like a misspelling of {suggestion} ({entity.description or entity.type})",
                    suggestions=(suggestion,), entity=entity.id, severity=entity.severity,
                )
        if flagged_multi:
            continue
        # A run of names is judged as a whole above ("Liu Xianhua", "Wushan County"), except a
        # title before a single name: "President Zelesnky", "Defense Minister Shoigou".
        while len(run) > 1 and lexicon is not None and lexicon.zipf(run[0].text) >= TITLE_ZIPF:
            run = run[1:]
        if len(run) > 1:
            continue
        for tok in run:
            word = tok.text
            if len(word) < min_length or index.has_form(word) or known.overlaps(tok.start, tok.end):
                continue
            if word.isupper() or (lexicon is not None and lexicon.zipf(word.lower()) >= max_zipf):
                continue
            key = (word, min_length)
            if key not in memo:
                memo[key] = _near_single(word, single.get(word[:1], ()), min_length, ctx.tgt)
            best = None
            for d, cand, substituted in memo[key]:
                # Another name one letter away is as likely as a slip ("Buras"/"Burns"), unless
                # the document names that entity elsewhere.
                if substituted and names[cand][0] not in named:
                    continue
                if best is None or (d, cand) < best:
                    best = (d, cand)
            if best is None:
                continue
            entity = ctx.resources.index.entities[names[best[1]][0]]
            yield finding(
                ID, tok.start, tok.end, text,
                f"'{word}' looks like a misspelling of {best[1]} ({entity.display(ctx.tgt)})",
                suggestions=(best[1],), entity=entity.id, severity=entity.severity,
                confidence=0.8,
            )
