"""High contrast on or off changes colours only: no text is laid out again, and the
screen looks exactly as one built in that theme."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from app.session import Screen
from app.ui.style import (
    THEMES,
    classes_in,
    colour_restyle,
    differ_only_in_colours,
    keeps_text_layout,
    rules_for,
    stylesheet,
)
from app.ui.text import TextLabel, WrapLabel


@pytest.mark.parametrize("kiosk", [False, True])
def test_the_two_themes_differ_only_in_colours(kiosk):
    normal = stylesheet(kiosk=kiosk)
    assert differ_only_in_colours(normal, stylesheet(high_contrast=True, kiosk=kiosk))
    assert normal != stylesheet(high_contrast=True, kiosk=kiosk)


def test_a_sheet_that_moves_something_is_not_a_change_of_colours():
    assert not differ_only_in_colours(stylesheet(), stylesheet(kiosk=True))  # scroll bars
    sized = stylesheet(100, sizes=True)
    assert not differ_only_in_colours(sized, stylesheet(125, sizes=True))  # text sizes
    assert differ_only_in_colours(sized, stylesheet(100, high_contrast=True, sizes=True))


def test_every_theme_colour_is_written_as_the_check_expects():
    """differ_only_in_colours masks #rrggbb: a colour written otherwise would make every
    switch a full restyle (slow, though still right)."""
    for theme in THEMES.values():
        for name, value in theme.items():
            assert len(value) == 7 and value.startswith("#"), name
            int(value[1:], 16)


class _FontChanges(QObject):
    """Counts the FontChange events labels receive."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange and isinstance(watched, QLabel):
            self.count += 1
        return False


def _font_changes_during(step: Callable[[], object]) -> int:
    """How many FontChange events labels receive while ``step`` runs and its events pass."""
    changes = _FontChanges()
    QApplication.instance().installEventFilter(changes)
    try:
        step()
        QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(changes)
    return changes.count


def _details_whole(app_window, qtbot):
    """Study details on ``app_window``'s window, warming off, with every section built (the
    page builds its top first and the rest after its first paint)."""
    session, window = app_window
    window.warm_pages = False
    session.go_to(Screen.DETAILS)
    page = window.page(Screen.DETAILS)
    qtbot.waitUntil(lambda: page.complete)
    return session, window, page


def test_a_contrast_switch_lays_no_text_out_again(app_window, qtbot):
    session, window, page = _details_whole(app_window, qtbot)
    QApplication.processEvents()
    labels = page.findChildren(TextLabel)
    assert labels
    heights = {label: dict(label._heights) for label in labels}
    assert any(heights.values())  # laid out: each remembers its height at its width
    changes = _font_changes_during(lambda: session.set_high_contrast(True))
    changes += _font_changes_during(lambda: window.theme_whole(page))  # (parts not in view)
    assert window.theme_applied(page)
    assert changes == 0  # (Qt sends each label four, for the same font)
    kept = [label for label in labels if heights[label].items() <= label._heights.items()]
    assert kept == labels


class _LayoutRequests(QObject):
    """Counts the LayoutRequest events that reach widgets inside ``root``."""

    def __init__(self, root: QWidget) -> None:
        super().__init__()
        self.root = root
        self.count = 0
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.LayoutRequest
            and isinstance(watched, QWidget)
            and self.root.isAncestorOf(watched)
        ):
            self.count += 1
            self.seen.append(
                f"{type(watched).__name__} {watched.objectName()} {watched.property('role')}"
            )
        return False


