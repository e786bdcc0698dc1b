"""Kiosk mode on a main window: full screen, idle reset, the staff exit and the draft banner.

:class:`KioskController` attaches to a :class:`app.ui.main_window.MainWindow` (it only
uses what :class:`app.kiosk.window.KioskWindow` names: the session, the close guard,
the banner and the kiosk mode, all through methods) and owns the overlays. The same
controller runs a desktop window (``kiosk=False``): then it only shows the slim draft
banner and recovers from errors.

In kiosk mode:

* the window is frameless, stays on top and is full screen; a close request is ignored,
  and :class:`~app.kiosk.keeper.WindowKeeper` puts the window back whenever it loses its
  full screen (minimised, resized, moved, unmapped or destroyed by another program);
* :class:`~app.kiosk.guard.KioskGuard` swallows context menus, close and copy keys, file
  dialogs and links to other programs; :class:`~app.kiosk.clipboard.CopyBlocker` keeps
  the clipboard and X11's selection empty;
* :class:`~app.kiosk.idle.IdleWatcher` shows "Are you still there?" after the idle time
  and resets the visit when its countdown ends;
* holding the screen's top-right corner for three seconds opens the PIN pad; the right
  PIN opens the staff panel.

In both modes every reset empties the clipboard and the selection of what the app put
there (:func:`~app.kiosk.clipboard.forget_clipboard`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from app.i18n import _
from app.kiosk.banner import DraftBanner
from app.kiosk.clipboard import CopyBlocker, forget_clipboard
from app.kiosk.corner import HOLD_MS, HotCorner
from app.kiosk.guard import KioskGuard
from app.kiosk.idle import IdleWatcher
from app.kiosk.info import StaffInfo
from app.kiosk.keeper import WindowKeeper
from app.kiosk.overlay import Overlay
from app.kiosk.window import KioskWindow
from app.session import Session

if TYPE_CHECKING:
    from app.kiosk.pin_pad import PinPad
    from app.kiosk.staff_panel import StaffPanel
    from app.kiosk.still_there import StillThereOverlay

log = logging.getLogger("trialguide.kiosk")

#: Builds counselor mode's window for a session (may raise ImportError).
CounselorFactory = Callable[[Session], QWidget]

_KIOSK_FLAGS = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint


class KioskController(QObject):
    """Kiosk behaviour for one main window.

    Signals:
        kiosk_changed(bool): kiosk mode was switched on or off.
        visitor_reset(): the visit was reset (idle countdown, error or staff).
        quitting(): staff chose Quit; the window is closed, the app should end.
    """

    kiosk_changed = Signal(bool)
    visitor_reset = Signal()
    quitting = Signal()

    def __init__(
        self,
        window: QMainWindow,
        info: StaffInfo,
        *,
        kiosk: bool,
        pin_hash: str | None,
        open_counselor: CounselorFactory | None = None,
        clock: Callable[[], float] = time.monotonic,
        idle_ms: int | None = None,
        countdown: int | None = None,
        tick_ms: int = 1000,
        hold_ms: int = HOLD_MS,
    ) -> None:
        super().__init__(window)
        if not isinstance(window, KioskWindow):
            raise TypeError(f"{type(window).__name__} is not a KioskWindow")
        self.window: QMainWindow = window
        self.host: KioskWindow = window
        self.session: Session = window.session
        self.info = info
        self._open_counselor = open_counselor
        self.counselor_window: QWidget | None = None
        self._quit_on_last = True
        self._kiosk = False

        self.banner = DraftBanner(info.approval.state, slim=not kiosk)
        self.host.set_banner(self.banner)
        #: Validates a catalog's other records in idle time (None: one study).
        self.catalog_loader: object | None = None
        self.guard = KioskGuard(self)
        self.copy_blocker = CopyBlocker(self)
        self.keeper = WindowKeeper(window, clock, self)
        self.keeper.handle_changed.connect(self._watch_input)
        self.idle = IdleWatcher(
            idle_ms if idle_ms is not None else info.idle_seconds * 1000,
            countdown if countdown is not None else info.countdown_seconds,
            tick_ms,
            self,
        )
        self.corner = HotCorner(window, hold_ms)
        # The overlays are built the first time they are needed (most windows never
        # show a PIN pad): start-up does not pay for them.
        self._pin_hash = pin_hash
        self._clock = clock
        self._still_there: StillThereOverlay | None = None
        self._pin_pad: PinPad | None = None
        self._staff_panel: StaffPanel | None = None
        self._overlays: list[Overlay] = []

        idle, session = self.idle, self.session
        idle.warning.connect(self._on_idle_warning)
        idle.cancelled.connect(self._close_still_there)
        idle.expired.connect(self._on_idle_expired)
        for signal in (
            session.language_changed,
            session.screen_changed,
            session.question_changed,
            session.answers_changed,
            session.text_scale_changed,
            session.high_contrast_changed,
        ):
            signal.connect(idle.poke)
        # Reading aloud is activity: idle time does not run out while the app speaks.
        listen = getattr(window, "listen", None)  # app.ui.listen's controller
        if listen is not None:
            listen.speaking_changed.connect(idle.set_speaking)
        session.reset_done.connect(self._on_reset_done)
        session.study_changed.connect(self._on_study_changed)
        if session.catalog:
            session.studies_changed.connect(self._on_study_changed)
            session.reset_done.connect(self._on_study_changed)
            self._on_study_changed()
        session.language_changed.connect(self._on_language_changed)
        session.text_scale_changed.connect(self._on_text_scale_changed)
        self.corner.held.connect(self.open_staff_gate)

        self._on_language_changed(session.language)
        self._on_text_scale_changed(session.text_scale)
        self.set_kiosk(kiosk)

    # -- the overlays, built on first use ----------------------------------------------
    @property
    def overlays(self) -> tuple[Overlay, ...]:
        """The overlays built so far."""
        return tuple(self._overlays)

    def _adopt(self, overlay: Overlay) -> None:
        overlay.set_language(self.session.language)
        overlay.set_text_scale(self.session.text_scale)
        self._overlays.append(overlay)
        self.corner.raise_()

    @property
    def still_there(self) -> StillThereOverlay:
        """The "Are you still there?" countdown."""
        if self._still_there is None:
            from app.kiosk.still_there import StillThereOverlay

            overlay = StillThereOverlay(self.window)
            self.idle.tick.connect(overlay.set_seconds)
            overlay.still_here.connect(self.idle.cancel)
            self._adopt(overlay)
            self._still_there = overlay
        return self._still_there

    @property
    def pin_pad(self) -> PinPad:
        """The staff PIN pad."""
        if self._pin_pad is None:
            from app.kiosk.pin_pad import PinPad
            from app.pin import PinLock

            lock = PinLock(self._pin_hash, self._clock) if self._pin_hash else None
            overlay = PinPad(self.window, lock)
            overlay.accepted.connect(self._open_staff_panel)
            self._adopt(overlay)
            self._pin_pad = overlay
        return self._pin_pad

    @property
    def staff_panel(self) -> StaffPanel:
        """The staff panel (behind the PIN)."""
        if self._staff_panel is None:
            from app.kiosk.staff_panel import StaffPanel

            panel = StaffPanel(self.window, self.info, self._kiosk)
            panel.back_requested.connect(panel.close_overlay)
            panel.leave_kiosk_requested.connect(self.leave_kiosk)
            panel.counselor_requested.connect(self.open_counselor)
            panel.quit_requested.connect(self.quit)
            panel.language_requested.connect(self.session.set_language)
            self._adopt(panel)
            self._staff_panel = panel
        return self._staff_panel

    def _open_staff_panel(self) -> None:
        self.staff_panel.open()

    def _close_still_there(self) -> None:
        if self._still_there is not None:
            self._still_there.close_overlay()

    # -- kiosk mode ------------------------------------------------------------------
    @property
    def kiosk(self) -> bool:
        """Whether kiosk mode is on."""
        return self._kiosk

    def set_kiosk(self, on: bool) -> None:
        """Switch kiosk mode; a shown window is shown again in its new state."""
        window = self.window
        changed = on != self._kiosk
        self._kiosk = on
        self.host.set_kiosk_mode(on)
        was_visible = window.isVisible()
        flags = window.windowFlags()
        wanted = (flags | _KIOSK_FLAGS) if on else (flags & ~_KIOSK_FLAGS)
        if wanted != flags:
            window.setWindowFlags(wanted)
        self.banner.set_slim(not on)
        if self._staff_panel is not None:
            self._staff_panel.set_kiosk(on)
        self.corner.setVisible(on)
        self.corner.set_screen_corner(on)
        if on:
            self.guard.install()
            self.copy_blocker.install()
            self._watch_input()
        else:
            self.keeper.set_active(False)
            self.guard.uninstall()
            self.copy_blocker.uninstall()
            self.idle.stop()
            self._close_still_there()
        if was_visible:
            self.show()
        if changed:
            log.info("Kiosk mode %s", "on" if on else "off")
            self.kiosk_changed.emit(on)

    def _watch_input(self, *_args: object) -> None:
        """Let the idle watcher, the guard and the keeper see the window's QWindow."""
        handle = self.window.windowHandle()
        if handle is None:  # not shown yet: show() comes back here
            return
        self.idle.start(handle)
        self.guard.watch(handle)
        self.keeper.watch_handle()

    def leave_kiosk(self) -> None:
        """Staff: make the window a normal window that can be closed."""
        self.close_overlays()
        self.set_kiosk(False)

    def show(self) -> None:
        """Show the window as the mode wants it: full screen in kiosk mode."""
        if self._kiosk:
            # Without a window manager nobody sizes a full-screen window: X keeps the
            # size it was made with (1280x800 in the corner of a 1920x1080 screen).
            # The screen's geometry first, then full screen (as the keeper restores it).
            # (Not on the offscreen platform: its one 800x600 "screen" is not a display,
            # and widget tests keep the window's own size there.)
            if QGuiApplication.platformName() != "offscreen":
                screen = self.window.screen() or QGuiApplication.primaryScreen()
                self.window.setGeometry(screen.geometry())
            self.window.showFullScreen()
            if QGuiApplication.platformName() != "offscreen":  # it cannot raise windows
                self.window.raise_()
                self.window.activateWindow()
            self._watch_input()  # the window's QWindow exists now (and may be a new one)
            self.keeper.set_active(True)
        else:
            if self.window.isFullScreen():
                self.window.showNormal()
            else:
                self.window.show()
        self.corner.raise_()

    def shutdown(self) -> None:
        """Remove every application-wide hook (for tests and before quitting)."""
        self.keeper.set_active(False)
        self.guard.uninstall()
        self.copy_blocker.uninstall()
        self.idle.stop()

    # -- the visit -------------------------------------------------------------------
    def close_overlays(self) -> None:
        """Hide the countdown, the PIN pad and the staff panel."""
        for overlay in self.overlays:
            overlay.close_overlay()

    def reset_visitor(self) -> None:
        """Forget the visitor and show the welcome screen (idle timeout, error, staff)."""
        self.close_overlays()
        self.session.reset()
        self.visitor_reset.emit()

    def _on_idle_warning(self, seconds: int) -> None:
        # A staff panel left open times out like a visit; the countdown goes over it.
        self.still_there.set_seconds(seconds)
        self.still_there.open()

    def _on_idle_expired(self) -> None:
        log.info("Idle timeout: the visit was reset")
        self.reset_visitor()

    def _on_reset_done(self) -> None:
        # The reset's only signal: the overlays take the default language and text size.
        self._on_language_changed(self.session.language)
        self._on_text_scale_changed(self.session.text_scale)
        self.idle.mark_fresh()
        self._close_still_there()
        # Visitor A's copied or selected text must not be there for visitor B to paste.
        emptied = forget_clipboard()
        if emptied:
            log.info("Reset: the %s emptied", " and ".join(emptied))

    def _on_study_changed(self, *_args: object) -> None:
        """Each study shows its own approval: the banner follows the study shown."""
        key = self.session.study or ""
        self.banner.set_state(self.info.approval_state(key), self.session.language)

    def _on_language_changed(self, lang: str) -> None:
        for overlay in self.overlays:
            overlay.set_language(lang)
        self.banner.retranslate(lang)
        self.corner.retranslate()

    def _on_text_scale_changed(self, scale: int) -> None:
        for overlay in self.overlays:
            overlay.set_text_scale(scale)

    # -- staff -----------------------------------------------------------------------
    def open_staff_gate(self) -> None:
        """The corner was held: ask for the PIN (or say that staff exit is off)."""
        if any(o is not None and o.isVisible() for o in (self._staff_panel, self._pin_pad)):
            return
        self._close_still_there()
        self.idle.cancel()
        self.pin_pad.open()

    def open_counselor(self) -> None:
        """Staff: open counselor mode on this visit's session."""
        if self._open_counselor is None:
            self.staff_panel.show_message(_("Counselor mode is not available here."))
            return
        try:
            counselor = self._open_counselor(self.session)
        except ImportError:
            log.warning("Counselor mode could not be loaded")
            self.staff_panel.show_message(
                _("Counselor mode is not available in this version of TrialGuide.")
            )
            return
        self.close_overlays()
        self.counselor_window = counselor
        # The kiosk window would stay on top of it: hide it, and pause the idle reset,
        # the guard and the keeper while a counselor is at the desk.
        self.keeper.set_active(False)
        self.guard.uninstall()
        self.copy_blocker.uninstall()
        self.idle.stop()
        # The kiosk window is hidden, so closing counselor mode closes the last window:
        # that must bring the kiosk back, not end the app.
        self._quit_on_last = QGuiApplication.quitOnLastWindowClosed()
        QGuiApplication.setQuitOnLastWindowClosed(False)
        self.window.hide()
        counselor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        counselor.destroyed.connect(self._on_counselor_closed)
        counselor.showMaximized()
        log.info("Counselor mode opened from the staff panel")

    def _on_counselor_closed(self, *_args: object) -> None:
        self.counselor_window = None
        QGuiApplication.setQuitOnLastWindowClosed(self._quit_on_last)
        self.session.reset()
        if self._kiosk:
            self.guard.install()
            self.copy_blocker.install()
        self.show()

    def quit(self) -> None:
        """Staff: close the window and end the app."""
        log.info("Staff quit TrialGuide")
        self.close_overlays()
        self.shutdown()
        self.host.close_guard.allow()
        self.window.close()
        self.quitting.emit()
