"""Text left in another language: whole sentences, spans in another script, single words.

- A sentence in another language: a cheap word-list test (most of its ordinary words are not words
  of the target language) picks the suspects; langdetect (seeded) confirms, with names masked.
- A span in another script: Cyrillic or Chinese in an English text.
- A single word of the source language: a word that is rare or unknown in the target language and
  common in the source language ("US Präsident Donald Trump").
- Source-language leftovers judged by their lean (source Zipf minus target Zipf, see
  _leftovers.py): runs of words in capitals ("BASIC COAT"), runs of two or more leaning words in
  German ("Remote work is dead"; title-case runs such as "High School" only with `title-runs`:
  they are English names German keeps as often), and, in a target language other than English,
  single words that lean far ("Finish", "Lead"). Loanwords the target language uses (Team, Job,
  Online, Pink) lean too little; names next to a name or bare after a preposition ("in Dorset")
  and identifiers (`parallel_talk`) are left alone.

Flagged (fr → en): "Le ministre chinois est arrivé à Moscou dimanche pour une visite officielle."
Flagged (zh → en): "the urine of 受影响 pets".
Flagged (de → en): "US Präsident Donald Trump said".
Flagged (en → de): "Es gibt keine Verzierungen, es ist ein BASIC COAT."; "Die Flagge ist ein tolles Finish."
Clean (en → de): "Das Team hat online einen neuen Job für den Manager gefunden."
Clean (fr → en): "The Chinese minister arrived in Moscow on Sunday for an official visit."
"""
from __future__ import annotations

import bisect

from ..findings import Severity
from ..languages import name as lang_name
from ..languages import script_name, scripts_of, with_article
from ._words import (
    KNOWN_ZIPF, elided_zipf, foreign_evidence, has_foreign_letter, in_markup, in_name_run, lookup_form,
    typo_rather_than_foreign, word_script,
)
from ._leftovers import CAPITALIZED_NOUNS, leftovers, name_context
from .base import finding

ID = "untranslated"
SEVERITY = Severity.MAJOR
IN_QUOTES = True  # quotations are translated too; a foreign one is a leftover
OPTIONS = {
    "min-words": 5,  # sentences with fewer ordinary words are not judged
    "unknown-ratio": 0.3,  # share of words unknown in the target language that makes a suspect
    "min-probability": 0.8,  # langdetect's confidence needed to confirm
    "words": True,  # flag single words left in the source language
    "min-run": 3,  # words in a row, each more at home in the other language, that make a phrase
    # Source-language leftovers (see _leftovers.py); a word's lean = source Zipf - target Zipf.
    "leftovers": True,  # look for source-language words and phrases by their lean
    "lean": 0.7,  # a word of a run leans at least this far towards the source language
    "run-evidence": 2.5,  # a run of two words or more (in German) leans this much in all
    "title-runs": False,  # judge runs of capitalised words too (in German): mostly kept English names
    "caps-evidence": 2.0,  # a run in capitals ("BASIC COAT") leans this much in all
    "word-lean": 1.7,  # a single word (not in an English text) leans at least this far
    "word-min-src": 3.5,  # and is at least this common in the source language
    "word-max-tgt": 3.6,  # and less common than this in the target language
}

_CJK_LIKE = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"}


def _german_noun(tgt_zipf: float, foreign_zipf: float) -> bool:
    """A capitalised German word is a noun left untranslated, not a name, when the target
    language's word list has never seen it ("Eroberung", "Strände") or barely knows it and it is
    very common in German ("Monat"); names in the news are known abroad (Regensburg, Seehofer)."""
    return (tgt_zipf < 0.5 and foreign_zipf >= 3.0) or (tgt_zipf < 1.8 and foreign_zipf >= 4.8)
MAX_TARGET_ZIPF = 4.5  # a word this common in the target language is never judged foreign


def check(ctx):
    flagged: list[tuple[int, int]] = []
    yield from _sentences(ctx, flagged)
    yield from _script_spans(ctx, flagged)
    yield from _copied_from_source(ctx, flagged)  # with the source: the most specific message
    yield from _foreign_runs(ctx, flagged)
    if ctx.option("leftovers", OPTIONS["leftovers"]):
        yield from _leftovers(ctx, flagged)
    if ctx.option("words", OPTIONS["words"]):
        yield from _words(ctx, flagged)


def _noun_in_name_run(ctx, word, tgt_zipf, evidence) -> bool:
    """"US Präsident Donald Trump": a common German noun the target language has never seen
    (names such as Müller or Schröder are known to English word lists) is no part of the name."""
    return (
        evidence is not None and evidence[0] in CAPITALIZED_NOUNS and evidence[1] >= 4.5
        and tgt_zipf < 1.0 and has_foreign_letter(ctx, word)
    )


