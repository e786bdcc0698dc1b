"""The staff-facing error window: TrialGuide cannot start, and why.

Shown instead of the app when the record cannot be loaded (every problem with its file,
line and field path, from :meth:`app.record.RecordError.describe`) or the config file is
invalid (the :class:`app.config.ConfigError` message names the key). It shows no patient
content at all.

In kiosk mode (asked for by ``--kiosk`` or by the config, even one that failed to load:
:func:`app.launch._salvage`) the window is full screen, frameless, on top and ignores
close requests, like the kiosk itself; staff quit it with the same gesture (hold the
top-right corner for three seconds) and PIN, under the same lock-out. It never shows a
Quit button: a patient at a broken kiosk must not be able to leave it. If no usable PIN is
known (none is set, or the config that holds it is too broken to read one from), the
window cannot be left from the screen at all, as the kiosk cannot; the gesture says so and
staff stop it from another session. Outside kiosk mode it is an ordinary window with Quit.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, localize, text_direction
from app.kiosk.corner import HOLD_MS, HotCorner
from app.kiosk.guard import KioskGuard
from app.kiosk.info import CONFIG
from app.kiosk.pin_pad import PinPad
from app.pin import PinLock
from app.ui.close_guard import CloseGuard


class ErrorWindow(QWidget):
    """Explains to staff why TrialGuide cannot start.

    Signals:
        quitting(): staff quit; the app should end.
    """

    quitting = Signal()

    def __init__(
        self,
        kind: str,
        details: str,
        *,
        kiosk: bool = False,
        pin_hash: str | None = None,
        language: str = "en",
        clock: Callable[[], float] = time.monotonic,
        hold_ms: int = HOLD_MS,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.details_text = details
        self.kiosk = kiosk
        #: The same close policy as the main window's: locked in kiosk mode.
        self.close_guard = CloseGuard(locked=kiosk)
        self.lang = language
        self.setObjectName("Root")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        column = QVBoxLayout()
        column.setSpacing(16)
        outer.addStretch(1)
        outer.addLayout(column, 100)
        outer.addStretch(1)

        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setProperty("role", "h1")
        self.title.setWordWrap(True)
        self.explanation = QLabel(self)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setProperty("role", "lead")
        self.explanation.setWordWrap(True)
        self.details_heading = QLabel(self)
        self.details_heading.setTextFormat(Qt.TextFormat.PlainText)
        self.details_heading.setProperty("role", "h3")
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlainText(details)
        self.details.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.details.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.details.setFont(mono)
        self.details.setStyleSheet("font-family: monospace; font-size: 16px;")
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.staff_hint = QLabel(self)
        self.staff_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.staff_hint.setWordWrap(True)
        self.staff_hint.setProperty("role", "muted")
        self.quit_button = QPushButton(self)
        self.quit_button.setProperty("role", "primary")
        self.quit_button.clicked.connect(self.quit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        for widget in (self.title, self.explanation, self.details_heading):
            column.addWidget(widget)
        column.addWidget(self.details, 1)
        column.addWidget(self.hint)
        column.addWidget(self.staff_hint)
        column.addLayout(buttons)

        self.guard: KioskGuard | None = None
        self.pin_pad: PinPad | None = None
        self.corner: HotCorner | None = None
        self.has_pin = pin_hash is not None
        if kiosk:
            self.setWindowFlags(
                self.windowFlags()
                | Qt.WindowType.FramelessWindowHint
                | Qt.WindowType.WindowStaysOnTopHint
            )
            self.guard = KioskGuard(self)
            # Without a PIN the pad only says that staff exit is turned off, as the kiosk's.
            lock = PinLock(pin_hash, clock) if pin_hash is not None else None
            self.pin_pad = PinPad(self, lock)
            self.pin_pad.accepted.connect(self.quit)
            self.corner = HotCorner(self, hold_ms)
            self.corner.held.connect(self.pin_pad.open)
        self.quit_button.setVisible(not kiosk)
        self.staff_hint.setVisible(kiosk)
        self.resize(1280, 800)
        self.retranslate()

    def retranslate(self) -> None:
        """Put every word in the window's language."""
        lang = self.lang
        self.setLayoutDirection(text_direction(lang))
        self.setWindowTitle(_("TrialGuide cannot start"))
        self.title.setText(_("TrialGuide cannot start"))
        if self.kind == CONFIG:
            explanation = _(
                "The settings file (the config) has a problem, so TrialGuide did not start. "
                "No study information is shown."
            )
            hint = _("Fix the setting named above in the config file, then start TrialGuide again.")
        else:
            explanation = _(
                "The trial record could not be loaded, so no study information is shown. "
                "The person who looks after this computer needs to fix the record file."
            )
            hint = _(
                "Fix the problems listed above, check the file with the command "
                "“trialguide validate RECORD”, then start TrialGuide again."
            )
        self.explanation.setText(localize(explanation, lang))
        self.details_heading.setText(_("What is wrong"))
        self.details.setAccessibleName(_("What is wrong"))
        self.details.setAccessibleDescription(_("The problems found, with file, line and field"))
        self.hint.setText(localize(hint, lang))
        if self.has_pin:
            staff_hint = _(
                "Staff: hold the top-right corner of the screen for three seconds to quit."
            )
        else:
            staff_hint = _(
                "Staff: without a usable staff PIN, TrialGuide cannot be quit from this screen. "
                "Stop it from another session or terminal, fix the file, set a PIN with "
                "“trialguide set-pin”, then start TrialGuide again."
            )
        self.staff_hint.setText(localize(staff_hint, lang))
        self.quit_button.setText(_("Quit TrialGuide"))
        self.quit_button.setAccessibleName(_("Quit TrialGuide"))
        self.quit_button.setAccessibleDescription(_("Close TrialGuide completely"))
        if self.pin_pad is not None:
            self.pin_pad.set_language(lang)
        if self.corner is not None:
            self.corner.retranslate()

    def show_window(self) -> None:
        """Show full screen (kiosk) or as a normal window."""
        if self.kiosk:
            self.showFullScreen()
        else:
            self.show()
        if self.guard is not None:
            self.guard.install(self.windowHandle())
        if self.corner is not None:
            self.corner.raise_()

    def quit(self) -> None:
        """Close the window and end the app."""
        if self.guard is not None:
            self.guard.uninstall()
        self.close_guard.allow()
        self.close()
        self.quitting.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """In kiosk mode only staff can close the window."""
        if self.close_guard.refuses(event):
            return
        if self.guard is not None:
            self.guard.uninstall()
        super().closeEvent(event)
