"""The command line: the only place that reads files, prints and sets the exit code.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage or input error.
"""
from __future__ import annotations

import dataclasses
import fnmatch
import functools
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .config import Config, find_config, load_config
from .errors import ConfigError, GlossaryError, InputError, TqcheckError
from .findings import Severity
from .languages import is_valid

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="tqcheck: find what machine translation leaked from the source language.",
)
glossary_app = typer.Typer(help="Validate and import glossaries.", no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")
cache_app = typer.Typer(help="Build, list or clear the cache of compiled glossaries and word lists.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")

INPUT_FORMATS = ("auto", "text", "markdown", "html", "jsonl", "xliff", "tmx", "bitext")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.jsonl", "*.ndjson", "*.xlf", "*.xliff", "*.tmx")


def _split(values: Optional[List[str]]) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tqcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """tqcheck: find what machine translation leaked from the source language."""


def resolve_config(config_path: Optional[Path], isolated: bool = False) -> Config:
    if config_path is not None:
        return load_config(config_path)
    if isolated:
        return Config()
    return load_config(find_config(Path.cwd()))


def apply_cli(config: Config, *, src, tgt, glossary, no_default_glossaries, select, ignore, severity,
              fail_on, max_penalty, accept) -> Config:
    changes: dict = {}
    for name, value in (("src", src), ("tgt", tgt)):
        if value is not None:
            if not is_valid(value):
                raise ConfigError(f"--{name}: {value!r} is not an ISO 639-1 language code (e.g. en, fr, uk)")
            changes[name] = value
    if glossary:
        changes["glossaries"] = tuple(config.glossaries) + tuple(Path(g) for g in glossary)
    if no_default_glossaries:
        changes["default_glossaries"] = False
    from .checks import rule_ids

    known = set(rule_ids())
    for option, values in (("select", select), ("ignore", ignore)):
        rules = _split(values)
        for rule in rules:
            if rule not in known:
                raise ConfigError(f"--{option}: unknown rule {rule!r} (known: {', '.join(sorted(known))})")
        if rules:
            changes[option] = frozenset(rules) if option == "select" else config.ignore | frozenset(rules)
    if severity:
        sev = dict(config.severity)
        for item in _split(severity):
            rule, _, level = item.partition("=")
            if rule not in known or not level:
                raise ConfigError(f"--severity: expected RULE=LEVEL with a known rule, got {item!r}")
            try:
                sev[rule] = Severity.parse(level)
            except ValueError as exc:
                raise ConfigError(f"--severity: {exc}") from None
        changes["severity"] = sev
    if fail_on is not None:
        try:
            changes["fail_on"] = Severity.parse(fail_on)
        except ValueError as exc:
            raise ConfigError(f"--fail-on: {exc}") from None
    if max_penalty is not None:
        changes["max_penalty"] = max_penalty
    if accept:
        changes["accept"] = config.accept | frozenset(_split(accept))
    return config.with_(**changes)


def collect_inputs(paths: List[str], include: tuple, exclude: tuple) -> tuple[list[str], list[str]]:
    """Files to read (in a stable order) and errors for paths that do not exist."""
    files, errors = [], []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in names:
                    full = Path(root) / name
                    rel = full.relative_to(path).as_posix()
                    if not any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(rel, g) for g in include):
                        continue
                    if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in exclude):
                        continue
                    found.append(str(full))
            files.extend(sorted(found))
        elif path.exists():
            files.append(raw)
        else:
            errors.append(f"{raw}: no such file or directory")
    # A file named twice (dir and dir/a.txt) is read once, where it first appears.
    seen: set = set()
    unique = []
    for name in files:
        key = name if name == "-" else os.path.realpath(name)
        if key not in seen or name == "-":
            seen.add(key)
            unique.append(name)
    return unique, errors


def select_inputs(cfg: Config, paths: List[str], input_format: str, include, exclude):
    """Validate --input-format and list the files to read (options over config over defaults)."""
    if input_format not in INPUT_FORMATS:
        raise ConfigError(f"--input-format: unknown format {input_format!r}")
    return collect_inputs(paths, tuple(include or cfg.include or DEFAULT_INCLUDE), tuple(exclude or cfg.exclude))


