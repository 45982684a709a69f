"""Load and validate glossary files (YAML), reporting every problem with its line number.

The YAML is composed into nodes (not constructed into Python values) so that each problem can name
its line, and so that YAML 1.1 surprises ("NO" read as false) cannot happen: every scalar is text.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Iterable, Optional

import yaml

from ..errors import GlossaryError
from ..findings import Severity
from ..languages import is_valid
from .files import read_glossary_file
from .model import Entity, Glossary, LangNames

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[a-z]{2}$")
ENTITY_KEYS = {"id", "type", "names", "description", "wikidata", "severity", "ignore"}
LANG_KEYS = {"name", "alt", "short", "inflected", "deprecated"}
DEPRECATED_KEYS = {"form", "note"}
META_KEYS = {"name", "description", "sources", "license", "version"}

try:  # libyaml is much faster on the large shipped files
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Loader = yaml.SafeLoader


class _Problems:
    def __init__(self) -> None:
        self.items: list[tuple[int, str]] = []

    def add(self, node, message: str) -> None:
        self.items.append((node.start_mark.line + 1 if node is not None else 1, message))


def _line(node) -> int:
    return node.start_mark.line + 1


def _scalar(node, problems: _Problems, what: str) -> Optional[str]:
    if not isinstance(node, yaml.ScalarNode):
        problems.add(node, f"{what} must be text")
        return None
    value = node.value
    if not value.strip():
        problems.add(node, f"{what} is empty")
        return None
    if value != value.strip() or "\n" in value:
        problems.add(node, f"{what} {value!r} has leading/trailing white space or a line break")
        return None
    return value


def _scalar_list(node, problems: _Problems, what: str) -> list[str]:
    if isinstance(node, yaml.ScalarNode):
        value = _scalar(node, problems, what)
        return [value] if value else []
    if not isinstance(node, yaml.SequenceNode):
        problems.add(node, f"{what} must be a list of text")
        return []
    return [v for v in (_scalar(item, problems, what) for item in node.value) if v]


def _mapping(node, problems: _Problems, what: str, allowed: set) -> dict:
    if not isinstance(node, yaml.MappingNode):
        problems.add(node, f"{what} must be a mapping")
        return {}
    result = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in allowed:
            problems.add(key_node, f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(allowed))})")
            continue
        if key in result:
            problems.add(key_node, f"duplicate key {key!r} in {what}")
        result[key] = value_node
    return result


def _lang_names(node, problems: _Problems, where: str) -> Optional[LangNames]:
    if isinstance(node, yaml.ScalarNode):
        name = _scalar(node, problems, f"name of {where}")
        return LangNames(name=name) if name else None
    fields = _mapping(node, problems, where, LANG_KEYS)
    if "name" not in fields:
        problems.add(node, f"{where} has no 'name' (the preferred form)")
        return None
    name = _scalar(fields["name"], problems, f"name of {where}")
    lists = {k: tuple(_scalar_list(fields[k], problems, f"{k} of {where}")) for k in ("alt", "short", "inflected") if k in fields}
    deprecated: list[tuple[str, str]] = []
    dep_node = fields.get("deprecated")
    if dep_node is not None:
        items = dep_node.value if isinstance(dep_node, yaml.SequenceNode) else [dep_node]
        for item in items:
            if isinstance(item, yaml.MappingNode):
                dep = _mapping(item, problems, f"deprecated form of {where}", DEPRECATED_KEYS)
                if "form" not in dep:
                    problems.add(item, f"deprecated entry of {where} has no 'form'")
                    continue
                form = _scalar(dep["form"], problems, f"deprecated form of {where}")
                note = _scalar(dep["note"], problems, "note") if "note" in dep else ""
                if form:
                    deprecated.append((form, note or ""))
            else:
                form = _scalar(item, problems, f"deprecated form of {where}")
                if form:
                    deprecated.append((form, ""))
    if not name:
        return None
    names = LangNames(name=name, deprecated=tuple(deprecated), **lists)
    accepted = names.accepted()
    for group in (accepted, tuple(f for f, _ in deprecated)):
        seen = set()
        for form in group:
            if form in seen:
                problems.add(node, f"{where}: form {form!r} is listed twice")
            seen.add(form)
    for form, _ in deprecated:
        if form == name:
            problems.add(node, f"{where}: deprecated form {form!r} is the preferred form (corrects to itself)")
        elif form in accepted:
            problems.add(node, f"{where}: form {form!r} is both accepted and deprecated")
    return names


def _entity(node, problems: _Problems, origin: str) -> Optional[Entity]:
    fields = _mapping(node, problems, "entity", ENTITY_KEYS)
    if not fields:
        return None
    for required in ("id", "type", "names"):
        if required not in fields:
            problems.add(node, f"entity has no {required!r}")
    if any(k not in fields for k in ("id", "type", "names")):
        return None
    eid = _scalar(fields["id"], problems, "id")
    if eid and not ID_RE.match(eid):
        problems.add(fields["id"], f"id {eid!r} is not kebab-case (a-z, 0-9 and single hyphens)")
    etype = _scalar(fields["type"], problems, "type")
    severity = None
    if "severity" in fields:
        value = _scalar(fields["severity"], problems, "severity")
        if value:
            try:
                severity = Severity.parse(value)
            except ValueError as exc:
                problems.add(fields["severity"], str(exc))
    names_node = fields["names"]
    names: dict[str, LangNames] = {}
    if not isinstance(names_node, yaml.MappingNode) or not names_node.value:
        problems.add(names_node, f"names of {eid!r} must be a non-empty mapping of language codes")
    else:
        for key_node, value_node in names_node.value:
            lang = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            if not LANG_RE.match(lang) or not is_valid(lang):
                hint = " (Ukrainian is 'uk')" if lang == "ua" else ""
                problems.add(key_node, f"{lang!r} is not an ISO 639-1 language code{hint}")
                continue
            if lang in names:
                problems.add(key_node, f"language {lang!r} given twice for {eid!r}")
            parsed = _lang_names(value_node, problems, f"{eid}/{lang}")
            if parsed:
                names[lang] = parsed
    ignore = tuple(_scalar_list(fields["ignore"], problems, "ignore")) if "ignore" in fields else ()
    description = _scalar(fields["description"], problems, "description") if "description" in fields else ""
    wikidata = _scalar(fields["wikidata"], problems, "wikidata") if "wikidata" in fields else None
    if not (eid and etype and names):
        return None
    return Entity(
        id=eid, type=etype, names=names, description=description or "", wikidata=wikidata,
        severity=severity, ignore=ignore, origin=origin,
    )


def parse_glossary_text(text: str, path: str) -> tuple[list[Entity], list[tuple[int, str]]]:
    """Parse one glossary file's text: (entities, problems). Never raises for bad content."""
    problems = _Problems()
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [], [(line, f"not valid YAML: {reason}")]
    if root is None:
        return [], [(1, "empty glossary (expected 'entities:')")]
    top = _mapping(root, problems, "glossary file", {"meta", "entities"})
    if "meta" in top:
        _mapping(top["meta"], problems, "meta", META_KEYS)
    entities: list[Entity] = []
    entities_node = top.get("entities")
    if entities_node is None:
        problems.add(root, "glossary has no 'entities' list")
    elif not isinstance(entities_node, yaml.SequenceNode):
        problems.add(entities_node, "'entities' must be a list")
    else:
        for item in entities_node.value:
            entity = _entity(item, problems, f"{path}:{_line(item)}")
            if entity:
                entities.append(entity)
    return entities, problems.items