def test_a_contrast_switch_moves_nothing_in_the_page(app_window, qtbot):
    """New colours leave every size as it was: no widget in the reading column asks its
    layout to be redone (a StyleChange would, for each of the page's three hundred
    widgets). The page's holders above the column, repolished for their background,
    run their own layouts again, which find the column's sizes as they were."""
    session, window, page = _details_whole(app_window, qtbot)
    qtbot.wait(50)  # (the last sections' own layout requests, posted as they were built)
    geometry = {w: w.geometry() for w in page.findChildren(QWidget)}
    requests = _LayoutRequests(page.column)
    QApplication.instance().installEventFilter(requests)
    try:
        session.set_high_contrast(True)
        window.theme_whole(page)
        QApplication.processEvents()
        session.set_high_contrast(False)
        window.theme_whole(page)
        QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(requests)
    assert requests.count == 0, requests.seen
    assert {w: w.geometry() for w in page.findChildren(QWidget)} == geometry


def _on_screen(window: QWidget) -> QImage:
    """What the window shows now: its backing store, as last painted, not painted anew."""
    QApplication.processEvents()
    return window.screen().grabWindow(window.winId()).toImage()


@pytest.mark.parametrize(
    ("screen", "lang"),
    [
        (Screen.PROCEDURES, "fa"),
        (Screen.RESULT, "en"),
        (Screen.DETAILS, "fa"),
        (Screen.GLOSSARY, "en"),
    ],
)
def test_the_window_shows_a_contrast_switch_in_full(make_window, default_record, screen, lang):
    """The switch repaints everything it recolours: what is on screen after it, both
    ways and scrolled into the page, is what painting the window afresh gives."""
    session, window = make_window(default_record, lang)
    window.warm_pages = False
    session.go_to(screen)
    page = window.page(screen)
    _grab(page)  # (whole)
    bar = page.scroll_area.verticalScrollBar()
    for position in (0, bar.maximum() // 2):
        bar.setValue(position)
        before = _on_screen(window)
        for on in (True, False):
            session.set_high_contrast(on)
            shown = _on_screen(window)
            assert shown == window.grab().toImage()
            if on:
                assert shown != before  # (the switch did change the colours)


def test_a_font_that_really_changes_in_a_colour_restyle_still_lays_the_text_out(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root)
    label = WrapLabel(root)
    label.setText("A sentence long enough to wrap onto a second line at this width. " * 3)
    root.layout().addWidget(label)
    root.resize(300, 400)
    root.show()
    qtbot.waitExposed(root)
    before = label.heightForWidth(280)
    with colour_restyle(root):
        assert keeps_text_layout(label)
        root.setStyleSheet("QLabel { color: #ff0000; }")
        font = QFont(label.font())
        font.setPixelSize(label.fontInfo().pixelSize() * 2)
        label.setFont(font)  # held back here, and delivered when the block ends
    assert not keeps_text_layout(label)
    assert label.heightForWidth(280) > before * 1.5


def _grab(widget: QWidget) -> QImage:
    """The widget as painted; a page once it is whole (details builds after its top)."""
    deadline = time.monotonic() + 20
    while not getattr(widget, "complete", True) and time.monotonic() < deadline:
        QApplication.processEvents()
    assert getattr(widget, "complete", True)
    QApplication.processEvents()
    return widget.grab().toImage()


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize(
    "screen", [Screen.ABOUT, Screen.PROCEDURES, Screen.RESULT, Screen.DETAILS, Screen.GLOSSARY]
)
def test_a_screen_switched_to_high_contrast_looks_as_one_built_in_it(
    make_window, default_record, screen, lang
):
    """Pixel for pixel, in view and at 200% text: nothing kept from the old theme's layout."""
    switched_session, switched = make_window(default_record, lang)
    built_session, built = make_window(default_record, lang)
    for session, window in ((switched_session, switched), (built_session, built)):
        window.warm_pages = False
        session.set_text_scale(200)
    built_session.set_high_contrast(True)
    built_session.go_to(screen)
    switched_session.go_to(screen)
    _grab(switched.page(screen))
    switched_session.set_high_contrast(True)
    assert _grab(switched.page(screen)) == _grab(built.page(screen))
    switched_session.set_high_contrast(False)  # and back
    built_session.set_high_contrast(False)
    assert _grab(switched.page(screen)) == _grab(built.page(screen))


class _FirstPaint(QObject):
    """Records whether a widget showed the window's theme when it was first painted."""

    def __init__(self, window, widget: QWidget) -> None:
        super().__init__()
        self.window, self.widget = window, widget
        self.themed: bool | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint and self.themed is None:
            self.themed = self.window.theme_applied(self.widget)
        return False


def test_a_hidden_part_takes_the_theme_as_it_is_shown_not_before(app_window, qtbot):
    """The glossary popover, hidden during the switch, is restyled only when it opens,
    and is painted in the new theme from its first frame."""
    session, window = app_window
    window.warm_pages = False
    session.go_to(Screen.ABOUT)
    popover = window.popover
    assert popover.isHidden()
    session.set_high_contrast(True)
    QApplication.processEvents()
    assert window.theme_applied(window.header)  # in view: at once
    assert not window.theme_applied(popover)  # hidden: not yet
    first = _FirstPaint(window, popover)
    session.show_term("amh")
    qtbot.waitUntil(lambda: first.themed is not None)
    assert first.themed
    popover.removeEventFilter(first)


def test_hidden_parts_take_the_theme_in_an_idle_moment(app_window, qtbot):
    session, window = app_window
    window.warm_pages = True
    session.set_high_contrast(True)
    assert not window.theme_applied(window.popover)
    qtbot.waitUntil(lambda: window.theme_applied(window.popover), timeout=5_000)
    assert window.theme_applied(window.confirm)


def _counselor_windows(qtbot, record, lang: str, *, whole_panel: bool) -> list:
    """Two counselor windows at 150%: (session, window) in the normal theme, then one
    opened in high contrast; the study text built whole, the answers panel too if
    ``whole_panel`` (else it builds the rest of its questions after its first paint)."""
    from app import i18n
    from app.session import Session
    from app.ui.counselor import CounselorWindow
    from app.ui.fonts import load_fonts

    load_fonts()
    i18n.set_language(lang)
    windows = []
    for contrast in (False, True):
        session = Session(record, lang)
        session.set_text_scale(150)
        session.set_high_contrast(contrast)
        window = CounselorWindow(session)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.view.build_all()
        if whole_panel:
            window.panel.build_all()
        window.show()
        windows.append((session, window))
    return windows


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_counselor_view_switched_to_high_contrast_looks_as_one_built_in_it(
    qtbot, default_record, lang
):
    """The counselor view recolours without laying its text out again (it took over a
    second), and ends pixel for pixel as a view opened in high contrast, both ways."""
    from app.ui.counselor.style import counselor_stylesheet

    assert differ_only_in_colours(counselor_stylesheet(150), counselor_stylesheet(150, True))
    windows = _counselor_windows(qtbot, default_record, lang, whole_panel=True)
    for _session, window in windows:
        qtbot.waitExposed(window)
    (switched_session, switched), (built_session, built) = windows
    bar = switched.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    built.view.verticalScrollBar().setValue(bar.value())
    _grab(switched)
    labels = switched.view.widget().findChildren(TextLabel)  # the study text's cells
    heights = {label: dict(label._heights) for label in labels}
    assert sum(bool(known) for known in heights.values()) > 100
    assert _font_changes_during(lambda: switched_session.set_high_contrast(True)) == 0
    assert all(heights[label].items() <= label._heights.items() for label in labels)
    assert _grab(switched) == _grab(built)
    switched_session.set_high_contrast(False)  # and back
    built_session.set_high_contrast(False)
    assert _grab(switched) == _grab(built)


def test_a_page_built_in_high_contrast_above_100_percent_has_its_text_sized_in_its_font(
    make_window, default_record
):
    """A label polished for the first time under the new theme takes its font then.

    The page's restyle held back its FontChange (a colour-only restyle): Qt went on
    laying the label's text out in the font it was made with, and the label cached
    those sizes under its new font. Registry texts on a study details page built while
    high contrast was on at 150% were a third too small in their size hints.
    """
    from PySide6.QtCore import QCoreApplication

    session, window = make_window(default_record)
    session.set_text_scale(150)
    session.set_high_contrast(True)
    page = window.page(Screen.DETAILS)  # built, and restyled, hidden
    page.build_all()
    labels = [label for label in page.findChildren(WrapLabel) if label.text()]
    assert len(labels) > 50
    known = {
        label: (WrapLabel.sizeHint(label), WrapLabel.minimumSizeHint(label)) for label in labels
    }
    wrong = []
    for label in labels:
        # Qt's own answer, its text laid out again in the label's font of now.
        QCoreApplication.sendEvent(label, QEvent(QEvent.Type.FontChange))
        fresh = (QLabel.sizeHint(label), QLabel.minimumSizeHint(label))
        if known[label] != fresh:
            wrong.append((label.text()[:30], known[label], fresh))
    assert not wrong


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_questions_built_after_a_switch_to_high_contrast_look_built_in_it(
    qtbot, default_record, lang
):
    """The answers panel's later questions, built after high contrast came on, take its
    colours and the text size as a panel opened in high contrast does."""
    windows = _counselor_windows(qtbot, default_record, lang, whole_panel=False)
    (switched_session, switched), (_built_session, built) = windows
    switched_session.set_high_contrast(True)  # before the panel's first paint
    assert not switched.panel.complete
    qtbot.waitUntil(lambda: switched.panel.complete and built.panel.complete)
    for window in (switched, built):
        bar = window.panel.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)  # questions built after the first paint
    assert _grab(switched) == _grab(built)


