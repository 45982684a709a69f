"""`tqcheck cache warm|info|clear`: a deployment builds the cache before the first check, sees what
is there, and clears tqcheck's files (and nothing else) from the folder."""
from __future__ import annotations

import os
import stat

from conftest import MINI, SEED, subprocess_cli


def env(folder) -> dict:
    return {"TQCHECK_CACHE_DIR": str(folder)}


def test_warm_builds_what_a_first_check_reads(tmp_path):
    cache = tmp_path / "cache"
    done = subprocess_cli(["cache", "warm", "--isolated", "--lang", "en,fr"], env=env(cache))
    assert done.code == 0, done.stderr
    assert "word list en" in done.stdout and "word list fr" in done.stdout
    assert "glossaries: " in done.stdout and "language identification profiles" in done.stdout
    names = sorted(p.name for p in cache.iterdir())
    assert any(n.startswith("glossary-") and n.endswith(".index") for n in names)
    assert any(n.startswith("lexicon-en-") and n.endswith(".sqlite") for n in names)
    assert any(n.startswith("lexicon-fr-") and n.endswith("-common-300.pickle") for n in names)
    assert any(n.startswith("langdetect-") for n in names)
    # Readable by another user as the umask allows (a cache built at deployment, read by a service).
    expected = 0o666 & ~_umask()
    for path in cache.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == expected, path.name

    # The first check finds everything built: it writes nothing new.
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    check = subprocess_cli(["check", "--isolated", "--src", "fr", "--tgt", "en", str(SEED)], env=env(cache))
    assert check.code == 1, check.stderr  # the seed's findings
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before


def test_default_languages_are_the_glossaries_and_unknown_lists_are_said(tmp_path):
    cache = tmp_path / "cache"
    done = subprocess_cli(["cache", "warm", "--no-default-glossaries", "-g", str(MINI), "--lang", "zu"], env=env(cache))
    assert done.code == 0, done.stderr
    assert "word list zu: wordfreq has none" in done.stdout
    assert "nearest match" not in done.stdout + done.stderr  # wordfreq's English list is not taken for Zulu
    assert not list(cache.glob("lexicon-zu-*.sqlite"))


def test_info_and_clear_touch_only_tqchecks_files(tmp_path):
    cache = tmp_path / "cache"
    assert subprocess_cli(["cache", "warm", "--no-default-glossaries", "-g", str(MINI), "--lang", "en"], env=env(cache)).code == 0
    (cache / "notes.txt").write_text("someone else's file")
    info = subprocess_cli(["cache", "info"], env=env(cache))
    assert info.code == 0
    assert "lexicon-en-" in info.stdout and "notes.txt" not in info.stdout
    cleared = subprocess_cli(["cache", "clear"], env=env(cache))
    assert cleared.code == 0 and "removed" in cleared.stdout
    assert [p.name for p in cache.iterdir()] == ["notes.txt"]
    assert "0 file(s)" in subprocess_cli(["cache", "info"], env=env(cache)).stdout


def test_bad_language_and_cache_off_are_errors(tmp_path):
    bad = subprocess_cli(["cache", "warm", "--lang", "english"], env=env(tmp_path / "c"))
    assert bad.code == 2 and "--lang: 'english' is not an ISO 639-1 language code" in bad.stderr
    off = subprocess_cli(["cache", "warm", "--lang", "en"], env={"TQCHECK_CACHE_DIR": "off"})
    assert off.code == 2 and "the cache is off" in off.stderr
    assert subprocess_cli(["cache", "info"], env={"TQCHECK_CACHE_DIR": "off"}).stdout.startswith("the cache is off")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
