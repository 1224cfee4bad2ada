"""The province-scale benchmark: ``python -m bench`` (see docs/PERFORMANCE.md)."""
