"""Glossaries: entities and their forms in every language (model, loader, compiled index)."""
from .index import GlossaryIndex, Hit, NameMatch, compile_glossaries
from .load import default_glossary_paths, load_glossaries, parse_glossary_text
from .model import Entity, Glossary, LangNames

__all__ = [
    "Entity", "Glossary", "GlossaryIndex", "Hit", "LangNames", "NameMatch",
    "compile_glossaries", "default_glossary_paths", "load_glossaries", "parse_glossary_text",
]
