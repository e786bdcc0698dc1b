"""After an idle reset nothing of the previous visitor is left: session or widgets."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTextEdit,
    QWidget,
)

from app.session import MIN_TEXT_SCALE, Screen
from app.ui.main_window import PAGES


def _path(widget: QWidget, root: QWidget) -> str:
    """The widget's place by class names (``MainWindow/QWidget#Root/.../QLabel``).

    No sibling indexes: widgets that are moved between containers (the result screen moves
    its rows between status groups) keep their place in the comparison.
    """
    parts = []
    while widget is not None and widget is not root:
        name = type(widget).__name__
        if widget.objectName():
            name += f"#{widget.objectName()}"
        parts.append(name)
        widget = widget.parentWidget()
    return "/".join(reversed(parts))


def _facts(widget: QWidget) -> list[tuple[str, object]]:
    """What a visitor could see or have changed in one widget."""
    facts: list[tuple[str, object]] = [
        ("visible", widget.isVisibleTo(widget.window())),
        ("enabled", widget.isEnabled()),
        ("name", widget.accessibleName()),
        ("description", widget.accessibleDescription()),
    ]
    if isinstance(widget, (QLabel, QLineEdit, QAbstractButton, QAbstractSpinBox)):
        facts.append(("text", widget.text()))
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        facts.append(("text", widget.toPlainText()))
    if isinstance(widget, QAbstractButton):
        facts.append(("checked", widget.isChecked()))
    if isinstance(widget, (QAbstractSlider, QProgressBar)):
        facts.append(("value", widget.value()))
    if isinstance(widget, QComboBox):
        facts.append(("index", widget.currentIndex()))
    if isinstance(widget, QAbstractScrollArea):
        facts.append(
            ("scroll", (widget.verticalScrollBar().value(), widget.horizontalScrollBar().value()))
        )
    return facts


def snapshot(window: QWidget) -> Counter:
    """Every (place, property, value) in the window, as a multiset."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    state: Counter = Counter({("window", "title", window.windowTitle()): 1})
    for widget in window.findChildren(QWidget):
        path = _path(widget, window)
        for prop, value in _facts(widget):
            state[(path, prop, value)] += 1
    return state


def _build_every_page(window) -> None:
    for screen in PAGES:
        window.page(screen)


def _visit(qtbot, k) -> None:
    """One visitor: language, text size, contrast, answers, typing, scrolling, popover, PIN."""
    session, window = k.session, k.window
    header = window.header
    qtbot.mouseClick(header.language_buttons["fa"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(header.larger, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(header.contrast, Qt.MouseButton.LeftButton)
    assert (session.language, session.text_scale, session.high_contrast) == ("fa", 125, True)

    session.go_to(Screen.SELFCHECK)
    page = window.page(Screen.SELFCHECK)
    qtbot.keyClicks(page.field, "37")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert session.answers["age"] == 37
    qtbot.mouseClick(page.answer_buttons[0], Qt.MouseButton.LeftButton)  # sex
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.answer_buttons[2], Qt.MouseButton.LeftButton)  # prior IVF: unsure
    assert len(session.answers) == 3

    for screen in PAGES:
        session.go_to(screen)
        for area in window.page(screen).findChildren(QAbstractScrollArea):
            bar = area.verticalScrollBar()
            bar.setValue(bar.maximum())
    session.go_to(Screen.SELFCHECK)
    session.go_to_question(0)
    qtbot.keyClicks(page.field, "5")  # typed, never confirmed
    assert page.field.text().endswith("۵")
    session.show_term("amh")
    assert window.popover.isVisible()

    k.controller.open_staff_gate()
    qtbot.keyClicks(k.controller.pin_pad.entry, "13")


def test_idle_reset_leaves_nothing_of_the_previous_visitor(make_kiosk, qtbot):
    k = make_kiosk(idle_ms=300, countdown=2, tick_ms=50)
    session, window = k.session, k.window
    _build_every_page(window)
    # The overlays are built on first use: build them now, so that "before" has them.
    c = k.controller
    assert {c.still_there, c.pin_pad, c.staff_panel} <= set(c.overlays)
    before = snapshot(window)
    assert len(before) > 500, "nothing to compare"

    _visit(qtbot, k)
    during = snapshot(window)
    assert len(during - before) > 50  # the visit really changed the screens

    with qtbot.waitSignal(session.reset_done, timeout=10_000):
        pass  # nobody touches the kiosk: "Are you still there?", countdown, reset
    QApplication.processEvents()

    # The session: every field back to a new visitor's.
    assert session.answers == {}
    assert session.language == session.default_language == "en"
    assert session.text_scale == MIN_TEXT_SCALE
    assert session.high_contrast is False
    assert session.screen is Screen.WELCOME
    assert session.question_index == 0
    assert session.result().criteria == session.__class__(session.record).result().criteria

    # Every widget: exactly as a fresh window shows it.
    after = snapshot(window)
    assert after - before == Counter(), "left over from the previous visitor"
    assert before - after == Counter(), "missing after the reset"

    # And, said plainly: no typed digit, no PIN, no open panel.
    for field in window.findChildren(QLineEdit):
        assert field.text() == "", field
    assert not window.popover.isVisible()
    assert not any(o.isVisible() for o in k.controller.overlays)
    assert window.centralWidget().isEnabled()
    for screen in PAGES:  # each screen, when shown, in the normal theme again
        session.go_to(screen)
        page = window.page(screen)
        assert page.palette().color(QPalette.ColorRole.Window).name() == "#ffffff", screen
