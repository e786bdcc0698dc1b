"""The main window: navigation, language switch, text size, contrast, start over, popover."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.session import Screen
from app.ui.main_window import PAGES
from app.ui.style import THEMES
from app.ui.text import TextLabel


def shown_background(widget: QWidget) -> str:
    """The background colour the style sheet gave ``widget`` (its palette's window)."""
    return widget.palette().color(QPalette.ColorRole.Window).name()


def test_starts_on_welcome_with_only_that_page_built(app_window):
    session, window = app_window
    assert session.screen is Screen.WELCOME
    assert set(window.pages) == {Screen.WELCOME}  # lazy: start-up builds one screen
    assert not window.navbar.isVisible()
    assert "TrialGuide" in window.windowTitle()


@pytest.mark.parametrize("screen", list(PAGES))
def test_every_screen_opens_in_both_languages(app_window, qtbot, screen):
    session, window = app_window
    session.go_to(screen)
    assert window.stack.currentWidget() is window.page(screen)
    session.set_language("fa")
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.page(screen).layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert session.screen is Screen(screen)
    session.set_language("en")
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_navbar_follows_the_session(app_window, qtbot):
    session, window = app_window
    session.go_to(Screen.ABOUT)
    assert window.navbar.isVisible()
    assert window.navbar.buttons[Screen.ABOUT].isChecked()
    qtbot.mouseClick(window.navbar.buttons[Screen.GLOSSARY], Qt.MouseButton.LeftButton)
    assert session.screen is Screen.GLOSSARY
    assert window.navbar.buttons[Screen.GLOSSARY].isChecked()
    assert not window.navbar.buttons[Screen.ABOUT].isChecked()


def test_language_switch_from_header(app_window, qtbot):
    session, window = app_window
    session.go_to(Screen.ABOUT)
    with qtbot.waitSignal(session.language_changed) as blocker:
        qtbot.mouseClick(window.header.language_buttons["fa"], Qt.MouseButton.LeftButton)
    assert blocker.args == ["fa"]
    assert session.screen is Screen.ABOUT
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.header.language_buttons["fa"].isChecked()
    assert window.header.scale_label.text() == "۱۰۰٪"
    about = window.page(Screen.ABOUT)
    assert "۱۳۹۹" in about.fact_rows["start"][1].text()  # Solar Hijri year, Persian digits


def test_text_scale_buttons(app_window, qtbot):
    session, window = app_window
    header = window.header
    assert not header.smaller.isEnabled()
    for expected in (125, 150, 175, 200):
        qtbot.mouseClick(header.larger, Qt.MouseButton.LeftButton)
        assert session.text_scale == expected
    assert not header.larger.isEnabled()
    # The header's own text does not grow: it stays one row, A+ stays under the finger.
    assert window.header.start_over.font().pixelSize() == 16
    assert window.page(Screen.WELCOME).findChild(QLabel).font().pixelSize() >= 36
    qtbot.mouseClick(header.smaller, Qt.MouseButton.LeftButton)
    assert session.text_scale == 175


def test_hidden_screens_take_the_text_size_when_next_shown(app_window):
    """A text-size step widens the reading column of the screen in view; a hidden
    screen's column is widened as it is shown, before it is painted."""
    from app.ui.screens.base import READING_WIDTH

    session, window = app_window
    window.warm_pages = False  # (idle moments would widen the hidden columns too)
    for screen in PAGES:  # every screen built, and seen
        session.go_to(screen)
    session.go_to(Screen.ABOUT)
    session.set_text_scale(200)
    QApplication.processEvents()
    wide = round(READING_WIDTH * 2)
    assert window.page(Screen.ABOUT).column.maximumWidth() == wide
    details = window.page(Screen.DETAILS)
    assert details.column.maximumWidth() == READING_WIDTH  # hidden: not laid out again
    session.go_to(Screen.DETAILS)
    assert details.column.maximumWidth() == wide
    assert details.bar is None or details.bar_column.maximumWidth() == wide
    session.set_text_scale(100)
    session.go_to(Screen.ABOUT)
    assert window.page(Screen.ABOUT).column.maximumWidth() == READING_WIDTH


def test_high_contrast_switches_theme(app_window, qtbot):
    session, window = app_window
    qtbot.mouseClick(window.header.contrast, Qt.MouseButton.LeftButton)
    assert session.high_contrast
    assert shown_background(window.page(session.screen)) == THEMES["high_contrast"]["bg"]
    assert shown_background(window.header) == THEMES["high_contrast"]["header_bg"]


def test_hidden_screens_take_contrast_when_next_shown(app_window):
    """A theme switch restyles the screen in view; the others take it when shown."""
    session, window = app_window
    for screen in PAGES:  # every screen built, and seen
        session.go_to(screen)
    session.go_to(Screen.ABOUT)
    for high_contrast in (True, False, True):
        colors = THEMES["high_contrast" if high_contrast else "normal"]
        session.set_high_contrast(high_contrast)
        QApplication.processEvents()
        assert shown_background(window.page(Screen.ABOUT)) == colors["bg"]
        assert shown_background(window.navbar) == colors["panel"]
        links = []
        for screen in PAGES:  # hidden until now: each takes the theme as it is shown
            session.go_to(screen)
            page = window.page(screen)
            assert shown_background(page) == colors["bg"], screen
            window.theme_whole(page)  # (the parts out of view: idle moments, or as they show)
            labels = [label for label in page.findChildren(QLabel) if label.text()]
            for heading in (label for label in labels if label.property("role") == "h2"):
                color = heading.palette().color(QPalette.ColorRole.WindowText).name()
                assert color == colors["heading"], (screen, heading.text())
            links += [
                label
                for label in labels
                if isinstance(label, TextLabel) and "term:" in label.text()
            ]
        assert links, "no glossary link on any screen"
        for label in links:
            assert label.palette().color(QPalette.ColorRole.Link).name() == colors["primary"]
        session.go_to(Screen.ABOUT)


def test_start_over_forgets_everything(app_window, qtbot):
    session, window = app_window
    session.set_language("fa")
    session.set_text_scale(175)
    session.set_high_contrast(True)
    session.go_to(Screen.SELFCHECK)
    session.answer("age", 30)
    session.go_to_question(3)
    qtbot.mouseClick(window.header.start_over, Qt.MouseButton.LeftButton)
    assert window.confirm.isVisible()  # Start over asks first
    with qtbot.waitSignal(session.reset_done):
        qtbot.mouseClick(window.confirm.yes_button, Qt.MouseButton.LeftButton)
    assert not window.confirm.isVisible()
    assert session.answers == {}
    assert session.question_index == 0
    assert session.language == "en"
    assert session.text_scale == 100
    assert not session.high_contrast
    assert session.screen is Screen.WELCOME
    assert window.stack.currentWidget() is window.page(Screen.WELCOME)
    assert shown_background(window.page(Screen.WELCOME)) == THEMES["normal"]["bg"]


def test_glossary_popover_opens_in_place_and_closes(app_window, qtbot):
    session, window = app_window
    session.go_to(Screen.ABOUT)
    session.show_term("amh")
    popover = window.popover
    assert popover.isVisible()
    assert popover.term.text() == "AMH"
    assert popover.definition.text()
    session.set_language("fa")
    assert popover.isVisible()
    assert popover.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.keyClick(popover, Qt.Key.Key_Escape)
    assert not popover.isVisible()
    session.show_term("no_such_term")
    assert not popover.isVisible()


def test_popover_all_terms_goes_to_glossary(app_window, qtbot):
    session, window = app_window
    session.show_term("icsi")
    qtbot.mouseClick(window.popover.all_terms, Qt.MouseButton.LeftButton)
    assert session.screen is Screen.GLOSSARY
    assert not window.popover.isVisible()


def test_glossary_link_in_text_opens_popover(app_window, qtbot):
    session, window = app_window
    session.go_to(Screen.ABOUT)
    summary = window.page(Screen.ABOUT).summary
    assert 'href="term:' in summary.text()
    with qtbot.waitSignal(session.term_requested) as blocker:
        summary.linkActivated.emit("term:ovary")
    assert blocker.args == ["ovary"]
    assert window.popover.isVisible()


def test_persian_text_is_right_to_left_even_when_starting_with_latin(app_window):
    session, window = app_window
    session.set_language("fa")
    session.go_to(Screen.ABOUT)
    about = window.page(Screen.ABOUT)
    assert 'dir="rtl"' in about.summary.text()
    assert about.summary.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_closing_the_window_forgets_the_visit(app_window):
    session, window = app_window
    session.answer("age", 30)
    window.close()
    assert session.answers == {}


def test_no_label_is_empty_on_visible_screens(app_window):
    session, window = app_window
    for lang in ("en", "fa"):
        session.set_language(lang)
        for screen in (Screen.WELCOME, Screen.ABOUT):
            session.go_to(screen)
            for label in window.page(screen).findChildren(QLabel):
                if label.isVisibleTo(window.page(screen)):
                    assert label.text().strip(), (screen, lang, label.objectName())


def test_text_size_sets_fonts_without_restyling_the_app(app_window, qtbot):
    """A+ changes each widget's font; the application style sheet stays as it was."""
    from PySide6.QtWidgets import QApplication, QLabel, QPushButton

    from app.ui.style import px, step_size

    session, window = app_window
    session.go_to(Screen.PROCEDURES)
    app = QApplication.instance()
    sheet = app.styleSheet()
    session.set_text_scale(150)
    assert app.styleSheet() is sheet or app.styleSheet() == sheet
    page = window.page(Screen.PROCEDURES)
    labels = page.findChildren(QLabel)
    h1 = next(label for label in labels if label.property("role") == "h1")
    assert h1.font().pixelSize() == px("h1", 150)
    assert h1.font().bold()  # the style sheet's weight is kept
    body = next(label for label in labels if label.property("role") is None and label.text())
    assert body.font().pixelSize() == px("body", 150)
    step = next(label for label in labels if label.property("role") == "step-number")
    assert step.font().pixelSize() == px("h2", 150)
    assert step.width() == step.height() == step_size(150)
    header_button = window.header.start_over
    assert header_button.font().pixelSize() == px("small", 100)  # the header does not grow
    # A screen built after the change is built at the new size.
    session.go_to(Screen.GLOSSARY)
    qtbot.wait(1)
    glossary = window.page(Screen.GLOSSARY)
    assert glossary.heading_label.font().pixelSize() == px("h1", 150)
    assert all(
        b.font().pixelSize() == px("body", 150)
        for b in glossary.findChildren(QPushButton)
        if b.property("role") is None
    )
    # Start over returns every size to 100%: the screen in view at once, the others
    # (still at 150% while hidden) when next shown.
    session.reset()
    assert window.page(Screen.WELCOME).findChild(QLabel).font().pixelSize() == px("h1", 100)
    for screen in (Screen.PROCEDURES, Screen.GLOSSARY):
        session.go_to(screen)
        qtbot.wait(1)
    assert h1.font().pixelSize() == px("h1", 100)
    assert step.width() == step.height() == step_size(100)
    assert glossary.heading_label.font().pixelSize() == px("h1", 100)


def test_warming_builds_every_screen_in_idle_time(app_window, qtbot):
    """Pages are built ahead of need; hidden ones take a new theme in idle time."""
    session, window = app_window
    session.go_to(Screen.ABOUT)
    window.warm_pages = True
    window._warm_later()
    qtbot.waitUntil(lambda: set(window.pages) == set(Screen), timeout=10_000)
    about = window.page(Screen.ABOUT)
    warmed = window.page(Screen.DETAILS)
    assert not warmed.isVisible()
    # A language switch leaves hidden pages stale; warming brings them up to date.
    session.set_language("fa")
    assert warmed.stale
    qtbot.waitUntil(lambda: not warmed.stale, timeout=10_000)
    assert warmed.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # High contrast restyles what the screen in view shows at once; the rest of it and
    # the hidden pages are kept, and take the theme in idle moments.
    session.set_high_contrast(True)
    in_view, _later = about.theme_pieces()
    assert window.pages[Screen.ABOUT] is about
    assert all(window.theme_applied(part) for part in in_view)
    assert window.pages[Screen.DETAILS] is warmed and not window.theme_applied(warmed)
    qtbot.waitUntil(lambda: all(map(window.theme_applied, window.pages.values())), timeout=10_000)
    assert shown_background(warmed) == THEMES["high_contrast"]["bg"]
    session.go_to(Screen.DETAILS)
    assert window.stack.currentWidget() is warmed


def test_text_size_buttons_read_a_minus_and_a_plus_in_persian(app_window):
    """On a right-to-left screen "A+" must not come out as "+A" (issue 11): lay the
    button's text out in a Persian paragraph and see where each glyph lands."""
    from PySide6.QtGui import QTextLayout, QTextOption

    session, window = app_window
    session.set_language("fa")
    for button, sign in ((window.header.smaller, "−"), (window.header.larger, "+")):
        layout = QTextLayout(button.text(), button.font())
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)  # the Persian paragraph
        layout.setTextOption(option)
        layout.beginLayout()
        layout.createLine().setLineWidth(400)
        layout.endLayout()
        x: dict[str, float] = {}
        for run in layout.glyphRuns():
            font = run.rawFont()
            wanted = {font.glyphIndexesForString(c)[0]: c for c in ("A", sign)}
            for glyph, point in zip(run.glyphIndexes(), run.positions(), strict=True):
                if glyph in wanted:
                    x[wanted[glyph]] = point.x()
        assert x["A"] < x[sign], f"{button.text()!r} is drawn sign first"