@pytest.mark.parametrize(("screen", "lang"), [(Screen.DETAILS, "en"), (Screen.GLOSSARY, "fa")])
def test_a_contrast_switch_restyles_what_is_in_view_and_the_rest_before_it_shows(
    make_window, default_record, screen, lang
):
    """The parts of the page in view take the theme at the switch, the others only as
    they come into view: scrolled to, they are on screen as in a page built in it."""
    switched_session, switched = make_window(default_record, lang)
    built_session, built = make_window(default_record, lang)
    built_session.set_high_contrast(True)
    for session, window in ((switched_session, switched), (built_session, built)):
        window.warm_pages = False
        session.go_to(screen)
        _grab(window.page(screen))  # (whole)
    built.theme_whole(built.page(screen))  # (the reference: every part, however built)
    page = switched.page(screen)
    switched_session.set_high_contrast(True)
    shown, rest = page.theme_pieces()
    assert shown and all(switched.theme_applied(part) for part in shown)
    assert [part for part in rest if not switched.theme_applied(part)]  # not yet
    assert not switched.theme_applied(page)
    for window in (switched, built):
        bar = window.page(screen).scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum() * 2 // 3)
    assert _on_screen(switched) == _on_screen(built)
    shown, _rest = page.theme_pieces()
    assert all(switched.theme_applied(part) for part in shown)


