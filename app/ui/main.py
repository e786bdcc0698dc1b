"""Qt application set-up shared by every way of starting TrialGuide.

:func:`application` creates the QApplication once (with Qt's messages routed to
logging), :func:`create_window` builds a session and its main window for a record, and
:func:`open_counselor` builds counselor mode's window. Reading the config, choosing the
mode and handling a broken record live one layer up, in :mod:`app.launch`.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from app.record import TrialRecord
from app.session import Session
from app.ui.fonts import load_fonts

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

log = logging.getLogger("trialguide")

#: Qt messages that say nothing useful to staff (the offscreen plugin's, for one).
_HARMLESS_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)


def _qt_message_handler(mode: QtMsgType, _context: object, message: str) -> None:
    """Route Qt's own messages to logging, dropping known harmless ones."""
    if any(message.startswith(harmless) for harmless in _HARMLESS_QT_MESSAGES):
        return
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(mode, logging.ERROR)
    logging.getLogger("qt").log(level, "%s", message)


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once with TrialGuide's names."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    qInstallMessageHandler(_qt_message_handler)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("TrialGuide")
    app.setOrganizationName("TrialGuide")
    app.setApplicationDisplayName("TrialGuide")
    return app


def create_window(
    record: TrialRecord, language: str | None = None, *, studies: tuple[TrialRecord, ...] = ()
) -> tuple[Session, MainWindow]:
    """Build a session and its main window for ``record`` (the app must exist).

    With ``studies`` (the other records of a clinic's catalog, or more to come when it is
    ``(record,)``), the visit starts on the catalog of every study.
    """
    from app.ui.main_window import MainWindow

    load_fonts()
    session = Session(record, language or record.languages[0], catalog=bool(studies))
    session.add_studies(studies)
    window = MainWindow(session)
    return session, window


def open_counselor(session: Session) -> QWidget:
    """Counselor mode's window on ``session``.

    Raises:
        ImportError: counselor mode is not part of this build.
    """
    from app.ui.counselor.window import CounselorWindow

    window: QWidget = CounselorWindow(session)
    return window
