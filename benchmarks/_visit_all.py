"""Run ``trialguide`` and visit every screen in every language, then quit.

Like a visitor who sees everything: every self-check question is answered, every screen
is shown and painted in each of the record's languages, a glossary term is opened.
Used by ``benchmarks/memory.py`` (peak RSS of this process). Usage:
``python benchmarks/_visit_all.py [trialguide options]``.
"""

import random
import sys

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
            _settle()
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
