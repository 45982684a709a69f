"""Errors that end a run (or skip one input) with exit code 2 and one clear line."""
from __future__ import annotations

from typing import Optional


class TqcheckError(Exception):
    """A usage or input problem: the CLI prints `path:line: message` and exits with code 2."""

    def __init__(self, message: str, path: Optional[str] = None, line: Optional[int] = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(TqcheckError):
    """A file or record that cannot be read as a document."""


class ConfigError(TqcheckError):
    """A malformed configuration file or option."""


class GlossaryError(TqcheckError):
    """A malformed glossary. `problems` holds every (line, message) found, not only the first."""

    def __init__(self, path: str, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        line, message = problems[0]
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(message + more, path, line)
