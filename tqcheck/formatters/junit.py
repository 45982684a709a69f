"""`--format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure, …).

One testsuite "tqcheck", one testcase per document (`path` or `path[doc_id]`). Each finding at or
above `fail_on` is a <failure type="rule">; findings below it are listed in <system-out>. A
document that could not be checked has an <error>; so has each input that could not be read.
`failures` counts failed testcases (documents), as JUnit does, not <failure> elements.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Characters XML 1.0 cannot carry, even escaped: a report must stay parseable whatever the text.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _name(d) -> str:
    return d.path if d.doc_id is None or d.doc_id == d.path else f"{d.path}[{d.doc_id}]"


def _line(f) -> str:
    text = f"{f.path}:{f.line}:{f.column}: {f.severity.label} {f.rule} {f.message}"
    if f.suggestions:
        text += " → " + " | ".join(f.suggestions)
    return text


def _testcase(suite: ET.Element, report, d) -> tuple[bool, bool]:
    case = ET.SubElement(suite, "testcase", name=_clean(_name(d)), classname="tqcheck", time="0")
    if d.error:
        ET.SubElement(case, "error", type="tqcheck", message=_clean(d.error)).text = _clean(d.error)
    failing = [f for f in d.findings if f.severity >= report.fail_on]
    for f in failing:
        ET.SubElement(case, "failure", type=f.rule, message=_clean(f.message)).text = _clean(_line(f))
    rest = [_line(f) for f in d.findings if f.severity < report.fail_on]
    verdict = "passed" if d.passed else "over the limit"
    rest.append(f"{d.words} words; MQM penalty {d.penalty:.2f} per 1,000 words ({verdict}, max {report.max_penalty:g})")
    ET.SubElement(case, "system-out").text = _clean("\n".join(rest))
    return bool(failing), bool(d.error)


def render(report, **_options) -> str:
    root = ET.Element("testsuites", name="tqcheck")
    suite = ET.SubElement(root, "testsuite", name="tqcheck")
    failures = errors = 0
    for d in report.documents:
        failed, error = _testcase(suite, report, d)
        failures += failed
        errors += error
    for message in report.errors:
        case = ET.SubElement(suite, "testcase", name=_clean(message.split(": ", 1)[0]), classname="tqcheck.input", time="0")
        ET.SubElement(case, "error", type="input", message=_clean(message)).text = _clean(message)
        errors += 1
    counts = {"tests": str(len(suite)), "failures": str(failures), "errors": str(errors), "skipped": "0", "time": "0"}
    for element in (root, suite):
        for key, value in counts.items():
            if key != "skipped" or element is suite:
                element.set(key, value)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
