"""Run by test_touch_xvfb.py on Xvfb: a visitor drags and taps with real X input (XTEST).

Usage: ``python touch_driver.py LANG WIDTHxHEIGHT``. Prints one JSON line with what it saw.
The pointer events go through the X server (XTEST), as a touch panel without a touch
driver delivers them: as a mouse.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kiosk"))

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QPoint, Qt
from PySide6.QtGui import QCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScroller
from x11_input import _xlib

from app.record import load_record
from app.session import Screen
from app.ui.main import application, create_window
from app.ui.text import TextLabel

TIMEOUT_MS = 5000


def wait_for(condition) -> None:
    """Run the event loop until ``condition()`` holds (fail after TIMEOUT_MS)."""
    deadline = QDeadlineTimer(TIMEOUT_MS)
    while not condition():
        if deadline.hasExpired():
            raise AssertionError(f"timed out waiting for {condition}")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


class Pointer:
    """The X server's pointer, moved and pressed through XTEST."""

    def __init__(self) -> None:
        libs = _xlib()  # the kiosk tests' XTEST set-up: libX11 and libXtst, declared
        assert libs is not None, "libX11 or libXtst is missing"
        self.xlib, self.xtst = libs
        self.handle = self.xlib.XOpenDisplay(os.environ["DISPLAY"].encode())
        assert self.handle, "no X display"

    def move(self, point: QPoint) -> None:
        self.xtst.XTestFakeMotionEvent(self.handle, 0, point.x(), point.y(), 0)
        self.xlib.XSync(self.handle, 0)
        wait_for(lambda: QCursor.pos() == point)

    def button(self, down: bool) -> None:
        self.xtst.XTestFakeButtonEvent(self.handle, 1, int(down), 0)
        self.xlib.XSync(self.handle, 0)
        wait_for(lambda: (QApplication.mouseButtons() == Qt.MouseButton.LeftButton) == down)

    def tap(self, point: QPoint) -> None:
        self.move(point)
        self.button(True)
        self.button(False)
        QApplication.processEvents()

    def drag(self, start: QPoint, end: QPoint, steps: int = 12) -> None:
        self.move(start)
        self.button(True)
        for i in range(1, steps + 1):
            self.move(start + (end - start) * (i / steps))
        self.button(False)


def centre(widget) -> QPoint:
    return widget.mapToGlobal(widget.rect().center())


def a_term(label: TextLabel) -> QPoint:
    for y in range(0, label.height(), 2):
        for x in range(0, label.width(), 4):
            if label.anchor_at(QPoint(x, y)):
                return QPoint(x + 2, y + 4)
    raise AssertionError("no term")


def settle(scroller: QScroller) -> None:
    wait_for(lambda: scroller.state() == QScroller.State.Inactive)
    QApplication.processEvents()


def main() -> int:
    lang, size = sys.argv[1], sys.argv[2]
    width, height = (int(v) for v in size.split("x"))
    app = application()
    session, window = create_window(load_record(), lang)
    window.setGeometry(0, 0, width, height)
    window.show()
    QTest.qWaitForWindowExposed(window)
    pointer = Pointer()
    seen: dict[str, object] = {}

    # A long page at 200%: a drag up scrolls it (by at least the drag: kinetic goes on).
    session.set_text_scale(200)
    session.go_to(Screen.ABOUT)
    about = window.page(Screen.ABOUT)
    QTest.qWait(0)
    about_bar = about.scroll_area.verticalScrollBar()
    seen["about_scroll_max"] = about_bar.maximum()
    start = about.scroll_area.viewport().mapToGlobal(about.scroll_area.viewport().rect().center())
    pointer.drag(start + QPoint(0, 150), start - QPoint(0, 150))
    settle(QScroller.scroller(about.scroll_area.viewport()))
    seen["about_scrolled_to"] = about_bar.value()

    # The self-check at 200%: a drag that starts on an answer chooses nothing.
    session.go_to(Screen.SELFCHECK)
    session.go_to_question(1)
    page = window.page(Screen.SELFCHECK)
    QTest.qWait(0)
    bar = page.scroll_area.verticalScrollBar()
    scroller = QScroller.scroller(page.scroll_area.viewport())
    seen["scroll_max"] = bar.maximum()
    start = centre(page.answer_buttons[0])
    pointer.drag(start, start - QPoint(0, 250))
    settle(scroller)
    seen["scrolled_to"] = bar.value()
    seen["answers_after_drag"] = len(session.answers)
    # A tap on Next (in the bar that does not scroll) goes on, and the next question is at
    # the top.
    pointer.tap(centre(page.next_button))
    wait_for(lambda: session.question_index == 2)
    seen["question_after_tap"] = session.question_index
    seen["scroll_after_next"] = bar.value()
    # A tap (no drag) on an answer chooses it. (At 200% on 800 px the answers of a long
    # question start below the fold: bring the first one into view, as a visitor would.)
    page.scroll_area.ensureWidgetVisible(page.answer_buttons[0])
    QTest.qWait(50)
    pointer.tap(centre(page.answer_buttons[0]))
    seen["answers_after_tap"] = len(session.answers)

    # A glossary term tapped on "About the study": the pop-up opens beside it.
    session.set_text_scale(100)
    session.go_to(Screen.ABOUT)
    QTest.qWait(0)
    label = next(lb for lb in about.findChildren(TextLabel) if "term:" in lb.text())
    term = label.mapToGlobal(a_term(label))
    pointer.tap(term)
    popover = window.popover
    wait_for(popover.isVisible)
    geometry = popover.geometry()
    top_left = popover.mapToGlobal(QPoint(0, 0))
    seen["tap"] = [term.x(), term.y()]
    seen["popover"] = [top_left.x(), top_left.y(), geometry.width(), geometry.height()]
    seen["dimmed"] = popover.scrim.isVisible()
    # A tap on the dimmed screen, away from the pop-up, closes it.
    corner = window.mapToGlobal(QPoint(8, window.height() - 8))
    pointer.tap(corner)
    wait_for(lambda: not popover.isVisible())
    seen["closed_by_dim_tap"] = not popover.isVisible()
    print(json.dumps(seen), flush=True)
    window.close()
    session.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
