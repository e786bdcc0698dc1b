"""Start the app window: load the record, prepare Qt, show the welcome screen."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from app import i18n
from app.record import RecordError, TrialRecord, load_record
from app.session import Session
from app.ui.fonts import load_fonts

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


def create_window(record: TrialRecord, language: str | None = None):
    """Build a session and its main window for ``record`` (the app must exist)."""
    from app.ui.main_window import MainWindow

    load_fonts()
    session = Session(record, language or record.languages[0])
    i18n.set_language(session.language)
    window = MainWindow(session)
    return session, window


def run_app(record_path: str | None = None, language: str | None = None) -> int:
    """Open the app window and run until it is closed; return the exit code."""
    try:
        record = load_record(record_path)
    except RecordError as exc:
        print(exc.describe(), file=sys.stderr)
        print("TrialGuide cannot show this record; fix the problems above.", file=sys.stderr)
        return 2
    app = application()
    _session, window = create_window(record, language)
    window.show()
    return app.exec()
