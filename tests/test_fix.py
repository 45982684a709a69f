"""--fix and --diff: the sure fixes, applied to the file text only where the finding is, keeping
case, markup, other JSONL lines, encoding and permission bits; atomic; idempotent; never over a
file that changed on disk.
"""
from __future__ import annotations

import json
import os
import stat

import pytest

from conftest import MINI_ARGS
from tqcheck.findings import Finding
from tqcheck.fix import (
    FileChanged, adapt_case, apply_edits, atomic_write, dump_target, plan_edits, target_value_span,
    unified_diff,
)


def run(cli, tmp_path, *args, stdin=None):
    return cli("check", "--isolated", "--src", "fr", "--tgt", "en", *MINI_ARGS, *args, cwd=tmp_path, stdin=stdin)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


# -- case ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("matched, suggestion, name, expected", [
    ("Poutine", "Putin", True, "Putin"),
    ("Poutine's", "Putin", True, "Putin's"),  # a possessive inside the match stays
    ("Poutine’s", "Putin", True, "Putin’s"),
    ("POUTINE", "Putin", True, "PUTIN"),  # all caps stays all caps
    ("VLADIMIR POUTINE", "Vladimir Putin", True, "VLADIMIR PUTIN"),
    ("POUTINE'S", "Putin", True, "PUTIN'S"),
    ("OTAN", "North Atlantic Treaty Organization", True, "North Atlantic Treaty Organization"),
    ("OTAN", "NATO", True, "NATO"),
    ("kiev", "Kyiv", True, "Kyiv"),  # a name keeps its capital
    ("goverment", "Government", False, "government"),  # a common word stays lowercase
    ("Goverment", "government", False, "Government"),  # … and capitalised at a sentence start
    ("GOVERMENT", "government", False, "GOVERNMENT"),
    ("Swaziland", "eSwatini", True, "eSwatini"),  # a name's own inner capitals stay
])
def test_adapt_case(matched, suggestion, name, expected):
    assert adapt_case(matched, suggestion, name=name) == expected


# -- plain text ---------------------------------------------------------------------------------

TEXT = (
    "Vladimir Poutine met the press in Kiev on on Monday.\n"
    "Poutine's visit was short, said Williams Burns.\n"
)
FIXED = (
    "Vladimir Putin met the press in Kyiv on Monday.\n"
    "Putin's visit was short, said Williams Burns.\n"
)


def test_fix_plain_text_and_report_what_remains(cli, tmp_path):
    path = write(tmp_path, "a.txt", TEXT)
    result = run(cli, tmp_path, "--fix", "a.txt")
    assert path.read_text(encoding="utf-8") == FIXED
    # name-typo is not a sure fix: it is what remains, reported as usual
    assert "name-typo" in result.stdout and "source-form" not in result.stdout, result.stdout
    assert "1 finding(s)" in result.stdout
    assert "fixed 4 finding(s) in 1 file(s)" in result.stderr
    assert result.code == 1


def test_second_run_changes_nothing(cli, tmp_path):
    path = write(tmp_path, "a.txt", TEXT)
    run(cli, tmp_path, "--fix", "a.txt")
    first = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    result = run(cli, tmp_path, "--fix", "a.txt")
    assert path.read_bytes() == first and path.stat().st_mtime_ns == mtime
    assert "fixed 0 finding(s) in 0 file(s)" in result.stderr


def test_unsafe_fixes_fix_name_typos(cli, tmp_path):
    path = write(tmp_path, "a.txt", TEXT)
    result = run(cli, tmp_path, "--fix", "--unsafe-fixes", "a.txt")
    assert path.read_text(encoding="utf-8") == FIXED.replace("Williams Burns", "William Burns")
    assert result.code == 0 and "0 finding(s)" in result.stdout


def test_rounds_until_nothing_changes(cli, tmp_path):
    path = write(tmp_path, "a.txt", "He met the the the minister in Kyiv.\n")
    run(cli, tmp_path, "--fix", "a.txt")
    assert path.read_text(encoding="utf-8") == "He met the minister in Kyiv.\n"


def test_diff_prints_a_unified_diff_and_writes_nothing(cli, tmp_path):
    path = write(tmp_path, "a.txt", TEXT)
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    result = run(cli, tmp_path, "--diff", "a.txt")
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert result.code == 1
    assert result.stdout.startswith("--- a.txt\n+++ a.txt\n@@ ")
    assert "\n-Vladimir Poutine met the press in Kiev on on Monday.\n" in result.stdout
    assert "\n+Vladimir Putin met the press in Kyiv on Monday.\n" in result.stdout
    assert "would be applied" in result.stderr
    assert list(tmp_path.iterdir()) == [path]  # no temporary file either


