"""`--format github` (workflow commands, escaped as the runner expects) and `--format junit`."""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import pytest

from tqcheck.findings import DocumentResult, Finding, Report, Severity
from tqcheck.formatters import FORMATTERS, github, junit


def finding(severity=Severity.MAJOR, rule="deprecated-form", path="news/a.txt", **kw) -> Finding:
    base = dict(rule=rule, start=10, end=14, text="Kiev", message="'Kiev' is deprecated for Kyiv", severity=severity,
                suggestions=("Kyiv",), line=3, column=5, end_line=3, end_column=9, path=path)
    base.update(kw)
    return Finding(**base)


def document(path, *findings, doc_id=None, penalty=0.0, passed=True, error=None) -> DocumentResult:
    return DocumentResult(path=path, doc_id=doc_id, words=100, findings=tuple(findings), penalty=penalty,
                          passed=passed, error=error)


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_registered():
    assert FORMATTERS["github"] is github.render and FORMATTERS["junit"] is junit.render


# -- github ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("severity, command", [
    (Severity.CRITICAL, "error"), (Severity.MAJOR, "error"), (Severity.MINOR, "warning"), (Severity.INFO, "notice"),
])
def test_github_command_per_severity(severity, command, cwd):
    out = github.render(Report(documents=(document("news/a.txt", finding(severity)),)))
    first = out.splitlines()[0]
    assert first == (
        f"::{command} file=news/a.txt,line=3,col=5,endLine=3,endColumn=9,title=tqcheck deprecated-form"
        "::'Kiev' is deprecated for Kyiv. Suggestion: Kyiv"
    )


def test_github_escaping(cwd):
    path = "dir,1/a:b%c.txt"
    f = finding(path=path, message="50% sure,\r\nsee: note", suggestions=("x%y", "z"))
    out = github.render(Report(documents=(document(path, f),)))
    first = out.splitlines()[0]
    assert first == (
        "::error file=dir%2C1/a%3Ab%25c.txt,line=3,col=5,endLine=3,endColumn=9,title=tqcheck deprecated-form"
        "::50%25 sure,%0D%0Asee: note. Suggestions: x%25y | z"
    )
    # One command per line: nothing in a message can start a command of its own.
    assert len(out.splitlines()) == 2


def test_github_escape_functions():
    assert github.escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert github.escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"
    assert github.escape_data("%0A") == "%250A"  # % first: an escape in the text is not decoded


def test_github_paths_are_relative_to_the_working_directory(cwd):
    f = finding(path=str(cwd / "news" / "a.txt"))
    out = github.render(Report(documents=(document(f.path, f),)))
    assert out.startswith("::error file=news/a.txt,")


def test_github_jsonl_record_has_no_columns_and_names_its_id(cwd):
    # A JSONL record: pinned to its line, columns count characters of its target (column == start + 1).
    f = finding(path="batch.jsonl", doc_id="a1", start=4, end=8, line=7, end_line=7, column=5, end_column=9)
    out = github.render(Report(documents=(document("batch.jsonl", f, doc_id="a1"),)))
    assert out.splitlines()[0] == (
        "::error file=batch.jsonl,line=7,endLine=7,title=tqcheck deprecated-form::[a1] 'Kiev' is deprecated for Kyiv. Suggestion: Kyiv"
    )
    # An XLIFF unit also has an id, but its positions are in the file: the columns stay.
    unit = finding(path="a.xlf", doc_id="u1", start=300, end=304, line=12, end_line=12, column=5, end_column=9)
    out = github.render(Report(documents=(document("a.xlf", unit, doc_id="u1"),)))
    assert out.startswith("::error file=a.xlf,line=12,col=5,endLine=12,endColumn=9,")


def test_github_errors_and_summary(cwd):
    report = Report(documents=(document("a.txt", error="cannot tell the target language; give --tgt"),),
                    errors=("b.txt: no such file or directory",))
    lines = github.render(report).splitlines()
    assert lines[0] == "::error title=tqcheck::b.txt: no such file or directory"
    assert lines[1] == "::error file=a.txt,title=tqcheck::cannot tell the target language; give --tgt"
    assert lines[-1].startswith("tqcheck: 0 finding(s) in 1 document(s)")


