"""Pages warmed while hidden are measured ahead: their first show lays no text out anew.

A page the window builds in idle moments has never been laid out; its first show used to
lay every label's text out at each width the layouts try before the first paint (about
60 ms on the study details). The window's last warming step per page measures it at the
width of the page in view (``ScreenPage.lay_out_ahead``), a little per step, and lets Qt
place its widgets while it is hidden. These tests watch the labels' own caches
(``WrapLabel``): a size Qt had to work out during the show is one the warming missed;
and the widgets Qt resizes on the show.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.session import Screen
from app.ui.text import WrapLabel


def _known_sizes(page) -> dict[WrapLabel, tuple[set[int], set[object]]]:
    """Per label: the widths it knows its height at, and the hints it knows."""
    return {
        label: (set(label._heights), set(label._hints)) for label in page.findChildren(WrapLabel)
    }


class _ResizesIn(QObject):
    """Records which widgets of ``page`` Qt resizes while the block runs."""

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.page = page
        self.resized: set[str] = set()

    def __enter__(self) -> set[str]:
        QApplication.instance().installEventFilter(self)
        return self.resized

    def __exit__(self, *_exc: object) -> None:
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Resize
            and isinstance(watched, QWidget)
            and (watched is self.page or self.page.isAncestorOf(watched))
        ):
            self.resized.add(f"{type(watched).__name__}#{id(watched)}")
        return False


def _warm_until_laid_out(window, qtbot, screen: Screen, lang: str) -> None:
    window.warm_pages = True
    window._warm_later()

    def laid_out() -> bool:
        page = window.pages.get(screen)
        key = page.laid_out_for if page is not None else None
        return key is not None and key[1] == lang

    qtbot.waitUntil(laid_out, timeout=20_000)


@pytest.mark.parametrize(
    "screen", [Screen.DETAILS, Screen.GLOSSARY, Screen.PROCEDURES, Screen.RESULT]
)
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_a_page_warmed_unseen_is_shown_with_its_text_measured(
    make_window, default_record, qtbot, screen, lang
):
    session, window = make_window(default_record)
    _warm_until_laid_out(window, qtbot, screen, "en")
    if lang == "fa":  # re-rendered hidden in Persian by warming, and measured again
        session.set_language("fa")
        _warm_until_laid_out(window, qtbot, screen, "fa")
    page = window.pages[screen]
    assert page.isHidden() and session.screen is Screen.WELCOME  # never shown
    before = _known_sizes(page)
    with _ResizesIn(page) as resized:
        session.go_to(screen)
        for _ in range(3):
            QApplication.processEvents()
    # Placed while hidden too: the show moves and resizes next to nothing.
    assert len(page.findChildren(QWidget)) > 40
    assert len(resized) < 20, sorted(resized)
    shown = [label for label in before if label.isVisible() and label.text()]
    assert len(shown) > 10
    after = _known_sizes(page)
    worked_out = {
        label.text()[:40]: sorted(after[label][0] - before[label][0])
        for label in shown
        if after[label][0] - before[label][0] or after[label][1] - before[label][1]
    }
    assert not worked_out
    # The widths measured ahead include the one each label is shown at, and no text is
    # cut: each label is as tall as Qt, asked afresh, says its text needs.
    assert all(label.width() in before[label][0] for label in shown)
    assert all(label.height() >= QLabel.heightForWidth(label, label.width()) for label in shown)


def test_laying_out_ahead_goes_a_widget_at_a_time_and_finishes(make_window, default_record):
    """A step measures until its deadline (one widget at least), so a tap waits little."""
    _session, window = make_window(default_record)
    page = window.page(Screen.DETAILS)  # (warming is off in tests: built, not measured)
    page.build_all()
    labels = [label for label in page.findChildren(WrapLabel) if label.text()]
    assert not any(label._hints for label in labels)
    steps = 1
    while not page.lay_out_ahead(window._show_widths(), deadline=0.0):  # a past deadline
        steps += 1
        assert steps < 5000
    assert steps > len(labels)  # one widget per step, and the page's layouts last
    assert all(label._hints for label in labels)
    assert page.lay_out_ahead(window._show_widths(), deadline=0.0) is False  # begun anew


def test_a_new_render_asks_for_a_new_measure(make_window, default_record, qtbot):
    _session, window = make_window(default_record)
    _warm_until_laid_out(window, qtbot, Screen.CONTACT, "en")
    page = window.pages[Screen.CONTACT]
    page.render()
    assert page.laid_out_for is None
    _warm_until_laid_out(window, qtbot, Screen.CONTACT, "en")


def test_a_page_left_half_built_is_measured_once_warming_finishes_it(
    make_window, default_record, qtbot
):
    """Seen for a moment (its first steps), left, finished while hidden: measured again."""
    session, window = make_window(default_record)
    session.go_to(Screen.PROCEDURES)
    page = window.page(Screen.PROCEDURES)
    qtbot.waitUntil(lambda: not page.watching_paints, timeout=5_000)  # painted once
    window._to_lay_out_ahead()  # (as a warming step does: the page in view is laid out)
    assert page.laid_out_for is not None
    session.go_to(Screen.WELCOME)
    QApplication.processEvents()
    assert not page.complete
    _warm_until_laid_out(window, qtbot, Screen.PROCEDURES, "en")
    qtbot.waitUntil(lambda: page.complete and page.laid_out_for is not None, timeout=20_000)
    before = _known_sizes(page)
    session.go_to(Screen.PROCEDURES)
    for _ in range(3):
        QApplication.processEvents()
    after = _known_sizes(page)
    shown = [label for label in before if label.isVisible() and label.text()]
    assert len(shown) > 10
    assert not [label for label in shown if after[label] != before[label]]


def test_an_answer_changed_after_warming_is_worked_out_before_the_result_is_shown(
    make_window, default_record, qtbot
):
    """The self-check, then the result: the hidden result catches up in idle moments."""
    from app.record.models import ChoiceQuestion

    session, window = make_window(default_record)
    _warm_until_laid_out(window, qtbot, Screen.RESULT, "en")
    page = window.pages[Screen.RESULT]
    question = next(q for q in session.record.questions if isinstance(q, ChoiceQuestion))
    session.answer(question.id, question.options[0].id)
    assert page.stale  # behind: an earlier result
    qtbot.waitUntil(lambda: not page.stale and page.laid_out_for is not None, timeout=20_000)
    before = _known_sizes(page)
    session.go_to(Screen.RESULT)
    for _ in range(3):
        QApplication.processEvents()
    shown = [label for label in before if label.isVisible() and label.text()]
    assert len(shown) > 10
    after = _known_sizes(page)
    assert not [label.text()[:40] for label in shown if after[label] != before[label]]
    assert all(label.height() >= QLabel.heightForWidth(label, label.width()) for label in shown)
