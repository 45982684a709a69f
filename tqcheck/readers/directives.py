"""Inline suppressions in Markdown and HTML comments.

    <!-- tqcheck: ignore -->                  every rule, the next line or block
    <!-- tqcheck: ignore[deprecated-form] --> these rules only
    <!-- tqcheck: off --> … <!-- tqcheck: on -->   a region (rules may be named too: off[rule])
A comment on a line that also holds text applies to that line.
"""
from __future__ import annotations

import re

from ..document import Directive

COMMENT_RE = re.compile(r"<!--(.*?)-->", re.DOTALL)
DIRECTIVE_RE = re.compile(r"^\s*tqcheck:\s*(ignore|off|on)\s*(?:\[([^\]]*)\])?\s*$")
_BLOCK_END = re.compile(r"\n[ \t]*\n")


# In HTML a block ends with its element, not with a blank line.
_HTML_BLOCK_END = re.compile(
    r"</(?:p|li|div|h[1-6]|td|th|tr|blockquote|section|article|aside|figcaption|dd|dt|pre|table|ul|ol)\s*>",
    re.IGNORECASE,
)


def parse_directives(text: str, html: bool = False) -> tuple[Directive, ...]:
    result = []
    open_region = None  # (start, rules)
    for m in COMMENT_RE.finditer(text):
        d = DIRECTIVE_RE.match(m.group(1))
        if not d:
            continue
        kind = d.group(1)
        rules = frozenset(r.strip() for r in (d.group(2) or "").split(",") if r.strip())
        if kind == "off":
            open_region = (m.end(), rules)
        elif kind == "on":
            if open_region:
                result.append(Directive(open_region[0], m.start(), open_region[1]))
            open_region = None
        else:
            result.append(Directive(*_next_block(text, m.start(), m.end(), html), rules))
    if open_region:
        result.append(Directive(open_region[0], len(text), open_region[1]))
    return tuple(result)


def _next_block(text: str, start: int, end: int, html: bool = False) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip():
        return line_start, line_end  # a trailing comment: its own line
    i = line_end
    while i < len(text) and text[i].isspace():
        i += 1
    block_end = (_HTML_BLOCK_END if html else _BLOCK_END).search(text, i)
    return end, block_end.end() if block_end else len(text)
