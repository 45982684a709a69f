"""Reference-based scores (sacrebleu): BLEU, chrF++ and TER, per document and for the whole run.

These measure *closeness to one human translation*, not errors: a perfectly good translation worded
differently scores low. They complement the MQM penalty (which counts the errors tqcheck finds and
needs no reference); see docs/source-checks.md.

- A record (an XLIFF or TMX unit, a JSONL record, a TSV line) is one segment: its document scores
  are the sentence chrF, `{"chrf": …}`.
- Any other document is scored at corpus level over its segments: its non-empty lines paired with
  the reference's when both have the same number of lines, else the whole text as one segment.
  Scores: `{"bleu": …, "chrf++": …, "ter": …}`.
- The run: corpus-level BLEU, chrF++ and TER over every segment of every document that has a
  reference, with the sacrebleu signatures that make the numbers reproducible.
sacrebleu is imported only when some document has a reference.
"""
from __future__ import annotations

from typing import Optional, Sequence

# sacrebleu tokenizers by target language (the default, 13a, splits on spaces and punctuation);
# Japanese and Korean would need MeCab, so they are scored on characters.
TOKENIZERS = {"zh": "zh", "ja": "char", "ko": "char", "th": "char"}
ASIAN = frozenset({"zh", "ja", "ko", "th"})


def is_segment(doc) -> bool:
    """A record of a bilingual or batch format: scored as one segment."""
    return doc.unit is not None or doc.lines.fixed_line is not None or bool(doc.meta.get("segment"))


def segments(doc) -> list[tuple[str, str]]:
    """(hypothesis, reference) pairs of one document with a reference."""
    hyp, ref = doc.plain, doc.reference or ""
    if not is_segment(doc):
        hyp_lines = [line.strip() for line in hyp.splitlines() if line.strip()]
        ref_lines = [line.strip() for line in ref.splitlines() if line.strip()]
        if len(hyp_lines) == len(ref_lines) > 1:
            return list(zip(hyp_lines, ref_lines))
    return [(" ".join(hyp.split()), " ".join(ref.split()))]


def _metrics(tgt: Optional[str]):
    from sacrebleu.metrics import BLEU, CHRF, TER

    return (
        ("bleu", BLEU(tokenize=TOKENIZERS.get(tgt, "13a"))),
        ("chrf++", CHRF(word_order=2)),
        ("ter", TER(asian_support=tgt in ASIAN)),
    )


def corpus_scores(pairs: Sequence[tuple[str, str]], tgt: Optional[str]) -> tuple[dict, dict]:
    """({metric: score}, {metric: signature}) of BLEU, chrF++ and TER over `pairs`."""
    hyps = [h for h, _ in pairs]
    refs = [[r for _, r in pairs]]
    scores, signatures = {}, {}
    for name, metric in _metrics(tgt):
        scores[name] = round(metric.corpus_score(hyps, refs).score, 2)
        signatures[name] = metric.get_signature().format()
    return scores, signatures


def sentence_chrf(hyp: str, ref: str) -> tuple[float, str]:
    from sacrebleu.metrics import CHRF

    metric = CHRF()
    score = metric.sentence_score(hyp, [ref]).score
    return round(score, 2), metric.get_signature().format()


def document_scores(doc, tgt: Optional[str]) -> dict:
    """The scores of one document against its reference ({} without one)."""
    if not doc.reference:
        return {}
    pairs = segments(doc)
    if is_segment(doc):
        return {"chrf": sentence_chrf(*pairs[0])[0]}
    return corpus_scores(pairs, tgt)[0]


_PAIRS = "_score_segments"  # where a DocumentResult keeps its (hypothesis, reference) pairs


def with_segments(result, doc):
    """Keep the document's scored segments on its result for the run-level scores.

    The run is scored where only results are left (parallel workers send results, not documents),
    and a result holds the file text, not the checked view: so the pairs travel with the result,
    as an attribute outside the dataclass fields (not serialised in any output, kept by pickle).
    """
    if doc.reference:
        object.__setattr__(result, _PAIRS, (segments(doc), is_segment(doc)))
    return result


def run_scores(results: Sequence) -> dict:
    """Corpus-level scores over every segment of every result with a reference ({} if none)."""
    pairs, langs, documents, has_segments = [], set(), 0, False
    for result in results:
        kept = getattr(result, _PAIRS, None)
        if kept is None:
            continue
        documents += 1
        pairs.extend(kept[0])
        langs.add(result.tgt_lang)
        has_segments = has_segments or kept[1]
    if not pairs:
        return {}
    tgt = langs.pop() if len(langs) == 1 else None
    scores, signatures = corpus_scores(pairs, tgt)
    if has_segments:
        signatures["chrf"] = sentence_chrf("x", "x")[1]  # the per-segment chrF's signature
    return {**scores, "documents": documents, "segments": len(pairs), "signatures": signatures}