def cross_file_problems(entities: Iterable[Entity]) -> list[tuple[str, int, str]]:
    """Problems that only show across entities: duplicate ids."""
    seen: dict[str, str] = {}
    problems = []
    for entity in entities:
        if entity.id in seen:
            path, _, line = entity.origin.rpartition(":")
            problems.append((path, int(line), f"duplicate id {entity.id!r} (first at {seen[entity.id]})"))
        else:
            seen[entity.id] = entity.origin
    return problems


def load_glossaries(paths: Iterable[Path]) -> Glossary:
    """Load glossary files into one Glossary; the first malformed file raises GlossaryError."""
    entities: list[Entity] = []
    digest = hashlib.sha256()
    sources = []
    for path in paths:
        path = Path(path)
        text = read_glossary_file(path)
        digest.update(str(path).encode() + b"\0" + text.encode("utf-8") + b"\0")
        parsed, problems = parse_glossary_text(text, str(path))
        if problems:
            raise GlossaryError(str(path), problems)
        entities.extend(parsed)
        sources.append(str(path))
    dupes = cross_file_problems(entities)
    if dupes:
        path, line, message = dupes[0]
        raise GlossaryError(path, [(line, message)])
    return Glossary(entities=tuple(entities), sources=tuple(sources), fingerprint=digest.hexdigest())
