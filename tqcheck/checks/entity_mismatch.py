"""A name in the source that the translation lost, or swapped for another name of the same kind.

The source is read in its own language's glossary forms (accepted, deprecated and inflected forms,
plus a stem match for ru, uk, pl, cs and de: "Путина", "Зеленского"); the translation counts as
naming an entity when it has any form of it, in any language (a leftover source form is
source-form's business), or a word built on its target-language form ("Russian" for Russia).
- A swap: the translation names, in place of the lost entity, another entity of the same type that
  the source does not name. Reported on that name, with the lost one as the suggestion.
- A loss with no swap: an absence has no span, so it is reported on the translation's sentence in
  the same place as the source's (when both have as many sentences; else on the first sentence),
  one finding per sentence naming every entity lost there.
Entities with no form in the target language are not asked for (the glossary cannot tell how the
translation would write them).

Flagged (ru → en): source "Путин встретился с Шойгу", translation "Shoigu met Zelensky" →
"source names Vladimir Putin (Путин), the translation names Volodymyr Zelensky instead".
Flagged (ru → en): source "Визит Путина", translation "The visit" → "source names Vladimir Putin
(Путина), the translation does not".
Clean (ru → en): source "Визит Путина в Москву", translation "Putin's visit to Moscow".
"""
from __future__ import annotations

from ..findings import Severity
from ..segment import tokens
from ._mentions import (
    Mention, anchors, exact_mentions, listing, named_entities, nested_entities, source_lang, stem_mentions,
)
from ._unsourced import SourceWords, applies, unsourced_runs
from .base import finding, in_ignore_context

ID = "entity-mismatch"
SEVERITY = Severity.MAJOR
IN_QUOTES = True  # a quotation is translated too: a name lost in one is lost
NEEDS_SOURCE = True
OPTIONS = {
    # A one-word short form this common as a word of the target language (Zipf) is never taken
    # as a swapped name ("May", "Brown").
    "common-word-zipf": 4.0,
    # Also report names in no glossary that the translation has and the source has no trace of
    # (Latin or Cyrillic sources into Latin-script targets; see _unsourced.py).
    "unknown-names": True,
}


class _NoNames:
    @staticmethod
    def accepted():
        return ()


_NONE = _NoNames()


def _source_side(index, source: str, lang):
    """(strict mentions in source order, every entity the source names even loosely)."""
    strict = exact_mentions(index, source, lang)
    taken = [(m.start, m.end) for m in strict]
    for m in stem_mentions(index, source, lang, strict=True):
        if not any(s < m.end and m.start < e for s, e in taken):
            strict.append(m)
    strict.sort(key=lambda m: m.start)
    loose = named_entities(exact_mentions(index, source)) | named_entities(strict)
    loose |= named_entities(stem_mentions(index, source, lang, strict=False, relaxed=True))
    return strict, loose


def _common_word(ctx, mention, threshold: float) -> bool:
    """A one-word form that is rather a common word here: a short form this common, or another
    language's form that is a word of the target language (German "Island" in English)."""
    if " " in mention.form or mention.form.isupper():
        return False
    lexicon = ctx.lexicon(ctx.tgt)
    if lexicon is None:
        return False
    zipf = lexicon.zipf(mention.form.lower())
    if ctx.tgt not in mention.langs:
        return zipf >= 3.0
    return mention.kind == "short" and zipf >= threshold


# Chinese and Japanese abbreviate a country or region by the first character of its name: 美 for
# 美国 (the United States) in 美方, 中 for 中国 in 中新社, 俄 for 俄罗斯, 亚欧 for Asia and Europe,
# 米 for 米国 in Japanese. Such a character in the source is a trace of the name (loosely: the
# translation may spell the name out), never a mention that the translation must carry.
ABBREVIATING = frozenset({"zh", "ja"})
ABBREVIATED_TYPES = frozenset({"country", "region"})


def _abbreviated(entity, src: str, source: str) -> bool:
    names = entity.names.get(src)
    if entity.type not in ABBREVIATED_TYPES or names is None:
        return False
    return any("\u4e00" <= form[:1] <= "\u9fff" and form[:1] in source for form in names.accepted())


