"""Which glossary entities a text names, in any form: exact forms, inflected forms, and stems.

Shared by the checks that compare a translation with its source. The exact forms come from the
glossary index (one Aho-Corasick pass). Inflected languages add a generic stem match: a form with a
final ending dropped (Зеленский -> Зеленск, Москва -> Москв) followed by at most three letters of
the same script (Зеленского, Москве, Путина). Read *strictly* (the source side), extensions that
start a derived word rather than a case ending are refused: Украин+цы are Ukrainians, not Ukraine.
Read *leniently* (the side we only ask "is it named at all?"), they count: "Russian troops" names
Russia well enough for a check that must not cry wolf; so do plurals ("Europeans"), stems of three
letters ("Asian") and Hindi adjectives (अमेरिकी for अमेरिका, भारतीय for भारत). Strictly, Polish and
Czech extensions must be case endings ("Polsku" is Poland, "Daniel" is no case of "Dania").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from ..segment import tokens
from ._words import word_script
from .base import in_ignore_context

# Endings dropped from a form's words before the stem match (longest first).
ENDINGS = {
    "ru": ("ий", "ый", "ой", "а", "я", "й", "ь", "о"),
    "uk": ("ий", "ій", "ой", "а", "я", "й", "ь", "о"),
    "pl": ("a", "o", "e", "y"),
    "cs": ("a", "o", "e", "y"),
    "de": ("e",),
}
# The lenient stem match (English "Russian" for Russia, "Swedish" for Sweden, Italian "indiani").
LENIENT_ENDINGS = {
    "en": ("ain", "ia", "en", "a", "e", "o", "y"),  # "o": Mexico -> Mexican, Morocco -> Moroccan
    "fr": ("e",), "es": ("a", "o"), "it": ("a", "o", "e"), **ENDINGS,
    "hi": ("\u093e",),  # the vowel sign ा: अमेरिका -> अमेरिकी, अफ़्रीका -> अफ़्रीकी
}
# Strictly, the only extensions of a Polish or Czech stem are case endings.
CASE_ENDINGS = {
    "pl": frozenset("a y i ie ę ą u o e om ami ach owi em ów".split()),
    "cs": frozenset("a y u ou e ě i í o em ech ům ami ách ích ách ou".split()),
}
# Extensions that make a derived word (people, adjectives), refused in strict reading.
DERIVED = {
    "ru": ("ц", "ск", "к", "ян", "ан", "н"),
    "uk": ("ц", "ськ", "ск", "к", "ян", "ан", "н"),
    "pl": ("c", "sk", "k", "an", "n"),
    "cs": ("c", "sk", "k", "an", "n", "št"),
    "de": ("er", "isch", "ier"),
}
MAX_EXTRA = 3
MIN_STEM = 4
MIN_STEM_LENIENT = 3
_POSSESSIVE = re.compile(r"^(.+?)['’]s?$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    form: str  # the text as written
    entities: frozenset  # entity indexes this mention may name
    kind: str = "name"  # the glossary kind of the form ("stem" for a stem match)
    langs: frozenset = frozenset()  # the languages whose form this is


def _stem(word: str, endings, lang) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    if lang == "uk" and len(word) >= 4 and word[-2] in "ії" and word[-1] not in "аеєиіїоуюяь":
        # Ukrainian і/ї before a final consonant alternates: Київ -> Києва, Львів -> Львова.
        return word[:-2] + {"і": "о", "ї": "є"}[word[-2]] + word[-1]
    return word


def _stem_table(index, lang: str, endings, fold) -> dict:
    """First-word stem -> [(word stems, words, entity index, kind)] for every form of `lang`."""
    table: dict = {}
    for idx, entity in enumerate(index.entities):
        names = entity.names.get(lang)
        if names is None:
            continue
        for form, kind, _ in names.forms():
            if kind == "inflected":
                continue  # already a case form, matched exactly: its stem would over-reach (Раду+лов)
            words = [fold(t.text) for t in tokens(form)]
            if not words:
                continue
            stems = tuple(_stem(w, endings, lang) for w in words)
            table.setdefault(stems[0], []).append((stems, tuple(words), idx, kind))
    return table


def _letters(extra: str) -> bool:
    """Letters, or Devanagari vowel signs (combining marks, which are not alphabetic)."""
    return all(ch.isalpha() or unicodedata.category(ch) in ("Mn", "Mc") for ch in extra)


def _word_matches(token: str, stem: str, word: str, denied, lenient: bool = False, cases=None) -> bool:
    if token == word:
        return True
    if not token.startswith(stem) or len(stem) < (MIN_STEM_LENIENT if lenient else MIN_STEM):
        return False
    extra = token[len(stem):]
    if lenient and len(extra) > 1 and extra.endswith("s"):
        extra = extra[:-1]  # a plural: "Europeans", "Egyptians"
    if not extra or len(extra) > MAX_EXTRA + lenient or not _letters(extra):
        return extra == ""
    if word_script(extra) not in ("", word_script(stem)):  # "": vowel signs only (अमेरिक+ी)
        return False
    if cases is not None and extra not in cases:
        return False
    return not (denied and extra.startswith(denied))


def stem_mentions(index, text: str, lang: Optional[str], strict: bool, relaxed: bool = False) -> list[Mention]:
    """Stem matches of `lang`'s forms in `text`. `relaxed` (lenient reading only, for "is it named
    at all?"): plurals and three-letter stems count too ("Europeans", "Asian")."""
    endings = (ENDINGS if strict else LENIENT_ENDINGS).get(lang or "")
    if endings is None:
        return []
    # Strictly, names are matched as written; leniently, case aside ("indiani" for India).
    fold = (lambda w: w) if strict else str.casefold
    table = index.derived(("stems", lang, strict), lambda ix: _stem_table(ix, lang, endings, fold))
    extra_cut = MAX_EXTRA + (1 if relaxed else 0)
    denied = DERIVED.get(lang, ()) if strict else ()
    cases = CASE_ENDINGS.get(lang) if strict else None
    toks = tokens(text)
    words = []
    for tok in toks:
        m = _POSSESSIVE.match(tok.text)
        words.append(fold(m.group(1) if m else tok.text))
    found = []
    covered = 0  # tokens before this one belong to a mention already found
    for k, word in enumerate(words):
        if k < covered:
            continue
        candidates = []
        for cut in range(0, extra_cut + 1):
            if cut >= len(word):
                break
            candidates.extend(table.get(word[: len(word) - cut], ()))
        best = None
        for stems, form_words, idx, kind in candidates:
            n = len(stems)
            if k + n > len(words):
                continue
            ok = all(_word_matches(words[k + j], stems[j], form_words[j], denied, relaxed and not strict, cases)
                     for j in range(n))
            ok = ok and all(
                len(text[toks[k + j].end:toks[k + j + 1].start]) <= 3
                and not any(ch.isalnum() for ch in text[toks[k + j].end:toks[k + j + 1].start])
                for j in range(n - 1)
            )
            if ok and (best is None or n > best[0]):
                best = (n, {idx}, kind)
            elif ok and n == best[0]:
                best[1].add(idx)
        if best:
            n = best[0]
            start, end = toks[k].start, toks[k + n - 1].end
            mention = Mention(start, end, text[start:end], frozenset(best[1]), "stem", frozenset({lang}))
            # An entity's ignore contexts hold for its case forms too ("Chicken Kiev" and "Chicken Kieva").
            entities = frozenset(e for e in best[1] if not _ignored(index, text, mention, e))
            if entities:
                covered = k + n
                found.append(Mention(start, end, mention.form, entities, "stem", frozenset({lang})))
    return found


