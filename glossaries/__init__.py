"""The glossaries shipped with tqcheck (data only; see docs/glossary-format.md)."""
