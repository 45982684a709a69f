"""Shared test helpers: one compiled-resource cache per session, the mini glossary, a CLI runner
and the offset assertions every test that looks at findings uses.

The cache of compiled resources (glossary indexes, wordfreq lexicons) goes to ONE directory for the
whole session, so tests never read a developer's ~/.cache/tqcheck (a stale pickle there could hide
a bug) and subprocesses started by the tests share it. Building a lexicon costs ~2-6 s per
language, once per session. Set TQCHECK_TEST_CACHE_DIR to a folder to keep that cache across runs.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

import pytest

_PERSISTENT_CACHE = os.environ.get("TQCHECK_TEST_CACHE_DIR")
_SESSION_CACHE = _PERSISTENT_CACHE or tempfile.mkdtemp(prefix="tqcheck-test-cache-")
# Set before any tqcheck module computes a cache path (they read it lazily, at first use).
os.environ["TQCHECK_CACHE_DIR"] = _SESSION_CACHE

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
MINI = FIXTURES / "mini.yaml"
SEED = ROOT / "seeds" / "000_d179e931f6170d12.txt"
CASES = TESTS / "cases"
PYTHON = sys.executable
# The options that make a CLI run independent of the shipped glossaries and of config files.
MINI_ARGS = ["--no-default-glossaries", "-g", str(MINI)]


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds and installs the wheel (minutes, not seconds)")


def pytest_unconfigure(config):
    if not _PERSISTENT_CACHE:
        shutil.rmtree(_SESSION_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def cache_dir() -> Path:
    return Path(_SESSION_CACHE)


# -- the mini glossary, compiled once ------------------------------------------------------------

@pytest.fixture(scope="session")
def mini_index():
    from tqcheck.glossary.index import compile_glossaries

    return compile_glossaries([MINI])


def mini_config(src: Optional[str] = None, tgt: Optional[str] = None, **overrides):
    """A Config that uses only tests/fixtures/mini.yaml, with `overrides` shaped like
    [tool.tqcheck] (kebab-case keys), e.g. mini_config("fr", "en", select=["source-form"])."""
    from tqcheck.config import parse_config

    cfg = parse_config(dict(overrides), "<test config>")
    return cfg.with_(src=src, tgt=tgt, glossaries=(MINI,), default_glossaries=False)


@pytest.fixture(scope="session")
def make_checker(mini_index):
    """make_checker(src, tgt, **config) -> an engine Checker on the mini glossary."""
    from tqcheck.engine import Checker

    def make(src=None, tgt=None, **overrides):
        return Checker(mini_config(src, tgt, **overrides), index=mini_index)

    return make


# -- offsets ------------------------------------------------------------------------------------

def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset` in `text`, computed independently of tqcheck."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def assert_placed(finding, document_text: str, record_line: Optional[int] = None) -> None:
    """The finding's text is exactly document_text[start:end] and its line/column point at it.

    For a JSONL record (`record_line` given) the line is the record's line in the file and the
    column the 1-based character position in `target`.
    """
    f = finding
    where = f"{f.rule} {f.text!r} at {f.start}:{f.end}"
    assert 0 <= f.start <= f.end <= len(document_text), where
    assert document_text[f.start:f.end] == f.text, f"{where}: document has {document_text[f.start:f.end]!r}"
    if record_line is None:
        assert (f.line, f.column) == position(document_text, f.start), where
        assert (f.end_line, f.end_column) == position(document_text, f.end), where
    else:
        assert (f.line, f.column) == (record_line, f.start + 1), where
        assert (f.end_line, f.end_column) == (record_line, f.end + 1), where


def assert_record_placed(record: dict, file_text: str) -> None:
    """The same for one finding of `--format json` against the file it came from (not JSONL)."""
    start, end = record["start"], record["end"]
    assert file_text[start:end] == record["text"], record
    assert (record["line"], record["column"]) == position(file_text, start), record
    assert (record["end_line"], record["end_column"]) == position(file_text, end), record


def jsonl_record_lines(text: str) -> dict:
    """doc_id -> line number of each well-formed record of a JSONL text (as the reader names them)."""
    result = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        try:
            record = json.loads(raw)
        except ValueError:
            continue
        if isinstance(record, dict):
            result[str(record["id"]) if record.get("id") is not None else f"line-{n}"] = n
    return result


# -- the command line ---------------------------------------------------------------------------

@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> dict:
        return json.loads(self.stdout)

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


@pytest.fixture
def cli(capsys, monkeypatch):
    """cli(*args, cwd=None, stdin=None) -> CliResult: runs tqcheck's real entry point
    (tqcheck.cli.main) in this process, which is fast; `subprocess_cli` runs a real process."""
    from tqcheck import cli as cli_module

    def run(*args: str, cwd: Optional[Path] = None, stdin: Optional[bytes] = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        capsys.readouterr()
        try:
            cli_module.main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


def subprocess_cli(args: Sequence[str], cwd: Optional[Path] = None, stdin: Optional[bytes] = None,
                   env: Optional[dict] = None, executable: Optional[str] = None, timeout: float = 300) -> CliResult:
    """Runs `python -m tqcheck ARGS` (or `executable ARGS`) in a real process."""
    command = [executable] if executable else [PYTHON, "-m", "tqcheck"]
    full_env = dict(os.environ)
    full_env.update(env or {})
    proc = subprocess.run(
        command + [str(a) for a in args], cwd=str(cwd) if cwd else None, input=stdin,
        capture_output=True, env=full_env, timeout=timeout,
    )
    return CliResult(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))