def test_diff_applies_cleanly(cli, tmp_path):
    """The diff is the fix: applying it (difflib's hunks, by hand) gives what --fix writes."""
    path = write(tmp_path, "a.txt", TEXT.rstrip("\n"))  # no newline at the end of the file
    diff = run(cli, tmp_path, "--diff", "a.txt").stdout
    assert diff.endswith("\\ No newline at end of file\n")
    run(cli, tmp_path, "--fix", "a.txt")
    assert unified_diff("a.txt", TEXT.rstrip("\n"), path.read_text(encoding="utf-8")) == diff


def test_diff_exit_0_when_nothing_to_fix(cli, tmp_path):
    write(tmp_path, "a.txt", "Vladimir Putin met the press in Kyiv.\n")
    result = run(cli, tmp_path, "--diff", "a.txt")
    assert result.code == 0 and result.stdout == ""


def test_fix_keeps_bom_crlf_and_permission_bits(cli, tmp_path):
    path = write(tmp_path, "a.txt", "\ufeffLine one.\r\nVladimir Poutine in Kiev.\r\n")
    os.chmod(path, 0o640)
    run(cli, tmp_path, "--fix", "a.txt")
    assert path.read_bytes() == "\ufeffLine one.\r\nVladimir Putin in Kyiv.\r\n".encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_fix_keeps_utf16(cli, tmp_path):
    path = write(tmp_path, "a.txt", b"\xff\xfe" + "Vladimir Poutine in Kiev.\n".encode("utf-16-le"))
    run(cli, tmp_path, "--fix", "a.txt")
    assert path.read_bytes() == b"\xff\xfe" + "Vladimir Putin in Kyiv.\n".encode("utf-16-le")


def test_fix_writes_through_a_symlink(cli, tmp_path):
    real = write(tmp_path, "real.txt", "Vladimir Poutine in Kiev.\n")
    (tmp_path / "link.txt").symlink_to("real.txt")
    run(cli, tmp_path, "--fix", "link.txt")
    assert (tmp_path / "link.txt").is_symlink()
    assert real.read_text(encoding="utf-8") == "Vladimir Putin in Kyiv.\n"


def test_a_file_changed_on_disk_is_not_overwritten(cli, tmp_path, monkeypatch):
    """Someone saves the file while tqcheck is fixing it: their version wins, exit 2."""
    import tqcheck.fix as fix

    path = write(tmp_path, "a.txt", TEXT)
    other = write(tmp_path, "b.txt", "Vladimir Poutine in Kiev.\n")
    encode = fix._encode_like

    def meanwhile(text, original):
        if "met the press" in text:
            path.write_text("edited by a journalist\n", encoding="utf-8")
        return encode(text, original)

    monkeypatch.setattr(fix, "_encode_like", meanwhile)
    result = run(cli, tmp_path, "--fix", "a.txt", "b.txt")
    assert result.code == 2
    assert path.read_text(encoding="utf-8") == "edited by a journalist\n"
    assert other.read_text(encoding="utf-8") == "Vladimir Putin in Kyiv.\n"  # the other file is fixed
    errors = [line for line in result.stderr_lines if "error" in line]
    assert len(errors) == 1 and "a.txt" in errors[0] and "not overwritten" in errors[0], result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_file_changed_between_check_and_fix_is_not_fixed(cli, tmp_path, monkeypatch):
    from tqcheck.engine import Checker

    path = write(tmp_path, "a.txt", TEXT)
    original = Checker.check_document

    def check_then_edit(self, doc):
        result = original(self, doc)
        if "Williams" in doc.text:
            path.write_text("Vladimir Poutine, edited meanwhile.\n", encoding="utf-8")
        return result

    monkeypatch.setattr(Checker, "check_document", check_then_edit)
    result = run(cli, tmp_path, "--fix", "a.txt")
    assert result.code == 2 and "a.txt" in result.stderr and "changed on disk" in result.stderr
    assert path.read_text(encoding="utf-8") == "Vladimir Poutine, edited meanwhile.\n"


def test_atomic_write_refuses_changed_bytes(tmp_path):
    path = write(tmp_path, "a.txt", "old\n")
    with pytest.raises(FileChanged):
        atomic_write(path, b"new\n", expected=b"something else\n")
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    atomic_write(path, b"new\n", expected=b"old\n")
    assert path.read_bytes() == b"new\n"


# -- standard input -------------------------------------------------------------------------------

