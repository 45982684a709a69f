#!/usr/bin/env python3
"""Speed and memory of tqcheck: medians of N runs, and ratios to targets and to grep.

    python tools/benchmark.py                        # everything, 5 runs each
    python tools/benchmark.py --only glossary,grep --runs 3
    python tools/benchmark.py --only e2e --e2e-limit 20000
    python tools/benchmark.py --profile              # cProfile top functions (glossary and e2e)
    python tools/benchmark.py --json --out /tmp/bench.json

Cases (inputs are built by tools/make_bench_corpus.py into $TMPDIR/tqcheck-bench, never committed):
- glossary:   `tqcheck check --select source-form,deprecated-form` on a ~20 MB English news corpus
              with the shipped glossaries: whole process (CLI start included) and in-process (API,
              one Checker, check time only).
- synthetic:  the same with a generated glossary of 1k / 10k / 100k entities added (7 languages,
              wrong -> right forms); cache in its own folder; peak RSS of the process.
- e2e:        every rule on, news-mt-en targets as JSONL through the CLI (one process, one core).
- prepublish: one seed-sized article from a cold process start: warm cache, and an empty cache
              folder (TQCHECK_CACHE_DIR=<new empty dir>) on every run.
- grep:       the floor: `grep -F -w -f forms.txt corpus` over the same forms, same corpus.

The children run the compiled twins of three hot loops (tqcheck/_speedups.c) when the install
built them; TQCHECK_PURE_PYTHON=1 in the environment runs the pure-Python twins instead, for an
A/B of the two. The header line says which ran.
Children keep their compiled bytecode (as an installed package does; pip compiles it), except the
one pre-publish run that measures a start without it.
Wall time is what a user waits; CPU time (user+sys of the child, from wait4) is steadier on a busy
machine and is shown too. Peak RSS is the child's ru_maxrss. Medians over --runs runs.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_bench_corpus as corpus_tools  # noqa: E402

SEED = HERE.parent / "seeds" / "000_d179e931f6170d12.txt"
GLOSSARY_RULES = "source-form,deprecated-form"
CASES = ("glossary", "synthetic", "e2e", "prepublish", "grep")
TARGETS = {
    "glossary_mbps": 30.0,
    "synthetic_100k_mbps": 20.0,
    "memory_mb": 1000.0,
    "e2e_mbps": 2.0,
    "prepublish_warm_s": 0.5,
}


# -- running a child and measuring it -----------------------------------------------------------------

# The launcher runs the command and reports its rusage. It exists because Linux carries the peak
# RSS of a forked parent over exec into the child's ru_maxrss: measured straight from this (large)
# process, even `python -c pass` would "peak" at this process's size. The launcher is small.
_LAUNCHER = r"""
import json, os, sys, time
result_path, argv = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(result_path, "w") as handle:
    json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
               "code": os.waitstatus_to_exitcode(status)}, handle)
"""


def run_child(argv: list[str], env: Optional[dict] = None, stdout_path: Optional[Path] = None,
              stdin_path: Optional[Path] = None, ok_codes=(0, 1)) -> dict:
    """Run `argv`; return wall and CPU seconds, peak RSS (MB) and exit code. Output goes to a file
    (never /dev/null: GNU grep stops at the first match when its output is /dev/null)."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    fd, result_path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    try:
        subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, result_path] + [str(a) for a in argv],
                       env=env, stdout=out, stderr=err, stdin=stdin, check=False)
        with open(result_path, encoding="utf-8") as handle:
            result = json.load(handle)
    finally:
        os.unlink(result_path)
        if stdout_path:
            out.close()
        if stdin_path:
            stdin.close()
    if result["code"] not in ok_codes:
        err.seek(0)
        raise SystemExit(f"benchmark: {' '.join(map(str, argv))} exited {result['code']}:\n{err.read().decode(errors='replace')[-2000:]}")
    err.close()
    return result


