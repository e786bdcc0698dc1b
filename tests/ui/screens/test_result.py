"""The result screen: outcome, grouped criteria, honesty about enrolling, never "eligible"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QColor, QTextDocumentFragment
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QScroller

from app.present.criteria import GROUP_ORDER, criteria_view
from app.present.outcome import SITUATION_ROLES, only_team_decides, result_title, situation
from app.present.text import status_label, tr
from app.selfcheck import CriterionStatus, Outcome, evaluate
from app.session import Screen
from app.ui.screens import result as result_module
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
    qtbot.waitUntil(lambda: page.complete)  # the rows after the first: after its paint
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
    session.answers_changed.disconnect(page._refresh_if_shown)
    try:
        give(session, DOES_NOT_MATCH)
        assert not page.headline_card.isVisibleTo(page)  # still the "no answers" state
        session.go_to(Screen.RESULT)
        assert page.headline_card.isVisibleTo(page)
        assert page.outcome_title.text() == result_title(page.result(), "en")
    finally:
        session.answers_changed.connect(page._refresh_if_shown)


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
    # The rows below the window are dropped, as a fresh window has them not yet built.
    assert len(page.rows) == result_module.FIRST_ROWS and not page.complete
    session.go_to(Screen.RESULT)
    qtbot.waitUntil(lambda: page.complete)  # built again after the page's paint
    assert not page.headline_card.isVisible() and page.prompt.isVisible()
    assert page.rows["no_ovarian_cyst"].item.status is CriterionStatus.UNKNOWN


def test_answers_given_elsewhere_wait_until_the_result_is_shown(result_page, qtbot):
    """Each tap on a question costs the question only; the result is worked out when shown."""
    session, window, page = result_page
    session.go_to(Screen.SELFCHECK)
    qtbot.waitUntil(lambda: page.isHidden())
    refreshed = []
    original = page.refresh
    page.refresh = lambda *args: (refreshed.append(args), original(*args))
    give(session, DOES_NOT_MATCH)
    assert refreshed == []  # no work for the hidden page on any of the answers
    session.go_to(Screen.RESULT)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page and page.complete)
    assert len(refreshed) == 1
    assert page.headline_card.isVisible() and not page.prompt.isVisible()
    engine = session.result()
    for item in engine.criteria:
        assert page.rows[item.criterion_id].item.status is item.status


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


# -- built in stages ---------------------------------------------------------------------
def _open_unpainted(app_window, answers=None):
    """The result page just shown, before any event is processed (before its paint)."""
    session, window = app_window
    give(session, answers or MAY_MATCH)
    session.go_to(Screen.RESULT)
    page = window.page(Screen.RESULT)
    assert not page.complete and len(page.rows) == result_module.FIRST_ROWS
    return session, window, page


def _in_reading_order(session, page) -> None:
    """Every criterion's row once, in its group, in the order criteria_view gives."""
    record = session.record
    view = criteria_view(record, session.result(), session.language, answered=True)
    laid_out = [(status, row.criterion_id) for status, rows in page.shown_groups() for row in rows]
    expected = [
        (group.status, entry.criterion_id) for group in view.groups for entry in group.entries
    ]
    assert laid_out == expected
    assert len(page.rows) == len(record.eligibility.criteria)
    rows = [page.rows[criterion_id] for _status, criterion_id in expected]
    assert all(row.isVisibleTo(page) for row in rows)
    for _ in range(6):  # the layout requests of the rows laid out last, level by level
        QApplication.processEvents()
    tops = [row.mapTo(page, QPoint(0, 0)).y() for row in rows]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    for (_status, criterion_id), row in zip(expected, rows, strict=True):
        assert row.item is not None and row.item.criterion_id == criterion_id
    assert _read_in_order(page)


def _read_in_order(page) -> bool:
    """A screen reader meets the headings and rows in the order they are laid out.

    (Qt's accessibility tree lists a widget's children in their stacking order.)
    """
    laid_out = []
    for index in range(page.groups_layout.count()):
        widget = page.groups_layout.itemAt(index).widget()
        if widget is not None and widget.isVisibleTo(page):
            laid_out.append(widget)
    holder = QAccessible.queryAccessibleInterface(page.groups_holder)
    children = [holder.child(i).object() for i in range(holder.childCount())]
    read = [child for child in children if child.isVisibleTo(page)]
    return read == laid_out and len(read) > 1


def _tab_is_reading_order(page) -> bool:
    chain = [row.criterion for _s, rows in page.shown_groups() for row in rows]
    linked = [label for label in chain if label.focusPolicy() != Qt.FocusPolicy.NoFocus]
    seen, widget = [], page.prompt_button.nextInFocusChain()
    while widget is not page.contact_button:
        if widget in linked:
            seen.append(widget)
        widget = widget.nextInFocusChain()
    return seen == linked and len(linked) >= 5


