"""Output formats: each module has `render(report, **options) -> str`. No I/O here: the CLI writes.

Adding a format = one module + one line in FORMATTERS.
"""
from __future__ import annotations

import importlib
from collections.abc import Mapping

_MODULES = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github", "junit": "junit", "html": "html"}


class _Formatters(Mapping):
    """Format name -> render function; a format's module is imported when it is first used (the
    HTML and SARIF writers are not worth their import time in a run that prints text)."""

    def __getitem__(self, fmt: str):
        return importlib.import_module(f"{__name__}.{_MODULES[fmt]}").render

    def __iter__(self):
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATTERS = _Formatters()


def render(fmt: str, report, **options) -> str:
    return FORMATTERS[fmt](report, **options)
