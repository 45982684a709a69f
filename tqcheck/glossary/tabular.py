"""CSV / TSV import: a terminologist's spreadsheet -> a YAML glossary (docs/glossary-format.md).

One row per entity and language:

    id,type,lang,name,alt,short,deprecated,note
    kyiv,city,en,Kyiv,,,Kiev,Kyiv since AP 2019
    kyiv,city,fr,Kyiv,Kiev,,,

Required columns: id, type, lang, name. Optional: alt, short, deprecated, note (why the deprecated
forms are deprecated: one note for all of them, or one per form), inflected, and the entity-level
description, wikidata, severity, ignore (which must then agree on every row of the entity).
Several values in one cell are separated by `|`. The delimiter comes from the extension (.csv
comma, .tsv/.tab tab; otherwise a tab in the header line means tab). Every problem is reported
with the line of its row, all at once, as a GlossaryError; the YAML written is checked with the
glossary loader before it is returned, so what the import accepts always loads.
"""
from __future__ import annotations

import csv
import io
from pathlib import PurePath

import yaml

from ..errors import GlossaryError
from ..findings import Severity
from ..languages import is_valid
from .load import ID_RE, parse_glossary_text

REQUIRED = ("id", "type", "lang", "name")
LANG_COLUMNS = ("alt", "short", "deprecated", "note", "inflected")
ENTITY_COLUMNS = ("description", "wikidata", "severity", "ignore")
COLUMNS = REQUIRED + LANG_COLUMNS + ENTITY_COLUMNS
SEPARATOR = "|"


def delimiter_for(path: str, text: str) -> str:
    suffix = PurePath(path).suffix.lower()
    if suffix in (".tsv", ".tab"):
        return "\t"
    if suffix == ".csv":
        return ","
    first = text.split("\n", 1)[0]
    return "\t" if "\t" in first else ","


