"""app/session.py: one visit's state, the one owner of the language, and a one-signal reset."""

from __future__ import annotations

import contextlib

from app import i18n
from app.session import MAX_TEXT_SCALE, MIN_TEXT_SCALE, Screen, Session


def test_a_session_sets_the_interface_language(default_record):
    session = Session(default_record, "fa")
    assert session.language == "fa" == i18n.current_language()
    session.set_language("en")
    assert i18n.current_language() == "en"


def test_reset_emits_reset_done_and_nothing_else(default_record, qtbot):
    session = Session(default_record, "en")
    session.answer("age", 33)
    session.set_language("fa")
    session.set_text_scale(150)
    session.set_high_contrast(True)
    session.go_to_question(2)
    session.go_to(Screen.RESULT)
    others = [
        session.language_changed,
        session.screen_changed,
        session.question_changed,
        session.answers_changed,
        session.text_scale_changed,
        session.high_contrast_changed,
    ]
    with contextlib.ExitStack() as stack:
        stack.enter_context(qtbot.waitSignal(session.reset_done))
        for signal in others:
            stack.enter_context(qtbot.assertNotEmitted(signal))
        session.reset()
    assert session.answers == {}
    assert session.language == "en" == i18n.current_language()
    assert session.text_scale == MIN_TEXT_SCALE
    assert session.high_contrast is False
    assert session.question_index == 0
    assert session.screen is Screen.WELCOME


def test_unknown_language_is_refused(default_record):
    session = Session(default_record, "en")
    try:
        session.set_language("xx")
    except ValueError:
        pass
    else:  # pragma: no cover
        raise AssertionError("an unknown language was accepted")


def test_a_mirrored_visit_is_a_copy_in_another_language_that_nobody_hears(default_record, qtbot):
    """The window builds the page in view on it, unseen, in the other language."""
    session = Session(default_record, "en")
    session.answer("age", 33)
    session.go_to(Screen.SELFCHECK)
    session.go_to_question(2)
    session.set_text_scale(150)
    heard: list[str] = []
    session.answers_changed.connect(lambda: heard.append("real"))
    twin = session.mirrored("fa")
    twin.answers_changed.connect(lambda: heard.append("twin"))
    assert twin.language == "fa" and session.language == "en"
    assert i18n.current_language() == "en"  # (the interface did not switch)
    assert twin.screen is Screen.SELFCHECK and twin.question_index == 2
    assert twin.text_scale == 150 and twin.record is session.record
    assert dict(twin.answers) == dict(session.answers)
    twin.answer("age", 40)  # changes the copy alone, and each hears only its own
    assert session.answers["age"] != twin.answers["age"]
    session.answer("age", 50)
    assert heard == ["twin", "real"]
    assert twin.answers["age"] != session.answers["age"] and session.language == "en"
    bigger = session.mirrored("en", 175)  # (the next text size up, measured unseen)
    assert bigger.text_scale == 175 and session.text_scale == 150
    assert session.mirrored("en", 900).text_scale == MAX_TEXT_SCALE


def test_a_mirrored_catalog_visit_copies_each_study(default_record, minimal_record):
    from app.session import study_key

    session = Session(default_record, "en", catalog=True)
    session.add_study(minimal_record)
    session.open_study(study_key(default_record))
    session.answer("age", 33)
    twin = session.mirrored("fa")
    assert twin.study == session.study and twin.catalog
    assert dict(twin.answers) == dict(session.answers)
    twin.answer("age", 41)
    assert session.answers["age"] != twin.answers["age"]
    assert session.visit(study_key(default_record)).answers["age"] == session.answers["age"]


def test_a_mirrored_visit_never_switches_the_interface(default_record):
    session = Session(default_record, "en")
    twin = session.mirrored("en")
    twin.set_language("fa")
    twin.reset()
    assert i18n.current_language() == "en" and session.language == "en"
    twin.answer("age", 33)
    twin.forget_copy()
    assert not twin.answers
