"""Kiosk mode: full screen, frameless, on top, and no way out for a visitor."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QDesktopServices, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget

from app.session import Screen

MODIFIER_KEYS = {Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta}


def _key(window: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Type a key the way a keyboard does: into the window's QWindow, then to the focus."""
    QTest.keyClick(window.windowHandle(), key, modifiers)


class KeySpy(QWidget):
    """Records the keys that reach it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.keys: list[tuple[int, int]] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() not in MODIFIER_KEYS:
            self.keys.append((event.key(), event.modifiers().value))


def test_kiosk_window_is_full_screen_frameless_and_on_top(make_kiosk, qtbot):
    k = make_kiosk()
    window = k.window
    assert window.isFullScreen()
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert window.kiosk is True
    qtbot.waitUntil(lambda: window.geometry() == window.screen().geometry())
    assert k.controller.guard.installed
    assert k.controller.corner.isVisible()


def test_close_request_is_ignored_in_kiosk_mode(make_kiosk):
    k = make_kiosk()
    k.session.answer("age", 30)
    assert k.window.close() is False
    assert k.window.isVisible()
    event = QCloseEvent()
    QApplication.sendEvent(k.window, event)  # what the window manager's Alt+F4 sends
    assert not event.isAccepted()
    assert k.window.isVisible()
    assert k.session.answers  # a refused close does not reset the visit either


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    ],
)
def test_close_and_escape_keys_are_swallowed(make_kiosk, qtbot, key, modifiers):
    k = make_kiosk()
    spy = KeySpy(k.window.centralWidget())
    spy.show()
    spy.setFocus()
    qtbot.waitUntil(spy.hasFocus)
    _key(k.window, key, modifiers)
    assert spy.keys == []
    assert k.window.isVisible() and k.window.isFullScreen()
    _key(k.window, Qt.Key.Key_A)  # ordinary keys still arrive
    assert spy.keys == [(Qt.Key.Key_A, 0)]


def test_escape_still_works_in_a_desktop_window(make_kiosk, qtbot):
    k = make_kiosk(kiosk=False)
    spy = KeySpy(k.window.centralWidget())
    spy.show()
    spy.setFocus()
    qtbot.waitUntil(spy.hasFocus)
    _key(k.window, Qt.Key.Key_Escape)
    assert spy.keys == [(Qt.Key.Key_Escape, 0)]


def _right_click(widget: QWidget) -> None:
    window = widget.window()
    pos = widget.mapTo(window, widget.rect().center())
    QTest.mouseClick(
        window.windowHandle(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, pos
    )


def _platform_context_menu(window: QWidget, widget: QWidget) -> bool:
    """What Windows sends for the keyboard's menu key (WM_CONTEXTMENU) to the QWindow."""
    pos = widget.mapTo(window, widget.rect().center())
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, pos, window.mapToGlobal(pos))
    return QApplication.sendEvent(window.windowHandle(), event)


# The menu opened without the guard makes the offscreen plugin say these.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_context_menus_are_blocked(make_kiosk, qtbot):
    k = make_kiosk()
    k.session.go_to(Screen.SELFCHECK)
    field = k.window.page(Screen.SELFCHECK).findChild(QLineEdit)
    assert field is not None and field.isVisible()
    _right_click(field)
    _platform_context_menu(k.window, field)
    _key(k.window, Qt.Key.Key_Menu)
    assert QApplication.activePopupWidget() is None
    # The same right click without the guard opens the line edit's menu: the guard did it.
    k.controller.guard.uninstall()
    _right_click(field)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    QApplication.activePopupWidget().close()


def test_links_to_other_programs_open_nothing(make_kiosk, caplog):
    make_kiosk()
    with caplog.at_level(logging.INFO, logger="trialguide.kiosk"):
        for url in ("https://clinicaltrials.gov/study/NCT05703308", "mailto:a@b.c", "tel:123"):
            assert QDesktopServices.openUrl(QUrl(url))  # handled by the sink, not the system
    assert "a https link was not opened" in caplog.text
    assert "clinicaltrials.gov" not in caplog.text  # the address is not logged


def test_file_dialogs_are_refused(make_kiosk, qtbot):
    k = make_kiosk()
    dialog = QFileDialog(k.window)
    with qtbot.waitSignal(dialog.rejected):
        dialog.show()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_minimised_kiosk_comes_back_full_screen(make_kiosk, qtbot):
    k = make_kiosk()
    k.window.setWindowState(Qt.WindowState.WindowMinimized)
    qtbot.waitUntil(k.window.isFullScreen)


def test_leave_kiosk_mode_makes_a_normal_window(make_kiosk, qtbot):
    k = make_kiosk()
    with qtbot.waitSignal(k.controller.kiosk_changed) as blocker:
        k.controller.leave_kiosk()
    assert blocker.args == [False]
    window = k.window
    assert not window.isFullScreen()
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.isVisible()
    assert not k.controller.guard.installed
    assert not k.controller.corner.isVisible()
    assert k.controller.banner.slim
    assert window.close() is True  # now it can be closed


def test_desktop_window_is_not_a_kiosk(make_kiosk):
    k = make_kiosk(kiosk=False)
    assert not k.window.isFullScreen()
    assert not k.window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not k.controller.guard.installed
    assert not k.controller.idle.armed
    assert not k.controller.corner.isVisible()


def test_guard_ignores_other_events(make_kiosk):
    k = make_kiosk()
    event = QEvent(QEvent.Type.Enter)
    assert k.controller.guard.eventFilter(k.window, event) is False
