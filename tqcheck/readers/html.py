"""HTML: visible text only. Script, style, code and template contents, tags and comments are left
out of the view; entities are decoded (one view character stands for the whole `&eacute;`);
block elements separate sentences. `lang` attributes are respected: text the page itself declares
to be in another language is not reported as untranslated, and <html lang> names the target
language when nothing else does.
"""
from __future__ import annotations

import html
import re

from ..document import Document, ViewBuilder
from .directives import parse_directives

TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^>]*>|<\?[^>]*>|</?([A-Za-z][A-Za-z0-9:-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
LANG_ATTR = re.compile(r"""\blang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
HIDDEN = {"script", "style", "noscript", "template", "code", "pre", "kbd", "samp", "svg", "math"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"}
BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
    "section", "article", "header", "footer", "nav", "aside", "blockquote", "figure", "figcaption",
    "title", "body", "html", "dd", "dt", "dl", "main", "hr", "form", "option", "caption",
}


def _copy_text(builder: ViewBuilder, text: str, start: int, end: int) -> None:
    pos = start
    for m in ENTITY.finditer(text, start, end):
        builder.copy(text, pos, m.start())
        decoded = html.unescape(m.group())
        builder.put(" " if decoded in ("\xa0",) else decoded, m.start(), m.end())
        pos = m.end()
    builder.copy(text, pos, end)


def _lang_of(attrs: str):
    m = LANG_ATTR.search(attrs or "")
    if not m:
        return None
    value = next(g for g in m.groups() if g is not None)
    return value.split("-")[0].lower() or None


def read(text: str, path: str) -> list[Document]:
    builder = ViewBuilder()
    stack: list[tuple[str, str | None]] = []  # (tag, lang)
    hidden_depth = 0
    declared = None
    foreign_marks: list[tuple[int, str]] = []  # (view offset, lang now in force) change points
    pos = 0

    def current_lang():
        for _, lang in reversed(stack):
            if lang:
                return lang
        return None

    for m in TOKEN.finditer(text):
        if hidden_depth == 0:
            _copy_text(builder, text, pos, m.start())
        pos = m.end()
        name = (m.group(1) or "").lower()
        if not name:
            continue  # comment, doctype, CDATA, processing instruction
        closing = m.group().startswith("</")
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    for tag, _ in stack[i:]:
                        if tag in HIDDEN:
                            hidden_depth -= 1
                    del stack[i:]
                    break
            foreign_marks.append((len(builder), current_lang()))
        elif name not in VOID and not m.group().endswith("/>"):
            lang = _lang_of(m.group(2))
            if name == "html" and lang:
                declared = lang
            stack.append((name, lang))
            if name in HIDDEN:
                hidden_depth += 1
            foreign_marks.append((len(builder), current_lang()))
            if name in ("script", "style") and hidden_depth:
                end = re.compile(r"</" + name + r"\s*>", re.IGNORECASE).search(text, m.end())
                pos = end.start() if end else len(text)
        if hidden_depth == 0 and (name in BLOCK or name in VOID):
            builder.put("\n" if name in BLOCK else " ", m.start(), m.end())
    if hidden_depth == 0:
        _copy_text(builder, text, pos, len(text))
    view = builder.build()
    foreign = []
    marks = foreign_marks + [(len(view.text), None)]
    for (start, lang), (end, _) in zip(marks, marks[1:]):
        if lang and end > start:
            foreign.append((start, end, lang))
    return [Document(
        text=text, path=path, view=view, directives=parse_directives(text, html=True),
        foreign=tuple(foreign), meta={"declared_lang": declared} if declared else {},
    )]
