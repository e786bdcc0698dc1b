"""The procedures screen: the record's steps as a timeline, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton

from app.i18n import localize, pick
from app.i18n.format import to_persian_digits
from app.present.steps import first_sentence
from app.record import validate_record
from app.session import Screen, Session
from app.ui.listen.widgets import ListenButton
from app.ui.screens import procedures as procedures_module
from app.ui.screens.procedures import ProceduresScreen
from app.ui.style import THEMES
from app.ui.text import plain_text


@pytest.fixture
def procedures(app_window, qtbot):
    """The main window showing the procedures screen of the default record."""
    session, window = app_window
    session.go_to(Screen.PROCEDURES)
    page = window.page(Screen.PROCEDURES)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    qtbot.waitUntil(lambda: page.complete)  # the steps after the first: after its paint
    return session, window, page


def _x_in_page(widget, page) -> int:
    return widget.mapTo(page, QPoint(0, 0)).x()


def _y_in_page(widget, page) -> int:
    return widget.mapTo(page, QPoint(0, 0)).y()


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_every_step_is_shown_in_record_order_with_its_texts(procedures, lang):
    session, _window, page = procedures
    session.set_language(lang)
    record = session.record
    steps = record.patient.procedures
    assert len(page.timeline.steps) == len(steps) == 7
    tops = []
    for index, (step, widget) in enumerate(zip(steps, page.timeline.steps, strict=True)):
        assert widget.title.text() == localize(step.title, lang)
        for key in ("when", "what", "duration", "where"):
            name, value = widget.fields[key]
            text = getattr(step, key)
            assert value.isVisible() == (text is not None)
            if text is not None:
                assert name.text()
                assert value.accessibleName() == plain_text(text, lang, record)
        number = str(index + 1)
        assert widget.number.text() == (to_persian_digits(number) if lang == "fa" else number)
        tops.append(_y_in_page(widget, page))
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # top to bottom, in order
    first_what = page.timeline.steps[0].fields["what"][1].accessibleName()
    if lang == "en":
        assert first_what.startswith("The study team asked each woman about her health.")
        assert page.timeline.steps[0].fields["when"][0].text() == "When"
    else:
        assert first_what.startswith("تیم پژوهش درباره‌ی سلامت هر زن")
        assert page.timeline.steps[6].number.text() == "۷"
        assert page.timeline.steps[6].number.accessibleName().count("۷") == 2  # "step 7 of 7"


def test_steps_link_glossary_terms(procedures):
    _session, _window, page = procedures
    what = page.timeline.steps[0].fields["what"][1].text()
    for term in ("amh", "thyroid", "ultrasound", "ovary"):
        assert f'href="term:{term}"' in what


def test_activating_a_glossary_link_asks_for_the_term(procedures, qtbot):
    session, _window, page = procedures
    label = page.timeline.steps[0].fields["what"][1]
    label.setFocus()
    qtbot.waitUntil(label.hasFocus)
    with qtbot.waitSignal(session.term_requested, timeout=2000) as blocker:
        qtbot.keyClick(label, Qt.Key.Key_Tab)  # to the first link: AMH
        qtbot.keyClick(label, Qt.Key.Key_Return)
    assert blocker.args == ["amh"]


def test_rail_is_on_the_leading_side(procedures, qtbot):
    session, _window, page = procedures
    for step in page.timeline.steps:
        assert step.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert _x_in_page(step.number, page) < _x_in_page(step.title, page)
    session.set_language("fa")
    assert page.timeline.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def circle_right_of_title(step) -> bool:
        title_right = _x_in_page(step.title, page) + step.title.width()
        return _x_in_page(step.number, page) >= title_right

    qtbot.waitUntil(lambda: all(circle_right_of_title(s) for s in page.timeline.steps))
    for step in page.timeline.steps:
        assert step.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert step.rail_x() > step.width() // 2
        name, value = step.fields["when"]
        assert _x_in_page(name, page) > _x_in_page(value, page)  # "When" right of its text


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_connector_is_painted_under_each_circle_but_the_last(procedures, lang):
    session, _window, page = procedures
    session.set_language(lang)
    primary = QColor(THEMES["normal"]["primary"])
    for index, step in enumerate(page.timeline.steps):
        image = step.grab().toImage()
        x = step.rail_x()
        below_circle = step.number.geometry().bottom() + 8
        pixel = image.pixelColor(x, min(below_circle, image.height() - 1))
        near = image.pixelColor(x + 12, min(below_circle, image.height() - 1))
        if index < len(page.timeline.steps) - 1:
            assert pixel == primary, f"step {index + 1} has no connector"
            assert near != primary  # a thin line, not a block
            assert image.pixelColor(x, image.height() - 1) == primary  # reaches the next step
        else:
            assert pixel != primary, "the last step draws no connector"


def test_connector_follows_high_contrast(procedures):
    session, _window, page = procedures
    session.set_high_contrast(True)
    assert page.timeline.steps[0].line_color() == QColor(THEMES["high_contrast"]["primary"])
    session.set_high_contrast(False)
    assert page.timeline.steps[0].line_color() == QColor(THEMES["normal"]["primary"])


def test_group_badge_only_on_steps_for_one_group(procedures):
    session, _window, page = procedures
    record = session.record
    cells = next(arm for arm in record.arms if arm.label == "MenSCs group")
    for step, widget in zip(record.patient.procedures, page.timeline.steps, strict=True):
        assert widget.group_box.isVisibleTo(page) == bool(step.arms)
        if step.arms:
            assert widget.badge.text() == "Only for one study group"
            assert widget.group_note.accessibleName() == plain_text(
                first_sentence(pick(cells.plain, "en")), "en", record
            )
            assert "period blood stem cells" in widget.group_note.accessibleName()
    session.set_language("fa")
    widget = page.timeline.steps[1]
    assert widget.badge.text().strip()
    assert "سلول‌های بنیادی خون قاعدگی" in widget.group_note.accessibleName()


def test_language_switch_rerenders_in_place(procedures):
    session, _window, page = procedures
    steps = list(page.timeline.steps)
    labels = [
        (s.number, s.title, s.badge, *(v for pair in s.fields.values() for v in pair))
        for s in steps
    ]
    english_title = steps[0].title.text()
    page.scroll_area.verticalScrollBar().setValue(200)
    session.set_language("fa")
    assert page.timeline.steps == steps
    assert [
        (s.number, s.title, s.badge, *(v for pair in s.fields.values() for v in pair))
        for s in page.timeline.steps
    ] == labels
    assert steps[0].title.text() != english_title
    assert steps[0].title.text() == localize(session.record.patient.procedures[0].title, "fa")
    assert session.screen is Screen.PROCEDURES
    session.set_language("en")
    assert steps[0].title.text() == english_title


def test_intro_says_the_steps_happened_for_an_ended_study(procedures):
    _session, _window, page = procedures
    assert "in the order they happened" in page.intro.accessibleName()
    assert page.status_note.isVisibleTo(page)
    assert "ended" in page.status_note.accessibleName()


def test_next_button_goes_to_the_questions_and_buttons_are_named(procedures, qtbot):
    session, _window, page = procedures
    for lang in ("en", "fa"):
        session.set_language(lang)
        for button in page.findChildren(QPushButton):
            assert button.accessibleName().strip()
            assert button.accessibleDescription().strip()
    session.set_language("en")
    assert page.next_button.text() == "Next: the questions"
    with qtbot.waitSignal(session.screen_changed) as blocker:
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [Screen.SELFCHECK.value]


def test_a_recruiting_study_with_one_step(qtbot, minimal_dict):
    del minimal_dict["patient"]["procedures"][0]["duration"]
    record = validate_record(minimal_dict)
    session = Session(record, "en")
    page = ProceduresScreen(session)
    qtbot.addWidget(page)
    assert len(page.timeline.steps) == 1
    step = page.timeline.steps[0]
    assert step.title.text() == "First visit"
    assert step.number.text() == "1"
    assert not step.fields["duration"][1].isVisibleTo(page)  # no "How long" when not given
    assert not step.fields["duration"][0].isVisibleTo(page)
    assert step.fields["where"][1].isVisibleTo(page)
    assert not step.group_box.isVisibleTo(page)
    assert "in the order they happen." in page.intro.accessibleName()
    assert not page.status_note.isVisibleTo(page)
    session.set_language("fa")
    assert step.number.text() == "۱"
    assert step.title.text() == "اولین ملاقات"


# -- built in stages ---------------------------------------------------------------------
def _open_unpainted(app_window):
    """The procedures page just shown, before any event is processed (before its paint)."""
    session, window = app_window
    session.go_to(Screen.PROCEDURES)
    page = window.page(Screen.PROCEDURES)
    assert not page.complete and len(page.timeline.steps) == procedures_module.FIRST_STEPS
    return session, window, page


def _tabbable(widget, page) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isVisibleTo(page)


def _step_parts(view):
    """A step's parts that may take the focus, in reading order, with their names."""
    (listen,) = view.findChildren(ListenButton)
    values = [(value, key) for key, (_name, value) in view.fields.items()]
    return [(listen, "listen"), (view.group_note, "group"), *values]


