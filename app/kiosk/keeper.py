"""Keep the kiosk window full screen, whatever another program does to it.

Any X client can resize, move, unmap or destroy another client's window (``xdotool
windowsize``, ``windowmove``, ``windowunmap``, ``windowclose``), and a window manager can
minimise it or take it out of full screen. Qt sees each of these only as an event that
it passes on (a resize, a move, an expose with nothing to show, a window state change);
it never undoes them, so a kiosk left alone stays small, off screen, or black.

:class:`WindowKeeper` watches the window (widget) and its :class:`QWindow` for those
events while it is active, and after each one checks, a moment later, whether the
window still covers its screen, is shown and is exposed (mapped). If it does not, it
puts it back: the full-screen geometry for a resize or a move; a new native window,
shown full screen, for one that was unmapped, destroyed or minimised. A close request
never gets this far: the window refuses it in kiosk mode (``MainWindow.closeEvent``).

It also follows the screen: when the screen's resolution changes (``xrandr``, a monitor
swapped) or the window moves to another screen, the window takes the new geometry at
once (:attr:`WindowKeeper.restored` with "screen"; logged as information, not as a fight).

It cannot loop: checks are coalesced (one per :data:`CHECK_MS` however many events
arrive), and restores that follow each other closely wait longer each time (doubling up
to :data:`MAX_BACKOFF_MS`), so a program fighting the kiosk costs it a restore every few
seconds at most. Each restore is logged, the repeats of a fight once per backoff step.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen, QWindow
from PySide6.QtWidgets import QWidget

log = logging.getLogger("trialguide.kiosk")

_T = QEvent.Type

#: Wait this long after an event before checking (a burst of events is one check).
CHECK_MS = 100
#: A restore within this long of the previous one counts as part of a fight.
FIGHT_WINDOW_S = 5.0
#: The longest wait before a restore while a program keeps undoing them.
MAX_BACKOFF_MS = 5000

#: Widget events after which the window may no longer be full screen.
_WIDGET_EVENTS = frozenset({_T.Resize, _T.Move, _T.Hide, _T.WindowStateChange})
#: QWindow events after which it may be unmapped (an expose with nothing exposed).
_WINDOW_EVENTS = frozenset({_T.Expose, _T.Hide})


class WindowKeeper(QObject):
    """Restores a window's full screen when anything else takes it away.

    Signals:
        restored(str): the window was put back; what was wrong ("geometry", "hidden",
            "state"), or "screen" when it followed its screen's new geometry.
        handle_changed(QWindow): the window has a new native window (after a rebuild);
            filters on the old QWindow must be installed again.
    """

    restored = Signal(str)
    handle_changed = Signal(QWindow)

    def __init__(
        self,
        window: QWidget,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self._clock = clock
        self._active = False
        self._handle: QWindow | None = None
        self._screen: QScreen | None = None
        self._last_restore = -FIGHT_WINDOW_S
        self._backoff = 0
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.timeout.connect(self._check_now)
        window.installEventFilter(self)

    @property
    def active(self) -> bool:
        """Whether the keeper restores the window."""
        return self._active

    @property
    def restoring(self) -> bool:
        """Whether a check is waiting to run."""
        return self._check.isActive()

    def set_active(self, on: bool) -> None:
        """Start or stop keeping the window full screen (on: it must be shown already)."""
        self._active = on
        if on:
            self.watch_handle()
            self._watch_screen(self.window.screen())
        else:
            self._check.stop()

    def watch_handle(self) -> None:
        """Watch the window's current QWindow (call again after it was re-created)."""
        handle = self.window.windowHandle()
        if handle is self._handle:
            return
        if self._handle is not None and shiboken6.isValid(self._handle):
            self._handle.removeEventFilter(self)
            self._handle.screenChanged.disconnect(self._on_screen_changed)
        self._handle = handle
        if handle is not None:
            handle.installEventFilter(self)
            handle.screenChanged.connect(self._on_screen_changed)
            self._watch_screen(handle.screen())

    # -- the screen ------------------------------------------------------------------
    def _watch_screen(self, screen: QScreen | None) -> None:
        """Follow ``screen``'s geometry (the window's screen, now)."""
        if screen is self._screen:
            return
        if self._screen is not None and shiboken6.isValid(self._screen):
            self._screen.geometryChanged.disconnect(self._on_screen_geometry)
        self._screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self._on_screen_geometry)

    def _on_screen_changed(self, screen: QScreen | None) -> None:
        """The window is on another screen now (its own was unplugged, say): fill that."""
        self._watch_screen(screen)
        if screen is not None:
            self._on_screen_geometry(screen.geometry())

    def _on_screen_geometry(self, geometry: QRect) -> None:
        """The screen changed size (or the window changed screen): fill it again."""
        if not self._active or self.window.geometry() == geometry:
            return
        log.info(
            "Kiosk mode: the screen is now %dx%d; the window follows",
            geometry.width(),
            geometry.height(),
        )
        self._restore("geometry")
        self.restored.emit("screen")

    # -- what is wrong ---------------------------------------------------------------
    def problem(self) -> str | None:
        """What keeps the window from being full screen now, or None."""
        window = self.window
        handle = window.windowHandle()
        if not window.isVisible() or handle is None or not handle.isVisible():
            return "hidden"
        if not handle.isExposed() and QGuiApplication.platformName() != "offscreen":
            return "hidden"
        if window.windowState() & Qt.WindowState.WindowMinimized or not window.isFullScreen():
            return "state"
        screen = window.screen()
        if screen is not None and window.geometry() != screen.geometry():
            return "geometry"
        return None

    # -- events ----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Schedule a check after any event that may have cost the window its full screen."""
        if not self._active:
            return False
        kind = event.type()
        if (watched is self.window and kind in _WIDGET_EVENTS) or (
            watched is self._handle and kind in _WINDOW_EVENTS
        ):
            self._schedule()
        return False

    def _schedule(self) -> None:
        if self._check.isActive():
            return  # coalesced with the check already waiting
        if self._clock() - self._last_restore >= FIGHT_WINDOW_S:
            self._backoff = 0  # the last fight is over
        self._check.start(CHECK_MS + self._backoff)

    def _check_now(self) -> None:
        if not self._active:
            return
        problem = self.problem()
        if problem is None:
            return
        now = self._clock()
        fighting = now - self._last_restore < FIGHT_WINDOW_S
        self._backoff = min(MAX_BACKOFF_MS, max(CHECK_MS, self._backoff * 2)) if fighting else 0
        self._last_restore = now
        if not fighting or self._backoff in (CHECK_MS, MAX_BACKOFF_MS):
            log.warning("Kiosk mode: the window lost its full screen (%s); restored", problem)
        self._restore(problem)
        self.restored.emit(problem)

    def _restore(self, problem: str) -> None:
        window = self.window
        screen = window.screen() or QGuiApplication.primaryScreen()
        if problem in ("geometry", "state"):
            # The screen's geometry first: a platform may keep a window's geometry when
            # it goes full screen again. (setGeometry takes a window out of full screen,
            # so full screen is asked for after it.)
            window.setGeometry(screen.geometry())
            window.showFullScreen()
            return
        # Unmapped or destroyed: Qt still thinks the window is shown, so showing it again
        # does nothing. A new native window does the job every time.
        quit_on_last = QGuiApplication.quitOnLastWindowClosed()
        QGuiApplication.setQuitOnLastWindowClosed(False)
        try:
            window.destroy(True, True)
            window.setWindowState(Qt.WindowState.WindowNoState)
            window.showFullScreen()
            if QGuiApplication.platformName() != "offscreen":
                window.raise_()
                window.activateWindow()
        finally:
            QGuiApplication.setQuitOnLastWindowClosed(quit_on_last)
        self.watch_handle()
        if self._handle is not None:
            self.handle_changed.emit(self._handle)
