"""`--fix` and `--diff`: apply the sure fixes to the files, keeping everything else byte for byte.

A fix is *sure* when its finding has exactly one suggestion and its rule is one whose suggestion
can be trusted blindly: source-form, deprecated-form and repeated-word; name-typo and word-typo
only with `--unsafe-fixes` (a near-miss may be another, real name or word).

How a fix is applied:
- Only the finding's span of the file text is replaced (finding offsets are exact file offsets),
  so Markdown and HTML markup stays intact. A span that is not a verbatim copy of what the checks
  read (it holds an HTML entity, a tag, a hidden Markdown part) is left alone. The replacement is
  HTML-escaped in HTML, XLIFF and TMX.
- JSONL: only the changed record's `target` value is re-serialised (`json.dumps`,
  `ensure_ascii=False`); the rest of that line and every other line stay byte-identical.
- Case is kept: "POUTINE" -> "PUTIN" (all caps stays all caps when the replacement has as many
  words), a possessive the match includes stays, a capitalised common word stays capitalised and a
  lowercase one lower ("Goverment" -> "Government", "goverment" -> "government"); names (glossary
  rules) keep the glossary's capitalisation.
- Overlapping fixes: the first (leftmost, then shortest) wins; the others wait for the next round.
  Edits are applied right to left. The file is re-checked after each round and fixed again until
  nothing changes (at most MAX_ROUNDS), so a second `--fix` run changes nothing.
- Writes are atomic (a temporary file in the same folder, fsync, os.replace) and keep the file's
  permission bits and its encoding (UTF-8 with or without BOM, UTF-16 with BOM). A file whose
  bytes on disk changed since tqcheck read it is not overwritten: that is an error (exit 2).

Standard input (`tqcheck check --fix -`): the fixed text is written to standard output and the
report of the remaining findings to standard error (see docs/ci.md). JSONL from standard input
cannot be fixed (its records are re-serialised from the file's own lines).
"""
from __future__ import annotations

import bisect
import difflib
import html
import json
import re
from dataclasses import dataclass, field, replace
from json.decoder import scanstring
from pathlib import Path
from typing import Callable, Iterable, Optional

from .cache import FileChanged, atomic_write
from .document import Document
from .errors import InputError
from .findings import DocumentResult, Finding, Report

SAFE_RULES = frozenset({"source-form", "deprecated-form", "repeated-word"})
UNSAFE_RULES = frozenset({"name-typo", "word-typo"})
NAME_RULES = frozenset({"source-form", "deprecated-form", "name-typo"})  # suggestions are names
MAX_ROUNDS = 10
STDIN = "<stdin>"
_ESCAPED_FORMATS = {"html", "xliff", "tmx"}
_POSSESSIVE = re.compile(r"(['’]s?)$", re.IGNORECASE)
# Characters str.splitlines() breaks on that json.dumps(ensure_ascii=False) leaves raw: a target
# holding one would split its record in two for the JSONL reader.
_JSON_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


# -- case -----------------------------------------------------------------------------------------

def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def adapt_case(matched: str, suggestion: str, name: bool = True) -> str:
    """`suggestion` written the way `matched` is: caps, capitalisation, possessive.

    `name`: the suggestion is a name (keeps its own capitalisation); else a common word.
    """
    possessive = ""
    m = _POSSESSIVE.search(matched)
    if m and len(matched) > len(m.group(1)) and not _POSSESSIVE.search(suggestion):
        possessive = m.group(1)
        matched = matched[: m.start()]
    new = suggestion
    if _all_caps(matched) and not _all_caps(suggestion) and len(matched.split()) == len(suggestion.split()):
        new = suggestion.upper()  # "POUTINE" -> "PUTIN"; not "OTAN" -> "NORTH ATLANTIC TREATY ORGANIZATION"
    elif matched[:1].isupper() and suggestion == suggestion.lower() and suggestion[:1].islower():
        new = suggestion[:1].upper() + suggestion[1:]  # a common word starting a sentence
    elif not name and matched[:1].islower() and suggestion[:1].isupper() and suggestion[1:] == suggestion[1:].lower():
        new = suggestion[:1].lower() + suggestion[1:]
    return new + possessive


