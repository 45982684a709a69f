"""The project is declared in pyproject.toml; this file only adds the optional C extension.

tqcheck._speedups holds compiled twins of three hot loops (word count, glossary match selection,
character offsets). It is built when a C compiler and the Python headers are at hand; when they
are not, the build goes on without it (optional=True) and the pure-Python twins run: same output,
slower on long texts.
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("tqcheck._speedups", ["tqcheck/_speedups.c"], optional=True)])