def test_the_parts_out_of_view_take_the_theme_in_idle_moments(app_window, qtbot):
    session, window, page = _details_whole(app_window, qtbot)
    session.set_high_contrast(True)
    assert not window.theme_applied(page)
    window.warm_pages = True
    window._warm_later()
    qtbot.waitUntil(lambda: window.theme_applied(page), timeout=10_000)
    session.set_high_contrast(False)  # and back, the same way
    assert not window.theme_applied(page)
    qtbot.waitUntil(lambda: window.theme_applied(page), timeout=10_000)


def test_a_part_built_after_a_switch_takes_the_theme(make_window, default_record):
    """Study details builds its sections after its first paint: those built after a
    switch to high contrast are in it, on screen as in a page built in it."""
    switched_session, switched = make_window(default_record, "en")
    built_session, built = make_window(default_record, "en")
    built_session.set_high_contrast(True)
    for session, window in ((switched_session, switched), (built_session, built)):
        window.warm_pages = False
        session.go_to(Screen.DETAILS)
    page = switched.page(Screen.DETAILS)
    assert not page.complete
    switched_session.set_high_contrast(True)
    for window in (switched, built):
        shown_page = window.page(Screen.DETAILS)
        _grab(shown_page)  # (whole)
        QApplication.processEvents()  # (laid out with its new sections)
        *_others, last = shown_page.column.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        )
        shown_page.scroll_area.ensureWidgetVisible(last)  # the last section, built late
    built.theme_whole(built.page(Screen.DETAILS))  # (the reference: every part)
    on_screen = _on_screen(switched)
    assert on_screen == _on_screen(built)
    assert len({on_screen.pixel(x, 400) for x in range(0, 1280, 4)}) > 2  # (text there)
    switched.theme_whole(page)
    assert switched.theme_applied(page)


