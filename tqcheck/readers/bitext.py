"""Tab-separated bilingual files (.tsv): `source<TAB>target[<TAB>reference]`, one segment a line.

Each line becomes a document whose `text` is the whole file and whose view is the target column,
so offsets point into the file, the line is the file line and the column the position in that
line. A first line `source<TAB>target[<TAB>reference]` is a header and skipped; blank lines are
skipped. A line without a tab, or with more than three columns, is reported and skipped: the
other lines are still checked.
"""
from __future__ import annotations

from ..document import Document, LineIndex, ViewBuilder
from ..errors import InputError

HEADER = ("source", "target", "reference")


def read(text: str, path: str) -> tuple[list[Document], list[InputError]]:
    docs: list[Document] = []
    errors: list[InputError] = []
    lines = LineIndex(text)
    offset = 0
    for n, raw in enumerate(text.splitlines(keepends=True), start=1):
        start, line = offset, raw.rstrip("\r\n")
        offset += len(raw)
        if not line.strip():
            continue
        columns = line.split("\t")
        if n == 1 and tuple(c.strip().lower() for c in columns) == HEADER[:len(columns)] and len(columns) >= 2:
            continue
        if len(columns) < 2:
            errors.append(InputError("expected source<TAB>target[<TAB>reference]: no tab on this line", path, n))
            continue
        if len(columns) > 3:
            errors.append(InputError(f"expected at most 3 tab-separated columns, found {len(columns)}", path, n))
            continue
        target_start = start + len(columns[0]) + 1
        target_end = target_start + len(columns[1])
        if not columns[1].strip():
            continue
        builder = ViewBuilder()
        builder.copy(text, target_start, target_end)
        reference = columns[2] if len(columns) == 3 and columns[2].strip() else None
        docs.append(Document(
            text=text, path=path, doc_id=f"line-{n}", view=builder.build(), lines=lines,
            source=columns[0] or None, reference=reference, meta={"line": n, "segment": True},
        ))
    return docs, errors
