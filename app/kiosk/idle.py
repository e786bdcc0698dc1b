"""Idle reset: notice when nobody has touched the kiosk for a while, then count down.

:class:`IdleWatcher` is an event filter on the kiosk window's :class:`QWindow` (or on
the whole application). Any input (mouse, touch, key, wheel, pen) restarts the idle
timer. After ``idle_ms`` without input it emits
:attr:`~IdleWatcher.warning` and counts down ``countdown`` ticks; a press, touch, key or
wheel during the countdown cancels it (that event is consumed, so the tap that says "I'm
still here" does not also press what lies under it); at zero it emits
:attr:`~IdleWatcher.expired` and the owner resets the session.

When the timer runs: only while there is something to forget. After a reset (or at
start) the kiosk is *fresh*; the idle timer starts at the first input and stays off
while nobody touches a fresh kiosk, so an empty kiosk resting on its welcome screen never
flashes "Are you still there?" at nobody. :meth:`IdleWatcher.mark_fresh` is called on
every reset; :meth:`IdleWatcher.poke` counts a change of the session as activity too.

While the app reads aloud (:meth:`IdleWatcher.set_speaking`), idle time does not run
out: a visitor listening with their hands in their lap is there. It counts again from
the end of the reading.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_T = QEvent.Type

#: Events that show someone is there: they restart the idle timer.
INPUT_EVENTS = frozenset(
    {
        _T.MouseButtonPress,
        _T.MouseButtonRelease,
        _T.MouseButtonDblClick,
        _T.MouseMove,
        _T.Wheel,
        _T.KeyPress,
        _T.KeyRelease,
        _T.TouchBegin,
        _T.TouchUpdate,
        _T.TouchEnd,
        _T.TabletPress,
        _T.TabletMove,
        _T.TabletRelease,
    }
)

#: Events that cancel a running countdown; all but mouse moves are consumed.
CANCEL_EVENTS = frozenset(
    {
        _T.MouseButtonPress,
        _T.MouseButtonDblClick,
        _T.MouseMove,
        _T.Wheel,
        _T.KeyPress,
        _T.TouchBegin,
        _T.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Counts idle time over the whole application.

    Signals:
        warning(int): the countdown starts; the seconds (ticks) left.
        tick(int): one tick of the countdown passed; the ticks left.
        cancelled(): someone touched the screen during the countdown.
        expired(): the countdown reached zero: reset the visit.
    """

    warning = Signal(int)
    tick = Signal(int)
    cancelled = Signal()
    expired = Signal()

    def __init__(
        self,
        idle_ms: int,
        countdown: int,
        tick_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.countdown = max(1, countdown)
        self._fresh = True
        self._left = 0
        self._running = False
        self._speaking = False
        self._target: QObject | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(max(1, idle_ms))
        self._idle.timeout.connect(self._on_idle)
        self._ticker = QTimer(self)
        self._ticker.setInterval(max(1, tick_ms))
        self._ticker.timeout.connect(self._on_tick)

    # -- state -----------------------------------------------------------------------
    @property
    def counting(self) -> bool:
        """Whether the "Are you still there?" countdown is running."""
        return self._ticker.isActive()

    @property
    def armed(self) -> bool:
        """Whether the idle timer is running (someone used the kiosk since the reset)."""
        return self._idle.isActive()

    @property
    def fresh(self) -> bool:
        """Whether nobody has used the kiosk since the last reset."""
        return self._fresh

    @property
    def seconds_left(self) -> int:
        """Ticks left in the countdown (0 when none runs)."""
        return self._left if self.counting else 0

    # -- control ---------------------------------------------------------------------
    def start(self, target: QObject | None = None) -> None:
        """Watch the input of ``target`` (a window's :class:`QWindow`), else of the whole app.

        A top-level window's QWindow receives every mouse, touch, key and wheel event
        before its widgets do, and little else, so watching it costs far less than an
        application-wide filter, which Python would be called for on every paint and
        polish event. Call again with the new QWindow when the window is re-created
        (changing its flags does that); the old one is let go.
        """
        target = target if target is not None else QCoreApplication.instance()
        if target is None:
            return
        if self._target is not None and self._target is not target:
            self._release()
        if self._target is not target:
            target.installEventFilter(self)
            self._target = target
        self._running = True

    def stop(self) -> None:
        """Stop watching; no warning comes until :meth:`start`."""
        self._release()
        self._running = False
        self._idle.stop()
        self._ticker.stop()

    def _release(self) -> None:
        if self._target is not None and shiboken6.isValid(self._target):
            self._target.removeEventFilter(self)
        self._target = None

    def mark_fresh(self) -> None:
        """A new visitor: stop all timers until the next input."""
        self._fresh = True
        self._idle.stop()
        self._ticker.stop()

    def poke(self, *_args: object) -> None:
        """Count activity (an input, or a change of the session): restart the idle timer."""
        if not self._running:
            return
        self._fresh = False
        if self.counting:
            self.cancel()
        self._idle.start()

    def set_speaking(self, speaking: bool) -> None:
        """The app reads aloud (``True``) or stopped: no idle time runs out while it reads."""
        self._speaking = speaking
        if not speaking and self._running and not self._fresh and not self.counting:
            self._idle.start()  # a full idle time from the end of the reading

    @property
    def speaking(self) -> bool:
        """Whether the app is reading aloud (idle time does not run out)."""
        return self._speaking

    def cancel(self) -> None:
        """Stop the countdown: someone is there."""
        if self.counting:
            self._ticker.stop()
            self.cancelled.emit()
        if self._running and not self._fresh:
            self._idle.start()

    # -- events ----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Restart the timer on input; a press during the countdown cancels it."""
        kind = event.type()
        if kind not in INPUT_EVENTS:
            return False
        if self.counting:
            if kind in CANCEL_EVENTS:
                self.cancel()
                self._fresh = False
                return kind != _T.MouseMove
            return False
        self._fresh = False
        self._idle.start()
        return False

    def _on_idle(self) -> None:
        if self._fresh:
            return
        if self._speaking:
            self._idle.start()  # still reading aloud: not idle
            return
        self._left = self.countdown
        self._ticker.start()
        self.warning.emit(self._left)

    def _on_tick(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.tick.emit(self._left)
            return
        self._ticker.stop()
        self.tick.emit(0)
        self.expired.emit()