def _inside(flagged, start, end):
    return any(s <= start and end <= e for s, e in flagged)


def _sentences(ctx, flagged):
    detect = ctx.resources.detect_language
    lexicon = ctx.lexicon(ctx.tgt)
    if detect is None or lexicon is None:
        return
    min_words = ctx.option("min-words", OPTIONS["min-words"])
    ratio = ctx.option("unknown-ratio", OPTIONS["unknown-ratio"])
    min_prob = ctx.option("min-probability", OPTIONS["min-probability"])
    toks = ctx.tokens
    starts = [t.start for t in toks]
    text = ctx.text
    for s, e in ctx.sentences:
        if ctx.foreign_spans.overlaps(s, e):
            continue
        i, j = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
        # Cheap gate first: lower-case words only, no name or script tests.
        if j - i < min_words:
            continue
        lower = [(t.text, z) for t, z in zip(toks[i:j], ctx.token_zipf[i:j]) if not t.is_capitalized]
        if len(lower) < min_words:
            continue
        unknown = sum(1 for _, z in lower if z < KNOWN_ZIPF)
        if ctx.src and ctx.src != ctx.tgt and _has_lexicon(ctx, ctx.src):
            # The source language is known: its own word list tells (cheaply) whether the
            # sentence is more at home there; langdetect then only confirms.
            if unknown < 0.5 * len(lower) and not _mostly_other(ctx, lower):
                continue
        elif unknown < ratio * len(lower) and not _mostly_other(ctx, lower):
            continue
        words = [
            t for t in toks[i:j]
            if not ctx.name_spans.overlaps(t.start, t.end)
            and (not t.is_capitalized or t.start in ctx.sentence_starts)
            and word_script(t.text) in scripts_of(ctx.tgt)
        ]
        if len(words) < min_words:
            continue
        masked = " ".join(t.text for t in words)
        lang, prob = detect(masked)
        if lang is None or lang == ctx.tgt or prob < min_prob:
            continue
        flagged.append((s, e))
        yield finding(
            ID, s, e, text,
            f"sentence in {lang_name(lang)}, not {lang_name(ctx.tgt)}: left untranslated?",
            confidence=round(prob, 3),
        )


def _has_lexicon(ctx, lang) -> bool:
    return ctx.lexicon(lang) is not None and scripts_of(lang) == scripts_of(ctx.tgt)


def _mostly_other(ctx, words) -> bool:
    """Are most words more at home in the one other language we suspect? English function words
    are known to French and German word lists, so the unknown-word test misses an English
    sentence there; comparing frequencies with the suspected language does not."""
    other = _other_language(ctx)
    if other is None:
        return False
    lexicon = ctx.lexicon(other)
    return sum(1 for w, z in words if lexicon.zipf(w) > z + 0.5) >= 0.6 * len(words)


def _other_language(ctx):
    """The one other language we suspect: the source's, else English for a non-English text."""
    other = ctx.src if ctx.src and ctx.src != ctx.tgt else ("en" if ctx.tgt != "en" else None)
    return other if other and _has_lexicon(ctx, other) else None


def _foreign_runs(ctx, flagged):
    """A phrase left in the other language inside a sentence of the target language: three or more
    words in a row, each clearly more at home in the other language ("ein Krematorium „next door
    to a retirement village“ zu errichten")."""
    other = _other_language(ctx)
    if other is None:
        return
    lexicon = ctx.lexicon(other)
    min_run = ctx.option("min-run", OPTIONS["min-run"])
    toks, zipfs, text = ctx.tokens, ctx.token_zipf, ctx.text
    run: list[int] = []

    def close(run):
        if len(run) >= min_run and not _names_with_particles([toks[k] for k in run]):
            start, end = toks[run[0]].start, toks[run[-1]].end
            if not _inside(flagged, start, end) and not ctx.name_spans.covers(start, end):
                return start, end
        return None

    spans = []
    for k, tok in enumerate(toks):
        z = zipfs[k]
        foreign = lexicon.zipf(tok.text) >= max(3.0, z + 1.5) and not ctx.name_spans.overlaps(tok.start, tok.end)
        joined = run and not any(ch in ".!?\n;:" for ch in text[toks[run[-1]].end:tok.start])
        if foreign and (joined or not run):
            run.append(k)
            continue
        span = close(run)
        if span:
            spans.append(span)
        run = [k] if foreign else []
    span = close(run)
    if span:
        spans.append(span)
    for start, end in spans:
        flagged.append((start, end))
        yield finding(
            ID, start, end, text,
            f"phrase in {lang_name(other)}, not {lang_name(ctx.tgt)}: left untranslated?", confidence=0.7,
        )