def check(ctx):
    index = ctx.resources.index
    src = source_lang(ctx)
    if src == ctx.tgt:
        return
    source = ctx.doc.source
    source_mentions, source_named = _source_side(index, source, src)
    target_exact = exact_mentions(index, ctx.text)
    target_named = named_entities(target_exact)
    target_named |= named_entities(stem_mentions(index, ctx.text, ctx.tgt, strict=False, relaxed=True))
    target_named |= nested_entities(index, target_exact)  # "U.S." in "U.S. Supreme Court"
    threshold = ctx.option("common-word-zipf", OPTIONS["common-word-zipf"])
    words = SourceWords(source) if applies(ctx.tgt, source) else None

    def untraced(m) -> bool:  # a glossary name of the translation with no trace in the source
        if m.entities & source_named or _common_word(ctx, m, threshold):
            return False
        if words is not None:  # loosely: "Краснодарском" is a trace of Krasnodar, "České republice"
            # of the Czech Republic; a person only by the surname (Vladimir is not Volodymyr Zelensky).
            person = any(index.entities[e].type == "person" for e in m.entities)
            forms = [m.form] + [f for e in m.entities for f in index.entities[e].names.get(src, _NONE).accepted()]
            for form in forms:
                parts = [t.text for t in tokens(form) if len(t.text) >= 3] or [form]
                if any(words.has(p, loose_acronyms=False, short_prefix=not person) for p in (parts[-1:] if person else parts)):
                    return False
            every_form = (f for e in m.entities for names in index.entities[e].names.values() for f, _, _ in names.forms())
            return not any(words.has_initials(f) for f in every_form)
        if src in ABBREVIATING and any(_abbreviated(index.entities[e], src, source) for e in m.entities):
            return False
        # No way to compare scripts: only when the glossary knows how the source would write it.
        return any(src in index.entities[e].names for e in m.entities)

    def ignored(m) -> bool:  # "Asia-Pacific" is no mention of Asia (the entity's ignore contexts)
        return all(in_ignore_context(ctx.text, m, index.entities[e].ignore) for e in m.entities)

    intruders = [(m, index.entities[min(m.entities)]) for m in target_exact if untraced(m) and not ignored(m)]
    if words is not None and ctx.option("unknown-names", OPTIONS["unknown-names"]):
        taken = [(m.start, m.end) for m in target_exact]

        def derived_place(word):  # "Swede", "Czech": built on a glossary place name
            return bool(stem_mentions(index, word, ctx.tgt, strict=False))

        for start, end in unsourced_runs(ctx, words, taken, derived_place):
            intruders.append((Mention(start, end, ctx.text[start:end], frozenset()), None))
        intruders.sort(key=lambda item: item[0].start)
    lost = _lost(index, source_mentions, target_named, ctx.tgt)
    unswapped = []
    for m, entity in lost:
        swap = next((i for i in intruders if i[1] is not None and i[1].type == entity.type), None)
        swap = swap or next((i for i in intruders if i[1] is None), None)
        if swap is None:
            unswapped.append((m, entity))
            continue
        intruders.remove(swap)
        t, other = swap
        named = other.display(ctx.tgt) if other is not None else t.form
        yield finding(
            ID, t.start, t.end, ctx.text,
            f"source names {entity.display(ctx.tgt)} ({m.form}), the translation names {named} instead",
            suggestions=(entity.suggestion_for(ctx.tgt, "short" if t.kind == "short" else "name"),),
            entity=entity.id, severity=entity.severity, confidence=0.8 if other is not None else 0.6,
        )
    for t, other in intruders:
        named = f"{other.display(ctx.tgt)} ({t.form})" if other is not None and t.form != other.display(ctx.tgt) else t.form
        yield finding(
            ID, t.start, t.end, ctx.text, f"the translation names {named}, the source does not",
            entity=other.id if other is not None else None, confidence=0.7 if other is not None else 0.6,
        )
    by_offset = {m.start: (m, entity) for m, entity in unswapped}
    for (start, end), offsets in anchors(ctx, sorted(by_offset)).items():
        lost_here = [by_offset[o] for o in offsets]
        names = listing([f"{entity.display(ctx.tgt)} ({m.form})" for m, entity in lost_here])
        yield finding(
            ID, start, end, ctx.text, f"source names {names}, the translation does not",
            entity=lost_here[0][1].id, severity=lost_here[0][1].severity, confidence=0.7,
        )


def _lost(index, source_mentions, target_named, tgt):
    """(source mention, entity) of every entity the source names and the translation does not,
    first mention only; entities the glossary cannot write in the target language are skipped."""
    lost, seen = [], set()
    for m in source_mentions:
        if m.entities & target_named or m.entities & seen:
            continue
        seen |= m.entities
        entity = index.entities[min(m.entities)]
        if tgt in entity.names:
            lost.append((m, entity))
    return lost
