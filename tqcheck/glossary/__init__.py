"""Glossaries: entities and their forms in every language (model, loader, compiled index)."""
from .index import GlossaryIndex, Hit, NameMatch, compile_glossaries
from .files import default_glossary_paths
from .model import Entity, Glossary, LangNames


def __getattr__(name):  # the YAML loader is imported only when a glossary is (re)compiled
    if name in ("load_glossaries", "parse_glossary_text"):
        from . import load

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Entity", "Glossary", "GlossaryIndex", "Hit", "LangNames", "NameMatch",
    "compile_glossaries", "default_glossary_paths", "load_glossaries", "parse_glossary_text",
]
