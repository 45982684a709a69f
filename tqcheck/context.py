"""The analysis of one document that every check reads: computed lazily, once, then shared.

Checks are pure functions of a Context: they read its text, tokens, sentences, glossary matches and
word lexicons, and yield findings. They never read files, the environment or global state.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Optional

from .document import Document
from .glossary.index import ACCEPTED, ByteMatches, GlossaryIndex, NameMatch
from .lexicon import Lexicon
from .segment import SpanSet, Token, protected_spans, sentences, tokens


LOCAL_SCAN_LIMIT = 100_000  # characters; longer texts are scanned for protected spans locally


@dataclass(frozen=True)
class Resources:
    """What the checks consult besides the document: the compiled glossary and word lists."""

    index: GlossaryIndex
    lexicon: Callable[[str], Optional[Lexicon]]
    accepted: frozenset = frozenset()  # project-wide accepted forms (config `accept`)
    detect_language: Optional[Callable[[str], tuple[Optional[str], float]]] = None


@dataclass
class Context:
    doc: Document
    resources: Resources
    tgt: str
    src: Optional[str] = None
    options: dict = field(default_factory=dict)

    @cached_property
    def text(self) -> str:
        return self.doc.plain

    @cached_property
    def tokens(self) -> list[Token]:
        return tokens(self.text)

    @cached_property
    def token_zipf(self) -> list[float]:
        """The target-language Zipf frequency of every token (0.0 without a word list)."""
        lexicon = self.lexicon(self.tgt)
        if lexicon is None:
            return [0.0] * len(self.tokens)
        zipf = lexicon.zipf
        return [zipf(t.text) for t in self.tokens]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentences(self.text)

    @cached_property
    def sentence_starts(self) -> frozenset:
        """Offsets of the first word of each sentence (capitalised for grammar, not as a name)."""
        starts = set()
        toks = self.tokens
        i = 0
        for s, e in self.sentences:
            while i < len(toks) and toks[i].start < s:
                i += 1
            if i < len(toks) and toks[i].start < e:
                starts.add(toks[i].start)
        return frozenset(starts)

    @cached_property
    def protected(self) -> dict[str, SpanSet]:
        return {kind: SpanSet(spans) for kind, spans in protected_spans(self.text).items()}

    def in_protected(self, start: int, end: int, kinds) -> bool:
        """Does [start, end) touch a span of one of these kinds (url, email, hashtag, code, quote)?

        A long text is not scanned whole for a handful of findings: the patterns run on a window
        around the span, its lines (no protected span crosses a line break) but no more than
        2,100 characters either side (a quotation is at most 2,000 long, see segment.QUOTE_RE)."""
        text = self.text
        if len(text) <= LOCAL_SCAN_LIMIT:
            return any(self.protected[k].overlaps(start, end) for k in kinds)
        lo = max(0, start - 2100)
        lo = text.rfind("\n", lo, start) + 1 or lo
        hi = text.find("\n", end, end + 2100)
        window = protected_spans(text[lo:end + 2100 if hi == -1 else hi])
        end = max(end, start + 1)  # an empty span touches what holds its position, as in SpanSet
        return any(a + lo < end and start < b + lo for k in kinds for a, b in window[k])

    @cached_property
    def _name_scan(self) -> ByteMatches:
        return self.resources.index.scan_bytes(self.text, self.doc.view.utf8)

    @cached_property
    def name_matches(self) -> list[NameMatch]:
        """Every glossary form in the text (word-bounded, leftmost-longest), any language."""
        return self.resources.index.matches(self.text, self._name_scan.chars())

    @cached_property
    def _names_not_accepted(self) -> dict[int, list[NameMatch]]:
        index, text, flags = self.resources.index, self.text, self.resources.index.status(self.tgt)
        by_status: dict[int, list[NameMatch]] = {}
        for s, e, f in self._name_scan.chars(status=flags, drop=ACCEPTED):
            by_status.setdefault(flags[f], []).append(index.match(text, s, e, f))
        return by_status

    def name_matches_by_status(self, status: int) -> list[NameMatch]:
        """The matches whose form has this status in the target language (see
        `GlossaryIndex.status`: 0 no form of the target language, DEPRECATED only deprecated
        there). Most names in a text are accepted forms: these few are built without the rest."""
        return self._names_not_accepted.get(status, [])

    @cached_property
    def name_spans(self) -> SpanSet:
        return SpanSet((m.start, m.end) for m in self.name_matches)

    @cached_property
    def foreign_spans(self) -> SpanSet:
        """Spans the document itself declares to be in another language (HTML lang=…)."""
        return SpanSet((s, e) for s, e, lang in self.doc.foreign if lang != self.tgt)

    def lexicon(self, lang: str) -> Optional[Lexicon]:
        return self.resources.lexicon(lang)

    def option(self, name: str, default):
        return self.options.get(name, default)
