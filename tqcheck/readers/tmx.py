"""TMX (1.4; 1.1–1.3 read the same way): one document per translation unit <tu>.

The target is the <tuv> in the target language (`--tgt`), else the second <tuv>; the source is the
<tuv> in the header's `srclang`, else the first other one. Like XLIFF, a document's `text` is the
whole file and its view holds the target <seg>'s text only (codes <bpt>, <ept>, <it>, <ph>, <ut>
left out with their content, <hi> tags dropped, references decoded). Languages come from
`xml:lang` (TMX 1.1: `lang`); `unit`/`doc_id` is the `tuid`, else "tu-N".
"""
from __future__ import annotations

from typing import Optional

from ..document import Document, LineIndex
from ..errors import InputError
from ._xml import Segment, events, lang_code, line_of, validate

SKIP = frozenset({"bpt", "ept", "it", "ph", "ut"})


def read(text: str, path: str, tgt: Optional[str] = None, src: Optional[str] = None) -> list[Document]:
    root = validate(text, path, "TMX")
    if root.tag.rsplit("}", 1)[-1] != "tmx":
        raise InputError(f"not TMX: the root element is <{root.tag.rsplit('}', 1)[-1]}>", path)
    lines = LineIndex(text)
    docs: list[Document] = []
    header_src = None
    tu = None  # {"id", "at", "tuvs": [(lang, Segment)]}
    tuv_lang = None
    seg = None  # (Segment, depth) while inside a <seg>
    count = 0
    for ev in events(text):
        if seg is not None:
            segment, depth = seg
            if ev.kind in ("start", "end") and ev.name == "seg":
                depth += 1 if ev.kind == "start" else -1
                if depth == 0:
                    seg = None
                    continue
            seg = (segment, depth)
            segment.feed(ev)
            continue
        if ev.kind in ("start", "empty") and ev.name == "header":
            header_src = lang_code(ev.attrs.get("srclang"))
        elif ev.kind == "start" and ev.name == "tu":
            count += 1
            tu = {"id": ev.attrs.get("tuid") or f"tu-{count}", "at": ev.start, "tuvs": []}
        elif ev.kind == "start" and ev.name == "tuv" and tu is not None:
            tuv_lang = lang_code(ev.attrs.get("lang"))
        elif ev.kind == "start" and ev.name == "seg" and tu is not None:
            segment = Segment(text, SKIP)
            tu["tuvs"].append((tuv_lang, segment))
            seg = (segment, 1)
        elif ev.kind == "end" and ev.name == "tu" and tu is not None:
            doc = _document(text, path, tu, lines, header_src or src, tgt)
            if doc is not None:
                docs.append(doc)
            tu = None
    return docs


def _document(text, path, tu, lines, src, tgt) -> Optional[Document]:
    tuvs = tu["tuvs"]
    if tgt:
        target = next((i for i, (lang, _) in enumerate(tuvs) if lang == tgt), None)
    else:
        target = 1 if len(tuvs) >= 2 else None
    if target is None:
        return None
    others = [i for i in range(len(tuvs)) if i != target]
    source = next((i for i in others if src and tuvs[i][0] == src), others[0] if others else None)
    view = tuvs[target][1].view()
    if not view.text.strip():
        return None
    return Document(
        text=text, path=path, doc_id=tu["id"], unit=tu["id"], view=view, lines=lines,
        source=tuvs[source][1].view().text if source is not None else None,
        src_lang=tuvs[source][0] if source is not None else None, tgt_lang=tuvs[target][0],
        meta={"line": line_of(text, tu["at"])},
    )
