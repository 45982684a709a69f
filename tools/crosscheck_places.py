#!/usr/bin/env python3
"""Compare our place glossaries with an external names table (names.tsv) and summarise where they differ.

    python tools/crosscheck_places.py [NAMES_TSV] [--limit N] [--glossaries DIR]

NAMES_TSV defaults to ../shared/eval/names.tsv next to the repository (tab-separated, header
``entity_id entity_type country lang name flags source``). This is a review tool for maintainers:
neither the package nor its tests use it, and it needs only PyYAML.

Matching: an entity of ours matches their entities with the same Wikidata QID; when that finds
nothing, it matches by English name (their preferred English form equal to one of our accepted
English forms) with the same type (``term`` rows count as cities) and, when we know it, the same
country. Capitals get their country from their description ("Capital of Ukraine"). All their
entities that match are pooled, since one place is often split across sources.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

LANGS = ("en", "fr", "de", "es", "it", "ru", "uk")
ROOT = Path(__file__).resolve().parent.parent
PLACE_FILES = ("countries.yaml", "capitals.yaml", "cities.yaml")


# --- our side ---------------------------------------------------------------------------------
def load_ours(directory: Path) -> list[dict]:
    entities = []
    for name in PLACE_FILES:
        path = directory / name
        if not path.exists():
            continue
        for e in yaml.safe_load(path.read_text(encoding="utf-8"))["entities"]:
            names = {}
            for lang, n in e["names"].items():
                n = {"name": n} if isinstance(n, str) else n
                accepted = [n["name"], *n.get("alt", []), *n.get("short", []), *n.get("inflected", [])]
                deprecated = [d["form"] if isinstance(d, dict) else d for d in n.get("deprecated", [])]
                names[lang] = {"name": n["name"], "accepted": accepted, "deprecated": deprecated}
            entities.append({"id": e["id"], "type": e["type"], "qid": e.get("wikidata"),
                             "description": e.get("description", ""), "names": names, "file": name})
    return entities


def country_of(entity: dict, countries: list[dict]) -> dict | None:
    """The country named earliest in a city's description (longest name at that position)."""
    best = None
    for c in countries:
        for form in c["names"]["en"]["accepted"]:
            m = re.search(r"\b" + re.escape(form) + r"\b", entity["description"])
            if m and (best is None or (m.start(), -len(form)) < best[0]):
                best = ((m.start(), -len(form)), c)
    return best[1] if best else None


# --- their side -------------------------------------------------------------------------------
def load_theirs(path: Path) -> dict:
    """entity_id -> {type, country, forms: {lang: [(name, flags, source)]}}"""
    theirs: dict = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            e = theirs.setdefault(row["entity_id"], {"type": row["entity_type"], "country": row["country"],
                                                     "forms": defaultdict(list)})
            e["forms"][row["lang"]].append((row["name"], row["flags"], row["source"]))
    return theirs


def preferred(forms: list) -> set:
    """Their preferred forms, best tier first: rows flagged preferred (CLDR, mledoze, KyivNotKiev);
    then CLDR exemplar cities that only repeat the tz id ("tzid-fallback"); then dr5hn translations."""
    tiers = ({n for n, fl, _ in forms if fl.startswith("preferred") and "tzid-fallback" not in fl},
             {n for n, fl, _ in forms if "tzid-fallback" in fl},
             {n for n, fl, _ in forms if fl == "translation"})
    return next((t for t in tiers if t), set())


def english_names(entity: dict) -> set:
    return {n for n, fl, _ in entity["forms"].get("en", []) if fl.startswith("preferred") or fl == "translation"}


def deprecated(forms: list) -> dict:
    return {n: fl for n, fl, _ in forms if fl.startswith("deprecated")}


# --- matching ---------------------------------------------------------------------------------
def match(ours: list[dict], theirs: dict) -> tuple[dict, list, list]:
    by_qid = {eid: e for eid, e in theirs.items() if re.fullmatch(r"Q\d+", eid)}
    by_en = defaultdict(list)
    for eid, e in theirs.items():
        for name in english_names(e):
            by_en[name].append(eid)
    countries = [e for e in ours if e["type"] == "country"]
    iso = {}
    for c in countries:
        if c["qid"] in by_qid and by_qid[c["qid"]]["type"] == "country":
            iso[c["id"]] = by_qid[c["qid"]]["country"]

    def type_ok(our_type, their_type):
        return our_type == their_type or (our_type == "city" and their_type == "term")

    matches, qid_conflicts, qid_collisions = {}, [], []
    for e in ours:
        found = []
        if e["qid"] in by_qid and type_ok(e["type"], by_qid[e["qid"]]["type"]):
            ours_all = {f for n in e["names"].values() for f in n["accepted"] + n["deprecated"]}
            theirs_all = {n for forms in by_qid[e["qid"]]["forms"].values() for n, _, _ in forms}
            if ours_all & theirs_all:
                found = [e["qid"]]
            else:  # their entry with our QID shares no form with ours: another place, a database error
                qid_collisions.append((e["id"], e["qid"], sorted(english_names(by_qid[e["qid"]]))))
        country = iso.get(e["id"]) if e["type"] == "country" else None
        if e["type"] != "country":
            c = country_of(e, countries)
            country = iso.get(c["id"]) if c else None
        by_name = sorted({eid for form in e["names"]["en"]["accepted"] for eid in by_en.get(form, [])
                          if type_ok(e["type"], theirs[eid]["type"])
                          and (country is None or theirs[eid]["country"] == country)})
        if not found:
            found = by_name
        other_qids = [eid for eid in by_name if eid.startswith("Q") and e["qid"] and eid != e["qid"]]
        if other_qids:
            qid_conflicts.append((e["id"], e["qid"], other_qids))
        if found:
            # Pool every entity of theirs for the same place (CLDR tz city, dr5hn city, KyivNotKiev term).
            pool = set(found) | set(by_name)
            matches[e["id"]] = sorted(pool)
    return matches, qid_conflicts, qid_collisions


