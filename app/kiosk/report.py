"""A test hook: with ``TRIALGUIDE_TEST_REPORT=1`` the app prints its window state as JSON.

Used by the real-window test under Xvfb: one line when the window is first exposed, one
when the "Are you still there?" countdown starts, one after each reset, one after each
restore of the full screen, one when the staff corner was held. Lines hold the
window's geometry and flags, the screen, the current language and screen, and the number
of answers (a count, never an answer).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from app.kiosk.controller import KioskController

ENV = "TRIALGUIDE_TEST_REPORT"


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def window_state(window: QWidget) -> dict[str, Any]:
    """The window's state as plain data."""
    from PySide6.QtCore import Qt

    screen = window.screen()
    state: dict[str, Any] = {
        "platform": QGuiApplication.platformName(),
        "visible": window.isVisible(),
        "fullscreen": window.isFullScreen(),
        "frameless": bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint),
        "on_top": bool(window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint),
        "geometry": _rect(window.geometry()),
        "frame": _rect(window.frameGeometry()),
        "screen": _rect(screen.geometry()) if screen is not None else None,
        "winid": int(window.winId()),
        "kiosk": bool(getattr(window, "kiosk", False)),
    }
    session = getattr(window, "session", None)
    if session is not None:
        state["language"] = session.language
        state["screen_name"] = session.screen.value
        state["answers"] = len(session.answers)
    pages = getattr(window, "pages", {})
    welcome = next((page for key, page in pages.items() if key == "welcome"), None)
    buttons = getattr(welcome, "language_buttons", {})
    targets = {}
    for lang, button in buttons.items():
        if button.isVisible():
            centre = button.mapTo(window, button.rect().center())
            targets[f"language_{lang}"] = [centre.x(), centre.y()]
    # A catalog: each card's button into its study, and the header's "Back to all studies".
    catalog = pages.get("catalog")
    for key, (_frame, button) in getattr(catalog, "cards", {}).items():
        if button.isVisible():
            centre = button.mapTo(window, button.rect().center())
            targets[f"open_{key}"] = [centre.x(), centre.y()]
    header = getattr(window, "header", None)
    back = getattr(header, "all_studies", None)
    if back is not None and back.isVisible():
        centre = back.mapTo(window, back.rect().center())
        targets["all_studies"] = [centre.x(), centre.y()]
    state["targets"] = targets
    if session is not None and hasattr(session, "study"):
        state["study"] = session.study
    corner = window.findChild(QWidget, "StaffCorner")
    if corner is not None and corner.isVisible():
        top_left = corner.mapToGlobal(corner.rect().topLeft())
        state["corner"] = [top_left.x(), top_left.y(), corner.width(), corner.height()]
    from app.kiosk.pin_pad import PinPad

    pin_pad = window.findChild(PinPad)
    state["pin_pad"] = bool(pin_pad is not None and pin_pad.isVisible())
    return state


class TestReport(QObject):
    """Prints JSON lines about a window and its kiosk controller to stdout."""

    def __init__(self, window: QWidget, controller: KioskController | None = None) -> None:
        super().__init__(window)
        self.window = window
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._check_started)
        self._poll.start()
        if controller is not None:
            controller.idle.warning.connect(
                lambda seconds: self.say("idle_warning", seconds=seconds)
            )
            controller.session.reset_done.connect(
                lambda: QTimer.singleShot(100, lambda: self.say("reset"))
            )
            controller.session.screen_changed.connect(
                lambda _screen: QTimer.singleShot(200, lambda: self.say("screen"))
            )
            controller.corner.held.connect(
                lambda: QTimer.singleShot(100, lambda: self.say("staff_gate"))
            )
            controller.keeper.restored.connect(
                lambda problem: QTimer.singleShot(
                    300, lambda: self.say("restored", problem=problem)
                )
            )

    def _check_started(self) -> None:
        handle = self.window.windowHandle()
        if handle is not None and handle.isExposed():
            self._poll.stop()
            # Let the window manager (if any) and the layout settle first.
            QTimer.singleShot(300, lambda: self.say("started"))

    def say(self, event: str, **extra: Any) -> None:
        """Print one line."""
        line = {"event": event, **window_state(self.window), **extra}
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()