def _tab_sequence(page: ProceduresScreen) -> list:
    """(step index, part) and "next" in the order Tab reaches them from the heading."""
    parts = {page.next_button: "next"}
    for index, view in enumerate(page.timeline.steps):
        for widget, name in _step_parts(view):
            parts[widget] = (index, name)
    seen = []
    widget = page.heading_label.nextInFocusChain()
    while widget is not page.heading_label:
        if widget in parts and _tabbable(widget, page):
            seen.append(parts[widget])
        widget = widget.nextInFocusChain()
    return seen


def _expected_tab_sequence(page: ProceduresScreen) -> list:
    """Step by step: its Listen button, then its texts' links; then the Next button."""
    expected: list = []
    for index, view in enumerate(page.timeline.steps):
        expected += [(index, name) for widget, name in _step_parts(view) if _tabbable(widget, page)]
    return [*expected, "next"]


def _in_language(page, record, lang) -> None:
    """Every step shows its words in ``lang``, numbered and placed in time order."""
    steps = record.patient.procedures
    assert len(page.timeline.steps) == len(steps)
    for index, (step, view) in enumerate(zip(steps, page.timeline.steps, strict=True)):
        assert view.title.text() == localize(step.title, lang)
        number = str(index + 1)
        assert view.number.text() == (to_persian_digits(number) if lang == "fa" else number)
        what = view.fields["what"][1]
        assert what.accessibleName() == plain_text(step.what, lang, record)
        direction = (
            Qt.LayoutDirection.RightToLeft if lang == "fa" else Qt.LayoutDirection.LeftToRight
        )
        assert view.layoutDirection() == direction
    tops = [_y_in_page(view, page) for view in page.timeline.steps]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    assert _y_in_page(page.next_button, page) > tops[-1]  # the button stays below them


