"""Work started early on other threads gives exactly what the same work done in turn gives.

- The engine starts the glossary scan of a long text on another thread while it counts the words:
  findings and word counts are the same as when the scan runs when a check first asks for it, and
  a scan that fails becomes the same internal-error findings.
- A Checker starts loading the cached automaton on another thread: a scan waits for it, and an
  automaton that does not load is reported by the scan that needs it, not by the loading thread.
"""
from __future__ import annotations

import threading

import pytest

from tqcheck import engine
from tqcheck.cache import dump_mapped, load_mapped
from tqcheck.document import Document

TEXT = (
    "Vladimir Poutine met officials in Kiev on Tuesday. Later, in Kyiv, the CIA boss Williams Burns said "
    "that the the talks were over. Le gouvernement français a refusé de commenter cette décision hier soir.\n"
) * 40


def _check(checker, early: bool, monkeypatch):
    monkeypatch.setattr(engine, "EARLY_SCAN_CHARS", 1 if early else 10**12)
    return checker.check_document(Document(text=TEXT, path="t.txt"))


def _summary(result):
    return [(f.rule, f.start, f.end, f.message, f.suggestions) for f in result.findings], result.words


def test_an_early_scan_finds_what_a_scan_on_demand_finds(make_checker, monkeypatch):
    checker = make_checker("fr", "en")
    later, early = _check(checker, False, monkeypatch), _check(checker, True, monkeypatch)
    assert _summary(early) == _summary(later)
    assert {"source-form", "deprecated-form", "repeated-word"} <= {f.rule for f in early.findings}
    assert early.words == len(TEXT.split())


def test_an_early_scan_that_fails_becomes_the_same_findings(make_checker, monkeypatch):
    checker = make_checker("fr", "en")

    def broken(*args, **kwargs):
        raise RuntimeError("scan broke")

    monkeypatch.setattr(type(checker.index), "scan_bytes", broken)
    later, early = _check(checker, False, monkeypatch), _check(checker, True, monkeypatch)
    assert _summary(early) == _summary(later)
    (crash,) = [f for f in early.findings if f.rule == "internal-error"]  # one per place, see Checker._filter
    assert "RuntimeError: scan broke" in crash.message
    assert "repeated-word" in {f.rule for f in early.findings}  # the other checks still ran


def test_an_early_scan_is_not_started_when_no_check_reads_names(make_checker, monkeypatch):
    checker = make_checker("fr", "en", select=["repeated-word"])
    started = []
    monkeypatch.setattr("tqcheck.context.Context.start_name_scan", lambda self: started.append(1))
    assert _check(checker, True, monkeypatch).findings and not started


def _cached(index, tmp_path):
    path = tmp_path / "index"
    path.write_bytes(dump_mapped(index))
    return load_mapped(path)


def test_a_scan_waits_for_the_automaton_loading_on_another_thread(mini_index, tmp_path):
    index = _cached(mini_index, tmp_path)
    index.preload()
    assert [m.form for m in index.scan("Poutine in Kiev")] == ["Poutine", "Kiev"]
    assert index._automaton is not None and index._automaton_data is None


def test_an_automaton_that_does_not_load_fails_the_scan_not_the_thread(mini_index, tmp_path, monkeypatch):
    index = _cached(mini_index, tmp_path)
    index._automaton_data = memoryview(b"\x00garbage")
    thread_errors = []
    monkeypatch.setattr(threading, "excepthook", thread_errors.append)
    index.preload()
    with pytest.raises(Exception):
        index.scan("Poutine in Kiev")
    for thread in threading.enumerate():
        if thread.name == "tqcheck-automaton":
            thread.join()
    assert not thread_errors
