"""`--format text`: `path:line:col: severity rule-id message [→ suggestion]`, then a summary."""
from __future__ import annotations

COLORS = {"critical": "\033[1;31m", "major": "\033[31m", "minor": "\033[33m", "info": "\033[36m"}
RESET, DIM, BOLD = "\033[0m", "\033[2m", "\033[1m"


def _where(f) -> str:
    where = f.path
    if f.doc_id is not None and f.doc_id != f.path:
        where += f"[{f.doc_id}]"
    return f"{where}:{f.line}:{f.column}"


SCORE_NAMES = {"bleu": "BLEU", "chrf++": "chrF++", "ter": "TER", "chrf": "chrF"}


def _scores(scores: dict) -> str:
    return ", ".join(f"{SCORE_NAMES[k]} {v:.1f}" for k, v in scores.items() if k in SCORE_NAMES)


def render(report, color: bool = False, **_options) -> str:
    lines = []
    for f in report.findings:
        sev = f.severity.label
        sev_text = f"{COLORS[sev]}{sev}{RESET}" if color else sev
        rule = f"{DIM}{f.rule}{RESET}" if color else f.rule
        line = f"{_where(f)}: {sev_text} {rule} {f.message}"
        if f.suggestions:
            line += " → " + " | ".join(f.suggestions)
        lines.append(line)
    for d in report.documents:
        if d.tgt_lang_detected:
            lines.append(f"{d.path}{'[' + d.doc_id + ']' if d.doc_id else ''}: note: target language detected as '{d.tgt_lang}' (give --tgt to be sure)")
        if d.error:
            lines.append(f"{d.path}{'[' + d.doc_id + ']' if d.doc_id else ''}: error: {d.error}")
        if d.scores:
            lines.append(f"{d.path}{'[' + d.doc_id + ']' if d.doc_id else ''}: scores against the reference: {_scores(d.scores)}")
    if report.scores:
        run = report.scores
        signatures = "; ".join(f"{SCORE_NAMES[k]} {v}" for k, v in run.get("signatures", {}).items())
        lines.append(
            f"run: {_scores(run)} over {run['segments']} segment(s) of {run['documents']} document(s) "
            f"with a reference (sacrebleu {signatures})"
        )
    s = report.summary()
    counts = ", ".join(f"{n} {sev}" for sev, n in s["by_severity"].items() if n) or "no findings"
    verdict = "FAILED" if s["failed"] else "passed"
    summary = (
        f"{s['findings']} finding(s) in {s['documents']} document(s) ({counts}); "
        f"MQM penalty {s['score']:.1f} per 1,000 words; {s['documents_failed']} document(s) over "
        f"{s['max_penalty']:g}; {verdict} (fail-on {s['fail_on']})"
    )
    lines.append(f"{BOLD}{summary}{RESET}" if color else summary)
    return "\n".join(lines) + "\n"
