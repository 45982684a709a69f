"""The cache, built ahead of the first check, listed and cleared (`tqcheck cache warm|info|clear`).

A first check with an empty cache compiles the glossaries and copies each language's word list
out of wordfreq: about 5 s, which a pre-publish check must not pay at its first request. A
deployment (a container image build, a CI cache step) runs `tqcheck cache warm` once instead.
Everything here is best effort in the same way the cache itself is: nothing is required for a
check to work.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

from .cache import cache_dir
from .config import Config
from .errors import ConfigError

# What tqcheck itself writes into the cache folder: nothing else there is ever listed or removed.
OWN_FILES = ("glossary-*.index", "lexicon-*.sqlite", "lexicon-*.pickle", "lexicon-*.none", "langdetect-*.pickle")


class Built(NamedTuple):
    what: str
    seconds: float


def warm_cache(config: Optional[Config] = None, langs: Optional[Iterable[str]] = None) -> list[Built]:
    """Build what the first check would: the compiled glossaries of `config`, the word lists of
    `langs` (default: every language the glossaries write that wordfreq has a list for) with the
    files a check reads from them, and the language-identification profiles."""
    from . import langid
    from .checks._words import SUGGEST_MIN_ZIPF
    from .engine import glossary_paths
    from .glossary.index import compile_glossaries
    from .lexicon import get_lexicon

    if cache_dir() is None:
        raise ConfigError("the cache is off (TQCHECK_CACHE_DIR=off): there is nothing to warm")
    config = config or Config()
    built = []
    start = time.perf_counter()
    index = compile_glossaries(glossary_paths(config))
    built.append(Built(f"glossaries: {len(index.entities):,} entities, {index.form_count:,} forms", time.perf_counter() - start))
    for lang in sorted(set(langs) if langs is not None else index.languages):
        start = time.perf_counter()
        lexicon = get_lexicon(lang)
        if lexicon is None:
            if langs is not None:
                built.append(Built(f"word list {lang}: wordfreq has none (checks that need one skip it)", time.perf_counter() - start))
            continue
        lexicon.prepare(SUGGEST_MIN_ZIPF)
        built.append(Built(f"word list {lang}", time.perf_counter() - start))
    start = time.perf_counter()
    langid.preload()
    built.append(Built("language identification profiles", time.perf_counter() - start))
    return built


def cache_files(directory: Optional[Path] = None) -> list[Path]:
    """tqcheck's files in the cache folder, by name."""
    directory = directory or cache_dir()
    if directory is None or not directory.is_dir():
        return []
    return sorted({p for pattern in OWN_FILES for p in directory.glob(pattern) if p.is_file()})


def clear_cache(directory: Optional[Path] = None) -> tuple[int, int]:
    """Remove tqcheck's files from the cache folder (never anything else): (files, bytes) removed.
    A check that has one open keeps reading it (POSIX); the next check builds it anew."""
    removed = size = 0
    for path in cache_files(directory):
        try:
            length = path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            continue
        removed += 1
        size += length
    return removed, size
