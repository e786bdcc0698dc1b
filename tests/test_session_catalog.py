"""app/session.py across a catalog of studies: per-study answers, shared settings, reset."""

from __future__ import annotations

import contextlib

import pytest
from catalog_records import english_only_record

from app import i18n
from app.record.enums import Sex
from app.session import MIN_TEXT_SCALE, Prescreen, Screen, Session, study_key

DEFAULT = "NCT05703308"
SMALL = "NCT00000001"


@pytest.fixture
def catalog(default_record, minimal_record):
    session = Session(default_record, "en", catalog=True)
    session.add_study(minimal_record)
    return session


def test_one_study_has_no_catalog(default_record):
    session = Session(default_record, "en")
    assert not session.catalog
    assert session.screen is Screen.WELCOME
    assert session.study == DEFAULT
    session.reset()
    assert session.screen is Screen.WELCOME


def test_two_studies_start_on_the_catalog(catalog):
    assert catalog.catalog
    assert catalog.screen is Screen.CATALOG
    assert catalog.study is None
    assert [study_key(r) for r in catalog.studies] == [DEFAULT, SMALL]
    assert catalog.answers == {}


def test_each_study_keeps_its_own_answers_and_step(catalog, qtbot):
    with qtbot.waitSignal(catalog.study_changed) as changed:
        catalog.open_study(DEFAULT)
    assert changed.args == [DEFAULT]
    assert catalog.screen is Screen.WELCOME
    catalog.go_to(Screen.SELFCHECK)
    catalog.answer("age", 33)
    catalog.go_to_question(2)
    catalog.go_to(Screen.CATALOG)
    assert catalog.study is None and catalog.answers == {}

    catalog.open_study(SMALL)
    assert catalog.record.identification.nct_id == SMALL
    assert catalog.answers == {}  # nothing of the other study
    catalog.go_to(Screen.SELFCHECK)
    catalog.answer("age", 50)
    catalog.go_to(Screen.CATALOG)

    catalog.open_study(DEFAULT)
    assert catalog.answers == {"age": 33}
    assert catalog.question_index == 2
    assert catalog.screen is Screen.SELFCHECK  # where the visitor left it
    catalog.go_to(Screen.CATALOG)
    catalog.open_study(SMALL)
    assert catalog.answers == {"age": 50}


def test_language_text_size_and_contrast_are_shared(catalog):
    catalog.set_language("fa")
    catalog.set_text_scale(150)
    catalog.set_high_contrast(True)
    catalog.open_study(SMALL)
    assert (catalog.language, catalog.text_scale, catalog.high_contrast) == ("fa", 150, True)
    catalog.go_to(Screen.CATALOG)
    catalog.open_study(DEFAULT)
    assert catalog.language == "fa" == i18n.current_language()


def test_a_study_screen_from_the_catalog_opens_the_last_study(catalog):
    catalog.open_study(SMALL)
    catalog.go_to(Screen.CATALOG)
    catalog.go_to(Screen.ABOUT)
    assert catalog.study == SMALL and catalog.screen is Screen.ABOUT


def test_reset_forgets_every_study_and_the_first_step(catalog, qtbot):
    catalog.set_prescreen(Prescreen(age=30, sex=Sex.FEMALE, healthy=False))
    catalog.open_study(DEFAULT)
    catalog.answer("age", 33)
    catalog.go_to(Screen.CATALOG)
    catalog.open_study(SMALL)
    catalog.answer("age", 44)
    catalog.set_language("fa")
    catalog.set_text_scale(175)
    others = [
        catalog.language_changed,
        catalog.screen_changed,
        catalog.answers_changed,
        catalog.study_changed,
        catalog.prescreen_changed,
        catalog.text_scale_changed,
    ]
    with contextlib.ExitStack() as stack:
        stack.enter_context(qtbot.waitSignal(catalog.reset_done))
        for signal in others:
            stack.enter_context(qtbot.assertNotEmitted(signal))
        catalog.reset()
    assert catalog.screen is Screen.CATALOG and catalog.study is None
    assert catalog.prescreen == Prescreen()
    assert catalog.answers == {}
    assert catalog.visit(DEFAULT) is None and catalog.visit(SMALL) is None
    assert catalog.language == "en" and catalog.text_scale == MIN_TEXT_SCALE
    catalog.open_study(DEFAULT)
    assert catalog.answers == {}  # nothing carried from the last visitor's first step
    catalog.go_to(Screen.CATALOG)
    catalog.open_study(SMALL)
    assert catalog.answers == {}


def test_an_english_only_study_opens_in_english_and_the_catalog_goes_back(catalog):
    catalog.add_study(english_only_record())
    catalog.set_language("fa")
    assert catalog.languages == ("en", "fa")
    catalog.open_study("NCT00000002")
    assert catalog.language == "en" == i18n.current_language()
    assert catalog.languages == ("en",)
    with pytest.raises(ValueError):
        catalog.set_language("fa")  # no screen of it can be in Persian
    catalog.go_to(Screen.CATALOG)
    assert catalog.language == "fa"  # the visitor's own choice, again


def test_the_first_step_carries_age_and_sex_into_the_default_self_check(catalog):
    catalog.set_prescreen(Prescreen(age=33, sex=Sex.FEMALE, healthy=None))
    catalog.open_study(DEFAULT)
    assert catalog.answers["age"] == 33
    assert "age" in catalog.carried_questions()
    catalog.answer("age", 40)  # the visitor's own answer stands, and is theirs
    assert "age" not in catalog.carried_questions()
    catalog.go_to(Screen.CATALOG)
    catalog.set_prescreen(Prescreen(age=35))
    catalog.open_study(DEFAULT)
    assert catalog.answers["age"] == 40


def test_a_carried_answer_the_visitor_cleared_stays_cleared(catalog):
    catalog.set_prescreen(Prescreen(age=33))
    catalog.open_study(DEFAULT)
    catalog.clear_answer("age")
    catalog.go_to(Screen.CATALOG)
    catalog.open_study(DEFAULT)
    assert "age" not in catalog.answers


def test_a_study_is_listed_once(catalog, minimal_record, qtbot):
    with qtbot.assertNotEmitted(catalog.studies_changed):
        catalog.add_study(minimal_record)
    assert len(catalog.studies) == 2