def test_a_panel_built_over_the_window_after_the_switch_takes_the_theme(app_window, qtbot):
    """The kiosk's overlays are built on first use, over the window: high contrast too."""
    from PySide6.QtWidgets import QFrame

    session, window = app_window
    session.set_high_contrast(True)
    panel = QFrame(window)
    panel.setProperty("role", "card")
    label = QLabel("Staff only", panel)
    label.setTextFormat(Qt.TextFormat.PlainText)
    panel.show()
    qtbot.waitUntil(lambda: shown_background(panel) == THEMES["high_contrast"]["panel"])
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == "#ffffff"
    panel.deleteLater()


def test_step_numbers_stay_centred_in_their_circles_in_either_theme(make_window, default_record):
    """A step number centres its digits by its contents margins, worked out for its font:
    a restyle (high contrast, on a page built before it or after it) must not put back
    the margins of the font it had before."""
    from app.ui.widgets.timeline import StepNumber

    def margins(window) -> list[tuple[int, int]]:
        numbers = window.page(Screen.PROCEDURES).findChildren(StepNumber)
        assert numbers
        return [(n.contentsMargins().top(), n.contentsMargins().bottom()) for n in numbers]

    session, window = make_window(default_record)
    window.warm_pages = False
    session.go_to(Screen.PROCEDURES)
    normal = margins(window)
    assert any(top or bottom for top, bottom in normal)  # digits are moved off the line box
    session.go_to(Screen.ABOUT)
    session.set_high_contrast(True)  # the page is hidden: it takes the theme when shown
    session.go_to(Screen.PROCEDURES)
    assert margins(window) == normal
    session.set_high_contrast(False)  # and back, in view
    assert margins(window) == normal
    # A page built while high contrast is on.
    session, window = make_window(default_record)
    window.warm_pages = False
    session.set_high_contrast(True)
    session.go_to(Screen.PROCEDURES)
    assert margins(window) == normal
