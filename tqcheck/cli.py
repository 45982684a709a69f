"""The command line: the only place that reads files, prints and sets the exit code.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage or input error.
"""
from __future__ import annotations

import fnmatch
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
    return files, errors


def load_documents(files: list[str], input_format: str, max_bytes: int, src: Optional[str], tgt: Optional[str]):
    from .readers import decode, format_of, parse, read_bytes

    docs, errors = [], []
    for name in files:
        try:
            if name == "-":
                data = sys.stdin.buffer.read()
                label = "<stdin>"
                if len(data) > max_bytes:
                    raise InputError(f"input too large (> {max_bytes / 1e6:.0f} MB limit, see --max-size)", label)
            else:
                data = read_bytes(Path(name), max_bytes)
                label = name
            text = decode(data, label)
            found, record_errors = parse(text, label, format_of(name if name != "-" else "x.txt", input_format), src, tgt)
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
) -> None:
    """Check machine-translated texts; print findings; exit 0, 1 (findings) or 2 (errors)."""
    from .engine import Checker
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
    if input_format not in ("auto", "text", "markdown", "html", "jsonl", "xliff", "tmx", "bitext"):
        raise ConfigError(f"--input-format: unknown format {input_format!r}")
    files, errors = collect_inputs(
        paths, tuple(include or cfg.include or DEFAULT_INCLUDE), tuple(exclude or cfg.exclude),
    )
    docs, read_errors = load_documents(files, input_format, int(max_size * 1e6), cfg.src, cfg.tgt)
    errors += read_errors
    attach_side_texts(docs, files, source_file, reference_file, input_format, int(max_size * 1e6))
    checker = Checker(cfg)
    report = checker.check_documents(docs, errors)
    for error in errors:
        typer.echo(f"tqcheck: error: {error}", err=True)
    typer.echo(render(fmt, report, color=_use_color(color) if fmt == "text" else False), nl=False)
    for kind, target in extra:
        write_output(target, render(kind, report, color=False))
    raise typer.Exit(2 if errors else (1 if report.failed else 0))


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
    from .glossary.load import cross_file_problems, default_glossary_paths, parse_glossary_text, read_glossary_file

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
    yaml_text, count = table_to_yaml(text, str(table), name)
    write_output(output, yaml_text)
    typer.echo(f"{output}: {count} entities")


def main(argv: Optional[List[str]] = None) -> None:
    try:
        app(args=argv, prog_name="tqcheck")
    except TqcheckError as exc:
        typer.echo(f"tqcheck: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
