"""Start-up stays lean: the pre-publish check (< 0.5 s from a cold start) cannot afford modules a
run does not use. Each heavy module is imported where it is needed, and these tests keep it so."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ["yaml", "tomllib", "multiprocessing", "concurrent.futures", "importlib.metadata", "importlib.resources",
         "wordfreq", "langdetect", "tqcheck.formatters.html", "tqcheck.formatters.sarif", "tqcheck.checks._numbers"]


def imported_after(code: str, cwd) -> set:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_the_cli_imports_nothing_heavy(tmp_path):
    modules = imported_after("import tqcheck.cli", tmp_path)
    assert "typer" in modules  # the probe sees imports at all
    assert not [m for m in HEAVY if m in modules]
    # Loaded by the fuzzy checks when they first need it: a glossary-only run goes without (19 ms).
    assert "rapidfuzz" not in modules
    assert not [m for m in modules if m.startswith("tqcheck.readers.")]  # each format's reader when read


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_check_with_a_warm_cache_imports_nothing_heavy(tmp_path, fmt):
    (tmp_path / "a.txt").write_text("Vladimir Poutine arrived in Kiev on Monday. The the talks went on.\n", encoding="utf-8")
    run = (
        f"import os; os.environ['TQCHECK_CACHE_DIR'] = {str(tmp_path / 'cache')!r}\n"
        "from tqcheck import cli\n"
        "try:\n"
        f"    cli.app(['check', '--src', 'fr', '--tgt', 'en', '--format', {fmt!r}, 'a.txt'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    imported_after(run, tmp_path)  # fills the cache (compiled glossary, word lists)
    modules = imported_after(run, tmp_path)
    assert "tqcheck.checks.untranslated" in modules  # the checks did run
    assert not [m for m in HEAVY if m in modules]
