"""Closing the window while Listen is synthesising ends at once, never in a deadlock.

Qt's thread pool, deleted with the window, waits for a synthesis in progress while the
main thread holds Python's GIL, which the synthesis thread needs to go on: the process
hung (a whole test run once did). The case runs in its own process, so that a hang is a
failed test, not a stuck run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HERE = Path(__file__).parent

SCRIPT = textwrap.dedent(
    """
    import os, sys, threading, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, sys.argv[1])
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from listen_fakes import FakeSpeak
    from app.record import load_record
    from app.session import Screen
    from app.speech.sink import MemorySink
    from app.ui.main import create_window

    started, fake = threading.Event(), FakeSpeak()

    def slow(utterance, record, folder=None, **options):
        started.set()
        for _step in range(100):
            time.sleep(0.01)  # Python code: it needs the GIL between the sleeps
        return fake(utterance, record, folder, **options)

    session, window = create_window(load_record(None), "en")
    window.listen.sink_factory = MemorySink
    window.listen.speak = slow
    window.show()
    session.go_to(Screen.ABOUT)
    app.processEvents()
    window.listen.play_screen()
    assert started.wait(20), "the synthesis did not start"
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    print("ended")
    """
)


def test_closing_while_a_synthesis_runs_does_not_hang():
    try:
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(HERE)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the window hung closing during a synthesis")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ended" in done.stdout
