"""A first-time visitor at a touch kiosk: scrolling, the header, Start over, glossary pop-ups."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QScroller, QWidget

from app.session import TEXT_SCALES, Screen
from app.ui.main_window import PAGES
from app.ui.style import KIOSK_SCROLLBAR_WIDTH, THEMES, px, size_name
from app.ui.text import MIN_TAP_HEIGHT, TAP_SLOP, TextLabel


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def within_window(widget: QWidget, window: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(top_left) and window.rect().contains(
        top_left + QPoint(widget.width() - 1, widget.height() - 1)
    )


# -- scrolling -------------------------------------------------------------------------
def test_each_question_and_back_start_at_the_top(app_window, qtbot):
    session, window = app_window
    session.set_text_scale(200)
    session.go_to(Screen.SELFCHECK)
    page = window.page(Screen.SELFCHECK)
    bar = page.scroll_area.verticalScrollBar()
    for step in ("next", "next", "back", "skip"):
        settle()
        assert bar.maximum() > 0, "the question fits: nothing to scroll at 200%?"
        bar.setValue(bar.maximum())
        button = {"next": page.next_button, "back": page.back_button}.get(step, page.skip_button)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()
        assert bar.value() == 0, f"after {step} the question opened scrolled"


def test_a_new_screen_starts_at_the_top(app_window):
    session, window = app_window
    session.set_text_scale(200)
    session.go_to(Screen.ABOUT)
    settle()
    bar = window.page(Screen.ABOUT).scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    session.go_to(Screen.PROCEDURES)
    session.go_to(Screen.ABOUT)
    assert bar.value() == 0


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_back_skip_next_never_scroll_away(app_window, lang):
    """At 200% text on every question, Back, Skip and Next are in the window, unscrolled."""
    session, window = app_window
    session.set_language(lang)
    session.set_text_scale(200)
    session.go_to(Screen.SELFCHECK)
    page = window.page(Screen.SELFCHECK)
    for buttons in (page.back_button, page.skip_button, page.next_button):
        assert not page.scroll_area.isAncestorOf(buttons)
    for index in range(len(session.record.questions)):
        session.go_to_question(index)
        settle()
        for button in (page.back_button, page.skip_button, page.next_button):
            assert button.isVisible() and within_window(button, window), (index, button.text())


def test_every_scrolling_view_scrolls_by_dragging(app_window):
    session, window = app_window
    for screen in PAGES:
        session.go_to(screen)
        settle()
        areas = window.page(screen).findChildren(QAbstractScrollArea)
        assert areas
        for area in areas:
            assert area.viewport().property("touch_scroll"), (screen, area)
            assert QScroller.hasScroller(area.viewport())


def test_kiosk_scroll_bars_are_a_fingers_width(app_window):
    session, window = app_window
    session.go_to(Screen.ABOUT)
    settle()
    bar = window.page(Screen.ABOUT).scroll_area.verticalScrollBar()
    assert bar.width() < KIOSK_SCROLLBAR_WIDTH
    window.set_kiosk_mode(True)
    try:
        settle()
        assert bar.width() >= KIOSK_SCROLLBAR_WIDTH
    finally:
        window.set_kiosk_mode(False)  # the style sheet is the application's


# -- Start over --------------------------------------------------------------------------
def test_start_over_asks_first(app_window, qtbot):
    session, window = app_window
    session.answer("age", 30)
    session.set_language("fa")
    qtbot.mouseClick(window.header.start_over, Qt.MouseButton.LeftButton)
    confirm = window.confirm
    assert confirm.isVisible() and confirm.scrim.isVisible()
    assert confirm.yes_button.height() >= 64 and confirm.no_button.height() >= 64
    assert confirm.question.text() == "از نو شروع کنیم؟"  # in the visitor's language
    assert session.answers  # nothing forgotten yet
    qtbot.mouseClick(confirm.no_button, Qt.MouseButton.LeftButton)
    assert not confirm.isVisible() and not confirm.scrim.isVisible()
    assert session.answers and session.language == "fa"
    qtbot.mouseClick(window.header.start_over, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(session.reset_done):
        qtbot.mouseClick(confirm.yes_button, Qt.MouseButton.LeftButton)
    assert not session.answers and session.language == "en"


def test_an_idle_reset_does_not_ask_and_closes_the_prompt(app_window, qtbot):
    session, window = app_window
    session.answer("age", 30)
    qtbot.mouseClick(window.header.start_over, Qt.MouseButton.LeftButton)
    assert window.confirm.isVisible()
    session.reset()  # what the kiosk's idle timer calls
    assert not session.answers
    assert not window.confirm.isVisible() and not window.confirm.scrim.isVisible()


# -- the header --------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_header_is_one_row_and_a_plus_stays_put(app_window, qtbot, lang, size):
    session, window = app_window
    window.resize(*size)
    session.set_language(lang)
    session.go_to(Screen.ABOUT)
    settle()
    header = window.header
    height = header.height()
    place = {b: b.mapTo(window, QPoint(0, 0)) for b in (header.smaller, header.larger)}
    nav_height = window.navbar.height()
    assert height <= 80 and nav_height <= 80
    for scale in TEXT_SCALES[1:]:
        qtbot.mouseClick(header.larger, Qt.MouseButton.LeftButton)
        settle()
        assert session.text_scale == scale
        assert header.height() == height, f"the header grew at {scale}%"
        assert window.navbar.height() == nav_height
        for button, where in place.items():
            assert button.mapTo(window, QPoint(0, 0)) == where, f"{button.text()} moved"
    assert header.title.text()  # whole, even when painted shortened
    for button in header.findChildren(QWidget):
        if button.isVisible() and button.focusPolicy() != Qt.FocusPolicy.NoFocus:
            assert button.accessibleName(), button


# -- text size and contrast: independent, on every screen ---------------------------------
def _check_screens(window, scale: int, high_contrast: bool) -> None:
    colors = THEMES["high_contrast" if high_contrast else "normal"]
    session = window.session
    for screen, page in window.pages.items():
        session.go_to(screen)  # a hidden screen takes the theme when shown
        settle()
        assert page.palette().color(QPalette.ColorRole.Window).name() == colors["bg"], screen
        window.theme_whole(page)  # (the parts out of view: in idle moments, or as they show)
        for label in page.findChildren(QLabel):
            name = size_name(label)
            if name is None or label.property("fixed_text") or "font-size" in label.styleSheet():
                continue
            if not label.isVisibleTo(page):
                continue  # polished at the right size when first shown
            assert label.font().pixelSize() == px(name, scale), (screen, label.text()[:40])
            if isinstance(label, TextLabel):
                link = label.palette().color(QPalette.ColorRole.Link).name()
                assert link == colors["primary"], (screen, label.text()[:40])


@pytest.mark.parametrize("first", ["scale", "contrast"])
def test_text_size_and_contrast_are_independent_on_every_screen(app_window, first):
    session, window = app_window
    for screen in PAGES:  # every screen built
        session.go_to(screen)
    session.go_to(Screen.ABOUT)
    for scale, high_contrast in itertools.product((125, 200), (True, False)):
        if first == "scale":
            session.set_text_scale(scale)
            session.set_high_contrast(high_contrast)
        else:
            session.set_high_contrast(high_contrast)
            session.set_text_scale(scale)
        settle()
        _check_screens(window, scale, high_contrast)
        assert window.header.scale_label.text() == f"{scale}%"
    session.set_text_scale(200)
    session.set_high_contrast(True)
    session.reset()  # Start over from 200% and high contrast
    settle()
    _check_screens(window, 100, False)


# -- glossary links: a finger-sized tap area ---------------------------------------------
def _a_link(label: TextLabel, inside: bool = False) -> tuple[QPoint, int, int]:
    """A point on a link, and the top and bottom of the link's glyphs at its x.

    ``inside``: a link with a full slop's room above and below it in the label. A link on
    the first or last line reaches only to the label's edge: the slop cannot take taps
    from outside the label (a known limit).
    """
    for y in range(0, label.height(), 2):
        for x in range(0, label.width(), 4):
            href = label.anchor_at(QPoint(x, y))
            if href:
                top = bottom = y
                while top > 0 and label.anchor_at(QPoint(x, top - 1)) == href:
                    top -= 1
                while label.anchor_at(QPoint(x, bottom + 1)) == href:
                    bottom += 1
                if not inside or (top - TAP_SLOP >= 0 and bottom + TAP_SLOP < label.height()):
                    return QPoint(x, (top + bottom) // 2), top, bottom
    raise AssertionError("no link found")


def _link_label(window) -> TextLabel:
    """The tallest text with a glossary link on the about screen (the summary)."""
    page = window.page(Screen.ABOUT)
    labels = [lbl for lbl in page.findChildren(TextLabel) if "term:" in lbl.text()]
    return max(labels, key=lambda lbl: lbl.height())


def test_a_glossary_link_is_a_44_px_tap_target_without_new_line_spacing(app_window, qtbot):
    session, window = app_window
    session.go_to(Screen.ABOUT)
    settle()
    label = _link_label(window)
    point, top, bottom = _a_link(label, inside=True)
    assert bottom - top + 1 < MIN_TAP_HEIGHT  # the glyphs alone are too small a target
    x = point.x()
    href = label.anchor_at(point)
    hit = [y for y in range(label.height()) if label.anchor_near(QPoint(x, y)) == href]
    assert max(hit) - min(hit) + 1 >= MIN_TAP_HEIGHT
    # Taps above and below the words, where only the slop reaches, open the term.
    for y in (max(0, top - 10), bottom + 10):
        with qtbot.waitSignal(session.term_requested) as blocker:
            qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
        assert blocker.args == [href.removeprefix("term:")]
        window.popover.hide()
    # A tap right on the words is Qt's own link (the mirror layout agrees with the label's).
    with qtbot.waitSignal(label.linkActivated):
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=point)
    window.popover.hide()
    # The line spacing is the label's own: as tall as a plain label with the same text.
    plain = QLabel()
    try:
        plain.setTextFormat(Qt.TextFormat.RichText)
        plain.setWordWrap(True)
        plain.setFont(label.font())
        plain.setContentsMargins(label.contentsMargins())
        plain.setText(label.text())
        assert plain.heightForWidth(label.width()) == label.heightForWidth(label.width())
    finally:
        plain.deleteLater()


# -- glossary pop-ups ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_popover_opens_beside_the_term_over_a_dimmed_screen(app_window, qtbot, lang):
    session, window = app_window
    session.set_language(lang)
    session.go_to(Screen.ABOUT)
    settle()
    label = _link_label(window)
    point, _top, bottom = _a_link(label)
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=point)
    popover = window.popover
    assert popover.isVisible() and popover.scrim.isVisible()
    root = window.centralWidget()
    assert popover.scrim.geometry() == root.rect()
    tap = label.mapTo(root, point)
    line_bottom = label.mapTo(root, QPoint(0, bottom)).y()
    geometry = popover.geometry()
    assert geometry.top() > line_bottom or geometry.bottom() < tap.y()  # the term stays seen
    assert geometry.top() - line_bottom < 40 or tap.y() - geometry.bottom() < 40  # beside it
    if lang == "fa":  # read from the right: the pop-up's right edge near the term
        assert geometry.right() >= tap.x() and geometry.right() - tap.x() <= 64
    else:
        assert geometry.left() <= tap.x() and tap.x() - geometry.left() <= 64
    assert popover.close_button.height() >= 56
    # A tap on the dimmed screen closes it.
    qtbot.mouseClick(popover.scrim, Qt.MouseButton.LeftButton, pos=QPoint(5, root.height() - 5))
    assert not popover.isVisible() and not popover.scrim.isVisible()


def test_popover_back_arrow_returns_from_a_nested_term(app_window, qtbot):
    session, window = app_window
    session.show_term("amh")
    popover = window.popover
    assert not popover.back_button.isVisible()
    nested = popover.definition
    settle()
    point, _top, _bottom = _a_link(nested)
    href = nested.anchor_at(point).removeprefix("term:")
    qtbot.mouseClick(nested, Qt.MouseButton.LeftButton, pos=point)
    assert popover.term_id == href != "amh"
    assert popover.back_button.isVisible() and popover.back_button.accessibleName() == "Back"
    qtbot.mouseClick(popover.back_button, Qt.MouseButton.LeftButton)
    assert popover.term_id == "amh" and not popover.back_button.isVisible()
    qtbot.mouseClick(popover.close_button, Qt.MouseButton.LeftButton)
    assert not popover.isVisible()
