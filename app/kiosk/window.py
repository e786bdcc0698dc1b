"""What the kiosk layer needs of a window, beyond being a QMainWindow."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

from app.session import Session
from app.ui.close_guard import CloseGuard


@runtime_checkable
class KioskWindow(Protocol):
    """The kiosk's view of a main window (:class:`app.ui.main_window.MainWindow` is one)."""

    @property
    def session(self) -> Session:
        """The visit the window shows."""
        ...

    @property
    def close_guard(self) -> CloseGuard:
        """The window's close policy, locked in kiosk mode."""
        ...

    def set_banner(self, banner: QWidget) -> None:
        """Put a banner above the window's content."""
        ...

    def set_kiosk_mode(self, kiosk: bool) -> None:
        """Tell the window whether it is a kiosk."""
        ...
