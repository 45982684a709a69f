"""tqcheck: a translation-quality checker for machine-translated news.

The Python API for a CMS or a script:

    import tqcheck
    findings = tqcheck.check_text("Vladimir Poutine arrived in Kiev.", src="fr", tgt="en")
    report = tqcheck.check_batch([{"id": "a1", "target": "…", "src_lang": "fr"}], tgt="en")
"""
__version__ = "0.1.0"

from .api import Checker, check_batch, check_text, warm_cache  # noqa: E402
from .findings import DocumentResult, Finding, Report, Severity  # noqa: E402

__all__ = ["Checker", "DocumentResult", "Finding", "Report", "Severity", "check_batch", "check_text", "warm_cache", "__version__"]