def _ignored(index, text: str, mention, entity: int) -> bool:
    """Is this mention of `entity` inside one of the entity's ignore contexts?"""
    contexts = index.entities[entity].ignore
    return bool(contexts) and in_ignore_context(text, mention, contexts)


def _katakana(ch: str) -> bool:
    """A katakana letter or the long-vowel mark (not the middle dot ・, which separates words)."""
    return "\u30a1" <= ch <= "\u30fa" or ch == "\u30fc" or "\u31f0" <= ch <= "\u31ff"


def _inside_katakana_word(text: str, start: int, end: int) -> bool:
    """A katakana form inside a longer katakana word: Japanese writes loanwords without spaces, but
    a katakana word ends where the katakana does (タイ is no name in タイトル, ローマ none in ローマン)."""
    form = text[start:end]
    if not (form and _katakana(form[0]) and _katakana(form[-1])):
        return False
    return (start > 0 and _katakana(text[start - 1])) or (end < len(text) and _katakana(text[end]))


def exact_mentions(index, text: str, lang: Optional[str] = None) -> list[Mention]:
    """Glossary forms in `text`. With `lang`, a form counts for the entities that write it so in
    `lang`, or, for entities the glossary gives no form in `lang`, in any language. Forms inside a
    longer katakana word do not count; with `lang` (the strict reading of a source), neither do
    forms in one of their entity's `ignore` contexts (ローマ in ローマ教皇, the Pope, is no Rome)."""
    result = []
    for match in index.scan(text):
        if _inside_katakana_word(text, match.start, match.end):
            continue
        hits = match.hits
        if lang:
            hits = [h for h in hits if not _ignored(index, text, match, h.entity)]
            own = [h for h in hits if h.lang == lang]
            if not own:
                own = [h for h in hits if lang not in index.entities[h.entity].names]
            hits = own
        if hits:
            kind = min((h.kind for h in hits), key=lambda k: k != "name")
            result.append(Mention(match.start, match.end, match.form, frozenset(h.entity for h in hits), kind,
                                  frozenset(h.lang for h in hits)))
    return result


