"""The cache folder: compiled glossaries a run no longer uses are removed after STALE_DAYS; the one
just built, and recent ones, stay."""
from __future__ import annotations

import os
import time

from tqcheck.cache import STALE_DAYS, cached_pickle, prune_cache


def _aged(path, days):
    path.write_bytes(b"x")
    then = time.time() - days * 86400
    os.utime(path, (then, then))
    return path


def test_stale_compiled_glossaries_are_removed(tmp_path):
    old = _aged(tmp_path / "glossary-old.pickle", STALE_DAYS + 5)
    recent = _aged(tmp_path / "glossary-recent.pickle", STALE_DAYS - 5)
    other = _aged(tmp_path / "lexicon-en.sqlite", STALE_DAYS + 5)
    keep = _aged(tmp_path / "glossary-new.pickle", STALE_DAYS + 5)
    prune_cache(tmp_path, "glossary-*.pickle", keep=keep)
    assert not old.exists()
    assert recent.exists() and other.exists() and keep.exists()


def test_a_build_prunes_and_a_load_does_not(tmp_path):
    old = _aged(tmp_path / "glossary-old.pickle", STALE_DAYS + 5)
    assert cached_pickle("glossary-new.pickle", lambda: {"a": 1}, tmp_path, prune="glossary-*.pickle") == {"a": 1}
    assert not old.exists() and (tmp_path / "glossary-new.pickle").exists()
    old = _aged(tmp_path / "glossary-old2.pickle", STALE_DAYS + 5)
    assert cached_pickle("glossary-new.pickle", lambda: {"b": 2}, tmp_path, prune="glossary-*.pickle") == {"a": 1}
    assert old.exists()  # a cache hit builds nothing and removes nothing
