"""Glossaries are tested like code: the loader's validation rules (each with a bad example and its
line), `tqcheck glossary validate`, the CSV/TSV import, and data tests on the shipped glossaries.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import MINI, MINI_ARGS

# -- the loader and its validation rules --------------------------------------------------------

GOOD = """\
meta:
  name: test
entities:
  - id: kyiv
    type: city
    names:
      en: {name: Kyiv, deprecated: [{form: Kiev, note: since 2019}]}
      fr: {name: Kyiv, alt: [Kiev]}
      uk: Київ
"""


def parse(text):
    from tqcheck.glossary.load import parse_glossary_text

    return parse_glossary_text(text, "test.yaml")


def line_of(text: str, marker: str) -> int:
    assert text.count(marker) == 1, f"marker {marker!r} must occur once"
    return text[:text.index(marker)].count("\n") + 1


def entity(names: str, extra: str = "") -> str:
    """A one-entity glossary with `names` (lines under `names:`) and `extra` entity keys."""
    return "entities:\n  - id: kyiv\n    type: city\n" + extra + "    names:\n" + names


def test_good_glossary_parses():
    entities, problems = parse(GOOD)
    assert problems == []
    [kyiv] = entities
    assert kyiv.id == "kyiv" and kyiv.type == "city"
    assert kyiv.names["en"].name == "Kyiv" and kyiv.names["en"].deprecated == (("Kiev", "since 2019"),)
    assert kyiv.names["fr"].alt == ("Kiev",) and kyiv.names["uk"].name == "Київ"


# (glossary text, marker on the line the problem must name, words the message must hold)
BAD = {
    "invalid-yaml": ("entities:\n  - id: kyiv\n    names: {en: [Kyiv\n    type: city\n", None, "not valid YAML"),
    "unknown-top-level-key": ("meta: {name: t}\nentitis:\n  - id: kyiv\n", "entitis:", "unknown key 'entitis'"),
    "no-entities": ("meta: {name: t}\n", None, "no 'entities'"),
    "entities-not-a-list": ("entities:\n  id: kyiv\n", "id: kyiv", "must be a list"),
    "entity-without-id": ("entities:\n  - type: city\n    names: {en: Kyiv}\n", "type: city", "no 'id'"),
    "entity-without-type": ("entities:\n  - id: kyiv\n    names: {en: Kyiv}\n", "id: kyiv", "no 'type'"),
    "entity-without-names": ("entities:\n  - id: kyiv\n    type: city\n", "id: kyiv", "no 'names'"),
    "id-not-kebab-case": ("entities:\n  - id: Kyiv_City\n    type: city\n    names: {en: Kyiv}\n", "Kyiv_City", "kebab-case"),
    "unknown-entity-key": (entity("      en: Kyiv\n", "    wiki: Q1899\n"), "wiki:", "unknown key 'wiki'"),
    "unknown-meta-key": ("meta:\n  name: t\n  author: me\n" + entity("      en: Kyiv\n")[0:], "author:", "unknown key 'author'"),
    "names-empty": ("entities:\n  - id: kyiv\n    type: city\n    names: {}\n", "names: {}", "non-empty mapping"),
    "language-not-lowercase": (entity("      EN: Kyiv\n"), "EN:", "ISO 639-1"),
    "language-three-letters": (entity("      eng: Kyiv\n"), "eng:", "ISO 639-1"),
    "language-twice": (entity("      en: Kyiv\n      en: Kiev\n"), "en: Kiev", "given twice"),
    "language-without-name": (entity("      en: {alt: [Kyiv]}\n"), "en: {alt", "no 'name'"),
    "unknown-language-key": (entity("      en: {name: Kyiv, alias: [Kiev]}\n"), "alias", "unknown key 'alias'"),
    "form-listed-twice": (entity("      en: {name: Kyiv, alt: [Kyiiv, Kyiiv]}\n"), "alt: [Kyiiv", "listed twice"),
    "accepted-and-deprecated": (entity("      en: {name: Kyiv, alt: [Kiev], deprecated: [Kiev]}\n"), "alt: [Kiev]", "both accepted and deprecated"),
    "deprecated-is-preferred": (entity("      en: {name: Kyiv, deprecated: [Kyiv]}\n"), "deprecated: [Kyiv]", "corrects to itself"),
    "empty-form": (entity("      en: {name: Kyiv, alt: ['']}\n"), "alt: ['']", "empty"),
    "form-with-white-space": (entity("      en: {name: Kyiv, alt: [' Kiev']}\n"), "' Kiev'", "white space"),
    "form-with-line-break": (entity('      en: {name: Kyiv, alt: ["Ki\\nev"]}\n'), "Ki\\nev", "line break"),
    "form-not-text": (entity("      en: {name: Kyiv, alt: [{x: y}]}\n"), "{x: y}", "must be text"),
    "deprecated-without-form": (entity("      en: {name: Kyiv, deprecated: [{note: old}]}\n"), "note: old", "no 'form'"),
    "unknown-deprecated-key": (entity("      en: {name: Kyiv, deprecated: [{form: Kiev, why: old}]}\n"), "why: old", "unknown key 'why'"),
    "unknown-severity": (entity("      en: Kyiv\n", "    severity: fatal\n"), "severity: fatal", "unknown severity"),
    "empty-file": ("", None, "empty glossary"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_validation_rule(name):
    text, marker, words = BAD[name]
    _, problems = parse(text)
    assert problems, f"{name}: no problem reported"
    matching = [(line, message) for line, message in problems if words in message]
    assert matching, f"{name}: no problem says {words!r}: {problems}"
    if marker is not None:
        expected_line = line_of(text, marker)
        assert expected_line in [line for line, _ in matching], f"{name}: expected line {expected_line}, got {matching}"
    else:
        assert all(line >= 1 for line, _ in matching)


def test_invalid_yaml_names_the_line():
    text = "entities:\n  - id: kyiv\n    type: city\n    names: {en: [Kyiv\n"
    _, problems = parse(text)
    [(line, message)] = problems
    assert "not valid YAML" in message and line >= 4


def test_language_must_be_an_iso_639_1_code():
    text = entity("      en: Kyiv\n      ua: Київ\n")
    _, problems = parse(text)
    assert any(line == line_of(text, "ua:") and "ISO 639-1" in message for line, message in problems), problems


def test_yaml_1_1_surprises_are_text():
    # "NO" (Norway's code) and "yes"/"null"/"1986" are read as text, never as booleans or numbers.
    text = entity("      en: {name: 'NO', alt: [yes, null, 1986, 'off']}\n")
    entities, problems = parse(text)
    assert problems == []
    assert entities[0].names["en"].accepted() == ("NO", "yes", "null", "1986", "off")


def test_every_problem_is_reported_at_once():
    text = (
        "entities:\n"
        "  - id: Bad_Id\n    type: city\n    names: {en: Kyiv}\n"
        "  - id: kyiv\n    type: city\n    names: {en: {name: Kyiv, deprecated: [Kyiv]}}\n"
        "  - id: odesa\n    type: city\n    names: {EN: Odesa}\n"
    )
    _, problems = parse(text)
    lines = sorted({line for line, _ in problems})
    assert lines == [line_of(text, "Bad_Id"), line_of(text, "deprecated: [Kyiv]"), line_of(text, "EN: Odesa")]


def test_load_raises_glossary_error_with_path_and_line(tmp_path):
    from tqcheck.errors import GlossaryError
    from tqcheck.glossary.load import load_glossaries

    path = tmp_path / "bad.yaml"
    text = entity("      en: {name: Kyiv, deprecated: [Kyiv]}\n")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossaries([path])
    assert info.value.path == str(path) and info.value.line == line_of(text, "deprecated: [Kyiv]")
    assert str(info.value).startswith(f"{path}:{info.value.line}: ")


def test_duplicate_id_across_files(tmp_path):
    from tqcheck.errors import GlossaryError
    from tqcheck.glossary.load import load_glossaries

    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    second = "entities:\n  - id: odesa\n    type: city\n    names: {en: Odesa}\n  - id: kyiv\n    type: city\n    names: {en: Kyiv}\n"
    (tmp_path / "b.yaml").write_text(second, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossaries([tmp_path / "a.yaml", tmp_path / "b.yaml"])
    assert info.value.path == str(tmp_path / "b.yaml")
    assert info.value.line == line_of(second, "id: kyiv")
    assert "duplicate id 'kyiv'" in info.value.message and "a.yaml" in info.value.message


def test_duplicate_id_in_one_file(tmp_path):
    from tqcheck.errors import GlossaryError
    from tqcheck.glossary.load import load_glossaries

    text = GOOD + "  - id: kyiv\n    type: city\n    names: {en: Kyiv}\n"
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossaries([tmp_path / "a.yaml"])
    assert info.value.line == text.count("\n", 0, text.rindex("- id: kyiv")) + 1


def test_glossary_not_utf8(tmp_path):
    from tqcheck.errors import GlossaryError
    from tqcheck.glossary.load import load_glossaries

    path = tmp_path / "latin1.yaml"
    path.write_bytes(entity("      en: Kyiv\n      fr: Kiev\n      de: Kiew\n      es: Kíev\n").encode("latin-1"))
    with pytest.raises(GlossaryError) as info:
        load_glossaries([path])
    assert info.value.line == 8 and "UTF-8" in info.value.message


# -- tqcheck glossary validate -------------------------------------------------------------------

def test_validate_good_file(cli, tmp_path):
    result = cli("glossary", "validate", str(MINI), cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    assert "1 file(s)" in result.stdout and "0 problem(s)" in result.stdout


def test_validate_bad_file_lists_every_problem(cli, tmp_path):
    text = (
        "entities:\n"
        "  - id: Bad_Id\n    type: city\n    names: {en: Kyiv}\n"
        "  - id: kyiv\n    type: city\n    names: {en: {name: Kyiv, alt: [Kiev], deprecated: [Kiev]}}\n"
    )
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    result = cli("glossary", "validate", "bad.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr_lines
    assert f"bad.yaml:{line_of(text, 'Bad_Id')}: id 'Bad_Id' is not kebab-case (a-z, 0-9 and single hyphens)" in lines
    assert f"bad.yaml:{line_of(text, 'deprecated: [Kiev]')}: kyiv/en: form 'Kiev' is both accepted and deprecated" in lines
    assert all(line.startswith("bad.yaml:") for line in lines)
    assert f"{len(lines)} problem(s)" in result.stdout


def test_validate_duplicate_ids_across_files(cli, tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    result = cli("glossary", "validate", "a.yaml", "b.yaml", cwd=tmp_path)
    assert result.code == 2
    [line] = result.stderr_lines
    assert line.startswith(f"b.yaml:{line_of(GOOD, 'id: kyiv')}: duplicate id 'kyiv'")


def test_validate_unreadable_file(cli, tmp_path):
    result = cli("glossary", "validate", "missing.yaml", cwd=tmp_path)
    assert result.code == 2 and "missing.yaml" in result.stderr and "Traceback" not in result.stderr


def test_validate_default_is_the_shipped_glossaries(cli, tmp_path):
    from tqcheck.glossary.files import default_glossary_paths

    result = cli("glossary", "validate", cwd=tmp_path)
    assert f"{len(default_glossary_paths())} file(s)" in result.stdout
    assert result.code == 0, result.stderr


# -- CSV / TSV import ---------------------------------------------------------------------------

CSV_TABLE = """\
id,type,lang,name,alt,short,deprecated,note
kyiv,city,en,Kyiv,,,Kiev,Kyiv since AP 2019
kyiv,city,fr,Kyiv,Kiev,,,
kyiv,city,de,Kyjiw,Kiew,,,
vladimir-putin,person,en,Vladimir Putin,,Putin,,
vladimir-putin,person,ru,Владимир Путин,,Путин,,
washington,city,en,"Washington, D.C.",Washington|DC,,,
"""


def table_to_yaml(text, path="table.csv", name="imported"):
    from tqcheck.glossary.tabular import table_to_yaml as convert

    return convert(text, path, name)


def loaded(yaml_text):
    entities, problems = parse(yaml_text)
    assert problems == [], problems
    return {e.id: e for e in entities}


def test_csv_import_round_trips_through_the_loader():
    yaml_text, count = table_to_yaml(CSV_TABLE, "terms.csv", "terms")
    assert count == 3
    entities = loaded(yaml_text)
    assert list(entities) == ["kyiv", "vladimir-putin", "washington"]
    kyiv = entities["kyiv"]
    assert kyiv.type == "city" and sorted(kyiv.names) == ["de", "en", "fr"]
    assert kyiv.names["en"].name == "Kyiv" and kyiv.names["en"].deprecated == (("Kiev", "Kyiv since AP 2019"),)
    assert kyiv.names["fr"].alt == ("Kiev",) and kyiv.names["de"].alt == ("Kiew",)
    assert entities["vladimir-putin"].names["ru"].short == ("Путин",)
    assert entities["washington"].names["en"].name == "Washington, D.C."
    assert entities["washington"].names["en"].alt == ("Washington", "DC")
    import yaml

    assert yaml.safe_load(yaml_text)["meta"]["name"] == "terms"


def test_tsv_import_uses_tabs():
    table = "id\ttype\tlang\tname\talt\nwashington\tcity\ten\tWashington, D.C.\tWashington | DC\n"
    entities = loaded(table_to_yaml(table, "terms.tsv")[0])
    names = entities["washington"].names["en"]
    assert names.name == "Washington, D.C." and names.alt == ("Washington", "DC")


def test_import_one_note_per_deprecated_form():
    table = ("id,type,lang,name,deprecated,note\n"
             "belarus,country,en,Belarus,Byelorussia|Belorussia,Soviet-era spelling|Russian-based spelling\n")
    names = loaded(table_to_yaml(table)[0])["belarus"].names["en"]
    assert names.deprecated == (("Byelorussia", "Soviet-era spelling"), ("Belorussia", "Russian-based spelling"))


def test_import_crlf_quoted_line_breaks_keep_row_lines():
    from tqcheck.errors import GlossaryError

    table = 'id,type,lang,name,note\r\nkyiv,city,en,Kyiv,"a note\r\nover two lines"\r\nBad,city,en,Bad\r\n'
    with pytest.raises(GlossaryError) as info:
        table_to_yaml(table)
    lines = [line for line, _ in info.value.problems]
    assert lines == [2, 4], info.value.problems


def mini_as_rows() -> list[dict]:
    """tests/fixtures/mini.yaml as a terminologist's table (one row per entity and language)."""
    from tqcheck.glossary.load import load_glossaries

    rows = []
    for e in load_glossaries([MINI]).entities:
        for lang, n in e.names.items():
            rows.append({
                "id": e.id, "type": e.type, "lang": lang, "name": n.name, "alt": "|".join(n.alt),
                "short": "|".join(n.short), "inflected": "|".join(n.inflected),
                "deprecated": "|".join(f for f, _ in n.deprecated), "note": "|".join(note for _, note in n.deprecated),
                "description": e.description, "ignore": "|".join(e.ignore),
                "severity": e.severity.label if e.severity else "",
            })
    return rows


