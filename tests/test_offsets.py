"""Offsets, for every input format: each finding's text is exactly document_text[start:end], and its
line/column point at it in the file (for JSONL: offsets into `target`, line = the record's line).

Each format is checked twice: through the readers and the engine (Finding objects), and through the
command line with --format json (what a CI annotation or an editor receives). What is not prose
(front matter, code, link targets, comments, script/style, URLs) must not be reported.
"""
from __future__ import annotations

import json

from conftest import MINI_ARGS, SEED, assert_placed, assert_record_placed, jsonl_record_lines, position

SELECT = ["--select", "source-form,deprecated-form,name-typo,repeated-word,untranslated"]


def check_file(make_checker, text, fmt, src="fr", tgt="en", path=None):
    from tqcheck.readers import parse

    docs, errors = parse(text, path or f"doc.{fmt}", fmt)
    assert not errors
    checker = make_checker(src, tgt, select=["source-form", "deprecated-form", "name-typo", "repeated-word", "untranslated"])
    return [(doc, checker.check_document(doc)) for doc in docs]


def summary(findings):
    return sorted((f.rule, f.line, f.text) for f in findings)


def cli_findings(cli, path, *extra, src="fr", tgt="en"):
    result = cli("check", path, "--src", src, "--tgt", tgt, "--format", "json", "--isolated", *MINI_ARGS, *SELECT, *extra)
    assert result.code in (0, 1), result.stderr
    return result.json["findings"]


# -- plain text ---------------------------------------------------------------------------------

def test_plain_text_seed(make_checker, cli):
    text = SEED.read_text(encoding="utf-8")
    [(doc, result)] = check_file(make_checker, text, "text")
    for f in result.findings:
        assert_placed(f, text)
    found = summary(result.findings)
    assert ("source-form", 41, "Vladimir Poutine") in found
    assert ("deprecated-form", 27, "Kiev") in found
    assert ("name-typo", 27, "Williams Burns") in found
    records = cli_findings(cli, SEED)
    assert {(r["rule"], r["line"], r["text"]) for r in records} >= {
        ("source-form", 41, "Vladimir Poutine"), ("deprecated-form", 27, "Kiev"), ("name-typo", 27, "Williams Burns"),
    }
    for record in records:
        assert record["path"] == str(SEED)
        assert_record_placed(record, text)


def test_plain_text_bom_crlf_and_wide_characters(tmp_path, make_checker, cli):
    # The BOM is not part of the text; CRLF ends lines; characters outside the BMP count as one.
    body = "Emoji 🇺🇦🙂 first.\r\nThen Kiev said \U0001F600 \u2014 to Vladimir Poutine.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    records = cli_findings(cli, path)
    assert {(r["rule"], r["line"], r["column"], r["text"]) for r in records} == {
        ("deprecated-form", 2, 6, "Kiev"), ("source-form", 2, 23, "Vladimir Poutine"),
    }
    for record in records:
        assert_record_placed(record, body)


def test_plain_text_utf16(tmp_path, cli):
    body = "Line one.\nKiev said so.\n"
    path = tmp_path / "utf16.txt"
    path.write_bytes(body.encode("utf-16"))  # with a BOM
    records = cli_findings(cli, path)
    assert [(r["rule"], r["line"], r["column"], r["text"]) for r in records] == [("deprecated-form", 2, 1, "Kiev")]


# -- Markdown -----------------------------------------------------------------------------------

MARKDOWN = """\
---
title: Talks in Kiev
author: Vladimir Poutine
---

# Talks in Kiev

Vladimir Poutine met the delegation. See [the report](https://example.com/Kiev/Poutine "Kiev") and [Kiev talks][ref].

```text
Kiev Poutine the the
```

    Kiev in an indented code block, the the

<!-- Kiev in a comment, Vladimir Poutine -->
Inline `Kiev` code, an autolink <https://kiev.example/Kiev> and a bare https://example.org/Kiev link.
Mail desk.Kiev@example.com or follow #Kiev.

[ref]: https://example.com/Kiev "Kiev"

~~~
Kiev in a tilde fence
~~~

Last line: Sergueï Choïgou in Kiev’s centre.
"""
MARKDOWN_EXPECTED = [
    ("deprecated-form", 6, "Kiev"),
    ("deprecated-form", 8, "Kiev"),
    ("deprecated-form", 26, "Kiev"),
    ("source-form", 8, "Vladimir Poutine"),
    ("source-form", 26, "Sergueï Choïgou"),
]


