"""Reference-based scores: sacrebleu BLEU, chrF++ and TER per document and per run, chrF per segment."""
from __future__ import annotations

import json

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from conftest import MINI_ARGS

HYP = ["Putin met Shoigu in Moscow on Sunday.", "The visit lasted three days.", "Kiev was not mentioned."]
REF = ["Putin met Shoigu in Moscow on Sunday.", "The visit went on for three days.", "Kyiv was not mentioned."]


def _corpus(hyps, refs):
    result = {}
    for name, metric in (("bleu", BLEU()), ("chrf++", CHRF(word_order=2)), ("ter", TER())):
        result[name] = round(metric.corpus_score(hyps, [refs]).score, 2)
    return result


def test_document_scores_are_sacrebleu_corpus_scores_over_its_lines(make_checker):
    from tqcheck.document import Document

    doc = Document(text="\n".join(HYP) + "\n", reference="\n".join(REF) + "\n")
    result = make_checker("ru", "en").check_document(doc)
    assert result.scores == _corpus(HYP, REF)


def test_document_with_other_line_counts_is_one_segment(make_checker):
    from tqcheck.document import Document

    doc = Document(text=" ".join(HYP), reference="\n\n".join(REF))
    result = make_checker("ru", "en").check_document(doc)
    assert result.scores == _corpus([" ".join(HYP)], [" ".join(REF)])


def test_records_get_sentence_chrf_and_the_run_gets_corpus_scores(make_checker, tmp_path):
    from tqcheck.readers import parse

    lines = [json.dumps({"id": f"r{i}", "target": h, "reference": r}) for i, (h, r) in enumerate(zip(HYP, REF))]
    lines.append(json.dumps({"id": "no-ref", "target": "Nothing to compare."}))
    docs, _ = parse("\n".join(lines), "batch.jsonl", "jsonl")
    report = make_checker("ru", "en").check_documents(docs)
    chrf = CHRF()
    for result, h, r in zip(report.documents, HYP, REF):
        assert result.scores == {"chrf": round(chrf.sentence_score(h, [r]).score, 2)}
    assert report.documents[-1].scores == {}
    run = report.scores
    assert {k: run[k] for k in ("bleu", "chrf++", "ter")} == _corpus(HYP, REF)
    assert run["documents"] == 3 and run["segments"] == 3
    assert run["signatures"]["bleu"] == "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:" + __import__("sacrebleu").__version__
    assert set(run["signatures"]) == {"bleu", "chrf++", "ter", "chrf"}
    assert "nw:2" in run["signatures"]["chrf++"] and "nw:0" in run["signatures"]["chrf"]


def test_no_reference_no_scores(make_checker):
    from tqcheck.document import Document

    report = make_checker("fr", "en").check_documents([Document(text="Kyiv is the capital.")])
    assert report.scores == {} and report.documents[0].scores == {}
    assert "scores" not in report.summary() and "scores" not in report.documents[0].as_record()


def test_chinese_targets_use_the_chinese_tokenizer():
    from tqcheck.scores import corpus_scores

    scores, signatures = corpus_scores([("他昨天到了莫斯科。", "他昨天抵达莫斯科。")], "zh")
    assert "tok:zh" in signatures["bleu"] and "asian:yes" in signatures["ter"]


TSV = (
    "Путин встретился с Шойгу.\tPutin met Shoigu.\tPutin met Shoigu.\n"
    "Визит длился три дня.\tThe visit lasted three days.\tThe visit went on for three days.\n"
)


def test_text_and_json_output(cli, tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text(TSV, encoding="utf-8")
    text = cli("check", *MINI_ARGS, "--src", "ru", "--tgt", "en", str(path)).stdout
    lines = text.splitlines()
    assert f"{path}[line-1]: scores against the reference: chrF 100.0" in lines
    run = next(line for line in lines if line.startswith("run: "))
    assert "over 2 segment(s) of 2 document(s)" in run and "sacrebleu BLEU nrefs:1|" in run and "chrF++ nrefs:1|" in run
    data = cli("check", *MINI_ARGS, "--src", "ru", "--tgt", "en", "--format", "json", str(path)).json
    assert data["documents"][0]["scores"] == {"chrf": 100.0}
    assert data["summary"]["scores"]["segments"] == 2
    assert data["summary"]["scores"]["bleu"] == _corpus(["Putin met Shoigu.", "The visit lasted three days."],
                                                        ["Putin met Shoigu.", "The visit went on for three days."])["bleu"]


def test_run_scores_survive_parallel_workers(cli, tmp_path):
    for name in ("a.tsv", "b.tsv"):
        (tmp_path / name).write_text(TSV, encoding="utf-8")
    args = [*MINI_ARGS, "--src", "ru", "--tgt", "en", "--format", "json", str(tmp_path / "a.tsv"), str(tmp_path / "b.tsv")]
    serial = cli("check", *args).json["summary"]["scores"]
    parallel = cli("check", "--jobs", "2", *args).json["summary"]["scores"]
    assert serial == parallel and serial["segments"] == 4


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_scores_never_change_the_exit_code(cli, tmp_path, fmt):
    path = tmp_path / "bad.tsv"
    path.write_text("Да.\tCompletely different words here.\tYes.\n", encoding="utf-8")
    result = cli("check", *MINI_ARGS, "--src", "ru", "--tgt", "en", "--select", "repeated-word", "--format", fmt, str(path))
    assert result.code == 0
