"""The on-disk cache of compiled resources (glossary indexes, word lexicons).

Compiling the glossaries and reading wordfreq's data takes longer than a pre-publish check may
(< 0.5 s from a cold start), so both are compiled once and kept here. The cache is an optimisation
only: when it cannot be written, everything still works, just slower.
"""
from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path
from typing import Any, Callable, Optional

from .errors import InputError


class FileChanged(InputError):
    """The file on disk is not what tqcheck read: it is not overwritten."""


def cache_dir() -> Optional[Path]:
    """$TQCHECK_CACHE_DIR, else $XDG_CACHE_HOME/tqcheck, else ~/.cache/tqcheck. 'off' disables."""
    explicit = os.environ.get("TQCHECK_CACHE_DIR")
    if explicit:
        return None if explicit.lower() in ("off", "0", "none") else Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tqcheck"


def installed_version(dist: str) -> str:
    """The installed version of distribution `dist` (for cache keys), from its dist-info folder's
    name: importing importlib.metadata, or the package itself, would cost 0.1 s at every start."""
    import importlib.util

    spec = importlib.util.find_spec(dist)
    if spec is not None and spec.origin:
        site = Path(spec.origin).parent.parent
        prefix = f"{dist.replace('-', '_')}-"
        try:
            for entry in os.scandir(site):
                if entry.name.startswith(prefix) and entry.name.endswith(".dist-info"):
                    return entry.name[len(prefix):-len(".dist-info")]
        except OSError:
            pass
    try:  # pragma: no cover - an unusual installation
        from importlib.metadata import version

        return version(dist)
    except Exception:  # pragma: no cover
        return "unknown"


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, data: bytes, expected: Optional[bytes] = None) -> None:
    """Replace `path` with `data` atomically: temporary file in the same folder, fsync, os.replace.

    Keeps the permission bits of an existing file (a new file gets 0666 minus the umask) and writes
    through a symbolic link to its target. With `expected`, the file is replaced only if its bytes
    on disk are still exactly `expected` (checked right before the rename): else FileChanged.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        if expected is not None:
            raise FileChanged("deleted since it was read; not written", str(path)) from None
        mode = _default_mode()
        target.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here, not at start-up: only writes need it

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tqcheck.tmp", dir=str(target.parent))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if expected is not None:
            try:
                current = target.read_bytes()
            except FileNotFoundError:
                current = None
            if current != expected:
                raise FileChanged("changed on disk since tqcheck read it; not overwritten (run again)", str(path))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable; not possible everywhere
        dir_fd = os.open(str(target.parent), os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def atomic_write_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, data)


def cached_pickle(name: str, build: Callable[[], Any], directory: Optional[Path] = None,
                  prune: Optional[str] = None) -> Any:
    """Load `name` from the cache (or `directory`), or build it and try to store it; after a
    build, remove the stale files matching the glob `prune` (see prune_cache)."""
    directory = directory or cache_dir()
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
        if prune is not None:
            prune_cache(directory, prune, keep=path)
    return value


STALE_DAYS = 30  # a compiled glossary not rebuilt or used for this long is removed


def prune_cache(directory: Path, pattern: str, keep: Path, now: Optional[float] = None) -> None:
    """Remove files matching `pattern` (older compiled glossaries: every edit of a glossary makes a
    new one) whose last use is more than STALE_DAYS ago; never `keep`. Best effort."""
    import time

    cutoff = (now if now is not None else time.time()) - STALE_DAYS * 86400
    try:
        for old in directory.glob(pattern):
            if old != keep and max(old.stat().st_mtime, old.stat().st_atime) < cutoff:
                old.unlink()
    except OSError:
        pass