@pytest.mark.parametrize("suffix, delimiter", [(".csv", ","), (".tsv", "\t")])
def test_mini_glossary_round_trips_through_a_table(suffix, delimiter):
    from tqcheck.glossary.load import load_glossaries

    rows = mini_as_rows()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    yaml_text, count = table_to_yaml(out.getvalue(), "mini" + suffix)
    original = load_glossaries([MINI]).entities
    again = list(loaded(yaml_text).values())
    assert count == len(original)
    for a, b in zip(original, again):
        assert (a.id, a.type, a.description, a.ignore, a.severity) == (b.id, b.type, b.description, b.ignore, b.severity)
        assert a.names == b.names, a.id


# (table, line of the problem, words the message must hold)
BAD_TABLES = {
    "missing-column": ("id,type,name\nkyiv,city,Kyiv\n", 1, "missing column 'lang'"),
    "unknown-column": ("id,type,lang,name,alias\nkyiv,city,en,Kyiv,Kiev\n", 1, "unknown column 'alias'"),
    "duplicate-column": ("id,type,lang,name,alt,alt\nkyiv,city,en,Kyiv,,\n", 1, "given twice"),
    "empty-table": ("", 1, "empty"),
    "header-only": ("id,type,lang,name\n", 1, "no rows"),
    "id-not-kebab-case": ("id,type,lang,name\nkyiv,city,en,Kyiv\nKyiv City,city,fr,Kyiv\n", 3, "kebab-case"),
    "empty-name": ("id,type,lang,name\nkyiv,city,en,\n", 2, "empty 'name'"),
    "empty-type": ("id,type,lang,name\nkyiv,,en,Kyiv\n", 2, "empty 'type'"),
    "bad-language": ("id,type,lang,name\nkyiv,city,en,Kyiv\nkyiv,city,ua,Київ\n", 3, "ISO 639-1"),
    "type-conflict": ("id,type,lang,name\nkyiv,city,en,Kyiv\nkyiv,country,fr,Kyiv\n", 3, "type 'country' differs"),
    "language-twice": ("id,type,lang,name\nkyiv,city,en,Kyiv\n\nkyiv,city,en,Kiev\n", 4, "second row"),
    "accepted-and-deprecated": ("id,type,lang,name,alt,deprecated\nkyiv,city,en,Kyiv,Kiev,Kiev\n", 2, "both accepted and deprecated"),
    "deprecated-is-preferred": ("id,type,lang,name,deprecated\nkyiv,city,en,Kyiv,Kyiv\n", 2, "corrects to itself"),
    "form-twice": ("id,type,lang,name,alt\nkyiv,city,en,Kyiv,Kyyiv|Kyyiv\n", 2, "listed twice"),
    "note-without-deprecated": ("id,type,lang,name,note\nkyiv,city,en,Kyiv,since 2019\n", 2, "no deprecated form"),
    "notes-do-not-match-forms": ("id,type,lang,name,deprecated,note\nkyiv,city,en,Kyiv,Kiev|Kiew,a|b|c\n", 2, "3 notes for 2"),
    "extra-cells": ("id,type,lang,name\nwashington,city,en,Washington, D.C.\n", 2, "cells but 4 columns"),
    "several-names": ("id,type,lang,name\nkyiv,city,en,Kyiv|Kiev\n", 2, "one preferred form"),
    "bad-severity": ("id,type,lang,name,severity\nkyiv,city,en,Kyiv,fatal\n", 2, "unknown severity"),
}


