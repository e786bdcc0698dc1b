"""Presentation-layer tests (a package, so that test_catalog.py may share its name with
tests/test_catalog.py)."""
