"""Each page renders once per user action: Start over, a language switch, an answer, a size step.

Before the render path was one, a Start over rendered the self-check and result pages four
times each and the header twice (reset() fired up to seven signals).
"""

from __future__ import annotations

import collections
import functools

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from app.present.outcome import result_title
from app.selfcheck import Outcome
from app.session import Screen
from app.ui.header import Header
from app.ui.main_window import page_class
from app.ui.screens.base import ScreenPage
from tests.ui.answer_sets import MAY_MATCH


@pytest.fixture
def counted(qtbot, default_record, monkeypatch):
    """A main window whose pages and header count their top-level renders."""
    counts: collections.Counter[str] = collections.Counter()
    depth: collections.Counter[int] = collections.Counter()

    def wrap(cls, name):
        original = cls.__dict__.get(name)
        if original is None:
            return

        @functools.wraps(original)
        def counting(self, *args, **kwargs):
            depth[id(self)] += 1
            try:
                if depth[id(self)] == 1:  # a render calling its base is one render
                    counts[type(self).__name__] += 1
                return original(self, *args, **kwargs)
            finally:
                depth[id(self)] -= 1

        monkeypatch.setattr(cls, name, counting)

    for cls in [*(page_class(s) for s in Screen), ScreenPage, Header]:
        for name in ("render", "refresh"):
            wrap(cls, name)

    from app.ui.main import create_window

    session, window = create_window(default_record, "en")
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    for screen in Screen:  # every page built
        session.go_to(screen)
    session.go_to(Screen.SELFCHECK)
    counts.clear()
    yield session, window, counts
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    session.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_start_over_renders_every_page_and_the_header_once(counted):
    session, window, counts = counted
    session.answer("age", 33)
    session.set_language("fa")
    session.set_text_scale(150)
    session.set_high_contrast(True)
    counts.clear()
    window.header.start_over.click()
    window.confirm.yes_button.click()
    assert session.screen is Screen.WELCOME and session.language == "en"
    expected = {page_class(s).__name__: 1 for s in Screen}
    assert dict(counts) == {**expected, "Header": 1}


def test_a_language_switch_renders_the_page_in_view_and_the_header(counted):
    session, _window, counts = counted
    session.set_language("fa")
    assert dict(counts) == {"SelfCheckScreen": 1, "Header": 1}


def test_an_answer_renders_the_question_once_and_the_result_when_shown(counted):
    session, window, counts = counted
    page = window.page(Screen.SELFCHECK)
    session.go_to_question(1)  # the sex question: a choice
    counts.clear()
    page.answer_buttons[0].click()
    assert dict(counts) == {"SelfCheckScreen": 1}  # the hidden result waits
    session.go_to(Screen.RESULT)
    assert counts["ResultScreen"] == 1


def test_a_result_brought_up_to_date_while_hidden_is_shown_as_it_is(counted):
    """The window's warming works a hidden result out again in an idle moment: its
    visit then sets no text anew (which took its rows out of their layout and back)."""
    session, window, counts = counted
    page = window.page(Screen.RESULT)
    for question, answer in MAY_MATCH.items():
        session.answer(question, answer)
    assert page.stale  # hidden behind the question: it waits
    page.catch_up()  # as the warming does
    assert counts["ResultScreen"] == 1
    counts.clear()
    session.go_to(Screen.RESULT)
    assert "ResultScreen" not in counts
    assert page.headline_card.isVisibleTo(page)
    assert page.outcome_title.text() == result_title(page.result(), "en")
    assert page.result().outcome is Outcome.MAY_MATCH
    session.go_to(Screen.SELFCHECK)
    session.go_to(Screen.RESULT)  # nothing changed between: nothing to redo
    assert "ResultScreen" not in counts


def test_a_result_that_missed_a_change_is_worked_out_again_when_shown(counted):
    """Whatever the page was told, its visit compares what it shows with the visit now."""
    session, window, counts = counted
    page = window.page(Screen.RESULT)
    for question, answer in MAY_MATCH.items():
        session.answer(question, answer)
    page.catch_up()
    may_match = page.outcome_title.text()
    session.answers_changed.disconnect(page._refresh_if_shown)
    try:
        session.answer("ovarian_cyst_history", "yes")  # the page hears nothing of it
        assert not page.stale
        counts.clear()
        session.go_to(Screen.RESULT)
        assert counts["ResultScreen"] == 1
        assert page.result().outcome is Outcome.DOES_NOT_MATCH
        assert page.outcome_title.text() == result_title(page.result(), "en") != may_match
    finally:
        session.answers_changed.connect(page._refresh_if_shown)


def test_a_language_round_trip_leaves_the_hidden_pages_as_they_were(counted):
    """Persian and back on one screen: a page still in English is not rendered again."""
    session, _window, counts = counted
    session.set_language("fa")
    session.set_language("en")
    assert dict(counts) == {"SelfCheckScreen": 2, "Header": 2}
    counts.clear()
    session.go_to(Screen.DETAILS)  # in the language it was rendered in: nothing to redo
    assert "DetailsScreen" not in counts
    session.set_language("fa")
    counts.clear()
    session.go_to(Screen.ABOUT)  # left in English: rendered in Persian when shown
    assert counts["AboutScreen"] == 1


def test_a_text_size_step_renders_each_sized_part_once(counted):
    session, window, counts = counted
    window.header.larger.click()
    assert session.text_scale == 125
    assert all(n == 1 for n in counts.values()), counts
    assert counts["Header"] == 1 and counts["SelfCheckScreen"] == 1


def test_a_new_record_renders_the_page_in_view_and_the_header_once(counted, default_record):
    session, window, counts = counted
    session.replace_record(default_record.model_copy(deep=True))
    assert dict(counts) == {"SelfCheckScreen": 1, "Header": 1}
    assert window.stack.currentWidget() is window.pages[Screen.SELFCHECK]
    assert set(window.pages) == {Screen.SELFCHECK}  # the others are built again when shown
