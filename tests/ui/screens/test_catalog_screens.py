"""The catalog's screens in a real window: cards, the first step, Back to all studies, reset."""

from __future__ import annotations

import itertools

import pytest
from catalog_records import english_only_record
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from app.record.enums import Sex
from app.session import Prescreen, Screen
from app.ui.style import THEMES

DEFAULT = "NCT05703308"
SMALL = "NCT00000001"


def _texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def test_one_study_opens_on_its_welcome_screen_with_no_way_to_a_catalog(app_window):
    session, window = app_window
    assert session.screen is Screen.WELCOME
    assert not window.header.all_studies.isVisibleTo(window)


def test_two_studies_open_on_the_catalog(make_catalog, default_record, minimal_record):
    _session, window = make_catalog(default_record, minimal_record)
    page = window.page(Screen.CATALOG)
    assert window.stack.currentWidget() is page
    assert not window.navbar.isVisibleTo(window)
    assert not window.header.all_studies.isVisibleTo(window)
    assert window.header.title.text() == "Studies at this clinic"
    # Enrolling first (the small study recruits), closed last (the default has ended).
    assert list(page.cards) == [SMALL, DEFAULT]
    closed_frame, closed_button = page.cards[DEFAULT]
    assert closed_frame.property("role") == "card-closed"
    assert closed_button.height() >= 44 and closed_button.width() >= 44
    texts = _texts(page)
    assert "Closed: no longer taking new people" in texts
    assert texts.index("Taking new people now") < texts.index("Closed: no longer taking new people")


def test_open_answer_back_open_the_other_back_again_keeps_answers_per_study(
    make_catalog, default_record, minimal_record
):
    session, window = make_catalog(default_record, minimal_record)
    window.page(Screen.CATALOG).cards[DEFAULT][1].click()
    assert session.study == DEFAULT and session.screen is Screen.WELCOME
    assert window.header.all_studies.isVisibleTo(window)
    session.go_to(Screen.SELFCHECK)
    session.answer("age", 33)
    assert window.page(Screen.SELFCHECK).field.text() == "33"
    window.header.all_studies.click()
    assert session.screen is Screen.CATALOG

    window.page(Screen.CATALOG).cards[SMALL][1].click()
    assert window.header.title.text() == "A small test study"
    session.go_to(Screen.SELFCHECK)
    assert window.page(Screen.SELFCHECK).field.text() == ""  # not the other study's 33
    session.answer("age", 50)
    window.header.all_studies.click()

    window.page(Screen.CATALOG).cards[DEFAULT][1].click()
    assert session.screen is Screen.SELFCHECK
    assert window.page(Screen.SELFCHECK).field.text() == "33"
    window.header.all_studies.click()
    window.page(Screen.CATALOG).cards[SMALL][1].click()
    assert session.answers == {"age": 50}


def test_start_over_returns_to_the_catalog_with_nothing_left(
    make_catalog, default_record, minimal_record
):
    session, window = make_catalog(default_record, minimal_record)
    session.go_to(Screen.PRESCREEN)
    prescreen = window.page(Screen.PRESCREEN)
    prescreen.age.field.setText("41")
    prescreen.sex_buttons[0]["female"].click()
    assert session.prescreen == Prescreen(age=41, sex=Sex.FEMALE)
    assert prescreen.rows
    session.open_study(DEFAULT)
    session.answer("age", 33)
    session.go_to(Screen.CATALOG)
    session.open_study(SMALL)
    session.go_to(Screen.SELFCHECK)
    window.header.start_over.click()
    window.confirm.yes_button.click()
    assert session.screen is Screen.CATALOG and session.study is None
    assert window.stack.currentWidget() is window.page(Screen.CATALOG)
    assert session.prescreen == Prescreen()
    assert prescreen.age.field.text() == ""
    assert not prescreen.rows
    assert not any(b.isChecked() for b in prescreen.sex_buttons[0].values())
    # Every study page of the last visitor is gone; each study starts afresh.
    assert Screen.SELFCHECK not in window.pages
    for key in (DEFAULT, SMALL):
        session.open_study(key)
        assert session.answers == {}
        session.go_to(Screen.CATALOG)


def test_the_first_step_shows_each_study_with_its_reason(
    make_catalog, default_record, minimal_record
):
    session, window = make_catalog(default_record, minimal_record)
    window.page(Screen.CATALOG).prescreen_button.click()
    page = window.page(Screen.PRESCREEN)
    assert window.stack.currentWidget() is page
    page.age.field.setText("70")
    page.show_button.click()
    assert session.prescreen.age == 70
    small_frame, _button = page.rows[SMALL]
    texts = _texts(small_frame)
    assert "Your answers do not fit" in texts
    assert any("70" in text for text in texts)
    assert page.rows[DEFAULT][0].property("role") == "card-closed"
    page.back_button.click()
    assert session.screen is Screen.CATALOG