def test_markdown_offsets_and_hidden_parts(make_checker):
    [(doc, result)] = check_file(make_checker, MARKDOWN, "markdown")
    for f in result.findings:
        assert_placed(f, MARKDOWN)
    assert summary(result.findings) == sorted(MARKDOWN_EXPECTED)
    link_text = [f for f in result.findings if f.line == 8 and f.rule == "deprecated-form"][0]
    assert MARKDOWN[link_text.start - 1] == "["  # the link text, not the target


def test_markdown_via_cli(tmp_path, cli):
    path = tmp_path / "article.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    records = cli_findings(cli, path)
    assert sorted((r["rule"], r["line"], r["text"]) for r in records) == sorted(MARKDOWN_EXPECTED)
    for record in records:
        assert_record_placed(record, MARKDOWN)


# -- HTML ---------------------------------------------------------------------------------------

HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
<title>Talks</title>
<style>.Kiev { color: red } /* Vladimir Poutine */</style>
<script>var city = "Kiev"; // Vladimir Poutine</script>
</head>
<body>
<h1>Talks in Kiev</h1>
<p>Sergue&iuml; Cho&iuml;gou met the press in Mosc&uacute; on Monday &amp; Tuesday.</p>
<p>Ki<b>ev</b>&#8217;s officials met Vladimir&nbsp;Poutine.</p>
<p lang="fr">Le ministre chinois est arrivé dimanche pour une visite officielle de trois jours.</p>
<p>See <a href="https://example.com/Kiev" title="Kiev">the report</a>.</p>
<!-- Kiev in a comment -->
<pre>Kiev Poutine</pre>
<p>Inline <code>Kiev</code> code.</p>
<script type="text/javascript">
document.write("Kiev");
</script>
<p>Vladimir Poutine left <em>Ki</em>ev &mdash; at&nbsp;last.</p>
</body>
</html>
"""
HTML_EXPECTED = [
    ("deprecated-form", 9, "Kiev"),
    ("source-form", 10, "Sergue&iuml; Cho&iuml;gou"),
    ("source-form", 10, "Mosc&uacute;"),
    ("deprecated-form", 11, "Ki<b>ev"),
    ("source-form", 11, "Vladimir&nbsp;Poutine"),
    ("source-form", 20, "Vladimir Poutine"),
    ("deprecated-form", 20, "Ki</em>ev"),
]


def test_html_offsets_entities_tags_and_hidden_parts(make_checker):
    [(doc, result)] = check_file(make_checker, HTML, "html")
    for f in result.findings:
        assert_placed(f, HTML)
    assert summary(result.findings) == sorted(HTML_EXPECTED)
    shoigu = [f for f in result.findings if f.text.startswith("Sergue")][0]
    assert shoigu.suggestions == ("Sergei Shoigu",)


def test_html_via_cli(tmp_path, cli):
    path = tmp_path / "article.html"
    path.write_text(HTML, encoding="utf-8")
    records = cli_findings(cli, path)
    assert sorted((r["rule"], r["line"], r["text"]) for r in records) == sorted(HTML_EXPECTED)
    for record in records:
        assert_record_placed(record, HTML)


def test_html_lang_attribute_marks_foreign_text(make_checker):
    french = "Le ministre chinois est arrivé dimanche pour une visite officielle de trois jours."
    declared = f"<p>The minister read it out.</p>\n<blockquote lang=\"fr-FR\"><p>{french}</p></blockquote>\n"
    undeclared = f"<p>The minister read it out.</p>\n<blockquote><p>{french}</p></blockquote>\n"
    [(_, result)] = check_file(make_checker, declared, "html")
    assert not [f for f in result.findings if f.rule == "untranslated"]
    [(_, result)] = check_file(make_checker, undeclared, "html")
    flagged = [f for f in result.findings if f.rule == "untranslated"]
    assert [(f.text, f.line) for f in flagged] == [(french, 2)]
    assert_placed(flagged[0], undeclared)


def test_html_lang_names_the_target_language(tmp_path, cli):
    path = tmp_path / "page.html"
    path.write_text('<html lang="de"><body><p>Der Minister ist am Sonntag in Moskau eingetroffen.</p></body></html>',
                    encoding="utf-8")
    result = cli("check", path, "--isolated", *MINI_ARGS, "--format", "json")
    [document] = result.json["documents"]
    assert document["tgt_lang"] == "de"
    assert document["tgt_lang_detected"] is False


# -- JSONL --------------------------------------------------------------------------------------

JSONL = (
    '{"id": "a", "target": "Vladimir Poutine met the press in Kiev.", "src_lang": "fr", "tgt_lang": "en"}\n'
    "\n"
    '{"id": "b", "target": "First line.\\nSecond line: Kiev said the the minister left."}\n'
    '{"target": "Ivan said: Poutine à Moscou.", "source": "Ivan a dit : Poutine à Moscou."}\n'
    '{"id": 7, "target": "Nothing to report here."}\n'
)


def test_jsonl_offsets_are_into_target_and_lines_are_record_lines(make_checker):
    results = check_file(make_checker, JSONL, "jsonl")
    assert [doc.doc_id for doc, _ in results] == ["a", "b", "line-4", "7"]
    lines = jsonl_record_lines(JSONL)
    found = []
    for doc, result in results:
        for f in result.findings:
            assert_placed(f, doc.text, record_line=lines[doc.doc_id])
            found.append((doc.doc_id, f.rule, f.line, f.column, f.text))
    assert sorted(found) == sorted([
        ("a", "source-form", 1, 1, "Vladimir Poutine"),
        ("a", "deprecated-form", 1, 35, "Kiev"),
        ("b", "deprecated-form", 3, 26, "Kiev"),
        ("b", "repeated-word", 3, 36, "the the"),
        ("line-4", "source-form", 4, 12, "Poutine"),
        ("line-4", "source-form", 4, 22, "Moscou"),
    ])


def test_jsonl_via_cli(tmp_path, cli):
    path = tmp_path / "batch.jsonl"
    path.write_text(JSONL, encoding="utf-8")
    records = cli_findings(cli, path)
    targets = {}
    for n, line in enumerate(JSONL.splitlines(), start=1):
        if line.strip():
            targets[n] = json.loads(line)["target"]
    assert {(r["doc_id"], r["line"], r["text"]) for r in records} == {
        ("a", 1, "Vladimir Poutine"), ("a", 1, "Kiev"), ("b", 3, "Kiev"), ("b", 3, "the the"),
        ("line-4", 4, "Poutine"), ("line-4", 4, "Moscou"),
    }
    for r in records:
        target = targets[r["line"]]
        assert target[r["start"]:r["end"]] == r["text"]
        assert r["column"] == r["start"] + 1 and r["end_column"] == r["end"] + 1
        assert r["end_line"] == r["line"]


# -- standard input -----------------------------------------------------------------------------

def test_stdin_plain_text(cli):
    data = SEED.read_bytes()
    text = data.decode("utf-8")
    result = cli("check", "-", "--src", "fr", "--tgt", "en", "--format", "json", "--isolated", *MINI_ARGS, *SELECT,
                 stdin=data)
    assert result.code == 1, result.stderr
    records = result.json["findings"]
    assert {(r["rule"], r["line"], r["text"]) for r in records} >= {
        ("source-form", 41, "Vladimir Poutine"), ("deprecated-form", 27, "Kiev"), ("name-typo", 27, "Williams Burns"),
    }
    for record in records:
        assert record["path"] == "<stdin>"
        assert_record_placed(record, text)


def test_stdin_markdown(cli):
    result = cli("check", "-", "--input-format", "markdown", "--src", "fr", "--tgt", "en", "--format", "json",
                 "--isolated", *MINI_ARGS, *SELECT, stdin=MARKDOWN.encode("utf-8"))
    records = result.json["findings"]
    assert sorted((r["rule"], r["line"], r["text"]) for r in records) == sorted(MARKDOWN_EXPECTED)
    for record in records:
        assert_record_placed(record, MARKDOWN)


def test_position_helper_is_one_based():
    # The reference the other tests compare against.
    assert position("ab\ncd", 0) == (1, 1)
    assert position("ab\ncd", 3) == (2, 1)
    assert position("ab\ncd", 5) == (2, 3)


def test_plain_text_keeps_the_bytes_it_was_read_from_only_when_they_are_its_utf8():
    """The glossary scan runs on the view's UTF-8: a plain-text reader hands over the file's bytes
    (without a BOM) instead of encoding the text again; for UTF-16 they are encoded anew."""
    from tqcheck.readers import decode, parse, utf8_of

    text = "Vladimir Poutine à Kiev\r\nKyiv ’ 東京\n"
    for data in (text.encode(), b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16")):
        (doc,), _ = parse(decode(data, "t.txt"), "t.txt", "text", utf8=utf8_of(data))
        assert doc.text == text and doc.view.utf8 == text.encode()
    assert utf8_of(text.encode("utf-16")) is None