def test_a_part_s_sheet_keeps_the_rules_its_widgets_can_meet():
    """By each selector's subject: its type, or any widget when it names none."""
    sheet = (
        'QLabel, QPushButton[role="nav"] { color: #ffffff; }\n'
        "QFrame#Header QLabel { color: #ffff00; }\n"
        "QScrollArea > QWidget > QWidget { background: #000000; }\n"
        "QScrollBar::handle:vertical { background: #e0e0e0; }\n"
        '#Popover, *[contrast="high"] { background: #000000; }\n'
        "/* QLineEdit { color: #ff0000; } */"
    )
    label = rules_for(sheet, frozenset({"WrapLabel", "QLabel", "QWidget", "QObject"}))
    assert label.splitlines() == [
        "QLabel { color: #ffffff; }",
        "QFrame#Header QLabel { color: #ffff00; }",
        "QScrollArea > QWidget > QWidget { background: #000000; }",
        '#Popover, *[contrast="high"] { background: #000000; }',
    ]
    bar = rules_for(sheet, frozenset({"QScrollBar", "QWidget"}))
    assert "QLabel" not in bar and "QScrollBar::handle:vertical" in bar
    assert "QPushButton" in rules_for(sheet, frozenset({"QPushButton"}))


def _details_in_high_contrast(app_window, qtbot):
    """Study details whole (see _details_whole), switched to high contrast, every part of
    the page themed."""
    session, window, page = _details_whole(app_window, qtbot)
    session.set_high_contrast(True)
    window.theme_whole(page)
    return session, window, page


def test_a_part_holding_widgets_keeps_the_rules_of_text_built_into_it_later(app_window, qtbot):
    """A label built into a themed part afterwards shows the theme's colours."""
    _session, window, page = _details_in_high_contrast(app_window, qtbot)
    shown, rest = page.theme_pieces()
    part = next(p for p in (*shown, *rest) if p.findChildren(QLabel) and not isinstance(p, QLabel))
    assert "QPushButton" not in part.styleSheet()  # (its own rules only: none for buttons)
    assert "QFrame" not in classes_in(QWidget())  # (a part with no children: what it is)
    late = TextLabel(parent=part)
    late.setText("Built later")
    late.ensurePolished()
    text = QColor(THEMES["high_contrast"]["text"])
    assert late.palette().color(late.foregroundRole()) == text
    assert window.theme_applied(part)


