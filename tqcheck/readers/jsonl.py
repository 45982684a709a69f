"""JSONL batches: one document per line, `{"id", "target", "source", "reference", "src_lang",
"tgt_lang", "ignore"}`; only `target` is required. Offsets are into `target`; the line is the
record's line in the file and the column the 1-based character position in `target`.
A malformed line is reported and skipped; the other records are still checked.
"""
from __future__ import annotations

import json
from typing import Mapping

from ..document import Document, LineIndex
from ..errors import InputError
from ..languages import is_valid

TEXT_FIELDS = ("target", "source", "reference")


def record_to_document(record: Mapping, path: str, line: int) -> Document:
    if not isinstance(record, Mapping):
        raise InputError("record is not a JSON object", path, line)
    target = record.get("target")
    if not isinstance(target, str):
        raise InputError("record has no 'target' text" if target is None else "'target' must be a string", path, line)
    for key in TEXT_FIELDS[1:]:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(f"'{key}' must be a string", path, line)
    langs = {}
    for key in ("src_lang", "tgt_lang"):
        value = record.get(key)
        if value is not None:
            if not isinstance(value, str) or not is_valid(value):
                raise InputError(f"'{key}': {value!r} is not an ISO 639-1 language code", path, line)
            langs[key] = value
    doc_id = record.get("id")
    doc_id = f"line-{line}" if doc_id is None else str(doc_id)
    ignore = record.get("ignore")
    if ignore is True:
        ignore_rules = frozenset({"all"})
    elif isinstance(ignore, list) and all(isinstance(r, str) for r in ignore):
        ignore_rules = frozenset(ignore)
    elif ignore in (None, False):
        ignore_rules = frozenset()
    else:
        raise InputError("'ignore' must be true or a list of rule ids", path, line)
    return Document(
        text=target, path=path, doc_id=doc_id, src_lang=langs.get("src_lang"), tgt_lang=langs.get("tgt_lang"),
        source=record.get("source"), reference=record.get("reference"),
        lines=LineIndex(target, fixed_line=line), ignore_rules=ignore_rules,
    )


def read(text: str, path: str) -> tuple[list[Document], list[InputError]]:
    docs, errors = [], []
    # Only \n ends a record: U+2028, U+2029 and U+0085 are legal inside JSON strings.
    for n, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r")
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(InputError(f"malformed JSON: {exc.msg} (column {exc.colno})", path, n))
            continue
        try:
            docs.append(record_to_document(record, path, n))
        except InputError as exc:
            errors.append(exc)
    return docs, errors