# -- planning -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    new: str
    rule: str


def fix_rules(unsafe: bool) -> frozenset:
    return SAFE_RULES | UNSAFE_RULES if unsafe else SAFE_RULES


def is_candidate(f: Finding, unsafe: bool) -> bool:
    """Could --fix apply this finding (before looking at the file)?"""
    return f.rule in fix_rules(unsafe) and f.fixable and f.suggestions[0] != f.text


def _verbatim(doc: Document, start: int, end: int) -> bool:
    """Is document text[start:end] copied character for character into the view the checks read?"""
    view = doc.view
    if view is None or view.starts is None:
        return True
    i = bisect.bisect_left(view.starts, start)
    for k in range(end - start):
        j = i + k
        if j >= len(view.starts) or view.starts[j] != start + k or view.ends[j] != start + k + 1:
            return False
    return True


def _edit_for(f: Finding, text: str, doc: Document, fmt: str) -> Optional[Edit]:
    if text[f.start:f.end] != f.text or f.end <= f.start:
        return None  # out of date: never guess
    if fmt in _ESCAPED_FORMATS and "&" in f.text:
        return None  # an entity inside the span: its text is not what the checks read
    if not _verbatim(doc, f.start, f.end):
        return None  # the span crosses markup or hidden text
    if f.rule == "repeated-word":
        new = f.suggestions[0]  # the first of the two words, exactly as written
    else:
        new = adapt_case(f.text, f.suggestions[0], name=f.rule in NAME_RULES or f.entity is not None)
    if fmt in _ESCAPED_FORMATS:
        new = html.escape(new, quote=False)
    if fmt == "bitext" and any(c in new for c in "\t\r\n"):
        return None
    if new == f.text:
        return None
    return Edit(f.start, f.end, new, f.rule)


def plan_edits(text: str, pairs: Iterable[tuple[Document, DocumentResult]], fmt: str, unsafe: bool) -> list[Edit]:
    """The non-overlapping edits of the findings in `pairs` (all offsets into `text`), left to right."""
    candidates = set()
    for doc, result in pairs:
        for f in result.findings:
            if is_candidate(f, unsafe):
                edit = _edit_for(f, text, doc, fmt)
                if edit is not None:
                    candidates.add(edit)
    chosen: list[Edit] = []
    for edit in sorted(candidates, key=lambda e: (e.start, e.end, e.rule, e.new)):
        if chosen and edit.start < chosen[-1].end:
            continue  # overlaps a fix already chosen: the next round sees it again
        chosen.append(edit)
    return chosen


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.new + text[edit.end:]
    return text


# -- JSONL ----------------------------------------------------------------------------------------

_WS = " \t\n\r"


def _skip(s: str, i: int) -> int:
    while i < len(s) and s[i] in _WS:
        i += 1
    return i


def target_value_span(line: str) -> Optional[tuple[int, int]]:
    """The span of the top-level "target" value in one JSON object line (the last one, as json.loads)."""
    decoder = json.JSONDecoder()
    try:
        i = _skip(line, 0)
        if line[i:i + 1] != "{":
            return None
        i = _skip(line, i + 1)
        span = None
        if line[i:i + 1] == "}":
            return None
        while True:
            if line[i:i + 1] != '"':
                return None
            key, i = scanstring(line, i + 1)
            i = _skip(line, i)
            if line[i:i + 1] != ":":
                return None
            i = _skip(line, i + 1)
            _, end = decoder.raw_decode(line, i)
            if key == "target":
                span = (i, end)
            i = _skip(line, end)
            if line[i:i + 1] == ",":
                i = _skip(line, i + 1)
                continue
            return span if line[i:i + 1] == "}" else None
    except (ValueError, IndexError):
        return None


def dump_target(value: str) -> str:
    dumped = json.dumps(value, ensure_ascii=False)
    for raw, escaped in _JSON_LINE_BREAKS.items():
        dumped = dumped.replace(raw, escaped)
    return dumped


