"""One entity written two ways in one document ("Kyiv" here, "Kiev" there).

Full forms are compared with full forms and short forms with short forms, so "Vladimir Putin"
then "Putin" is consistent. Every occurrence of a form other than the document's main form (the
preferred target form when it occurs, else the most frequent) is reported once per form.

Flagged (en): "Zelensky spoke. … Zelenskyy said" → "'Zelenskyy' is also written 'Zelensky' in
this document".
Clean (en): "Vladimir Putin arrived. Putin said".
"""
from __future__ import annotations

from collections import Counter

from ..findings import Severity
from .base import finding

ID = "inconsistent-name"
SEVERITY = Severity.MINOR
IN_QUOTES = False
# Organizations go by many legitimate names in one article ("the Security Council", "the UN
# Security Council"); people and places should not.
SPELLING_RATIO = 60  # rapidfuzz ratio (0-100) above which two forms are spellings of one name
TYPES = frozenset({"person", "country", "city", "place", "region"})


def check(ctx):
    index = ctx.resources.index
    groups: dict[tuple[int, str], list] = {}
    for match in ctx.name_matches:
        readings = [h for h in match.in_lang(ctx.tgt) if h.kind != "deprecated"]
        if len({h.entity for h in readings}) != 1:
            continue  # not an accepted form here (other rules report those), or ambiguous
        hit = readings[0]
        if hit.kind == "inflected" or index.entities[hit.entity].type not in TYPES:
            continue
        group = "short" if hit.kind == "short" else "full"
        groups.setdefault((hit.entity, group), []).append(match)
    for (entity_idx, _), matches in sorted(groups.items()):
        counts = Counter(m.form for m in matches)
        if len(counts) < 2:
            continue
        entity = index.entities[entity_idx]
        names = entity.names.get(ctx.tgt)
        preferred = names.accepted() if names else ()
        main = next((f for f in preferred if f in counts), None) or max(counts, key=lambda f: (counts[f], f))
        from rapidfuzz import fuzz  # here: only an entity written two ways needs it

        # Variants are spellings of one name (Zelensky/Zelenskyy, Kyiv/Kiev), not a formal and a
        # common name ("People's Republic of China" / "China").
        variants = {f for f in counts if f == main or fuzz.ratio(f, main) >= SPELLING_RATIO}
        if len(variants) < 2:
            continue
        reported = set()
        for match in matches:
            if match.form == main or match.form in reported or match.form not in variants:
                continue
            reported.add(match.form)
            yield finding(
                ID, match.start, match.end, ctx.text,
                f"'{match.form}' is also written '{main}' in this document ({entity.display(ctx.tgt)})",
                suggestions=(main,), entity=entity.id, confidence=0.9,
            )
