"""`--format sarif`: valid SARIF 2.1.0, GitHub's levels, exact regions, line-independent fingerprints."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tqcheck.checks import CHECKS, INTERNAL_ERROR
from tqcheck.document import Document
from tqcheck.findings import DocumentResult, Finding, Report, Severity
from tqcheck.formatters import FORMATTERS, sarif
from tqcheck.readers import jsonl

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED = "seeds/000_d179e931f6170d12.txt"


@pytest.fixture(scope="module")
def checker(make_checker):
    return make_checker("fr", "en")


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    if "type" not in schema and "Root" in schema.get("definitions", {}):
        # This copy keeps the log's own schema in definitions/Root and has no top-level
        # constraints: validating against the file itself would accept anything.
        schema = {"$ref": "#/definitions/Root", "definitions": schema["definitions"]}
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def seed_report(checker, text=None) -> Report:
    if text is None:
        text = (ROOT / SEED).read_text(encoding="utf-8")
    return checker.check_documents([Document(text=text, path=SEED)])


def sarif_of(report, **options) -> dict:
    return json.loads(sarif.render(report, **options))


def assert_valid(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def make_finding(severity=Severity.MAJOR, rule="source-form", suggestions=("X",), **kw) -> Finding:
    base = dict(rule=rule, start=0, end=4, text="Kiev", message="m", severity=severity, suggestions=suggestions,
                line=1, column=1, end_line=1, end_column=5, path="a.txt")
    base.update(kw)
    return Finding(**base)


def report_of(*findings, text="Kiev is here.", path="a.txt", doc_id=None) -> Report:
    doc = DocumentResult(path=path, doc_id=doc_id, words=3, findings=tuple(findings), penalty=0.0, passed=True, text=text)
    return Report(documents=(doc,))


def test_registered():
    assert FORMATTERS["sarif"] is sarif.render


def test_seed_validates_against_the_sarif_schema(checker, validator, in_root):
    log = sarif_of(seed_report(checker))
    assert_valid(validator, log)
    assert log["version"] == "2.1.0" and log["$schema"]
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "tqcheck" and driver["version"] and driver["informationUri"].startswith("https://")
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"deprecated-form", "name-typo", "repeated-word", "source-form"}


def test_the_validator_rejects_a_broken_log(checker, validator, in_root):
    log = sarif_of(seed_report(checker))
    log["runs"][0]["results"][0]["level"] = "fatal"
    log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(validator.iter_errors(log))) == 3
    assert not validator.is_valid({"version": "2.1.0"})


def test_rules_describe_every_check_and_internal_error(checker, in_root):
    driver = sarif_of(seed_report(checker))["runs"][0]["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == list(CHECKS) + [INTERNAL_ERROR]
    for rule in driver["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["help"]["text"]
        if rule["id"] in CHECKS:
            check = CHECKS[rule["id"]]
            assert rule["fullDescription"]["text"] == check.doc
            assert rule["defaultConfiguration"]["level"] == sarif.LEVELS[check.severity]
    internal = driver["rules"][-1]
    assert internal["defaultConfiguration"]["level"] == "error"
    for result in sarif_of(seed_report(checker))["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


@pytest.mark.parametrize("severity, level", [
    (Severity.CRITICAL, "error"), (Severity.MAJOR, "error"), (Severity.MINOR, "warning"), (Severity.INFO, "note"),
])
def test_levels(severity, level, validator):
    log = sarif_of(report_of(make_finding(severity=severity)))
    assert_valid(validator, log)
    result = log["runs"][0]["results"][0]
    assert result["level"] == level
    assert result["properties"]["severity"] == severity.label


def test_default_levels_of_rules():
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in sarif.rule_descriptors()}
    for check in CHECKS.values():
        assert levels[check.id] == {"critical": "error", "major": "error", "minor": "warning", "info": "note"}[check.severity.label]


def test_regions_point_at_the_text(checker, in_root):
    text = (ROOT / SEED).read_text(encoding="utf-8")
    lines = text.split("\n")
    results = sarif_of(seed_report(checker))["runs"][0]["results"]
    kiev = next(r for r in results if r["ruleId"] == "deprecated-form")
    loc = kiev["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": SEED, "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 27, "endLine": 27, "startColumn": 79, "endColumn": 83,
                             "charOffset": 1657, "charLength": 4, "snippet": {"text": "Kiev"}}
    for result in results:
        region = result["locations"][0]["physicalLocation"]["region"]
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]
        assert text[region["charOffset"]:region["charOffset"] + region["charLength"]] == region["snippet"]["text"]


def test_message_fixes_and_properties(checker, in_root):
    results = sarif_of(seed_report(checker))["runs"][0]["results"]
    putin = next(r for r in results if r["ruleId"] == "source-form")
    assert "Vladimir Poutine" in putin["message"]["text"] and "Suggestion: Vladimir Putin" in putin["message"]["text"]
    assert putin["properties"] == {"severity": "major", "entity": "vladimir-putin", "doc_id": None, "confidence": 1.0}
    change = putin["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == SEED
    replacement = change["replacements"][0]
    assert replacement["insertedContent"] == {"text": "Vladimir Putin"}
    assert replacement["deletedRegion"]["charOffset"] == 2246 and replacement["deletedRegion"]["charLength"] == 16


def test_fixes_only_with_exactly_one_suggestion(validator):
    two = make_finding(suggestions=("Kyiv", "Kyïv"))
    none = make_finding(suggestions=(), start=5, end=7, text="is", column=6, end_column=8)
    log = sarif_of(report_of(two, none))
    assert_valid(validator, log)
    first, second = log["runs"][0]["results"]
    assert "fixes" not in first and "fixes" not in second
    assert first["message"]["text"].endswith("Suggestions: Kyiv | Kyïv")
    assert second["message"]["text"] == "m"


def test_fingerprints_survive_inserted_lines(checker, in_root):
    text = (ROOT / SEED).read_text(encoding="utf-8")
    before = sarif_of(seed_report(checker, text))["runs"][0]["results"]
    after = sarif_of(seed_report(checker, "A new first paragraph.\n\n" + text))["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 for r in before] == \
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    fp = [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in before]
    assert fp == [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in after]
    assert len(set(fp)) == len(fp)
    again = sarif_of(seed_report(checker, text))["runs"][0]["results"]
    assert fp == [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in again]


def test_identical_matches_get_distinct_fingerprints_by_occurrence():
    first = make_finding(start=0, end=4)
    second = make_finding(start=20, end=24, line=3, column=1, end_line=3, end_column=5)
    prints = [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in sarif_of(report_of(first, second))["runs"][0]["results"]]
    assert prints[0] != prints[1]
    # The first occurrence keeps its fingerprint when a second one is added after it.
    alone = sarif_of(report_of(first))["runs"][0]["results"][0]["partialFingerprints"][sarif.FINGERPRINT_KEY]
    assert alone == prints[0]


def test_uris(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub dir").mkdir()
    assert sarif.artifact_location("sub dir/a b.txt") == {"uri": "sub%20dir/a%20b.txt", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location(str(tmp_path / "x" / "y.md")) == {"uri": "x/y.md", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location("./x/../z.txt") == {"uri": "z.txt", "uriBaseId": "%SRCROOT%"}
    outside = sarif.artifact_location(str(tmp_path.parent / "elsewhere.txt"))
    assert outside["uri"].startswith("file:///") and "uriBaseId" not in outside
    assert sarif.artifact_location("<stdin>") == {"uri": "%3Cstdin%3E"}
    assert sarif.artifact_location("docs/a.txt", root=str(tmp_path / "docs")) == {"uri": "a.txt", "uriBaseId": "%SRCROOT%"}


def test_jsonl_records_have_lines_but_no_file_columns(checker, validator, in_root):
    line = json.dumps({"id": "a<1>", "target": "He met Vladimir Poutine in Kiev.", "source": "Il a rencontré Vladimir Poutine."})
    docs, errors = jsonl.read("\n" + line + "\n", "batch.jsonl")
    log = sarif_of(checker.check_documents(docs, errors))
    assert_valid(validator, log)
    results = log["runs"][0]["results"]
    assert results
    for result in results:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == 2 and "startColumn" not in region and "charOffset" not in region
        assert "fixes" not in result
        assert result["properties"]["doc_id"] == "a<1>"


def test_units_of_a_file_keep_their_file_columns(validator):
    # An XLIFF/TMX unit has a doc_id but is positioned in the file itself.
    unit = make_finding(doc_id="file1#u7", unit="u7", start=230, end=234, line=9, column=17, end_line=9, end_column=21)
    log = sarif_of(report_of(unit, doc_id="file1#u7"))
    assert_valid(validator, log)
    result = log["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["charOffset"]) == (17, 230) and "fixes" in result
    assert result["properties"]["unit"] == "u7"


def test_internal_error_and_input_errors_validate(validator):
    crash = Finding(rule=INTERNAL_ERROR, start=0, end=0, text="", message="check 'x' crashed", severity=Severity.MAJOR,
                    line=1, column=1, end_line=1, end_column=1, path="a.txt")
    report = Report(documents=report_of(crash).documents, errors=("missing.txt: no such file or directory",))
    log = sarif_of(report)
    assert_valid(validator, log)
    run = log["runs"][0]
    assert run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]["id"] == INTERNAL_ERROR
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].startswith("missing.txt")


def test_empty_report_validates(validator):
    log = sarif_of(Report(documents=()))
    assert_valid(validator, log)
    assert log["runs"][0]["results"] == []
