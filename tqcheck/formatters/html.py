"""`--format html`: one self-contained report page (inline CSS, a little inline JS, no network).

Everything is rendered here, server-side: the JS only toggles classes (filters) and copies a
finding's list entry into the side panel, so a report of 1,000 documents opens without freezing.
Every piece of text that comes from a document, a glossary, a message or a path goes through
`html.escape(..., quote=True)`; a Content-Security-Policy that allows only this page's own style
and script (by hash) is a second line of defence.

Overlapping findings are nested, and a finding that crosses another's end is split into parts
(the first part is the focusable one), so the text shown is exactly the document text.
"""
from __future__ import annotations

import base64
import hashlib
import html
from collections import defaultdict

from .. import __version__
from ..findings import Severity

SEVERITIES = [s.label for s in reversed(Severity)]  # critical first
# (dark, tint): text/border colour and highlight background of each severity.
COLORS = {"critical": ("#a4161a", "#ffc2c2"), "major": ("#b54700", "#ffd8a8"),
          "minor": ("#7a6400", "#fff0a0"), "info": ("#1d5fa6", "#d3e6ff")}
OPEN_DOCUMENTS = 50  # documents after the first (worst) 50 start collapsed

CSS = """
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#f6f6f4}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 21rem;gap:1rem;padding:1rem;max-width:100rem;margin:auto}
@media (max-width:60rem){.layout{grid-template-columns:1fr}}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.2rem 0 .5rem}h3{font-size:.9rem;margin:.2rem 0;color:#555}
section,.doc,aside>div{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.75rem 1rem;margin-bottom:1rem}
aside>div{position:sticky;top:1rem;max-height:calc(100vh - 2rem);overflow:auto}
.stats{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.5rem 0}.stats div{min-width:7rem}.stats dt{font-size:.8rem;color:#555}.stats dd{margin:0;font-size:1.3rem;font-weight:600}
table{border-collapse:collapse;margin:.25rem 0}th,td{padding:.15rem .6rem;border-bottom:1px solid #eee;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.tables{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.8rem;font-weight:600;color:#fff}
.pass{background:#2e7d32}.fail{background:#a4161a}
.doc>summary{cursor:pointer;font-weight:600}.doc>summary span.m{font-weight:400;color:#555}
.cols{display:grid;grid-template-columns:1fr;gap:1rem;margin-top:.5rem}.cols.two{grid-template-columns:1fr 1fr}.cols.three{grid-template-columns:1fr 1fr 1fr}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-family:Georgia,serif;background:#fcfcfa;border:1px solid #eee;padding:.5rem .75rem;border-radius:4px}
mark{color:inherit;border-bottom:2px solid;padding:0 1px;cursor:help}mark:focus{outline:3px solid #111;outline-offset:1px}
mark.point::before{content:"\\2691";font-size:.8em}
ul.panel{list-style:none;padding:0;margin:0}ol.findings{padding-left:1.5rem;margin:.5rem 0}ol.findings li{margin:.15rem 0}li.current{background:#ffffe0}
.sugg{color:#2e7d32;font-weight:600}q{font-weight:600}code{font-size:.85em;background:#f0f0f0;padding:0 .25rem;border-radius:3px}
fieldset{border:1px solid #ddd;border-radius:4px;margin:.4rem 0}label{display:block}
.errors li{color:#a4161a}.muted{color:#666}.scores td{padding:0 .5rem 0 0;border:0}
"""

JS = """
(function () {
  "use strict";
  var body = document.body, panel = document.getElementById("panel-body");
  function hidden(m) {
    return body.classList.contains("hide-sev-" + m.dataset.severity) || body.classList.contains("hide-" + m.dataset.rc);
  }
  document.addEventListener("change", function (ev) {
    var box = ev.target;
    if (!box.dataset || !box.dataset.hide) return;
    body.classList.toggle("hide-" + box.dataset.hide, !box.checked);
    document.querySelectorAll("mark[tabindex]").forEach(function (m) { m.tabIndex = hidden(m) ? -1 : 0; });
  });
  function show(m) {
    var item = document.getElementById("f" + m.dataset.f);
    if (!item || hidden(m)) return;
    var copy = item.cloneNode(true);
    copy.removeAttribute("id");
    panel.replaceChildren(copy);
    var previous = document.querySelector("li.current");
    if (previous) previous.classList.remove("current");
    item.classList.add("current");
  }
  function onMark(ev) {
    var m = ev.target.closest ? ev.target.closest("mark[data-f]") : null;
    if (m) show(m);
  }
  document.addEventListener("focusin", onMark);
  document.addEventListener("mouseover", onMark);
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[data-goto]") : null;
    var m = a && document.getElementById(a.dataset.goto);
    if (!m) return;
    ev.preventDefault();
    m.scrollIntoView({block: "center"});
    m.focus();
  });
})();
"""


