"""The compiled twins of three hot loops (tqcheck/_speedups.c), when the install could build them.

`SPEEDUPS` is the module, or None: built without a C compiler, or TQCHECK_PURE_PYTHON=1 in the
environment (to compare the two, as tools/benchmark.py and tests/test_speedups.py do). Every
caller keeps a pure-Python twin that gives the same answer.
"""
from __future__ import annotations

import os


def _load():
    if os.environ.get("TQCHECK_PURE_PYTHON"):
        return None
    try:
        from . import _speedups
    except ImportError:
        return None
    return _speedups


SPEEDUPS = _load()
