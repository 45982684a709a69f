"""The command line: exit codes, the JSON contract, one clear line per bad input, configuration
files found walking up, rule selection and severity overrides, determinism.

Most tests run the real entry point (tqcheck.cli.main) in-process (fast); a few start a real
process, where a traceback or a nondeterministic order could really show.
"""
from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import MINI, MINI_ARGS, SEED, subprocess_cli

CLEAN = "Vladimir Putin met the press in Kyiv on Monday.\n"
MAJOR = "Vladimir Poutine met the press in Kyiv on Monday.\n"  # source-form: major
MINOR = "Vladimir Putin met the the press in Kyiv on Monday.\n"  # repeated-word: minor


@pytest.fixture
def work(tmp_path):
    """A working folder with no config file, holding a few inputs."""
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "major.txt").write_text(MAJOR, encoding="utf-8")
    (tmp_path / "minor.txt").write_text(MINOR, encoding="utf-8")
    shutil.copy(SEED, tmp_path / "seed.txt")
    return tmp_path


def check(cli, work, *args, isolated=True, stdin=None):
    base = ["check", "--src", "fr", "--tgt", "en", *MINI_ARGS]
    if isolated:
        base.append("--isolated")
    return cli(*base, *args, cwd=work, stdin=stdin)


def assert_one_error_line(result, *needles):
    """Exit 2, exactly one line on stderr naming what is wrong, and no traceback anywhere."""
    assert result.code == 2, (result.code, result.stdout, result.stderr)
    assert len(result.stderr_lines) == 1, result.stderr
    line = result.stderr_lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    for needle in needles:
        assert needle in line, f"{needle!r} not in {line!r}"
    return line


# -- exit codes ---------------------------------------------------------------------------------

def test_exit_0_when_clean(cli, work):
    result = check(cli, work, "clean.txt")
    assert result.code == 0, result.stdout + result.stderr
    assert "0 finding(s)" in result.stdout and result.stderr == ""


def test_exit_1_on_a_major_finding(cli, work):
    result = check(cli, work, "major.txt")
    assert result.code == 1
    assert re.search(r"^major\.txt:1:1: major source-form .*→ Vladimir Putin$", result.stdout, re.MULTILINE), result.stdout


def test_minor_findings_pass_by_default(cli, work):
    result = check(cli, work, "minor.txt")
    assert result.code == 0
    assert "minor repeated-word" in result.stdout


@pytest.mark.parametrize("fail_on, file, code", [
    ("minor", "minor.txt", 1),
    ("info", "minor.txt", 1),
    ("major", "minor.txt", 0),
    ("critical", "major.txt", 0),
    ("major", "major.txt", 1),
    ("info", "clean.txt", 0),
])
def test_fail_on(cli, work, fail_on, file, code):
    assert check(cli, work, file, "--fail-on", fail_on).code == code


def test_fail_on_unknown_level(cli, work):
    assert_one_error_line(check(cli, work, "major.txt", "--fail-on", "fatal"), "--fail-on", "fatal")


def test_exit_2_wins_over_findings(cli, work):
    result = check(cli, work, "major.txt", "missing.txt")
    assert_one_error_line(result, "missing.txt")
    assert "source-form" in result.stdout  # the readable file is still checked


# -- the JSON contract --------------------------------------------------------------------------

FINDING_KEYS = {
    "path", "doc_id", "unit", "rule", "severity", "line", "column", "end_line", "end_column", "start", "end",
    "text", "message", "suggestions", "entity", "confidence",
}
DOCUMENT_KEYS = {"path", "doc_id", "words", "score", "passed", "src_lang", "tgt_lang", "tgt_lang_detected", "findings"}
SUMMARY_KEYS = {
    "documents", "documents_failed", "findings", "words", "score", "fail_on", "max_penalty", "failed",
    "by_severity", "by_rule", "errors",
}


