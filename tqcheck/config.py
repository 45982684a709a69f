"""Configuration: defaults <- [tool.tqcheck] in pyproject.toml or tqcheck.toml <- command line.

The file is found walking up from the current directory (or named with --config). Unknown keys,
unknown rules and values of the wrong type are errors that name the file and the key.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from .checks import CHECKS, INTERNAL_ERROR
from .errors import ConfigError
from .findings import Severity
from .languages import is_valid

CONFIG_FILES = ("tqcheck.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    src: Optional[str] = None
    tgt: Optional[str] = None
    glossaries: tuple[Path, ...] = ()
    default_glossaries: bool = True
    select: Optional[frozenset] = None  # None: every rule
    ignore: frozenset = frozenset()
    severity: dict = field(default_factory=dict)  # rule -> Severity
    fail_on: Severity = Severity.MAJOR
    max_penalty: float = 10.0
    accept: frozenset = frozenset()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    rules: dict = field(default_factory=dict)  # rule -> {option: value}
    path: Optional[Path] = None  # the file it came from

    def enabled(self, rule: str) -> bool:
        if rule in self.ignore:
            return False
        return self.select is None or rule in self.select

    def with_(self, **changes) -> "Config":
        return replace(self, **changes)


_TOP_KEYS = {
    "src", "tgt", "glossaries", "default-glossaries", "select", "ignore", "severity", "fail-on",
    "max-penalty", "accept", "include", "exclude", "rules",
}


def _toml():
    """The TOML parser, imported only when there is a file to read (a start-up cost otherwise)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def find_config(start: Path) -> Optional[Path]:
    """The nearest tqcheck.toml, or pyproject.toml with a [tool.tqcheck] table, walking up."""
    for folder in [start, *start.parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml":
                    tomllib = _toml()
                    try:
                        text = candidate.read_text(encoding="utf-8")
                        if "tqcheck" not in text:
                            continue  # no [tool.tqcheck] table can be there: no need to parse
                        data = tomllib.loads(text)
                    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                        return candidate  # let load_config report it
                    if "tqcheck" not in data.get("tool", {}):
                        continue
                return candidate
    return None


def load_config(path: Optional[Path]) -> Config:
    if path is None:
        return Config()
    where = str(path)
    tomllib = _toml()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("config file not found", where) from None
    except UnicodeDecodeError:
        raise ConfigError("config file is not UTF-8", where) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", where) from None
    except OSError as exc:
        raise ConfigError(f"cannot read config: {exc.strerror or exc}", where) from None
    if path.name == "pyproject.toml" or "tool" in data:
        data = data.get("tool", {}).get("tqcheck", {})
        prefix = "tool.tqcheck."
    else:
        prefix = ""
    return parse_config(data, where, prefix, base=path.parent).with_(path=path)


def _expect(value, kind, key, where):
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool) and kind in (int, float)):
        names = {str: "a string", bool: "true or false", list: "a list", dict: "a table", float: "a number"}
        raise ConfigError(f"'{key}' must be {names.get(kind, kind)}", where)
    return value


def _rule(rule, key, where):
    if rule not in CHECKS and rule != INTERNAL_ERROR:
        raise ConfigError(f"unknown rule {rule!r} in '{key}' (known: {', '.join(CHECKS)})", where)
    return rule


def _lang(value, key, where):
    _expect(value, str, key, where)
    if not is_valid(value):
        raise ConfigError(f"'{key}': {value!r} is not an ISO 639-1 language code", where)
    return value


def parse_config(data: dict, where: str = "<config>", prefix: str = "", base: Path = Path(".")) -> Config:
    for key in data:
        if key not in _TOP_KEYS:
            raise ConfigError(f"unknown key '{prefix}{key}' (known: {', '.join(sorted(_TOP_KEYS))})", where)
    cfg: dict = {}
    if "src" in data:
        cfg["src"] = _lang(data["src"], prefix + "src", where)
    if "tgt" in data:
        cfg["tgt"] = _lang(data["tgt"], prefix + "tgt", where)
    if "glossaries" in data:
        items = _expect(data["glossaries"], list, prefix + "glossaries", where)
        cfg["glossaries"] = tuple(base / _expect(g, str, prefix + "glossaries", where) for g in items)
    if "default-glossaries" in data:
        cfg["default_glossaries"] = _expect(data["default-glossaries"], bool, prefix + "default-glossaries", where)
    for key, attr in (("select", "select"), ("ignore", "ignore")):
        if key in data:
            items = _expect(data[key], list, prefix + key, where)
            cfg[attr] = frozenset(_rule(_expect(r, str, prefix + key, where), prefix + key, where) for r in items)
    if "severity" in data:
        table = _expect(data["severity"], dict, prefix + "severity", where)
        sev = {}
        for rule, value in table.items():
            key = f"{prefix}severity.{rule}"
            _rule(rule, key, where)
            try:
                sev[rule] = Severity.parse(_expect(value, str, key, where))
            except ValueError as exc:
                raise ConfigError(f"'{key}': {exc}", where) from None
        cfg["severity"] = sev
    if "fail-on" in data:
        try:
            cfg["fail_on"] = Severity.parse(_expect(data["fail-on"], str, prefix + "fail-on", where))
        except ValueError as exc:
            raise ConfigError(f"'{prefix}fail-on': {exc}", where) from None
    if "max-penalty" in data:
        value = data["max-penalty"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"'{prefix}max-penalty' must be a number >= 0", where)
        cfg["max_penalty"] = float(value)
    for key in ("accept", "include", "exclude"):
        if key in data:
            items = _expect(data[key], list, prefix + key, where)
            values = [_expect(v, str, prefix + key, where) for v in items]
            cfg[key] = frozenset(values) if key == "accept" else tuple(values)
    if "rules" in data:
        cfg["rules"] = _rule_options(_expect(data["rules"], dict, prefix + "rules", where), where, prefix)
    return Config(**cfg)


def _rule_options(table: dict, where: str, prefix: str) -> dict:
    result = {}
    for rule, options in table.items():
        key = f"{prefix}rules.{rule}"
        _rule(rule, key, where)
        _expect(options, dict, key, where)
        known = dict(CHECKS[rule].options, **{"in-quotes": CHECKS[rule].in_quotes})
        for name, value in options.items():
            if name not in known:
                raise ConfigError(f"unknown option '{key}.{name}' (known: {', '.join(sorted(known))})", where)
            default = known[name]
            if isinstance(default, bool) != isinstance(value, bool) or (
                not isinstance(default, bool) and not isinstance(value, type(default))
                and not (isinstance(default, float) and isinstance(value, int))
            ):
                raise ConfigError(f"'{key}.{name}' must be of the same type as its default ({default!r})", where)
        result[rule] = dict(options)
    return result