@pytest.mark.parametrize("name", sorted(BAD_TABLES))
def test_import_error_names_the_row(name):
    from tqcheck.errors import GlossaryError

    table, line, words = BAD_TABLES[name]
    with pytest.raises(GlossaryError) as info:
        table_to_yaml(table)
    assert info.value.path == "table.csv"
    assert any(l == line and words in m for l, m in info.value.problems), info.value.problems


def test_import_reports_every_bad_row():
    from tqcheck.errors import GlossaryError

    table = "id,type,lang,name\nBad,city,en,X\nkyiv,city,en,Kyiv\nkyiv,city,zz,Kyiv\nodesa,,en,Odesa\n"
    with pytest.raises(GlossaryError) as info:
        table_to_yaml(table)
    assert sorted(line for line, _ in info.value.problems) == [2, 4, 5]


def test_glossary_import_command(cli, tmp_path):
    (tmp_path / "terms.csv").write_bytes(b"\xef\xbb\xbf" + CSV_TABLE.encode("utf-8"))  # Excel writes a BOM
    result = cli("glossary", "import", "terms.csv", "-o", "out/terms.yaml", "--name", "terms", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert "3 entities" in result.stdout
    assert cli("glossary", "validate", "out/terms.yaml", cwd=tmp_path).code == 0
    (tmp_path / "article.txt").write_text("Kiev said so.\n", encoding="utf-8")
    result = cli("check", "--isolated", "--src", "uk", "--tgt", "en", "--no-default-glossaries", "-g", "out/terms.yaml",
                 "article.txt", cwd=tmp_path)
    assert result.code == 1 and "deprecated-form" in result.stdout and "Kyiv" in result.stdout


def test_glossary_import_command_bad_table(cli, tmp_path):
    (tmp_path / "terms.tsv").write_text("id\ttype\tlang\tname\nkyiv\tcity\ten\tKyiv\nkyiv\tcity\tua\tКиїв\n", encoding="utf-8")
    result = cli("glossary", "import", "terms.tsv", "-o", "terms.yaml", cwd=tmp_path)
    assert result.code == 2
    [line] = result.stderr_lines
    assert "terms.tsv:3:" in line and "'ua'" in line and "Traceback" not in result.stderr
    assert not (tmp_path / "terms.yaml").exists()


# -- the shipped glossaries (data tests) --------------------------------------------------------

SEVEN = ("en", "fr", "de", "es", "it", "ru", "uk")

# Entities that may share an accepted form in some language, and why. Nothing else may.
SHARED_FORMS_ALLOWED = {
    frozenset({"algeria", "algiers"}): "the capital is called like its country (ru/uk Алжир)",
    frozenset({"djibouti", "djibouti-city"}): "the capital is called like its country (fr Djibouti, de Dschibuti…)",
    frozenset({"guatemala", "guatemala-city"}): "the capital is called like its country (ru/uk Гватемала)",
    frozenset({"luxembourg", "luxembourg-city"}): "the capital is called like its country (ru/uk Люксембург)",
    frozenset({"panama", "panama-city"}): "the capital is called like its country (ru/uk Панама)",
    frozenset({"tunis", "tunisia"}): "the capital is called like its country (es Túnez, ru Тунис, uk Туніс)",
}

UN_MEMBERS = [
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda", "Argentina", "Armenia",
    "Australia", "Austria", "Azerbaijan", "Bahamas|The Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus",
    "Belgium", "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei",
    "Bulgaria", "Burkina Faso", "Burundi", "Cape Verde|Cabo Verde", "Cambodia", "Cameroon", "Canada",
    "Central African Republic", "Chad", "Chile", "China", "Colombia", "Comoros",
    "Republic of the Congo|Republic of Congo|Congo-Brazzaville", "Costa Rica", "Ivory Coast|Côte d'Ivoire",
    "Croatia", "Cuba", "Cyprus", "Czech Republic|Czechia", "Democratic Republic of the Congo|DR Congo",
    "Denmark", "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea",
    "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia|The Gambia",
    "Georgia", "Germany", "Ghana", "Greece", "Grenada", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti",
    "Honduras", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Jamaica",
    "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon",
    "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia",
    "Maldives", "Mali", "Malta", "Marshall Islands", "Mauritania", "Mauritius", "Mexico", "Micronesia", "Moldova",
    "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar|Burma", "Namibia", "Nauru", "Nepal",
    "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea", "North Macedonia", "Norway", "Oman",
    "Pakistan", "Palau", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland", "Portugal",
    "Qatar", "South Korea", "Romania", "Russia", "Rwanda", "Saint Kitts and Nevis", "Saint Lucia",
    "Saint Vincent and the Grenadines", "Samoa", "San Marino", "Sao Tome and Principe|São Tomé and Príncipe",
    "Saudi Arabia", "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore", "Slovakia", "Slovenia",
    "Solomon Islands", "Somalia", "South Africa", "South Sudan", "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden",
    "Switzerland", "Syria", "Tajikistan", "Tanzania", "Thailand", "East Timor|Timor-Leste", "Togo", "Tonga",
    "Trinidad and Tobago", "Tunisia", "Turkey|Türkiye", "Turkmenistan", "Tuvalu", "Uganda", "Ukraine",
    "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan", "Vanuatu", "Venezuela",
    "Vietnam", "Yemen", "Zambia", "Zimbabwe",
]
UN_OBSERVERS = ["Vatican City|Holy See|Vatican", "Palestine|State of Palestine"]
UKRAINIAN_OBLAST_CENTRES = [
    "Cherkasy", "Chernihiv", "Chernivtsi", "Dnipro", "Donetsk", "Ivano-Frankivsk", "Kharkiv", "Kherson",
    "Khmelnytskyi|Khmelnytskyy|Khmelnytsky", "Kropyvnytskyi|Kropyvnytskyy", "Kyiv", "Luhansk", "Lutsk", "Lviv",
    "Mykolaiv", "Odesa", "Poltava", "Rivne", "Sumy", "Ternopil", "Uzhhorod", "Vinnytsia",
    "Zaporizhzhia|Zaporizhia", "Zhytomyr",
]


@pytest.fixture(scope="module")
def shipped():
    from tqcheck.glossary.files import default_glossary_paths
    from tqcheck.glossary.load import load_glossaries

    paths = default_glossary_paths()
    assert paths, "no shipped glossaries found (glossaries/*.yaml)"
    return load_glossaries(paths).entities


def test_shipped_glossaries_load_without_problems():
    from tqcheck.glossary.files import default_glossary_paths, read_glossary_file
    from tqcheck.glossary.load import cross_file_problems, parse_glossary_text

    everything = []
    for path in default_glossary_paths():
        entities, problems = parse_glossary_text(read_glossary_file(path), str(path))
        assert problems == [], f"{path.name}: {problems[:5]}"
        assert entities, f"{path.name}: no entities"
        everything.extend(entities)
    assert cross_file_problems(everything) == [], "duplicate ids across the shipped glossaries"


def test_no_duplicate_ids(shipped):
    ids = [e.id for e in shipped]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def _forms_by_language(entities, accepted=True):
    result: dict = {}
    for e in entities:
        for lang, names in e.names.items():
            for form, kind, _ in names.forms():
                if (kind != "deprecated") == accepted:
                    result.setdefault((lang, form), set()).add(e.id)
    return result


def test_no_form_is_accepted_for_two_entities(shipped):
    shared = {key: ids for key, ids in _forms_by_language(shipped).items() if len(ids) > 1}
    unexplained = sorted(
        (lang, form, sorted(ids)) for (lang, form), ids in shared.items()
        if not all(frozenset(pair) in SHARED_FORMS_ALLOWED for pair in _pairs(ids))
    )
    assert not unexplained, f"forms accepted for several entities (fix, or explain in SHARED_FORMS_ALLOWED): {unexplained}"


def test_shared_forms_allow_list_is_not_stale(shipped):
    shared_pairs = {frozenset(p) for ids in _forms_by_language(shipped).values() if len(ids) > 1 for p in _pairs(ids)}
    stale = [sorted(pair) for pair in SHARED_FORMS_ALLOWED if pair not in shared_pairs]
    assert not stale, f"SHARED_FORMS_ALLOWED entries that no longer share a form: {stale}"


def _pairs(ids):
    ids = sorted(ids)
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]


