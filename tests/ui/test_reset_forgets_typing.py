"""After a reset, no text field remembers what the last visitor typed, not even for Undo.

``QLineEdit.clear()`` can be undone: Ctrl+Z in an emptied field brings the text back.
A field a visitor types in must be emptied with ``setText("")``, which also empties the
undo history. (A password field never undoes a removal, so the PIN pad is safe either
way.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from app.session import Screen


def _type(widget: QLineEdit, text: str) -> None:
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def test_no_field_can_undo_back_to_the_last_visitor(app_window, qtbot):
    session, window = app_window
    session.go_to(Screen.GLOSSARY)
    glossary = window.page(Screen.GLOSSARY)
    _type(glossary.search, "ovary")
    session.go_to(Screen.SELFCHECK)
    selfcheck = window.page(Screen.SELFCHECK)
    _type(selfcheck.field, "34")
    session.reset()
    qtbot.wait(1)  # let deferred resets run
    remembering = [
        field.accessibleName() or field.objectName() or type(field.parent()).__name__
        for field in window.findChildren(QLineEdit)
        if field.echoMode() == QLineEdit.EchoMode.Normal and field.isUndoAvailable()
    ]
    assert not remembering, remembering
    glossary.search.undo()
    assert glossary.search.text() == ""
