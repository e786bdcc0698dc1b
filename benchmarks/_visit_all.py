"""Run ``trialguide`` and visit every screen in every language, then quit.

Like a visitor who sees everything: every self-check question is answered, every screen
is shown and painted in each of the record's languages, a glossary term is opened. On
each screen the window's warming is waited out, as when a visitor reads it for a few
seconds: it builds the pages not yet built and measures the screen in view unseen in the
other language and the next text size up, and its peak memory counts. Used by
``benchmarks/memory.py`` (peak RSS of this process). Usage:
``python benchmarks/_visit_all.py [trialguide options]``.
"""

import random
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import app.launch as ui_main
from app.cli import main
from app.record.models import ChoiceQuestion
from app.session import STUDY_SCREENS, Screen

_show = ui_main.Launch.show


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


#: The longest wait for the window's warming on one screen (s).
WARM_WAIT = 30.0


def _until_warm(window) -> None:
    """Until the window's warming has nothing left to do (it restarts on each screen)."""
    deadline = time.perf_counter() + WARM_WAIT
    _settle()
    while window._warm_timer.isActive() and time.perf_counter() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)


def visit_everything(launched: ui_main.Launch) -> None:
    """Answer, then show every screen in each language; quit the app at the end."""
    session = launched.session
    window = launched.window
    rng = random.Random(6)
    for question in session.record.questions:
        if isinstance(question, ChoiceQuestion):
            session.answer(question.id, rng.choice(question.options).id)
        else:
            session.answer(question.id, rng.randint(question.min_value, question.max_value))
    # One record: its study's screens (a catalog's two screens show only with several).
    screens = tuple(Screen) if session.catalog else STUDY_SCREENS
    for lang in session.record.languages:
        session.set_language(lang)
        for screen in screens:
            session.go_to(screen)
            _until_warm(window)
            window.repaint()
        glossary = session.record.patient.glossary if session.record.patient else ()
        if glossary:
            session.show_term(glossary[0].id)
            _settle()
    session.reset()
    _settle()
    print(f"visited {len(screens)} screens in {len(session.record.languages)} languages")
    QApplication.quit()


def _show_and_visit(self: ui_main.Launch) -> None:
    _show(self)
    QTimer.singleShot(0, lambda: visit_everything(self))


ui_main.Launch.show = _show_and_visit  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