def load_documents(files: list[str], input_format: str, max_bytes: int, src: Optional[str], tgt: Optional[str]):
    from .readers import decode, format_of, parse, read_bytes, utf8_of

    docs, errors = [], []
    for name in files:
        try:
            if name == "-":
                data = sys.stdin.buffer.read(max_bytes + 1)
                label = "<stdin>"
                if len(data) > max_bytes:
                    raise InputError(f"input too large (> {max_bytes / 1e6:.0f} MB limit, see --max-size)", label)
            else:
                data = read_bytes(Path(name), max_bytes)
                label = name
            text = decode(data, label)
            found, record_errors = parse(
                text, label, format_of(name if name != "-" else "x.txt", input_format), src, tgt, utf8_of(data),
            )
        except InputError as exc:
            errors.append(str(exc))
            continue
        errors.extend(str(e) for e in record_errors)
        docs.extend(found)
    return docs, errors


def attach_side_texts(docs, files: list[str], source: Optional[Path], reference: Optional[Path],
                      input_format: str, max_bytes: int) -> None:
    """--source/--reference: the whole source or reference text of the one target document.

    The file is read like a target (same format detection), so an HTML or Markdown source gives
    its prose, not its markup.
    """
    from .readers import decode, format_of, parse, read_bytes

    if source is None and reference is None:
        return
    if len(files) != 1 or len(docs) > 1:
        raise ConfigError(
            f"--source/--reference apply to one target document, got {len(docs)} from {len(files)} input(s); "
            "XLIFF, TMX, TSV and JSONL carry their sources (and references) per segment"
        )
    if not docs:
        return  # the target could not be read: that error is reported already
    for attr, path in (("source", source), ("reference", reference)):
        if path is None:
            continue
        text = decode(read_bytes(path, max_bytes), str(path))
        found, _ = parse(text, str(path), format_of(str(path), input_format))
        setattr(docs[0], attr, "\n\n".join(d.plain for d in found) if found else text)