def named_entities(mentions) -> set:
    return {e for m in mentions for e in m.entities}


def nested_entities(index, mentions) -> set:
    """Entities named by a form inside a longer matched form: "U.S." in "U.S. Supreme Court"
    (leftmost-longest matching keeps only the longer name). Word-bounded at spaces."""
    result = set()
    lookup = index.hits
    for m in mentions:
        form = m.form
        if " " not in form:
            continue
        starts = [0] + [k + 1 for k, ch in enumerate(form) if ch == " "]
        ends = [k for k, ch in enumerate(form) if ch == " "] + [len(form)]
        for a in starts:
            for b in ends:
                if b > a and (a, b) != (0, len(form)):
                    hits = lookup(form[a:b])
                    if hits:
                        result.update(h.entity for h in hits)
    return result


def source_lang(ctx) -> Optional[str]:
    """The source language: given, else detected from the source text."""
    if ctx.src:
        return ctx.src
    detect = ctx.resources.detect_language
    if detect is None or not ctx.doc.source:
        return None
    lang, prob = detect(ctx.doc.source[:4000])
    return lang if prob >= 0.8 else None


def anchors(ctx, source_offsets) -> dict:
    """Where to report what the translation lacks, for each source offset: the translation's
    sentence in the same place when source and translation have as many sentences, else its first
    sentence (never one with a URL or code in it, which the engine would drop). An absence has no
    span of its own; the sentence is where a reviewer looks for it. -> {(start, end): [offsets]}"""
    from ..segment import sentences

    protected = [ctx.protected[k] for k in ("url", "email", "hashtag", "code")]

    def clean(span):
        return not any(p.overlaps(*span) for p in protected)

    target = ctx.sentences
    usable = [span for span in target if clean(span)] or [(0, len(ctx.text))]
    source = sentences(ctx.doc.source)
    result: dict = {}
    for offset in source_offsets:
        span = usable[0]
        if len(source) == len(target):
            i = next((k for k, (s, e) in enumerate(source) if s <= offset < e), None)
            if i is not None and clean(target[i]):
                span = target[i]
        result.setdefault(span, []).append(offset)
    return result


def listing(items: list) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
