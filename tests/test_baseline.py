"""Baselines: fingerprints that survive lines moving and edits elsewhere; `tqcheck baseline` writes
them (sorted JSON with a version, atomically); `check --baseline` reports only new findings and
says how many were baselined; a missing or malformed baseline is one error line and exit 2.
"""
from __future__ import annotations

import json

import pytest

from conftest import MINI_ARGS
from tqcheck.baseline import (
    FORMAT_VERSION, context, document_fingerprints, fingerprint, load_baseline,
)
from tqcheck.errors import InputError

ARTICLE = (
    "Vladimir Poutine met the press on Monday.\n"
    "\n"
    "In Kiev, the talks went on.\n"
    "Later, Kiev said nothing.\n"
)


def findings_of(make_checker, text, path="a.txt"):
    from tqcheck.document import Document

    result = make_checker("fr", "en").check_document(Document(text=text, path=path))
    return result, document_fingerprints(result)


def by_text(result, prints):
    return {(f.rule, f.text, f.line): fp for f, fp in zip(result.findings, prints)}


# -- the fingerprint ----------------------------------------------------------------------------

def test_fingerprints_survive_lines_inserted_above(make_checker):
    before, fp_before = findings_of(make_checker, ARTICLE)
    after, fp_after = findings_of(make_checker, "A new lead paragraph.\nAnother line.\n\n" + ARTICLE)
    assert len(before.findings) == 3
    assert [f.line for f in after.findings] == [f.line + 3 for f in before.findings]
    assert fp_after == fp_before


def test_fingerprints_survive_edits_on_other_lines(make_checker):
    _, fp_before = findings_of(make_checker, ARTICLE)
    edited = ARTICLE.replace("met the press on Monday", "met the foreign press on a rainy Monday")
    result, fp_after = findings_of(make_checker, edited)
    kept = by_text(result, fp_after)
    assert kept[("deprecated-form", "Kiev", 3)] == fp_before[1]
    assert kept[("deprecated-form", "Kiev", 4)] == fp_before[2]
    assert kept[("source-form", "Vladimir Poutine", 1)] != fp_before[0]  # its own context changed


def test_fingerprints_ignore_whitespace_changes_around(make_checker):
    _, fp_before = findings_of(make_checker, ARTICLE)
    _, fp_after = findings_of(make_checker, ARTICLE.replace("In Kiev, the", "In   Kiev,\tthe"))
    assert fp_after[1] == fp_before[1]


def test_identical_findings_get_their_occurrence_index(make_checker):
    text = "Kiev.\nKiev.\nKiev.\n"
    result, prints = findings_of(make_checker, text)
    assert len(prints) == 3 and len(set(prints)) == 3
    first = result.findings[0]
    assert prints == [fingerprint(f, text, i) for i, f in enumerate(result.findings)]
    assert fingerprint(first, text) == prints[0]


def test_fingerprint_depends_on_rule_path_and_text_not_message(make_checker):
    result, prints = findings_of(make_checker, ARTICLE)
    f = result.findings[1]
    assert fingerprint(f.with_(message="reworded", severity=None, line=99), ARTICLE) == prints[1]
    assert fingerprint(f.with_(path="./a.txt"), ARTICLE) == prints[1]  # the same file
    assert fingerprint(f.with_(path="b.txt"), ARTICLE) != prints[1]
    assert fingerprint(f.with_(rule="name-typo"), ARTICLE) != prints[1]
    assert len(prints[1]) == 32 and int(prints[1], 16) >= 0


def test_context_stays_on_the_findings_line(make_checker):
    result, _ = findings_of(make_checker, ARTICLE)
    assert context(result.findings[1], ARTICLE) == "In \x00, the talks went on."


# -- the commands -------------------------------------------------------------------------------

def run(cli, cwd, command, *args):
    return cli(command, "--isolated", "--src", "fr", "--tgt", "en", *MINI_ARGS, *args, cwd=cwd)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "news" / "b.md").write_text("# Title\n\nVladimir Putin in Kyiv.\n", encoding="utf-8")
    (tmp_path / "news" / "c.jsonl").write_text(
        '{"target": "Talks in Kiev."}\n{"id": "x", "target": "Poutine spoke."}\n', encoding="utf-8")
    return tmp_path


