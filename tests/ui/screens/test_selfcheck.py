"""The self-check screen: questions one at a time, answers by touch, the age field, the flow."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from app import cli
from app.i18n import localize
from app.present.outcome import result_title
from app.present.text import criterion_reason
from app.record.models import ChoiceQuestion, NumberQuestion
from app.selfcheck import evaluate
from app.session import Screen
from app.ui.text import plain_text
from tests.ui.answer_sets import DOES_NOT_MATCH, MAY_MATCH


@pytest.fixture
def selfcheck(app_window, qtbot):
    """The main window showing the self-check's first question."""
    session, window = app_window
    session.go_to(Screen.SELFCHECK)
    page = window.page(Screen.SELFCHECK)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    return session, window, page


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_text(qtbot, widget, text: str) -> None:
    """Type into a widget; QTest.keyClicks cannot send non-Latin-1 text such as "۳۳"."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def option_button(page, question: ChoiceQuestion, option_id: str) -> QAbstractButton:
    index = [o.id for o in question.options].index(option_id)
    return page.answer_buttons[index]


def answer_everything(qtbot, session, page, answers, typed_age: str) -> None:
    """Go through every question by clicks and typing, as a visitor would."""
    questions = session.record.questions
    for index, question in enumerate(questions):
        assert session.question_index == index
        assert session.screen is Screen.SELFCHECK
        if isinstance(question, NumberQuestion):
            assert page.number.isVisible() and not page.choices.isVisible()
            page.field.clear()
            type_text(qtbot, page.field, typed_age)
        else:
            assert page.choices.isVisible() and not page.number.isVisible()
            button = option_button(page, question, answers[question.id])
            click(qtbot, button)
            assert button.isChecked()
            assert sum(b.isChecked() for b in page.answer_buttons) == 1
        last = index == len(questions) - 1
        assert page.next_button.text() == ("See your result" if last else "Next") or (
            session.language == "fa"
        )
        click(qtbot, page.next_button)
    assert session.screen is Screen.RESULT


def cli_json(capsys, tmp_path, answers, lang: str) -> dict:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["check", "--answers", str(path), "--json", "--lang", lang]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("lang", "answers", "typed_age"),
    [
        ("en", DOES_NOT_MATCH, "33"),
        ("en", MAY_MATCH, "33"),
        ("fa", DOES_NOT_MATCH, "۳۳"),
        ("fa", MAY_MATCH, "۳۳"),
    ],
)
def test_whole_selfcheck_by_clicks_gives_what_the_cli_gives(
    selfcheck, qtbot, capsys, tmp_path, lang, answers, typed_age
):
    session, window, page = selfcheck
    session.set_language(lang)
    answer_everything(qtbot, session, page, answers, typed_age)
    assert dict(session.answers) == answers  # "۳۳" was stored as the number 33

    record = session.record
    expected = cli_json(capsys, tmp_path, answers, lang)
    engine = evaluate(record, answers)
    assert expected["outcome"] == engine.outcome.value
    result = window.page(Screen.RESULT)
    assert window.stack.currentWidget() is result
    qtbot.waitUntil(lambda: result.complete)  # the rows below the window, after its paint
    assert result.outcome_title.text() == result_title(engine, lang)
    outcome_text = getattr(record.patient.outcome_texts, expected["outcome"])
    assert result.outcome_text.accessibleName() == plain_text(outcome_text, lang, record)
    shown = {cid: row.item for cid, row in result.rows.items()}
    for criterion in expected["criteria"]:
        item = shown[criterion["id"]]
        assert item.status.value == criterion["verdict"]
        assert criterion_reason(item, lang) == criterion["reason"]
        row = result.rows[criterion["id"]]
        assert row.reason.accessibleName() == plain_text(criterion["reason"], lang, record)


def test_language_switch_midway_keeps_question_answers_and_choice(selfcheck, qtbot):
    session, _window, page = selfcheck
    type_text(qtbot, page.field, "33")
    click(qtbot, page.next_button)
    click(qtbot, option_button(page, session.record.questions[1], "female"))
    click(qtbot, page.next_button)
    question = session.record.questions[2]
    click(qtbot, option_button(page, question, "unsure"))
    before = dict(session.answers)
    assert page.progress_label.text() == "Question 3 of 11"

    with qtbot.waitSignal(session.language_changed):
        session.set_language("fa")
    assert session.question_index == 2
    assert (
        dict(session.answers) == before == {"age": 33, "sex": "female", "prior_ivf_icsi": "unsure"}
    )
    assert option_button(page, question, "unsure").isChecked()
    assert option_button(page, question, "unsure").text() == "مطمئن نیستم"
    assert not option_button(page, question, "yes").isChecked()
    assert "۳" in page.progress_label.text() and "۱۱" in page.progress_label.text()
    assert not any(c.isdigit() and c.isascii() for c in page.progress_label.text())
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page.question_label.accessibleName().startswith("آیا پیش از این")
    assert 'href="term:ivf"' in page.question_label.text()  # glossary links survive
    assert "پژوهش" in page.why_label.accessibleName()
    assert page.progress.value() == 3

    click(qtbot, page.back_button)
    click(qtbot, page.back_button)
    assert session.question_index == 0
    assert page.field.text() == "۳۳"  # the stored age, in Persian digits
    session.set_language("en")
    assert page.field.text() == "33"
    assert page.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_typed_number_survives_a_language_switch_in_the_language_digits(selfcheck, qtbot):
    session, _window, page = selfcheck
    type_text(qtbot, page.field, "4")
    session.set_language("fa")
    assert page.field.text() == "۴"
    type_text(qtbot, page.field, "2")  # Latin digits typed in Persian are shown as Persian
    assert page.field.text() == "۴۲"
    assert "age" not in session.answers  # nothing stored before Next
    qtbot.keyClick(page.field, Qt.Key.Key_Return)
    assert session.answers["age"] == 42
    assert session.question_index == 1  # Enter went on exactly one question


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("typed", ["abc", "200", "-3", "3.5"])
def test_invalid_age_shows_a_kind_message_and_stores_nothing(selfcheck, qtbot, lang, typed):
    session, _window, page = selfcheck
    session.set_language(lang)
    session.answer("sex", "female")
    with qtbot.assertNotEmitted(session.answers_changed):
        type_text(qtbot, page.field, typed)
        click(qtbot, page.next_button)
    assert "age" not in session.answers
    assert session.question_index == 0
    assert page.number.error_card.isVisible()
    message = page.number.error_label.text()
    assert message and message == page.field.accessibleDescription()
    if typed == "200" or typed == "-3":
        assert ("۱۳۰" if lang == "fa" else "130") in message
    assert QApplication.activeModalWidget() is None  # inline, never a dialog
    # Typing again takes the message away; a number that fits is stored on Enter.
    page.field.clear()
    assert not page.number.error_card.isVisible()
    type_text(qtbot, page.field, "۲۹" if lang == "fa" else "29")
    qtbot.keyClick(page.field, Qt.Key.Key_Enter)
    assert session.answers["age"] == 29
    assert session.question_index == 1


def test_message_follows_a_language_switch(selfcheck, qtbot):
    session, _window, page = selfcheck
    type_text(qtbot, page.field, "200")
    click(qtbot, page.next_button)
    assert "130" in page.number.error_label.text()
    session.set_language("fa")
    assert page.field.text() == "۲۰۰"
    assert "۱۳۰" in page.number.error_label.text()
    assert page.number.error_card.isVisible()
    assert "age" not in session.answers


def test_an_earlier_answer_survives_an_invalid_entry(selfcheck, qtbot):
    session, _window, page = selfcheck
    session.answer("age", 40)
    assert page.field.text() == "40"
    page.field.clear()
    type_text(qtbot, page.field, "abc")
    click(qtbot, page.next_button)
    assert session.answers["age"] == 40
    click(qtbot, page.back_button)  # Back drops an entry that does not fit, silently
    assert session.screen is Screen.PROCEDURES
    assert session.answers["age"] == 40


def test_number_pad_types_in_the_language_digits(selfcheck, qtbot):
    session, _window, page = selfcheck
    pad = page.number.pad
    click(qtbot, pad.digit_buttons["3"])
    click(qtbot, pad.digit_buttons["7"])
    assert page.field.text() == "37"
    click(qtbot, pad.erase_button)
    assert page.field.text() == "3"
    session.set_language("fa")
    assert pad.digit_buttons["5"].text() == "۵"
    click(qtbot, pad.digit_buttons["5"])
    assert page.field.text() == "۳۵"
    click(qtbot, page.next_button)
    assert session.answers["age"] == 35


def test_unit_and_range_hint_come_from_the_record(selfcheck):
    session, _window, page = selfcheck
    question = session.record.questions[0]
    assert page.number.unit_label.text() == "years"
    assert "0" in page.number.range_hint.text() and "130" in page.number.range_hint.text()
    session.set_language("fa")
    assert page.number.unit_label.text() == localize(question.unit, "fa") == "سال"
    assert "۱۳۰" in page.number.range_hint.text()


def test_back_and_next_at_the_ends(selfcheck, qtbot):
    session, _window, page = selfcheck
    questions = session.record.questions
    assert page.back_button.accessibleDescription() == "Go back to what taking part involves"
    click(qtbot, page.back_button)
    assert session.screen is Screen.PROCEDURES
    session.go_to(Screen.SELFCHECK)
    session.go_to_question(len(questions) - 1)
    assert page.next_button.text() == "See your result"
    assert page.progress.value() == page.progress.maximum() == len(questions)
    assert page.progress_label.text() == "Question 11 of 11"
    click(qtbot, page.back_button)
    assert session.question_index == len(questions) - 2
    assert page.next_button.text() == "Next"
    click(qtbot, page.next_button)
    click(qtbot, page.next_button)
    assert session.screen is Screen.RESULT
    assert session.answers == {}  # moving on without answering leaves questions unknown


def test_skip_and_clear(selfcheck, qtbot):
    session, _window, page = selfcheck
    session.go_to_question(1)
    click(qtbot, page.answer_buttons[0])
    assert session.answers == {"sex": "female"}
    assert page.skip_button.text() == "Clear my answer"
    click(qtbot, page.skip_button)
    assert session.answers == {}
    assert session.question_index == 1
    assert not any(b.isChecked() for b in page.answer_buttons)
    assert page.skip_button.text() == "Skip this question"
    click(qtbot, page.skip_button)
    assert session.question_index == 2
    assert session.answers == {}


def test_tapping_the_chosen_answer_keeps_it(selfcheck, qtbot):
    session, _window, page = selfcheck
    session.go_to_question(1)
    click(qtbot, page.answer_buttons[1])
    click(qtbot, page.answer_buttons[1])
    assert session.answers == {"sex": "male"}
    assert page.answer_buttons[1].isChecked()
    click(qtbot, page.answer_buttons[0])
    assert session.answers == {"sex": "female"}
    assert page.answer_buttons[0].isChecked() and not page.answer_buttons[1].isChecked()


def test_digit_keys_choose_and_enter_goes_on(selfcheck, qtbot):
    session, _window, page = selfcheck
    session.go_to_question(1)
    qtbot.keyClick(page.answer_buttons[0], "2")
    assert session.answers == {"sex": "male"}
    qtbot.keyClick(page.answer_buttons[0], "9")  # no 9th answer
    assert session.answers == {"sex": "male"}
    qtbot.keyClick(page.answer_buttons[1], Qt.Key.Key_Return)
    assert session.question_index == 2
    page.back_button.setFocus()
    qtbot.waitUntil(page.back_button.hasFocus)
    qtbot.keyClick(page.back_button, Qt.Key.Key_Return)  # Enter on Back presses Back
    assert session.question_index == 1


def test_answers_shown_from_the_session(selfcheck, qtbot):
    session, _window, page = selfcheck
    session.answer("afc_low", "not_tested")
    session.go_to_question(3)
    question = session.record.questions[3]
    assert [b.text() for b in page.answer_buttons if b.isVisible()] == [
        o.label["en"] for o in question.options
    ]
    assert option_button(page, question, "not_tested").isChecked()
    assert option_button(page, question, "not_tested").accessibleDescription() == "Your answer"


def test_reset_empties_every_widget(selfcheck, qtbot):
    session, _window, page = selfcheck
    type_text(qtbot, page.field, "33")
    click(qtbot, page.next_button)
    click(qtbot, page.answer_buttons[0])
    session.go_to_question(0)
    page.field.clear()
    type_text(qtbot, page.field, "abc")  # typed, not stored, with its message
    click(qtbot, page.next_button)
    assert page.number.error_card.isVisible()
    session.set_language("fa")

    with qtbot.waitSignal(session.reset_done):
        session.reset()
    assert session.answers == {} and session.question_index == 0
    assert page.field.text() == ""
    assert not page.number.error_card.isVisible()
    assert page.layoutDirection() == Qt.LayoutDirection.LeftToRight
    session.go_to(Screen.SELFCHECK)
    assert page.field.text() == ""
    session.go_to_question(1)
    assert not any(b.isChecked() for b in page.answer_buttons)
    session.go_to_question(0)
    assert page.field.text() == ""


def test_answer_buttons_unused_by_a_question_keep_nothing(selfcheck, qtbot):
    session, _window, page = selfcheck
    session.go_to_question(3)  # five answers
    click(qtbot, page.answer_buttons[3])
    session.go_to_question(1)  # two answers: the other buttons are hidden
    hidden = page.answer_buttons[2:]
    assert len(hidden) >= 2
    assert not any(b.isVisibleTo(page) for b in hidden)
    assert [(b.text(), b.isChecked(), b.accessibleName()) for b in hidden] == [
        ("", False, "")
    ] * len(hidden)
    session.go_to_question(0)  # the number question uses none of them
    assert all(b.text() == "" and not b.isChecked() for b in page.answer_buttons)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_every_button_is_named_and_big_enough(selfcheck, qtbot, lang):
    session, _window, page = selfcheck
    session.set_language(lang)
    for index in (0, 1, 3, len(session.record.questions) - 1):
        session.go_to_question(index)
        buttons = [b for b in page.findChildren(QAbstractButton) if b.isVisible()]
        assert buttons
        for button in buttons:
            assert button.accessibleName().strip(), button.text()
            assert button.accessibleDescription().strip(), button.text()
            assert button.height() >= 44 and button.width() >= 44, button.text()
        assert page.progress.accessibleName() == page.progress_label.text()
        if index == 0:
            assert page.field.accessibleName() == (
                "How old are you?" if lang == "en" else "چند سال دارید؟"
            )
            assert page.field.height() >= 44


def test_choice_buttons_fit_their_text_at_200_percent(selfcheck, qtbot):
    session, _window, page = selfcheck
    session.set_text_scale(200)
    session.set_language("fa")
    session.go_to_question(len(session.record.questions) - 1)  # the longest answers
    for button in page.answer_buttons:
        if button.isVisible():
            assert button.width() >= button.sizeHint().width(), button.text()


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_no_clipped_text_on_any_question_at_200_percent(selfcheck, qtbot, lang):
    session, _window, page = selfcheck
    session.set_language(lang)
    session.set_text_scale(200)

    def clipped() -> list[str]:
        return [
            label.text()
            for label in page.findChildren(QLabel)
            if label.isVisibleTo(page)
            and label.wordWrap()
            and label.height() < label.heightForWidth(label.width())
        ]

    def squeezed() -> list[str]:
        return [
            button.text()
            for button in page.findChildren(QAbstractButton)
            if button.isVisibleTo(page) and button.width() < button.sizeHint().width()
        ]

    for index in range(len(session.record.questions)):
        session.go_to_question(index)
        qtbot.waitUntil(lambda: not clipped() and not squeezed())  # once laid out