def _use_color(color: Optional[bool]) -> bool:
    if color is not None:
        return color
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def write_output(path: Path, content: str) -> None:
    from .cache import atomic_write_bytes

    try:
        atomic_write_bytes(path, content.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot write output: {exc.strerror or exc}", str(path)) from None


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Files, directories (recursive) or - for standard input."),
    src: Optional[str] = typer.Option(None, "--src", help="Source language (ISO 639-1), e.g. fr."),
    tgt: Optional[str] = typer.Option(None, "--tgt", help="Target language (ISO 639-1); detected when not given."),
    glossary: Optional[List[Path]] = typer.Option(None, "--glossary", "-g", help="Extra glossary file (repeatable)."),
    no_default_glossaries: bool = typer.Option(False, "--no-default-glossaries", help="Do not load the shipped glossaries."),
    config_path: Optional[Path] = typer.Option(None, "--config", "-c", help="Config file (default: tqcheck.toml or pyproject.toml found walking up)."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore config files found walking up."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (comma-separated, repeatable)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (comma-separated, repeatable)."),
    severity: Optional[List[str]] = typer.Option(None, "--severity", help="Override a rule's severity: RULE=LEVEL (repeatable)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Exit 1 when a finding is at or above: critical, major, minor, info (default: major)."),
    max_penalty: Optional[float] = typer.Option(None, "--max-penalty", help="A document passes with an MQM penalty per 1,000 words at most this (default: 10)."),
    accept: Optional[List[str]] = typer.Option(None, "--accept", help="Forms accepted in this project (comma-separated, repeatable)."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format on standard output."),
    outputs: Optional[List[str]] = typer.Option(None, "--output", "-o", help="Also write FORMAT=FILE (repeatable), e.g. -o json=findings.json."),
    input_format: str = typer.Option("auto", "--input-format", help="auto (by extension), text, markdown, html, jsonl, xliff, tmx or bitext (TSV)."),
    source_file: Optional[Path] = typer.Option(None, "--source", help="The source text of the (one) target document: enables the source checks."),
    reference_file: Optional[Path] = typer.Option(None, "--reference", help="A human reference translation of the (one) target document: adds BLEU, chrF++ and TER."),
    include: Optional[List[str]] = typer.Option(None, "--include", help="Globs of files to read in directories (repeatable)."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Globs of files to skip in directories (repeatable)."),
    max_size: float = typer.Option(100.0, "--max-size", help="Largest input file in MB."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour the text output (default: on a terminal, unless NO_COLOR)."),
    baseline_file: Optional[Path] = typer.Option(None, "--baseline", help="Report only findings not in this baseline file (see `tqcheck baseline`)."),
    fix: bool = typer.Option(False, "--fix", help="Apply the sure fixes to the files, then report what remains (- : fixed text to standard output)."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix/--diff: also fix name-typo and word-typo."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff of what --fix would change; write nothing."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Check files in N processes (0: one per CPU); the output is the same."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress line on standard error (default: on a terminal, for long runs)."),
) -> None:
    """Check machine-translated texts; print findings; exit 0, 1 (findings) or 2 (errors)."""
    from .formatters import FORMATTERS, render

    cfg = apply_cli(
        resolve_config(config_path, isolated), src=src, tgt=tgt, glossary=glossary,
        no_default_glossaries=no_default_glossaries, select=select, ignore=ignore, severity=severity,
        fail_on=fail_on, max_penalty=max_penalty, accept=accept,
    )
    if fmt not in FORMATTERS:
        raise ConfigError(f"--format: unknown format {fmt!r} (known: {', '.join(FORMATTERS)})")
    extra = []
    for item in outputs or []:
        kind, sep, target = item.partition("=")
        if not sep or kind not in FORMATTERS or not target:
            raise ConfigError(f"--output: expected FORMAT=FILE with FORMAT one of {', '.join(FORMATTERS)}, got {item!r}")
        extra.append((kind, Path(target)))
    files, errors = select_inputs(cfg, paths, input_format, include, exclude)
    from . import baseline as baselines
    from .parallel import check_files

    known = baselines.load_baseline(baseline_file) if baseline_file is not None else None
    if (fix or diff) and "-" in files and len(files) > 1:
        raise ConfigError("--fix/--diff: standard input (-) cannot be mixed with other inputs")
    load, attach = _loaders(files, input_format, int(max_size * 1e6), cfg, source_file, reference_file)
    report, checker = check_files(cfg, files, errors, load=load, attach=attach, jobs=jobs, progress=progress)
    outcome = None
    if fix or diff:
        from . import fix as fixes  # 8 ms of imports that a plain check does without

        outcome = fixes.fix_report(
            report, lambda: checker, unsafe=unsafe_fixes, write=not diff, input_format=input_format,
            src=cfg.src, tgt=cfg.tgt, keep=baselines.baseline_filter(known, cfg.max_penalty),
        )
        errors += outcome.errors
        # --diff changes nothing: the report stays that of the files as they are
        report = dataclasses.replace(report if diff else outcome.report, errors=tuple(errors))
        typer.echo(fixes.summary(outcome, diff), err=True)
    if known is not None:
        report = baselines.apply_baseline(report, known)
    for error in errors:
        typer.echo(f"tqcheck: error: {error}", err=True)
    for kind, target in extra:
        write_output(target, render(kind, report, color=False))
    if diff:
        typer.echo(outcome.diff(), nl=False)
        raise typer.Exit(2 if errors else (1 if outcome.applied else 0))
    out = render(fmt, report, color=_use_color(color) if fmt == "text" else False)
    if known is not None and fmt == "text":
        out += baselines.summary_line(report, baseline_file) + "\n"
    if fix and files == ["-"]:  # a filter: the fixed text on standard output, the report on standard error
        typer.echo(fixes.stdin_text(outcome, report), nl=False)
        typer.echo(out, nl=False, err=True)
    else:
        typer.echo(out, nl=False)
    raise typer.Exit(2 if errors else (1 if report.failed else 0))


def _loaders(files, input_format: str, max_bytes: int, cfg: Config, source_file, reference_file):
    """What parallel.check_files calls to read inputs (picklable: workers call it too)."""
    load = functools.partial(load_documents, input_format=input_format, max_bytes=max_bytes, src=cfg.src, tgt=cfg.tgt)
    if source_file is None and reference_file is None:
        return load, None
    return load, functools.partial(
        attach_side_texts, files=files, source=source_file, reference=reference_file,
        input_format=input_format, max_bytes=max_bytes,
    )


@app.command("baseline")
def baseline_command(
    paths: List[str] = typer.Argument(..., help="Files, directories (recursive) or - for standard input."),
    output: Path = typer.Option(Path(".tqcheck-baseline.json"), "--output", "-o", help="The baseline file to write."),
    src: Optional[str] = typer.Option(None, "--src", help="Source language (ISO 639-1), e.g. fr."),
    tgt: Optional[str] = typer.Option(None, "--tgt", help="Target language (ISO 639-1); detected when not given."),
    glossary: Optional[List[Path]] = typer.Option(None, "--glossary", "-g", help="Extra glossary file (repeatable)."),
    no_default_glossaries: bool = typer.Option(False, "--no-default-glossaries", help="Do not load the shipped glossaries."),
    config_path: Optional[Path] = typer.Option(None, "--config", "-c", help="Config file (default: tqcheck.toml or pyproject.toml found walking up)."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore config files found walking up."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (comma-separated, repeatable)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (comma-separated, repeatable)."),
    accept: Optional[List[str]] = typer.Option(None, "--accept", help="Forms accepted in this project (comma-separated, repeatable)."),
    input_format: str = typer.Option("auto", "--input-format", help="auto (by extension), text, markdown, html, jsonl, xliff, tmx or bitext (TSV)."),
    source_file: Optional[Path] = typer.Option(None, "--source", help="The source text of the (one) target document."),
    reference_file: Optional[Path] = typer.Option(None, "--reference", help="A human reference translation of the (one) target document."),
    include: Optional[List[str]] = typer.Option(None, "--include", help="Globs of files to read in directories (repeatable)."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Globs of files to skip in directories (repeatable)."),
    max_size: float = typer.Option(100.0, "--max-size", help="Largest input file in MB."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Check files in N processes (0: one per CPU)."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress line on standard error."),
) -> None:
    """Write the fingerprints of today's findings; `check --baseline FILE` then reports only new ones."""
    from .baseline import write_baseline
    from .parallel import check_files

    cfg = apply_cli(
        resolve_config(config_path, isolated), src=src, tgt=tgt, glossary=glossary,
        no_default_glossaries=no_default_glossaries, select=select, ignore=ignore, severity=None,
        fail_on=None, max_penalty=None, accept=accept,
    )
    files, errors = select_inputs(cfg, paths, input_format, include, exclude)
    load, attach = _loaders(files, input_format, int(max_size * 1e6), cfg, source_file, reference_file)
    report, _ = check_files(cfg, files, errors, load=load, attach=attach, jobs=jobs, progress=progress)
    for error in errors:
        typer.echo(f"tqcheck: error: {error}", err=True)
    if errors:  # a baseline without the unreadable inputs would hide their findings later
        typer.echo(f"tqcheck: error: {output} not written", err=True)
        raise typer.Exit(2)
    count = write_baseline(output, report)
    typer.echo(f"{output}: {count} fingerprint(s) of {len(report.findings)} finding(s) in {len(report.documents)} document(s)")


@app.command()
def rules() -> None:
    """List the rules with their default severity and what they find."""
    from .checks import CHECKS, INTERNAL_ERROR

    for check in CHECKS.values():
        typer.echo(f"{check.id:<18} {check.severity.label:<8} {check.summary}")
    typer.echo(f"{INTERNAL_ERROR:<18} {'major':<8} A check crashed on a document; its findings are missing.")


@glossary_app.command("validate")
def glossary_validate(
    files: Optional[List[Path]] = typer.Argument(None, help="Glossary files (default: the shipped glossaries)."),
) -> None:
    """Validate glossary files: every problem with its file and line; exit 2 if any."""
    from .glossary.files import default_glossary_paths, read_glossary_file
    from .glossary.load import cross_file_problems, parse_glossary_text

    paths = list(files) if files else default_glossary_paths()
    problems: list[str] = []
    entities = []
    for path in paths:
        try:
            text = read_glossary_file(path)
        except GlossaryError as exc:
            problems.append(str(exc))
            continue
        parsed, file_problems = parse_glossary_text(text, str(path))
        problems.extend(f"{path}:{line}: {message}" for line, message in file_problems)
        entities.extend(parsed)
    problems.extend(f"{p}:{line}: {message}" for p, line, message in cross_file_problems(entities))
    for problem in problems:
        typer.echo(problem, err=True)
    forms = sum(len(list(n.forms())) for e in entities for n in e.names.values())
    typer.echo(f"{len(paths)} file(s), {len(entities)} entities, {forms} forms: {len(problems)} problem(s)")
    raise typer.Exit(2 if problems else 0)


@glossary_app.command("import")
def glossary_import(
    table: Path = typer.Argument(..., help="CSV or TSV: id,type,lang,name,alt,short,deprecated,note (| between values)."),
    output: Path = typer.Option(..., "--output", "-o", help="The YAML glossary to write."),
    name: str = typer.Option("imported", "--name", help="The glossary's name (meta.name)."),
) -> None:
    """Convert a terminologist's spreadsheet (CSV/TSV) into a YAML glossary."""
    from .glossary.tabular import table_to_yaml
    from .readers import decode, read_bytes

    text = decode(read_bytes(table), str(table))
    try:
        yaml_text, count = table_to_yaml(text, str(table), name)
    except GlossaryError as exc:
        for line, message in exc.problems:
            typer.echo(f"tqcheck: error: {table}:{line}: {message}", err=True)
        raise typer.Exit(2)
    write_output(output, yaml_text)
    typer.echo(f"{output}: {count} entities")


@cache_app.command("warm")
def cache_warm(
    lang: Optional[List[str]] = typer.Option(None, "--lang", help="Word lists to build (comma-separated, repeatable; default: every language the glossaries write)."),
    glossary: Optional[List[Path]] = typer.Option(None, "--glossary", "-g", help="Extra glossary file (repeatable)."),
    no_default_glossaries: bool = typer.Option(False, "--no-default-glossaries", help="Do not load the shipped glossaries."),
    config_path: Optional[Path] = typer.Option(None, "--config", "-c", help="Config file (default: tqcheck.toml or pyproject.toml found walking up)."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore config files found walking up."),
) -> None:
    """Build the cache now (the glossaries as checks will compile them, word lists), so that the
    first check starts fast: for a deployment or a CI cache step."""
    from .cache import cache_dir
    from .warmup import warm_cache

    langs = _split(lang)
    for code in langs:
        if not is_valid(code):
            raise ConfigError(f"--lang: {code!r} is not an ISO 639-1 language code (e.g. en, fr, uk)")
    cfg = apply_cli(
        resolve_config(config_path, isolated), src=None, tgt=None, glossary=glossary,
        no_default_glossaries=no_default_glossaries, select=None, ignore=None, severity=None,
        fail_on=None, max_penalty=None, accept=None,
    )
    for built in warm_cache(cfg, langs or None):
        typer.echo(f"{built.seconds:6.2f} s  {built.what}")
    typer.echo(f"cache: {cache_dir()}")


def _cache_folder():
    """The cache folder, or None, said on standard output, when the cache is off."""
    from .cache import cache_dir

    directory = cache_dir()
    if directory is None:
        typer.echo("the cache is off (TQCHECK_CACHE_DIR=off)")
    return directory


@cache_app.command("info")
def cache_info() -> None:
    """Where the cache is and what tqcheck keeps there."""
    from .warmup import cache_files

    directory = _cache_folder()
    if directory is None:
        return
    files = cache_files(directory)
    total = 0
    for path in files:
        try:
            size = path.stat().st_size
        except FileNotFoundError:  # cleared meanwhile by another process
            continue
        total += size
        typer.echo(f"{size / 1e6:9.1f} MB  {path.name}")
    typer.echo(f"{directory}: {len(files)} file(s), {total / 1e6:.1f} MB")


@cache_app.command("clear")
def cache_clear() -> None:
    """Remove tqcheck's files from the cache (nothing else in its folder)."""
    from .warmup import clear_cache

    directory = _cache_folder()
    if directory is None:
        return
    removed, size = clear_cache(directory)
    typer.echo(f"{directory}: removed {removed} file(s), {size / 1e6:.1f} MB")


def main(argv: Optional[List[str]] = None) -> None:
    try:
        app(args=argv, prog_name="tqcheck")
    except TqcheckError as exc:
        typer.echo(f"tqcheck: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


def run() -> None:
    """The console script (and `python -m tqcheck`): `main`, then the process ends without the
    interpreter's teardown, which frees everything the run built one object at a time (0.04 s
    after a 20 MB text). By then every file a command writes is closed; standard output and error
    are flushed here. `main` itself (what tests and embedders call) returns or raises as usual."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):  # a message, as sys.exit("...") has it
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader that stopped early (| head), a closed stream
            pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
