"""The Python API for a CMS or a script: no files read, nothing printed, nothing exits.

    >>> import tqcheck
    >>> checker = tqcheck.Checker()            # compile (or load) the glossaries once
    >>> result = checker.check("Vladimir Poutine arrived in Kiev.", src="fr", tgt="en")
    >>> [(f.rule, f.text, f.suggestions) for f in result.findings]
    [('source-form', 'Vladimir Poutine', ('Vladimir Putin',)), ('deprecated-form', 'Kiev', ('Kyiv',))]
"""
from __future__ import annotations

from typing import Iterable, Mapping, Optional, Union

from .config import Config, parse_config
from .document import Document
from .engine import Checker as _Engine
from .errors import InputError
from .findings import DocumentResult, Finding, Report
from .languages import is_valid


def _config(config: Union[Config, Mapping, None]) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    return parse_config(dict(config), "<config>")


def _lang(code: Optional[str], what: str) -> Optional[str]:
    if code is not None and not is_valid(code):
        raise InputError(f"{what}: {code!r} is not an ISO 639-1 language code")
    return code


class Checker(_Engine):
    """A reusable checker. `config` is a Config or a dict shaped like `[tool.tqcheck]`."""

    def __init__(self, config: Union[Config, Mapping, None] = None, **kw) -> None:
        super().__init__(_config(config), **kw)

    def check(self, text: str, src: Optional[str] = None, tgt: Optional[str] = None,
              source: Optional[str] = None, reference: Optional[str] = None,
              doc_id: Optional[str] = None) -> DocumentResult:
        doc = Document(
            text=text, path=doc_id or "<text>", doc_id=doc_id, src_lang=_lang(src, "src"),
            tgt_lang=_lang(tgt, "tgt"), source=source, reference=reference,
        )
        return self.check_document(doc)

    def check_records(self, records: Iterable[Mapping]) -> Report:
        """JSONL-shaped records: `id`, `target` (required), `source`, `reference`, `src_lang`, `tgt_lang`."""
        from .readers.jsonl import record_to_document

        docs, errors = [], []
        for n, record in enumerate(records, start=1):
            try:
                docs.append(record_to_document(record, path="<records>", line=n))
            except InputError as exc:
                errors.append(str(exc))
        return self.check_documents(docs, errors)


_default: Optional[Checker] = None


def _checker(config) -> Checker:
    global _default
    if config is not None:
        return Checker(config)
    if _default is None:
        _default = Checker()
    return _default


def check_text(text: str, src: Optional[str] = None, tgt: Optional[str] = None, *,
               source: Optional[str] = None, reference: Optional[str] = None,
               config: Union[Config, Mapping, None] = None) -> list[Finding]:
    """Check one text; returns its findings in document order."""
    return list(_checker(config).check(text, src=src, tgt=tgt, source=source, reference=reference).findings)


def check_batch(records: Iterable[Mapping], *, src: Optional[str] = None, tgt: Optional[str] = None,
                config: Union[Config, Mapping, None] = None) -> Report:
    """Check JSONL-shaped records; `src`/`tgt` fill in records that do not name their languages."""
    filled = []
    for record in records:
        record = dict(record)
        if src and not record.get("src_lang"):
            record["src_lang"] = src
        if tgt and not record.get("tgt_lang"):
            record["tgt_lang"] = tgt
        filled.append(record)
    return _checker(config).check_records(filled)


__all__ = ["Checker", "DocumentResult", "Finding", "Report", "check_batch", "check_text"]


def warm_cache(config: Union[Config, Mapping, None] = None, langs: Optional[Iterable[str]] = None) -> list:
    """Build the on-disk cache before the first check (what `tqcheck cache warm` does): the
    glossaries of `config` compiled, the word lists of `langs` (default: every language the
    glossaries write), the language profiles. Returns what was built, with seconds taken."""
    from .warmup import warm_cache as warm

    langs = None if langs is None else [_lang(code, "langs") for code in langs]
    return warm(_config(config), langs)
