"""A Checker starts loading the cached automaton on another thread while its caller reads the
input: a scan waits for it, and an automaton that does not load is reported by the scan that
needs it, not by the loading thread."""
from __future__ import annotations

import threading

import pytest

from tqcheck.cache import dump_mapped, load_mapped


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


def test_a_checker_starts_loading_the_automaton(mini_index, tmp_path):
    from conftest import mini_config
    from tqcheck.engine import Checker

    index = _cached(mini_index, tmp_path)
    Checker(mini_config("fr", "en"), index=index)
    loaders = [t for t in threading.enumerate() if t.name == "tqcheck-automaton"]
    for thread in loaders:
        thread.join()
    assert index._automaton is not None  # loaded without a scan asking for it
