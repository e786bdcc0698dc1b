"""app/present/outcome.py: headline, style role, symbol and the closing sentences."""

import pytest

from app.present.outcome import (
    OUTCOME_ICONS,
    OUTCOME_ROLES,
    STATUS_ROLES,
    TITLES,
    Situation,
    headline,
    only_team_decides,
    outcome_text,
)
from app.present.text import tr
from app.selfcheck import CriterionStatus, Outcome, evaluate


def test_every_outcome_and_status_has_a_role_and_symbol():
    assert set(OUTCOME_ROLES) == set(Outcome) == set(OUTCOME_ICONS)
    assert set(STATUS_ROLES) == set(CriterionStatus)
    for outcome, icon in OUTCOME_ICONS.items():
        assert OUTCOME_ROLES[outcome] == STATUS_ROLES[icon]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_headline(default_record, lang):
    result = evaluate(default_record, {})
    top = headline(result, lang)
    assert top.outcome is Outcome.MAY_MATCH
    # Nothing answered: the headline says so instead of "you may fit".
    assert top.situation is Situation.NOTHING_ANSWERED
    assert top.title == tr(TITLES[Situation.NOTHING_ANSWERED][True], lang)
    assert top.role == "verdict-unknown" and top.icon is CriterionStatus.UNKNOWN
    assert top.only_team == only_team_decides(lang, past=True)
    assert top.enrolling
    if lang == "en":
        assert top.only_team.startswith("This is not a decision.")
    else:
        assert top.only_team != only_team_decides("en")


def test_outcome_text(default_record, minimal_record):
    for outcome in Outcome:
        assert outcome_text(default_record, outcome)
    if minimal_record.patient is None:
        assert outcome_text(minimal_record, Outcome.MAY_MATCH) is None
