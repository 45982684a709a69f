"""A name written in another language's form, first of all the source language's.

The glossary knows each entity's form in every language; a form of another language that is no
accepted (or deprecated) form of any entity in the target language is a leftover of the source.

Flagged (fr → en): "a meeting with Vladimir Poutine" → "'Vladimir Poutine' is the French form of
Vladimir Putin; English: Vladimir Putin".
Major for a form of the source language (or when the source language is not given), minor for a
form of a third language (ru → en: "Torino", the Italian form, is as often the football club).
Clean (fr → en): "a meeting with Vladimir Putin".
"""
from __future__ import annotations

from ..findings import Severity
from ..languages import name as lang_name
from .base import finding, in_ignore_context

ID = "source-form"
SEVERITY = Severity.MAJOR
IN_QUOTES = True  # quotations are translated too: a French form in one is still a leftover
OPTIONS = {
    # A one-word form that is also this common a word of the target language (Zipf scale) is not
    # flagged: German "Island" (Iceland) in an English text is far more likely the word "island".
    "common-word-zipf": 3.0,
}


def _is_common_word(ctx, form: str, threshold: float) -> bool:
    if " " in form or (form.isupper() and len(form) >= 3):
        return False  # names of several words and acronyms ("NATO" in Spanish) are never words
    lexicon = ctx.lexicon(ctx.tgt)
    return lexicon is not None and lexicon.zipf(form.lower()) >= threshold


def check(ctx):
    index = ctx.resources.index
    threshold = ctx.option("common-word-zipf", OPTIONS["common-word-zipf"])
    for match in ctx.name_matches_by_status(0):  # forms of no entity in the target language
        if match.form in ctx.resources.accepted:
            continue
        if match.form.endswith(".") and index.has_form(match.form[:-1]):
            continue  # German "Charles III." ate the sentence's full stop after an English form
        if _inside_longer_name(ctx, match):
            continue
        # Readings of entities that have a form in the target language (else nothing to suggest).
        readings = [h for h in match.hits if ctx.tgt in index.entities[h.entity].names]
        if not readings or _is_common_word(ctx, match.form, threshold):
            continue
        # Prefer the source language's reading, then the most specific kind (a full name).
        readings.sort(key=lambda h: (h.lang != ctx.src, h.kind != "name", h.lang, h.entity))
        best = readings[0]
        if _short_acronym(match.form) and best.lang != ctx.src:
            continue  # "CPI" (fr: ICC) is also the consumer price index: only the source's acronyms
        entity = index.entities[best.entity]
        if in_ignore_context(ctx.text, match, entity.ignore):
            continue
        suggestion = entity.suggestion_for(ctx.tgt, best.kind)
        langs = sorted({h.lang for h in readings if h.entity == best.entity}, key=lambda l: (l != ctx.src, l))
        described = " / ".join(lang_name(l) for l in langs[:3])
        kind = "deprecated " if best.kind == "deprecated" else ""
        message = (
            f"'{match.form}' is the {kind}{described} form of {entity.display(ctx.tgt)}; "
            f"{lang_name(ctx.tgt)}: {suggestion}"
        )
        yield finding(
            ID, match.start, match.end, ctx.text, message,
            suggestions=(suggestion,), entity=entity.id,
            severity=entity.severity if entity.severity is not None else _severity(ctx, best.lang),
            confidence=1.0 if best.lang == ctx.src else 0.8,
        )


def _severity(ctx, lang: str):
    """The rule's own severity (major) for a form of the source language, or when the source
    language is not known; minor for a form of a third language, which is as often a proper name
    written that way (the club Torino, the newspaper Vechernyaya Moskva) as a leftover."""
    return None if not ctx.src or ctx.src == ctx.tgt or lang == ctx.src else Severity.MINOR


def _inside_longer_name(ctx, match) -> bool:
    """Part of a longer proper name: "Handelsverband Deutschland", "Katar-Yurt", "University of
    Brunei Darussalam". A title before a name ("President Poutine") does not count."""
    text = ctx.text
    before = text[max(0, match.start - 60):match.start]
    after = text[match.end:match.end + 60]
    if after[:1] == "-" and after[1:2].isupper():
        return True
    if before.endswith("-") and before[-2:-1].isalpha():
        return True
    words_after = after.split(None, 1)
    if after[:1] == " " and words_after and words_after[0][:1].isupper() and not _is_title(ctx, words_after[0]):
        return True
    words = before.rstrip().rsplit(None, 2)
    if before.endswith(" ") and words:
        last = words[-1]
        if last in ("of", "de", "di", "del", "der", "des", "von") and len(words) > 1 and words[-2][:1].isupper():
            return True
        stripped = before.rstrip()
        last_start = match.start - len(before) + len(stripped) - len(last)
        if (last[:1].isupper() and last[-1:].isalnum() and not _is_title(ctx, last)
                and not _starts_sentence(text, last_start)):
            return True
    return False


def _starts_sentence(text: str, offset: int) -> bool:
    """Locally, without segmenting a long text: only white space, quotes or brackets since the end
    of the previous sentence (or line)."""
    before = text[max(0, offset - 200):offset].rstrip(" \t\"'“‘«(\u00a0")
    return not before or before[-1] in ".!?…\n:•"


def _is_title(ctx, word: str) -> bool:
    """A capitalised common word next to a name (President, Minister, Moscow's): not a name."""
    word = word.strip(".,;:!?\"'()«»“”")
    lexicon = ctx.lexicon(ctx.tgt)
    return not word or (lexicon is not None and lexicon.zipf(word) >= 4.0)


def _short_acronym(form: str) -> bool:
    return form.isupper() and len(form) <= 4

