"""Every screen, in both languages, at 100% and 200% text on a laptop and a kiosk screen:
nothing clipped, nothing off the window, every control named, described and reachable."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.session import Screen

SIZES = [(1280, 800), (1920, 1080)]
INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox)

#: A visitor half-way through, so the self-check and result screens show real content.
ANSWERS = {"age": 33, "sex": "female", "prior_ivf_icsi": "yes", "afc_low": "unsure"}


def _settle() -> None:
    """Let queued layout requests run: each level of nesting posts the next one."""
    for _ in range(6):
        QApplication.processEvents()


def _shown(window, widget: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def _visible(window) -> list[QWidget]:
    page = window.stack.currentWidget()
    roots = [window.header, page] + ([window.navbar] if window.navbar.isVisible() else [])
    widgets: list[QWidget] = []
    for root in roots:
        widgets += [w for w in root.findChildren(QWidget) if _shown(window, w)]
    return widgets


def _clipped(window, widget: QWidget) -> str | None:
    """Why a label or button cannot show all its text, or None."""
    if isinstance(widget, QLabel) and widget.text().strip():
        if widget.wordWrap() and widget.hasHeightForWidth():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 2:
                return f"needs {needed} px high, has {widget.height()}"
        elif widget.sizeHint().width() > widget.width() + 2:
            return f"needs {widget.sizeHint().width()} px wide, has {widget.width()}"
    if isinstance(widget, QAbstractButton) and widget.text().strip():
        hint = widget.sizeHint()
        if hint.width() > widget.width() + 2 or hint.height() > widget.height() + 2:
            return f"button needs {hint.width()}x{hint.height()}, has {widget.size()}"
    right = widget.mapTo(window, QPoint(widget.width(), 0)).x()
    left = widget.mapTo(window, QPoint(0, 0)).x()
    if left < -1 or right > window.width() + 1:
        return f"runs off the window ({left}..{right} of {window.width()})"
    return None


def _reachable_by_tab(control: QWidget) -> bool:
    """Tab reaches the control, or, in an exclusive button group (like radio buttons),
    reaches the group once, at its checked button, and the arrow keys move within it."""
    if control.focusPolicy() & Qt.FocusPolicy.TabFocus or control.property("touchOnly"):
        return True  # touch-only keys (the number pad) have a typed twin
    group = control.group() if isinstance(control, QAbstractButton) else None
    return (
        group is not None
        and group.exclusive()
        and any(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in group.buttons())
    )


@pytest.fixture
def answered_window(app_window):
    session, window = app_window
    for question_id, value in ANSWERS.items():
        session.answer(question_id, value)
    return session, window


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("screen", list(Screen))
def test_controls_are_named_described_reachable_and_big(answered_window, screen, lang):
    session, window = answered_window
    session.set_language(lang)
    session.go_to(screen)
    _settle()
    controls = [w for w in _visible(window) if isinstance(w, INTERACTIVE)]
    assert controls
    for control in controls:
        text = getattr(control, "text", lambda: "")()
        where = (screen.value, lang, type(control).__name__, text)
        assert control.accessibleName().strip(), where
        assert control.accessibleDescription().strip(), where
        assert _reachable_by_tab(control), where
        if isinstance(control, QAbstractButton):
            assert control.height() >= 44 and control.width() >= 44, where


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [100, 200])
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_no_text_is_clipped_on_any_screen(answered_window, qtbot, lang, scale, size):
    session, window = answered_window
    window.resize(*size)
    session.set_language(lang)
    session.set_text_scale(scale)
    problems = []
    for screen in Screen:
        session.go_to(screen)
        page = window.page(screen)
        qtbot.waitUntil(lambda page=page: page.complete)  # details: built after its top
        _settle()
        for widget in _visible(window):
            problem = _clipped(window, widget)
            if problem:
                text = getattr(widget, "text", lambda: "")()[:40]
                problems.append(f"{screen.value}: {type(widget).__name__} {text!r}: {problem}")
    assert problems == []


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_tab_walks_every_screen_without_getting_stuck(answered_window, qtbot, lang):
    session, window = answered_window
    session.set_language(lang)
    for screen in Screen:
        session.go_to(screen)
        QApplication.processEvents()
        window.activateWindow()
        seen = []
        start = widget = window.page(screen).scroll_area
        for _ in range(20_000):  # the whole chain, once round
            widget = widget.nextInFocusChain()
            if widget is start:
                break
            if widget.isVisibleTo(window) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                seen.append(widget)
        else:
            pytest.fail(f"the focus chain of {screen.value} never comes back round")
        # The chain reaches the page's own controls and the header's, and loops.
        assert any(window.stack.currentWidget().isAncestorOf(w) for w in seen), screen
        assert any(window.header.isAncestorOf(w) for w in seen), screen


#: How far up Tab may go to the next control: a Listen button's top beside its text's.
_SAME_ROW_PX = 12


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_tab_follows_the_reading_order_on_every_screen(answered_window, lang):
    """Down the page's column, then its bar: never back up to a control passed already.

    A Listen button comes right before the text it reads, a part built after the page in
    its place, and the result's rows in their groups' order.
    """
    session, window = answered_window
    session.set_language(lang)
    problems = []
    for screen in Screen:
        session.go_to(screen)
        page = window.page(screen)
        page.build_all()  # the parts built in stages, in their places too
        _settle()
        places = []
        start = widget = page.scroll_area
        for _ in range(20_000):
            widget = widget.nextInFocusChain()
            if widget is start:
                break
            tabbable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            if not (tabbable and page.isAncestorOf(widget) and widget.isVisibleTo(window)):
                continue
            in_bar = page.bar is not None and page.bar.isAncestorOf(widget)
            top = widget.mapTo(page.bar if in_bar else page.column, QPoint(0, 0)).y()
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            places.append((in_bar, top, f"{type(widget).__name__} {name[:30]!r}"))
        assert len(places) >= 3, screen
        for (bar_a, top_a, what_a), (bar_b, top_b, what_b) in pairwise(places):
            if bar_b < bar_a or (bar_b == bar_a and top_b < top_a - _SAME_ROW_PX):
                problems.append(f"{screen.value}: {what_a} at {top_a} -> {what_b} at {top_b}")
    assert problems == []
