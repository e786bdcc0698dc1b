"""app/present/criteria.py: the groups, their order and intros, without any widget."""

import sys
from pathlib import Path

import pytest

from app.present.criteria import (
    GROUP_ORDER,
    SCREENING_HEADING,
    criteria_view,
    criterion_groups,
    entries_in_record_order,
)
from app.present.text import say, status_label
from app.selfcheck import CriterionStatus, Outcome, evaluate

sys.path.insert(0, str(Path(__file__).parents[1] / "ui"))
from answer_sets import DOES_NOT_MATCH, MAY_MATCH

S = CriterionStatus


@pytest.mark.parametrize(
    ("outcome", "first"),
    [
        (Outcome.DOES_NOT_MATCH, S.NOT_MET),
        (Outcome.MAY_MATCH, S.UNKNOWN),
        (Outcome.LIKELY_MATCH, S.MET),
    ],
)
def test_every_outcome_orders_every_status_once_with_its_own_first(outcome, first):
    order = GROUP_ORDER[outcome]
    assert sorted(order) == sorted(CriterionStatus)
    assert order[0] is first


@pytest.mark.parametrize(
    ("answers", "outcome", "statuses"),
    [
        (DOES_NOT_MATCH, Outcome.DOES_NOT_MATCH, [S.NOT_MET, S.UNKNOWN, S.MET, S.SCREENING]),
        # The handout used to put "met" before "screening" here; one order now.
        (MAY_MATCH, Outcome.MAY_MATCH, [S.UNKNOWN, S.SCREENING, S.MET]),
        ({}, Outcome.MAY_MATCH, [S.UNKNOWN, S.SCREENING]),
    ],
)
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_groups_come_in_order_without_empty_ones(default_record, answers, outcome, statuses, lang):
    result = evaluate(default_record, answers)
    assert result.outcome is outcome
    groups = criterion_groups(default_record, result, lang)
    assert [g.status for g in groups] == statuses
    for group in groups:
        assert group.entries
        if group.status is S.SCREENING:  # one short list under one heading, in the past
            assert group.compact and group.label == say(SCREENING_HEADING[True], lang)
        else:
            assert not group.compact and group.label == status_label(group.status, lang, True)
        assert all(e.status is group.status for e in group.entries)
    # Every criterion once; within a group the record's order.
    ids = [e.criterion_id for g in groups for e in g.entries]
    assert sorted(ids) == sorted(c.id for c in default_record.eligibility.criteria)
    record_order = [c.id for c in default_record.eligibility.criteria]
    for group in groups:
        positions = [record_order.index(e.criterion_id) for e in group.entries]
        assert positions == sorted(positions)


def test_the_other_points_start_after_the_deciding_groups(default_record):
    groups = criterion_groups(default_record, evaluate(default_record, DOES_NOT_MATCH), "en")
    assert [g.deciding for g in groups] == [True, False, False, False]
    assert [g.starts_others for g in groups] == [False, True, False, False]


@pytest.mark.parametrize(
    ("answers", "answered", "heading", "intro"),
    [
        ({}, False, "What the study looked for", "Each point below is not known yet"),
        (DOES_NOT_MATCH, True, "What led to this", "The points that do not fit come first."),
        (MAY_MATCH, True, "What led to this", "The points that are still open come first."),
    ],
)
def test_heading_and_intro_follow_the_outcome(default_record, answers, answered, heading, intro):
    result = evaluate(default_record, answers)
    en = criteria_view(default_record, result, "en", answered=answered)
    assert en.heading == heading
    assert en.intro.startswith(intro)
    fa = criteria_view(default_record, result, "fa", answered=answered)
    assert fa.heading != en.heading and fa.intro != en.intro
    assert not any("a" <= ch <= "z" for ch in fa.heading + fa.intro + fa.other_heading)
    assert fa.criterion_ids == en.criterion_ids


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_counselor_entries_keep_the_record_order(default_record, lang):
    result = evaluate(default_record, MAY_MATCH)
    entries = entries_in_record_order(default_record, result, lang)
    assert [e.criterion_id for e in entries] == [c.id for c in default_record.eligibility.criteria]
    assert all(e.text and e.reason for e in entries)