def test_fix_standard_input_writes_the_fixed_text_to_stdout(cli, tmp_path):
    result = run(cli, tmp_path, "--fix", "-", stdin=TEXT.encode("utf-8"))
    assert result.stdout == FIXED
    assert "name-typo" in result.stderr and "1 finding(s)" in result.stderr
    assert result.code == 1


def test_fix_standard_input_with_nothing_to_fix_echoes_it(cli, tmp_path):
    text = "Vladimir Putin in Kyiv.\n"
    result = run(cli, tmp_path, "--fix", "-", stdin=text.encode("utf-8"))
    assert result.stdout == text and result.code == 0


def test_standard_input_cannot_be_mixed_with_files(cli, tmp_path):
    write(tmp_path, "a.txt", TEXT)
    result = run(cli, tmp_path, "--fix", "-", "a.txt", stdin=b"x")
    assert result.code == 2 and "standard input" in result.stderr


# -- Markdown and HTML ----------------------------------------------------------------------------

def test_markdown_markup_stays_intact(cli, tmp_path):
    text = (
        "---\ntitle: Poutine in Kiev\n---\n"
        "# **Kiev** and [Vladimir Poutine](https://example.org/Poutine \"Kiev\")\n\n"
        "```\nKiev in code\n```\n\n"
        "Vladimir Poutine *arrived* in *Kiev*.\n"
    )
    path = write(tmp_path, "a.md", text)
    run(cli, tmp_path, "--fix", "a.md")
    assert path.read_text(encoding="utf-8") == (
        "---\ntitle: Poutine in Kiev\n---\n"
        "# **Kyiv** and [Vladimir Putin](https://example.org/Poutine \"Kiev\")\n\n"
        "```\nKiev in code\n```\n\n"
        "Vladimir Putin *arrived* in *Kyiv*.\n"
    )


def test_html_markup_stays_intact_and_entities_are_left_alone(cli, tmp_path):
    text = (
        '<html lang="en"><head><meta name="city" content="Kiev"></head><body>\n'
        '<p class="Kiev">Vladimir <b>Poutine</b> spoke in <a href="/Kiev">Kiev</a>.</p>\n'
        "<p>Then in Ki&#101;v, Vladimir Poutine &amp; others.</p>\n"
        "<script>var city = 'Kiev';</script>\n"
        "</body></html>\n"
    )
    path = write(tmp_path, "a.html", text)
    result = run(cli, tmp_path, "--fix", "a.html")
    fixed = path.read_text(encoding="utf-8")
    assert fixed == text.replace(">Kiev</a>", ">Kyiv</a>").replace(", Vladimir Poutine &amp;", ", Vladimir Putin &amp;")
    # the spelling with an entity and the name split by <b> are left alone: they remain findings
    remaining = [line for line in result.stdout.splitlines() if " major " in line]
    assert len(remaining) == 2, result.stdout
    assert "a.html:2:17: major source-form" in result.stdout and "a.html:3:12: major deprecated-form" in result.stdout


