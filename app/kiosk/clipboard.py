"""Nothing a visitor copied or selected outlives the visit: the clipboard and X11's selection.

Two pieces:

* :func:`forget_clipboard` empties the clipboard and, where the platform has one (X11),
  the primary selection, of whatever TrialGuide put there. The controller calls it on
  every reset (Start over, the idle reset, an error, staff). Another program's clipboard
  is left alone: it is not the visitor's, and asking a stranger's X client about its
  clipboard can stall the GUI for seconds.
* :class:`CopyBlocker` (kiosk mode only) lets nothing reach the clipboard at all: a
  selection a line edit hands to X11's primary selection, or a copy that got past the
  guard's blocked keys (:data:`app.kiosk.guard.COPY_KEYS`), is dropped as soon as Qt
  announces it, before the event loop could answer another client's request for it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QClipboard, QGuiApplication

_Mode = QClipboard.Mode

#: Platforms whose clipboard lives inside the process: all that is on it is ours.
_IN_PROCESS = frozenset({"offscreen", "minimal"})


def _modes(clipboard: QClipboard) -> tuple[QClipboard.Mode, ...]:
    if clipboard.supportsSelection():
        return (_Mode.Clipboard, _Mode.Selection)
    return (_Mode.Clipboard,)


def _ours(clipboard: QClipboard, mode: QClipboard.Mode) -> bool:
    if QGuiApplication.platformName() in _IN_PROCESS:
        mime = clipboard.mimeData(mode)
        return mime is not None and bool(mime.formats())
    if mode == _Mode.Selection:
        return clipboard.ownsSelection()
    return clipboard.ownsClipboard()


def forget_clipboard() -> list[str]:
    """Empty the clipboard and the primary selection of TrialGuide's own content.

    Returns:
        The modes that were emptied (``"clipboard"``, ``"selection"``), for logging.
    """
    if not isinstance(QGuiApplication.instance(), QGuiApplication):
        return []
    clipboard = QGuiApplication.clipboard()
    emptied = []
    for mode in _modes(clipboard):
        if _ours(clipboard, mode):
            clipboard.clear(mode)
            emptied.append("selection" if mode == _Mode.Selection else "clipboard")
    return emptied


class CopyBlocker(QObject):
    """While on, drops whatever the app puts on the clipboard or the primary selection."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clipboard: QClipboard | None = None

    @property
    def installed(self) -> bool:
        """Whether the blocker is on."""
        return self._clipboard is not None

    def install(self) -> None:
        """Start dropping; anything of ours already there goes now."""
        if self._clipboard is not None or not isinstance(
            QGuiApplication.instance(), QGuiApplication
        ):
            return
        self._clipboard = QGuiApplication.clipboard()
        # Direct: the drop happens inside the call that set the data, with no event
        # loop turn in between that could serve another client's paste.
        self._clipboard.changed.connect(self._drop)
        forget_clipboard()

    def uninstall(self) -> None:
        """Stop dropping."""
        if self._clipboard is not None:
            self._clipboard.changed.disconnect(self._drop)
        self._clipboard = None

    def _drop(self, mode: QClipboard.Mode) -> None:
        clipboard = self._clipboard
        if clipboard is not None and mode in _modes(clipboard) and _ours(clipboard, mode):
            clipboard.clear(mode)
