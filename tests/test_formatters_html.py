"""`--format html`: self-contained, escaped, exact text under the highlights, fast on 1,000 documents."""
from __future__ import annotations

import base64
import hashlib
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tqcheck.document import Document
from tqcheck.findings import DocumentResult, Finding, Report, Severity
from tqcheck.formatters import FORMATTERS, html

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/000_d179e931f6170d12.txt"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
LINK = '<a href="javascript:alert(1)">javascript:alert(1)</a>'
HOSTILE_TEXT = f"Poutine said {SCRIPT} in Kiev.\r\nThen {IMG} and {LINK} & 'quotes'.\n"


class Texts(HTMLParser):
    """The text content of every element with class `target`, and the tags seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.texts, self.tags, self.marks = 0, [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += tag != "br"
            if tag == "mark":
                self.marks.append(dict(attrs))
        elif tag == "div" and "target" in classes:
            self.depth = 1
            self.texts.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.texts[-1] += data


def parse(page: str) -> Texts:
    parser = Texts()
    parser.feed(page)
    parser.close()
    return parser


def finding(start, end, text, rule="source-form", severity=Severity.MAJOR, **kw) -> Finding:
    base = dict(rule=rule, start=start, end=end, text=text[start:end], message=f"about {text[start:end]}",
                severity=severity, suggestions=("X",), line=1, column=start + 1, end_line=1, end_column=end + 1, path="a.txt")
    base.update(kw)
    return Finding(**base)


def doc(text, *findings, path="a.txt", penalty=0.0, **kw) -> DocumentResult:
    return DocumentResult(path=path, doc_id=kw.pop("doc_id", None), words=len(text.split()), findings=tuple(findings),
                          penalty=penalty, passed=penalty <= 10, text=text, **kw)


def hostile_report() -> Report:
    text = HOSTILE_TEXT
    i = text.index(SCRIPT)
    j = text.index(IMG)
    k = text.index("javascript:alert(1)</a>")
    findings = (
        finding(i, i + len(SCRIPT), text, message=f"bad {SCRIPT}", suggestions=(IMG,), entity=LINK),
        finding(j, j + len(IMG), text, rule="name-typo", severity=Severity.CRITICAL, message=IMG, suggestions=(SCRIPT, LINK)),
        finding(k, k + 19, text, rule="untranslated", severity=Severity.MINOR, message=LINK, suggestions=()),
    )
    path = f'news/{IMG}.txt'
    d = doc(text, *findings, path=path, doc_id=SCRIPT, penalty=50.0, source=f"Le {SCRIPT} {IMG}",
            reference=LINK, scores={SCRIPT: 1.5}, src_lang="fr", tgt_lang="en")
    return Report(documents=(d,), errors=(f"{IMG}: no such file",))


def test_registered():
    assert FORMATTERS["html"] is html.render


def test_hostile_text_is_escaped():
    page = html.render(hostile_report())
    for payload in (SCRIPT, "<img", '<a href="javascript', 'href="javascript'):
        assert payload not in page, payload
    assert page.count("<script>") == 1  # ours
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;a href=&quot;javascript:alert(1)&quot;&gt;" in page
    parsed = parse(page)
    assert not [t for t, _ in parsed.tags if t in ("img", "a") and _.get("href", "#").startswith("javascript")]
    assert not [t for t, a in parsed.tags if t == "img" or any(k.startswith("on") for k in a)]
    assert parsed.texts == [HOSTILE_TEXT]


def test_self_contained_with_a_content_security_policy():
    page = html.render(hostile_report())
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)

    def digest(s):
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"

    assert "default-src 'none'" in policy
    assert f"style-src {digest(style)}" in policy and f"script-src {digest(script)}" in policy
    assert " style=" not in page  # inline style attributes would be blocked by the policy


def test_overlapping_spans_keep_the_text_exact():
    text = "Vladimir Poutine est à Kiev aujourd'hui."
    findings = (
        finding(0, 16, text),                                           # Vladimir Poutine
        finding(9, 27, text, rule="untranslated", severity=Severity.MINOR),  # crosses the first's end
        finding(9, 16, text, rule="name-typo", severity=Severity.INFO),  # nested in both
        finding(23, 27, text, rule="deprecated-form"),                   # Kiev, nested in the second
        finding(40, 40, text, rule="internal-error", suggestions=()),    # empty span at the end
        finding(0, 16, text, rule="word-typo", severity=Severity.CRITICAL),  # same span as the first
    )
    page = html.render(Report(documents=(doc(text, *findings),)))
    parsed = parse(page)
    assert parsed.texts == [text]
    first_parts = [m for m in parsed.marks if "tabindex" in m]
    assert len(first_parts) == len(findings)  # every finding focusable once
    assert sorted(m["data-f"] for m in first_parts) == [f"0-{j}" for j in range(len(findings))]
    assert all(m["data-f"] in {f["data-f"] for f in first_parts} for m in parsed.marks)
    continued = [m for m in parsed.marks if m.get("data-part") == "cont"]
    assert [m["data-rule"] for m in continued] == ["untranslated"]
    assert page.count("<mark") == page.count("</mark>")


@pytest.mark.parametrize("text", ["", "a", "line\r\nline\rend\n", "é😀 <&>\t\x0b" * 3])
def test_text_survives_with_and_without_findings(text):
    findings = (finding(0, len(text), text),) if text else ()
    parsed = parse(html.render(Report(documents=(doc(text, *findings),))))
    assert parsed.texts == [text]


def test_marks_carry_rule_severity_title_and_focus():
    text = "Poutine in Kiev"
    page = html.render(Report(documents=(doc(text, finding(11, 15, text, rule="deprecated-form", message="use Kyiv", suggestions=("Kyiv",))),)))
    mark = re.search(r"<mark [^>]*>Kiev</mark>", page).group(0)
    for attr in ('tabindex="0"', 'data-rule="deprecated-form"', 'data-severity="major"', 'class="sev-major r1"',
                 'title="major · deprecated-form: use Kyiv → Kyiv"', 'id="m0-0"'):
        assert attr in mark
    assert re.search(r'<li id="f0-0" class="sev-major r1"><a href="#m0-0" data-goto="m0-0">1:12</a>', page)


def test_summary_counts_chart_scores_and_source():
    text = "Poutine in Kiev and on on"
    d = doc(text, finding(0, 7, text), finding(11, 15, text, rule="deprecated-form"),
            finding(20, 25, text, rule="repeated-word", severity=Severity.MINOR),
            source="Poutine à Kiev", scores={"BLEU": 23.456, "chrF": 51.0}, src_lang="fr", tgt_lang="en", penalty=44.0)
    page = html.render(Report(documents=(d,), scores={"BLEU": 20.0}))
    assert 'data-count="documents">1<' in page and 'data-count="findings">3<' in page
    assert 'data-severity-count="major">2<' in page and 'data-severity-count="minor">1<' in page
    assert 'data-rule-count="repeated-word">1<' in page
    assert page.count('<rect class="bar"') == 3 and "<svg" in page
    assert "<th>BLEU</th><td class=\"n\">23.46</td>" in page and "chrF" in page
    assert "Source (fr)" in page and ">Poutine à Kiev</div>" in page
    assert 'data-hide="sev-major"' in page and 'data-hide="r0"' in page


def test_documents_worst_first_and_collapsed_after_the_first_ones():
    docs = tuple(doc("x", path=f"d{i}.txt", penalty=float(i)) for i in range(5))
    page = html.render(Report(documents=docs), open_documents=2)
    order = re.findall(r'<details class="doc" id="doc-\d+" data-path="([^"]+)"( open)?>', page)
    assert order == [("d4.txt", " open"), ("d3.txt", " open"), ("d2.txt", ""), ("d1.txt", ""), ("d0.txt", "")]


def thousand_documents() -> Report:
    text = ("Vladimir Poutine a rencontré William Burns à Kiev. " * 6).strip()
    docs = []
    for n in range(1000):
        found = [finding(m.start(), m.end(), text, rule=rule, severity=sev)
                 for rule, sev, pattern in (("source-form", Severity.MAJOR, "Poutine"), ("deprecated-form", Severity.MINOR, "Kiev"))
                 for m in re.finditer(pattern, text)]
        docs.append(doc(text, *found, path=f"news/{n:04d}.txt", penalty=float(n % 37)))
    return Report(documents=tuple(docs))


def test_thousand_documents_render_quickly():
    report = thousand_documents()
    started = time.perf_counter()
    page = html.render(report)
    assert time.perf_counter() - started < 5
    assert page.count("<details") == 1000 and page.count(" open>") == html.OPEN_DOCUMENTS
    assert page.count('tabindex="0"') == 12000


def test_seed_report(make_checker):
    text = (ROOT / SEED).read_text(encoding="utf-8")
    page = html.render(make_checker("fr", "en").check_documents([Document(text=text, path=SEED)]))
    parsed = parse(page)
    assert parsed.texts == [text]
    assert [m["data-rule"] for m in parsed.marks] == ["deprecated-form", "name-typo", "repeated-word", "source-form"]
    for shown in ("Kiev</mark>", "Williams Burns</mark>", "Vladimir Poutine</mark>"):
        assert shown in page