# --- report -----------------------------------------------------------------------------------
def compare(ours, theirs, matches, limit):
    lines = []
    totals = {}
    for lang in LANGS:
        stats = dict(matched=0, same=0, differs=[], they_deprecate=[], we_deprecate=[])
        for e in ours:
            if e["id"] not in matches or lang not in e["names"]:
                continue
            forms = [f for eid in matches[e["id"]] for f in theirs[eid]["forms"].get(lang, [])]
            if not forms:
                continue
            stats["matched"] += 1
            ours_l = e["names"][lang]
            pref = preferred(forms)
            all_theirs = {n for n, _, _ in forms}
            if ours_l["name"] in pref:
                stats["same"] += 1
            elif pref:
                # What matters for false alarms: is their preferred form accepted by us too?
                kind = "theirs accepted here" if pref & set(ours_l["accepted"]) else "theirs not in our file"
                if ours_l["name"] in all_theirs:
                    kind += "; ours is their variant"
                stats["differs"].append((e["id"], ours_l["name"], sorted(pref), kind))
            for form, flags in sorted(deprecated(forms).items()):
                if form in ours_l["accepted"]:
                    stats["they_deprecate"].append((e["id"], form, flags))
            for form in ours_l["deprecated"]:
                if form in pref:
                    stats["we_deprecate"].append((e["id"], form))
        totals[lang] = stats
        d = stats["differs"]
        lines.append(f"## {lang}: {stats['matched']} matched, {stats['same']} same preferred form, "
                     f"{len(d)} differ (in {sum(1 for x in d if x[3].startswith('theirs accepted'))} of them "
                     f"we accept their form too), {len(stats['they_deprecate'])} they deprecate / we accept, "
                     f"{len(stats['we_deprecate'])} we deprecate / they prefer")
        for eid, ours_name, pref, kind in d[:limit]:
            lines.append(f"  differs  {eid}: ours {ours_name!r}, theirs {' | '.join(pref)} ({kind})")
        if len(d) > limit:
            lines.append(f"  … {len(d) - limit} more")
        for eid, form, flags in stats["they_deprecate"][:limit]:
            lines.append(f"  they deprecate, we accept  {eid}: {form!r} [{flags}]")
        for eid, form in stats["we_deprecate"][:limit]:
            lines.append(f"  we deprecate, they prefer  {eid}: {form!r}")
    return lines, totals


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names_tsv", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "names.tsv"))
    parser.add_argument("--glossaries", default=str(ROOT / "glossaries"))
    parser.add_argument("--limit", type=int, default=12, help="differences listed per language and category")
    args = parser.parse_args(argv)

    ours = load_ours(Path(args.glossaries))
    theirs = load_theirs(Path(args.names_tsv))
    matches, qid_conflicts, qid_collisions = match(ours, theirs)

    files = defaultdict(int)
    for e in ours:
        files[e["file"]] += 1
    print(f"ours: {len(ours)} entities ({', '.join(f'{k} {v}' for k, v in sorted(files.items()))}); "
          f"theirs: {len(theirs)} entities in {Path(args.names_tsv).name}")
    unmatched = [e["id"] for e in ours if e["id"] not in matches]
    print(f"matched {len(matches)} of ours; unmatched {len(unmatched)}: {', '.join(unmatched[:args.limit * 3])}"
          + (" …" if len(unmatched) > args.limit * 3 else ""))
    if qid_conflicts:
        print(f"Wikidata disagreements ({len(qid_conflicts)}: our QID vs the QID their same-named entry carries):")
        for eid, ours_q, their_qs in qid_conflicts[:args.limit]:
            print(f"  {eid}: ours {ours_q}, theirs {', '.join(their_qs)}")
    if qid_collisions:
        print(f"Wikidata collisions ({len(qid_collisions)}: their row with our QID names another place; not used):")
        for eid, q, names in qid_collisions[:args.limit]:
            print(f"  {eid} {q}: theirs {' | '.join(names)}")
    print()
    lines, totals = compare(ours, theirs, matches, args.limit)
    print("\n".join(lines))
    print()
    print("summary  lang  matched  same  differ  they-deprecate/we-accept  we-deprecate/they-prefer")
    for lang, s in totals.items():
        print(f"         {lang:4}  {s['matched']:7}  {s['same']:4}  {len(s['differs']):6}  "
              f"{len(s['they_deprecate']):24}  {len(s['we_deprecate']):24}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
