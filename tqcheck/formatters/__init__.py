"""Output formats: each module has `render(report, **options) -> str`. No I/O here: the CLI writes.

Adding a format = one module + one line in FORMATTERS.
"""
from __future__ import annotations

from . import github, html, json_format, junit, sarif, text

FORMATTERS = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "html": html.render,
}


def render(fmt: str, report, **options) -> str:
    return FORMATTERS[fmt](report, **options)
