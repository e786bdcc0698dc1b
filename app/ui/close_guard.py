"""Who may close a window: anyone, or, in kiosk mode, only staff who chose Quit.

One policy for the main window and the staff error window: each owns a
:class:`CloseGuard` and asks it in ``closeEvent``; the kiosk layer locks it and allows
the staff's Quit through its methods, never by writing attributes onto the window.
"""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent


class CloseGuard:
    """A window's close policy."""

    def __init__(self, locked: bool = False) -> None:
        self._locked = locked
        self._allowed = False

    @property
    def locked(self) -> bool:
        """Kiosk mode: a close request (Alt+F4, a close button) is refused."""
        return self._locked

    def lock(self, on: bool) -> None:
        """Refuse close requests (kiosk mode on) or accept them again."""
        self._locked = on

    def allow(self) -> None:
        """Staff chose Quit: the next close goes through even in kiosk mode."""
        self._allowed = True

    def refuses(self, event: QCloseEvent) -> bool:
        """Ignore ``event`` and say so when the window may not close now."""
        if self._locked and not self._allowed:
            event.ignore()
            return True
        return False