def e(value) -> str:
    return html.escape(str(value), quote=True)


def text_html(text: str) -> str:
    """Escaped text whose carriage returns survive parsing (the parser turns raw CR LF into LF)."""
    return e(text).replace("\r", "&#13;")


def _doc_name(d) -> str:
    return d.path if d.doc_id is None or d.doc_id == d.path else f"{d.path}[{d.doc_id}]"


def _suggestions(f) -> str:
    return " | ".join(f.suggestions)


def _mark_tags(f, fid: str, rc: str) -> tuple[str, str]:
    """(first part, continuation) opening tags of one finding's <mark>."""
    sev = f.severity.label
    title = f"{sev} · {f.rule}: {f.message}" + (f" → {_suggestions(f)}" if f.suggestions else "")
    attrs = f'class="sev-{sev} {rc}{" point" if f.start == f.end else ""}" data-f="{fid}" data-rc="{rc}" data-rule="{e(f.rule)}" data-severity="{sev}" title="{e(title)}"'
    return f'<mark id="m{fid}" tabindex="0" {attrs}>', f'<mark data-part="cont" {attrs}>'


def highlight(text: str, findings, doc_index: int, rule_class: dict) -> str:
    """The document text, escaped, with each finding's span in a <mark>: nested where spans nest,
    split where they cross, so the concatenated text is exactly `text`."""
    n = len(text)
    spans = [(max(0, min(f.start, n)), max(0, min(f.end, n))) for f in findings]
    tags = [_mark_tags(f, f"{doc_index}-{j}", rule_class[f.rule]) for j, f in enumerate(findings)]
    starts, ends, points = defaultdict(list), defaultdict(list), defaultdict(list)
    for k, (a, b) in enumerate(spans):
        if a < b:
            starts[a].append(k)
            ends[b].append(k)
        else:  # an empty span (a crashed check's finding): a marker at that point
            points[a].append(k)
    cuts = sorted({0, n, *starts, *ends, *points})
    out, stack, active, opened = [], [], set(), set()
    for i, a in enumerate(cuts):
        active.difference_update(ends[a])
        active.update(starts[a])
        keep = 0
        while keep < len(stack) and stack[keep] in active:
            keep += 1
        out.extend("</mark>" for _ in stack[keep:])
        del stack[keep:]
        out.extend(tags[k][0] + "</mark>" for k in points[a])
        if i + 1 == len(cuts):
            break
        for k in sorted(active - set(stack), key=lambda k: (spans[k][0], -spans[k][1], k)):
            out.append(tags[k][1] if k in opened else tags[k][0])
            opened.add(k)
            stack.append(k)
        out.append(text_html(text[a:cuts[i + 1]]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _finding_item(f, fid: str, rc: str) -> str:
    sugg = f' <span class="sugg">→ {e(_suggestions(f))}</span>' if f.suggestions else ""
    return (
        f'<li id="f{fid}" class="sev-{f.severity.label} {rc}"><a href="#m{fid}" data-goto="m{fid}">{f.line}:{f.column}</a> '
        f'<span class="badge sev-{f.severity.label}">{f.severity.label}</span> <code>{e(f.rule)}</code> '
        f'<q>{e(f.text)}</q> {e(f.message)}{sugg}</li>'
    )


def _scores(scores: dict) -> str:
    if not scores:
        return ""
    cells = "".join(
        f"<tr><th>{e(k)}</th><td class=\"n\">{e(f'{v:.2f}' if isinstance(v, float) else v)}</td></tr>" for k, v in scores.items()
    )
    return f'<table class="scores">{cells}</table>'


def document_html(i: int, d, rule_class: dict, max_penalty: float, open_: bool) -> str:
    verdict = '<span class="badge pass">passed</span>' if d.passed else '<span class="badge fail">failed</span>'
    langs = f"{d.src_lang or '?'} → {d.tgt_lang or '?'}"
    head = (
        f'<summary>{verdict} {e(_doc_name(d))} <span class="m">· {len(d.findings)} finding(s) · '
        f'MQM penalty <span data-penalty>{d.penalty:.2f}</span> (max {max_penalty:g}) · {d.words} words · {e(langs)}</span></summary>'
    )
    cols = []
    if d.source is not None:
        cols.append(f'<div><h3>Source ({e(d.src_lang or "?")})</h3><div class="text" lang="{e(d.src_lang or "")}">{text_html(d.source)}</div></div>')
    if d.region:  # one unit of a shared file (XLIFF/TMX): show its own target, not the file
        a, b = d.region
        shifted = [f.with_(start=f.start - a, end=f.end - a) for f in d.findings if a <= f.start and f.end <= b]
        target = highlight(d.text[a:b], shifted, i, rule_class)
    else:
        target = highlight(d.text, d.findings, i, rule_class)
    cols.append(f'<div><h3>Target ({e(d.tgt_lang or "?")})</h3><div class="text target" lang="{e(d.tgt_lang or "")}">{target}</div></div>')
    if d.reference is not None:
        cols.append(f'<div><h3>Reference</h3><div class="text" lang="{e(d.tgt_lang or "")}">{text_html(d.reference)}</div></div>')
    width = {1: "", 2: " two", 3: " three"}[len(cols)]
    error = f'<p class="errors">{e(d.error)}</p>' if d.error else ""
    items = "".join(_finding_item(f, f"{i}-{j}", rule_class[f.rule]) for j, f in enumerate(d.findings))
    listing = f'<ol class="findings">{items}</ol>' if items else '<p class="muted">No findings.</p>'
    return (
        f'<details class="doc" id="doc-{i}" data-path="{e(d.path)}"{" open" if open_ else ""}>{head}{error}{_scores(d.scores)}'
        f'{listing}<div class="cols{width}">{"".join(cols)}</div></details>'
    )


def chart_svg(findings, rules: list) -> str:
    """Horizontal bars, one per rule, stacked by severity."""
    if not rules:
        return '<p class="muted">No findings.</p>'
    counts = defaultdict(int)
    for f in findings:
        counts[f.rule, f.severity.label] += 1
    total = {r: sum(counts[r, s] for s in SEVERITIES) for r in rules}
    most, label_w, bar_w, row = max(total.values()), 170, 330, 24
    height = row * (len(rules) + 1) + 8
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 40}" height="{height}" role="img" aria-labelledby="chart-title">'
             '<title id="chart-title">Findings by rule, stacked by severity</title>']
    for y, rule in enumerate(rules):
        top, x = y * row + 4, label_w
        parts.append(f'<text x="{label_w - 6}" y="{top + 15}" text-anchor="end" font-size="12">{e(rule)}</text>')
        for sev in SEVERITIES:
            n = counts[rule, sev]
            if n:
                w = max(1.0, bar_w * n / most)
                parts.append(f'<rect class="bar" data-rule="{e(rule)}" data-severity="{sev}" x="{x:.1f}" y="{top + 2}" width="{w:.1f}" height="{row - 6}" fill="{COLORS[sev][0]}"><title>{e(rule)}: {n} {sev}</title></rect>')
                x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{top + 15}" font-size="12">{total[rule]}</text>')
    x, top = label_w, len(rules) * row + 4
    for sev in SEVERITIES:
        parts.append(f'<rect x="{x}" y="{top + 6}" width="10" height="10" fill="{COLORS[sev][0]}"/><text x="{x + 14}" y="{top + 15}" font-size="12">{sev}</text>')
        x += 75
    return "".join(parts) + "</svg>"


