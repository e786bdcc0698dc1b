"""The screen in view, measured unseen in the other language: a switch finds its sizes.

The window's last warming steps build the page in view again on a copy of the visit in
the other language, measure it for the window's widths and delete it
(``app.ui.language_twin``); what Qt worked out stays in the sizes labels share
(``WrapLabel``). These tests count what Qt is asked during the switch itself, check that
every label is still exactly as tall as Qt says, and that the twin leaves nothing
behind: no page, no listener, no handle.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.session import Screen
from app.ui.language_twin import measure_at_widths_of
from app.ui.screens.base import ScreenPage
from app.ui.text import WrapLabel, shared_size_count


def _warm(window, qtbot) -> None:
    """Warm the window until it has nothing left to do (the twin last)."""
    window.warm_pages = True
    window._warm_later()

    def done() -> bool:
        pages = window.pages.values()
        return (
            len(window.pages) == len(Screen)
            and all(page.complete and page.laid_out_for is not None for page in pages)
            and not window._warm_timer.isActive()
        )

    qtbot.waitUntil(done, timeout=30_000)


class _AskedQt:
    """Counts the sizes labels had to ask Qt for while the block runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[str] = []
        ask_qt = WrapLabel._ask_qt

        def recording(label: WrapLabel, what: object) -> object:
            self.asked.append(label.text()[:30])
            return ask_qt(label, what)

        monkeypatch.setattr(WrapLabel, "_ask_qt", recording)


def _switch(session, lang: str) -> None:
    session.set_language(lang)
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("screen", [Screen.DETAILS, Screen.GLOSSARY, Screen.RESULT])
def test_a_switch_finds_the_other_language_measured(
    make_window, default_record, qtbot, monkeypatch, screen
):
    session, window = make_window(default_record)
    for question in session.record.questions[:3]:  # (the result names the answers)
        option = getattr(question, "options", None)
        if option:
            session.answer(question.id, option[0].id)
    session.go_to(screen)
    _warm(window, qtbot)
    page = window.page(screen)
    assert window.twin.measured_for is not None and window.twin.page is None
    labels = [label for label in page.findChildren(WrapLabel) if label.text()]
    counter = _AskedQt(monkeypatch)
    _switch(session, "fa")
    shown = [label for label in labels if label.isVisible() and label.text()]
    assert len(shown) > 10
    # Next to nothing left to lay out (a study details switch asked Qt 527 times).
    assert len(counter.asked) < len(shown) // 4, counter.asked
    # And what the labels found is Qt's own answer for each of them: no text is cut.
    for label in shown:
        assert label.heightForWidth(label.width()) == QLabel.heightForWidth(label, label.width())
        assert label.height() >= QLabel.heightForWidth(label, label.width())


def test_without_the_twin_the_switch_lays_its_text_out(
    make_window, default_record, qtbot, monkeypatch
):
    """The control: the same switch, the twin left out, asks Qt for most of the page."""
    session, window = make_window(default_record)
    session.go_to(Screen.DETAILS)
    monkeypatch.setattr(window, "_twin_step", lambda: False)
    _warm(window, qtbot)
    page = window.page(Screen.DETAILS)
    counter = _AskedQt(monkeypatch)
    _switch(session, "fa")
    shown = [label for label in page.findChildren(WrapLabel) if label.isVisible() and label.text()]
    assert len(counter.asked) > len(shown)


def test_the_twin_leaves_nothing_behind(make_window, default_record, qtbot):
    session, window = make_window(default_record)
    session.go_to(Screen.DETAILS)
    heard: list[object] = []
    session.answers_changed.connect(lambda: heard.append("answers"))
    _warm(window, qtbot)
    key = window.twin.measured_for
    assert key is not None and key[0] == "fa" and key[2] is Screen.DETAILS
    # No page but the window's own in the stack, and nothing of the twin in the window.
    pages = set(window.pages.values())
    assert {page for page in window.stack.findChildren(ScreenPage)} == pages
    assert window.twin.page is None
    assert all(page in window._scales for page in pages) and len(window._scales) == len(pages)
    assert heard == []  # (the twin's copy of the visit answered nothing of this one)
    # Every page's handles are alive (a deleted page once took the window's with it).
    for page in pages:
        assert shiboken6.isValid(page.scroll_area.viewport())
        for part in getattr(getattr(page, "_finisher", None), "_parts", ()):
            assert shiboken6.isValid(part)
    session.reset()  # (each page's reset handler touches its parts: no error in any)


def test_an_answer_or_a_new_screen_measures_again(make_window, default_record, qtbot):
    session, window = make_window(default_record)
    session.go_to(Screen.RESULT)
    _warm(window, qtbot)
    first = window.twin.measured_for
    question = session.record.questions[0]
    options = getattr(question, "options", None) or []
    if options:
        session.answer(question.id, options[-1].id)
    else:
        session.answer(question.id, 40)
    _warm(window, qtbot)
    assert window.twin.measured_for != first
    session.go_to(Screen.CONTACT)
    _warm(window, qtbot)
    assert window.twin.measured_for[2] is Screen.CONTACT


