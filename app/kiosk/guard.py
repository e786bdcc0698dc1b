"""Keep a visitor inside the kiosk: no context menus, close keys, file dialogs or links out.

:class:`KioskGuard` is an event filter on the kiosk window's :class:`QWindow`, installed
only in kiosk mode. Every key, mouse and platform context-menu event reaches a window's
QWindow before any of its widgets, and little else does, so the guard costs nothing while
the screen paints or scrolls (an application-wide filter would run Python for every
paint and polish event). It swallows:

* context menus: the right mouse button (which Qt turns into a context menu, and which
  a touch screen's long press and a pen's barrel button send), the Menu key, and the
  context-menu events some platforms send on their own;
* copy and cut (Ctrl+C, Ctrl+Insert, Ctrl+X, Shift+Delete, the Copy and Cut keys): nothing
  a visitor typed or selected goes to the clipboard, where the next visitor could paste it
  (:class:`~app.kiosk.clipboard.CopyBlocker` drops what gets there anyway, such as X11's
  selection);
* Escape, Alt+F4, Ctrl+W, Ctrl+F4, Ctrl+Q and the platform's Close and Quit keys. A close
  request from the window manager (its own Alt+F4) reaches the window, which ignores it
  in kiosk mode. TrialGuide binds no shortcut to these keys (Qt matches shortcuts before
  a window sees the key).

Besides the filter:

* a file dialog that anything shows is rejected as soon as it takes the focus (native
  dialogs are turned off so that every dialog is a Qt window the guard can see);
* :class:`LinkSink` takes over ``http``, ``https``, ``mailto``, ``tel``, ``file`` and the
  like in :class:`QDesktopServices`, so no link can start a browser or a mail program.

What an application cannot block: the window manager's own shortcuts (Alt+Tab, Super,
Ctrl+Alt+Del, Ctrl+Alt+F1 and so on). Clinic IT turn those off in the kiosk session's
window manager or use a single-app kiosk session; the README says how.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication, QFileDialog

log = logging.getLogger("trialguide.kiosk")

#: URL schemes that would open another program.
LINK_SCHEMES = ("http", "https", "mailto", "tel", "sms", "file", "ftp", "callto", "geo")

_K = Qt.Key
_M = Qt.KeyboardModifier
_T = QEvent.Type

#: (key, modifiers that must be held) swallowed in kiosk mode.
_BLOCKED_KEYS: tuple[tuple[Qt.Key, Qt.KeyboardModifier], ...] = (
    (_K.Key_Escape, _M.NoModifier),
    (_K.Key_F4, _M.AltModifier),
    (_K.Key_F4, _M.ControlModifier),
    (_K.Key_W, _M.ControlModifier),
    (_K.Key_Q, _M.ControlModifier),
    (_K.Key_Menu, _M.NoModifier),
    (_K.Key_Close, _M.NoModifier),
    (_K.Key_Copy, _M.NoModifier),
    (_K.Key_Cut, _M.NoModifier),
)

#: The platform's copy and cut keys (Ctrl+C, Ctrl+Insert, Ctrl+X, Shift+Delete on X11).
COPY_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut)

_STANDARD_BLOCKED = (QKeySequence.StandardKey.Close, QKeySequence.StandardKey.Quit, *COPY_KEYS)

_KEY_EVENTS = frozenset({_T.KeyPress, _T.KeyRelease, _T.ShortcutOverride})
_MOUSE_EVENTS = frozenset({_T.MouseButtonPress, _T.MouseButtonRelease, _T.MouseButtonDblClick})


def is_blocked_key(event: QKeyEvent) -> bool:
    """Whether a key press would close, quit or escape the kiosk, or copy a visitor's text."""
    key = event.key()
    held = event.modifiers() & ~_M.KeypadModifier
    for blocked, needed in _BLOCKED_KEYS:
        if key == blocked and (needed == _M.NoModifier or held & needed):
            return True
    return any(event.matches(standard) for standard in _STANDARD_BLOCKED)


class LinkSink(QObject):
    """Receives every link the app would open in another program, and opens nothing."""

    def install(self) -> None:
        """Take over the link schemes."""
        for scheme in LINK_SCHEMES:
            # The stub asks for bytes, but PySide6 takes the slot's name as str (bytes
            # raises ValueError at run time).
            QDesktopServices.setUrlHandler(scheme, self, "open_url")  # type: ignore[arg-type]

    def uninstall(self) -> None:
        """Give the link schemes back to the system."""
        for scheme in LINK_SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        """Refuse to open a link (the scheme is logged, never the address)."""
        log.info("Kiosk mode: a %s link was not opened", url.scheme())


class KioskGuard(QObject):
    """Swallows the ways out of the kiosk."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.links = LinkSink(self)
        self._installed = False
        self._target: QObject | None = None

    @property
    def installed(self) -> bool:
        """Whether the guard is on."""
        return self._installed

    def install(self, target: QObject | None = None) -> None:
        """Turn the guard on; ``target`` is the kiosk window's QWindow (see :meth:`watch`)."""
        app = QCoreApplication.instance()
        if app is None:
            return
        if not self._installed:
            QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
            self.links.install()
            if isinstance(app, QGuiApplication):
                app.focusWindowChanged.connect(self._refuse_file_dialogs)
            self._installed = True
        if target is not None:
            self.watch(target)

    def watch(self, target: QObject) -> None:
        """Filter the events of ``target`` (again after the window was re-created)."""
        if self._target is not None and self._target is not target:
            self._release()
        if self._target is not target:
            target.installEventFilter(self)
            self._target = target

    def uninstall(self) -> None:
        """Turn the guard off."""
        app = QCoreApplication.instance()
        self._release()
        if app is not None and self._installed:
            QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)
            self.links.uninstall()
            if isinstance(app, QGuiApplication):
                app.focusWindowChanged.disconnect(self._refuse_file_dialogs)
        self._installed = False

    def _release(self) -> None:
        if self._target is not None and shiboken6.isValid(self._target):
            self._target.removeEventFilter(self)
        self._target = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow context menus and the keys that close or escape."""
        kind = event.type()
        if kind == _T.ContextMenu:
            event.accept()
            return True
        if kind in _MOUSE_EVENTS and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.RightButton:
                event.accept()
                return True
            return False
        if kind in _KEY_EVENTS and isinstance(event, QKeyEvent) and is_blocked_key(event):
            event.accept()
            return True
        return False

    def _refuse_file_dialogs(self, *_args: object) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                log.info("Kiosk mode: a file dialog was refused")
                QTimer.singleShot(0, widget.reject)
