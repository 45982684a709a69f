"""The cache folder: compiled glossaries a run no longer uses are removed after STALE_DAYS; the one
just built, and recent ones, stay. The mapped format gives back what was stored, and a damaged
file is rebuilt, never trusted."""
from __future__ import annotations

import os
import pickle
import time

import pytest

from tqcheck.cache import STALE_DAYS, cached_pickle, dump_mapped, load_mapped, prune_cache


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


# -- the mapped format: large buffers after the pickle, mapped back -------------------------------

def test_a_mapped_file_gives_back_the_value_and_views_of_its_buffers(tmp_path):
    value = {"small": [1, "two"], "big": pickle.PickleBuffer(b"x" * 1000), "odd": pickle.PickleBuffer(b"abc")}
    path = tmp_path / "value.index"
    path.write_bytes(dump_mapped(value))
    loaded = load_mapped(path)
    assert loaded["small"] == [1, "two"]
    assert bytes(loaded["big"]) == b"x" * 1000 and bytes(loaded["odd"]) == b"abc"
    assert isinstance(loaded["big"], memoryview) and loaded["big"].readonly  # not copied
    data = path.read_bytes()
    assert data.find(b"x" * 1000) % 8 == 0 and data.find(b"abc") % 8 == 0  # buffers are aligned


class Holder:
    """A value with a large buffer that wants the file it is mapped from."""

    def __init__(self, data):
        self.data, self.mapped = data, None

    def __reduce_ex__(self, protocol):
        return Holder, (pickle.PickleBuffer(self.data),)

    def _mapped_from(self, mapped):
        self.mapped = mapped


def test_a_mapped_value_can_read_a_buffer_from_the_file(tmp_path):
    path = tmp_path / "holder.index"
    path.write_bytes(dump_mapped(Holder(b"0123456789" * 100)))
    loaded = load_mapped(path)
    copied = loaded.mapped.copy(loaded.data)
    assert type(copied) is bytes and copied == b"0123456789" * 100
    assert loaded.mapped.copy(memoryview(b"other")) == b"other"  # not one of the file's buffers


@pytest.mark.parametrize("damage", ["truncated", "foreign", "empty"])
def test_a_damaged_mapped_file_is_rebuilt(tmp_path, damage):
    path = tmp_path / "glossary-x.index"
    good = dump_mapped({"big": pickle.PickleBuffer(b"y" * 100)})
    path.write_bytes({"truncated": good[:-50], "foreign": b"not a cache file at all", "empty": b""}[damage])
    built = []

    def build():
        built.append(1)
        return {"big": pickle.PickleBuffer(b"z" * 100)}

    value = cached_pickle("glossary-x.index", build, tmp_path, mapped=True)
    assert built and bytes(value["big"]) == b"z" * 100
    assert bytes(load_mapped(path)["big"]) == b"z" * 100  # and written again, whole
