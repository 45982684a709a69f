"""Checking many files: one process (`--jobs 1`) or several (`--jobs N`, 0 = one per CPU), with an
optional progress line on standard error.

The output does not depend on the number of jobs: each file is read and checked whole by one
worker, and the results are put back in input order before anything is reported. Workers are
started with the "spawn" method (the same on every platform, safe with threads); each builds its
own Checker once, which loads the compiled glossary from the on-disk cache (see cache.py) — the
main process compiles it first, so workers never compile it again, and a glossary or config error
is reported once, by the main process. Findings cross process boundaries as pickles: they are
frozen dataclasses.

The progress line ("[12/480] news/2024/article.md") is written only to standard error, only when it
is a terminal (or with --progress), and only once a run has taken half a second: machine output
on standard output is never touched.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Callable, Optional, TextIO

from .config import Config
from .errors import TqcheckError
from .findings import DocumentResult, Report

STDIN = "-"
Loader = Callable[[list], tuple]  # load([name]) -> (documents, error strings), e.g. cli.load_documents


def jobs_count(jobs: int) -> int:
    """--jobs: 0 means one per CPU; negative is an error."""
    if jobs < 0:
        raise TqcheckError(f"--jobs: expected 0 (one per CPU) or more, got {jobs}")
    return (os.cpu_count() or 1) if jobs == 0 else jobs


class Progress:
    """"\\r[n/total] path" on a terminal; one line per file when forced on something else."""

    DELAY = 0.5  # seconds: a short run prints nothing

    def __init__(self, total: int, enabled: Optional[bool] = None, stream: Optional[TextIO] = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.tty = _isatty(self.stream)
        self.forced = bool(enabled)
        self.enabled = total > 0 and (enabled if enabled is not None else (self.tty and total > 1))
        self.done = 0
        self.started = time.monotonic()
        self.width = 0

    def update(self, path: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        if not self.forced and time.monotonic() - self.started < self.DELAY and self.done < self.total:
            return
        line = f"[{self.done}/{self.total}] {path}"
        if self.tty:
            columns = _columns()
            line = line[: columns - 1]
            self.stream.write("\r" + line + " " * max(0, self.width - len(line)))
            self.width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _columns() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80


def check_files(config: Config, files: list[str], errors: list[str], *, load: Loader,
                attach: Optional[Callable[[list], None]] = None, jobs: int = 1,
                progress: Optional[bool] = None, checker=None) -> tuple[Report, object]:
    """Read and check `files` in order; returns the report and the main process's Checker.

    `errors` (the input errors so far) is extended with read errors, in input order. `attach(docs)`
    (--source/--reference) needs every document at once, so it implies one job.
    """
    from .engine import Checker, build_report

    checker = checker or Checker(config)  # compiles (or loads) the glossary; errors surface here
    workers = min(jobs_count(jobs), len(files))
    bar = Progress(len(files), progress)
    results: list[DocumentResult] = []
    try:
        if attach is not None:
            docs, read_errors = load(files)
            errors.extend(read_errors)
            attach(docs)
            for doc in docs:
                results.append(checker.check_document(doc))
            for name in files:
                bar.update(name)
        elif workers <= 1:
            for name in files:
                docs, read_errors = load([name])
                errors.extend(read_errors)
                results.extend(checker.check_document(d) for d in docs)
                bar.update(name)
        else:
            results = _check_parallel(config, files, errors, load, workers, bar, checker)
    finally:
        bar.close()
    return build_report(config, results, errors), checker


# -- workers --------------------------------------------------------------------------------------

_worker_checker = None


def _check_one(config: Config, load: Loader, name: str):
    """In a worker: read and check one file. Errors travel back as text (exceptions with extra
    constructor arguments do not survive pickling)."""
    global _worker_checker
    try:
        if _worker_checker is None:
            from .engine import Checker

            _worker_checker = Checker(config)
        docs, read_errors = load([name])
        return [_worker_checker.check_document(d) for d in docs], list(read_errors), None
    except TqcheckError as exc:
        return [], [], str(exc)


def _check_parallel(config, files, errors, load, workers, bar: Progress, checker) -> list[DocumentResult]:
    import multiprocessing  # only with --jobs > 1: 30 ms to import
    from concurrent.futures import ProcessPoolExecutor

    per_file: list = [None] * len(files)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {}
        for i, name in enumerate(files):
            if name == STDIN:  # standard input belongs to this process
                docs, read_errors = load([name])
                per_file[i] = ([checker.check_document(d) for d in docs], list(read_errors), None)
                bar.update("<stdin>")
            else:
                futures[pool.submit(_check_one, config, load, name)] = i
        from concurrent.futures import as_completed

        for future in as_completed(futures):
            i = futures[future]
            per_file[i] = future.result()
            bar.update(files[i])
    results: list[DocumentResult] = []
    for file_results, read_errors, fatal in per_file:
        if fatal is not None:
            raise TqcheckError(fatal)
        errors.extend(read_errors)
        results.extend(file_results)
    return results