def median_runs(runs: int, make_run) -> dict:
    results = [make_run(i) for i in range(runs)]
    return {
        "runs": runs,
        "wall": statistics.median(r["wall"] for r in results),
        "wall_min": min(r["wall"] for r in results),
        "wall_max": max(r["wall"] for r in results),
        "cpu": statistics.median(r["cpu"] for r in results),
        "rss_mb": max(r["rss_mb"] for r in results),
        "all_wall": [round(r["wall"], 3) for r in results],
    }


def tqcheck_argv() -> list[str]:
    script = Path(sys.executable).parent / "tqcheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tqcheck"]


PYCACHE: Optional[Path] = None  # set in main(): where the children keep their compiled bytecode


def base_env(bytecode: bool = True, **extra) -> dict:
    """The children's environment. With `bytecode` (every case but one), modules are compiled once
    and the bytecode kept (in PYCACHE), as for an installed package (pip compiles it); without,
    every start recompiles tqcheck's modules, as a work tree run with PYTHONDONTWRITEBYTECODE=1."""
    env = dict(os.environ)
    env.pop("TQCHECK_CACHE_DIR", None)
    env["NO_COLOR"] = "1"
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if PYCACHE is not None:
            env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update({k: str(v) for k, v in extra.items()})
    return env


# -- the in-process measure runs in a child too (to measure its memory) ----------------------------

_INPROC = r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
import tqcheck
from tqcheck.config import Config
args = json.loads(sys.argv[1])
text = Path(args["corpus"]).read_text(encoding="utf-8")
t1 = time.perf_counter()
cfg = Config(tgt="en", select=frozenset(args["select"]) if args["select"] else None,
             glossaries=tuple(Path(g) for g in args["glossaries"]))
checker = tqcheck.Checker(cfg)
t2 = time.perf_counter()
times = []
cpu = []
findings = 0
for _ in range(args["runs"]):
    s, c = time.perf_counter(), time.process_time()
    result = checker.check(text, tgt="en")
    times.append(time.perf_counter() - s)
    cpu.append(time.process_time() - c)
    findings = len(result.findings)
print(json.dumps({"import_read": t1 - t0, "init": t2 - t1, "times": times, "cpu": cpu, "findings": findings,
                  "entities": len(checker.index.entities), "forms": checker.index.form_count}))
