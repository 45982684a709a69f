"""A form the glossary marks deprecated in the target language.

Flagged (en): "Kiev has repeatedly expressed its concern" → "'Kiev' is deprecated for Kyiv:
Russian-derived transliteration; Kyiv since AP 2019".
Clean (en): "Kyiv has repeatedly expressed its concern"; "a plate of Chicken Kiev" (an ignore
context of the entry).
"""
from __future__ import annotations

from ..findings import Severity
from ..glossary.index import DEPRECATED
from .base import finding, in_ignore_context

ID = "deprecated-form"
SEVERITY = Severity.MAJOR
IN_QUOTES = False  # a historical quotation may keep the old form


def check(ctx):
    index = ctx.resources.index
    # Forms only deprecated in the target language: an accepted form of some entity in this
    # language is never flagged.
    for match in ctx.name_matches_by_status(DEPRECATED):
        readings = match.in_lang(ctx.tgt)
        if match.form in ctx.resources.accepted:
            continue
        hit = readings[0]
        entity = index.entities[hit.entity]
        if in_ignore_context(ctx.text, match, entity.ignore):
            continue
        preferred = entity.names[ctx.tgt].name
        note = f": {hit.note}" if hit.note else ""
        yield finding(
            ID, match.start, match.end, ctx.text,
            f"'{match.form}' is deprecated for {preferred}{note}",
            suggestions=(preferred,), entity=entity.id, severity=entity.severity,
        )
