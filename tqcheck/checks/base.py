"""What a check is: an id, a default severity, options, and a pure function of a Context."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import Callable, Iterable

from ..context import Context
from ..findings import Finding, Severity


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    summary: str
    run: Callable[[Context], Iterable[Finding]]
    doc: str
    in_quotes: bool = False
    needs_source: bool = False
    options: dict = field(default_factory=dict)

    @classmethod
    def from_module(cls, module: ModuleType) -> "Check":
        doc = (module.__doc__ or "").strip()
        return cls(
            id=module.ID,
            severity=module.SEVERITY,
            summary=doc.splitlines()[0] if doc else module.ID,
            run=module.check,
            doc=doc,
            in_quotes=getattr(module, "IN_QUOTES", False),
            needs_source=getattr(module, "NEEDS_SOURCE", False),
            options=dict(getattr(module, "OPTIONS", {})),
        )


def in_ignore_context(text: str, match, contexts) -> bool:
    """Does the match (anything with .start and .form) sit inside one of its entity's ignore
    contexts ("Chicken Kiev")? Shared by every check that reads glossary names."""
    for context in contexts:
        offset = context.find(match.form)
        while offset != -1:
            start = match.start - offset
            if start >= 0 and text.startswith(context, start):
                return True
            offset = context.find(match.form, offset + 1)
    return False


def finding(rule: str, start: int, end: int, text: str, message: str, **kw) -> Finding:
    """A finding in view coordinates; the engine maps it to the document and sets the severity."""
    return Finding(rule=rule, start=start, end=end, text=text[start:end], message=message, **kw)