"""


def run_inprocess(corpus: Path, select: Optional[str], glossaries: list[Path], runs: int, env: dict) -> dict:
    args = {"corpus": str(corpus), "select": select.split(",") if select else None,
            "glossaries": [str(g) for g in glossaries], "runs": runs}
    with tempfile.NamedTemporaryFile("w+b", suffix=".json") as out:
        stats = run_child([sys.executable, "-c", _INPROC, json.dumps(args)], env=env, stdout_path=Path(out.name), ok_codes=(0,))
        out.seek(0)
        data = json.loads(out.read().decode())
    data["check"] = statistics.median(data["times"])
    data["check_cpu"] = statistics.median(data["cpu"])
    data["rss_mb"] = stats["rss_mb"]
    return data


# -- cases --------------------------------------------------------------------------------------------

def mb(path: Path) -> float:
    return path.stat().st_size / 1e6


def case_glossary(paths, runs, log) -> dict:
    corpus = paths["corpus"]
    size = mb(corpus)
    out = paths["dir"] / "out-glossary.txt"
    argv = tqcheck_argv() + ["check", "--isolated", "--tgt", "en", "--select", GLOSSARY_RULES, "--no-color", str(corpus)]
    env = base_env()
    log("glossary: warm-up run (default cache)")
    run_child(argv, env=env, stdout_path=out)
    cli = median_runs(runs, lambda i: run_child(argv, env=env, stdout_path=out))
    cli["findings"] = _count_findings(out)
    log(f"glossary: CLI median {cli['wall']:.2f} s; in-process...")
    inproc = run_inprocess(corpus, GLOSSARY_RULES, [], runs, env)
    return {"mb": size, "cli": cli, "inprocess": inproc, "command": " ".join(argv)}


def case_synthetic(paths, runs, counts, log) -> dict:
    corpus = paths["corpus"]
    size = mb(corpus)
    result = {"mb": size, "sizes": {}}
    for count in counts:
        g = paths["glossaries"][count]
        cache = paths["dir"] / f"cache-synth-{count}"
        env = base_env(TQCHECK_CACHE_DIR=cache)
        out = paths["dir"] / f"out-synth-{count}.txt"
        argv = tqcheck_argv() + ["check", "--isolated", "--tgt", "en", "--select", GLOSSARY_RULES, "--no-color",
                                 "--glossary", str(g), str(corpus)]
        shutil.rmtree(cache, ignore_errors=True)
        log(f"synthetic {count}: cold run (compiles the index into an empty cache)")
        cold = run_child(argv, env=env, stdout_path=out)
        log(f"synthetic {count}: cold {cold['wall']:.1f} s; warm runs...")
        warm = median_runs(runs, lambda i: run_child(argv, env=env, stdout_path=out))
        warm["findings"] = _count_findings(out)
        entry = {"cold": cold, "cli": warm, "glossary_mb": mb(g), "command": " ".join(argv)}
        if count == max(counts):
            log(f"synthetic {count}: in-process...")
            entry["inprocess"] = run_inprocess(corpus, GLOSSARY_RULES, [g], runs, env)
        result["sizes"][count] = entry
    return result


def case_e2e(paths, runs, limit, log) -> dict:
    jsonl = paths["jsonl"]
    if limit:
        cut = paths["dir"] / f"news-{limit}.jsonl"
        if not cut.is_file():
            with open(jsonl, encoding="utf-8") as src, open(cut, "w", encoding="utf-8") as dst:
                for n, line in enumerate(src):
                    if n >= limit:
                        break
                    dst.write(line)
        jsonl = cut
    target_bytes = 0
    records = 0
    with open(jsonl, encoding="utf-8") as handle:
        for line in handle:
            target_bytes += len(json.loads(line)["target"].encode("utf-8"))
            records += 1
    out = paths["dir"] / "out-e2e.txt"
    argv = tqcheck_argv() + ["check", "--isolated", "--no-color", str(jsonl)]
    env = base_env()
    # Warm-up on a few records of every language pair (opens every word list once), not the whole file.
    warm = paths["dir"] / "news-warmup.jsonl"
    seen: dict = {}
    with open(jsonl, encoding="utf-8") as src, open(warm, "w", encoding="utf-8") as dst:
        for line in src:
            lang = json.loads(line).get("src_lang")
            if seen.get(lang, 0) < 50:
                seen[lang] = seen.get(lang, 0) + 1
                dst.write(line)
    log(f"e2e: {records} records, {target_bytes / 1e6:.1f} MB of targets; warm-up on {warm.name}")
    run_child(argv[:-1] + [str(warm)], env=env, stdout_path=out)
    res = median_runs(runs, lambda i: (log(f"e2e: run {i + 1}/{runs}"), run_child(argv, env=env, stdout_path=out))[1])
    res["findings"] = _count_findings(out)
    return {"records": records, "target_mb": target_bytes / 1e6, "file_mb": mb(jsonl), "cli": res, "command": " ".join(argv)}


def case_prepublish(paths, runs, log) -> dict:
    seed = SEED
    argv = tqcheck_argv() + ["check", "--isolated", "--src", "fr", "--tgt", "en", "--no-color", str(seed)]
    out = paths["dir"] / "out-seed.txt"
    env = base_env()
    run_child(argv, env=env, stdout_path=out)  # make sure the default cache is warm
    warm = median_runs(runs, lambda i: run_child(argv, env=env, stdout_path=out))
    log(f"prepublish: warm {warm['wall']:.3f} s; cold-cache runs...")

    def cold(i):
        folder = Path(tempfile.mkdtemp(prefix="tqcheck-cold-", dir=paths["dir"]))
        try:
            return run_child(argv, env=base_env(TQCHECK_CACHE_DIR=folder), stdout_path=out)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    cold_res = median_runs(runs, cold)
    # Without kept bytecode, every start recompiles the modules (a work tree, PYTHONDONTWRITEBYTECODE).
    nopyc_env = base_env(bytecode=False)
    nopyc = median_runs(runs, lambda i: run_child(argv, env=nopyc_env, stdout_path=out))
    version = median_runs(runs, lambda i: run_child(tqcheck_argv() + ["--version"], env=env, stdout_path=out))
    python = median_runs(runs, lambda i: run_child([sys.executable, "-c", "pass"], env=env))
    return {"file": str(seed.relative_to(HERE.parent)), "bytes": seed.stat().st_size, "warm": warm, "cold_cache": cold_res,
            "warm_nopyc": nopyc,
            "tqcheck_version": version, "python_startup": python, "command": " ".join(argv)}


def case_grep(paths, runs, counts, log) -> dict:
    from tqcheck.glossary.files import default_glossary_paths

    corpus = paths["corpus"]
    size = mb(corpus)
    grep = shutil.which("grep")
    results = {"mb": size, "locale": os.environ.get("LC_ALL") or os.environ.get("LANG") or "C", "sets": {}}
    sets = {"default": 0}
    for count in counts:
        sets[f"synthetic-{count}"] = count
    for name, synthetic in sets.items():
        forms_path = paths["dir"] / f"forms-{name}.txt"
        n_forms = corpus_tools.write_forms(default_glossary_paths(), forms_path, synthetic)
        out = paths["dir"] / "out-grep.txt"
        argv = [grep, "-F", "-w", "-f", str(forms_path), str(corpus)]
        log(f"grep {name}: {n_forms} forms")
        res = median_runs(runs, lambda i: run_child(argv, stdout_path=out))
        res["lines"] = sum(1 for _ in open(out, "rb"))
        results["sets"][name] = {"forms": n_forms, "grep": res, "command": f"grep -F -w -f {forms_path.name} {corpus.name}"}
    return results


def _count_findings(path: Path) -> int:
    """Findings in the text output (its last line is the summary: 'N finding(s) in ...')."""
    try:
        last = path.read_text(encoding="utf-8", errors="replace").rstrip().rsplit("\n", 1)[-1]
        return int(last.split()[0].replace(",", ""))
    except (ValueError, IndexError, OSError):
        return -1


# -- profile ------------------------------------------------------------------------------------------

def profile(paths, limit: int, top: int) -> str:
    import cProfile
    import io
    import pstats

    import tqcheck
    from tqcheck.config import Config
    from tqcheck.readers.jsonl import read as read_jsonl

    sections = []
    text = paths["corpus"].read_text(encoding="utf-8")[:5_000_000]
    checker = tqcheck.Checker(Config(tgt="en", select=frozenset(GLOSSARY_RULES.split(","))))
    prof = cProfile.Profile()
    prof.enable()
    checker.check(text, tgt="en")
    prof.disable()
    sections.append(("glossary rules on 5 MB of the corpus", prof))

    lines = []
    with open(paths["jsonl"], encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if n >= limit:
                break
            lines.append(line)
    docs, _ = read_jsonl("".join(lines), "news.jsonl")
    checker = tqcheck.Checker(Config())
    checker.check_documents(docs[:200])  # open the word lists before profiling
    prof = cProfile.Profile()
    prof.enable()
    checker.check_documents(docs)
    prof.disable()
    sections.append((f"every rule on {len(docs)} news records", prof))
    out = io.StringIO()
    for title, prof in sections:
        for order in ("tottime", "cumulative"):
            out.write(f"\n== profile: {title}, by {order}\n")
            stats = pstats.Stats(prof, stream=out)
            stats.sort_stats(order).print_stats(top)
    return out.getvalue()


# -- report -------------------------------------------------------------------------------------------

def _table(header, rows) -> list[str]:
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _ok(value, target, higher=True) -> str:
    good = value >= target if higher else value < target
    return f"{'ok' if good else 'MISS'} ({'>=' if higher else '<'} {target:g})"


def render(res: dict) -> str:
    m = res["machine"]
    lines = [f"tqcheck at {m.get('git', '?')}; machine: {m['nproc']} cores ({m['cpu']}), Python {m['python']}, {m['platform']}; "
             f"load avg {m['loadavg']} (start) {m.get('loadavg_end', '?')} (end); speedups: {m.get('speedups', '?')}",
             f"runs per figure: {res['runs']} (median; min-max in brackets)"]
    grep = res.get("grep", {}).get("sets", {})

    def ratio_to_grep(name, mbps, mbps_cpu=None):
        """Our speed as a share of grep's: wall to wall (and CPU to CPU)."""
        g = grep.get(name)
        if not g:
            return "-"
        text = f"{mbps / (res['grep']['mb'] / g['grep']['wall']):.3f}"
        if mbps_cpu:
            text += f" / {mbps_cpu / (res['grep']['mb'] / g['grep']['cpu']):.3f}"
        return text

    if "glossary" in res:
        g = res["glossary"]
        cli, ip = g["cli"], g["inprocess"]
        lines += ["", f"glossary rules ({GLOSSARY_RULES}), shipped glossaries ({ip['entities']} entities, {ip['forms']} forms), "
                      f"corpus {g['mb']:.1f} MB"]
        rows = [
            ["CLI, whole process", f"{cli['wall']:.2f} [{cli['wall_min']:.2f}-{cli['wall_max']:.2f}]", f"{cli['cpu']:.2f}",
             f"{g['mb'] / cli['wall']:.1f}", f"{g['mb'] / cli['cpu']:.1f}", f"{cli['rss_mb']:.0f}",
             ratio_to_grep("default", g["mb"] / cli["wall"], g["mb"] / cli["cpu"]), _ok(g["mb"] / cli["wall"], TARGETS["glossary_mbps"])],
            ["in-process (check only)", f"{ip['check']:.2f} [{min(ip['times']):.2f}-{max(ip['times']):.2f}]", f"{ip['check_cpu']:.2f}",
             f"{g['mb'] / ip['check']:.1f}", f"{g['mb'] / ip['check_cpu']:.1f}", f"{ip['rss_mb']:.0f}",
             ratio_to_grep("default", g["mb"] / ip["check"], g["mb"] / ip["check_cpu"]), _ok(g["mb"] / ip["check"], TARGETS["glossary_mbps"])],
        ]
        lines += _table(["", "wall s", "cpu s", "MB/s wall", "MB/s cpu", "peak RSS MB", "x grep (wall / cpu)", "target"], rows)
        lines.append(f"  findings: {cli['findings']}; in-process: Checker() {ip['init']:.2f} s, import+read {ip['import_read']:.2f} s")
    if "synthetic" in res:
        s = res["synthetic"]
        lines += ["", f"glossary rules with a synthetic glossary added (shipped glossaries too), corpus {s['mb']:.1f} MB"]
        rows = []
        for count, e in s["sizes"].items():
            cli = e["cli"]
            mbps = s["mb"] / cli["wall"]
            target = _ok(mbps, TARGETS["synthetic_100k_mbps"]) if int(count) == 100000 else ""
            rows.append([f"{int(count):,} entities, CLI", f"{e['cold']['wall']:.1f}", f"{cli['wall']:.2f} [{cli['wall_min']:.2f}-{cli['wall_max']:.2f}]",
                         f"{cli['cpu']:.2f}", f"{mbps:.1f}", f"{s['mb'] / cli['cpu']:.1f}",
                         f"{cli['rss_mb']:.0f} {_ok(cli['rss_mb'], TARGETS['memory_mb'], False)}",
                         ratio_to_grep(f"synthetic-{count}", mbps, s["mb"] / cli["cpu"]), target])
            if "inprocess" in e:
                ip = e["inprocess"]
                rows.append([f"{int(count):,} entities, in-process", "-", f"{ip['check']:.2f}", f"{ip['check_cpu']:.2f}", f"{s['mb'] / ip['check']:.1f}", f"{s['mb'] / ip['check_cpu']:.1f}",
                             f"{ip['rss_mb']:.0f}", ratio_to_grep(f"synthetic-{count}", s["mb"] / ip["check"], s["mb"] / ip["check_cpu"]),
                             f"Checker() {ip['init']:.2f} s; {ip['entities']} entities, {ip['forms']} forms"])
        lines += _table(["", "cold s", "warm wall s", "cpu s", "MB/s wall", "MB/s cpu", "peak RSS MB", "x grep (wall / cpu)", "target"], rows)
    if "e2e" in res:
        e = res["e2e"]
        cli = e["cli"]
        lines += ["", f"every rule, end to end: {e['records']} news records as JSONL ({e['target_mb']:.2f} MB of targets, "
                      f"file {e['file_mb']:.2f} MB), CLI, one process"]
        rows = [["CLI, whole process", f"{cli['wall']:.1f} [{cli['wall_min']:.1f}-{cli['wall_max']:.1f}]", f"{cli['cpu']:.1f}",
                 f"{e['target_mb'] / cli['wall']:.2f}", f"{e['target_mb'] / cli['cpu']:.2f}", f"{cli['rss_mb']:.0f}",
                 f"{cli['wall'] * 1000 / e['records']:.2f}", _ok(e["target_mb"] / cli["wall"], TARGETS["e2e_mbps"])]]
        lines += _table(["", "wall s", "cpu s", "MB/s wall", "MB/s cpu", "peak RSS MB", "ms/record", "target"], rows)
        lines.append(f"  findings: {cli['findings']}")
    if "prepublish" in res:
        p = res["prepublish"]
        lines += ["", f"pre-publish: {p['file']} ({p['bytes']} bytes), --src fr --tgt en, cold process start"]
        rows = []
        for label, key in (("warm cache", "warm"), ("warm cache, no bytecode kept", "warm_nopyc"), ("empty cache dir", "cold_cache"),
                           ("tqcheck --version", "tqcheck_version"), ("python -c pass", "python_startup")):
            r = p.get(key)
            if r is None:
                continue
            rows.append([label, f"{r['wall']:.3f} [{r['wall_min']:.3f}-{r['wall_max']:.3f}]", f"{r['cpu']:.3f}", f"{r['rss_mb']:.0f}",
                         _ok(r["wall"], TARGETS["prepublish_warm_s"], False) if key == "warm" else ""])
        lines += _table(["", "wall s", "cpu s", "peak RSS MB", "target"], rows)
        lines.append("  every run but 'no bytecode kept' keeps compiled modules (PYTHONPYCACHEPREFIX), as an installed "
                     "package does; 'no bytecode kept' recompiles them at each start (PYTHONDONTWRITEBYTECODE=1)")
    if grep:
        lines += ["", f"the floor: grep -F -w -f forms.txt corpus ({res['grep']['mb']:.1f} MB, locale {res['grep']['locale']})"]
        rows = []
        for name, g in grep.items():
            r = g["grep"]
            rows.append([name, g["forms"], f"{r['wall']:.2f} [{r['wall_min']:.2f}-{r['wall_max']:.2f}]", f"{r['cpu']:.2f}",
                         f"{res['grep']['mb'] / r['wall']:.1f}", f"{res['grep']['mb'] / r['cpu']:.1f}", f"{r['rss_mb']:.0f}", r["lines"]])
        lines += _table(["forms of", "forms", "wall s", "cpu s", "MB/s wall", "MB/s cpu", "peak RSS MB", "matching lines"], rows)
        lines.append("  'x grep' above: our MB/s divided by grep's on the same forms (1.0 = as fast as grep)")
    return "\n".join(lines) + "\n"


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        load = "?"
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "loadavg": load, "git": git_state(), "speedups": speedups_state()}