def test_the_first_steps_come_with_the_page_and_the_rest_after_its_paint(app_window, qtbot):
    session, _window, page = _open_unpainted(app_window)
    assert page.watching_paints
    session.set_high_contrast(True)  # before the rest are built: they take it too
    qtbot.waitUntil(lambda: page.complete)
    assert page.watching_paints == ()
    _in_language(page, session.record, "en")
    assert _tab_sequence(page) == _expected_tab_sequence(page)
    assert sum(name == "listen" for _index, name in _tab_sequence(page)[:-1]) == 7
    high = QColor(THEMES["high_contrast"]["primary"])
    assert all(view.line_color() == high for view in page.timeline.steps)
    # Only the last step of all, not the last one built first, ends the rail.
    assert [view._last for view in page.timeline.steps] == [False] * 6 + [True]
    session.set_high_contrast(False)


def test_a_language_switch_in_the_middle_of_the_build(app_window, qtbot):
    session, _window, page = _open_unpainted(app_window)
    session.set_language("fa")
    assert not page.complete
    qtbot.waitUntil(lambda: page.complete)
    _in_language(page, session.record, "fa")
    assert _tab_sequence(page) == _expected_tab_sequence(page)


def test_the_window_finishes_the_steps_in_idle_moments(warmed_unseen, qtbot):
    """Warming builds the page unseen, every step too, so a first visit is whole."""
    session, _window, page = warmed_unseen(Screen.PROCEDURES)
    session.go_to(Screen.PROCEDURES)
    qtbot.waitUntil(page.isVisible)
    _in_language(page, session.record, "en")
    assert _tab_sequence(page) == _expected_tab_sequence(page)


def test_steps_warmed_in_another_language_are_never_shown_in_it(make_window, default_record, qtbot):
    """Warming puts a hidden page in the new language before building more of it.

    Else the steps built in Persian would stay Persian after a switch back to English: a
    page rendered in the language in view again has nothing to redo (and does not).
    """
    session, window = make_window(default_record)
    page = window.page(Screen.PROCEDURES)  # made hidden, in English, three steps
    assert page.isHidden() and not page.complete
    session.set_language("fa")
    window.warm_pages = True
    window._warm_later()
    qtbot.waitUntil(lambda: page.complete, timeout=20_000)
    session.set_language("en")  # right after the last step, before any later warming
    session.go_to(Screen.PROCEDURES)
    qtbot.waitUntil(page.isVisible)
    _in_language(page, session.record, "en")


def test_build_all_makes_every_step_at_once(app_window):
    session, _window, page = _open_unpainted(app_window)
    page.build_all()
    assert page.complete and len(page.timeline.steps) == len(session.record.patient.procedures)
    page.build_step()  # nothing left: nothing more
    assert len(page.timeline.steps) == 7


def test_no_step_is_built_while_a_finger_is_down(app_window, qtbot):
    """A drag or a tap is not held up by the build: it goes on when the finger lifts."""
    session, _window, page = _open_unpainted(app_window)
    viewport = page.scroll_area.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    try:
        qtbot.waitUntil(lambda: page.watching_paints == ())  # painted: it would build now
        qtbot.wait(300)
        assert len(page.timeline.steps) == procedures_module.FIRST_STEPS
    finally:
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: page.complete)
    _in_language(page, session.record, "en")