def _fix_jsonl(text: str, pairs: list[tuple[Document, DocumentResult]], unsafe: bool) -> tuple[str, int]:
    lines = text.splitlines(keepends=True)  # the reader's own line split
    applied = 0
    for doc, result in pairs:
        edits = plan_edits(doc.text, [(doc, result)], "jsonl", unsafe)
        line_no = doc.lines.fixed_line if doc.lines is not None else None
        if not edits or not line_no or line_no > len(lines):
            continue
        raw = lines[line_no - 1]
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        span = target_value_span(body)
        if span is None or json.loads(body[span[0]:span[1]]) != doc.text:
            continue
        new_target = apply_edits(doc.text, edits)
        lines[line_no - 1] = body[:span[0]] + dump_target(new_target) + body[span[1]:] + raw[len(body):]
        applied += len(edits)
    return "".join(lines), applied


def fix_text(text: str, fmt: str, pairs: list[tuple[Document, DocumentResult]], unsafe: bool) -> tuple[str, int]:
    """One round: the text with the sure fixes of `pairs` applied, and how many were applied."""
    if fmt == "jsonl":
        return _fix_jsonl(text, pairs, unsafe)
    edits = plan_edits(text, pairs, fmt, unsafe)
    return apply_edits(text, edits), len(edits)


# -- files ----------------------------------------------------------------------------------------

def _encode_like(text: str, original: Optional[bytes]) -> bytes:
    """Encode `text` the way the original file was: UTF-16 with its BOM, UTF-8 with or without one."""
    if original is not None:
        if original.startswith(b"\xff\xfe"):
            return b"\xff\xfe" + text.encode("utf-16-le")
        if original.startswith(b"\xfe\xff"):
            return b"\xfe\xff" + text.encode("utf-16-be")
        if original.startswith(b"\xef\xbb\xbf"):
            return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("utf-8")


@dataclass
class FileFix:
    """What --fix did (or would do) to one input."""

    path: str
    fmt: str
    original: str
    fixed: str
    applied: int
    results: list[DocumentResult]  # the results after fixing (re-checked)
    documents_per_input: int = 1
    data: Optional[bytes] = None  # the bytes read (None for standard input)
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        return unified_diff(self.path, self.original, self.fixed)


