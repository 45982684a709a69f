"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=tqcheck <rule>::message`; critical and
major → error, minor → warning, info → notice. Paths are relative to the current directory (run
tqcheck from the repository root). Escaping as the Actions runner expects: in the message
% → %25, CR → %0D, LF → %0A; in property values also : → %3A and , → %2C.
"""
from __future__ import annotations

from ..findings import Severity
from .sarif import in_file, message_text, repo_path

COMMANDS = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f) -> str:
    props = [("file", repo_path(f.path) or f.path), ("line", f.line)]
    if in_file(f):  # a JSONL record's columns count characters of its target, not of the line
        props.append(("col", f.column))
    props.append(("endLine", f.end_line))
    if in_file(f):
        props.append(("endColumn", f.end_column))
    props.append(("title", f"tqcheck {f.rule}"))
    where = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    message = message_text(f)
    if f.doc_id is not None:
        message = f"[{f.doc_id}] {message}"
    return f"::{COMMANDS[f.severity]} {where}::{escape_data(message)}"


def render(report, **_options) -> str:
    lines = [annotation(f) for f in report.findings]
    lines += [f"::error title=tqcheck::{escape_data(e)}" for e in report.errors]
    for d in report.documents:
        if d.error:
            lines.append(f"::error file={escape_property(repo_path(d.path) or d.path)},title=tqcheck::{escape_data(d.error)}")
    s = report.summary()
    lines.append(
        f"tqcheck: {s['findings']} finding(s) in {s['documents']} document(s); "
        f"MQM penalty {s['score']:.1f} per 1,000 words; {'FAILED' if s['failed'] else 'passed'} (fail-on {s['fail_on']})"
    )
    return "\n".join(lines) + "\n"