def test_a_reset_forgets_the_sizes_of_the_last_visitors_words(make_window, default_record, qtbot):
    session, window = make_window(default_record)
    session.go_to(Screen.DETAILS)
    _warm(window, qtbot)
    assert shared_size_count() > 100
    seen = []
    window.session.reset_done.connect(lambda: seen.append(shared_size_count()))
    session.reset()
    assert seen == [0]  # (the window forgets them first; the pages then render anew)
    assert window.twin.measured_for is None


def _step_up_asks(make_window, default_record, qtbot, monkeypatch, size_twin: bool):
    session, window = make_window(default_record)
    session.go_to(Screen.DETAILS)
    if not size_twin:
        monkeypatch.setattr(window.size_twin, "step", lambda *args, **kwargs: False)
    _warm(window, qtbot)
    page = window.page(Screen.DETAILS)
    with monkeypatch.context() as patch:
        counter = _AskedQt(patch)
        session.set_text_scale(125)
        for _ in range(3):
            QApplication.processEvents()
    shown = [label for label in page.findChildren(WrapLabel) if label.isVisible() and label.text()]
    for label in shown:  # the sizes found are Qt's own, at the new text size
        assert label.heightForWidth(label.width()) == QLabel.heightForWidth(label, label.width())
        assert label.height() >= QLabel.heightForWidth(label, label.width())
    return len(counter.asked)


def test_a_text_size_step_up_finds_the_bigger_size_measured(
    make_window, default_record, qtbot, monkeypatch
):
    """The next size up is measured unseen too: the step asks Qt far less than without."""
    with_twin = _step_up_asks(make_window, default_record, qtbot, monkeypatch, True)
    without = _step_up_asks(make_window, default_record, qtbot, monkeypatch, False)
    assert without > 300  # (a step up lays out every label of study details anew)
    assert with_twin < without // 3, (with_twin, without)


def test_a_text_size_step_up_asks_qt_next_to_nothing(
    make_window, default_record, qtbot, monkeypatch
):
    """Nor at the widths the labels have before the column widens for the bigger size.

    Qt lays out each part of the page that holds text as its own layout request comes,
    before the parents that widen it: each label was first asked its height in the new
    font at its old width (96 of the 98 sizes a step up on study details still asked).
    The twin measures its labels at those widths too.
    """
    asked = _step_up_asks(make_window, default_record, qtbot, monkeypatch, True)
    assert asked < 10, asked


def test_the_twin_measures_at_the_widths_of_the_page_in_view(
    make_window, default_record, qtbot, monkeypatch
):
    session, window = make_window(default_record)
    session.go_to(Screen.DETAILS)
    _warm(window, qtbot)
    page = window.page(Screen.DETAILS)
    visit = session.mirrored(session.language)
    twin = window._build_twin(Screen.DETAILS, visit)
    try:
        while not twin.complete:
            twin.build_step()
        theirs = page.findChildren(WrapLabel)
        mine = twin.findChildren(WrapLabel)
        assert len(mine) == len(theirs) > 50
        asked: list[tuple[str, int]] = []
        height_for_width = WrapLabel.heightForWidth

        def recording(label: WrapLabel, width: int) -> int:
            asked.append((label.text(), width))
            return height_for_width(label, width)

        monkeypatch.setattr(WrapLabel, "heightForWidth", recording)
        mine[0].setText("words the page in view does not show")
        measured = measure_at_widths_of(twin, page)
        shown = [label for label in theirs[1:] if label.width() > 0 and label.isVisibleTo(page)]
        assert measured == len(asked) == len(shown)
        assert asked == [(label.text(), label.width()) for label in shown]
    finally:
        shiboken6.delete(twin)
        visit.forget_copy()


def test_the_size_twin_measures_and_paints_in_steps_of_their_own(
    make_window, default_record, qtbot, monkeypatch
):
    """Placing the twin, measuring it at the present widths, painting it: three steps.

    Each is a warming step of 10-20 ms on study details; in one they made the longest
    step of the warming (44 ms).
    """
    import app.ui.language_twin as language_twin

    session, window = make_window(default_record)
    session.go_to(Screen.DETAILS)
    steps: list[str] = []
    step, place = window.size_twin.step, ScreenPage._place_hidden
    measure, paint = language_twin.measure_at_widths_of, language_twin._paint_once

    def counted(*args, **kwargs):
        steps.append("step")
        return step(*args, **kwargs)

    def noting(name, work):
        def run(*args):
            steps.append(name)
            return work(*args)

        return run

    monkeypatch.setattr(window.size_twin, "step", counted)
    monkeypatch.setattr(ScreenPage, "_place_hidden", noting("place", place))
    monkeypatch.setattr(language_twin, "measure_at_widths_of", noting("measure", measure))
    monkeypatch.setattr(language_twin, "_paint_once", noting("paint", paint))
    _warm(window, qtbot)
    assert window.size_twin.measured_for is not None
    last = len(steps) - 1 - steps[::-1].index("paint")  # the size twin's own paint
    expected = ["step", "place", "step", "measure", "step", "paint"]
    assert steps[last - 5 : last + 1] == expected, steps[-12:]