def test_no_deprecated_form_is_a_preferred_form(shipped):
    preferred = {(lang, names.name): e.id for e in shipped for lang, names in e.names.items()}
    clashes = sorted(
        (lang, form, sorted(ids), preferred[(lang, form)])
        for (lang, form), ids in _forms_by_language(shipped, accepted=False).items() if (lang, form) in preferred
    )
    assert not clashes, f"deprecated forms that are the preferred form of an entity in the same language: {clashes}"


def test_no_deprecated_form_is_accepted_elsewhere(shipped):
    accepted = _forms_by_language(shipped)
    clashes = sorted(
        (lang, form, sorted(ids), sorted(accepted[(lang, form)]))
        for (lang, form), ids in _forms_by_language(shipped, accepted=False).items() if (lang, form) in accepted
    )
    assert not clashes, f"forms deprecated for one entity and accepted for another in the same language: {clashes}"


def test_every_entity_has_english_and_five_core_languages(shipped):
    missing_en = [e.id for e in shipped if "en" not in e.names]
    thin = [(e.id, sorted(set(e.names) & set(SEVEN))) for e in shipped if len(set(e.names) & set(SEVEN)) < 5]
    assert not missing_en, f"entities without English: {missing_en}"
    assert not thin, f"entities with fewer than 5 of {SEVEN}: {thin}"