def _leftovers(ctx, flagged):
    """Words and phrases of the source language judged by their lean (see _leftovers.py)."""
    other = _other_language(ctx)
    if other is None:
        return
    text = ctx.text
    for start, end, kind in leftovers(ctx, other, flagged, lambda name: ctx.option(name, OPTIONS[name])):
        flagged.append((start, end))
        what = f"phrase in {lang_name(other)}" if kind == "phrase" else f"'{text[start:end]}' is {with_article(lang_name(other))} word"
        yield finding(ID, start, end, text, f"{what}, not {lang_name(ctx.tgt)}: left untranslated?", confidence=0.6)


# Particles found inside place and family names and hardly in the names of institutions: "Ústí
# nad Labem", "Frankfurt am Main", "Rostov-na-Donu", "Ludwig van Beethoven" are names, not words
# left over. Romance "de", "la", "del" are not in the list: "Ministère de la Défense" and
# "Ministerio de Defensa" left whole are leftovers; nor are conjunctions ("Merkel und Macron").
NAME_PARTICLES = frozenset("nad pod na am an im sur lès van von zu ter ten bin ibn".split())


def _names_with_particles(run) -> bool:
    """Capitalised words, or names joined by short particles: "Ústí nad Labem", "Frankfurt am
    Main", "Liberec, Ústí nad Labem, Karlovy Vary" are place names, not a phrase left over."""
    if not (run[0].is_capitalized and run[-1].is_capitalized):
        return False
    return all(tok.is_capitalized or tok.text in NAME_PARTICLES for tok in run)


def _particle_in_name(ctx, k) -> bool:
    """A name particle between two capitalised words: "nad" in "Ústí nad Labem"."""
    toks, text = ctx.tokens, ctx.text
    if not 0 < k < len(toks) - 1 or toks[k].text not in NAME_PARTICLES:
        return False
    before, after = toks[k - 1], toks[k + 1]
    return (before.is_capitalized and after.is_capitalized
            and text[before.end:toks[k].start] in (" ", "-") and text[toks[k].end:after.start] in (" ", "-"))


def _script_spans(ctx, flagged):
    own = scripts_of(ctx.tgt)
    if ctx.text.isascii() and "LATIN" in own:
        return  # nothing but Latin letters
    text = ctx.text
    index = ctx.resources.index
    span = None  # [start, end, script]
    spans = []
    for tok in ctx.tokens:
        script = word_script(tok.text)
        if script and script not in own:
            gap = text[span[1]:tok.start] if span else ""
            if span and len(gap) <= 3 and "\n" not in gap and not any(ch.isalpha() for ch in gap):
                span[1] = tok.end
            else:
                if span:
                    spans.append(span)
                span = [tok.start, tok.end, script]
        elif span:
            spans.append(span)
            span = None
    if span:
        spans.append(span)
    for start, end, script in spans:
        letters = sum(1 for ch in text[start:end] if ch.isalpha())
        if letters < (1 if script in _CJK_LIKE else 2):
            continue
        if _inside(flagged, start, end) or ctx.foreign_spans.overlaps(start, end):
            continue
        # A glossary name with a form in the target language is source-form's to report.
        if any(
            m.start <= start and end <= m.end and any(ctx.tgt in index.entities[h.entity].names for h in m.hits)
            for m in ctx.name_matches
            if m.start <= start < m.end
        ):
            continue
        flagged.append((start, end))
        yield finding(
            ID, start, end, text,
            f"{script_name(script)} text in {with_article(lang_name(ctx.tgt))} document: left untranslated?",
        )