def summary_html(report, docs: list) -> str:
    s = report.summary()
    verdict = f'<span class="badge {"fail" if s["failed"] else "pass"}">{"FAILED" if s["failed"] else "passed"}</span>'
    stats = [("documents", "Documents checked"), ("documents_failed", f"Over penalty {s['max_penalty']:g}"),
             ("findings", "Findings"), ("words", "Words"), ("score", "MQM penalty / 1,000 words")]
    cards = "".join(f'<div><dt>{label}</dt><dd data-count="{key}">{e(s[key])}</dd></div>' for key, label in stats)
    by_sev = "".join(f'<tr><td><span class="badge sev-{k}">{k}</span></td><td class="n" data-severity-count="{k}">{v}</td></tr>' for k, v in s["by_severity"].items())
    by_rule = "".join(f'<tr><td><code>{e(k)}</code></td><td class="n" data-rule-count="{e(k)}">{v}</td></tr>' for k, v in s["by_rule"].items())
    rows = "".join(
        f'<tr><td><a href="#doc-{i}">{e(_doc_name(d))}</a></td><td class="n">{d.words}</td><td class="n">{len(d.findings)}</td>'
        f'<td class="n">{d.penalty:.2f}</td><td>{"passed" if d.passed else "failed"}</td></tr>'
        for i, d in enumerate(docs)
    )
    errors = "".join(f"<li>{e(x)}</li>" for x in s["errors"])
    return (
        f'<section id="summary"><h1>tqcheck report {verdict}</h1>'
        f'<p class="muted">tqcheck {e(__version__)} · fail on {e(s["fail_on"])} or worse · a document passes with an MQM penalty of at most {s["max_penalty"]:g} per 1,000 words</p>'
        f'<dl class="stats">{cards}</dl>{_scores(s.get("scores") or {})}'
        f'<div class="tables"><div><h2>By severity</h2><table>{by_sev}</table></div>'
        f'<div><h2>By rule</h2><table>{by_rule or "<tr><td>none</td></tr>"}</table></div>'
        f'<div><h2>Findings by rule</h2>{chart_svg(report.findings, list(s["by_rule"]))}</div></div>'
        + (f'<h2>Errors</h2><ul class="errors">{errors}</ul>' if errors else "")
        + f'<h2>Documents, worst first</h2><table id="documents"><tr><th>Document</th><th>Words</th><th>Findings</th><th>Penalty</th><th>Result</th></tr>{rows}</table></section>'
    )


