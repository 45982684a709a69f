"""The on-disk cache of compiled resources (glossary indexes, word lexicons).

Compiling the glossaries and reading wordfreq's data takes longer than a pre-publish check may
(< 0.5 s from a cold start), so both are compiled once and kept here. The cache is an optimisation
only: when it cannot be written, everything still works, just slower.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Callable, Optional


def cache_dir() -> Optional[Path]:
    """$TQCHECK_CACHE_DIR, else $XDG_CACHE_HOME/tqcheck, else ~/.cache/tqcheck. 'off' disables."""
    explicit = os.environ.get("TQCHECK_CACHE_DIR")
    if explicit:
        return None if explicit.lower() in ("off", "0", "none") else Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tqcheck"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def cached_pickle(name: str, build: Callable[[], Any]) -> Any:
    """Load `name` from the cache, or build it and try to store it."""
    directory = cache_dir()
    path = directory / name if directory else None
    if path is not None and path.is_file():
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except Exception:  # a corrupt or foreign cache file is rebuilt, never trusted
            pass
    value = build()
    if path is not None:
        try:
            atomic_write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass
    return value
