"""The compiled glossary: every form of every language in one Aho-Corasick automaton.

One pass over a text finds every glossary form, whatever its language, in time linear in the text
(not in the number of forms: 100,000 entities cost no more per byte than 100). Matches are
word-bounded and leftmost-longest ("Vladimir Poutine" wins over "Poutine"). The compiled index is
cached on disk by the content hash of the glossary files.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import ahocorasick_rs

from .. import __version__
from ..cache import cached_pickle
from .load import load_glossaries, read_glossary_file
from .model import Entity, Glossary


INDEX_FORMAT = 3  # bump when the pickled index changes shape: old cache files are then ignored


@dataclass(frozen=True)
class Hit:
    """One reading of a matched form: entity `entity` writes it this way in `lang`, as `kind`."""

    entity: int
    lang: str
    kind: str
    note: str = ""


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    form: str
    hits: tuple[Hit, ...]

    def in_lang(self, lang: str) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.lang == lang)


# Apostrophes are written several ways (' ’ ʼ ‘); forms and text are matched with one. Same
# length, so offsets do not move. (str.replace is ~10x faster than str.translate on long texts.)
def _unify_apostrophes(text: str) -> str:
    if text.isascii():
        return text
    return text.replace("’", "'").replace("ʼ", "'").replace("‘", "'")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()  # not "_": Markdown's _Kiev_ and __Poutine__ are words in emphasis


def _spaced(ch: str) -> bool:
    """Scripts written with spaces between words need word boundaries; CJK and kana do not."""
    return ch < "\u2e80" or "\uac00" <= ch <= "\ud7af"  # below the CJK blocks, or Hangul


class GlossaryIndex:
    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.entities: tuple[Entity, ...] = glossary.entities
        forms: dict[str, list[Hit]] = {}
        for idx, entity in enumerate(self.entities):
            for lang, names in sorted(entity.names.items()):
                for form, kind, note in names.forms():
                    forms.setdefault(_unify_apostrophes(form), []).append(Hit(idx, lang, kind, note))
        self.forms: dict[str, tuple[Hit, ...]] = {f: tuple(h) for f, h in forms.items()}
        self._derived: dict = {}
        self._automaton = None

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_derived"] = {}
        state["_automaton"] = None  # not picklable; rebuilt on first use (20 ms for 7k forms)
        return state

    @property
    def automaton(self):
        """Aho-Corasick over every form (ahocorasick-rs: Rust, ~3x pyahocorasick's scan speed)."""
        if self._automaton is None:
            self._form_list = list(self.forms)
            self._automaton = ahocorasick_rs.AhoCorasick(self._form_list)
        return self._automaton

    def scan(self, text: str) -> list[NameMatch]:
        """Every word-bounded glossary form in `text`, leftmost-longest, without overlaps."""
        if not self.forms:
            return []
        candidates = []
        n = len(text)
        original = text
        text = _unify_apostrophes(text)
        automaton = self.automaton
        form_list = self._form_list
        for pattern, start, end in automaton.find_matches_as_indexes(text, overlapping=True):
            form = form_list[pattern]
            if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(form[0]) and _spaced(form[0]):
                continue
            if end < n and _is_word_char(text[end]) and _is_word_char(form[-1]) and _spaced(form[-1]):
                continue
            candidates.append((start, -end, form))
        candidates.sort()
        matches = []
        taken_until = -1
        for start, neg_end, form in candidates:
            if start < taken_until:
                continue
            matches.append(NameMatch(start, -neg_end, original[start:-neg_end], self.forms[form]))
            taken_until = -neg_end
        return matches

    def has_form(self, text: str) -> bool:
        """Is `text` a form of some entity in some language?"""
        return _unify_apostrophes(text) in self.forms

    def derived(self, key, build):
        """A structure derived from the index (per language, per check), built once per process."""
        if key not in self._derived:
            self._derived[key] = build(self)
        return self._derived[key]

    def names_in(self, lang: str) -> dict[str, tuple[int, str]]:
        """Accepted forms of `lang` -> (entity index, kind), for near-miss search."""

        def build(index):
            result = {}
            for idx, entity in enumerate(index.entities):
                names = entity.names.get(lang)
                if names is not None:
                    for form, kind, _ in names.forms():
                        if kind != "deprecated":
                            result.setdefault(form, (idx, kind))
            return result

        return self.derived(("names", lang), build)


def compile_glossaries(paths: Iterable[Path]) -> GlossaryIndex:
    """Load, validate and compile glossary files, from the on-disk cache when unchanged."""
    paths = [Path(p) for p in paths]
    digest = hashlib.sha256(f"{__version__}/{INDEX_FORMAT}".encode())
    for path in paths:
        digest.update(str(path.resolve()).encode() + b"\0" + read_glossary_file(path).encode("utf-8") + b"\0")
    key = digest.hexdigest()[:32]
    return cached_pickle(f"glossary-{key}.pickle", lambda: GlossaryIndex(load_glossaries(paths)))
