"""XLIFF 1.2 and 2.0: one document per translation unit, with its source.

A unit (1.2 <trans-unit>, 2.0 <unit>) becomes a Document whose `text` is the whole file and whose
view holds only the target's text: inline codes are left out (<ph>, <bpt>, <ept>, <it> with their
content; the tags of <g>, <pc>, <mrk>), character references are decoded, so every offset and every
line/column points into the file. `source` is the source's plain text, `unit` and `doc_id` the unit
id, `meta["state"]` the target's (1.2) or segments' (2.0) state. Languages come from the file
(1.2 source-language/target-language on <file>, 2.0 srcLang/trgLang on <xliff>).
Units marked translate="no" and units without a target are not checked.
"""
from __future__ import annotations

from ..document import Document, LineIndex
from ..errors import InputError
from ._xml import Segment, events, lang_code, line_of, validate

# Elements whose content is native code, not translatable text (XLIFF 1.2; 2.0 keeps codes in
# <originalData>, so its <ph>/<sc>/<ec> are empty).
SKIP = frozenset({"ph", "bpt", "ept", "it", "ut", "originalData"})
UNIT = {"trans-unit", "unit"}
PARTS = ("source", "target")


def read(text: str, path: str) -> list[Document]:
    root = validate(text, path, "XLIFF")
    if not root.tag.endswith("xliff"):
        raise InputError(f"not XLIFF: the root element is <{root.tag.rsplit('}', 1)[-1]}>", path)
    lines = LineIndex(text)
    docs: list[Document] = []
    langs = {"src": None, "tgt": None}
    stack: list[str] = []
    unit = None  # the unit being read: dict
    collect = None  # (part, Segment, depth) while inside a <source>/<target>
    files = 0
    file_langs = {"src": None, "tgt": None, "file": "1"}
    for ev in events(text):
        if collect is not None:
            part, seg, depth = collect
            if ev.kind == "start" and ev.name == part:
                depth += 1
            elif ev.kind == "end" and ev.name == part:
                depth -= 1
                if depth == 0:
                    unit["end_" + part] = ev.start
                    collect = None
                    stack.pop()
                    continue
            collect = (part, seg, depth)
            seg.feed(ev)
            continue
        if ev.kind == "start":
            parent = stack[-1] if stack else ""
            if ev.name == "xliff":
                langs = {"src": lang_code(ev.attrs.get("srcLang")), "tgt": lang_code(ev.attrs.get("trgLang"))}
                file_langs = dict(langs, file="1")
            elif ev.name == "file":
                files += 1
                file_langs = {
                    "src": lang_code(ev.attrs.get("source-language")) or langs["src"],
                    "tgt": lang_code(ev.attrs.get("target-language")) or langs["tgt"],
                    "file": ev.attrs.get("original") or ev.attrs.get("id") or str(files),
                }
            elif ev.name in UNIT:
                unit = {
                    "id": ev.attrs.get("id") or f"unit-{len(docs) + 1}", "at": ev.start,
                    "translate": ev.attrs.get("translate", "yes") != "no", "states": [],
                    "parts": {p: Segment(text, SKIP) for p in PARTS}, "seen": set(), **file_langs,
                }
            elif ev.name in PARTS and unit is not None and parent in ("trans-unit", "segment", "ignorable"):
                seg = unit["parts"][ev.name]
                if ev.name in unit["seen"]:
                    seg.separate(ev.end)  # the next segment of a 2.0 unit
                unit["seen"].add(ev.name)
                if ev.name == "target":
                    state = ev.attrs.get("state") or unit.pop("segment_state", None)
                    if state:
                        unit["states"].append(state)
                    unit["has_target"] = True
                collect = (ev.name, seg, 1)
            elif ev.name == "segment" and unit is not None:
                unit["segment_state"] = ev.attrs.get("state")
            stack.append(ev.name)
        elif ev.kind == "end":
            stack.pop()
            if ev.name in UNIT and unit is not None:
                doc = _document(text, path, unit, lines)
                if doc is not None:
                    docs.append(doc)
                unit = None
    if files > 1:
        _qualify_ids(docs)
    return docs


def _document(text: str, path: str, unit: dict, lines: LineIndex):
    if not unit["translate"] or not unit.get("has_target"):
        return None
    view = unit["parts"]["target"].view()
    if not view.text.strip():
        return None
    states = unit["states"]
    state = states[0] if len(set(states)) == 1 else (",".join(states) if states else None)
    meta = {"state": state, "line": line_of(text, unit["at"]), "file": unit["file"]}
    return Document(
        text=text, path=path, doc_id=unit["id"], unit=unit["id"], view=view, lines=lines,
        source=unit["parts"]["source"].view().text, src_lang=unit["src"], tgt_lang=unit["tgt"],
        meta={k: v for k, v in meta.items() if v is not None},
    )


def _qualify_ids(docs: list[Document]) -> None:
    """Unit ids are unique within one <file> only: with several, name the file too."""
    for doc in docs:
        doc.doc_id = f"{doc.meta['file']}#{doc.unit}"