# -- junit -----------------------------------------------------------------------------------------


def junit_report() -> Report:
    return Report(documents=(
        document("news/a.txt", finding(Severity.CRITICAL), finding(Severity.MAJOR, start=20, end=24, line=4),
                 finding(Severity.MINOR, rule="repeated-word", text="on on", message="'on' is repeated"),
                 penalty=310.0, passed=False),
        document("batch.jsonl", finding(Severity.MINOR, rule="repeated-word", path="batch.jsonl", doc_id="r2"), doc_id="r2", penalty=10.0),
        document("news/clean.txt"),
        document("news/odd.txt", error="cannot tell the target language; give --tgt", passed=False),
    ), fail_on=Severity.MAJOR, errors=("gone.txt: no such file or directory",))


def test_junit_structure_and_counts():
    root = ET.fromstring(junit.render(junit_report()))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1 and suites[0].get("name") == "tqcheck"
    suite = suites[0]
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["news/a.txt", "batch.jsonl[r2]", "news/clean.txt", "news/odd.txt", "gone.txt"]
    for element in (root, suite):
        assert element.get("tests") == "5"
        assert element.get("failures") == "1"  # failed testcases, not <failure> elements
        assert element.get("errors") == "2"
    a, batch, clean, odd, gone = cases
    failures = a.findall("failure")
    assert [(x.get("type"), x.get("message")) for x in failures] == [
        ("deprecated-form", "'Kiev' is deprecated for Kyiv"), ("deprecated-form", "'Kiev' is deprecated for Kyiv"),
    ]
    assert failures[0].text.startswith("news/a.txt:3:5: critical deprecated-form")
    assert "minor repeated-word 'on' is repeated" in a.find("system-out").text
    assert "MQM penalty 310.00" in a.find("system-out").text
    assert batch.find("failure") is None and "repeated-word" in batch.find("system-out").text
    assert clean.find("failure") is None and clean.find("error") is None
    assert odd.find("error").get("message") == "cannot tell the target language; give --tgt"
    assert gone.find("error").get("message") == "gone.txt: no such file or directory"


def test_junit_fail_on_minor_turns_minor_findings_into_failures():
    report = junit_report()
    report = Report(documents=report.documents, fail_on=Severity.MINOR)
    suite = ET.fromstring(junit.render(report)).find("testsuite")
    assert suite.get("failures") == "2" and suite.get("tests") == "4"
    assert len(suite.findall("testcase")[0].findall("failure")) == 3


def test_junit_escapes_and_stays_parseable_with_control_characters():
    nasty = 'x <y> & "z" \x00\x07\x1b ]]> \ud800'
    f = finding(message=nasty, text=nasty, path="a&b.txt")
    out = junit.render(Report(documents=(document("a&b.txt", f),)))
    case = ET.fromstring(out).find("testsuite/testcase")
    assert case.get("name") == "a&b.txt"
    assert case.find("failure").get("message") == 'x <y> & "z" \ufffd\ufffd\ufffd ]]> \ufffd'


def test_junit_empty_report():
    root = ET.fromstring(junit.render(Report(documents=())))
    assert root.get("tests") == "0" and root.get("failures") == "0"


def test_cli_writes_every_format(cli, tmp_path):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    args = ["check", "--src", "fr", "--tgt", "en", "--isolated", "--no-default-glossaries", "-g", "tests/fixtures/mini.yaml",
            "seeds/000_d179e931f6170d12.txt", "-f", "github"]
    for fmt in ("sarif", "junit", "html"):
        args += ["-o", f"{fmt}={tmp_path / ('out.' + fmt)}"]
    result = cli(*args, cwd=root)
    assert result.code == 1, result.stderr
    assert result.stdout.count("::error file=seeds/000_d179e931f6170d12.txt,") == 3
    assert result.stdout.count("::warning ") == 1
    assert ET.parse(tmp_path / "out.junit").getroot().get("failures") == "1"
    assert '"uri": "seeds/000_d179e931f6170d12.txt"' in (tmp_path / "out.sarif").read_text(encoding="utf-8")
    assert "Williams Burns</mark>" in (tmp_path / "out.html").read_text(encoding="utf-8")
