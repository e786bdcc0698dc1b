"""The result screen: outcome, grouped criteria, honesty about enrolling, never "eligible"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextDocumentFragment
from PySide6.QtWidgets import QAbstractButton, QLabel

from app.present.criteria import GROUP_ORDER, criteria_view
from app.present.outcome import SITUATION_ROLES, only_team_decides, result_title, situation
from app.present.text import status_label, tr
from app.selfcheck import CriterionStatus, Outcome, evaluate
from app.session import Screen
from app.ui.style import THEMES
from app.ui.text import plain_text
from app.ui.widgets.criterion_row import CriterionRow
from tests.ui.answer_sets import DOES_NOT_MATCH, MAY_MATCH

#: Words that must never appear: the result is not a decision about eligibility.
FORBIDDEN = ("eligib", "واجد شرایط", "صلاحیت")


@pytest.fixture
def result_page(app_window, qtbot):
    """The main window showing the result screen (no answers yet)."""
    session, window = app_window
    session.go_to(Screen.RESULT)
    page = window.page(Screen.RESULT)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    return session, window, page


def give(session, answers) -> None:
    for question_id, value in answers.items():
        session.answer(question_id, value)


def visible_text(page) -> str:
    """Every word a visitor can see on the page (rich text reduced to its words)."""
    words = []
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        if widget.isVisibleTo(page):
            text = widget.text()
            if isinstance(widget, QLabel) and widget.textFormat() == Qt.TextFormat.RichText:
                text = QTextDocumentFragment.fromHtml(text).toPlainText()
            words.append(text)
    return "\n".join(words)


def clipped_labels(page) -> list[QLabel]:
    """Visible word-wrapped labels shorter than their text needs at their width."""
    return [
        label
        for label in page.findChildren(QLabel)
        if label.isVisibleTo(page)
        and label.wordWrap()
        and label.height() < label.heightForWidth(label.width())
    ]


def y_in_page(widget, page) -> int:
    return widget.mapTo(page, QPoint(0, 0)).y()


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize(
    "answers", [DOES_NOT_MATCH, MAY_MATCH], ids=["does_not_match", "may_match"]
)
def test_outcome_groups_and_counts_match_the_engine(result_page, qtbot, lang, answers):
    session, _window, page = result_page
    session.set_language(lang)
    give(session, answers)
    record = session.record
    engine = evaluate(record, answers)
    assert page.result() == engine

    assert page.headline_card.isVisible() and not page.prompt.isVisible()
    assert page.outcome_title.text() == result_title(engine, lang)
    assert page.headline_card.property("role") == SITUATION_ROLES[situation(engine)]
    outcome_text = getattr(record.patient.outcome_texts, engine.outcome.value)
    assert page.outcome_text.accessibleName() == plain_text(outcome_text, lang, record)
    assert page.enrolling_note.accessibleName() == plain_text(
        record.patient.enrolling_note, lang, record
    )
    # A finished study: said once, in the past, by the enrolling line.
    assert page.enrolling_heading.text() == tr(
        "This study has ended. It no longer takes new people.", lang
    )
    assert page.only_team.text() == only_team_decides(lang, past=True)
    assert page.next_text.accessibleName() == plain_text(
        record.patient.after_selfcheck, lang, record
    )

    groups = dict(page.shown_groups())
    view = {g.status: g for g in criteria_view(record, engine, lang).groups}
    for status in CriterionStatus:
        header = page.headers[status]
        items = engine.with_status(status)
        assert header.isVisible() == bool(items) == (status in groups)
        if status in view:
            assert header.heading.text() == view[status].label
        assert not hasattr(header, "count")  # no unexplained number badges
        rows = groups.get(status, [])
        assert [r.criterion_id for r in rows] == [i.criterion_id for i in items]
        for row in rows:
            assert row.isVisible()
            assert row.property("role") == f"verdict-{status.value}"
            # Words, not colour alone: in the row, or once for the team's short list.
            if status is CriterionStatus.SCREENING:
                assert not row.status.isVisibleTo(page) and header.explanation.isVisible()
            else:
                assert row.status.text() == status_label(status, lang, True)
            assert row.icon.status is status  # and a drawn symbol
            assert row.accessibleName().strip()

    # The groups behind the outcome come first, then the rest under their own heading.
    shown = [s for s in GROUP_ORDER[engine.outcome] if engine.with_status(s)]
    assert [status for status, _rows in page.shown_groups()] == shown
    deciding = {item.status for item in engine.deciding}
    assert set(shown[: len(deciding)]) == deciding
    assert page.other_heading.isVisible()
    order = [page.headers[s] for s in shown]
    order.insert(len(deciding), page.other_heading)
    order.append(page.next_heading)

    def laid_out_in_order() -> bool:
        tops = [y_in_page(widget, page) for widget in order]
        return tops == sorted(tops) and len(set(tops)) == len(tops)

    qtbot.waitUntil(laid_out_in_order)  # the layout settles on the next event loop turn
    if engine.outcome is Outcome.DOES_NOT_MATCH:
        assert shown[0] is CriterionStatus.NOT_MET
        assert [i.criterion_id for i in engine.deciding] == ["no_ovarian_cyst"]


def test_screening_rows_say_how_the_team_checks(result_page):
    session, _window, page = result_page
    give(session, MAY_MATCH)
    record = session.record
    for criterion in record.eligibility.criteria:
        if criterion.how_checked is None:
            continue
        row = page.rows[criterion.id]
        assert row.item.status is CriterionStatus.SCREENING
        assert row.reason.accessibleName() == plain_text(criterion.how_checked, "en", record)
        assert row in dict(page.shown_groups())[CriterionStatus.SCREENING]


def test_rows_link_glossary_terms(result_page, qtbot):
    session, _window, page = result_page
    give(session, DOES_NOT_MATCH)
    row = page.rows["no_ovarian_cyst"]
    assert 'href="term:endometrioma"' in row.criterion.text()
    with qtbot.waitSignal(session.term_requested) as blocker:
        row.criterion.linkActivated.emit("term:endometrioma")
    assert blocker.args == ["endometrioma"]


def test_rows_are_made_once_and_updated_in_place(result_page, qtbot):
    session, _window, page = result_page
    record = session.record
    rows = dict(page.rows)
    assert len(rows) == len(record.eligibility.criteria) == len(page.findChildren(CriterionRow))
    give(session, MAY_MATCH)
    assert page.rows["sex"] in dict(page.shown_groups())[CriterionStatus.MET]
    with qtbot.waitSignal(session.answers_changed):
        session.answer("sex", "male")  # the page is showing: it follows at once
    assert page.result().outcome is Outcome.DOES_NOT_MATCH
    assert page.outcome_title.text() == "Your answers do not fit what this study looked for"
    assert page.rows["sex"] in dict(page.shown_groups())[CriterionStatus.NOT_MET]
    assert page.rows["sex"].property("role") == "verdict-not_met"
    session.set_language("fa")
    session.clear_answer("sex")
    assert page.rows == rows
    assert all(page.rows[k] is rows[k] for k in rows)
    assert len(page.findChildren(CriterionRow)) == len(rows)
    assert page.rows["sex"] in dict(page.shown_groups())[CriterionStatus.UNKNOWN]


def test_result_computed_when_shown(app_window, qtbot):
    session, window = app_window
    session.go_to(Screen.RESULT)
    page = window.page(Screen.RESULT)
    session.go_to(Screen.SELFCHECK)
    # Even had it missed every answer signal, showing the screen computes the result.
    session.answers_changed.disconnect(page.refresh)
    try:
        give(session, DOES_NOT_MATCH)
        assert not page.headline_card.isVisibleTo(page)  # still the "no answers" state
        session.go_to(Screen.RESULT)
        assert page.headline_card.isVisibleTo(page)
        assert page.outcome_title.text() == result_title(page.result(), "en")
    finally:
        session.answers_changed.connect(page.refresh)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_no_answers_prompts_gently_and_still_lists_everything(result_page, qtbot, lang):
    session, _window, page = result_page
    session.set_language(lang)
    assert page.prompt.isVisible()
    assert not page.headline_card.isVisible()
    assert page.enrolling_card.isVisible()
    shown_rows = [r for r in page.rows.values() if r.isVisibleTo(page)]
    assert len(shown_rows) == len(session.record.eligibility.criteria)
    session.go_to_question(4)
    click = page.prompt_button
    qtbot.mouseClick(click, Qt.MouseButton.LeftButton)
    assert session.screen is Screen.SELFCHECK and session.question_index == 0


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("answers", [{}, DOES_NOT_MATCH, MAY_MATCH])
def test_never_says_eligible(result_page, lang, answers):
    session, _window, page = result_page
    session.set_language(lang)
    give(session, answers)
    text = visible_text(page)
    assert len(text) > 500
    lowered = text.lower()
    for word in FORBIDDEN:
        assert word not in lowered


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_buttons_are_named_and_go_where_they_say(result_page, qtbot, lang):
    session, _window, page = result_page
    session.set_language(lang)
    give(session, MAY_MATCH)
    assert page.layoutDirection() == (
        Qt.LayoutDirection.RightToLeft if lang == "fa" else Qt.LayoutDirection.LeftToRight
    )
    for button in page.findChildren(QAbstractButton):
        assert button.accessibleName().strip()
        assert button.accessibleDescription().strip()
        if button.isVisible():
            assert button.height() >= 44
    session.go_to_question(7)
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    assert session.screen is Screen.SELFCHECK and session.question_index == 0
    assert dict(session.answers) == MAY_MATCH  # changing answers keeps them to change
    session.go_to(Screen.RESULT)
    qtbot.mouseClick(page.contact_button, Qt.MouseButton.LeftButton)
    assert session.screen is Screen.CONTACT


def test_reset_forgets_the_result(result_page, qtbot):
    session, _window, page = result_page
    give(session, DOES_NOT_MATCH)
    assert page.headline_card.isVisible()
    session.reset()
    session.go_to(Screen.RESULT)
    assert not page.headline_card.isVisible() and page.prompt.isVisible()
    assert page.rows["no_ovarian_cyst"].item.status is CriterionStatus.UNKNOWN


def test_high_contrast_and_text_size_reach_the_symbols(result_page):
    session, _window, page = result_page
    give(session, DOES_NOT_MATCH)
    icon = page.rows["age"].icon

    def disc_colour(theme: str) -> bool:
        image = icon.grab().toImage()
        x, y = round(icon.width() * 0.12), icon.height() // 2  # inside the disc, off the tick
        return image.pixelColor(x, y).name() == QColor(THEMES[theme]["met"]).name()

    assert disc_colour("normal")
    small = icon.width()
    session.set_text_scale(200)
    assert icon.width() > small
    session.set_high_contrast(True)
    assert disc_colour("high_contrast")


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_no_clipped_text_and_no_empty_stretch_at_200_percent(result_page, qtbot, lang):
    """Every label is as tall as its text; the page ends with its buttons."""
    session, _window, page = result_page
    session.set_language(lang)
    session.set_text_scale(200)
    give(session, DOES_NOT_MATCH)
    holder = page.scroll_area.widget()

    def blank_below() -> int:
        bottom = page.contact_button.mapTo(holder, QPoint(0, page.contact_button.height())).y()
        return holder.height() - bottom

    qtbot.waitUntil(lambda: 0 <= blank_below() <= 80)
    qtbot.waitUntil(lambda: not clipped_labels(page))
    bar = page.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    top = page.contact_button.mapTo(page.scroll_area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top <= page.scroll_area.viewport().height() - page.contact_button.height()


def test_tab_follows_the_regrouped_reading_order(result_page):
    session, _window, page = result_page
    give(session, DOES_NOT_MATCH)  # the last criteria of the record now come first
    labels = {
        row.criterion: cid
        for cid, row in page.rows.items()
        if row.criterion.focusPolicy() != Qt.FocusPolicy.NoFocus  # has glossary links
    }
    chain, widget = [], page.prompt_button.nextInFocusChain()
    while widget is not page.contact_button:
        if widget in labels:
            chain.append(labels[widget])
        widget = widget.nextInFocusChain()
    reading = [
        r.criterion_id for _s, rows in page.shown_groups() for r in rows if r.criterion in labels
    ]
    assert len(chain) >= 10
    assert chain == reading
    assert chain[0] == "no_ovarian_cyst"
