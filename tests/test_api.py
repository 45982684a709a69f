"""The Python API a CMS uses: check_text, check_batch, a reusable Checker; a crashing check becomes
an internal-error finding and never costs the other checks' findings.
"""
from __future__ import annotations

import dataclasses
import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import MINI, assert_placed

CONFIG = {"default-glossaries": False, "glossaries": [str(MINI)]}
SEED_LIKE = (
    "The Chinese defense minister met Vladimir Putin in Moscow.\n"
    "In recent weeks, Kiev has repeatedly expressed its concern, according to CIA boss Williams Burns.\n"
    "Read on: Vladimir Poutine.\n"
)


def rules_and_texts(findings):
    return [(f.rule, f.text) for f in findings]


def test_check_text():
    import tqcheck

    findings = tqcheck.check_text(SEED_LIKE, src="fr", tgt="en", config=CONFIG)
    assert rules_and_texts(findings) == [
        ("deprecated-form", "Kiev"), ("name-typo", "Williams Burns"), ("source-form", "Vladimir Poutine"),
    ]
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for f in findings:
        assert_placed(f, SEED_LIKE)
        assert isinstance(f.severity, tqcheck.Severity)
    poutine = findings[-1]
    assert poutine.suggestions == ("Vladimir Putin",) and poutine.fixable and poutine.entity == "vladimir-putin"
    assert poutine.as_record()["line"] == 3


def test_check_text_with_the_shipped_glossaries():
    import tqcheck

    findings = tqcheck.check_text("Vladimir Poutine arrived in Kiev.", src="fr", tgt="en")
    assert ("source-form", "Vladimir Poutine") in rules_and_texts(findings)
    assert ("deprecated-form", "Kiev") in rules_and_texts(findings)


def test_check_text_config_selects_rules():
    import tqcheck

    findings = tqcheck.check_text(SEED_LIKE, src="fr", tgt="en", config=dict(CONFIG, select=["deprecated-form"]))
    assert rules_and_texts(findings) == [("deprecated-form", "Kiev")]


def test_check_text_rejects_bad_language_and_bad_config():
    import tqcheck
    from tqcheck.errors import ConfigError, InputError

    with pytest.raises(InputError, match="'xx'"):
        tqcheck.check_text("Kiev.", src="fr", tgt="xx", config=CONFIG)
    with pytest.raises(ConfigError, match="colour"):
        tqcheck.check_text("Kiev.", tgt="en", config=dict(CONFIG, colour=True))


def test_check_batch():
    import tqcheck

    records = [
        {"id": "a1", "target": "Vladimir Poutine met the press.", "src_lang": "fr"},
        {"id": "a2", "target": "Kiev said so.", "src_lang": "uk"},
        {"id": "a3", "target": "Die Regierung hat Moscow besucht.", "src_lang": "en", "tgt_lang": "de"},
        {"id": "a4", "target": "Nothing wrong with this sentence."},
    ]
    report = tqcheck.check_batch(records, src="fr", tgt="en", config=CONFIG)
    assert isinstance(report, tqcheck.Report)
    assert [d.doc_id for d in report.documents] == ["a1", "a2", "a3", "a4"]
    assert [(d.src_lang, d.tgt_lang) for d in report.documents] == [("fr", "en"), ("uk", "en"), ("en", "de"), ("fr", "en")]
    found = {(f.doc_id, f.rule, f.text) for f in report.findings}
    assert found == {("a1", "source-form", "Vladimir Poutine"), ("a2", "deprecated-form", "Kiev"), ("a3", "source-form", "Moscow")}
    moscow = next(f for f in report.findings if f.doc_id == "a3")
    assert moscow.suggestions == ("Moskau",)
    assert report.failed and report.errors == ()
    assert report.summary()["documents"] == 4 and report.summary()["findings"] == 3
    assert [d.passed for d in report.documents] == [False, False, False, True]


def test_check_batch_bad_record_does_not_stop_the_others():
    import tqcheck

    report = tqcheck.check_batch(
        [{"id": "ok", "target": "Kiev said so."}, {"id": "bad"}, {"id": "ok2", "target": "Odessa said so."}],
        tgt="en", config=CONFIG,
    )
    assert [d.doc_id for d in report.documents] == ["ok", "ok2"]
    assert len(report.errors) == 1 and ":2:" in report.errors[0] and "target" in report.errors[0]
    assert rules_and_texts(report.findings) == [("deprecated-form", "Kiev"), ("deprecated-form", "Odessa")]


def test_checker_is_reusable_and_deterministic():
    import tqcheck

    checker = tqcheck.Checker(CONFIG)
    index = checker.index
    first = checker.check(SEED_LIKE, src="fr", tgt="en")
    other = checker.check("Kyiv said so. He met the the minister.", src="uk", tgt="en")
    again = checker.check(SEED_LIKE, src="fr", tgt="en")
    assert checker.index is index  # compiled once
    assert first == again
    assert rules_and_texts(other.findings) == [("repeated-word", "the the")]
    assert ("deprecated-form", "Kiev") not in rules_and_texts(other.findings)
    assert first.words > 0 and first.penalty > 0 and not first.passed
    assert other.tgt_lang == "en" and other.src_lang == "uk"


