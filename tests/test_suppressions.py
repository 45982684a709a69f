"""Living with findings that are right to be there: inline comments in Markdown and HTML
(`ignore`, `ignore[rule]`, `off`/`on`), the JSONL `ignore` field, the config `accept` list, and
quotations, where deprecated-form is not flagged by default (historical quotes keep "Kiev").
"""
from __future__ import annotations

import json

import pytest

from conftest import MINI_ARGS


def findings(cli, tmp_path, name, text, *args, config=None):
    (tmp_path / name).write_text(text, encoding="utf-8")
    base = ["check", "--src", "fr", "--tgt", "en", *MINI_ARGS, "-f", "json"]
    if config is not None:
        (tmp_path / "tqcheck.toml").write_text(config, encoding="utf-8")
    else:
        base.append("--isolated")
    result = cli(*base, *args, name, cwd=tmp_path)
    assert result.code in (0, 1), result.stderr
    return [(f["rule"], f["text"], f["line"]) for f in json.loads(result.stdout)["findings"]]


# -- Markdown -----------------------------------------------------------------------------------

def test_markdown_ignore_applies_to_the_next_block(cli, tmp_path):
    text = (
        "<!-- tqcheck: ignore -->\n"
        "Vladimir Poutine in Kiev,\n"
        "still the same paragraph: Kiev.\n"
        "\n"
        "Next paragraph: Kiev.\n"
    )
    assert findings(cli, tmp_path, "a.md", text) == [("deprecated-form", "Kiev", 5)]


def test_markdown_ignore_names_rules(cli, tmp_path):
    text = "<!-- tqcheck: ignore[deprecated-form] -->\nVladimir Poutine in Kiev.\n"
    assert findings(cli, tmp_path, "a.md", text) == [("source-form", "Vladimir Poutine", 2)]
    text = "<!-- tqcheck: ignore[deprecated-form, source-form] -->\nVladimir Poutine in Kiev.\n"
    assert findings(cli, tmp_path, "a.md", text) == []


def test_markdown_trailing_comment_applies_to_its_line(cli, tmp_path):
    text = "Kiev, 1986. <!-- tqcheck: ignore -->\nKiev again.\n"
    assert findings(cli, tmp_path, "a.md", text) == [("deprecated-form", "Kiev", 2)]


def test_markdown_off_on_region(cli, tmp_path):
    text = (
        "Kiev before.\n\n"
        "<!-- tqcheck: off -->\n"
        "Kiev inside.\n\n"
        "Vladimir Poutine inside.\n"
        "<!-- tqcheck: on -->\n\n"
        "Kiev after.\n"
    )
    assert findings(cli, tmp_path, "a.md", text) == [("deprecated-form", "Kiev", 1), ("deprecated-form", "Kiev", 9)]


def test_markdown_off_with_rules_and_unclosed_region(cli, tmp_path):
    text = "Kiev before.\n\n<!-- tqcheck: off[deprecated-form] -->\nKiev and Vladimir Poutine to the end.\n"
    assert findings(cli, tmp_path, "a.md", text) == [
        ("deprecated-form", "Kiev", 1), ("source-form", "Vladimir Poutine", 4),
    ]


def test_a_comment_that_is_not_a_directive_suppresses_nothing(cli, tmp_path):
    text = "<!-- tqcheck: please ignore -->\nKiev.\n"
    assert findings(cli, tmp_path, "a.md", text) == [("deprecated-form", "Kiev", 2)]


# -- HTML ---------------------------------------------------------------------------------------

def test_html_ignore_off_on(cli, tmp_path):
    text = (
        "<html><body>\n"
        "<p>Kiev first.</p>\n"
        "<!-- tqcheck: ignore[source-form] -->\n"
        "<p>Vladimir Poutine in Kiev.</p>\n"
        "\n"
        "<!-- tqcheck: off -->\n"
        "<p>Kiev in an archive box.</p>\n"
        "<!-- tqcheck: on -->\n"
        "<p>Kiev last. <!-- tqcheck: ignore --></p>\n"
        "<p>Vladimir Poutine at the end.</p>\n"
        "</body></html>\n"
    )
    assert findings(cli, tmp_path, "a.html", text) == [
        ("deprecated-form", "Kiev", 2),
        ("deprecated-form", "Kiev", 4),
        ("source-form", "Vladimir Poutine", 10),
    ]


