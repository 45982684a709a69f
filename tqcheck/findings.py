"""Severity, Finding and Report: the frozen values that flow from the checks to the formatters."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Optional


class Severity(enum.IntEnum):
    """MQM severities. The integer order is the order of gravity; `weight` is the MQM penalty."""

    INFO = 0
    MINOR = 1
    MAJOR = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def weight(self) -> int:
        return MQM_WEIGHTS[self]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(s.label for s in reversed(cls))
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None


MQM_WEIGHTS = {Severity.CRITICAL: 25, Severity.MAJOR: 5, Severity.MINOR: 1, Severity.INFO: 0}


def mqm_penalty(findings, words: int) -> float:
    """MQM-style penalty: the findings' weights per 1,000 words (a text without words but with
    findings gets 1,000)."""
    points = sum(f.severity.weight for f in findings)
    return points * 1000 / words if words else float(points > 0) * 1000


@dataclass(frozen=True)
class Finding:
    """One problem in one document.

    `start`/`end` are character offsets into the document text (the file text, or a JSONL record's
    `target`); `text` is exactly `document_text[start:end]`. `line`/`column` are 1-based.
    A check yields findings with line/column 0: the engine fills them once, from the document's
    line index, and sets the severity from configuration.
    """

    rule: str
    start: int
    end: int
    text: str
    message: str
    severity: Optional[Severity] = None  # set by the engine: config > glossary entry > rule default
    suggestions: tuple[str, ...] = ()
    entity: Optional[str] = None
    confidence: float = 1.0
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    path: str = ""
    doc_id: Optional[str] = None
    unit: Optional[str] = None

    @property
    def fixable(self) -> bool:
        """A fix is sure only when there is exactly one suggestion."""
        return len(self.suggestions) == 1

    def with_(self, **changes) -> "Finding":
        return replace(self, **changes)

    def as_record(self) -> dict:
        """The JSON contract of one finding (see docs/output-formats.md)."""
        return {
            "path": self.path,
            "doc_id": self.doc_id,
            "unit": self.unit,
            "rule": self.rule,
            "severity": self.severity.label,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "entity": self.entity,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class DocumentResult:
    """The findings of one document and its MQM-style score."""

    path: str
    doc_id: Optional[str]
    words: int
    findings: tuple[Finding, ...]
    penalty: float
    passed: bool
    src_lang: Optional[str] = None
    tgt_lang: Optional[str] = None
    tgt_lang_detected: bool = False
    text: str = ""
    source: Optional[str] = None
    reference: Optional[str] = None
    scores: dict = field(default_factory=dict)
    error: Optional[str] = None
    # When several documents share one file (XLIFF/TMX units, TSV lines): the slice of `text`
    # that is this document's own target, for reports that show it alone.
    region: Optional[tuple[int, int]] = None

    def as_record(self) -> dict:
        record = {
            "path": self.path,
            "doc_id": self.doc_id,
            "words": self.words,
            "score": round(self.penalty, 2),
            "passed": self.passed,
            "src_lang": self.src_lang,
            "tgt_lang": self.tgt_lang,
            "tgt_lang_detected": self.tgt_lang_detected,
            "findings": len(self.findings),
        }
        if self.scores:
            record["scores"] = self.scores
        if self.error:
            record["error"] = self.error
        return record


@dataclass(frozen=True)
class Report:
    """Everything one run found, in a stable order."""

    documents: tuple[DocumentResult, ...]
    fail_on: Severity = Severity.MAJOR
    max_penalty: float = 10.0
    errors: tuple[str, ...] = ()
    scores: dict = field(default_factory=dict)
    baselined: int = 0  # findings left out because a baseline holds them

    @property
    def findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings]

    def counts(self) -> dict:
        by_severity = {s.label: 0 for s in reversed(Severity)}
        by_rule: dict[str, int] = {}
        for f in self.findings:
            by_severity[f.severity.label] += 1
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
        return {"by_severity": by_severity, "by_rule": dict(sorted(by_rule.items()))}

    @property
    def failed(self) -> bool:
        return any(f.severity >= self.fail_on for f in self.findings)

    def summary(self) -> dict:
        counts = self.counts()
        words = sum(d.words for d in self.documents)
        penalty_points = sum(f.severity.weight for f in self.findings)
        summary = {
            "documents": len(self.documents),
            "documents_failed": sum(1 for d in self.documents if not d.passed),
            "findings": len(self.findings),
            "words": words,
            "score": round(penalty_points * 1000 / words, 2) if words else 0.0,
            "fail_on": self.fail_on.label,
            "max_penalty": self.max_penalty,
            "failed": self.failed,
            "by_severity": counts["by_severity"],
            "by_rule": counts["by_rule"],
            "errors": list(self.errors),
        }
        if self.scores:
            summary["scores"] = self.scores
        if self.baselined:
            summary["baselined"] = self.baselined
        return summary