def filters_html(report, rule_class: dict) -> str:
    counts = report.counts()
    sev = "".join(f'<label><input type="checkbox" checked data-hide="sev-{k}"> <span class="badge sev-{k}">{k}</span> {v}</label>' for k, v in counts["by_severity"].items())
    rules = "".join(f'<label><input type="checkbox" checked data-hide="{rule_class[r]}" data-rule="{e(r)}"> <code>{e(r)}</code> {counts["by_rule"].get(r, 0)}</label>' for r in rule_class)
    return f'<fieldset id="filter-severity"><legend>Severity</legend>{sev}</fieldset><fieldset id="filter-rule"><legend>Rule</legend>{rules}</fieldset>'


def css(rule_class: dict) -> str:
    colors = "".join(
        f"mark.sev-{s}{{background:{tint};border-color:{dark}}}.badge.sev-{s}{{background:{dark}}}" for s, (dark, tint) in COLORS.items()
    )
    hide = [f"sev-{s}" for s in SEVERITIES] + list(rule_class.values())
    marks = ",".join(f".hide-{h} mark.{h}" for h in hide)
    items = ",".join(f".hide-{h} li.{h}" for h in hide)
    return CSS + colors + f"{marks}{{background:transparent;border-color:transparent;cursor:auto}}{items}{{display:none}}\n"


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render(report, open_documents: int = OPEN_DOCUMENTS, **_options) -> str:
    from ..checks import rule_ids

    rules = list(dict.fromkeys(rule_ids() + sorted({f.rule for f in report.findings})))
    rule_class = {r: f"r{i}" for i, r in enumerate(rules)}  # class names never carry rule text
    docs = sorted(report.documents, key=lambda d: (-d.penalty, -len(d.findings), d.path, d.doc_id or ""))
    style = css(rule_class)
    policy = (f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(JS)}; img-src 'none'; "
              "base-uri 'none'; form-action 'none'")
    body = "".join(document_html(i, d, rule_class, report.max_penalty, i < open_documents) for i, d in enumerate(docs))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="tqcheck {e(__version__)}"><title>tqcheck report</title>'
        f'<style>{style}</style></head>\n<body><div class="layout"><main>{summary_html(report, docs)}'
        f'<div id="documents-list">{body}</div></main>'
        f'<aside><div><h2>Filters</h2>{filters_html(report, rule_class)}'
        '<h2>Finding</h2><ul id="panel-body" class="panel" aria-live="polite"><li class="muted">Focus (Tab) or hover a highlighted span.</li></ul></div></aside>'
        f'</div><script>{JS}</script></body></html>\n'
    )
