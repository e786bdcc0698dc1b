"""app/record/lint.py: what `validate --strict` finds in a valid record, rule by rule."""

from __future__ import annotations

import pytest

from app.record import TrialRecord
from app.record.lint import lint_record


def _lint(data) -> list[tuple[tuple, str]]:
    record = TrialRecord.model_validate(data, context={"languages": ("en", "fa")})
    return [(issue.path, issue.message) for issue in lint_record(record)]


def test_the_default_record_is_ready(default_record):
    found = lint_record(default_record)
    assert [issue for issue in found if issue.level == "error"] == []
    # Warnings are reading-level estimates only (figures in tests/record/test_readability.py).
    assert all("reading level" in i.message or "Flesch-Dayani" in i.message for i in found)


CASES = [
    (("patient", "summary", "fa"), "این پژوهش يک آزمايش است.", "Arabic letter"),
    (("patient", "summary", "fa"), "این پژوهش ۱۲ هفته و 12 روز است.", "Latin digits (12)"),
    (("patient", "summary", "fa"), "شما می شوید.", "zero-width non-joiner"),
    (("patient", "summary", "en"), "Your PTH is checked.", "'PTH' is not explained"),
    (
        ("patient", "summary", "en"),
        "Participants undergoing intraovarian administration of autologous mesenchymal "
        "stromal cells demonstrated considerably improved folliculogenesis parameters.",
        "reading level is grade",
    ),
    (("patient", "contact", "en"), "Ask at the \u200edesk.", "(U+200E)"),
]


@pytest.mark.parametrize(("path", "text", "words"), CASES)
def test_each_rule(minimal_dict, path, text, words):
    target = minimal_dict
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = text
    found = _lint(minimal_dict)
    assert any(p == path and words in m for p, m in found), found


def test_latin_digits_inside_a_latin_run_are_fine(minimal_dict):
    minimal_dict["patient"]["summary"]["fa"] = "مقدار AMH < 0.1 است."
    assert not [m for p, m in _lint(minimal_dict) if "Latin digits" in m]


def test_a_draft_without_plain_text_or_questions_is_named(minimal_dict):
    del minimal_dict["eligibility"]["criteria"][1]["plain"]
    minimal_dict["questions"] = []
    for criterion in minimal_dict["eligibility"]["criteria"]:
        criterion["assessed_by"] = "STUDY_TEAM"
        criterion.setdefault("how_checked", {"en": "A test.", "fa": "یک آزمایش."})
    found = dict(_lint(minimal_dict))
    assert "has no plain-language text" in found[("eligibility", "criteria", 1, "plain")]
    assert found[("questions",)] == "the record has no self-check questions"