def _split_lines(text: str) -> list[str]:
    return re.findall(r"[^\n]*\n|[^\n]+", text)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff (difflib) of one file, `patch -p0` compatible; empty when nothing changed."""
    if before == after:
        return ""
    out = []
    for line in difflib.unified_diff(_split_lines(before), _split_lines(after), fromfile=path, tofile=path):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


@dataclass
class FixOutcome:
    report: Report
    files: list[FileFix] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def applied(self) -> int:
        return sum(f.applied for f in self.files)

    @property
    def changed_files(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]

    def diff(self) -> str:
        return "".join(f.diff() for f in self.files)


Keep = Callable[[list[DocumentResult]], list[DocumentResult]]


def _runs(documents) -> list[tuple[str, list[DocumentResult]]]:
    """Consecutive results of one input (same path), in report order."""
    runs: list[tuple[str, list[DocumentResult]]] = []
    for d in documents:
        if runs and runs[-1][0] == d.path:
            runs[-1][1].append(d)
        else:
            runs.append((d.path, [d]))
    return runs


def fix_report(report: Report, checker_factory: Callable[[], object], *, unsafe: bool = False,
               write: bool = True, input_format: str = "auto", src: Optional[str] = None,
               tgt: Optional[str] = None, keep: Optional[Keep] = None) -> FixOutcome:
    """Fix every input of `report` that has sure fixes; returns the report after fixing.

    `checker_factory()` gives the engine Checker that re-checks fixed texts (made only when needed);
    `keep` filters results before fixes are planned (a baseline: baselined findings are not fixed);
    `write=False` (--diff) computes everything and writes nothing.
    """
    from .readers import format_of

    keep = keep or (lambda results: results)
    outcome = FixOutcome(report=report)
    replaced: dict[str, list[DocumentResult]] = {}
    checker = None
    for path, results in _runs(report.documents):
        if path in replaced or not any(is_candidate(f, unsafe) for r in keep(results) for f in r.findings):
            continue
        fmt = format_of(path if path != STDIN else "x.txt", input_format)
        try:
            text, data = _read_current(path, results, fmt)
            docs = _parse(text, path, fmt, src, tgt)
            old = results[:len(docs)]
            if len(old) != len(docs) or any(d.text != r.text for d, r in zip(docs, old)):
                raise FileChanged("changed on disk since tqcheck read it; not fixed (run again)", path)
            if checker is None:
                checker = checker_factory()
            file_fix = _fix_rounds(path, fmt, text, docs, old, unsafe, checker, keep, src, tgt)
            file_fix.data = data
            if write and file_fix.changed and path != STDIN:
                atomic_write(Path(path), _encode_like(file_fix.fixed, data), expected=data)
                file_fix.written = True
        except InputError as exc:
            outcome.errors.append(str(exc))
            continue
        except OSError as exc:  # e.g. a read-only folder: the temporary file cannot be created
            outcome.errors.append(f"{path}: cannot write the fixed file: {exc.strerror or exc}")
            continue
        outcome.files.append(file_fix)
        if file_fix.changed:
            replaced[path] = file_fix.results
    if replaced:
        per_input = {f.path: f.documents_per_input for f in outcome.files}
        documents = []
        for path, results in _runs(report.documents):
            if path in replaced:  # an input named twice is reported twice, as before
                documents.extend(replaced[path] * max(1, len(results) // max(1, per_input[path])))
            else:
                documents.extend(results)
        from .scores import run_scores  # the texts changed: so do the reference metrics

        outcome.report = replace(report, documents=tuple(documents), scores=run_scores(documents))
    return outcome


def _read_current(path: str, results: list[DocumentResult], fmt: str) -> tuple[str, Optional[bytes]]:
    from .readers import decode, read_bytes

    if path == STDIN:
        if fmt == "jsonl":
            raise InputError("--fix cannot rewrite JSONL from standard input; give the file", path)
        return results[0].text, None
    data = read_bytes(Path(path), max_bytes=1 << 62)  # --max-size was applied when it was checked
    return decode(data, path), data


def _parse(text: str, path: str, fmt: str, src, tgt) -> list[Document]:
    from .readers import parse

    docs, _ = parse(text, path, fmt, src, tgt)
    return docs


def _recheck(checker, docs: list[Document], previous: list[DocumentResult]) -> list[DocumentResult]:
    # --source/--reference texts came from other files: carry them over to the fixed documents.
    if len(docs) == len(previous):
        for doc, prev in zip(docs, previous):
            if doc.source is None and prev.source is not None:
                doc.source = prev.source
            if doc.reference is None and prev.reference is not None:
                doc.reference = prev.reference
    return [checker.check_document(d) for d in docs]


def _fix_rounds(path, fmt, text, docs, results, unsafe, checker, keep: Keep, src, tgt) -> FileFix:
    current, applied = text, 0
    n_docs = len(docs)
    for _ in range(MAX_ROUNDS):
        new_text, n = fix_text(current, fmt, list(zip(docs, keep(results))), unsafe)
        if n == 0 or new_text == current:
            break
        applied += n
        current = new_text
        docs = _parse(current, path, fmt, src, tgt)
        results = _recheck(checker, docs, results)
    return FileFix(
        path=path, fmt=fmt, original=text, fixed=current, applied=applied, results=list(results),
        documents_per_input=n_docs,
    )


def summary(outcome: FixOutcome, diff: bool) -> str:
    """The line --fix / --diff prints on standard error."""
    files = len(outcome.changed_files)
    if diff:
        return f"tqcheck: {outcome.applied} fix(es) in {files} file(s) would be applied (--diff: nothing written)"
    return f"tqcheck: fixed {outcome.applied} finding(s) in {files} file(s)"


def stdin_text(outcome: FixOutcome, report: Report) -> str:
    """The (fixed) text of standard input, for `check --fix -`."""
    for file_fix in outcome.files:
        if file_fix.path == STDIN:
            return file_fix.fixed
    return next((d.text for d in report.documents if d.path == STDIN), "")
