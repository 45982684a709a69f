"""The shipped JSON Schema describes `--format json` exactly: real outputs validate, and every
field the output carries is documented in the schema (no silent drift of the contract)."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from tqcheck.checks import INTERNAL_ERROR
from tqcheck.document import Document
from tqcheck.findings import DocumentResult, Finding, Report, Severity
from tqcheck.formatters import json_format
from tqcheck.readers import jsonl

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/000_d179e931f6170d12.txt"


@pytest.fixture(scope="module")
def schema() -> dict:
    text = resources.files("tqcheck.schemas").joinpath("tqcheck-output.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def checker(make_checker):
    return make_checker("fr", "en")


def output(report) -> dict:
    return json.loads(json_format.render(report))


def assert_valid(validator, data) -> None:
    errors = list(validator.iter_errors(data))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def assert_documented(schema, data) -> None:
    """Every key the output carries is a property the schema names."""
    defs = schema["$defs"]
    assert set(data) <= set(schema["properties"])
    for f in data["findings"]:
        assert set(f) <= set(defs["finding"]["properties"]), set(f) - set(defs["finding"]["properties"])
    for d in data["documents"]:
        assert set(d) <= set(defs["document"]["properties"]), set(d) - set(defs["document"]["properties"])
    assert set(data["summary"]) <= set(defs["summary"]["properties"])


def test_seed_output(checker, validator, schema, monkeypatch):
    monkeypatch.chdir(ROOT)
    text = (ROOT / SEED).read_text(encoding="utf-8")
    data = output(checker.check_documents([Document(text=text, path=SEED)]))
    assert_valid(validator, data)
    assert_documented(schema, data)
    assert len(data["findings"]) == 4 and data["summary"]["by_severity"]["major"] == 3
    # Every field of a finding is present, and says what the schema says it does.
    required = schema["$defs"]["finding"]["required"]
    for f in data["findings"]:
        assert list(f) == required
        assert text[f["start"]:f["end"]] == f["text"]
        assert text.split("\n")[f["line"] - 1][f["column"] - 1:f["end_column"] - 1] == f["text"]


def test_jsonl_output_with_ids_sources_and_errors(checker, validator, schema):
    lines = [
        json.dumps({"id": "a1", "target": "He met Vladimir Poutine in Kiev.", "source": "Il a rencontré Vladimir Poutine à Kiev."}),
        "{not json",
        json.dumps({"target": "Nothing to see here today.", "src_lang": "fr", "tgt_lang": "en"}),
    ]
    docs, errors = jsonl.read("\n".join(lines), "batch.jsonl")
    data = output(checker.check_documents(docs, [str(e) for e in errors]))
    assert_valid(validator, data)
    assert_documented(schema, data)
    assert [d["doc_id"] for d in data["documents"]] == ["a1", "line-3"]
    assert data["summary"]["errors"] and data["findings"][0]["doc_id"] == "a1"


def test_every_optional_field(validator, schema):
    crash = Finding(rule=INTERNAL_ERROR, start=0, end=0, text="", message="check 'x' crashed", severity=Severity.MAJOR,
                    line=1, column=1, end_line=1, end_column=1, path="a.txt", unit="p1", entity=None)
    info = Finding(rule="word-typo", start=2, end=5, text="abc", message="m", severity=Severity.INFO, suggestions=("a", "b"),
                   line=1, column=3, end_line=1, end_column=6, path="a.txt", confidence=0.42)
    docs = (
        DocumentResult(path="a.txt", doc_id=None, words=10, findings=(crash, info), penalty=500.0, passed=False,
                       src_lang="fr", tgt_lang="en", tgt_lang_detected=True, text="x abc", scores={"bleu": 12.5, "chrf": 40.0}),
        DocumentResult(path="b.txt", doc_id=None, words=0, findings=(), penalty=0.0, passed=False,
                       error="cannot tell the target language; give --tgt"),
    )
    data = output(Report(documents=docs, errors=("c.txt: no such file",), scores={"bleu": 12.5}))
    assert_valid(validator, data)
    assert_documented(schema, data)
    assert "scores" in data["documents"][0] and "error" in data["documents"][1] and "scores" in data["summary"]


def test_schema_rejects_what_the_contract_forbids(checker, validator, monkeypatch):
    monkeypatch.chdir(ROOT)
    text = (ROOT / SEED).read_text(encoding="utf-8")
    good = output(checker.check_documents([Document(text=text, path=SEED)]))
    for path, value in ((("findings", 0, "severity"), "fatal"), (("findings", 0, "line"), 0),
                        (("summary", "by_severity", "major"), "3"), (("documents", 0, "passed"), "no")):
        bad = json.loads(json.dumps(good))
        target = bad
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        assert not validator.is_valid(bad), path
    missing = json.loads(json.dumps(good))
    del missing["findings"][0]["suggestions"]
    assert not validator.is_valid(missing)
