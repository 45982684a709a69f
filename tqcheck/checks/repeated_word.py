"""The same word twice in a row: "the the".

Case-insensitive; a few legitimate doublings ("had had", "that that") are left alone.

Flagged (en): "the the minister" → "the".
Clean (en): "the minister"; "what he had had in mind".
"""
from __future__ import annotations

import re

from ..findings import Severity
from .base import finding

ID = "repeated-word"
SEVERITY = Severity.MINOR
IN_QUOTES = True
OPTIONS = {"allow": ["had", "that", "is", "bye", "ha", "no", "very", "so", "nous", "vous"]}
# Doublings that are grammatical in a language ("…, dass sie sie sah"; "der, der" without comma).
LANGUAGE_ALLOW = {
    "de": {"sie", "die", "der", "das", "es", "den", "dem"},
    "fr": {"nous", "vous", "le", "la", "les"},
}

_REPEAT = re.compile(r"(?<![\w'’-])([^\W\d_]+)([ \t]+)(\1)(?![\w'’-])", re.IGNORECASE)


def check(ctx):
    allow = {w.lower() for w in ctx.option("allow", OPTIONS["allow"])} | LANGUAGE_ALLOW.get(ctx.tgt, set())
    for m in _REPEAT.finditer(ctx.text):
        word, second = m.group(1), m.group(3)
        if word.lower() in allow:
            continue
        if word != second and m.start() not in ctx.sentence_starts:
            continue  # "Sie sie": different words that look alike
        if word[:1].isupper() and second[:1].isupper() and m.start() not in ctx.sentence_starts:
            continue  # "Bora Bora", "Ylang Ylang": names
        yield finding(
            ID, m.start(), m.end(), ctx.text, f"'{word}' is repeated", suggestions=(word,),
        )
