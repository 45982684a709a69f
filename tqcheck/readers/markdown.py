"""Markdown: prose only. Front matter, fenced and indented code blocks, link and image targets,
reference definitions, autolinks and HTML comments are left out of the view; offsets stay exact.
"""
from __future__ import annotations

import re

from ..document import Document, ViewBuilder
from .directives import parse_directives

FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
FENCE_OPEN = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})", re.MULTILINE)
INDENTED = re.compile(r"(?:(?<=\n\n)|\A)((?:(?: {4}|\t)[^\n]*(?:\n|\Z))+)")
LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)
AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def _fences(text: str):
    pos = 0
    while True:
        m = FENCE_OPEN.search(text, pos)
        if not m:
            return
        marker = m.group(1)
        close = re.compile(r"^[ \t]{0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}[ \t]*$", re.MULTILINE)
        line_end = text.find("\n", m.end())
        if line_end == -1:
            yield m.start(), len(text)
            return
        c = close.search(text, line_end + 1)
        end = c.end() if c else len(text)
        yield m.start(), end
        pos = end


def hidden_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    fm = FRONT_MATTER.match(text)
    if fm:
        spans.append(fm.span())
    fences = list(_fences(text))
    spans.extend(fences)

    def outside(s):
        return not any(a <= s < b for a, b in fences)

    for rx in (INDENTED, REF_DEF, AUTOLINK, HTML_COMMENT, HTML_TAG):
        spans.extend(m.span() for m in rx.finditer(text) if outside(m.start()))
    # link targets: keep "]" (prose punctuation-free), drop "(url)"
    spans.extend((m.start() + 1, m.end()) for m in LINK_TARGET.finditer(text) if outside(m.start()))
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def read(text: str, path: str) -> list[Document]:
    builder = ViewBuilder()
    pos = 0
    for start, end in hidden_spans(text):
        builder.copy(text, pos, start)
        # keep line structure: a hidden block still separates what is around it
        builder.put("\n" if "\n" in text[start:end] else " ", start, end)
        pos = end
    builder.copy(text, pos, len(text))
    return [Document(text=text, path=path, view=builder.build(), directives=parse_directives(text))]