def _rows(text: str, delimiter: str):
    """(line of the row's first physical line, cells) for every row, blank rows left out."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for cells in reader:
        start = line
        line = reader.line_num + 1
        if any(c.strip() for c in cells):
            yield start, cells


def _values(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(SEPARATOR) if v.strip()]


class _Importer:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[tuple[int, str]] = []
        self.entities: dict[str, dict] = {}  # id -> {"type", "line", "langs": {lang: {...}}, entity fields}

    def problem(self, line: int, message: str) -> None:
        self.problems.append((line, message))

    def header(self, line: int, cells: list[str]) -> list[str]:
        names = [c.strip().lower() for c in cells]
        for name in names:
            if name and name not in COLUMNS:
                self.problem(line, f"unknown column {name!r} (known: {', '.join(COLUMNS)})")
        for name in {n for n in names if names.count(n) > 1 and n}:
            self.problem(line, f"column {name!r} given twice")
        for name in REQUIRED:
            if name not in names:
                self.problem(line, f"missing column {name!r} (required: {', '.join(REQUIRED)})")
        return names

    def row(self, line: int, columns: list[str], cells: list[str]) -> None:
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
            self.problem(line, f"{len(cells)} cells but {len(columns)} columns (a delimiter inside an unquoted value?)")
            return
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(columns) if name}
        for name, value in row.items():
            if "\n" in value or "\r" in value:
                self.problem(line, f"{name}: a line break inside a value")
                return
        eid, etype, lang, name = (row.get(k, "") for k in REQUIRED)
        ok = True
        for key, value in (("id", eid), ("type", etype), ("lang", lang), ("name", name)):
            if not value:
                self.problem(line, f"empty {key!r}")
                ok = False
        if eid and not ID_RE.match(eid):
            self.problem(line, f"id {eid!r} is not kebab-case (a-z, 0-9 and single hyphens)")
            ok = False
        if lang and not is_valid(lang):
            self.problem(line, f"{lang!r} is not an ISO 639-1 language code (two lowercase letters: en, fr, uk)")
            ok = False
        if name and SEPARATOR in name:
            self.problem(line, f"'name' holds one preferred form; put the others in 'alt' ({name!r})")
            ok = False
        if not ok:
            return
        entity = self.entities.get(eid)
        if entity is None:
            entity = self.entities[eid] = {"type": etype, "line": line, "langs": {}}
        elif entity["type"] != etype:
            self.problem(line, f"{eid}: type {etype!r} differs from {entity['type']!r} on line {entity['line']}")
            return
        self._entity_fields(line, eid, entity, row)
        if lang in entity["langs"]:
            self.problem(line, f"{eid}/{lang}: a second row for this language (first on line {entity['langs'][lang]['line']})")
            return
        entity["langs"][lang] = self._lang_names(line, f"{eid}/{lang}", row)

    def _entity_fields(self, line: int, eid: str, entity: dict, row: dict) -> None:
        for key in ENTITY_COLUMNS:
            value = row.get(key, "")
            if not value:
                continue
            if key == "severity":
                try:
                    Severity.parse(value)
                except ValueError as exc:
                    self.problem(line, f"{eid}: {exc}")
                    continue
            parsed = _values(value) if key == "ignore" else value
            if key in entity and entity[key] != parsed:
                self.problem(line, f"{eid}: {key} {value!r} differs from the one on line {entity['line']}")
            entity.setdefault(key, parsed)

    def _lang_names(self, line: int, where: str, row: dict) -> dict:
        name = row["name"]
        names = {"line": line, "name": name}
        for key in ("alt", "short", "inflected"):
            names[key] = _values(row.get(key, ""))
        deprecated = _values(row.get("deprecated", ""))
        notes = _values(row.get("note", ""))
        if notes and not deprecated:
            self.problem(line, f"{where}: a note but no deprecated form (the note says why a form is deprecated)")
        elif len(notes) > 1 and len(notes) != len(deprecated):
            self.problem(line, f"{where}: {len(notes)} notes for {len(deprecated)} deprecated forms (give one note, or one per form)")
        if len(notes) == 1:
            notes = notes * len(deprecated)
        names["deprecated"] = [(form, notes[i] if i < len(notes) else "") for i, form in enumerate(deprecated)]
        seen = set()
        accepted = [name, *names["alt"], *names["short"], *names["inflected"]]
        for form in accepted + deprecated:
            if form in seen:
                self.problem(line, f"{where}: form {form!r} is listed twice")
            seen.add(form)
        for form in deprecated:
            if form == name:
                self.problem(line, f"{where}: deprecated form {form!r} is the preferred form (corrects to itself)")
            elif form in accepted:
                self.problem(line, f"{where}: form {form!r} is both accepted and deprecated")
        return names


def _lang_value(names: dict):
    if not any(names[k] for k in ("alt", "short", "inflected", "deprecated")):
        return names["name"]
    value: dict = {"name": names["name"]}
    for key in ("alt", "short", "inflected"):
        if names[key]:
            value[key] = list(names[key])
    if names["deprecated"]:
        value["deprecated"] = [{"form": f, "note": n} if n else f for f, n in names["deprecated"]]
    return value


def _to_document(importer: _Importer, name: str, source: str) -> dict:
    entities = []
    for eid, entity in importer.entities.items():
        item: dict = {"id": eid, "type": entity["type"]}
        for key in ("wikidata", "description", "severity", "ignore"):
            if key in entity:
                item[key] = entity[key]
        item["names"] = {lang: _lang_value(names) for lang, names in entity["langs"].items()}
        entities.append(item)
    return {
        "meta": {"name": name, "description": f"Imported from {source}", "sources": [source]},
        "entities": entities,
    }


def table_to_yaml(text: str, path: str, name: str) -> tuple[str, int]:
    """The YAML glossary for a CSV/TSV table, and its number of entities.

    Raises GlossaryError (with every problem and its row's line) when the table is not valid.
    """
    importer = _Importer(path)
    rows = _rows(text, delimiter_for(path, text))
    first = next(rows, None)
    if first is None:
        raise GlossaryError(path, [(1, "empty table: expected a header row (" + ",".join(REQUIRED + LANG_COLUMNS[:4]) + ")")])
    columns = importer.header(*first)
    if importer.problems:
        raise GlossaryError(path, importer.problems)
    count = 0
    for line, cells in rows:
        count += 1
        importer.row(line, columns, cells)
    if not count:
        importer.problem(first[0], "no rows after the header")
    if importer.problems:
        raise GlossaryError(path, sorted(importer.problems))
    source = PurePath(path).name
    body = yaml.safe_dump(
        _to_document(importer, name, source), allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False,
    )
    yaml_text = f"# Imported by `tqcheck glossary import` from {source}; see docs/glossary-format.md.\n{body}"
    entities, problems = parse_glossary_text(yaml_text, path)
    if problems:  # a rule the table checks above missed: say so, with the entity's first row
        lines = {eid: e["line"] for eid, e in importer.entities.items()}
        raise GlossaryError(path, [(lines.get(_entity_at(yaml_text, line), 1), message) for line, message in problems])
    return yaml_text, len(entities)


def _entity_at(yaml_text: str, line: int):
    """The id of the entity whose YAML block holds `line` (for mapping a problem back to a row)."""
    current = None
    for n, raw in enumerate(yaml_text.splitlines(), start=1):
        if raw.startswith("- id: "):
            current = raw[len("- id: "):].strip().strip("'\"")
        if n >= line:
            break
    return current
