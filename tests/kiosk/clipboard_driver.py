"""Run by test_kiosk_clipboard_xvfb.py on Xvfb: a visitor types, selects and copies.

Usage: ``python clipboard_driver.py kiosk|desktop``. It types into the glossary search,
selects it (X11's primary selection) and presses Ctrl+C, prints ``{"event": "copied"}``,
then serves the X selections from its event loop while it reads commands on stdin:
``reset`` (Start over; prints ``{"event": "reset"}``) and ``quit``.
"""

from __future__ import annotations

import json
import select
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kiosk_helpers import staff_info
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from app.kiosk.controller import KioskController
from app.record import load_record
from app.session import Screen
from app.ui.main import application, create_window

TYPED = "visitor secret 4711"


def _say(event: str) -> None:
    print(json.dumps({"event": event}), flush=True)


def main() -> int:
    kiosk = sys.argv[1] == "kiosk"
    app = application()
    record = load_record()
    session, window = create_window(record, "en")
    controller = KioskController(window, staff_info(record), kiosk=kiosk, pin_hash=None)
    controller.show()
    QTest.qWaitForWindowExposed(window)
    session.go_to(Screen.GLOSSARY)
    search = window.stack.currentWidget().search
    search.setFocus()
    QTest.keyClicks(search, TYPED)
    QTest.keyClick(search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(search, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    app.processEvents()
    _say("copied")

    def poll() -> None:
        if not select.select([sys.stdin], [], [], 0)[0]:
            return
        command = sys.stdin.readline().strip()
        if command == "reset":
            session.reset()
            app.processEvents()
            _say("reset")
        else:
            controller.shutdown()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(50)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
