"""Runs the enabled checks on a document and turns what they yield into reportable findings.

Checks report offsets into the view; here they are mapped to the document text once, given line
and column once, filtered (protected spans, inline suppressions), given their configured severity,
and scored. A check that raises becomes an `internal-error` finding: one broken check never costs
the other findings.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Optional

from . import langid
from .checks import CHECKS, INTERNAL_ERROR
from .config import Config
from .context import Context, Resources
from .document import Document
from .findings import DocumentResult, Finding, Report, Severity, mqm_penalty
from .glossary.index import GlossaryIndex, compile_glossaries
from .glossary.files import default_glossary_paths
from .lexicon import get_lexicon
from .scores import document_scores, run_scores, with_segments
from .speedups import SPEEDUPS

ALWAYS_PROTECTED = ("url", "email", "hashtag", "code")


def glossary_paths(config: Config) -> list[Path]:
    paths = list(default_glossary_paths()) if config.default_glossaries else []
    return paths + list(config.glossaries)


# Bytes that str.split() splits at (ASCII white space) -> b" ", every other byte -> b"x".
_SPACE_OR_X = bytes(0x20 if b < 0x80 and chr(b).isspace() else 0x78 for b in range(256))
_ASCII = bytes(range(0x80))
_NOT_CJK_LEAD = bytes(b for b in range(256) if not 0xE3 <= b <= 0xE9)  # UTF-8 leads of U+3000-U+9FFF
# White space outside ASCII, and the CJK blocks outside U+3000-U+9FFF.
_ODD = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u2e80-\u2fff\uf900-\ufaff]")


def count_words(text: str, data: Optional[bytes] = None) -> int:
    """Words for the MQM penalty, as translators count them: white-space separated items (as
    `str.split()` counts them); text written without spaces (Chinese, Japanese) counts one word
    per character of U+2E80-U+9FFF and U+F900-U+FAFF.

    Counted on UTF-8 bytes, by the compiled twin in one pass when it is built (0.02 s for a 20 MB
    text), else by `_count_words_py`. `data`: the text as UTF-8, when the caller has it already."""
    if data is None:
        data = text.encode("utf-8", "surrogatepass")
    if SPEEDUPS is not None:
        return SPEEDUPS.count_words(data)
    return _count_words_py(text, data)


def _count_words_py(text: str, data: bytes) -> int:
    """`count_words` with C-level passes over the bytes (translate, count): 0.13-0.17 s for 20 MB,
    1.4x faster than `len(text.split())`, which builds a string per word."""
    words = 0
    if not text.isascii():
        # The non-ASCII characters alone (deleting the ASCII bytes leaves each whole): in a text
        # in English, a few thousand; the ones that count are looked for there.
        others = data.translate(None, _ASCII)
        words = len(others.translate(None, _NOT_CJK_LEAD))
        odd = _ODD.findall(others.decode("utf-8", "surrogatepass"))
        if odd:
            words += sum(1 for ch in odd if not ch.isspace())
            for ch in set(odd):
                if ch.isspace():
                    data = data.replace(ch.encode(), b" ")
    marks = data.translate(_SPACE_OR_X)
    return words + marks.count(b" x") + (marks[:1] == b"x")


def build_report(config: Config, results: list, errors: Iterable[str] = ()) -> Report:
    """The Report of checked documents, in input order, with run-level reference scores."""
    return Report(
        documents=tuple(results), fail_on=config.fail_on, max_penalty=config.max_penalty,
        errors=tuple(errors), scores=run_scores(results),
    )


class Checker:
    """Holds the compiled glossary and configuration; checks any number of documents.

    A CMS keeps one Checker for the life of its process: the glossary is compiled (or read from the
    cache) once, and word lists are opened on first use.
    """

    def __init__(self, config: Optional[Config] = None, index: Optional[GlossaryIndex] = None) -> None:
        self.config = config or Config()
        self.index = index if index is not None else compile_glossaries(glossary_paths(self.config))
        self.resources = Resources(
            index=self.index, lexicon=get_lexicon, accepted=self.config.accept, detect_language=langid.detect,
        )
        self.checks = [c for c in CHECKS.values() if self.config.enabled(c.id)]
        self.index.preload()  # while the caller reads its documents

    def check_document(self, doc: Document) -> DocumentResult:
        tgt = doc.tgt_lang or self.config.tgt or doc.meta.get("declared_lang")
        detected = False
        if tgt is None:
            tgt = langid.detect_document(doc.plain)
            detected = tgt is not None
        src = doc.src_lang or self.config.src
        if tgt is None:
            return self._result(doc, [], src, None, False, error="cannot tell the target language; give --tgt")
        ctx = Context(doc=doc, resources=self.resources, tgt=tgt, src=src)
        findings: list[Finding] = []
        for check in self.checks:
            if check.needs_source and not doc.source:
                continue
            options = dict(self.config.rules.get(check.id, {}))
            in_quotes = options.pop("in-quotes", check.in_quotes)
            ctx.options = options
            try:
                produced = list(check.run(ctx))
            except Exception as exc:  # noqa: BLE001 - a crash becomes a finding
                findings.append(self._crash(doc, check.id, exc))
                continue
            findings.extend(self._place(doc, f, check.severity) for f in produced if self._keep(ctx, f, in_quotes))
        findings = self._filter(doc, findings)
        return self._result(doc, findings, src, tgt, detected)

    def check_documents(self, docs: Iterable[Document], errors: Iterable[str] = ()) -> Report:
        return build_report(self.config, [self.check_document(d) for d in docs], errors)

    # -- internals -----------------------------------------------------------------------------

    def _keep(self, ctx: Context, f: Finding, in_quotes: bool) -> bool:
        kinds = ALWAYS_PROTECTED if in_quotes else ALWAYS_PROTECTED + ("quote",)
        if ctx.in_protected(f.start, f.end, kinds):
            return False
        # Text the document itself declares to be in another language (HTML lang=…) is meant so.
        return not ctx.foreign_spans.overlaps(f.start, f.end)

    def _place(self, doc: Document, f: Finding, default: Severity) -> Finding:
        start, end = doc.view.to_document(f.start, f.end)
        line, column = doc.lines.position(start)
        end_line, end_column = doc.lines.position(end)
        severity = self.config.severity.get(f.rule)
        if severity is None:
            severity = f.severity if f.severity is not None else default  # INFO is 0: no `or`
        return f.with_(
            start=start, end=end, text=doc.text[start:end], line=line, column=column,
            end_line=end_line, end_column=end_column, severity=severity,
            path=doc.path, doc_id=doc.doc_id, unit=doc.unit,
        )

    def _crash(self, doc: Document, rule: str, exc: Exception) -> Finding:
        import traceback

        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = (
            f"check '{rule}' crashed ({type(exc).__name__}: {exc}) at {Path(where.filename).name}:{where.lineno}; "
            "its findings for this document are missing. Please report this."
        )
        severity = self.config.severity.get(INTERNAL_ERROR, Severity.MAJOR)
        line, column = doc.lines.position(0)
        return Finding(
            rule=INTERNAL_ERROR, start=0, end=0, text="", message=message, severity=severity,
            line=line, column=column, end_line=line, end_column=column, path=doc.path,
            doc_id=doc.doc_id, unit=doc.unit,
        )

    def _filter(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        kept = []
        seen = set()
        # An untranslated sentence is reported once, not again word by word.
        untranslated = [(f.start, f.end) for f in findings if f.rule == "untranslated"]
        for f in sorted(findings, key=lambda f: (f.start, f.end, f.rule, f.message)):
            if f.rule != "untranslated" and any(s <= f.start and f.end <= e for s, e in untranslated):
                continue
            if f.rule in doc.ignore_rules or "all" in doc.ignore_rules:
                continue
            if any(d.start <= f.start < d.end and (not d.rules or f.rule in d.rules) for d in doc.directives):
                continue
            key = (f.rule, f.start, f.end)
            if key in seen:
                continue
            seen.add(key)
            kept.append(f)
        return kept

    def _result(self, doc, findings, src, tgt, detected, error=None, words=None) -> DocumentResult:
        if words is None:
            words = count_words(doc.plain, doc.view.utf8)
        penalty = mqm_penalty(findings, words)
        region = None
        shares_file = doc.unit is not None or doc.meta.get("segment")  # XLIFF/TMX units, TSV lines
        if shares_file and doc.view.starts:
            region = (doc.view.starts[0], doc.view.ends[-1])
        return with_segments(DocumentResult(region=region, 
            path=doc.path, doc_id=doc.doc_id, words=words, findings=tuple(findings), penalty=penalty,
            passed=penalty <= self.config.max_penalty and error is None, src_lang=src, tgt_lang=tgt,
            tgt_lang_detected=detected, text=doc.text, source=doc.source, reference=doc.reference,
            scores=document_scores(doc, tgt), error=error,
        ), doc)
