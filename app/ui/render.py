"""Render any screen, in any language and text size, to a PNG (offscreen)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from app.record import TrialRecord
from app.record.enums import Sex
from app.session import CATALOG_SCREENS, Prescreen, Screen, study_key


def prescreen_answers(answers: Mapping[str, object]) -> Prescreen:
    """The first step's answers from an answers file (``age``, ``sex``, ``healthy``).

    Raises:
        app.selfcheck.AnswerError: a value does not fit (an age that is not a whole
            number, a sex other than female or male, healthy not true or false).
    """
    from app.selfcheck import AnswerError

    age, sex, healthy = answers.get("age"), answers.get("sex"), answers.get("healthy")
    if age is not None and (not isinstance(age, int) or isinstance(age, bool) or age < 0):
        raise AnswerError("age", f"{age!r} is not an age in whole years", value=age)
    sexes = {"female": Sex.FEMALE, "male": Sex.MALE}
    if sex is not None and str(sex).lower() not in sexes:
        raise AnswerError("sex", f"{sex!r} is not 'female' or 'male'", value=sex)
    if healthy is not None and not isinstance(healthy, bool):
        raise AnswerError("healthy", f"{healthy!r} is not true or false", value=healthy)
    return Prescreen(age=age, sex=sexes[str(sex).lower()] if sex else None, healthy=healthy)


def render_screen(
    record: TrialRecord,
    screen: Screen | str,
    lang: str,
    out: str | os.PathLike[str],
    width: int = 1280,
    height: int = 800,
    text_scale: int = 100,
    answers: Mapping[str, object] | None = None,
    question: str | None = None,
    high_contrast: bool = False,
    studies: tuple[TrialRecord, ...] = (),
) -> None:
    """Draw one screen into a PNG file.

    With ``studies`` (the other records of a catalog), the window is a catalog of
    ``record`` and them, and a study screen shows ``record``. The catalog's own screens
    (``catalog``, ``prescreen``) with no ``studies`` list ``record`` alone.

    Raises:
        app.selfcheck.AnswerError: an answer does not fit its question.
        KeyError: ``question`` is not a question of the record.
        OSError: the PNG cannot be written.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.main import application, create_window

    app = application()
    screen = Screen(screen)
    catalog = bool(studies) or screen in CATALOG_SCREENS
    session, window = create_window(record, lang, studies=(record, *studies) if catalog else ())
    try:
        if catalog and screen not in CATALOG_SCREENS:
            session.open_study(study_key(record))
        if screen in CATALOG_SCREENS:  # the first step's answers: age, sex, healthy
            session.set_prescreen(prescreen_answers(answers or {}))
            answers = {}
        for question_id, value in (answers or {}).items():
            session.answer(question_id, value)
        session.set_text_scale(text_scale)
        session.set_high_contrast(high_contrast)
        if question is not None:
            index = (
                [q.id for q in record.questions].index(question)
                if question in {q.id for q in record.questions}
                else None
            )
            if index is None:
                raise KeyError(question)
            session.go_to_question(index)
        session.go_to(screen)
        window.page(screen).build_all()  # the whole page, as a visitor sees it a moment on
        window.resize(width, height)
        window.show()
        for _turn in range(3):  # cards built on the way settle their layout
            app.processEvents()
        image = window.grab()
        if not image.save(os.fspath(out), "PNG"):
            raise OSError(f"cannot write {out}")
    finally:  # a refused answer or question leaves no window behind
        window.close()
        window.deleteLater()
        app.processEvents()
