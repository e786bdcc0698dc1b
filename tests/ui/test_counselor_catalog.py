"""Counselor mode on a catalog: switch studies, answers kept per study, handout per study."""

from __future__ import annotations

import pytest
from catalog_records import english_only_record

from app import i18n
from app.session import Session
from app.ui.counselor.window import CounselorWindow
from app.ui.fonts import load_fonts

DEFAULT = "NCT05703308"
ENGLISH = "NCT00000002"


@pytest.fixture
def counselor(qtbot, default_record):
    load_fonts()
    session = Session(default_record, "fa", catalog=True)
    session.add_study(english_only_record())
    window = CounselorWindow(session)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    return session, window


def _switch(window, key: str) -> None:
    combo = window.bar.study_combo
    index = combo.findData(key)
    assert index >= 0, key
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def _handout_languages(window) -> list[str]:
    combo = window.bar.handout_combo
    return [combo.itemData(i) for i in range(combo.count())]


def test_counselor_switches_studies_and_keeps_answers_per_study(counselor):
    session, window = counselor
    assert session.study == DEFAULT  # a counselor always sees a study
    assert window.bar.study_combo.isVisibleTo(window)
    assert window.bar.study_combo.count() == 2
    session.answer("age", 33)
    assert window.panel.editors["age"].field.text() == "۳۳"

    _switch(window, ENGLISH)
    assert session.study == ENGLISH and session.language == "en" == i18n.current_language()
    assert set(window.panel.editors) == {q.id for q in session.record.questions}
    assert window.panel.editors["age"].field.text() == ""  # its own, empty, answers
    assert _handout_languages(window) == ["en"]
    session.answer("age", 50)

    _switch(window, DEFAULT)
    assert session.answers == {"age": 33} and session.language == "fa"
    assert window.panel.editors["age"].field.text() == "۳۳"
    assert _handout_languages(window) == ["en", "fa"]


def test_counselor_start_over_forgets_every_study(counselor):
    session, window = counselor
    session.answer("age", 33)
    _switch(window, ENGLISH)
    session.answer("age", 50)
    window.start_over.click()
    assert session.study is not None  # back on a study, afresh
    assert session.answers == {}
    for key in (DEFAULT, ENGLISH):
        _switch(window, key)
        assert session.answers == {}
