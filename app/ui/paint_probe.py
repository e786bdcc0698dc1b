"""Start-up probe for benchmarks: report the first paint of the first screen, then quit.

With ``TRIALGUIDE_EXIT_AFTER_PAINT=1`` in the environment, :func:`install` watches the
first screen: the welcome screen of a main window, or the staff error window. When it
has been painted, and the paint pass that drew it is over, the probe prints
``first-paint <time.perf_counter()>`` on stdout and quits the app. ``perf_counter`` is
the system's monotonic clock on Linux, so ``benchmarks/startup.py`` compares it with its
own clock from just before it started the process.

Without the variable, :func:`install` does nothing: it costs one environment lookup.
Every launch installs it on the window it is about to show (:meth:`app.launch.Launch.show`),
so a frozen bundle and a run from source are probed alike.
"""

from __future__ import annotations

import os
import time

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: The environment variable that turns the probe on.
ENV = "TRIALGUIDE_EXIT_AFTER_PAINT"
#: Class names of the widgets whose first paint ends start-up.
FIRST_SCREENS = frozenset({"WelcomeScreen", "CatalogScreen", "ErrorWindow", "CounselorWindow"})


class _PaintProbe(QObject):
    """Event filter on the first screen and its widgets: their first paint ends the run.

    The children are watched too: Qt sends no paint event to a widget its opaque
    children cover entirely (a page under its scroll area), only to the children.
    """

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self._watched: list[QWidget] = []

    def watch(self, screen: QWidget) -> None:
        self._watched = [screen, *screen.findChildren(QWidget)]
        for widget in self._watched:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the first paint, report once the whole paint pass is over."""
        if event.type() == QEvent.Type.Paint and self._watched:
            for widget in self._watched:
                if shiboken6.isValid(widget):  # a catalog's card may be built again since
                    widget.removeEventFilter(self)
            self._watched = []
            # After the paint pass (the rest of the window, the flush), not before it.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"first-paint {time.perf_counter():.6f}", flush=True)
        QTimer.singleShot(0, self._app.quit)


def _first_screen(window: QWidget) -> QWidget | None:
    if type(window).__name__ in FIRST_SCREENS:
        return window
    for child in window.findChildren(QWidget):
        if type(child).__name__ in FIRST_SCREENS:
            return child
    return None


def install(window: QWidget) -> bool:
    """Watch ``window``'s first screen when ``TRIALGUIDE_EXIT_AFTER_PAINT`` is set.

    Args:
        window: the window about to be shown (a main window or the error window).

    Returns:
        Whether the probe now watches a screen.
    """
    if not os.environ.get(ENV):
        return False
    app = QCoreApplication.instance()
    screen = _first_screen(window)
    if app is None or screen is None or app.findChild(_PaintProbe) is not None:
        return False
    _PaintProbe(app).watch(screen)
    return True