def test_json_contract(cli, work):
    result = check(cli, work, "seed.txt", "major.txt", "--format", "json")
    assert result.code == 1
    data = result.json
    assert {"tool", "version", "findings", "documents", "summary"} <= set(data)
    assert data["tool"] == "tqcheck"
    import tqcheck

    assert data["version"] == tqcheck.__version__
    assert data["findings"], "the seed has findings"
    for record in data["findings"]:
        assert FINDING_KEYS <= set(record), FINDING_KEYS - set(record)
        assert record["severity"] in ("critical", "major", "minor", "info")
        assert isinstance(record["suggestions"], list)
        assert isinstance(record["line"], int) and record["line"] >= 1 and record["column"] >= 1
        assert 0 <= record["confidence"] <= 1
    for record in data["documents"]:
        assert DOCUMENT_KEYS <= set(record), DOCUMENT_KEYS - set(record)
    assert [d["path"] for d in data["documents"]] == ["seed.txt", "major.txt"]
    summary = data["summary"]
    assert SUMMARY_KEYS <= set(summary), SUMMARY_KEYS - set(summary)
    assert summary["findings"] == len(data["findings"]) and summary["documents"] == 2
    assert summary["failed"] is True and summary["fail_on"] == "major"
    assert set(summary["by_severity"]) == {"critical", "major", "minor", "info"}
    assert sum(summary["by_rule"].values()) == len(data["findings"])
    seed = {(r["rule"], r["text"]) for r in data["findings"] if r["path"] == "seed.txt"}
    assert {("source-form", "Vladimir Poutine"), ("deprecated-form", "Kiev"), ("name-typo", "Williams Burns")} <= seed
    poutine = next(r for r in data["findings"] if r["text"] == "Vladimir Poutine")
    assert poutine["suggestions"] == ["Vladimir Putin"] and poutine["entity"] == "vladimir-putin"


def test_json_output_file(cli, work):
    result = check(cli, work, "major.txt", "-o", "json=out/report.json")
    assert result.code == 1
    data = json.loads((work / "out" / "report.json").read_text(encoding="utf-8"))
    assert [f["rule"] for f in data["findings"]] == ["source-form"]
    assert "major source-form" in result.stdout  # stdout keeps the text format


def test_unknown_output_format(cli, work):
    assert_one_error_line(check(cli, work, "major.txt", "--format", "yaml"), "--format", "yaml")


# -- bad inputs: one line on stderr naming the file, exit 2, no traceback -----------------------

def test_latin1_file(cli, work):
    (work / "latin1.txt").write_bytes("Le ministre est arrivé à Moscou.\n".encode("latin-1"))
    line = assert_one_error_line(check(cli, work, "latin1.txt"), "latin1.txt", "UTF-8")
    assert ":1:" in line  # the line of the first bad byte


