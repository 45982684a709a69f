"""Output formats: each module has `render(report, **options) -> str`. No I/O here: the CLI writes.

Adding a format = one module + one line in FORMATTERS.
"""
from __future__ import annotations

from . import json_format, text

FORMATTERS = {
    "text": text.render,
    "json": json_format.render,
}


def render(fmt: str, report, **options) -> str:
    return FORMATTERS[fmt](report, **options)
