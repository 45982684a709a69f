"""A number, amount, percentage, date or time of the source that the translation changed or lost.

Quantities are compared as values, whatever the locale writes: "272 000", "272,000" and "272.000"
are one number, "3,5" and "3.5" another, "16 avril 2023" and "April 16, 2023" one date,
"2,5 milliards" and "2.5bn" one amount, "15h30" and "3:30 p.m." one time. Source and translation
are compared as multisets (a number written twice in the source is expected twice), with a
maximum matching that allows every reading of an ambiguous number.
- A translation quantity no source quantity accounts for is reported on its span ("changed"
  when a source quantity is left over to pair it with, "not in the source" otherwise).
- Source quantities left over after that are reported on the translation's sentence in the same
  place as the source's (when both have as many sentences; else on the first sentence), one
  finding per sentence listing them.
Ordinals and spelled-out numbers ("three", "drei", "un") may match but are never reported; digits
inside names and codes (S-500, G7, COVID-19, 5G) are not quantities.

Flagged (fr → en): source "272 000 soldats", translation "227,000 soldiers" → "'227,000' does not
match the source (272 000)".
Flagged (de → en): source "am 16. April", translation "on May 16" → "'May' does not match the
source (April)".
Clean (fr → en): source "Le 16 avril 2023, 3,5 milliards", translation "On April 16, 2023,
3.5 billion".
"""
from __future__ import annotations

from ..findings import Severity
from ..segment import SpanSet, protected_spans
from ._mentions import anchors, listing, source_lang
from .base import finding

ID = "number-mismatch"
SEVERITY = Severity.MAJOR
IN_QUOTES = True
NEEDS_SOURCE = True


def _skipper(text: str):
    spans = protected_spans(text)
    protected = SpanSet(spans["url"] + spans["email"] + spans["hashtag"] + spans["code"])
    return protected.overlaps


def match(source: list, target: list) -> dict:
    """A maximum matching source index -> target index (Kuhn), firm quantities served first."""
    owner: dict = {}  # target index -> source index
    order = sorted(range(len(source)), key=lambda i: source[i].soft)
    firm_first = sorted(range(len(target)), key=lambda j: target[j].soft)

    def augment(i, visited):
        for j in firm_first:
            if j in visited or not (source[i].keys & target[j].keys):
                continue
            visited.add(j)
            if j not in owner or augment(owner[j], visited):
                owner[j] = i
                return True
        return False

    for i in order:
        augment(i, set())
    return {i: j for j, i in owner.items()}


def check(ctx):
    src = source_lang(ctx)
    from ._numbers import quantities  # its patterns compile on first use, not at start-up

    source = quantities(ctx.doc.source, src, _skipper(ctx.doc.source))
    target = quantities(ctx.text, ctx.tgt, _skipper(ctx.text))
    if not source and not target:
        return
    pairs = match(source, target)
    used = set(pairs.values())
    # A lone "1" of the source is often an article in the translation ("1 Person" -> "a person").
    left = [q for i, q in enumerate(source) if i not in pairs and not q.soft and q.keys != {("n", 1)}]
    extra = [q for j, q in enumerate(target) if j not in used and not q.soft]
    # A month named once more or once less is style ("July 26 … on July 26" for "7月26日 … 26日"):
    # months count as a set.
    left = [q for q in left if not (q.kind == "m" and any(q.keys & t.keys for t in target))]
    extra = [q for q in extra if not (q.kind == "m" and any(q.keys & s.keys for s in source))]
    for q in extra:
        partner = next((s for s in left if s.kind == q.kind), None)
        if partner is not None:
            left.remove(partner)
            message = f"'{q.text}' does not match the source ({partner.text})"
        else:
            message = f"'{q.text}' is not in the source"
        yield finding(ID, q.start, q.end, ctx.text, message, confidence=0.8)
    by_offset = {q.start: q for q in left}
    for (start, end), offsets in anchors(ctx, sorted(by_offset)).items():
        listed = listing([by_offset[o].text for o in offsets])
        yield finding(ID, start, end, ctx.text, f"source has {listed}, the translation does not", confidence=0.7)
