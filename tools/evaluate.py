#!/usr/bin/env python3
"""Measure tqcheck on the evaluation data in ../shared/eval (dev files: we tune on them).

    python tools/evaluate.py                       # all three data sets, compact tables
    python tools/evaluate.py --only demetr --limit 300   # a fast, representative subset
    python tools/evaluate.py --set untranslated.unknown-ratio=0.5 --only demetr,mqm
    python tools/evaluate.py --json --out /tmp/eval.json

Data sets (see ../shared/eval/README.md):
- demetr-dev.jsonl: one planted error per sentence (codemix, misspelled, ne_replaced), with the
  clean MT as a negative control. The checker sees the target only (no source, no reference), in
  two settings: with src_lang (as with --src) and without it.
- mqm-dev.jsonl: professional MQM annotations; recall on untranslated / source-language-fragment /
  non-translation spans and on spelling spans; false findings on segments rated error-free.
- news-mt-en.jsonl.gz: 60k real MT outputs into English: findings per 1,000 segments, and a
  seeded sample of findings (with the source, for a human to judge) written to --sample-out.

The checker runs in-process (one Checker, the Python API). --limit N keeps N records of each
file, chosen by a hash of their id (stable and spread over the whole file, not its first lines).
Everything is deterministic. The project never imports this script nor depends on the data.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = (HERE.parent.parent / "shared" / "eval") if (HERE.parent.parent / "shared" / "eval").is_dir() else Path("../shared/eval")

DATASETS = ("demetr", "mqm", "news")

# demetr: the rule(s) that are meant to find each perturbation.
DEMETR_EXPECTED = {
    "codemix": ("untranslated", "source-form"),
    "misspelled": ("word-typo", "name-typo"),
    "ne_replaced": (),  # a real name swapped for another: no target-only rule is meant to find it
}
DEMETR_TARGETS = {"codemix": 0.85, "misspelled": 0.95}
CLEAN_TARGET_PER_100 = 3.0

MQM_UNTRANSLATED = ("accuracy/untranslated text", "accuracy/source language fragment", "non-translation!")
MQM_SPELLING = ("fluency/spelling",)
MQM_GROUPS = {
    "untranslated": (MQM_UNTRANSLATED, ("untranslated",)),
    "spelling": (MQM_SPELLING, ("word-typo",)),
}
MQM_TARGETS = {"untranslated": 0.5}


# -- data ------------------------------------------------------------------------------------------

def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def subset(records: list[dict], limit: Optional[int]) -> list[dict]:
    """`limit` records chosen by a hash of their id, kept in file order."""
    if not limit or limit >= len(records):
        return records
    ranked = sorted(range(len(records)), key=lambda i: hashlib.sha1(str(records[i]["id"]).encode()).hexdigest())
    keep = sorted(ranked[:limit])
    return [records[i] for i in keep]


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


# -- running the checker ---------------------------------------------------------------------------

class Runner:
    """One Checker; memoises results by (text, src, tgt) since the data sets repeat texts."""

    def __init__(self, config, jobs: int = 1) -> None:
        import tqcheck

        self.checker = tqcheck.Checker(config)
        self.jobs = max(1, jobs)
        self.memo: dict[tuple, list[tuple]] = {}
        self.seconds = 0.0
        self.checked = 0
        self.internal_errors = Counter()

    def run(self, items: list[tuple[str, Optional[str], str]]) -> list[list[tuple]]:
        """Findings (rule, start, end, text, message, suggestions) for each (target, src, tgt)."""
        todo = list(dict.fromkeys(k for k in items if k not in self.memo))
        started = time.perf_counter()
        if todo:
            if self.jobs > 1 and len(todo) > 200:
                results = _run_parallel(self.checker, todo, self.jobs)
            else:
                results = _run_chunk(self.checker, todo)
            for key, found in zip(todo, results):
                self.memo[key] = found
                for f in found:
                    if f[0] == "internal-error":
                        self.internal_errors[f[4][:120]] += 1
        self.seconds += time.perf_counter() - started
        self.checked += len(todo)
        return [self.memo[k] for k in items]


def _run_chunk(checker, items) -> list[list[tuple]]:
    records = [{"id": str(i), "target": t, "src_lang": s, "tgt_lang": g} for i, (t, s, g) in enumerate(items)]
    report = checker.check_records(records)
    if report.errors:
        raise SystemExit(f"evaluate: the checker rejected records: {report.errors[:3]}")
    return [
        [(f.rule, f.start, f.end, f.text, f.message, tuple(f.suggestions)) for f in doc.findings]
        for doc in report.documents
    ]


_WORKER_CHECKER = None


def _worker(chunk):
    return _run_chunk(_WORKER_CHECKER, chunk)


def _run_parallel(checker, items, jobs) -> list[list[tuple]]:
    import multiprocessing as mp

    global _WORKER_CHECKER
    _WORKER_CHECKER = checker  # inherited by the forked workers: still one compiled Checker
    size = max(50, len(items) // (jobs * 8))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    with mp.get_context("fork").Pool(jobs) as pool:
        parts = pool.map(_worker, chunks)
    return [found for part in parts for found in part]


# -- demetr ----------------------------------------------------------------------------------------

def eval_demetr(runner: Runner, path: Path, limit: Optional[int], misses: int, rng_seed: int) -> dict:
    records = subset(read_jsonl(path), limit)
    clean_texts = {}
    for r in records:
        clean_texts.setdefault(r["target_clean"], r)
    clean = list(clean_texts.values())
    settings = {}
    for setting, with_src in (("with-src", True), ("no-src", False)):
        perturbed = runner.run([(r["target"], r["src_lang"] if with_src else None, r["tgt_lang"]) for r in records])
        clean_found = runner.run([(r["target_clean"], r["src_lang"] if with_src else None, r["tgt_lang"]) for r in clean])
        per_pert: dict = {}
        missed: dict = defaultdict(list)
        rules_on_span: Counter = Counter()
        rules_off_span: Counter = Counter()
        for r, found in zip(records, perturbed):
            p = r["perturbation"]
            row = per_pert.setdefault(p, {"sentences": 0, "spans": 0, "hit_expected": 0, "hit_any": 0,
                                          "sentences_hit_expected": 0, "hit_by": Counter()})
            row["sentences"] += 1
            expected = DEMETR_EXPECTED.get(p, ())
            sentence_hit = False
            for s, e in r["spans"]:
                row["spans"] += 1
                on = [f for f in found if overlaps(f[1], f[2], s, e)]
                if on:
                    row["hit_any"] += 1
                    row["hit_by"][on[0][0]] += 1
                if any(f[0] in expected for f in on):
                    row["hit_expected"] += 1
                    sentence_hit = True
                elif expected:
                    missed[p].append({"id": r["id"], "src_lang": r["src_lang"], "span": r["target"][s:e],
                                      "found_instead": [f"{f[0]}:{f[3]}" for f in on],
                                      "context": _context(r["target"], s, e)})
            row["sentences_hit_expected"] += sentence_hit
            for f in found:
                if any(overlaps(f[1], f[2], s, e) for s, e in r["spans"]):
                    rules_on_span[f[0]] += 1
                else:
                    rules_off_span[f[0]] += 1
        clean_by_rule: Counter = Counter()
        clean_examples: dict = defaultdict(list)
        for r, found in zip(clean, clean_found):
            for f in found:
                clean_by_rule[f[0]] += 1
                clean_examples[f[0]].append({"id": r["id"], "src_lang": r["src_lang"], "text": f[3],
                                             "message": f[4], "context": _context(r["target_clean"], f[1], f[2])})
        for p, row in per_pert.items():
            row["recall_expected"] = _ratio(row["hit_expected"], row["spans"]) if DEMETR_EXPECTED.get(p) else None
            row["recall_any"] = _ratio(row["hit_any"], row["spans"])
            row["hit_by"] = dict(sorted(row["hit_by"].items()))
        n_clean = len(clean)
        settings[setting] = {
            "perturbations": dict(sorted(per_pert.items())),
            "findings_on_planted_span": dict(sorted(rules_on_span.items())),
            "findings_off_planted_span_per_100": {k: round(100 * v / len(records), 2) for k, v in sorted(rules_off_span.items())},
            "clean_documents": n_clean,
            "clean_findings": dict(sorted(clean_by_rule.items())),
            "clean_false_per_100": {k: round(100 * v / n_clean, 2) for k, v in sorted(clean_by_rule.items())},
            "clean_false_per_100_total": round(100 * sum(clean_by_rule.values()) / n_clean, 2) if n_clean else 0.0,
            "misses": {p: _pick(v, misses, rng_seed) for p, v in sorted(missed.items())},
            "clean_examples": {k: _pick(v, misses, rng_seed) for k, v in sorted(clean_examples.items())},
        }
    return {"file": path.name, "records": len(records), "settings": settings}


# -- mqm -------------------------------------------------------------------------------------------

def eval_mqm(runner: Runner, path: Path, limit: Optional[int], misses: int, rng_seed: int) -> dict:
    records = subset(read_jsonl(path), limit)
    found_all = runner.run([(r["target"], r["src_lang"], r["tgt_lang"]) for r in records])
    groups: dict = {}
    missed: dict = defaultdict(list)
    clean_n: Counter = Counter()
    clean_by: dict = defaultdict(Counter)  # pair -> rule -> count
    clean_examples: dict = defaultdict(list)
    for r, found in zip(records, found_all):
        pair = f"{r['src_lang']}-{r['tgt_lang']}"
        if r["label"] == "clean":
            clean_n[pair] += 1
            for f in found:
                clean_by[pair][f[0]] += 1
                clean_examples[f[0]].append({"id": r["id"], "pair": pair, "text": f[3], "message": f[4],
                                             "context": _context(r["target"], f[1], f[2])})
        seen = set()
        for err in r.get("errors", ()):
            if err.get("in_source"):
                continue
            category = err["category"].strip().lower()
            for group, (categories, rules) in MQM_GROUPS.items():
                if category not in categories:
                    continue
                s, e = err["start"], err["end"]
                span = r["target"][s:e]
                if not any(ch.isalpha() for ch in span) or (group, s, e) in seen:
                    continue
                seen.add((group, s, e))
                on = [f for f in found if overlaps(f[1], f[2], s, e)]
                hit = any(f[0] in rules for f in on)
                for key in (pair, "category: " + category):
                    row = groups.setdefault(group, {}).setdefault(key, {"spans": 0, "hit_expected": 0, "hit_any": 0, "hit_by": Counter()})
                    row["spans"] += 1
                    if on:
                        row["hit_any"] += 1
                        row["hit_by"][on[0][0]] += 1
                    row["hit_expected"] += hit
                if not hit:
                    missed[group].append({"id": r["id"], "pair": pair, "category": err["category"],
                                          "span": span[:120], "found_instead": [f"{f[0]}:{f[3]}" for f in on],
                                          "context": _context(r["target"], s, e)})
    for group, pairs in groups.items():
        total = {"spans": 0, "hit_expected": 0, "hit_any": 0, "hit_by": Counter()}
        for key, row in pairs.items():
            if key.startswith("category: "):
                continue
            for k in ("spans", "hit_expected", "hit_any"):
                total[k] += row[k]
            total["hit_by"].update(row["hit_by"])
        pairs["all"] = total
        for row in pairs.values():
            row["recall_expected"] = _ratio(row["hit_expected"], row["spans"])
            row["recall_any"] = _ratio(row["hit_any"], row["spans"])
            row["hit_by"] = dict(sorted(row["hit_by"].items()))
        groups[group] = dict(sorted(pairs.items(), key=lambda kv: (kv[0].startswith("category: "), kv[0] == "all", kv[0])))
    clean_all = sum(clean_n.values())
    rules = sorted({rule for c in clean_by.values() for rule in c})
    clean_table = {}
    for pair in sorted(clean_n) + ["all"]:
        n = clean_n[pair] if pair != "all" else clean_all
        counts = clean_by[pair] if pair != "all" else sum(clean_by.values(), Counter())
        clean_table[pair] = {
            "segments": n,
            "per_100": {rule: round(100 * counts[rule] / n, 2) for rule in rules} if n else {},
            "total_per_100": round(100 * sum(counts.values()) / n, 2) if n else 0.0,
        }
    return {
        "file": path.name, "records": len(records),
        "recall": groups,
        "clean": clean_table,
        "misses": {g: _pick(v, misses, rng_seed) for g, v in sorted(missed.items())},
        "clean_examples": {k: _pick(v, misses, rng_seed) for k, v in sorted(clean_examples.items())},
    }


# -- news ------------------------------------------------------------------------------------------

def eval_news(runner: Runner, path: Path, limit: Optional[int], sample_out: Optional[Path],
              per_rule: int, rng_seed: int) -> dict:
    records = subset(read_jsonl(path), limit)
    found_all = runner.run([(r["target"], r["src_lang"], r["tgt_lang"]) for r in records])
    by_rule: Counter = Counter()
    by_rule_lang: dict = defaultdict(Counter)
    segments_by_lang: Counter = Counter(r["src_lang"] for r in records)
    pool: dict = defaultdict(list)
    for r, found in zip(records, found_all):
        for f in found:
            by_rule[f[0]] += 1
            by_rule_lang[f[0]][r["src_lang"]] += 1
            pool[f[0]].append((r, f))
    n = len(records)
    sample = []
    rng = random.Random(rng_seed)
    for rule in sorted(pool):
        items = pool[rule]
        chosen = rng.sample(range(len(items)), min(per_rule, len(items)))
        for i in sorted(chosen):
            r, f = items[i]
            sample.append({
                "rule": rule, "id": r["id"], "src_lang": r["src_lang"], "tgt_lang": r["tgt_lang"],
                "text": f[3], "start": f[1], "end": f[2], "message": f[4], "suggestions": list(f[5]),
                "context": _context(r["target"], f[1], f[2], width=10_000),
                "source": r["source"], "verdict": None,
            })
    if sample_out is not None:
        sample_out.parent.mkdir(parents=True, exist_ok=True)
        with open(sample_out, "w", encoding="utf-8") as handle:
            for item in sample:
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    langs = sorted(segments_by_lang)
    return {
        "file": path.name, "records": n,
        "per_1000": {rule: round(1000 * c / n, 2) for rule, c in sorted(by_rule.items())},
        "per_1000_total": round(1000 * sum(by_rule.values()) / n, 2) if n else 0.0,
        "per_1000_by_src": {
            rule: {l: round(1000 * by_rule_lang[rule][l] / segments_by_lang[l], 2) for l in langs}
            for rule in sorted(by_rule)
        },
        "segments_by_src": dict(sorted(segments_by_lang.items())),
        "findings": dict(sorted(by_rule.items())),
        "sample_out": str(sample_out) if sample_out else None,
        "sample_size": len(sample),
    }


# -- helpers ---------------------------------------------------------------------------------------

def _ratio(a: int, b: int) -> Optional[float]:
    return round(a / b, 4) if b else None


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:start] + "[[" + text[start:end] + "]]" + text[end:right] + ("…" if right < len(text) else "")


def _pick(items: list, k: int, seed: int) -> list:
    if k <= 0 or not items:
        return []
    rng = random.Random(seed)
    return [items[i] for i in sorted(rng.sample(range(len(items)), min(k, len(items))))]


def _fmt(x: Optional[float], digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def _table(header: list[str], rows: list[list]) -> list[str]:
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    out = []
    for n, row in enumerate(cells):
        out.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def _verdict(value: Optional[float], target: float, higher_is_better: bool = True) -> str:
    if value is None:
        return ""
    ok = value >= target if higher_is_better else value <= target
    return "ok" if ok else "MISS"


def render(results: dict) -> str:
    lines: list[str] = []
    meta = results["meta"]
    lines.append(f"tqcheck {meta['tqcheck']} on {meta['data_dir']}"
                 + (f" (--limit {meta['limit']})" if meta["limit"] else "")
                 + (f" rules: {','.join(meta['rules'])}" if meta["rules"] else "")
                 + (f" options: {' '.join(meta['options'])}" if meta["options"] else ""))
    if "demetr" in results:
        d = results["demetr"]
        lines.append("")
        lines.append(f"DEMETR dev ({d['file']}): {d['records']} perturbed sentences, target only, tgt=en")
        rows = []
        for setting, s in d["settings"].items():
            for p, row in s["perturbations"].items():
                expected = "/".join(DEMETR_EXPECTED.get(p, ())) or "-"
                target = DEMETR_TARGETS.get(p)
                rows.append([setting, p, row["spans"], expected, _fmt(row["recall_expected"]), _fmt(row["recall_any"]),
                             f">= {target} {_verdict(row['recall_expected'], target)}" if target else ""])
        lines += _table(["setting", "perturbation", "spans", "expected rule", "recall", "any rule", "target"], rows)
        lines.append("")
        n_clean = next(iter(d["settings"].values()))["clean_documents"]
        rules = sorted({r for s in d["settings"].values() for r in
                        list(s["clean_false_per_100"]) + list(s["findings_on_planted_span"]) + list(s["findings_off_planted_span_per_100"])})
        rows = []
        for rule in rules + ["TOTAL"]:
            row = [rule]
            for setting, s in d["settings"].items():
                if rule == "TOTAL":
                    row += [sum(s["findings_on_planted_span"].values()),
                            round(sum(s["findings_off_planted_span_per_100"].values()), 2),
                            f"{s['clean_false_per_100_total']:.2f}"]
                else:
                    row += [s["findings_on_planted_span"].get(rule, 0),
                            s["findings_off_planted_span_per_100"].get(rule, 0.0),
                            f"{s['clean_false_per_100'].get(rule, 0.0):.2f}"]
            rows.append(row)
        header = ["rule"]
        for setting in d["settings"]:
            header += [f"{setting}: on planted", "elsewhere/100", "clean false/100"]
        lines.append(f"by rule: findings on planted spans; other findings per 100 perturbed sentences; "
                     f"false findings per 100 clean sentences ({n_clean} distinct target_clean; target <= {CLEAN_TARGET_PER_100})")
        lines += _table(header, rows)
        for setting, s in d["settings"].items():
            total = s["clean_false_per_100_total"]
            lines.append(f"  {setting}: clean false findings {total:.2f}/100 {_verdict(total, CLEAN_TARGET_PER_100, False)}")
    if "mqm" in results:
        m = results["mqm"]
        lines.append("")
        lines.append(f"MQM dev ({m['file']}): {m['records']} segments, target only (src_lang given)")
        rows = []
        for group, pairs in m["recall"].items():
            rule = "/".join(MQM_GROUPS[group][1])
            for pair, row in pairs.items():
                target = MQM_TARGETS.get(group)
                verdict = f">= {target} {_verdict(row['recall_expected'], target)}" if target and pair == "all" else ""
                label = ("  " + pair[len("category: "):]) if pair.startswith("category: ") else pair
                rows.append([group, label, row["spans"], rule, _fmt(row["recall_expected"]), _fmt(row["recall_any"]), verdict])
        lines += _table(["annotated spans", "pair / category", "spans", "rule", "recall", "any rule", "target"], rows)
        lines.append("")
        rules = sorted({r for row in m["clean"].values() for r in row["per_100"]})
        rows = []
        for pair, row in m["clean"].items():
            rows.append([pair, row["segments"]] + [f"{row['per_100'].get(r, 0.0):.2f}" for r in rules] + [f"{row['total_per_100']:.2f}"])
        lines.append("false findings per 100 clean segments (label == clean)")
        lines += _table(["pair", "segments"] + rules + ["total"], rows)
    if "news" in results:
        n = results["news"]
        lines.append("")
        lines.append(f"news MT into English ({n['file']}): {n['records']} segments, target only (src_lang given)")
        langs = list(n["segments_by_src"])
        rows = []
        for rule, value in n["per_1000"].items():
            rows.append([rule, n["findings"][rule], f"{value:.2f}"] + [f"{n['per_1000_by_src'][rule][l]:.1f}" for l in langs])
        rows.append(["TOTAL", sum(n["findings"].values()), f"{n['per_1000_total']:.2f}"] + [""] * len(langs))
        lines += _table(["rule", "findings", "per 1,000"] + [f"{l}-en" for l in langs], rows)
        if n["sample_out"]:
            lines.append(f"  sample of {n['sample_size']} findings for review: {n['sample_out']}")
    lines.append("")
    lines.append(f"checked {meta['checked']} distinct texts in {meta['check_seconds']:.1f} s "
                 f"({meta['check_seconds'] * 1000 / max(1, meta['checked']):.2f} ms per text); total {meta['seconds']:.1f} s"
                 + (f"; INTERNAL ERRORS: {meta['internal_errors']}" if meta["internal_errors"] else ""))
    return "\n".join(lines) + "\n"


def render_misses(results: dict) -> str:
    lines = []
    if "demetr" in results:
        for setting, s in results["demetr"]["settings"].items():
            for p, items in s["misses"].items():
                lines.append(f"\n-- demetr {setting}: missed {p} spans (expected {'/'.join(DEMETR_EXPECTED[p])})")
                lines += [f"  [{i['src_lang']}] {i['span']!r} {i['found_instead'] or ''}  {i['context']}" for i in items]
            for rule, items in s["clean_examples"].items():
                lines.append(f"\n-- demetr {setting}: {rule} on clean sentences")
                lines += [f"  [{i['src_lang']}] {i['text']!r}: {i['message']}  {i['context']}" for i in items]
    if "mqm" in results:
        m = results["mqm"]
        for group, items in m["misses"].items():
            lines.append(f"\n-- mqm: missed {group} spans")
            lines += [f"  [{i['pair']}] {i['span']!r} ({i['category']}) {i['found_instead'] or ''}  {i['context']}" for i in items]
        for rule, items in m["clean_examples"].items():
            lines.append(f"\n-- mqm: {rule} on clean segments")
            lines += [f"  [{i['pair']}] {i['text']!r}: {i['message']}  {i['context']}" for i in items]
    return "\n".join(lines) + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA, help="folder with the eval files (default: ../shared/eval)")
    ap.add_argument("--only", default=",".join(DATASETS), help="data sets to run: demetr,mqm,news (default: all)")
    ap.add_argument("--limit", type=int, default=None, help="N records of each file (chosen by a hash of the id)")
    ap.add_argument("--rules", default=None, help="run only these rules (comma-separated; as --select)")
    ap.add_argument("--set", dest="options", action="append", default=[], metavar="RULE.OPTION=VALUE",
                    help="override a rule option, e.g. untranslated.unknown-ratio=0.5 (repeatable)")
    ap.add_argument("--config", type=Path, default=None, help="a tqcheck.toml / pyproject.toml to use (default: none, built-in defaults)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--out", type=Path, default=None, help="also write the output (table or JSON) to this file")
    ap.add_argument("--misses", type=int, default=0, metavar="N", help="print N examples of misses and false findings per check")
    ap.add_argument("--sample-out", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "tqcheck-sample.jsonl",
                    help="where to write the news sample for precision review (default: /tmp/tqcheck-sample.jsonl)")
    ap.add_argument("--sample-per-rule", type=int, default=40)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (fork; default 1)")
    args = ap.parse_args(argv)

    only = [d.strip() for d in args.only.split(",") if d.strip()]
    for name in only:
        if name not in DATASETS:
            ap.error(f"--only: unknown data set {name!r} (known: {', '.join(DATASETS)})")
    checker_config, config = _build_config(args, ap)

    import tqcheck

    t0 = time.perf_counter()
    runner = Runner(checker_config, jobs=args.jobs)
    results: dict = {}
    files = {"demetr": "demetr-dev.jsonl", "mqm": "mqm-dev.jsonl", "news": "news-mt-en.jsonl.gz"}
    for name in only:
        path = args.data_dir / files[name]
        if not path.is_file():
            ap.error(f"{path}: not found (give the data folder as the first argument)")
    if "demetr" in only:
        results["demetr"] = eval_demetr(runner, args.data_dir / files["demetr"], args.limit, args.misses, args.seed)
    if "mqm" in only:
        results["mqm"] = eval_mqm(runner, args.data_dir / files["mqm"], args.limit, args.misses, args.seed)
    if "news" in only:
        results["news"] = eval_news(runner, args.data_dir / files["news"], args.limit, args.sample_out,
                                    args.sample_per_rule, args.seed)
    results["meta"] = {
        "tqcheck": getattr(tqcheck, "__version__", "?") + _git_state(), "data_dir": str(args.data_dir), "limit": args.limit,
        "rules": sorted(config.get("select", [])), "options": args.options,
        "checked": runner.checked, "check_seconds": round(runner.seconds, 2),
        "seconds": round(time.perf_counter() - t0, 2), "internal_errors": dict(runner.internal_errors),
    }
    if args.json:
        out = json.dumps(results, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    else:
        out = render(results) + (render_misses(results) if args.misses else "")
    sys.stdout.write(out)
    if args.out:
        args.out.write_text(out, encoding="utf-8")
    return 0


def _git_state() -> str:
    import subprocess

    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE.parent, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "tqcheck", "glossaries"], cwd=HERE.parent,
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""
    return f" ({head}{' + uncommitted changes' if dirty else ''})" if head else ""


def _build_config(args, ap):
    """(what the Checker gets: a dict shaped like [tool.tqcheck] or a Config, the dict to report)."""
    from tqcheck.checks import CHECKS

    config: dict = {}
    if args.config:
        from tqcheck.config import load_config

        base = load_config(args.config)
        config = {"_base": base}
    if args.rules:
        rules = [r.strip() for r in args.rules.split(",") if r.strip()]
        for r in rules:
            if r not in CHECKS:
                ap.error(f"--rules: unknown rule {r!r} (known: {', '.join(CHECKS)})")
        config["select"] = rules
    options: dict = {}
    for item in args.options:
        key, sep, raw = item.partition("=")
        rule, dot, name = key.partition(".")
        if not sep or not dot or rule not in CHECKS or name not in CHECKS[rule].options:
            ap.error(f"--set: expected RULE.OPTION=VALUE with a known rule and option, got {item!r}")
        default = CHECKS[rule].options[name]
        try:
            if isinstance(default, bool):
                value = raw.lower() in ("1", "true", "yes", "on")
            else:
                value = type(default)(raw)
        except ValueError:
            ap.error(f"--set {item}: expected a {type(default).__name__}")
        options.setdefault(rule, {})[name] = value
    if options:
        config["rules"] = options
    if "_base" in config:
        base = config.pop("_base")
        changes = {}
        if "select" in config:
            changes["select"] = frozenset(config["select"])
        if "rules" in config:
            merged = {r: dict(o) for r, o in base.rules.items()}
            for r, o in config["rules"].items():
                merged.setdefault(r, {}).update(o)
            changes["rules"] = merged
        return base.with_(**changes), config
    return config, config


if __name__ == "__main__":
    sys.exit(main())
