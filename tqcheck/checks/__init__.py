"""The registry of checks: one explicit list, in reporting order. Adding a check = one module + one line."""
from __future__ import annotations

from . import (
    deprecated_form,
    entity_mismatch,
    inconsistent_name,
    name_typo,
    number_mismatch,
    repeated_word,
    source_form,
    untranslated,
    word_typo,
)
from .base import Check

_MODULES = [
    source_form,
    deprecated_form,
    name_typo,
    untranslated,
    word_typo,
    inconsistent_name,
    repeated_word,
    entity_mismatch,
    number_mismatch,
]

CHECKS: dict[str, Check] = {c.id: c for c in (Check.from_module(m) for m in _MODULES)}

# Not a check: the id a crashed check's finding carries, so a crash never kills a run.
INTERNAL_ERROR = "internal-error"


def rule_ids() -> list[str]:
    return list(CHECKS) + [INTERNAL_ERROR]
