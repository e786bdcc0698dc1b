"""Gettext catalogs of the interface words, read with importlib.resources."""
