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


def default_file_mode() -> int:
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
        mode = default_file_mode()
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
                  prune: Optional[str] = None, mapped: bool = False) -> Any:
    """Load `name` from the cache (or `directory`), or build it and try to store it; after a
    build, remove the stale files matching the glob `prune` (see prune_cache). `mapped`: store
    with `dump_mapped` and load with `load_mapped` (for values with large buffers)."""
    directory = directory or cache_dir()
    path = directory / name if directory else None
    if path is not None and path.is_file():
        try:
            if mapped:
                return load_mapped(path)
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except Exception:  # a corrupt or foreign cache file is rebuilt, never trusted
            pass
    value = build()
    if path is not None:
        try:
            atomic_write_bytes(path, dump_mapped(value) if mapped else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass
        if prune is not None:
            prune_cache(directory, prune, keep=path)
    return value


# A mapped cache file: MAGIC, the buffer count n and the pickle's length (8-byte little-endian
# each), n (offset, length) pairs, the pickle, then the buffers, each at an offset divisible by 8.
MAPPED_MAGIC = b"tqcmap1\n"
_WORD = 8


def dump_mapped(value: Any) -> bytes:
    """`value` as a mapped cache file: pickled (protocol 5) with its large buffers (what its
    `__reduce_ex__` gives as `pickle.PickleBuffer`) out of band, after the pickle."""
    buffers: list = []
    payload = pickle.dumps(value, protocol=5, buffer_callback=buffers.append)
    raws = [b.raw() for b in buffers]
    offset = _aligned(len(MAPPED_MAGIC) + 2 * _WORD + 2 * _WORD * len(raws) + len(payload))
    table, parts = [], []
    for raw in raws:
        table.append((offset, raw.nbytes))
        offset = _aligned(offset + raw.nbytes)
    head = [MAPPED_MAGIC, _u64(len(raws)), _u64(len(payload))] + [_u64(a) + _u64(n) for a, n in table] + [payload]
    size = sum(map(len, head))
    for (start, _), raw in zip(table, raws):
        parts += [bytes(start - size), raw]
        size = start + raw.nbytes
    return b"".join(head + parts)


class MappedFile:
    """The open file a loaded value's buffers are mapped from (see `load_mapped`)."""

    def __init__(self, handle, spans: dict) -> None:
        self._handle, self._spans = handle, spans  # id(buffer view) -> (offset, length)

    def copy(self, view) -> bytes:
        """One of the buffers as `bytes` (for a library that takes nothing else), read from the
        file with os.pread, which does not hold the GIL (a copy of the view would, for its whole
        length: 0.05-0.1 s for 100 MB, while the main thread waits)."""
        span = self._spans.get(id(view))
        if span is None or not hasattr(os, "pread"):
            return bytes(view)
        data = os.pread(self._handle.fileno(), span[1], span[0])
        if len(data) != span[1]:
            raise ValueError("cache file truncated")
        return data


def load_mapped(path: Path) -> Any:
    """A value written by `dump_mapped`, its buffers read-only memoryviews of the file mapped into
    memory: nothing is copied, and a page is read only when touched. A value with a
    `_mapped_from(MappedFile)` method is given the open file. Raises ValueError (or OSError) for
    a file that is not whole."""
    import mmap

    handle = open(path, "rb")
    try:
        view = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
        if view[:len(MAPPED_MAGIC)] != MAPPED_MAGIC:
            raise ValueError(f"{path}: not a mapped cache file")
        pos = len(MAPPED_MAGIC)
        count, length = _read_u64(view, pos), _read_u64(view, pos + _WORD)
        pos += 2 * _WORD
        buffers, spans = [], {}
        for _ in range(count):
            start, size = _read_u64(view, pos), _read_u64(view, pos + _WORD)
            if start + size > len(view):
                raise ValueError(f"{path}: truncated")
            buffers.append(view[start:start + size])
            spans[id(buffers[-1])] = (start, size)
            pos += 2 * _WORD
        if pos + length > len(view):
            raise ValueError(f"{path}: truncated")
        value = pickle.loads(view[pos:pos + length], buffers=buffers)
    except BaseException:
        handle.close()
        raise
    hook = getattr(value, "_mapped_from", None)
    if hook is not None:
        hook(MappedFile(handle, spans))  # the value keeps the file open
    else:
        handle.close()  # the mapping stays valid without it
    return value


def _aligned(offset: int) -> int:
    return -(-offset // _WORD) * _WORD


def _u64(n: int) -> bytes:
    return n.to_bytes(_WORD, "little")


def _read_u64(view: memoryview, pos: int) -> int:
    if pos + _WORD > len(view):
        raise ValueError("truncated")
    return int.from_bytes(view[pos:pos + _WORD], "little")


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
