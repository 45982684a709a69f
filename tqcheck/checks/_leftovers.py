"""Words and phrases of a known source language left in a target-language text.

The evidence for one word is its *lean*: its Zipf frequency in the source language's word list
minus its Zipf frequency in the target's (a log10 likelihood ratio of two unigram models).
"Council" leans 1.7 towards English in a German text (5.08 against 3.35), "Team" 0.4 (5.67
against 5.23: German uses it), "Hand" 0.1. One word is weak proof: every language's word list
carries some English (quotes, titles, names), and loanwords German really uses lean as far as
0.5-1.7 (Job 0.4, Pink 0.6, Meeting 1.3, Look 1.8). So the detector wants more than one word's
lean where it can (thresholds: the untranslated rule's options, in brackets):

- a run of two or more words in a row (joined by a space or a hyphen), each leaning at least
  `lean`, whose leans add up to `run-evidence`: "Remote work is dead", "Stay up all night". In a
  language that capitalises its nouns (German) only: there a capital marks a noun, not a name.
  Runs of capitalised words only ("High School", "Cook County", but as often "World Trade
  Center", "Metropolitan Police", "Soccer Saturday": English names German keeps) only with
  `title-runs`, and never next to a name or bare after a preposition (see `name_context`).
- a run of two or more words in capitals, in any target language, leaning `caps-evidence` in all:
  "FUCKING SUCKS AND I HATE IT", "BASIC COAT". One word in capitals alone is an acronym as often.
- a single word, in a target language other than English, that leans `word-lean` or more, is at
  least `word-min-src` common in the source language and less than `word-max-tgt` in the target:
  "Subpoena", "Finish", "Lead". A capitalised one only in German, and not in a name context.

Never judged: glossary names; markup and placeholders (<unk>, <unintelligible/>, [PERSON8]);
identifiers (`parallel_talk`: words joined by an underscore are code or transcript markup kept on
purpose, as the engine keeps code and URLs, so they are not prose left untranslated); a run
hyphened to a word of the target language (a compound: "To-do-Liste", "Lead-Gitarrist"); a
title-case run that fills a quotation (a title: „The Gift“-Kollektion); words already flagged.

Flagged (en → de): "Es gibt keine Verzierungen, es ist ein BASIC COAT." (a run in capitals),
"Die Flagge ist auch ein tolles Finish." (Finish: 4.91 in English, 3.20 in German).
Clean (en → de): "Das Team hat im Internet einen neuen Job für den Manager gefunden." (loanwords
lean too little), "Ich habe es letzte Woche in Dorset fotografiert." (a name after "in").
"""
from __future__ import annotations

from ._words import in_markup, lookup_form

CAPITALIZED_NOUNS = {"de", "lb"}  # languages that capitalise common nouns

MIN_SRC_ZIPF = 3.0  # a word of a run is at least this common in the source language
JOINERS = (" ", "-")  # what may stand between two words of a run (not "_", not punctuation)


def leftovers(ctx, src: str, flagged, option) -> list[tuple[int, int, str]]:
    """(start, end, kind) of source-language leftovers; kind is "phrase" or "word"."""
    src_lexicon, tgt_lexicon = ctx.lexicon(src), ctx.lexicon(ctx.tgt)
    if src_lexicon is None or tgt_lexicon is None:
        return []
    lean_min = option("lean")
    nouns = ctx.tgt in CAPITALIZED_NOUNS
    toks, text, tgt_zipfs = ctx.tokens, ctx.text, ctx.token_zipf

    def inside(start, end):
        return any(s < end and start < e for s, e in flagged)

    # One look-up a token in the source list (memoised by the lexicon; _foreign_runs has made the
    # same ones); in an English text only runs in capitals are judged, so only capitals are looked up.
    caps_only = ctx.tgt == "en"
    leans: list = [None] * len(toks)  # (lean, src_zipf, tgt_zipf) of tokens that lean
    for k, tok in enumerate(toks):
        word = tok.text
        if caps_only and not word.isupper():
            continue
        src_z = src_lexicon.zipf(word)
        tgt_z = tgt_zipfs[k]
        if word.endswith(("'s", "’s")):  # "President's": the possessive is English, the word too
            form = lookup_form(word)
            src_z, tgt_z = src_lexicon.zipf(form), tgt_lexicon.zipf(form)
        if src_z < MIN_SRC_ZIPF or src_z - tgt_z < lean_min:
            continue
        if ctx.name_spans.overlaps(tok.start, tok.end) or in_markup(ctx, tok) or _identifier(text, tok):
            continue
        leans[k] = (src_z - tgt_z, src_z, tgt_z)

    found = []
    k = 0
    while k < len(toks):
        if leans[k] is None:
            k += 1
            continue
        run = [k]
        while run[-1] + 1 < len(toks) and leans[run[-1] + 1] is not None \
                and text[toks[run[-1]].end:toks[run[-1] + 1].start] in JOINERS:
            run.append(run[-1] + 1)
        k = run[-1] + 1
        start, end = toks[run[0]].start, toks[run[-1]].end
        if inside(start, end) or _in_compound(text, start, end) or _quoted_title(ctx, run):
            continue
        evidence = sum(leans[i][0] for i in run)
        caps = all(toks[i].text.isupper() for i in run)
        title = all(toks[i].is_capitalized for i in run)
        if len(run) >= 2 and caps:
            if evidence >= option("caps-evidence"):
                found.append((start, end, "phrase"))
        elif len(run) >= 2 and nouns and (option("title-runs") or not title):
            if evidence >= option("run-evidence") and not (
                title and name_context(ctx, run[0], src_lexicon, last=run[-1])
            ):
                found.append((start, end, "phrase"))
        elif ctx.tgt != "en":
            for i in run:  # judged one by one; a capitalised word of a run is part of a name
                if (len(run) == 1 or not toks[i].is_capitalized) and _single(ctx, i, leans[i], nouns, option, src_lexicon):
                    found.append((toks[i].start, toks[i].end, "word"))
    return found


