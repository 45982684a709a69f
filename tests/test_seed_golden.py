"""Golden outputs for the seed article (seeds/, fr → en) with the SHIPPED glossaries.

What an editor wants flagged there (seeds/README.md): "Vladimir Poutine" (French form of Putin),
"Kiev" (Kyiv), "CIA boss Williams Burns" (William Burns); and the correctly written names that must
not be flagged: Li Shangfu, Sergei Shoigu, Xi Jinping, Alexander Gabuev, Julian Colling, Foreign
Affairs, S-500. The golden files pin the whole output byte for byte; regenerate them after an
intended change with TQCHECK_UPDATE_GOLDEN=1 and review the diff.
"""
from __future__ import annotations

import os
import re

import pytest

from conftest import ROOT, SEED, TESTS

GOLDEN = TESTS / "golden"
ARGS = ["check", "--isolated", "--src", "fr", "--tgt", "en", "--no-color"]


def _run(cli, *extra):
    return cli(*ARGS, *extra, "seeds/000_d179e931f6170d12.txt", cwd=ROOT)


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("TQCHECK_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}; run with TQCHECK_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


def test_seed_text_output_is_golden(cli):
    result = _run(cli)
    assert result.code == 1
    _compare("seed.txt", result.stdout)


def test_seed_json_output_is_golden(cli):
    result = _run(cli, "--format", "json")
    assert result.code == 1
    _compare("seed.json", re.sub(r'"version": "[^"]+"', '"version": "X"', result.stdout))


def test_seed_flags_what_an_editor_wants(cli):
    data = _run(cli, "--format", "json").json
    found = {(f["rule"], f["text"], tuple(f["suggestions"])) for f in data["findings"]}
    assert ("source-form", "Vladimir Poutine", ("Vladimir Putin",)) in found
    assert ("deprecated-form", "Kiev", ("Kyiv",)) in found
    assert ("name-typo", "Williams Burns", ("William Burns",)) in found
    text = SEED.read_text(encoding="utf-8")
    for f in data["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]


@pytest.mark.parametrize("name", [
    "Li Shangfu", "Sergei Shoigu", "Xi Jinping", "Alexander Gabuev", "Julian Colling",
    "Foreign Affairs", "S-500", "Vladimir Putin", "Moscow", "Beijing",
])
def test_seed_spares_correct_names(cli, name):
    data = _run(cli, "--format", "json").json
    text = SEED.read_text(encoding="utf-8")
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
    assert spans, name
    for f in data["findings"]:
        for s, e in spans:
            assert not (f["start"] < e and s < f["end"]), (name, f)
