"""Baselines: accept today's findings once, report only new ones from then on.

`tqcheck baseline PATHS -o .tqcheck-baseline.json` writes the fingerprints of the current findings;
`tqcheck check --baseline .tqcheck-baseline.json` drops the findings whose fingerprint is in it.

A fingerprint identifies a finding by what it is, not where it is: the rule, the file (as given,
normalised), the record id, the matched text, and the finding's *context* — the text around it on
its own line (at most 30 characters each side, white space collapsed) — plus its occurrence index
among findings with that same key in the document. Line and column numbers are left out, so
inserting lines above a finding, or editing another line of the file, keeps its fingerprint; the
message and the severity are left out, so rewording a message or re-ranking a rule does too.
Editing the finding's own line near it (or the matched text) makes it a new finding, on purpose.

Positional record ids (`line-12` for a JSONL record without an id or a TSV line, `tu-3`,
`unit-4`) count as the same id wherever the record moved: the record's text and the occurrence
index tell such records apart.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Optional, Sequence

from .errors import InputError
from .findings import DocumentResult, Finding, Report, mqm_penalty

FORMAT_VERSION = 1
DEFAULT_FILE = ".tqcheck-baseline.json"
CONTEXT_CHARS = 30

_SPACE = re.compile(r"\s+")
_POSITIONAL_ID = re.compile(r"^(line|tu|unit)-\d+$")
_FINGERPRINT = re.compile(r"^[0-9a-f]{32}$")


def _norm_path(path: str) -> str:
    if not path or path.startswith("<"):
        return path  # <stdin>, <text>
    norm = os.path.normpath(path).replace("\\", "/")
    return norm[2:] if norm.startswith("./") else norm


def _norm_doc_id(doc_id: Optional[str]) -> str:
    if doc_id is None:
        return ""
    return _POSITIONAL_ID.sub(r"\1-*", doc_id)


def context(finding: Finding, document_text: str, chars: int = CONTEXT_CHARS) -> str:
    """The text around the finding on its own line(s), at most `chars` each side, white space collapsed."""
    start = max(0, min(finding.start, len(document_text)))
    end = max(start, min(finding.end, len(document_text)))
    line_start = document_text.rfind("\n", 0, start) + 1
    line_end = document_text.find("\n", end)
    line_end = len(document_text) if line_end == -1 else line_end
    before = document_text[max(line_start, start - chars):start]
    after = document_text[end:min(line_end, end + chars)]
    return _SPACE.sub(" ", f"{before}\x00{after}").strip()


def _key(finding: Finding, document_text: str) -> str:
    parts = (
        "tqcheck-fingerprint-1", finding.rule, _norm_path(finding.path), _norm_doc_id(finding.doc_id),
        _SPACE.sub(" ", finding.text), context(finding, document_text),
    )
    return "\x1f".join(parts)


def fingerprint(finding: Finding, document_text: str, occurrence: int = 0) -> str:
    """A 32-hex-digit fingerprint of `finding` in `document_text` (the DocumentResult's `text`).

    `occurrence` is the 0-based index of the finding among the findings of its document that have
    the same key (rule, path, record, matched text, context); `document_fingerprints` counts it.
    """
    digest = hashlib.sha256(f"{_key(finding, document_text)}\x1f{occurrence}".encode("utf-8"))
    return digest.hexdigest()[:32]


def document_fingerprints(result: DocumentResult) -> list[str]:
    """The fingerprint of each finding of `result`, in the order of `result.findings`."""
    seen: dict[str, int] = {}
    prints = []
    for f in result.findings:
        key = _key(f, result.text)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        digest = hashlib.sha256(f"{key}\x1f{occurrence}".encode("utf-8"))
        prints.append(digest.hexdigest()[:32])
    return prints


def report_fingerprints(report: Report) -> list[str]:
    """Every finding's fingerprint, sorted, without duplicates."""
    return sorted({fp for d in report.documents for fp in document_fingerprints(d)})


def dumps(fingerprints: Iterable[str]) -> str:
    """The baseline file: JSON with a format version and the sorted fingerprints, one a line."""
    data = {"tool": "tqcheck", "version": FORMAT_VERSION, "fingerprints": sorted(set(fingerprints))}
    return json.dumps(data, indent=2) + "\n"


def write_baseline(path: Path, report: Report) -> int:
    """Write the baseline of `report` atomically; returns the number of fingerprints."""
    from .fix import atomic_write

    prints = report_fingerprints(report)
    try:
        atomic_write(Path(path), dumps(prints).encode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot write the baseline: {exc.strerror or exc}", str(path)) from None
    return len(prints)


def load_baseline(path: Path) -> frozenset:
    """The fingerprints of a baseline file; an InputError naming the file when it is missing or malformed."""
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("baseline file not found (create it with `tqcheck baseline PATHS -o FILE`)", where) from None
    except IsADirectoryError:
        raise InputError("baseline is a directory, not a file", where) from None
    except OSError as exc:
        raise InputError(f"cannot read the baseline: {exc.strerror or exc}", where) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        detail = f" ({exc.msg}, line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise InputError(f"malformed baseline: not JSON{detail}", where) from None
    if not isinstance(data, dict) or not isinstance(data.get("fingerprints"), list):
        raise InputError("malformed baseline: expected an object with a 'fingerprints' list", where)
    if data.get("version") != FORMAT_VERSION:
        raise InputError(
            f"unsupported baseline version {data.get('version')!r} (this tqcheck reads version {FORMAT_VERSION}); "
            "write it again with `tqcheck baseline`", where,
        )
    prints = data["fingerprints"]
    bad = next((p for p in prints if not isinstance(p, str) or not _FINGERPRINT.match(p)), None)
    if bad is not None or None in prints:
        raise InputError(f"malformed baseline: {bad!r} is not a fingerprint", where)
    return frozenset(prints)


def _rescore(result: DocumentResult, findings: Sequence[Finding], max_penalty: float) -> DocumentResult:
    penalty = mqm_penalty(findings, result.words)
    return replace(
        result, findings=tuple(findings), penalty=penalty,
        passed=penalty <= max_penalty and result.error is None,
    )


def filter_results(results: Iterable[DocumentResult], baseline: frozenset,
                   max_penalty: float) -> tuple[list[DocumentResult], int]:
    """The results without the baselined findings (rescored), and how many were dropped."""
    kept_results, dropped = [], 0
    for result in results:
        if not result.findings:
            kept_results.append(result)
            continue
        prints = document_fingerprints(result)
        kept = [f for f, fp in zip(result.findings, prints) if fp not in baseline]
        dropped += len(result.findings) - len(kept)
        kept_results.append(result if len(kept) == len(result.findings) else _rescore(result, kept, max_penalty))
    return kept_results, dropped


def apply_baseline(report: Report, baseline: frozenset) -> Report:
    """`report` without the findings whose fingerprint is in `baseline`."""
    results, dropped = filter_results(report.documents, baseline, report.max_penalty)
    return replace(report, documents=tuple(results), baselined=dropped)


def summary_line(report: Report, path: Path) -> str:
    """The text output's extra summary line."""
    n = report.baselined
    return f"{n} finding(s) not shown: in the baseline {path}"


def baseline_filter(baseline: Optional[frozenset], max_penalty: float):
    """For --fix: a function dropping baselined findings from results (None without a baseline)."""
    if baseline is None:
        return None
    return lambda results: filter_results(results, baseline, max_penalty)[0]
