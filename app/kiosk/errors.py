"""An exception anywhere is logged (without personal data) and the visitor starts over.

While the app runs, :class:`ErrorGuard` replaces ``sys.excepthook`` (which PySide6 calls
for an exception in a slot or an overridden Qt method) and ``threading.excepthook``. It
writes the exception with :func:`app.kiosk.logs.safe_traceback` (type and code locations,
never the message, which may quote a visitor's input) and then calls ``recover`` on the
GUI thread, which resets the session and shows the welcome screen. The app keeps running.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.kiosk.logs import safe_traceback

log = logging.getLogger("trialguide.errors")

#: More errors than this within :data:`STORM_SECONDS` stop the resets (each would fail again).
STORM_LIMIT = 5
STORM_SECONDS = 10.0


_ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
_ThreadExceptHook = Callable[[threading.ExceptHookArgs], object]


class ErrorGuard(QObject):
    """Log every uncaught exception and recover on the GUI thread.

    Signals:
        recovered(): ``recover`` ran after an error.
    """

    recovered = Signal()
    _failed = Signal()

    def __init__(
        self,
        recover: Callable[[], None],
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._recover = recover
        self._clock = clock
        self._recent: list[float] = []
        self._recovering = False
        self._previous_hook: _ExceptHook | None = None
        self._previous_thread_hook: _ThreadExceptHook | None = None
        # Queued: an error on another thread recovers on the GUI thread.
        self._failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        """Take over ``sys.excepthook`` and ``threading.excepthook``."""
        if self._previous_hook is None:
            self._previous_hook = sys.excepthook
            self._previous_thread_hook = threading.excepthook
            sys.excepthook = self._excepthook
            threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        """Give the hooks back."""
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            if self._previous_thread_hook is not None:
                threading.excepthook = self._previous_thread_hook
            self._previous_hook = None
            self._previous_thread_hook = None

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
        where: str = "main thread",
    ) -> None:
        """Log one exception and ask for recovery."""
        if issubclass(exc_type, KeyboardInterrupt):
            from PySide6.QtWidgets import QApplication

            QApplication.quit()
            return
        with contextlib.suppress(Exception):  # logging itself failed: keep going
            log.error("Unexpected error (%s):\n%s", where, safe_traceback(exc_type, exc, tb))
        self._failed.emit()

    def _excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        self.handle(exc_type, exc, tb)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "a thread"
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, f"thread {name}")

    @Slot()
    def _on_failed(self) -> None:
        now = self._clock()
        self._recent = [t for t in self._recent if now - t < STORM_SECONDS] + [now]
        if self._recovering:
            return
        if len(self._recent) > STORM_LIMIT:
            log.error("Errors keep happening; not resetting again for a while.")
            return
        self._recovering = True
        try:
            self._recover()
            log.info("Recovered: the session was reset and the welcome screen shown.")
        except Exception as exc:
            log.error("Recovery failed:\n%s", safe_traceback(type(exc), exc, exc.__traceback__))
        finally:
            self._recovering = False
        self.recovered.emit()
