"""Layer rules import-linter cannot state: no widgets below the interface, no Qt in the core.

import-linter forbids whole packages (PySide6) but not a subpackage of one
(PySide6.QtWidgets), so each module is imported here in a fresh interpreter and the
modules it brought in are checked.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: Modules that may use QtCore (and QtGui for documents and fonts) but never widgets.
NO_WIDGETS = ["app.i18n", "app.i18n.format", "app.i18n.enums", "app.session", "app.present"]
#: Modules with no Qt at all.
NO_QT = [
    "app.record",
    "app.record.ctgov",
    "app.record.lint",
    "app.selfcheck",
    "app.config",
    "app.pin",
    "app.files",
    "app.signing",
    "app.terminal",
    "app.digits",
]


def _imported_by(module: str) -> set[str]:
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(done.stdout))


@pytest.mark.parametrize("module", NO_WIDGETS)
def test_never_imports_widgets(module):
    assert "PySide6.QtWidgets" not in _imported_by(module)


@pytest.mark.parametrize("module", NO_QT)
def test_never_imports_qt(module):
    qt = sorted(
        name for name in _imported_by(module) if name.split(".")[0] in {"PySide6", "shiboken6"}
    )
    assert not qt, qt
