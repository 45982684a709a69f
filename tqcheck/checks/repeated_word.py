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
OPTIONS = {"allow": ["had", "that", "is", "bye", "ha", "no", "very", "so", "nous", "vous", "die", "das"]}

_REPEAT = re.compile(r"(?<![\w'’-])([^\W\d_]+)([ \t]+)(\1)(?![\w'’-])", re.IGNORECASE)


def check(ctx):
    allow = {w.lower() for w in ctx.option("allow", OPTIONS["allow"])}
    for m in _REPEAT.finditer(ctx.text):
        word = m.group(1)
        if word.lower() in allow:
            continue
        yield finding(
            ID, m.start(), m.end(), ctx.text, f"'{word}' is repeated", suggestions=(word,),
        )
