"""A name in the source that the translation lost, or swapped for another name of the same kind.

The source is read in its own language's glossary forms (accepted, deprecated and inflected forms,
plus a stem match for ru, uk, pl, cs and de: "Путина", "Зеленского"); the translation counts as
naming an entity when it has any form of it, in any language (a leftover source form is
source-form's business), or a word built on its target-language form ("Russian" for Russia).
- A swap: the translation names, in place of the lost entity, another entity of the same type that
  the source does not name. Reported on that name, with the lost one as the suggestion.
- A loss with no swap: reported once per document, zero-width at the start of the translation
  (the error is an absence: there is no span to point at), naming every lost entity.
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
from ._mentions import exact_mentions, first_position, named_entities, source_lang, stem_mentions
from .base import finding

ID = "entity-mismatch"
SEVERITY = Severity.MAJOR
IN_QUOTES = True  # a quotation is translated too: a name lost in one is lost
NEEDS_SOURCE = True
OPTIONS = {
    # A one-word short form this common as a word of the target language (Zipf) is never taken
    # as a swapped name ("May", "Brown").
    "common-word-zipf": 4.0,
}


def _source_side(index, source: str, lang):
    """(strict mentions in source order, every entity the source names even loosely)."""
    strict = exact_mentions(index, source, lang)
    taken = [(m.start, m.end) for m in strict]
    for m in stem_mentions(index, source, lang, strict=True):
        if not any(s < m.end and m.start < e for s, e in taken):
            strict.append(m)
    strict.sort(key=lambda m: m.start)
    loose = named_entities(exact_mentions(index, source)) | named_entities(strict)
    loose |= named_entities(stem_mentions(index, source, lang, strict=False))
    return strict, loose


def _common_word(ctx, mention, threshold: float) -> bool:
    if " " in mention.form or mention.kind != "short":
        return False
    lexicon = ctx.lexicon(ctx.tgt)
    return lexicon is not None and lexicon.zipf(mention.form.lower()) >= threshold


def check(ctx):
    index = ctx.resources.index
    src = source_lang(ctx)
    if not index.forms or src == ctx.tgt:
        return
    source_mentions, source_named = _source_side(index, ctx.doc.source, src)
    target_exact = exact_mentions(index, ctx.text)
    target_named = named_entities(target_exact) | named_entities(stem_mentions(index, ctx.text, ctx.tgt, strict=False))
    threshold = ctx.option("common-word-zipf", OPTIONS["common-word-zipf"])
    # Names in the translation the source has no trace of: the candidates for a swap.
    intruders = [
        m for m in target_exact
        if not (m.entities & source_named) and not _common_word(ctx, m, threshold)
    ]
    lost, seen = [], set()
    for m in source_mentions:
        if m.entities & target_named or m.entities & seen:
            continue
        seen |= m.entities
        entity_idx = min(m.entities)
        if ctx.tgt not in index.entities[entity_idx].names:
            continue
        lost.append((m, entity_idx))
    unswapped = []
    for m, entity_idx in lost:
        entity = index.entities[entity_idx]
        swap = next((t for t in intruders if index.entities[min(t.entities)].type == entity.type), None)
        if swap is None:
            unswapped.append((m, entity))
            continue
        intruders.remove(swap)
        other = index.entities[min(swap.entities)]
        yield finding(
            ID, swap.start, swap.end, ctx.text,
            f"source names {entity.display(ctx.tgt)} ({m.form}), the translation names {other.display(ctx.tgt)} instead",
            suggestions=(entity.suggestion_for(ctx.tgt, "short" if swap.kind == "short" else "name"),),
            entity=entity.id, severity=entity.severity, confidence=0.8,
        )
    if unswapped:
        names = [f"{entity.display(ctx.tgt)} ({m.form})" for m, entity in unswapped]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        at = first_position(ctx.text)
        yield finding(
            ID, at, at, ctx.text, f"source names {listed}, the translation does not",
            entity=unswapped[0][1].id, severity=unswapped[0][1].severity, confidence=0.7,
        )
