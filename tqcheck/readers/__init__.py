"""Readers: bytes of one input -> documents with exact offsets. One module per format.

Only the CLI calls `read_input`; everything here is about decoding and dispatch. Every problem
is an InputError naming the file (and line): never a traceback.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from ..document import Document
from ..errors import InputError

# Format -> its reader module, imported when a file of the format is read (the XML readers and
# defusedxml cost 12 ms of every start otherwise).
FORMATS = {"text": "plain", "markdown": "markdown", "html": "html", "xliff": "xliff", "tmx": "tmx"}
# Readers that report bad records and go on: (documents, errors).
RECORD_FORMATS = {"jsonl": "jsonl", "bitext": "bitext"}
EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx", ".tsv": "bitext",
}
DEFAULT_MAX_BYTES = 100 * 1024 * 1024


def format_of(path: str, explicit: str | None = None) -> str:
    if explicit and explicit != "auto":
        return explicit
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is a clear error."""
    if not data or data.isspace():  # not data.strip(): no copy of a large file
        raise InputError("empty file: nothing to check", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("invalid UTF-16 text", path) from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes), not text", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it, e.g. iconv -f latin1 -t utf-8",
            path, line,
        ) from None


def utf8_of(data: bytes) -> bytes | None:
    """The UTF-8 bytes of what `decode(data)` returned (its BOM dropped), or None for UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file too large ({size / 1e6:.0f} MB > {max_bytes / 1e6:.0f} MB limit, see --max-size)", str(path))
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory", str(path)) from None
    except PermissionError:
        raise InputError("permission denied", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", str(path)) from None


def parse(text: str, path: str, fmt: str, src: str | None = None, tgt: str | None = None,
          utf8: bytes | None = None) -> tuple[list[Document], list[InputError]]:
    """Documents and per-record errors of one decoded input. `src`/`tgt` pick a TMX's languages;
    `utf8`: the text's UTF-8 bytes, when the caller has them (see `utf8_of`)."""
    name = FORMATS.get(fmt) or RECORD_FORMATS.get(fmt)
    if name is None:
        raise InputError(f"unknown input format {fmt!r}", path)
    reader = importlib.import_module(f".{name}", __name__).read
    if fmt == "text":
        return reader(text, path, utf8), []
    if fmt in RECORD_FORMATS:
        return reader(text, path)
    if fmt == "tmx":
        return reader(text, path, tgt=tgt, src=src), []
    return reader(text, path), []


__all__ = ["Document", "EXTENSIONS", "FORMATS", "RECORD_FORMATS", "decode", "format_of", "parse", "read_bytes", "utf8_of"]
