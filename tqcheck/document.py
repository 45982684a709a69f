"""A document: its text, the view the checks read, languages, and the offset -> line/column index.

Readers build documents; checks read `doc.view` and report offsets into it; the engine maps view
offsets back to the document text (`doc.text`) once, and computes line and column once.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional, Sequence


@dataclass(frozen=True)
class TextView:
    """The text the checks read, with a map back to the document text.

    For plain text the view *is* the text (`starts is None`). For Markdown and HTML the view holds
    only visible prose: `starts[i]`/`ends[i]` are the document offsets where view character `i` came
    from (an HTML entity is one view character from several document characters).
    """

    text: str
    starts: Optional[Sequence[int]] = None
    ends: Optional[Sequence[int]] = None
    encoded: Optional[bytes] = field(default=None, repr=False, compare=False)  # the text as UTF-8, if read so

    @cached_property
    def utf8(self) -> bytes:
        """The text as UTF-8, for the byte-level passes (glossary scan, word count): the bytes it
        was decoded from when a reader has them (plain text), else encoded once."""
        if self.encoded is not None:
            return self.encoded
        return self.text.encode("utf-8", "surrogatepass")

    def to_document(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


class ViewBuilder:
    """Builds a TextView piece by piece while a reader walks the document text."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []

    def __len__(self) -> int:
        return len(self._starts)

    def copy(self, text: str, start: int, end: int) -> None:
        """Copy document text[start:end] verbatim into the view."""
        if end <= start:
            return
        self._parts.append(text[start:end])
        self._starts.extend(range(start, end))
        self._ends.extend(range(start + 1, end + 1))

    def put(self, chars: str, start: int, end: int) -> None:
        """Put replacement characters (a decoded entity, a separator) standing for text[start:end]."""
        for ch in chars:
            self._parts.append(ch)
            self._starts.append(start)
            self._ends.append(end)

    def build(self) -> TextView:
        return TextView("".join(self._parts), self._starts, self._ends)


class LineIndex:
    """Offset -> (line, column), 1-based, computed from line starts once per document.

    `first_line` shifts lines (a document that starts inside a file); `fixed_line` pins every
    position to one line of the file (a JSONL record: the column is then the 1-based character
    position in the record's text).
    """

    def __init__(self, text: str, first_line: int = 1, fixed_line: Optional[int] = None) -> None:
        self.fixed_line = fixed_line
        self.first_line = first_line
        if fixed_line is None:
            self._starts = [0]
            pos = text.find("\n")
            while pos != -1:
                self._starts.append(pos + 1)
                pos = text.find("\n", pos + 1)

    def position(self, offset: int) -> tuple[int, int]:
        if self.fixed_line is not None:
            return self.fixed_line, offset + 1
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.first_line + i, offset - self._starts[i] + 1


@dataclass(frozen=True)
class Directive:
    """An inline suppression read from the document: `rules` empty means every rule.

    Applies to document offsets [start, end).
    """

    start: int
    end: int
    rules: frozenset = frozenset()


@dataclass
class Document:
    """One document to check. `text` is what offsets in findings refer to."""

    text: str
    path: str = "<text>"
    doc_id: Optional[str] = None
    src_lang: Optional[str] = None
    tgt_lang: Optional[str] = None
    tgt_lang_detected: bool = False
    source: Optional[str] = None
    reference: Optional[str] = None
    view: Optional[TextView] = None
    lines: Optional[LineIndex] = None
    directives: tuple[Directive, ...] = ()
    foreign: tuple[tuple[int, int, str], ...] = ()  # view spans declared in another language (HTML lang)
    unit: Optional[str] = None
    ignore_rules: frozenset = frozenset()
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.view is None:
            self.view = TextView(self.text)
        if self.lines is None:
            self.lines = LineIndex(self.text)

    @property
    def plain(self) -> str:
        """The prose the checks read."""
        return self.view.text
