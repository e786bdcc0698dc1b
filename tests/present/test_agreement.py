"""The result screen and the handout list the criteria in one order, from one function."""

import sys
from pathlib import Path

import pytest

import app.present.criteria as criteria
from app.handout.content import handout_content
from app.selfcheck import evaluate
from app.session import Screen

sys.path.insert(0, str(Path(__file__).parents[1] / "ui"))
from answer_sets import DOES_NOT_MATCH, MAY_MATCH


def screen_order(qtbot, window, session, answers) -> list[str]:
    for question_id, value in answers.items():
        session.answer(question_id, value)
    session.go_to(Screen.RESULT)
    page = window.page(Screen.RESULT)
    qtbot.waitUntil(lambda: page.complete)  # the rows below the window come after its paint
    return [row.criterion_id for _status, rows in page.shown_groups() for row in rows]


def handout_order(record, result, lang) -> list[str]:
    """Criterion ids in the order of the handout's result cards."""
    cards = [b.title for b in handout_content(record, lang, result).blocks if b.kind == "card"]
    ids = {e.text: e.criterion_id for e in criteria.entries_in_record_order(record, result, lang)}
    return [ids[title] for title in cards]


@pytest.mark.parametrize("answers", [DOES_NOT_MATCH, MAY_MATCH], ids=["no", "may"])
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_screen_and_handout_agree(qtbot, app_window, default_record, answers, lang):
    session, window = app_window
    session.set_language(lang)
    shown = screen_order(qtbot, window, session, answers)
    result = evaluate(default_record, answers)
    assert shown == list(criteria.criteria_view(default_record, result, lang).criterion_ids)
    assert handout_order(default_record, result, lang) == shown


def test_both_follow_the_one_function(qtbot, app_window, default_record, monkeypatch):
    """Reverse the groups in app.present.criteria: the screen and the handout both follow."""
    original = criteria.criterion_groups

    def reversed_groups(record, result, lang):
        return tuple(reversed(original(record, result, lang)))

    monkeypatch.setattr(criteria, "criterion_groups", reversed_groups)
    session, window = app_window
    shown = screen_order(qtbot, window, session, DOES_NOT_MATCH)
    result = evaluate(default_record, DOES_NOT_MATCH)
    first_group = original(default_record, result, "en")[0]
    assert shown[-1] == first_group.entries[-1].criterion_id  # the screen followed
    assert handout_order(default_record, result, "en") == shown  # and so did the handout
