"""app/present/locate.py: the screen (and question) where a record field shows."""

from __future__ import annotations

import pytest

from app.present.locate import Place, parse_path, place_of
from app.record.checks import iter_texts
from app.record.issues import format_path
from app.session import Screen

#: Every kind of patient-facing text field (list indexes as "#") and where it shows.
#: A field the default record gains must be added here: the test over every text fails.
EXPECTED: dict[tuple[str, ...], str] = {
    ("arms", "#", "plain"): "procedures",
    ("eligibility", "criteria", "#", "how_checked"): "result",
    ("eligibility", "criteria", "#", "plain"): "result",
    ("identification", "plain_title"): "welcome",
    ("identification", "short_title"): "welcome",
    ("locations", "#", "plain"): "contact",
    ("outcomes", "primary", "#", "plain"): "details",
    ("patient", "after_selfcheck"): "result",
    ("patient", "contact"): "contact",
    ("patient", "enrolling_note"): "welcome",
    ("patient", "glossary", "#", "definition"): "glossary",
    ("patient", "glossary", "#", "expansion"): "glossary",
    ("patient", "glossary", "#", "term"): "glossary",
    ("patient", "outcome_texts", "does_not_match"): "result",
    ("patient", "outcome_texts", "likely_match"): "result",
    ("patient", "outcome_texts", "may_match"): "result",
    ("patient", "procedures", "#", "duration"): "procedures",
    ("patient", "procedures", "#", "title"): "procedures",
    ("patient", "procedures", "#", "what"): "procedures",
    ("patient", "procedures", "#", "when"): "procedures",
    ("patient", "procedures", "#", "where"): "procedures",
    ("patient", "summary"): "about",
    ("patient", "who_can_take_part"): "about",
    ("questions", "#", "options", "#", "label"): "selfcheck",
    ("questions", "#", "options", "#", "reason"): "result",
    ("questions", "#", "outside_reason"): "result",
    ("questions", "#", "rules", "#", "reason"): "result",
    ("questions", "#", "text"): "selfcheck",
    ("questions", "#", "unanswered_reason"): "result",
    ("questions", "#", "unit"): "selfcheck",
    ("questions", "#", "why"): "selfcheck",
    ("sponsors", "lead", "plain"): "about",
}


def _kind(path: tuple[str | int, ...]) -> tuple[str, ...]:
    return tuple("#" if isinstance(part, int) else part for part in path)


def test_every_text_of_the_default_record_has_its_screen(default_record):
    seen = set()
    for path, lang, _text in iter_texts(default_record):
        kind = _kind(path[:-1])
        seen.add(kind)
        assert kind in EXPECTED, f"{format_path(path)}: add it to EXPECTED"
        place = place_of(default_record, path)
        assert place is not None, format_path(path)
        assert place.screen == EXPECTED[kind], format_path(path)
        Screen(place.screen)  # a real screen
        if path[0] == "questions":
            assert place.question == path[1], format_path(path)
            assert lang in default_record.questions[place.question].text
        else:
            assert place.question is None, format_path(path)
    assert seen == set(EXPECTED)  # no stale rows


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("patient.procedures[2].what", Place("procedures")),
        ("patient.procedures[2].what.fa", Place("procedures")),
        ("questions[age].text", Place("selfcheck", 0)),
        ("questions[sex].options[1].label.fa", Place("selfcheck", 1)),
        ("questions[1].options[0].reason.en", Place("result", 1)),
        ("questions[no_such_question].text", Place("selfcheck")),
        ("questions[99].text", Place("selfcheck")),
        ("questions", Place("selfcheck", 0)),
        ("patient", Place("welcome")),
        ("eligibility.criteria[0].kind", Place("details")),
        ("eligibility.criteria[0].official", Place("details")),
        ("official.brief_summary", Place("details")),
        ("arms[0].description", Place("details")),
        ("sponsors.collaborators[0].name", Place("details")),
        ("contacts[0].phone", Place("contact")),
        ("identification.nct_id", Place("details")),
        ("schema_version", None),
        ("approval.sha256", None),
        ("(top level)", None),
        ("", None),
    ],
)
def test_field_paths_written_as_text(default_record, path, expected):
    assert place_of(default_record, path) == expected


def test_a_path_as_issues_carry_it_and_as_text_open_the_same_place(default_record):
    path = ("questions", 1, "options", 0, "label", "en")
    assert place_of(default_record, path) == place_of(default_record, format_path(path))


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("questions[age].text", ("questions", "age", "text")),
        ("patient.procedures[2].what.fa", ("patient", "procedures", 2, "what", "fa")),
        ("eligibility.criteria[3].plain", ("eligibility", "criteria", 3, "plain")),
        ("  languages ", ("languages",)),
        ("", ()),
    ],
)
def test_parse_path(text, parts):
    assert parse_path(text) == parts