def test_every_part_keeps_rules_for_what_it_holds_after_a_whole_visit(make_window, default_record):
    """Every screen visited in high contrast, each question answered, both languages and a
    bigger text: no part holds a kind of widget its sheet has no rules for."""
    from app.record.models import ChoiceQuestion

    session, window = make_window(default_record, "en")
    window.warm_pages = False
    session.set_high_contrast(True)
    for lang in ("fa", "en"):
        session.set_language(lang)
        for screen in (s for s in Screen if s.value not in {"catalog", "prescreen"}):
            session.go_to(screen)
            QApplication.processEvents()
        session.go_to(Screen.SELFCHECK)
        for index, question in enumerate(session.record.questions):
            session.go_to_question(index)
            QApplication.processEvents()
            if isinstance(question, ChoiceQuestion):
                session.answer(question.id, question.options[index % len(question.options)].id)
            else:
                session.answer(question.id, question.min_value)
            QApplication.processEvents()
    session.set_text_scale(150)
    for page in window.pages.values():
        window.theme_whole(page)
    assert all(map(window.theme_applied, window.pages.values()))
    shown = [part for part in window._parts() if not part.isHidden()]
    assert shown and all(map(window.theme_applied, shown))


def test_a_contrast_switch_after_kiosk_mode_changed_lays_no_text_out_again(app_window, qtbot):
    """Kiosk mode changes the whole sheet (its scroll bars), not the theme's colours: a
    part's theme is still a change of colours alone against the sheet now in force."""
    session, window, page = _details_in_high_contrast(app_window, qtbot)
    window.set_kiosk_mode(not window.kiosk)
    window.theme_whole(page)
    QApplication.processEvents()
    changes = _font_changes_during(lambda: session.set_high_contrast(False))
    changes += _font_changes_during(lambda: window.theme_whole(page))
    changes += _font_changes_during(lambda: session.set_high_contrast(True))
    changes += _font_changes_during(lambda: window.theme_whole(page))
    assert window.theme_applied(page)
    assert changes == 0
    window.set_kiosk_mode(not window.kiosk)


def test_every_part_takes_only_the_theme_s_rules_it_can_meet(app_window, qtbot):
    _session, window, page = _details_in_high_contrast(app_window, qtbot)
    in_view, rest = page.theme_pieces()
    pieces = [*window._parts(), *in_view, *rest]
    sheets = {piece.styleSheet() for piece in pieces if piece.styleSheet()}
    assert window._theme not in sheets  # (no part holds every kind of widget)
    assert all(len(sheet) < len(window._theme) for sheet in sheets)
    assert "QPushButton" in window.header.styleSheet()  # (its language buttons)
    labels = [piece for piece in pieces if isinstance(piece, QLabel)]
    assert labels and not any("QPushButton" in label.styleSheet() for label in labels)
    shown = [part for part in window._parts() if not part.isHidden()]
    assert all(map(window.theme_applied, (*shown, page)))


@pytest.mark.parametrize("narrowing", ["colours_only", "rules_for"])
@pytest.mark.parametrize(
    ("screen", "lang"),
    [
        (Screen.DETAILS, "fa"),
        (Screen.GLOSSARY, "en"),
        (Screen.RESULT, "fa"),
        (Screen.SELFCHECK, "en"),
        (Screen.WELCOME, "fa"),
    ],
)
def test_a_part_s_own_sheet_looks_as_the_theme_s_whole_sheet(
    make_window, default_record, monkeypatch, narrowing, screen, lang
):
    """Each part takes the theme's colours alone (colours_only), and of those the rules its
    widgets can meet (rules_for), over the application's sheet: pixel for pixel what the
    sheet without that narrowing gives, for the whole window (header, navigation, the
    page in view) and the page's whole column, at 150%."""
    from app.ui import main_window

    grabs, sheets = [], []
    for reference in (False, True):
        if reference:
            monkeypatch.setattr(main_window, narrowing, lambda sheet, *_classes: sheet)
        session, window = make_window(default_record, lang)
        window.warm_pages = False
        session.set_text_scale(150)
        session.go_to(screen)
        page = window.page(screen)
        _grab(page)
        session.set_high_contrast(True)
        window.theme_whole(page)
        sheets.append(window.header.styleSheet())
        holder = page.scroll_area.widget()
        grabs.append((_grab(window), holder.grab().toImage()))
    assert sheets[0] and len(sheets[0]) < len(sheets[1])  # (the narrowing was left out)
    assert grabs[0] == grabs[1]