def test_baseline_file_is_sorted_versioned_json(cli, project):
    result = run(cli, project, "baseline", "news", "-o", ".tqcheck-baseline.json")
    assert result.code == 0, result.stderr
    assert "5 fingerprint(s) of 5 finding(s)" in result.stdout
    data = json.loads((project / ".tqcheck-baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == FORMAT_VERSION and data["tool"] == "tqcheck"
    assert data["fingerprints"] == sorted(set(data["fingerprints"])) and len(data["fingerprints"]) == 5
    assert sorted(p.name for p in project.iterdir()) == [".tqcheck-baseline.json", "news"]  # no temp file


def test_baseline_default_output_name(cli, project):
    assert run(cli, project, "baseline", "news").code == 0
    assert (project / ".tqcheck-baseline.json").is_file()


def test_check_with_baseline_reports_only_new_findings(cli, project):
    run(cli, project, "baseline", "news", "-o", "base.json")
    clean = run(cli, project, "check", "--baseline", "base.json", "news")
    assert clean.code == 0, clean.stdout
    assert "0 finding(s)" in clean.stdout
    assert clean.stdout.rstrip().endswith("5 finding(s) not shown: in the baseline base.json")
    # the article grows above the old findings and gains a new one; the JSONL records move
    article = project / "news" / "a.txt"
    article.write_text("Breaking.\n\nOdessa too.\n\n" + ARTICLE, encoding="utf-8")
    jsonl = project / "news" / "c.jsonl"
    jsonl.write_text('{"target": "Unrelated."}\n' + jsonl.read_text(encoding="utf-8"), encoding="utf-8")
    result = run(cli, project, "check", "--baseline", "base.json", "-f", "json", "news")
    data = json.loads(result.stdout)
    assert [(f["rule"], f["text"], f["line"]) for f in data["findings"]] == [("deprecated-form", "Odessa", 3)]
    assert data["summary"]["baselined"] == 5 and data["summary"]["findings"] == 1
    assert result.code == 1


def test_baselined_findings_do_not_fail_the_run_or_the_score(cli, project):
    run(cli, project, "baseline", "news", "-o", "base.json")
    data = json.loads(run(cli, project, "check", "--baseline", "base.json", "-f", "json", "news").stdout)
    assert all(d["passed"] and d["score"] == 0 for d in data["documents"])
    assert data["summary"]["failed"] is False


def test_baseline_with_more_occurrences_reports_the_extra_one(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Kiev.\n", encoding="utf-8")
    run(cli, tmp_path, "baseline", "a.txt", "-o", "base.json")
    path.write_text("Kiev.\nKiev.\n", encoding="utf-8")
    result = run(cli, tmp_path, "check", "--baseline", "base.json", "a.txt")
    assert "1 finding(s) in 1 document(s)" in result.stdout and "1 finding(s) not shown" in result.stdout


@pytest.mark.parametrize("content, needle", [
    (None, "not found"),
    (b"{not json", "not JSON"),
    (b"[1, 2]", "'fingerprints' list"),
    (b'{"version": 99, "fingerprints": []}', "version 99"),
    (b'{"version": 1, "fingerprints": ["abc"]}', "not a fingerprint"),
    (b"\xff\xfe\x00", "not JSON"),
])
def test_missing_or_malformed_baseline_is_one_error_line(cli, project, content, needle):
    if content is not None:
        (project / "base.json").write_bytes(content)
    result = run(cli, project, "check", "--baseline", "base.json", "news")
    assert result.code == 2, result.stdout
    assert result.stdout == ""
    assert len(result.stderr_lines) == 1 and "Traceback" not in result.stderr
    assert "base.json" in result.stderr_lines[0] and needle in result.stderr_lines[0], result.stderr


def test_load_baseline_errors_name_the_file(tmp_path):
    with pytest.raises(InputError) as info:
        load_baseline(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_baseline_is_not_written_when_an_input_cannot_be_read(cli, project):
    (project / "news" / "bad.txt").write_bytes(b"caf\xe9\n")
    result = run(cli, project, "baseline", "news", "-o", "base.json")
    assert result.code == 2 and "bad.txt" in result.stderr
    assert not (project / "base.json").exists()


def test_fix_leaves_baselined_findings_alone(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("He quoted the old sign: Kiev.\n", encoding="utf-8")
    run(cli, tmp_path, "baseline", "a.txt", "-o", "base.json")
    path.write_text("He quoted the old sign: Kiev.\n\nVladimir Poutine came.\n", encoding="utf-8")
    result = run(cli, tmp_path, "check", "--baseline", "base.json", "--fix", "a.txt")
    assert path.read_text(encoding="utf-8") == "He quoted the old sign: Kiev.\n\nVladimir Putin came.\n"
    assert result.code == 0 and "1 finding(s) not shown" in result.stdout