def test_a_fault_in_the_twin_costs_the_visitor_nothing(
    make_window, default_record, qtbot, monkeypatch, caplog
):
    """An error while measuring unseen is logged and given up: no reset, no page left."""
    session, window = make_window(default_record)
    session.go_to(Screen.DETAILS)
    session.answer("age", 33)

    def broken(screen, visit):
        raise RuntimeError(f"a fault that names an answer: {dict(visit.answers)}")

    monkeypatch.setattr(window, "_build_twin", broken)
    with caplog.at_level("WARNING", logger="trialguide.ui"):
        _warm(window, qtbot)
    assert window.twin.measured_for is not None  # given up for this key, not retried
    assert session.screen is Screen.DETAILS and session.answers  # nothing was reset
    assert "Measuring the screen unseen failed: RuntimeError" in caplog.text
    assert "33" not in caplog.text  # (no message: it may quote the visitor's answers)


def test_a_dropped_twin_keeps_no_answers(make_window, default_record, qtbot, monkeypatch):
    session, window = make_window(default_record)
    session.answer("age", 33)
    copies = []
    mirrored = session.mirrored

    def recording(*args, **kwargs):
        copies.append(mirrored(*args, **kwargs))
        return copies[-1]

    monkeypatch.setattr(session, "mirrored", recording)
    session.go_to(Screen.RESULT)
    _warm(window, qtbot)
    assert copies and session.answers
    assert all(not copy.answers and not copy._visits for copy in copies)


class _Paints(QObject):
    """The widgets that get a paint event while installed on the application."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: set[int] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.add(shiboken6.getCppPointer(watched)[0])  # (not a wrapper's id)
        return False

    def during(self, work) -> set[int]:
        self.painted = set()
        app = QApplication.instance()
        app.installEventFilter(self)
        try:
            work()
        finally:
            app.removeEventFilter(self)
        return self.painted


@pytest.mark.parametrize("screen", [Screen.DETAILS, Screen.GLOSSARY])
def test_the_twin_is_painted_whole_in_strips_of_a_small_image(
    make_window, default_record, qtbot, monkeypatch, screen
):
    """Every part one paint of the whole page paints, the strips paint; no image is big.

    The paint draws the glyphs of the twin's words (Qt keeps them): a part a strip
    missed would leave its letters to the switch. An image of the page's size was
    3.4 MiB, kept in the heap after it was freed.
    """
    import app.ui.language_twin as language_twin

    session, window = make_window(default_record)
    session.go_to(screen)
    page = window.page(screen)
    page.build_all()
    qtbot.waitUntil(lambda: page.complete)
    QApplication.processEvents()
    assert page.height() > 4 * language_twin.PAINT_STRIP_ROWS  # several strips

    def whole() -> None:
        image = QImage(page.size(), QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        QWidget.render(page, painter, QPoint())
        painter.end()

    images: list[tuple[int, int]] = []

    class Noted(QImage):
        def __init__(self, *args: object) -> None:
            super().__init__(*args)
            images.append((self.width(), self.height()))

    monkeypatch.setattr(language_twin, "QImage", Noted)
    paints = _Paints()
    in_one = paints.during(whole)
    in_strips = paints.during(lambda: language_twin._paint_once(page))
    assert len(in_one) > 20  # the parts in view, labels and their holders
    assert in_strips == in_one
    assert images == [(page.width(), language_twin.PAINT_STRIP_ROWS)]


@pytest.mark.parametrize("collect", [True, False])
def test_a_dropped_twin_is_collected_in_the_next_idle_moment(
    make_window, default_record, qtbot, monkeypatch, collect
):
    """A twin's page and its copy of the visit hold each other in cycles: deleted, they
    wait for a full collection. The window's next warming step runs it, so the twins of
    a visit do not pile up until one falls inside a tap. (The automatic collector is off
    here: without the window's collection, the copies stay.)"""
    import gc
    import weakref

    from app import collector

    session, window = make_window(default_record)
    copies: list[weakref.ref[object]] = []
    mirrored = session.mirrored

    def recording(*args, **kwargs):
        copy = mirrored(*args, **kwargs)
        copies.append(weakref.ref(copy))
        return copy

    monkeypatch.setattr(session, "mirrored", recording)
    if not collect:
        monkeypatch.setattr(collector, "collect_left_garbage", lambda: False)
    session.go_to(Screen.DETAILS)
    gc.collect()
    gc.disable()
    try:
        _warm(window, qtbot)
        assert window.twin.measured_for is not None and window.size_twin.measured_for is not None
        assert len(copies) >= 2  # (one twin in the other language, one a size up)
        alive = [copy for copy in copies if copy() is not None]
        assert (alive == []) is collect
    finally:
        gc.enable()
