"""app/session.py: Session.replace_record, the preview's live reload, in one signal."""

from __future__ import annotations

import contextlib
from typing import Any

from app import i18n
from app.record import validate_record
from app.session import Screen, Session


def _others(session: Session) -> list[Any]:
    return [
        session.language_changed,
        session.screen_changed,
        session.question_changed,
        session.answers_changed,
        session.text_scale_changed,
        session.high_contrast_changed,
        session.reset_done,
    ]


def _english_only(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _english_only(v) for k, v in value.items() if k != "fa"}
    if isinstance(value, list):
        return [_english_only(v) for v in value]
    return value


def test_replace_keeps_language_screen_step_and_answers_in_one_signal(minimal_dict, qtbot):
    session = Session(validate_record(minimal_dict), "fa")
    session.answer("age", 33)
    session.answer("pregnant", "no")
    session.go_to(Screen.SELFCHECK)
    session.go_to_question(1)
    minimal_dict["questions"][1]["text"]["en"] = "Are you pregnant now?"
    new = validate_record(minimal_dict)
    with contextlib.ExitStack() as stack:
        stack.enter_context(qtbot.waitSignal(session.record_replaced))
        for signal in _others(session):
            stack.enter_context(qtbot.assertNotEmitted(signal))
        dropped = session.replace_record(new)
    assert dropped == ()
    assert session.record is new
    assert (session.language, session.screen, session.question_index) == ("fa", "selfcheck", 1)
    assert session.answers == {"age": 33, "pregnant": "no"}
    assert i18n.current_language() == "fa"


def test_answers_that_no_longer_fit_are_dropped_and_named(minimal_dict):
    session = Session(validate_record(minimal_dict), "en")
    session.answer("age", 59)
    session.answer("pregnant", "no")
    minimal_dict["questions"][0]["max_value"] = 50  # 59 is now out of range
    minimal_dict["questions"][1]["options"][1]["id"] = "not_at_all"  # "no" is gone
    assert session.replace_record(validate_record(minimal_dict)) == ("age", "pregnant")
    assert session.answers == {}


def _left_to_the_team(record: dict[str, Any], criterion_id: str) -> None:
    for criterion in record["eligibility"]["criteria"]:
        if criterion["id"] == criterion_id:
            criterion["assessed_by"] = "STUDY_TEAM"
            criterion["how_checked"] = {"en": "The team asks.", "fa": "تیم می‌پرسد."}


def test_a_removed_question_drops_its_answer_and_the_step_stays_on_its_question(minimal_dict):
    session = Session(validate_record(minimal_dict), "en")
    session.answer("age", 40)
    session.go_to_question(1)  # "pregnant"
    questions = minimal_dict["questions"]
    minimal_dict["questions"] = [questions[1]]  # "age" removed: "pregnant" is now first
    _left_to_the_team(minimal_dict, "age")
    assert session.replace_record(validate_record(minimal_dict)) == ("age",)
    assert session.question_index == 0
    assert session.record.questions[session.question_index].id == "pregnant"


def test_the_step_is_clamped_when_its_question_is_gone(minimal_dict):
    session = Session(validate_record(minimal_dict), "en")
    session.go_to_question(1)
    minimal_dict["questions"] = minimal_dict["questions"][:1]
    _left_to_the_team(minimal_dict, "not_pregnant")
    session.replace_record(validate_record(minimal_dict))
    assert session.question_index == 0


def test_a_language_the_new_record_lacks_falls_back_to_its_first(minimal_dict, qtbot):
    session = Session(validate_record(minimal_dict), "fa")
    english = _english_only(minimal_dict)
    english["languages"] = ["en"]
    with qtbot.waitSignal(session.record_replaced):
        session.replace_record(validate_record(english))
    assert session.language == "en" == i18n.current_language()
    assert session.default_language == "en"