def test_the_first_step_s_age_is_pre_filled_in_the_default_self_check(
    make_catalog, default_record, minimal_record
):
    session, window = make_catalog(minimal_record, default_record)
    session.go_to(Screen.PRESCREEN)
    page = window.page(Screen.PRESCREEN)
    page.age.field.setText("33")
    page.show_button.click()
    page.rows[DEFAULT][1].click()
    session.go_to(Screen.SELFCHECK)
    selfcheck = window.page(Screen.SELFCHECK)
    assert selfcheck.question().id == "age"
    assert selfcheck.field.text() == "33"
    assert selfcheck.carried_note.isVisibleTo(window)
    assert "You already told us your age." in selfcheck.carried_note.text()
    session.go_to_question(1)
    assert not selfcheck.carried_note.isVisibleTo(window)


def test_an_english_only_study_opens_in_english_from_a_persian_catalog(
    make_catalog, default_record
):
    english = english_only_record()
    session, window = make_catalog(default_record, english, language="fa")
    page = window.page(Screen.CATALOG)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    frame, button = page.cards["NCT00000002"]
    note = [t for t in _texts(frame) if "English" in t or "انگلیسی" in t]
    assert note, _texts(frame)
    button.click()
    assert session.language == "en"
    welcome = window.page(Screen.WELCOME)
    assert welcome.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert not window.header.language_buttons["fa"].isVisibleTo(window)
    window.header.all_studies.click()
    assert session.language == "fa"
    assert window.header.language_buttons["fa"].isVisibleTo(window)


def test_the_catalog_follows_text_size_and_contrast(make_catalog, default_record, minimal_record):
    session, window = make_catalog(default_record, minimal_record)
    page = window.page(Screen.CATALOG)
    before = page.title.font().pixelSize()
    session.set_text_scale(200)
    QApplication.processEvents()
    assert page.title.font().pixelSize() == 2 * before
    session.set_high_contrast(True)
    QApplication.processEvents()
    # The screen in view takes the high-contrast theme: its background and heading colour.
    theme = THEMES["high_contrast"]
    assert page.palette().color(QPalette.ColorRole.Window).name() == theme["bg"]
    assert page.title.palette().color(QPalette.ColorRole.WindowText).name() == theme["heading"]


def _tab_order(window, page) -> list:
    """The page's controls in the order Tab reaches them (visible, taking Tab focus)."""
    order, widget = [], window.nextInFocusChain()
    while widget is not window:
        tabbable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        inside = page.isAncestorOf(widget) and widget is not page.scroll_area
        if tabbable and inside and widget.isVisibleTo(window):
            order.append(widget)
        widget = widget.nextInFocusChain()
    return order


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("screen", [Screen.CATALOG, Screen.PRESCREEN])
def test_tab_follows_the_screen_top_to_bottom(
    make_catalog, default_record, minimal_record, qtbot, screen, lang
):
    """A Listen button beside a card, row or question is reached where it shows (it is
    made after the rest of the page), and the rows come before Back to all studies."""
    from app.ui.listen.widgets import ListenButton

    session, window = make_catalog(default_record, minimal_record, language=lang)
    session.go_to(screen)
    session.set_prescreen(Prescreen(age=30, sex=Sex.MALE))
    page = window.page(screen)
    qtbot.waitUntil(
        lambda: all(f.isVisibleTo(page) for f, _b in getattr(page, "rows", {}).values())
    )
    order = _tab_order(window, page)
    listens = [w for w in order if isinstance(w, ListenButton)]
    assert len(listens) >= 2
    rtl = lang == "fa"
    bar = getattr(page, "back_button", None)
    content = [w for w in order if w is not bar]
    if bar is not None:
        assert order[-1] is bar
    for a, b in itertools.pairwise(content):
        ya, yb = a.mapTo(page, a.rect().topLeft()).y(), b.mapTo(page, b.rect().topLeft()).y()
        xa, xb = a.mapTo(page, a.rect().center()).x(), b.mapTo(page, b.rect().center()).x()
        if abs(ya - yb) <= 2:  # one row: the reading direction
            assert (xb < xa) if rtl else (xb > xa), (a.accessibleName(), b.accessibleName())
        else:
            assert yb > ya, (a.accessibleName(), b.accessibleName())
