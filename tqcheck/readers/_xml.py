"""XML for the bilingual readers (XLIFF, TMX): validate safely, then scan the raw text for offsets.

Two passes, on purpose. defusedxml (expat) decides whether the file is acceptable: well-formed, no
DTD at all (so no entity-expansion bomb and no external entity can exist), nothing but the five
predefined and numeric character references. Only then does a small scanner walk the *raw* text:
a well-formed, DTD-free file is simple enough to tokenise with one regular expression, and doing it
ourselves is what gives exact file offsets for every character of a segment (expat gives none).
"""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple, Optional

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from xml.etree.ElementTree import ParseError

from ..document import TextView, ViewBuilder
from ..errors import InputError
from ..languages import is_valid

_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[(?P<cdata>.*?)\]\]>|<\?.*?\?>"
    r"|</(?P<end>[^\s>]+)\s*>"
    r"|<(?P<start>[^\s/>!?]+)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(?P<empty>/?)>",
    re.DOTALL,
)
_ATTR = re.compile(r"([^\s=]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_REF = re.compile(r"&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));")
_PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


class Event(NamedTuple):
    kind: str  # "start", "end", "empty", "text"
    name: str  # local name (prefix dropped); "" for text
    attrs: dict
    start: int  # span in the file: the whole tag, or the text (CDATA: its content only)
    end: int


def local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def unescape(value: str) -> str:
    return _REF.sub(lambda m: _decode_ref(m), value)


def _decode_ref(m) -> str:
    if m.group(1):
        return chr(int(m.group(1)))
    if m.group(2):
        return chr(int(m.group(2), 16))
    return _PREDEFINED[m.group(3)]


def _attrs(raw: str) -> dict:
    return {local(k): unescape(v1 if v1 is not None else v2) for k, v1, v2 in _ATTR.findall(raw)}


def validate(text: str, path: str, kind: str):
    """The parsed root element, or an InputError naming the file (and line) for a bad file."""
    try:
        return fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        message = str(exc).split(": line ")[0]
        raise InputError(f"malformed {kind} (XML): {message}", path, line) from None
    except DefusedXmlException:
        pos = text.find("<!DOCTYPE")
        line = text.count("\n", 0, pos) + 1 if pos != -1 else None
        raise InputError(
            f"{kind} with a DTD (<!DOCTYPE>) is refused: DTDs can define entity-expansion bombs and external entities",
            path, line,
        ) from None
    except ValueError as exc:  # e.g. characters expat cannot take
        raise InputError(f"malformed {kind} (XML): {exc}", path) from None


def events(text: str) -> Iterator[Event]:
    """Tags and text runs of a validated file, in order, with their spans in `text`."""
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            yield Event("text", "", {}, pos, m.start())
        pos = m.end()
        if m.group("end") is not None:
            yield Event("end", local(m.group("end")), {}, m.start(), m.end())
        elif m.group("start") is not None:
            kind = "empty" if m.group("empty") else "start"
            yield Event(kind, local(m.group("start")), _attrs(m.group("attrs")), m.start(), m.end())
        elif m.group("cdata") is not None:
            yield Event("text", "", {"cdata": True}, m.start("cdata"), m.end("cdata"))
    if pos < len(text):
        yield Event("text", "", {}, pos, len(text))


class Segment:
    """Collects the text content of one element (a <target>, a <seg>) into a TextView.

    `skip`: elements whose content is native code, not text (<ph>, <bpt> …): left out entirely.
    Every other inline element keeps its content and loses its tags. A standalone code between
    two non-space characters becomes one space in the view, so that "word<x/>word" stays two words
    (not before closing punctuation: "Kiev<ph/>." stays "Kiev.").
    """

    def __init__(self, text: str, skip: frozenset) -> None:
        self.text = text
        self.skip = skip
        self.builder = ViewBuilder()
        self._skip_depth = 0
        self._last = ""  # last view character
        self._pending: Optional[tuple[int, int]] = None  # a code that may need a separating space

    def feed(self, ev: Event) -> None:
        if ev.kind == "text":
            if self._skip_depth == 0:
                self._text(ev)
        elif ev.kind == "start":
            if ev.name in self.skip or self._skip_depth:
                self._skip_depth += 1
                self._code(ev)
        elif ev.kind == "end":
            if self._skip_depth:
                self._skip_depth -= 1
        elif ev.kind == "empty" and self._skip_depth == 0:
            if ev.name == "cp" and "hex" in ev.attrs:  # XLIFF 2: a code point XML cannot carry
                try:
                    self._put(chr(int(ev.attrs["hex"], 16)), ev.start, ev.end)
                except (ValueError, OverflowError):
                    pass
            else:
                self._code(ev)

    def separate(self, at: int) -> None:
        """Between two segments of one unit: a space unless white space is already there."""
        self._pending = (at, at)

    def view(self) -> TextView:
        return self.builder.build()

    # -- internals -----------------------------------------------------------------------------

    def _code(self, ev: Event) -> None:
        if self._skip_depth <= 1 and self._pending is None:
            self._pending = (ev.start, ev.end)

    def _put(self, chars: str, start: int, end: int) -> None:
        if not chars:
            return
        if self._pending is not None:
            if _needs_space(self._last, chars[0]):
                self.builder.put(" ", *self._pending)
            self._pending = None
        self.builder.put(chars, start, end)
        self._last = chars[-1]

    def _text(self, ev: Event) -> None:
        text = self.text
        if ev.attrs.get("cdata"):
            self._copy(ev.start, ev.end)
            return
        pos = ev.start
        for m in _REF.finditer(text, ev.start, ev.end):
            self._copy(pos, m.start())
            self._put(_decode_ref(m), m.start(), m.end())
            pos = m.end()
        self._copy(pos, ev.end)

    def _copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        if self._pending is not None:
            self._put(self.text[start], start, start + 1)
            start += 1
        if end > start:
            self.builder.copy(self.text, start, end)
            self._last = self.text[end - 1]


_NO_SPACE_BEFORE = set(".,;:!?)]}»”’%…")
_NO_SPACE_AFTER = set("([{«“‘¿¡")


def _needs_space(last: str, following: str) -> bool:
    """A code between `last` and `following` separates words unless punctuation attaches."""
    if not last or last.isspace() or following.isspace():
        return False
    return following not in _NO_SPACE_BEFORE and last not in _NO_SPACE_AFTER


def lang_code(value: Optional[str]) -> Optional[str]:
    """'en-US' -> 'en'; None for anything that is not an ISO 639-1 code."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    return code if is_valid(code) else None


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
