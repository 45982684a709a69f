"""Meta-tests (proselint's idea): every check is registered, documented, and specified by cases.

- every module in tqcheck/checks/ that defines a check is in the registry, and the other way round;
- every check module has ID (kebab-case), SEVERITY, a docstring whose first line is the summary and
  which shows a flagged and a clean example, `check`, and well-typed OPTIONS/IN_QUOTES/NEEDS_SOURCE;
- every registered check has tests/cases/<id>.yaml with flagged and clean cases in several language
  pairs (into English and out of English), and no case file names an unknown rule;
- the examples in the docstrings (the user documentation) do what they say.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from types import ModuleType

import pytest

from conftest import CASES
from test_cases import case_files, clean_for, flagged_for, load_case_file

KEBAB = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
HELPER_MODULES = {"base"}  # modules of tqcheck.checks that are not checks (besides _private ones)


def _registry():
    from tqcheck.checks import CHECKS

    return CHECKS


def _check_modules() -> dict[str, ModuleType]:
    import tqcheck.checks as package

    modules = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_") or info.name in HELPER_MODULES:
            continue
        modules[info.name] = importlib.import_module(f"tqcheck.checks.{info.name}")
    return modules


def test_every_check_module_is_registered():
    registered = {check.run.__module__ for check in _registry().values()}
    modules = _check_modules()
    assert modules, "no check modules found"
    missing = sorted(name for name, module in modules.items() if module.__name__ not in registered)
    assert not missing, f"check modules not in the registry (tqcheck/checks/__init__.py): {missing}"


def test_registry_ids_match_modules():
    from tqcheck.checks import INTERNAL_ERROR, rule_ids

    for rule, check in _registry().items():
        module = importlib.import_module(check.run.__module__)
        assert module.ID == rule == check.id
        assert check.run is module.check
    assert INTERNAL_ERROR == "internal-error"
    assert INTERNAL_ERROR not in _registry()
    assert rule_ids()[-1] == INTERNAL_ERROR and len(set(rule_ids())) == len(rule_ids())


@pytest.mark.parametrize("name", sorted(_check_modules()))
def test_check_module_contract(name):
    from tqcheck.findings import Severity

    module = _check_modules()[name]
    assert isinstance(getattr(module, "ID", None), str), f"{name}: no ID"
    assert KEBAB.match(module.ID), f"{name}: ID {module.ID!r} is not kebab-case"
    assert module.ID.replace("-", "_") == name, f"{name}: module name and ID {module.ID!r} differ"
    assert isinstance(getattr(module, "SEVERITY", None), Severity), f"{name}: SEVERITY is not a Severity"
    assert callable(getattr(module, "check", None)), f"{name}: no check(ctx)"
    doc = (module.__doc__ or "").strip()
    assert doc, f"{name}: no docstring"
    summary = doc.splitlines()[0]
    assert summary.endswith(".") and len(summary) <= 100, f"{name}: first docstring line is not a one-line summary"
    assert re.search(r"^Flagged \(", doc, re.MULTILINE), f"{name}: the docstring shows no flagged example"
    assert re.search(r"^Clean \(", doc, re.MULTILINE), f"{name}: the docstring shows no clean example"
    for flag in ("IN_QUOTES", "NEEDS_SOURCE"):
        assert isinstance(getattr(module, flag, False), bool), f"{name}: {flag} must be a bool"
    options = getattr(module, "OPTIONS", {})
    assert isinstance(options, dict), f"{name}: OPTIONS must be a dict"
    for key, value in options.items():
        assert KEBAB.match(key), f"{name}: option {key!r} is not kebab-case"
        assert isinstance(value, (bool, int, float, str, list)), f"{name}: option {key!r} has a value of type {type(value).__name__}"
    assert "in-quotes" not in options, f"{name}: 'in-quotes' is set with IN_QUOTES, not OPTIONS"


# -- case files ---------------------------------------------------------------------------------

def test_every_registered_check_has_a_case_file():
    have = {path.stem for path in case_files()}
    missing = sorted(set(_registry()) - have)
    assert not missing, f"checks without tests/cases/<id>.yaml: {missing}"


def test_every_case_file_names_a_registered_check():
    unknown = sorted({path.stem for path in case_files()} - set(_registry()))
    assert not unknown, f"case files for unknown rules: {unknown}"
    assert sorted(p.name for p in CASES.iterdir() if p.is_file()) == sorted(p.name for p in case_files()), \
        "tests/cases/ holds files that are not <rule-id>.yaml"


def _pairs(cases):
    return {(c.get("src"), c["tgt"]) for c in cases}


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
def test_case_file_covers_flagged_and_clean_in_several_pairs(path):
    data = load_case_file(path)
    rule = data["rule"]
    cases = data["cases"]
    flagged = [c for c in cases if flagged_for(rule, c)]
    clean = [c for c in cases if clean_for(rule, c)]
    assert flagged, f"{path.name}: no flagged case"
    assert clean, f"{path.name}: no clean case"
    # Cases that are not expected failures: the spec must hold today in several pairs.
    working_flagged = [c for c in flagged if "xfail" not in c]
    working_clean = [c for c in clean if "xfail" not in c]
    assert working_flagged and working_clean, f"{path.name}: every flagged or every clean case is an xfail"
    assert len(_pairs(cases)) >= 3, f"{path.name}: cases in fewer than 3 language pairs: {_pairs(cases)}"
    for kind, group in (("flagged", flagged), ("clean", clean)):
        targets = {tgt for _, tgt in _pairs(group)}
        assert "en" in targets, f"{path.name}: no {kind} case into English"
        assert targets - {"en"}, f"{path.name}: no {kind} case out of English (into fr, de, …)"
        sources = {src for src, tgt in _pairs(group) if tgt == "en"}
        assert len(sources) >= 2, f"{path.name}: {kind} cases into English from one source language only"


def test_case_files_use_valid_language_codes():
    from tqcheck.languages import is_valid

    for path in case_files():
        for case in load_case_file(path)["cases"]:
            for key in ("src", "tgt"):
                value = case.get(key)
                assert value is None or is_valid(value), f"{path.name}/{case['name']}: {key} {value!r}"


def test_case_expectations_name_registered_rules():
    from tqcheck.checks import rule_ids

    known = set(rule_ids())
    for path in case_files():
        for case in load_case_file(path)["cases"]:
            named = {item.get("rule", path.stem) for item in case.get("expected") or ()}
            if isinstance(case.get("clean"), list):
                named |= set(case["clean"])
            assert named <= known, f"{path.name}/{case['name']}: unknown rules {sorted(named - known)}"


# -- the docstring examples do what they say ----------------------------------------------------

EXAMPLE = re.compile(r"^(Flagged|Clean) \(([^)]*)\):(.*?)(?=^(?:Flagged|Clean) \(|^\S*$|\Z)", re.MULTILINE | re.DOTALL)
QUOTED = re.compile(r'"([^"]+)"')
WITH_SOURCE = re.compile(r'source "([^"]+)",?\s+translation "([^"]+)"')
# Docstring examples known to be wrong today: (rule, kind, text) -> reason; strict xfails.
KNOWN_WRONG_EXAMPLES: dict = {}


def docstring_examples():
    """(rule, kind, src, tgt, text, source) for every example in the checks' docstrings:
    `Flagged (fr → en): "text" → "message"`, `Clean (en): "text"; "text"`, and for checks that
    compare with the source `Flagged (ru → en): source "…", translation "…" → "message"`."""
    for rule, check in sorted(_registry().items()):
        for kind, langs, body in EXAMPLE.findall(check.doc):
            src, _, tgt = langs.partition("→")
            src, tgt = (src.strip(), tgt.strip()) if tgt else (None, langs.strip())
            head = body.split("→")[0] if kind == "Flagged" else body
            head = re.sub(r"\s+", " ", head)
            pairs = [(translation, source) for source, translation in WITH_SOURCE.findall(head)]
            examples = pairs or [(text, None) for text in QUOTED.findall(head)]
            if kind == "Flagged":
                examples = examples[:1]
            for text, source in examples:
                reason = KNOWN_WRONG_EXAMPLES.get((rule, kind, text))
                marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
                yield pytest.param(rule, kind, src, tgt, text, source, id=f"{rule}/{kind.lower()}/{text[:40]}", marks=marks)


def test_every_check_documents_examples():
    examples = list(docstring_examples())
    for rule in _registry():
        kinds = {p.values[1] for p in examples if p.values[0] == rule}
        assert kinds == {"Flagged", "Clean"}, f"{rule}: docstring examples found: {sorted(kinds)}"


@pytest.mark.parametrize("rule, kind, src, tgt, text, source", list(docstring_examples()))
def test_docstring_example(make_checker, rule, kind, src, tgt, text, source):
    from tqcheck.document import Document

    checker = make_checker(src, tgt)
    result = checker.check_document(Document(text=text, source=source))
    findings = [f for f in result.findings if f.rule == rule]
    if kind == "Flagged":
        assert findings, f"documented as flagged by {rule}, but not flagged: {text!r}"
    else:
        assert not findings, f"documented as clean for {rule}, but flagged: {[(f.text, f.message) for f in findings]}"