def test_at_least_150_people(shipped):
    people = [e for e in shipped if e.type == "person"]
    assert len(people) >= 150, f"{len(people)} people"


def _english_forms(entities, types):
    return {form for e in entities if e.type in types and "en" in e.names for form in e.names["en"].accepted()}


def test_every_country(shipped):
    assert len(UN_MEMBERS) == 193
    forms = _english_forms(shipped, {"country"})
    missing = [c for c in UN_MEMBERS + UN_OBSERVERS if not set(c.split("|")) & forms]
    assert not missing, f"countries without an entity (English forms): {missing}"


def test_every_ukrainian_oblast_centre(shipped):
    assert len(UKRAINIAN_OBLAST_CENTRES) == 24
    forms = _english_forms(shipped, {"city"})
    missing = [c for c in UKRAINIAN_OBLAST_CENTRES if not set(c.split("|")) & forms]
    assert not missing, f"oblast centres without a city entity: {missing}"
    for e in shipped:
        if e.type == "city" and "en" in e.names and e.names["en"].name in {c.split("|")[0] for c in UKRAINIAN_OBLAST_CENTRES}:
            assert "uk" in e.names and "ru" in e.names, f"{e.id}: no Ukrainian or Russian form"


def test_shipped_glossaries_are_in_the_package():
    from tqcheck.glossary.files import default_glossary_paths

    root = Path(__file__).resolve().parent.parent / "glossaries"
    assert sorted(p.name for p in default_glossary_paths()) == sorted(p.name for p in root.glob("*.yaml"))


def test_mini_fixture_is_valid():
    from tqcheck.glossary.load import load_glossaries

    assert len(load_glossaries([MINI]).entities) >= 10
    assert MINI_ARGS[-1] == str(MINI)


def test_a_glossary_is_hashed_in_pieces_as_if_whole(tmp_path):
    """The compiled-glossary cache key: the file's bytes fed through a small buffer give the digest
    of the whole file (a file larger than the buffer, and an empty one)."""
    import hashlib

    from tqcheck.errors import GlossaryError
    from tqcheck.glossary.files import hash_glossary_bytes

    for size in (0, 1, (1 << 18) - 1, (1 << 18) + 7, 3 * (1 << 18)):
        path = tmp_path / f"g{size}.yaml"
        data = bytes((i * 7) % 251 for i in range(size))
        path.write_bytes(data)
        digest = hashlib.sha256()
        hash_glossary_bytes(digest, path)
        assert digest.hexdigest() == hashlib.sha256(data).hexdigest(), size
    with pytest.raises(GlossaryError, match="cannot read glossary"):
        hash_glossary_bytes(hashlib.sha256(), tmp_path / "missing.yaml")
