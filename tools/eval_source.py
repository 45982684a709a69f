"""Measure the source checks on DEMETR (../shared/eval/demetr-dev.jsonl).

    python tools/eval_source.py [PATH] [--glossary FILE ...] [--no-default-glossaries] [--glossary-only]
                                [--news ../shared/eval/news-mt-en.jsonl.gz [--news-limit 3000]]

entity-mismatch on the `ne_replaced` perturbation (a named entity of the MT swapped for another):
- recall: share of perturbed translations with at least one entity-mismatch finding (with the
  source); "on the planted span": a finding on the swapped or added name itself (not a
  sentence-wide "the translation does not" finding) that overlaps the planted span;
- false findings: entity-mismatch findings per 100 clean translations (`target_clean`, the same MT
  without the planted error), on the ne_replaced items and on every item of the file;
- the same by source language, and the share of items whose source names a glossary entity at all
  (what the glossaries can cover).
number-mismatch: findings per 100 clean translations (noise: DEMETR plants no number errors).
With --news FILE (../shared/eval/news-mt-en.jsonl.gz): findings per 100 real MT segments of both
checks on --news-limit segments sampled evenly (an upper bound of the noise: real MT has real errors).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqcheck.config import Config  # noqa: E402
from tqcheck.document import Document  # noqa: E402
from tqcheck.engine import Checker  # noqa: E402


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def findings(checker: Checker, item: dict, target: str, rule: str):
    doc = Document(text=target, src_lang=item["src_lang"], tgt_lang=item["tgt_lang"], source=item["source"])
    return [f for f in checker.check_document(doc).findings if f.rule == rule]


def overlaps(f, spans) -> bool:
    return any(f.start < e and s < f.end for s, e in spans)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "demetr-dev.jsonl"))
    parser.add_argument("--glossary", "-g", action="append", default=[])
    parser.add_argument("--no-default-glossaries", action="store_true")
    parser.add_argument("--glossary-only", action="store_true", help="entity-mismatch without unknown-names")
    parser.add_argument("--news", help="also measure on real MT segments (news-mt-en.jsonl.gz)")
    parser.add_argument("--news-limit", type=int, default=3000)
    args = parser.parse_args(argv)
    items = load(Path(args.path))
    config = Config(
        select=frozenset({"entity-mismatch", "number-mismatch"}),
        glossaries=tuple(Path(g) for g in args.glossary), default_glossaries=not args.no_default_glossaries,
        rules={"entity-mismatch": {"unknown-names": False}} if args.glossary_only else {},
    )
    checker = Checker(config)
    from tqcheck.checks._mentions import exact_mentions

    started = time.perf_counter()
    by_lang = defaultdict(Counter)
    total = Counter()
    for item in items:
        clean_entity = findings(checker, item, item["target_clean"], "entity-mismatch")
        clean_number = findings(checker, item, item["target_clean"], "number-mismatch")
        total["clean"] += 1
        total["clean_entity_findings"] += len(clean_entity)
        total["clean_number_findings"] += len(clean_number)
        if item["perturbation"] != "ne_replaced":
            continue
        lang = by_lang[item["src_lang"]]
        found = findings(checker, item, item["target"], "entity-mismatch")
        spans = [tuple(s) for s in item["spans"]]
        for counter in (lang, total):
            counter["items"] += 1
            counter["detected"] += bool(found)
            counter["on_span"] += any(overlaps(f, spans) and not f.message.endswith("the translation does not") for f in found)
            counter["ne_clean_findings"] += len(clean_entity)
            counter["ne_clean_docs_flagged"] += bool(clean_entity)
            counter["covered"] += bool(exact_mentions(checker.index, item["source"], item["src_lang"]))
    elapsed = time.perf_counter() - started

    def pct(a, b):
        return f"{100 * a / b:.1f}" if b else "-"

    n = total["items"]
    print(f"data: {args.path} ({len(items)} items, {n} ne_replaced); glossary entities: {len(checker.index.entities)}")
    print(f"entity-mismatch recall (ne_replaced, with the source): {pct(total['detected'], n)}% "
          f"({total['detected']}/{n}); on the planted span: {pct(total['on_span'], n)}%")
    print(f"entity-mismatch false findings per 100 clean translations: ne_replaced items "
          f"{pct(total['ne_clean_findings'], n)} ({total['ne_clean_docs_flagged']} of {n} flagged); "
          f"all {total['clean']} items {pct(total['clean_entity_findings'], total['clean'])}")
    print(f"number-mismatch findings per 100 clean translations (all items): "
          f"{pct(total['clean_number_findings'], total['clean'])}")
    print(f"sources naming a glossary entity (ne_replaced): {pct(total['covered'], n)}%")
    print("by source language: lang items recall% on-span% false/100 covered%")
    for code, c in sorted(by_lang.items(), key=lambda kv: -kv[1]["items"]):
        print(f"  {code} {c['items']:4d} {pct(c['detected'], c['items']):>6} {pct(c['on_span'], c['items']):>6} "
              f"{pct(c['ne_clean_findings'], c['items']):>6} {pct(c['covered'], c['items']):>6}")
    print(f"({elapsed:.1f} s for {2 * len(items) + n} checks)")
    if args.news:
        news(checker, Path(args.news), args.news_limit)
    return 0


def news(checker: Checker, path: Path, limit: int) -> None:
    counts, langs = Counter(), Counter()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = handle.readlines()
    for line in lines[:: max(1, len(lines) // limit)][:limit]:  # an even sample across the file
        item = json.loads(line)
        doc = Document(text=item["target"], src_lang=item["src_lang"], tgt_lang=item["tgt_lang"], source=item["source"])
        counts["segments"] += 1
        langs[item["src_lang"]] += 1
        for f in checker.check_document(doc).findings:
            counts[f.rule] += 1
    n = counts["segments"]
    by = ", ".join(f"{k} {v}" for k, v in sorted(langs.items()))
    print(f"real MT ({path.name}, {n} segments: {by}): findings per 100 segments: "
          f"entity-mismatch {100 * counts['entity-mismatch'] / n:.1f}, number-mismatch {100 * counts['number-mismatch'] / n:.1f}")


if __name__ == "__main__":
    sys.exit(main())
