"""The one shared runner of the rule cases in tests/cases/<rule-id>.yaml (sqlfluff's idea: rule
test cases are data).

A case file:

    rule: deprecated-form
    cases:
      - name: kiev-seed                 # unique in the file
        src: fr                         # source language (null: unknown)
        tgt: en                         # target language
        text: "In recent weeks, Kiev has repeatedly expressed its concern."
        expected:                       # the findings of the file's rule (and of any rule named here)
          - {rule: deprecated-form, text: Kiev, suggestion: Kyiv, line: 1}
      - name: kyiv
        src: uk
        tgt: en
        text: "Kyiv has repeatedly expressed its concern."
        clean: true                     # no finding of the file's rule

Optional keys: `source` and `reference` (the source text and a reference translation, for the
checks that compare with them), `config` (a mapping shaped like [tool.tqcheck]), `format` (text,
markdown, html, jsonl: `text` is then the file content), `xfail: "reason"` (a known checker bug: strict, so the
case fails as soon as the bug is fixed and the mark must go), `note`. `clean` may also be a list
of rule ids (none of them may report) or `all`. In `expected`, `rule` defaults to the file's rule;
`suggestion` is the first suggestion, `suggestions` the exact list; `line`/`column` pin the place;
`severity` (critical, major, minor, info) the finding's severity.

Findings of the rules considered (the file's rule and every rule named in `expected`) must match
`expected` exactly, no more, no fewer. Every finding of every rule must have text ==
document_text[start:end] and a line/column that point at it. Every case uses
tests/fixtures/mini.yaml only (no shipped glossaries), so the cases do not depend on shipped data.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import CASES, assert_placed, jsonl_record_lines

CASE_KEYS = {"name", "src", "tgt", "text", "source", "reference", "expected", "clean", "config", "format", "xfail", "note"}
EXPECTED_KEYS = {"rule", "text", "suggestion", "suggestions", "line", "column", "severity"}
FORMATS = {"text": ".txt", "markdown": ".md", "html": ".html", "jsonl": ".jsonl"}


def load_case_file(path: Path) -> dict:
    """A case file, checked for shape; raises ValueError naming the problem."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) - {"rule", "cases"} or not isinstance(data.get("cases"), list):
        raise ValueError(f"{path.name}: expected a mapping with 'rule' and a 'cases' list")
    if data.get("rule") != path.stem:
        raise ValueError(f"{path.name}: 'rule' must be {path.stem!r}, the file name")
    names = set()
    for case in data["cases"]:
        name = case.get("name") if isinstance(case, dict) else None
        if not isinstance(name, str) or not name:
            raise ValueError(f"{path.name}: a case without a name: {case!r}")
        if name in names:
            raise ValueError(f"{path.name}: case name {name!r} used twice")
        names.add(name)
        unknown = set(case) - CASE_KEYS
        if unknown:
            raise ValueError(f"{path.name}/{name}: unknown keys {sorted(unknown)}")
        if not isinstance(case.get("text"), str) or not isinstance(case.get("tgt"), str):
            raise ValueError(f"{path.name}/{name}: 'text' and 'tgt' are required strings")
        for key in ("source", "reference"):
            if case.get(key) is not None and not isinstance(case[key], str):
                raise ValueError(f"{path.name}/{name}: '{key}' must be a string")
        if case.get("src") is not None and not isinstance(case["src"], str):
            raise ValueError(f"{path.name}/{name}: 'src' must be a language code or null")
        expected, clean = case.get("expected"), case.get("clean")
        if (expected is None) == (clean is None) and not (expected and isinstance(clean, list)):
            raise ValueError(f"{path.name}/{name}: give either 'expected' or 'clean' (or 'expected' and a 'clean' list)")
        if expected is not None:
            if not isinstance(expected, list) or not expected:
                raise ValueError(f"{path.name}/{name}: 'expected' must be a non-empty list")
            for item in expected:
                if not isinstance(item, dict) or "text" not in item or set(item) - EXPECTED_KEYS:
                    raise ValueError(f"{path.name}/{name}: bad expected finding {item!r}")
        if clean is not None and not (clean is True or clean == "all" or isinstance(clean, list)):
            raise ValueError(f"{path.name}/{name}: 'clean' must be true, 'all' or a list of rule ids")
        if case.get("format", "text") not in FORMATS:
            raise ValueError(f"{path.name}/{name}: unknown format {case['format']!r}")
        if "xfail" in case and not (isinstance(case["xfail"], str) and case["xfail"].strip()):
            raise ValueError(f"{path.name}/{name}: 'xfail' must give the reason")
    return data