def test_checker_in_threads():
    import tqcheck

    checker = tqcheck.Checker(CONFIG)
    texts = [SEED_LIKE, "Kiev said so.", "He wroet to the minister.", "Der Minister traf Vladimir Putin."] * 4
    langs = [("fr", "en"), ("uk", "en"), ("fr", "en"), ("en", "de")] * 4
    expected = [checker.check(t, src=s, tgt=g).findings for t, (s, g) in zip(texts, langs)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda item: checker.check(item[0], src=item[1][0], tgt=item[1][1]).findings, zip(texts, langs)))
    assert got == expected


def test_results_are_frozen_and_picklable():
    import tqcheck

    checker = tqcheck.Checker(CONFIG)
    result = checker.check(SEED_LIKE, src="fr", tgt="en")
    finding = result.findings[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.rule = "other"  # type: ignore[misc]
    report = checker.check_documents([])
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(report)) == report


def test_unknown_target_language_is_a_document_error_not_a_crash():
    import tqcheck

    result = tqcheck.Checker(CONFIG).check("12345 67890", src="fr")
    assert result.error and "--tgt" in result.error
    assert not result.passed and result.findings == ()


# -- a crashing check ---------------------------------------------------------------------------

def _crashing(monkeypatch, rule, after_one=False):
    """Replace `rule`'s check by one that raises (after yielding one finding when `after_one`)."""
    from tqcheck.checks import CHECKS
    from tqcheck.checks.base import finding

    def boom(ctx):
        if after_one:
            yield finding(rule, 0, 3, ctx.text, "partial")
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setitem(CHECKS, rule, dataclasses.replace(CHECKS[rule], run=boom))


@pytest.mark.parametrize("after_one", [False, True], ids=["at-once", "mid-way"])
def test_crashing_check_becomes_internal_error(monkeypatch, after_one):
    import tqcheck

    _crashing(monkeypatch, "name-typo", after_one)
    result = tqcheck.Checker(CONFIG).check(SEED_LIKE, src="fr", tgt="en", doc_id="doc-1")
    found = rules_and_texts(result.findings)
    assert ("deprecated-form", "Kiev") in found and ("source-form", "Vladimir Poutine") in found
    assert not [f for f in result.findings if f.rule == "name-typo"]
    [crash] = [f for f in result.findings if f.rule == "internal-error"]
    assert "name-typo" in crash.message and "ZeroDivisionError" in crash.message and "simulated bug" in crash.message
    assert (crash.line, crash.column, crash.start, crash.end, crash.text) == (1, 1, 0, 0, "")
    assert crash.severity == tqcheck.Severity.MAJOR and crash.doc_id == "doc-1"
    assert not result.passed


def test_crash_in_batch_and_cli_keeps_going(monkeypatch, cli, tmp_path):
    import tqcheck
    from conftest import MINI_ARGS

    _crashing(monkeypatch, "deprecated-form")
    report = tqcheck.check_batch([{"target": "Kiev said."}, {"target": "Vladimir Poutine said."}], src="fr", tgt="en",
                                 config=CONFIG)
    assert sorted(f.rule for f in report.findings) == ["internal-error", "internal-error", "source-form"]
    (tmp_path / "a.txt").write_text("Kiev said. Vladimir Poutine said.\n", encoding="utf-8")
    result = cli("check", "--isolated", "--src", "fr", "--tgt", "en", *MINI_ARGS, "a.txt", "--format", "json", cwd=tmp_path)
    assert result.code == 1 and "Traceback" not in result.stderr
    assert sorted(f["rule"] for f in result.json["findings"]) == ["internal-error", "source-form"]


def test_internal_error_severity_is_configurable(monkeypatch):
    import tqcheck

    _crashing(monkeypatch, "word-typo")
    result = tqcheck.Checker(dict(CONFIG, severity={"internal-error": "minor"})).check("Fine text.", src="fr", tgt="en")
    [crash] = result.findings
    assert crash.rule == "internal-error" and crash.severity == tqcheck.Severity.MINOR


def test_warm_cache_reports_what_it_built_and_rejects_bad_codes():
    import tqcheck
    from tqcheck.errors import InputError

    built = tqcheck.warm_cache({"default-glossaries": False}, langs=["en"])
    assert [b.what for b in built][1:] == ["word list en", "language identification profiles"]
    assert built[0].what.startswith("glossaries: 0 entities")
    assert all(b.seconds >= 0 for b in built)
    with pytest.raises(InputError, match="'english' is not an ISO 639-1"):
        tqcheck.warm_cache(langs=["english"])