def _words(ctx, flagged):
    lexicon = ctx.lexicon(ctx.tgt)
    if lexicon is None:
        return
    text = ctx.text
    toks = ctx.tokens
    own = scripts_of(ctx.tgt)
    zipfs = ctx.token_zipf
    for k, tok in enumerate(toks):
        word = tok.text
        if zipfs[k] >= MAX_TARGET_ZIPF or len(word) < 2:
            continue  # the fast path: most words are common words of the target language
        if word.isupper() or ctx.name_spans.overlaps(tok.start, tok.end):
            continue
        if word_script(word) not in own or _inside(flagged, tok.start, tok.end):
            continue
        if ctx.foreign_spans.overlaps(tok.start, tok.end):
            continue
        if in_markup(ctx, tok) or _particle_in_name(ctx, k):
            continue
        word = lookup_form(word)
        tgt_zipf = elided_zipf(lexicon, word, lexicon.zipf(word))
        if tgt_zipf >= MAX_TARGET_ZIPF:
            continue
        evidence = foreign_evidence(ctx, word, tgt_zipf)
        if tok.is_capitalized and in_name_run(ctx, k) and not _noun_in_name_run(ctx, word, tgt_zipf, evidence):
            continue
        if tok.is_capitalized and ctx.tgt in CAPITALIZED_NOUNS and evidence is not None \
                and name_context(ctx, k, ctx.lexicon(evidence[0])):
            continue  # "George Howarth", "in Dorset": a name, in a language that capitalises nouns
        if evidence is None:
            if tgt_zipf == 0 and not tok.is_capitalized and len(word) >= 4 and has_foreign_letter(ctx, word):
                yield finding(
                    ID, tok.start, tok.end, text,
                    f"'{word}' is not {lang_name(ctx.tgt)}: left untranslated?", confidence=0.6,
                )
            continue
        lang, foreign_zipf = evidence
        # A capitalised word inside a sentence is a name, unless the language capitalises its
        # nouns (German "Präsident") and the word is common there.
        # Capitalised words are names far more often than leftovers (Krefeld, Novotná), even at
        # the start of a sentence: only a common German noun ("Präsident") is judged.
        if tok.is_capitalized and ctx.tgt not in CAPITALIZED_NOUNS and not (
            lang in CAPITALIZED_NOUNS and _german_noun(tgt_zipf, foreign_zipf)
        ):
            continue
        if typo_rather_than_foreign(ctx, word.lower(), tgt_zipf, evidence):
            continue  # word-typo's to report
        yield finding(
            ID, tok.start, tok.end, text,
            f"'{word}' is {with_article(lang_name(lang))} word, not {lang_name(ctx.tgt)}: left untranslated?",
            confidence=0.7,
        )


def _copied_from_source(ctx, flagged):
    """With the source at hand: a sentence identical to a source sentence (case and spacing aside,
    three words or more, its words more at home in the source language), and single words copied
    from the source that are no names, numbers or words of the target language."""
    from ..segment import sentences, tokens
    from ._mentions import source_lang

    source = ctx.doc.source
    src = source_lang(ctx) if source else None
    if not src or src == ctx.tgt:
        return
    lexicon, src_lexicon = ctx.lexicon(ctx.tgt), ctx.lexicon(src)
    text = ctx.text

    def norm(s):
        return " ".join(s.casefold().split())

    def foreign(word):  # the word is more at home in the source language than in the target
        lower = word.lower()
        if lexicon is None or src_lexicon is None:
            return True
        return lexicon.zipf(lower) < KNOWN_ZIPF or src_lexicon.zipf(lower) > lexicon.zipf(lower)

    source_sentences = {norm(source[s:e]) for s, e in sentences(source)} | {norm(source)}
    for s, e in ctx.sentences:
        toks = [t for t in ctx.tokens if s <= t.start < e]
        if len(toks) < 3 or norm(text[s:e]) not in source_sentences:
            continue
        # Names are the same in both languages: judge the ordinary words (a list of names is fine).
        words = [
            t.text for t in toks
            if not ctx.name_spans.overlaps(t.start, t.end) and (not t.is_capitalized or t.start in ctx.sentence_starts)
        ]
        if not words or any(a < e and s < b for a, b in flagged) or sum(map(foreign, words)) * 2 <= len(words):
            continue
        flagged.append((s, e))
        yield finding(ID, s, e, text, f"identical to the source: left untranslated from {lang_name(src)}?")
    if lexicon is None or not (scripts_of(src) & scripts_of(ctx.tgt)):
        return  # another script's leftovers are _script_spans' to report
    source_words = {t.text.lower() for t in tokens(source)}
    toks = ctx.tokens
    for k, tok in enumerate(toks):
        word = tok.text
        if len(word) < 3 or word.isupper() or word.lower() not in source_words or _inside(flagged, tok.start, tok.end):
            continue
        if ctx.name_spans.overlaps(tok.start, tok.end) or ctx.foreign_spans.overlaps(tok.start, tok.end):
            continue
        tgt_zipf = lexicon.zipf(word.lower())
        src_zipf = src_lexicon.zipf(word.lower()) if src_lexicon is not None else 0.0
        if tgt_zipf >= KNOWN_ZIPF or src_zipf <= tgt_zipf:
            continue
        if tok.is_capitalized and (in_name_run(ctx, k) or src_zipf < KNOWN_ZIPF):
            continue  # a name: capitalised next to another capital, or no word of the source language
        flagged.append((tok.start, tok.end))
        yield finding(
            ID, tok.start, tok.end, text,
            f"'{word}' is copied from the source: {with_article(lang_name(src))} word, not {lang_name(ctx.tgt)}",
            confidence=0.8,
        )
