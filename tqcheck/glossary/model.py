"""Glossary entities: one entity, its forms in every language."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..findings import Severity

ACCEPTED_KINDS = ("name", "alt", "short", "inflected")
KINDS = ACCEPTED_KINDS + ("deprecated",)


@dataclass(frozen=True)
class LangNames:
    """The forms of one entity in one language."""

    name: str
    alt: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    inflected: tuple[str, ...] = ()
    deprecated: tuple[tuple[str, str], ...] = ()  # (form, note)

    def accepted(self) -> tuple[str, ...]:
        return (self.name,) + self.alt + self.short + self.inflected

    def forms(self):
        """Every (form, kind, note) of this language."""
        yield self.name, "name", ""
        for kind in ("alt", "short", "inflected"):
            for form in getattr(self, kind):
                yield form, kind, ""
        for form, note in self.deprecated:
            yield form, "deprecated", note


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    names: dict  # lang -> LangNames
    description: str = ""
    wikidata: Optional[str] = None
    severity: Optional[Severity] = None
    ignore: tuple[str, ...] = ()
    origin: str = ""  # "file:line", for messages and validation

    def display(self, lang: str = "en") -> str:
        """A human name: the preferred form in `lang`, else English, else any."""
        for code in (lang, "en"):
            if code in self.names:
                return self.names[code].name
        return next(iter(self.names.values())).name

    def suggestion_for(self, lang: str, kind: str) -> Optional[str]:
        """The form to write in `lang` in place of a form of this `kind` (a short form for a short form)."""
        names = self.names.get(lang)
        if names is None:
            return None
        if kind == "short" and names.short:
            return names.short[0]
        return names.name


@dataclass(frozen=True)
class Glossary:
    entities: tuple[Entity, ...]
    sources: tuple[str, ...] = ()  # the files it was loaded from
    fingerprint: str = ""  # content hash of every source file: the compiled-index cache key