def test_binary_file(cli, work):
    (work / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_one_error_line(check(cli, work, "image.txt"), "image.txt", "binary")


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"], ids=["empty", "blank"])
def test_empty_file(cli, work, content):
    (work / "empty.txt").write_bytes(content)
    assert_one_error_line(check(cli, work, "empty.txt"), "empty.txt", "empty")


def test_file_over_max_size(cli, work):
    (work / "big.txt").write_text(MAJOR * 100, encoding="utf-8")  # ~5 KB
    line = assert_one_error_line(check(cli, work, "big.txt", "--max-size", "0.001"), "big.txt", "--max-size")
    assert "too large" in line


def test_stdin_over_max_size(cli, work):
    result = check(cli, work, "-", "--max-size", "0.001", stdin=(MAJOR * 100).encode())
    assert_one_error_line(result, "<stdin>", "--max-size")


def test_missing_file(cli, work):
    assert_one_error_line(check(cli, work, "nope.txt"), "nope.txt")


def test_malformed_jsonl_line_other_records_still_checked(cli, work):
    (work / "batch.jsonl").write_text(
        '{"id": "ok1", "target": "Vladimir Poutine met the press."}\n'
        '{"id": "broken", "target": "Kiev said\n'
        '{"id": "ok2", "target": "Kiev said so."}\n',
        encoding="utf-8",
    )
    result = check(cli, work, "batch.jsonl", "--format", "json")
    assert_one_error_line(result, "batch.jsonl:2:", "JSON")
    data = result.json
    assert [d["doc_id"] for d in data["documents"]] == ["ok1", "ok2"]
    assert {(f["doc_id"], f["rule"]) for f in data["findings"]} >= {("ok1", "source-form"), ("ok2", "deprecated-form")}
    assert data["summary"]["errors"] and "batch.jsonl:2:" in data["summary"]["errors"][0]


@pytest.mark.parametrize("record, needle", [
    ('{"id": "x", "text": "no target"}', "target"),
    ('{"id": "x", "target": 42}', "target"),
    ('["not", "an", "object"]', "object"),
    ('{"id": "x", "target": "Kiev.", "tgt_lang": "english"}', "tgt_lang"),
    ('{"id": "x", "target": "Kiev.", "ignore": "deprecated-form"}', "ignore"),
])
def test_invalid_jsonl_record(cli, work, record, needle):
    (work / "batch.jsonl").write_text('{"id": "ok", "target": "Kyiv."}\n' + record + "\n", encoding="utf-8")
    assert_one_error_line(check(cli, work, "batch.jsonl"), "batch.jsonl:2:", needle)


@pytest.mark.parametrize("option", ["--tgt", "--src"])
def test_unknown_language_code(cli, work, option):
    args = ["check", "major.txt", "--isolated", *MINI_ARGS, "--src", "fr", "--tgt", "en", option, "xx"]
    assert_one_error_line(cli(*args, cwd=work), option, "'xx'")


def test_malformed_glossary_names_file_and_line(cli, work):
    bad = work / "bad.yaml"
    bad.write_text(
        "meta:\n  name: bad\nentities:\n  - id: kyiv\n    type: city\n    names:\n"
        "      en: {name: Kyiv, deprecated: [Kyiv]}\n",
        encoding="utf-8",
    )
    line = assert_one_error_line(check(cli, work, "major.txt", "-g", "bad.yaml"), "bad.yaml:7:")
    assert "Kyiv" in line


def test_glossary_with_invalid_yaml(cli, work):
    (work / "broken.yaml").write_text("entities:\n  - id: a\n    names: {en: [unclosed\n", encoding="utf-8")
    assert_one_error_line(check(cli, work, "major.txt", "-g", "broken.yaml"), "broken.yaml:", "YAML")


def test_missing_glossary(cli, work):
    assert_one_error_line(check(cli, work, "major.txt", "-g", "nowhere.yaml"), "nowhere.yaml")


def test_malformed_config(cli, work):
    (work / "tqcheck.toml").write_text('fail-on = "major"\nselect = [source-form\n', encoding="utf-8")
    assert_one_error_line(check(cli, work, "major.txt", isolated=False), "tqcheck.toml", "TOML")


@pytest.mark.parametrize("content, needles", [
    ('fail-on = "major"\ncolour = true\n', ["colour"]),
    ('select = ["source-form", "no-such-rule"]\n', ["no-such-rule"]),
    ('fail-on = "fatal"\n', ["fail-on", "fatal"]),
    ('[rules.repeated-word]\nalow = ["the"]\n', ["rules.repeated-word.alow"]),
    ('[rules.repeated-word]\nallow = "the"\n', ["rules.repeated-word.allow"]),
    ('tgt = "english"\n', ["tgt", "english"]),
    ('max-penalty = -1\n', ["max-penalty"]),
])
def test_bad_config_key_or_value_names_it(cli, work, content, needles):
    (work / "tqcheck.toml").write_text(content, encoding="utf-8")
    assert_one_error_line(check(cli, work, "major.txt", isolated=False), "tqcheck.toml", *needles)


def test_unknown_key_in_pyproject_names_the_table(cli, work):
    (work / "pyproject.toml").write_text('[tool.tqcheck]\nfail_on = "minor"\n', encoding="utf-8")
    assert_one_error_line(check(cli, work, "minor.txt", isolated=False), "pyproject.toml", "tool.tqcheck.fail_on")


def test_unknown_rule_on_command_line(cli, work):
    assert_one_error_line(check(cli, work, "major.txt", "--select", "source-form,sauce-form"), "sauce-form")
    assert_one_error_line(check(cli, work, "major.txt", "--severity", "source-form=fatal"), "fatal")


def test_real_process_bad_input_no_traceback(work):
    (work / "latin1.txt").write_bytes("Le ministre est arrivé à Moscou.\n".encode("latin-1"))
    result = subprocess_cli(["check", "--isolated", "--tgt", "en", *MINI_ARGS, "latin1.txt"], cwd=work)
    assert_one_error_line(result, "latin1.txt")


# -- configuration found walking up -------------------------------------------------------------

def _nested(work):
    sub = work / "a" / "b"
    sub.mkdir(parents=True)
    shutil.copy(work / "minor.txt", sub / "minor.txt")
    return sub


def test_tqcheck_toml_found_walking_up(cli, work):
    (work / "tqcheck.toml").write_text('fail-on = "minor"\n', encoding="utf-8")
    sub = _nested(work)
    result = cli("check", "--src", "fr", "--tgt", "en", *MINI_ARGS, "minor.txt", cwd=sub)
    assert result.code == 1, result.stdout + result.stderr
    assert "(fail-on minor)" in result.stdout
    isolated = cli("check", "--src", "fr", "--tgt", "en", *MINI_ARGS, "--isolated", "minor.txt", cwd=sub)
    assert isolated.code == 0


def test_pyproject_tool_table_found_walking_up(cli, work):
    (work / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.tqcheck]\nfail-on = "minor"\n', encoding="utf-8")
    sub = _nested(work)
    result = cli("check", "--src", "fr", "--tgt", "en", *MINI_ARGS, "minor.txt", cwd=sub)
    assert result.code == 1 and "(fail-on minor)" in result.stdout


def test_pyproject_without_table_is_skipped(cli, work):
    (work / "tqcheck.toml").write_text('fail-on = "minor"\n', encoding="utf-8")
    sub = _nested(work)
    (work / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    result = cli("check", "--src", "fr", "--tgt", "en", *MINI_ARGS, "minor.txt", cwd=sub)
    assert result.code == 1, "the pyproject.toml without [tool.tqcheck] must not stop the walk"


def test_nearest_config_wins(cli, work):
    (work / "tqcheck.toml").write_text('fail-on = "minor"\n', encoding="utf-8")
    sub = _nested(work)
    (sub / "tqcheck.toml").write_text('fail-on = "critical"\n', encoding="utf-8")
    result = cli("check", "--src", "fr", "--tgt", "en", *MINI_ARGS, "minor.txt", cwd=sub)
    assert result.code == 0 and "(fail-on critical)" in result.stdout


def test_config_option_names_a_file(cli, work):
    (work / "strict.toml").write_text('fail-on = "minor"\n', encoding="utf-8")
    assert check(cli, work, "minor.txt", "--config", "strict.toml", isolated=False).code == 1


def test_config_glossaries_relative_to_config_file(cli, work):
    (work / "conf").mkdir()
    shutil.copy(MINI, work / "conf" / "names.yaml")
    (work / "conf" / "tqcheck.toml").write_text(
        'src = "fr"\ntgt = "en"\ndefault-glossaries = false\nglossaries = ["names.yaml"]\n', encoding="utf-8")
    result = cli("check", "--config", str(work / "conf" / "tqcheck.toml"), "major.txt", cwd=work)
    assert result.code == 1 and "source-form" in result.stdout


def test_command_line_overrides_config(cli, work):
    (work / "tqcheck.toml").write_text('fail-on = "minor"\n', encoding="utf-8")
    result = check(cli, work, "minor.txt", "--fail-on", "major", isolated=False)
    assert result.code == 0


# -- select / ignore / severity -----------------------------------------------------------------

def _rules(result):
    return sorted({f["rule"] for f in result.json["findings"]})


def test_select_and_ignore(cli, work):
    full = check(cli, work, "seed.txt", "--format", "json")
    assert {"source-form", "deprecated-form", "name-typo"} <= set(_rules(full))
    only = check(cli, work, "seed.txt", "--format", "json", "--select", "deprecated-form")
    assert _rules(only) == ["deprecated-form"]
    both = check(cli, work, "seed.txt", "--format", "json", "--select", "deprecated-form", "--select", "name-typo")
    assert _rules(both) == ["deprecated-form", "name-typo"]
    without = check(cli, work, "seed.txt", "--format", "json", "--ignore", "deprecated-form,name-typo")
    assert "deprecated-form" not in _rules(without) and "name-typo" not in _rules(without)
    assert "source-form" in _rules(without)


def test_select_and_ignore_in_config(cli, work):
    (work / "tqcheck.toml").write_text('ignore = ["source-form"]\n', encoding="utf-8")
    result = check(cli, work, "major.txt", isolated=False)
    assert result.code == 0 and "source-form" not in result.stdout
    (work / "tqcheck.toml").write_text('select = ["repeated-word"]\nfail-on = "minor"\n', encoding="utf-8")
    result = check(cli, work, "major.txt", "minor.txt", "--format", "json", isolated=False)
    assert result.code == 1 and _rules(result) == ["repeated-word"]


def test_severity_override_on_command_line(cli, work):
    result = check(cli, work, "major.txt", "--severity", "source-form=minor", "--format", "json")
    assert result.code == 0
    assert [f["severity"] for f in result.json["findings"]] == ["minor"]
    result = check(cli, work, "minor.txt", "--severity", "repeated-word=critical")
    assert result.code == 1 and "critical repeated-word" in result.stdout


def test_severity_override_in_config(cli, work):
    (work / "tqcheck.toml").write_text('[severity]\nrepeated-word = "major"\n', encoding="utf-8")
    result = check(cli, work, "minor.txt", isolated=False)
    assert result.code == 1 and "major repeated-word" in result.stdout


def test_glossary_entry_severity_applies_and_config_overrides_it(cli, work):
    glossary = MINI.read_text(encoding="utf-8").replace(
        "    description: President of Russia\n", "    description: President of Russia\n    severity: critical\n", 1)
    (work / "sev.yaml").write_text(glossary, encoding="utf-8")
    args = ["check", "--src", "fr", "--tgt", "en", "--isolated", "--no-default-glossaries", "-g", "sev.yaml",
            "major.txt", "--format", "json"]
    result = cli(*args, cwd=work)
    assert [f["severity"] for f in result.json["findings"]] == ["critical"]
    result = cli(*args, "--severity", "source-form=minor", cwd=work)
    assert [f["severity"] for f in result.json["findings"]] == ["minor"] and result.code == 0



def test_severity_override_to_info(cli, work):
    result = check(cli, work, "minor.txt", "--severity", "repeated-word=info", "--format", "json")
    assert [f["severity"] for f in result.json["findings"]] == ["info"]


def test_severity_override_to_info_beats_glossary_entry(cli, work):
    glossary = MINI.read_text(encoding="utf-8").replace(
        "    description: President of Russia\n", "    description: President of Russia\n    severity: critical\n", 1)
    (work / "sev.yaml").write_text(glossary, encoding="utf-8")
    result = cli("check", "--src", "fr", "--tgt", "en", "--isolated", "--no-default-glossaries", "-g", "sev.yaml",
                 "major.txt", "--format", "json", "--severity", "source-form=info", cwd=work)
    assert [f["severity"] for f in result.json["findings"]] == ["info"] and result.code == 0


def test_rule_options_in_config(cli, work):
    (work / "tqcheck.toml").write_text('fail-on = "minor"\n[rules.repeated-word]\nallow = ["the"]\n', encoding="utf-8")
    assert check(cli, work, "minor.txt", isolated=False).code == 0


def test_accept_option(cli, work):
    assert check(cli, work, "major.txt", "--accept", "Vladimir Poutine").code == 0


# -- directories --------------------------------------------------------------------------------

def test_directory_is_read_recursively_in_stable_order(cli, work):
    (work / "sub").mkdir()
    (work / "sub" / "z.md").write_text("Kiev said.\n", encoding="utf-8")
    (work / "sub" / "notes.csv").write_text("Kiev,said\n", encoding="utf-8")
    (work / ".hidden").mkdir()
    (work / ".hidden" / "x.txt").write_text("Kiev said.\n", encoding="utf-8")
    result = check(cli, work, ".", "--format", "json")
    paths = [d["path"] for d in result.json["documents"]]
    assert paths == sorted(paths)
    assert any(p.endswith("z.md") for p in paths)
    assert not any(p.endswith((".csv",)) or ".hidden" in p for p in paths)


# -- determinism --------------------------------------------------------------------------------

def test_two_runs_are_byte_identical(work):
    args = ["check", "--src", "fr", "--tgt", "en", "--isolated", *MINI_ARGS, "seed.txt", "major.txt", "minor.txt"]
    outputs = []
    for seed in ("1", "2"):  # different hash seeds: set and dict order must not leak into the output
        for fmt in ("json", "text"):
            result = subprocess_cli([*args, "--format", fmt], cwd=work, env={"PYTHONHASHSEED": seed})
            assert result.code == 1, result.stderr
            outputs.append((fmt, result.stdout))
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3]


def test_the_console_script_writes_everything_before_it_ends_without_teardown(tmp_path):
    """`python -m tqcheck` and the `tqcheck` script end with os._exit after flushing: a long
    output arrives whole, and the exit code is the command's."""
    big = tmp_path / "big.txt"
    big.write_text("Vladimir Poutine arrived in Kiev.\n" * 3000, encoding="utf-8")
    done = subprocess_cli(["check", "--isolated", "--tgt", "en", "--format", "json", *MINI_ARGS, str(big)])
    assert done.code == 1, done.stderr
    findings = done.json["findings"]
    assert len(findings) == 6000 and findings[-1]["line"] == 3000
    bad = subprocess_cli(["check", "--tgt", "xx", str(big)])
    assert bad.code == 2 and "'xx' is not an ISO 639-1" in bad.stderr
    assert subprocess_cli(["--version"]).code == 0


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    """`tqcheck check … | head -c 10`: the pipe closes under a long output; the command still ends
    with its own exit code and says nothing about the broken pipe."""
    import subprocess
    import sys

    big = tmp_path / "big.txt"
    big.write_text("Vladimir Poutine arrived in Kiev.\n" * 3000, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tqcheck", "check", "--isolated", "--tgt", "en", "--format", "json", *MINI_ARGS, str(big)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
    )
    assert proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err and "Exception ignored" not in err, err
