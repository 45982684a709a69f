#!/usr/bin/env python3
"""Build the benchmark inputs (never committed): a news-like English corpus and synthetic glossaries.

    python tools/make_bench_corpus.py [--data ../shared/eval] [--out DIR] [--mb 20] [--entities 1000,10000,100000]

Writes into DIR (default: $TMPDIR/tqcheck-bench):
- corpus.txt     ~20 MB of English news MT: the `target` side of news-mt-en.jsonl.gz, five segments
                 a paragraph; the file is read once in order, then again in seeded shuffled orders
                 until it reaches the size (7.6 MB of distinct text, so the corpus repeats it).
- news.jsonl     every news-mt-en record as {id, src_lang, tgt_lang, target} (no source): the
                 end-to-end input.
- glossary-N.yaml  N synthetic entities (persons, cities, organisations) with realistic-looking
                 names in en, fr, de, es, it, ru, uk, each with accepted short forms and a
                 deprecated (wrong) English form -> right form. Deterministic for a given N.
- forms-*.txt    every form of the glossaries in use, one a line, for the grep floor.

Everything is deterministic (fixed seeds); files are rebuilt only when missing.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "eval"
DEFAULT_OUT = Path(tempfile.gettempdir()) / "tqcheck-bench"

LANGS = ("en", "fr", "de", "es", "it", "ru", "uk")


# -- corpus ----------------------------------------------------------------------------------------

def read_news(data: Path) -> list[dict]:
    with gzip.open(data / "news-mt-en.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def build_corpus(records: list[dict], path: Path, megabytes: float, seed: int = 7) -> None:
    """Targets, five a paragraph, repeated in shuffled orders until `megabytes` MB (UTF-8)."""
    limit = int(megabytes * 1_000_000)
    targets = [r["target"].replace("\n", " ").strip() for r in records if r["target"].strip()]
    rng = random.Random(seed)
    size = 0
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        order = list(range(len(targets)))
        first = True
        while size < limit:
            if not first:
                rng.shuffle(order)
            first = False
            for start in range(0, len(order), 5):
                para = " ".join(targets[i] for i in order[start:start + 5]) + "\n\n"
                out.write(para)
                size += len(para.encode("utf-8"))
                if size >= limit:
                    break
    os.replace(tmp, path)


def build_jsonl(records: list[dict], path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps({"id": r["id"], "src_lang": r["src_lang"], "tgt_lang": r["tgt_lang"],
                                  "target": r["target"]}, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


# -- synthetic names -------------------------------------------------------------------------------

_ONSETS = ["b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kh", "kr", "l", "m", "n", "p", "pr", "r", "s",
           "sh", "st", "t", "tr", "v", "vl", "z", "zh", "ch", "y", "j", "sl", "bor", "mir"]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ia", "ei", "ou", "y"]
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "k", "t", "v", "d"]
_FIRST_END = ["a", "o", "in", "an", "el", "ir", "ia", "us", "iy", "ej", "on", "ina", "ard", "ert"]
_LAST_END = ["ov", "ova", "enko", "sky", "ski", "ich", "uk", "mann", "berg", "ini", "ez", "elli", "escu",
             "idis", "yan", "oglu", "ovic", "ner", "ard", "ier", "ova", "ak", "eck", "son"]
_CITY_END = ["grad", "burg", "ville", "ovo", "sk", "pol", "hausen", "ano", "ia", "dorf", "sburg", "avan",
             "abad", "ino", "ets", "opol"]
_ORG_WORD = {
    "en": "{} Foundation", "fr": "Fondation {}", "de": "{}-Stiftung", "es": "Fundación {}",
    "it": "Fondazione {}", "ru": "Фонд {}", "uk": "Фонд {}",
}
_ORG_WORD2 = {
    "en": "{} Institute", "fr": "Institut {}", "de": "{}-Institut", "es": "Instituto {}",
    "it": "Istituto {}", "ru": "Институт {}", "uk": "Інститут {}",
}

# Romanisation habits of each Latin-script language (applied in order, on lower case).
_LATIN_RULES = {
    "en": [],
    "fr": [("kh", "kh"), ("sh", "ch"), ("zh", "j"), ("ch", "tch"), ("u", "ou"), ("iy", "i"), ("ej", "eï"), ("j", "ï"), ("y", "ï")],
    "de": [("sh", "sch"), ("zh", "sch"), ("ch", "tsch"), ("kh", "ch"), ("v", "w"), ("z", "s"), ("iy", "ij"), ("y", "j")],
    "es": [("kh", "j"), ("zh", "y"), ("sh", "sh"), ("iy", "i"), ("y", "i"), ("v", "v")],
    "it": [("sh", "sc"), ("zh", "j"), ("ch", "c"), ("kh", "ch"), ("y", "j"), ("k", "k")],
}
_CYR = [
    ("shch", "щ"), ("sch", "ш"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"), ("ya", "я"),
    ("yu", "ю"), ("iy", "ий"), ("ej", "ей"), ("ia", "ия"), ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"),
    ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "г"), ("i", "и"), ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"),
    ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"),
    ("w", "в"), ("x", "кс"), ("y", "ы"), ("z", "з"),
]
_UK_FIX = {"и": "і", "ы": "и", "ий": "ій", "е": "е", "г": "г"}
# A typical wrong English romanisation: the old transliteration habit a glossary corrects.
_WRONG_EN = [("kh", "ch"), ("v", "w"), ("iy", "ij"), ("y", "j"), ("sky", "ski"), ("ov", "off"), ("ch", "tch"),
             ("u", "ou"), ("k", "c"), ("z", "s"), ("e", "ie"), ("i", "y")]


_COMPILED: dict = {}


def _apply(word: str, rules) -> str:
    """Replace in one left-to-right pass, longest pattern first (no cascades: sh→ch never →tch)."""
    key = tuple(rules)
    if key not in _COMPILED:
        table = dict(rules)
        pattern = re.compile("|".join(re.escape(a) for a in sorted(table, key=len, reverse=True))) if table else None
        _COMPILED[key] = (pattern, table)
    pattern, table = _COMPILED[key]
    return pattern.sub(lambda m: table[m.group()], word) if pattern else word


def _cyrillic(word: str, lang: str) -> str:
    lower = word.lower()
    if lower.startswith("y"):
        lower = "j" + lower[1:]  # Yovin -> Йовин
    out = []
    i = 0
    while i < len(lower):
        for a, b in _CYR:
            if lower.startswith(a, i):
                if lang == "uk":
                    b = _UK_FIX.get(b, b)
                out.append(b)
                i += len(a)
                break
        else:
            out.append(lower[i])
            i += 1
    return "".join(out)


def _in(word: str, lang: str) -> str:
    """`word` (English romanisation, capitalised) as written in `lang`."""
    if lang in ("ru", "uk"):
        parts = [_cyrillic(p, lang) for p in word.split("-")]
    else:
        parts = [_apply(p.lower(), _LATIN_RULES[lang]) for p in word.split("-")]
    return "-".join(p[:1].upper() + p[1:] for p in parts)


def _stem(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables))


def _wrong(form: str, rng: random.Random) -> str:
    rules = list(_WRONG_EN)
    rng.shuffle(rules)
    lower = form.lower()
    for a, b in rules:
        pos = lower.find(a, 1)
        while pos != -1 and not lower[pos - 1].isalpha():
            pos = lower.find(a, pos + 1)  # never at the start of a word: keep the capital
        if pos != -1:
            return form[:pos] + b + form[pos + len(a):]
    return form + "e"


def synthetic_entities(count: int, seed: int = 2024):
    """`count` (id, type, {lang: (name, short, deprecated)}) with distinct English names."""
    rng = random.Random(seed * 1_000_003 + count)
    seen: set[str] = set()
    n = 0
    while n < count:
        kind = rng.choices(("person", "city", "organization"), weights=(6, 3, 1))[0]
        if kind == "person":
            first = _stem(rng, rng.choice((1, 2))) + rng.choice(_FIRST_END)
            last = _stem(rng, rng.choice((1, 2))) + rng.choice(_LAST_END)
            first, last = first.capitalize(), last.capitalize()
            en = f"{first} {last}"
        elif kind == "city":
            en = (_stem(rng, rng.choice((1, 2))) + rng.choice(_CITY_END)).capitalize()
        else:
            en = (_stem(rng, 2) + rng.choice(_LAST_END)).capitalize()
        if en in seen or len(en) < 5:
            continue
        seen.add(en)
        n += 1
        names = {}
        for lang in LANGS:
            if kind == "person":
                name = f"{_in(first, lang)} {_in(last, lang)}"
                short = [_in(last, lang)]
            elif kind == "city":
                name, short = _in(en, lang), []
            else:
                template = (_ORG_WORD if n % 2 else _ORG_WORD2)[lang]
                name, short = template.format(_in(en, lang)), []
            names[lang] = [name, [s for s in short if s != name], []]
        wrong = _wrong(names["en"][0], rng)
        if wrong != names["en"][0] and wrong not in names["en"][1]:
            names["en"][2] = [wrong]
        yield f"synth-{n:06d}", kind, names


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def build_glossary(count: int, path: Path) -> int:
    """Write a glossary of `count` synthetic entities; returns the number of forms."""
    forms = 0
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(f"# GENERATED by tools/make_bench_corpus.py: {count} synthetic entities for benchmarks.\n")
        out.write(f"meta:\n  name: synthetic-{count}\n  description: Synthetic names for benchmarks\n")
        out.write("entities:\n")
        for eid, kind, names in synthetic_entities(count):
            out.write(f"  - id: {eid}\n    type: {kind}\n    names:\n")
            for lang in LANGS:
                name, short, deprecated = names[lang]
                forms += 1 + len(short) + len(deprecated)
                if not short and not deprecated:
                    out.write(f"      {lang}: {_q(name)}\n")
                    continue
                parts = [f"name: {_q(name)}"]
                if short:
                    parts.append(f"short: [{', '.join(_q(s) for s in short)}]")
                if deprecated:
                    parts.append(f"deprecated: [{', '.join(_q(d) for d in deprecated)}]")
                out.write(f"      {lang}: {{{', '.join(parts)}}}\n")
    os.replace(tmp, path)
    return forms


def write_forms(glossary_paths: list[Path], path: Path, synthetic: int = 0) -> int:
    """Every distinct form of these glossaries (plus `synthetic` generated entities, taken from the
    generator rather than re-parsed), one a line, for grep -F -w -f."""
    from tqcheck.glossary.load import load_glossaries

    glossary = load_glossaries(glossary_paths)
    forms = {form for e in glossary.entities for names in e.names.values() for form, _, _ in names.forms()}
    if synthetic:
        for _, _, names in synthetic_entities(synthetic):
            for name, short, deprecated in names.values():
                forms.add(name)
                forms.update(short)
                forms.update(deprecated)
    forms = sorted(forms)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(f + "\n" for f in forms), encoding="utf-8")
    os.replace(tmp, path)
    return len(forms)


def prepare(data: Path, out: Path, megabytes: float, entities: list[int], log=print) -> dict:
    """Build whatever is missing in `out`; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"dir": out, "corpus": out / f"corpus-{megabytes:g}mb.txt", "jsonl": out / "news.jsonl", "glossaries": {}}
    records = None
    if not paths["corpus"].is_file() or not paths["jsonl"].is_file():
        log(f"building {paths['corpus']} and {paths['jsonl']} from {data / 'news-mt-en.jsonl.gz'}")
        records = read_news(data)
        build_corpus(records, paths["corpus"], megabytes)
        build_jsonl(records, paths["jsonl"])
    for count in entities:
        g = out / f"glossary-{count}.yaml"
        if not g.is_file():
            log(f"generating {g}")
            build_glossary(count, g)
        paths["glossaries"][count] = g
    return paths


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--entities", default="1000,10000,100000")
    args = ap.parse_args(argv)
    counts = [int(x) for x in args.entities.split(",") if x.strip()]
    paths = prepare(args.data, args.out, args.mb, counts, log=lambda m: print(m, file=sys.stderr))
    print(json.dumps({k: (str(v) if not isinstance(v, dict) else {str(a): str(b) for a, b in v.items()})
                      for k, v in paths.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
