"""`--format json`: the documented contract (docs/output-formats.md, schema in tqcheck/schemas/)."""
from __future__ import annotations

import json

from .. import __version__


def as_dict(report) -> dict:
    return {
        "tool": "tqcheck",
        "version": __version__,
        "findings": [f.as_record() for f in report.findings],
        "documents": [d.as_record() for d in report.documents],
        "summary": report.summary(),
    }


def render(report, **_options) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