def speedups_state() -> str:
    """Whether the children run the compiled twins (tqcheck/_speedups.c) or the pure-Python ones
    (not built, or TQCHECK_PURE_PYTHON=1 in the environment: the way to compare the two)."""
    probe = "from tqcheck.speedups import SPEEDUPS; print('compiled' if SPEEDUPS else 'pure Python')"
    # From a neutral folder: in the source folder, `python -c` would import its tqcheck/ instead.
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=base_env(),
                          cwd=tempfile.gettempdir())
    return done.stdout.strip() or "?"


def git_state() -> str:
    """The commit measured, and whether tqcheck/ or glossaries/ had uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE.parent, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "tqcheck", "glossaries"], cwd=HERE.parent,
                               capture_output=True, text=True).stdout.strip()
        return head + (" + uncommitted changes" if dirty else "")
    except OSError:
        return "?"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=None, help="a text corpus to use instead of the generated one")
    ap.add_argument("--data", type=Path, default=corpus_tools.DEFAULT_DATA, help="the eval data folder (../shared/eval)")
    ap.add_argument("--work", type=Path, default=corpus_tools.DEFAULT_OUT, help="where inputs and caches go (temp)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB")
    ap.add_argument("--entities", default="1000,10000,100000")
    ap.add_argument("--only", default=",".join(CASES), help=f"cases: {','.join(CASES)}")
    ap.add_argument("--e2e-limit", type=int, default=None, help="only the first N news records end to end")
    ap.add_argument("--e2e-runs", type=int, default=None, help="runs for e2e (default: --runs)")
    ap.add_argument("--profile", action="store_true", help="print cProfile top functions (glossary and all rules) and exit")
    ap.add_argument("--profile-records", type=int, default=10000)
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", type=Path, default=None, help="also write the output to this file")
    ap.add_argument("--json-out", type=Path, default=None, help="also write the figures as JSON to this file")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)

    log = (lambda m: None) if args.quiet else (lambda m: print(f"[bench] {m}", file=sys.stderr, flush=True))
    only = [c.strip() for c in args.only.split(",") if c.strip()]
    for c in only:
        if c not in CASES:
            ap.error(f"--only: unknown case {c!r} (known: {', '.join(CASES)})")
    counts = [int(x) for x in args.entities.split(",") if x.strip()]
    need = counts if ("synthetic" in only or "grep" in only) else []
    paths = corpus_tools.prepare(args.data, args.work, args.mb, need, log=log)
    global PYCACHE
    PYCACHE = paths["dir"] / "pycache"
    if args.corpus:
        paths["corpus"] = args.corpus
    if args.profile:
        text = profile(paths, args.profile_records, args.top)
        sys.stdout.write(text)
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        return 0

    res: dict = {"machine": machine(), "runs": args.runs, "corpus": str(paths["corpus"])}
    if "glossary" in only:
        res["glossary"] = case_glossary(paths, args.runs, log)
    if "synthetic" in only:
        res["synthetic"] = case_synthetic(paths, args.runs, counts, log)
    if "e2e" in only:
        res["e2e"] = case_e2e(paths, args.e2e_runs or args.runs, args.e2e_limit, log)
    if "prepublish" in only:
        res["prepublish"] = case_prepublish(paths, args.runs, log)
    if "grep" in only:
        res["grep"] = case_grep(paths, args.runs, counts if "synthetic" in only or args.entities else [], log)
    res["machine"]["loadavg_end"] = machine()["loadavg"]
    as_json = json.dumps(res, indent=1, default=str) + "\n"
    if args.json_out:
        args.json_out.write_text(as_json, encoding="utf-8")
    text = as_json if args.json else render(res)
    sys.stdout.write(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
