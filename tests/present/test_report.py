"""app/present/report.py: `trialguide check`'s text says what the result screen says, en and fa."""

import sys
from pathlib import Path

import pytest

from app.present.criteria import criteria_view
from app.present.outcome import headline
from app.present.report import result_as_text
from app.selfcheck import evaluate

sys.path.insert(0, str(Path(__file__).parents[1] / "ui"))
from answer_sets import DOES_NOT_MATCH, MAY_MATCH

ANSWER_SETS = {"none": {}, "no": DOES_NOT_MATCH, "may": MAY_MATCH}


@pytest.mark.parametrize("answers", ANSWER_SETS.values(), ids=ANSWER_SETS.keys())
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_text_follows_the_headline_and_the_criteria_view(default_record, answers, lang):
    result = evaluate(default_record, answers)
    text = result_as_text(default_record, result, lang)
    lines = text.split("\n")
    top = headline(result, lang)
    view = criteria_view(default_record, result, lang)

    assert lines[0].endswith(f"({default_record.identification.nct_id})")
    assert lines[2] == top.title
    assert lines[-1] == top.only_team
    assert view.heading in lines and view.intro in lines
    # The criteria in the view's order, each once; a compact group's rows have no reason.
    shown = [line[len("  - ") :] for line in lines if line.startswith("  - ")]
    assert shown == [entry.text for group in view.groups for entry in group.entries]
    for group in view.groups:
        for entry in group.entries:
            assert (f"    {entry.reason}" in lines) == (not group.compact)
    # Group headings in order, "the other points" just above the first that is not deciding.
    headings = [line for line in lines if line in {g.label for g in view.groups}]
    assert headings == [g.label for g in view.groups]
    for group in view.groups:
        if group.starts_others:
            at = lines.index(group.label)
            assert lines[at - 2] == view.other_heading


def test_the_persian_text_is_persian(default_record):
    result = evaluate(default_record, MAY_MATCH)
    english = result_as_text(default_record, result, "en")
    persian = result_as_text(default_record, result, "fa")
    assert english != persian
    assert "\u064a" not in persian and "\u0643" not in persian  # Arabic ي ك, never in Persian
    assert not any("0" <= ch <= "9" for ch in persian.split("\n", 1)[1])  # Persian digits
