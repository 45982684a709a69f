"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).

Levels: critical and major → error, minor → warning, info → note. Columns and offsets count
Unicode code points (`columnKind`), as tqcheck's do. A finding's `partialFingerprints` does not
depend on its line: moving text up or down keeps its alerts (see docs/output-formats.md).
"""
from __future__ import annotations

import json
import os
from typing import Optional
from urllib.parse import quote

from .. import __version__
from ..baseline import document_fingerprints
from ..findings import Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/tqcheck/"
LEVELS = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "tqcheckFinding/v1"
INTERNAL_ERROR_DOC = (
    "A check crashed on a document; its findings for that document are missing.\n\n"
    "The message names the check, the exception and where it was raised. Please report it."
)


def repo_path(path: str, root: Optional[str] = None) -> Optional[str]:
    """`path` relative to `root` (default: the current directory) with forward slashes, or None
    when it is not under it. Pure string work: nothing is read from disk."""
    if path.startswith("<") and path.endswith(">"):  # <stdin>, <text>, <records>
        return None
    base = os.path.abspath(root if root is not None else os.getcwd())
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # another drive on Windows
        return None
    if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
        return None
    return rel.replace(os.sep, "/")


def artifact_location(path: str, root: Optional[str] = None) -> dict:
    rel = repo_path(path, root)
    if rel is not None:
        return {"uri": quote(rel, safe="/"), "uriBaseId": "%SRCROOT%"}
    if path.startswith("<") and path.endswith(">"):
        return {"uri": quote(path, safe="")}
    return {"uri": "file://" + quote(os.path.abspath(path).replace(os.sep, "/"), safe="/:")}


def in_file(f) -> bool:
    """Whether the finding's columns and offsets are positions in its file.

    Not so for a JSONL record: its findings are pinned to the record's line, and start/end/column
    count characters of the record's `target`, so column == start + 1. Documents read from XLIFF,
    TMX or a bitext also have a doc_id but are positioned in the file, where column == start + 1
    can only hold on the file's first line (then the columns are left out, which is merely less
    precise). A flag from the reader would be better; findings carry none yet.
    """
    record = f.doc_id is not None and f.line == f.end_line and f.column == f.start + 1 and f.end_column == f.end + 1
    return not record


def rule_name(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def rule_descriptor(rule_id: str, severity: Severity, summary: str, doc: str, options: dict) -> dict:
    help_text = doc
    if options:
        listed = ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in options.items())
        help_text += f"\n\nOptions ([tool.tqcheck.rules.{rule_id}]): {listed}."
    help_text += (
        f"\n\nChange its severity with --severity {rule_id}=LEVEL; silence it in a Markdown or HTML text "
        f"with <!-- tqcheck: ignore[{rule_id}] -->."
    )
    return {
        "id": rule_id,
        "name": rule_name(rule_id),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": doc},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[severity]},
    }


def rule_descriptors() -> list[dict]:
    from ..checks import CHECKS, INTERNAL_ERROR

    rules = [rule_descriptor(c.id, c.severity, c.summary, c.doc, c.options) for c in CHECKS.values()]
    summary = INTERNAL_ERROR_DOC.splitlines()[0]
    rules.append(rule_descriptor(INTERNAL_ERROR, Severity.MAJOR, summary, INTERNAL_ERROR_DOC, {}))
    return rules


def region(f, snippet: bool = True) -> dict:
    r = {"startLine": f.line, "endLine": f.end_line}
    if in_file(f):
        r.update(startColumn=f.column, endColumn=f.end_column, charOffset=f.start, charLength=f.end - f.start)
    if snippet:
        r["snippet"] = {"text": f.text}
    return r


def message_text(f) -> str:
    text = f.message
    if len(f.suggestions) == 1:
        text += f". Suggestion: {f.suggestions[0]}"
    elif f.suggestions:
        text += ". Suggestions: " + " | ".join(f.suggestions)
    return text


def result(f, rule_index: int, fingerprint: str, location: dict) -> dict:
    properties = {"severity": f.severity.label, "entity": f.entity, "doc_id": f.doc_id, "confidence": round(f.confidence, 3)}
    if f.unit is not None:
        properties["unit"] = f.unit
    res = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": message_text(f)},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region(f)}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": properties,
    }
    if f.fixable and in_file(f):
        res["fixes"] = [{
            "description": {"text": f"Replace '{f.text}' with '{f.suggestions[0]}'"},
            "artifactChanges": [{
                "artifactLocation": location,
                "replacements": [{"deletedRegion": region(f, snippet=False), "insertedContent": {"text": f.suggestions[0]}}],
            }],
        }]
    return res


def as_dict(report, root: Optional[str] = None) -> dict:
    rules = rule_descriptors()
    index = {r["id"]: i for i, r in enumerate(rules)}
    # The baseline's fingerprints: rule, path, document id, matched text and its context, and the
    # occurrence index; no line numbers, so they survive lines moving.
    pairs = [(f, fp) for d in report.documents for f, fp in zip(d.findings, document_fingerprints(d))]
    results = []
    for f, fingerprint in pairs:
        if f.rule not in index:  # a rule registered after this formatter was written
            index[f.rule] = len(rules)
            rules.append(rule_descriptor(f.rule, f.severity, f.rule, f.rule, {}))
        results.append(result(f, index[f.rule], fingerprint, artifact_location(f.path, root)))
    notes = [{"level": "error", "message": {"text": e}} for e in report.errors]
    notes += [
        {"level": "error", "message": {"text": f"{d.path}{'[' + d.doc_id + ']' if d.doc_id else ''}: {d.error}"}}
        for d in report.documents if d.error
    ]
    invocation = {"executionSuccessful": not notes}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    run = {
        "tool": {"driver": {"name": "tqcheck", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": rules}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report, root: Optional[str] = None, **_options) -> str:
    return json.dumps(as_dict(report, root), ensure_ascii=False, indent=2) + "\n"
