"""Guards against a broken Qt binding release (see the pin in pyproject.toml)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_void_calls_keep_none_alive(qtbot):
    """PySide6 6.12.0 lost a reference to None per void call; Python then aborts."""
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(1000):
        widget.setEnabled(True)
    assert sys.getrefcount(None) - before > -50
