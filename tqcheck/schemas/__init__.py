"""JSON Schemas of tqcheck's machine-readable outputs."""