def test_html_replacement_is_escaped(cli, tmp_path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "meta: {name: t}\nentities:\n"
        "  - id: att\n    type: organization\n"
        "    names:\n      en: {name: AT&T, deprecated: [{form: American Telephone, note: renamed}]}\n",
        encoding="utf-8",
    )
    path = write(tmp_path, "a.html", "<p>American Telephone said so.</p>\n")
    cli("check", "--isolated", "--tgt", "en", "--no-default-glossaries", "-g", str(glossary), "--fix", "a.html", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == "<p>AT&amp;T said so.</p>\n"


# -- JSONL ----------------------------------------------------------------------------------------

def test_jsonl_rewrites_only_the_changed_target(cli, tmp_path):
    lines = [
        '{"id": "a", "target": "Vladimir Putin in Kyiv.", "note": "caf\\u00e9"}',
        '{"target":"Vladimir Poutine in Kiev.",  "id":"b", "source" : "Vladimir Poutine \\u00e0 Kiev.", "n": 1.50}',
        '{"id": "c", "target": "Vladimir Putin \\u00e9t\\u00e9 in Kyiv."}',
        "not json at all",
        "",
        '{"id": "d", "target": "Kiev \\"quoted\\" was\\u2028here"}',
    ]
    path = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    result = run(cli, tmp_path, "--fix", "a.jsonl")
    new = path.read_text(encoding="utf-8").split("\n")
    assert new[0] == lines[0] and new[2] == lines[2] and new[3] == lines[3] and new[4] == lines[4]
    assert new[1] == '{"target":"Vladimir Putin in Kyiv.",  "id":"b", "source" : "Vladimir Poutine \\u00e0 Kiev.", "n": 1.50}'
    assert new[5] == '{"id": "d", "target": "Kyiv \\"quoted\\" was\\u2028here"}'
    assert result.code == 2  # the malformed line is still an error; the rest is fixed
    assert json.loads(new[5])["target"] == "Kyiv \"quoted\" was\u2028here"


def test_jsonl_target_span_and_dump():
    line = '{"target": "a", "x": {"target": "inner"}, "target" : "last" }'
    start, end = target_value_span(line)
    assert line[start:end] == '"last"'
    assert target_value_span("[1, 2]") is None
    assert dump_target("é\u2028") == '"é\\u2028"'


# -- planning ------------------------------------------------------------------------------------

def _finding(rule, start, end, text, suggestion):
    return Finding(rule=rule, start=start, end=end, text=text[start:end], message="m", suggestions=(suggestion,))


def test_overlapping_fixes_apply_the_first_and_right_to_left():
    from tqcheck.document import Document
    from tqcheck.findings import DocumentResult

    text = "Vladimir Poutine and Kiev and Kiev."
    findings = (
        _finding("source-form", 0, 16, text, "Vladimir Putin"),
        _finding("source-form", 9, 16, text, "Putin"),  # overlaps the first: waits
        _finding("deprecated-form", 21, 25, text, "Kyiv"),
        _finding("deprecated-form", 30, 34, text, "Kyiv"),
        _finding("word-typo", 30, 34, text, "Kiwi"),  # not a sure rule
    )
    result = DocumentResult(path="x", doc_id=None, words=7, findings=findings, penalty=0, passed=True, text=text)
    edits = plan_edits(text, [(Document(text), result)], "text", unsafe=False)
    assert [(e.start, e.end, e.new) for e in edits] == [(0, 16, "Vladimir Putin"), (21, 25, "Kyiv"), (30, 34, "Kyiv")]
    assert apply_edits(text, edits) == "Vladimir Putin and Kyiv and Kyiv."


def test_fixes_respect_inline_suppressions(cli, tmp_path):
    text = "<!-- tqcheck: ignore -->\nKiev, said the old sign.\n\nVladimir Poutine in Kiev.\n"
    path = write(tmp_path, "a.md", text)
    run(cli, tmp_path, "--fix", "a.md")
    assert path.read_text(encoding="utf-8") == text.replace("Vladimir Poutine in Kiev.", "Vladimir Putin in Kyiv.")


def test_xliff_target_is_fixed(cli, tmp_path):
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2"><file source-language="fr" target-language="en" original="a"><body>\n'
        '<trans-unit id="1"><source>Vladimir Poutine à Kiev</source><target>Vladimir Poutine in Kiev</target></trans-unit>\n'
        "</body></file></xliff>\n"
    )
    path = write(tmp_path, "a.xlf", text)
    run(cli, tmp_path, "--fix", "a.xlf")
    assert path.read_text(encoding="utf-8") == text.replace(
        "<target>Vladimir Poutine in Kiev</target>", "<target>Vladimir Putin in Kyiv</target>")


def test_an_unwritable_folder_is_an_error_line(cli, tmp_path, monkeypatch):
    import tempfile

    path = write(tmp_path, "a.txt", "Vladimir Poutine in Kiev.\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run(cli, tmp_path, "--fix", "a.txt")
    assert result.code == 2 and "a.txt: cannot write the fixed file: Permission denied" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == "Vladimir Poutine in Kiev.\n"


def test_diff_outputs_report_the_files_as_they_are(cli, tmp_path):
    write(tmp_path, "a.txt", TEXT)
    result = run(cli, tmp_path, "--diff", "-o", "json=out.json", "a.txt")
    assert result.code == 1
    rules = [f["rule"] for f in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["findings"]]
    assert sorted(rules) == ["deprecated-form", "name-typo", "repeated-word", "source-form", "source-form"]


def test_fix_with_a_reference_rescores_the_fixed_text(cli, tmp_path):
    write(tmp_path, "a.txt", "Vladimir Poutine met the press in Kiev.\n")
    write(tmp_path, "ref.txt", "Vladimir Putin met reporters in Kyiv.\n")
    before = json.loads(run(cli, tmp_path, "--reference", "ref.txt", "-f", "json", "a.txt").stdout)
    after = json.loads(run(cli, tmp_path, "--reference", "ref.txt", "--fix", "-f", "json", "a.txt").stdout)
    assert after["findings"] == []
    assert after["documents"][0]["scores"]["bleu"] > before["documents"][0]["scores"]["bleu"]
    assert after["summary"]["scores"]["bleu"] == after["documents"][0]["scores"]["bleu"]