def case_files() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


def all_cases():
    for path in case_files():
        data = load_case_file(path)
        for case in data["cases"]:
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            yield pytest.param(data["rule"], case, id=f"{data['rule']}/{case['name']}", marks=marks)


def flagged_for(rule: str, case: dict) -> bool:
    return any(item.get("rule", rule) == rule for item in case.get("expected") or ())


def clean_for(rule: str, case: dict) -> bool:
    clean = case.get("clean")
    return not flagged_for(rule, case) and (clean is True or clean == "all" or (isinstance(clean, list) and rule in clean))


def run_case(make_checker, rule: str, case: dict):
    """(documents, findings) of one case."""
    from tqcheck.readers import parse

    fmt = case.get("format", "text")
    docs, errors = parse(case["text"], f"{rule}/{case['name']}{FORMATS[fmt]}", fmt)
    assert not errors, [str(e) for e in errors]
    for doc in docs:
        if case.get("source") is not None:
            doc.source = case["source"]
        if case.get("reference") is not None:
            doc.reference = case["reference"]
    checker = make_checker(case.get("src"), case["tgt"], **(case.get("config") or {}))
    results = [checker.check_document(doc) for doc in docs]
    for result in results:
        assert result.error is None, result.error
    return docs, results


def _describe(findings) -> str:
    return "\n".join(f"  {f.rule} {f.text!r} {f.line}:{f.column} {list(f.suggestions)} | {f.message}" for f in findings) or "  (none)"


@pytest.mark.parametrize("rule, case", list(all_cases()))
def test_case(make_checker, rule, case):
    docs, results = run_case(make_checker, rule, case)
    lines = jsonl_record_lines(case["text"]) if case.get("format") == "jsonl" else {}
    findings = []
    for doc, result in zip(docs, results):
        for f in result.findings:
            assert_placed(f, doc.text, record_line=lines[doc.doc_id] if lines else None)
        findings.extend(result.findings)

    expected = [dict(item, rule=item.get("rule", rule)) for item in case.get("expected") or ()]
    considered = {rule, "internal-error"} | {item["rule"] for item in expected}
    clean = case.get("clean")
    if clean == "all":
        assert not findings, f"expected no finding at all, got:\n{_describe(findings)}"
    elif isinstance(clean, list):
        unwanted = [f for f in findings if f.rule in clean]
        assert not unwanted, f"expected no finding of {clean}, got:\n{_describe(unwanted)}"

    got = [f for f in findings if f.rule in considered]
    unmatched = list(got)
    missing = []
    for item in expected:
        match = next((
            f for f in unmatched
            if f.rule == item["rule"] and f.text == item["text"]
            and ("line" not in item or f.line == item["line"])
            and ("column" not in item or f.column == item["column"])
        ), None)
        if match is None:
            missing.append(item)
            continue
        unmatched.remove(match)
        if "suggestion" in item:
            assert match.suggestions[:1] == (item["suggestion"],), f"{item}: suggestions {match.suggestions}"
        if "severity" in item:
            assert match.severity.label == item["severity"], f"{item}: severity {match.severity.label}"
        if "suggestions" in item:
            assert list(match.suggestions) == item["suggestions"], f"{item}: suggestions {match.suggestions}"
    assert not missing and not unmatched, (
        f"missing: {json.dumps(missing, ensure_ascii=False)}\n"
        f"unexpected:\n{_describe(unmatched)}\nall findings:\n{_describe(findings)}"
    )