def test_the_first_rows_come_with_the_page_and_the_rest_after_its_paint(app_window, qtbot):
    session, _window, page = _open_unpainted(app_window)
    assert page.watching_paints
    qtbot.waitUntil(lambda: page.complete)
    assert page.watching_paints == ()
    _in_reading_order(session, page)
    assert _tab_is_reading_order(page)


def test_answers_changed_in_the_middle_of_the_build_regroup_every_row(app_window, qtbot):
    """The rows laid out so far move to their new groups; the rest go in their places."""
    session, _window, page = _open_unpainted(app_window, MAY_MATCH)
    page.build_step()  # some rows made after the page: they can fall below the new cut
    built = result_module.FIRST_ROWS + result_module.ROWS_PER_STEP
    before = [row.criterion_id for _s, rows in page.shown_groups() for row in rows]
    assert len(before) == len(page.rows) == built
    give(session, DOES_NOT_MATCH)  # the last criteria of the record now come first
    after = [row.criterion_id for _s, rows in page.shown_groups() for row in rows]
    assert len(after) == built and after != before
    dropped = set(before) - set(after)
    assert dropped and not any(page.rows[cid].isVisibleTo(page) for cid in dropped)
    assert not page.complete and _read_in_order(page)
    qtbot.waitUntil(lambda: page.complete)
    _in_reading_order(session, page)
    assert _tab_is_reading_order(page)


def test_a_language_switch_in_the_middle_of_the_build(app_window, qtbot):
    session, _window, page = _open_unpainted(app_window)
    session.set_language("fa")
    assert not page.complete
    qtbot.waitUntil(lambda: page.complete)
    _in_reading_order(session, page)
    view = criteria_view(session.record, session.result(), "fa", answered=True)
    labels = {entry.criterion_id: entry.label for group in view.groups for entry in group.entries}
    for criterion_id, row in page.rows.items():
        assert row.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert row.status.text() == labels[criterion_id]  # in Persian, built before or after
    assert _tab_is_reading_order(page)


def test_no_row_is_built_while_a_flick_glides(app_window, qtbot):
    """A finger lifted at the end of a flick leaves the page gliding: the build waits."""
    session, _window, page = _open_unpainted(app_window)
    other = QScrollArea()  # any kinetic scroller in motion counts (here one of its own)
    qtbot.addWidget(other)
    other.setWidget(QLabel("\n".join("line" for _ in range(400))))
    other.resize(200, 200)
    other.show()
    scroller = QScroller.scroller(other.viewport())
    scroller.scrollTo(QPointF(0, 4000), 2000)
    try:
        qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Scrolling)
        qtbot.waitUntil(lambda: page.watching_paints == ())  # painted: it would build now
        qtbot.wait(300)
        assert scroller.state() == QScroller.State.Scrolling  # (still gliding)
        assert len(page.rows) == result_module.FIRST_ROWS
    finally:
        scroller.stop()
    qtbot.waitUntil(lambda: page.complete)
    _in_reading_order(session, page)


def test_rows_built_unseen_follow_the_answers_given_meanwhile(make_window, default_record, qtbot):
    """Answers are not worked out for the hidden page, but warming builds on the new ones."""
    session, window = make_window(default_record)
    page = window.page(Screen.RESULT)  # made hidden, before any answer
    assert page.isHidden() and not page.complete
    give(session, DOES_NOT_MATCH)  # the last criteria of the record now come first
    window.warm_pages = True
    window._warm_later()
    qtbot.waitUntil(lambda: page.complete, timeout=20_000)
    assert session.screen is Screen.WELCOME and page.isHidden()
    view = criteria_view(session.record, session.result(), "en", answered=True)
    expected = [(g.status, e.criterion_id) for g in view.groups for e in g.entries]
    laid_out = [(status, row.criterion_id) for status, rows in page.shown_groups() for row in rows]
    assert laid_out == expected
    for item in session.result().criteria:
        assert page.rows[item.criterion_id].item.status is item.status


def test_the_window_finishes_the_rows_in_idle_moments(warmed_unseen, qtbot):
    """Warming lays every row out unseen, so a first visit is whole."""
    session, _window, page = warmed_unseen(Screen.RESULT)
    give(session, MAY_MATCH)  # the hidden page is refreshed when shown
    session.go_to(Screen.RESULT)
    qtbot.waitUntil(page.isVisible)
    assert page.complete
    _in_reading_order(session, page)