def _single(ctx, k, lean, nouns, option, src_lexicon) -> bool:
    tok = ctx.tokens[k]
    value, src_z, tgt_z = lean
    if value < option("word-lean") or src_z < option("word-min-src") or tgt_z >= option("word-max-tgt"):
        return False
    if tok.text.isupper():
        return False  # a word in capitals alone is an acronym as often as not
    if tok.is_capitalized:  # a capital marks a noun only in languages that capitalise them
        return nouns and not name_context(ctx, k, src_lexicon)
    return True


NAME_PARTNER_MAX_TGT = 2.5  # a capitalised neighbour this rare in the target language is a name
NAME_PARTNER_LEAN = -1.0  # or one no more at home in the target language than this (Manhattan, Cook)

# Words after which a bare capitalised word (no article) is a name in a language that capitalises
# its nouns: German common nouns take an article there ("in der Stadt", "von dem Rat"), names do
# not ("in Dorset", "von Lancashire", "gegen Wolverhampton", "wie Bournemouth").
NAME_BEFORE = {
    "de": frozenset("in im von vom aus nach bei gegen für mit zu zur zum über unter vor hinter durch um "
                    "ab seit wie als bis".split()),
}


def name_context(ctx, k, src_lexicon, last=None) -> bool:
    """In a language that capitalises its nouns, is capitalised token `k` part of a name? Next to
    a capitalised word that is no common word of the target language ("George Howarth", "Lower
    Manhattan"; "Ihr Lead Änderungen" is no name), or bare after a preposition ("in Dorset").
    With `last`, the same question for the run of tokens k..last."""
    toks, text = ctx.tokens, ctx.text
    last = k if last is None else last
    for i in (k - 1, last + 1):
        if not 0 <= i < len(toks) or not toks[i].is_capitalized:
            continue
        a, b = (toks[i], toks[k]) if i < k else (toks[last], toks[i])
        if text[a.end:b.start] not in JOINERS:
            continue
        tgt_z = ctx.token_zipf[i]
        if tgt_z < NAME_PARTNER_MAX_TGT or (
            src_lexicon is not None and src_lexicon.zipf(toks[i].text) - tgt_z >= NAME_PARTNER_LEAN
        ):
            return True
    before = NAME_BEFORE.get(ctx.tgt)
    if before and k > 0 and text[toks[k - 1].end:toks[k].start] == " " and toks[k - 1].text.lower() in before:
        return True
    return False


def _in_compound(text: str, start: int, end: int) -> bool:
    """Hyphened to a word of the text's own language: a compound of that language with a source
    word in it ("To-do-Liste", "Lead-Gitarrist", "Safety-Car-Phase"): a usage, not a leftover.
    (The run has already taken in every source-language word hyphened to it.)"""
    before = text[max(0, start - 2):start]
    after = text[end:end + 2]
    return (len(before) == 2 and before[1] == "-" and before[0].isalpha()) or (
        len(after) == 2 and after[0] == "-" and after[1].isalpha()
    )


def _quoted_title(ctx, run) -> bool:
    """A title-case run that fills a quotation is a title ("Rumours", „The Gift“-Kollektion)."""
    toks, text = ctx.tokens, ctx.text
    first, last = toks[run[0]], toks[run[-1]]
    if not all(toks[i].is_capitalized or len(toks[i].text) <= 3 for i in run):
        return False
    before = text[max(0, first.start - 1):first.start]
    after = text[last.end:last.end + 3].lstrip("?!.,")[:1]  # "How dare you?"
    return before in QUOTE_OPENERS and after in QUOTE_CLOSERS


QUOTE_OPENERS = ('"', "“", "„", "«", "»", "‹", "‚", "'", "‘")
QUOTE_CLOSERS = ('"', "”", "“", "»", "«", "›", "‘", "’", "'")


def _identifier(text: str, tok) -> bool:
    """A word joined to another by an underscore: `parallel_talk`, `max_length`."""
    return text[tok.end:tok.end + 1] == "_" or (tok.start > 0 and text[tok.start - 1] == "_")
