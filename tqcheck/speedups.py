"""The compiled twins of three hot loops (tqcheck/_speedups.c), when the install could build them.

`SPEEDUPS` is the module, or None: built without a C compiler, or TQCHECK_PURE_PYTHON set (to
anything but 0) in the environment, to compare the two (tools/benchmark.py says which ran). Every
caller keeps a pure-Python twin that gives the same answer (tests/test_speedups.py).
"""
from __future__ import annotations

import os


def _load():
    if os.environ.get("TQCHECK_PURE_PYTHON", "") not in ("", "0"):
        return None
    try:
        from . import _speedups
    except ImportError:
        return None
    return _speedups


SPEEDUPS = _load()
