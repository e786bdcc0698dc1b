"""The floor: a bare PySide6 window that paints one label, then quits.

With ``--exit-after-paint`` it prints the seconds from process start to the first
paint and exits (for start-up benchmarks); otherwise it stays open.
"""

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel


class _Label(QLabel):
    def __init__(self, text: str, exit_after_paint: bool) -> None:
        super().__init__(text)
        self._exit = exit_after_paint
        self._done = False

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._exit and not self._done:
            self._done = True
            print(f"first-paint {time.perf_counter():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)


def main() -> int:
    app = QApplication(sys.argv[:1])
    label = _Label("Hello", "--exit-after-paint" in sys.argv)
    label.resize(320, 120)
    label.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