def test_html_ignore_applies_to_the_next_element_only(cli, tmp_path):
    text = (
        "<body>\n<!-- tqcheck: ignore -->\n<p>Kiev in the archive.</p>\n<p>Kiev today.</p>\n</body>\n"
    )
    assert findings(cli, tmp_path, "a.html", text) == [("deprecated-form", "Kiev", 4)]


# -- JSONL --------------------------------------------------------------------------------------

def test_jsonl_ignore_field(cli, tmp_path):
    lines = [
        {"id": "all", "target": "Vladimir Poutine in Kiev.", "ignore": True},
        {"id": "some", "target": "Vladimir Poutine in Kiev.", "ignore": ["deprecated-form"]},
        {"id": "none", "target": "Vladimir Poutine in Kiev.", "ignore": False},
        {"id": "default", "target": "Kiev."},
    ]
    text = "".join(json.dumps(line) + "\n" for line in lines)
    assert findings(cli, tmp_path, "a.jsonl", text) == [
        ("source-form", "Vladimir Poutine", 2),
        ("source-form", "Vladimir Poutine", 3), ("deprecated-form", "Kiev", 3),
        ("deprecated-form", "Kiev", 4),
    ]


def test_jsonl_bad_ignore_field_is_a_record_error(cli, tmp_path):
    (tmp_path / "a.jsonl").write_text('{"target": "Kiev.", "ignore": "yes"}\n{"target": "Kiev."}\n', encoding="utf-8")
    result = cli("check", "--isolated", "--tgt", "en", *MINI_ARGS, "a.jsonl", cwd=tmp_path)
    assert result.code == 2
    assert "a.jsonl:1: 'ignore' must be true or a list of rule ids" in result.stderr
    assert "a.jsonl[line-2]:2:1: major deprecated-form" in result.stdout


# -- config accept ------------------------------------------------------------------------------

def test_config_accept_keeps_a_form(cli, tmp_path):
    text = "Kiev and Odessa and Vladimir Poutine.\n"
    assert findings(cli, tmp_path, "a.txt", text, config='accept = ["Kiev", "Vladimir Poutine"]\n') == [
        ("deprecated-form", "Odessa", 1),
    ]


def test_cli_accept(cli, tmp_path):
    assert findings(cli, tmp_path, "a.txt", "Kiev and Odessa.\n", "--accept", "Odessa") == [("deprecated-form", "Kiev", 1)]


# -- quotations ---------------------------------------------------------------------------------

QUOTED = (
    'In 1991 the banner read "Glory to Kiev" and «Kiev will stand», he recalled.\n'
    "Today Kiev is spelled Kyiv.\n"
)


def test_deprecated_form_is_not_flagged_inside_quotations(cli, tmp_path):
    assert findings(cli, tmp_path, "a.txt", QUOTED) == [("deprecated-form", "Kiev", 2)]


def test_source_form_is_flagged_inside_quotations(cli, tmp_path):
    # a French form inside a quotation is still a leftover of the translation
    assert findings(cli, tmp_path, "a.txt", 'He said: "Vladimir Poutine is here."\n') == [
        ("source-form", "Vladimir Poutine", 1),
    ]


def test_a_newsroom_may_flag_quotations_too(cli, tmp_path):
    config = "[rules.deprecated-form]\nin-quotes = true\n"
    assert findings(cli, tmp_path, "a.txt", QUOTED, config=config) == [
        ("deprecated-form", "Kiev", 1), ("deprecated-form", "Kiev", 1), ("deprecated-form", "Kiev", 2),
    ]


def test_fix_leaves_quotations_alone(cli, tmp_path):
    (tmp_path / "a.txt").write_text(QUOTED, encoding="utf-8")
    cli("check", "--isolated", "--src", "fr", "--tgt", "en", *MINI_ARGS, "--fix", "a.txt", cwd=tmp_path)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == QUOTED.replace("Today Kiev", "Today Kyiv")


@pytest.mark.parametrize("name, text", [
    ("a.md", "<!-- tqcheck: ignore -->\nVladimir Poutine in Kiev.\n"),
    ("a.jsonl", '{"target": "Vladimir Poutine in Kiev.", "ignore": true}\n'),
])
def test_fix_leaves_suppressed_findings_alone(cli, tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = cli("check", "--isolated", "--src", "fr", "--tgt", "en", *MINI_ARGS, "--fix", name, cwd=tmp_path)
    assert result.code == 0
    assert (tmp_path / name).read_text(encoding="utf-8") == text
