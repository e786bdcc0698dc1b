"""app/record/characters.py: the text a record may not hold, unit by unit."""

from __future__ import annotations

import pytest

from app.record import TrialRecord
from app.record.characters import hidden_character_findings, strip_hidden, text_problems
from app.record.load import validate_record


def _record(default_dict, edit) -> TrialRecord:
    edit(default_dict)
    # model_validate skips the cross-reference checks, so the problem is found here alone.
    return TrialRecord.model_validate(default_dict, context={"languages": ("en", "fa")})


def _set(path, value):
    def edit(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


CASES = [
    # (path, value, words of the message), each a text the record must refuse
    (("identification", "brief_title"), "Study <b>one</b>", "markup ('<b>')"),
    (("identification", "brief_title"), "Study\u202eeno", "(U+202E)"),
    (("identification", "brief_title"), "Study\u200b one", "(U+200B)"),
    (("identification", "acronym"), "<!-- x -->", "markup ('<!-- x -->')"),
    (("content_version",), "1\x1b[2J", "a control character (U+001B)"),
    (("official", "brief_summary"), "The \u2066study\u2069.", "(U+2066)"),
    (("official", "brief_summary"), "A bell\x07 rings", "(U+0007)"),
    (("official", "brief_summary"), "C1 \x9b here", "(U+009B)"),
    (("patient", "summary", "en"), "Your [[ovary|]] is fine.", "a glossary mark is malformed"),
    (("patient", "summary", "en"), "Your [[Ovary]] is fine.", "a glossary mark is malformed"),
    (("patient", "summary", "en"), "An unclosed [[ovary mark.", "a glossary mark is malformed"),
    (("patient", "summary", "fa"), "متن \x00", "a control character (U+0000)"),
]


@pytest.mark.parametrize(("path", "value", "words"), CASES)
def test_refused(default_dict, path, value, words):
    issues = text_problems(_record(default_dict, _set(path, value)))
    assert [i.path[: len(path)] for i in issues] == [path], issues
    assert words in issues[0].message


ALLOWED = [
    (("official", "brief_summary"), "Antral follicle count < 4 and AMH > 0.1 & more"),
    (("identification", "official_title"), "Chemotherapy &Amp; Radiation"),  # registry's own
    (("patient", "summary", "fa"), "می\u200cخواهید و پیش\u200dنویس"),  # ZWNJ and ZWJ
    (("patient", "summary", "en"), "Tell the team if AFC < 4; the [[ovary|ovaries]] matter."),
    (("patient", "summary", "en"), "Two lines\nand a\ttab."),
]


@pytest.mark.parametrize(("path", "value"), ALLOWED)
def test_allowed(default_dict, path, value):
    assert text_problems(_record(default_dict, _set(path, value))) == []


def test_entities_are_refused_only_in_text_the_authors_write(default_dict):
    record = _record(default_dict, _set(("identification", "plain_title", "en"), "A &amp; B"))
    assert [i.path for i in text_problems(record)] == [("identification", "plain_title", "en")]


def test_hidden_characters_in_plain_text_are_a_lint_finding_not_an_error(default_dict):
    record = _record(default_dict, _set(("patient", "contact", "en"), "Ask \u200fat the desk."))
    assert text_problems(record) == []
    findings = list(hidden_character_findings(record))
    assert [f.path for f in findings] == [("patient", "contact", "en")]
    assert "(U+200F)" in findings[0].message


def test_the_default_record_is_clean(default_record):
    assert text_problems(default_record) == []
    assert list(hidden_character_findings(default_record)) == []


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Menstrual\u200b Blood", "Menstrual Blood"),
        ("\ufeffTitle\u200e", "Title"),
        ("a\x1b[31mb", "a[31mb"),
        ("keeps\nlines\tand tabs, ZWNJ\u200c", "keeps\nlines\tand tabs, ZWNJ\u200c"),
    ],
)
def test_strip_hidden(text, clean):
    assert strip_hidden(text) == clean


def test_validate_record_reports_them_with_the_field_path(default_dict):
    from app.record import RecordError

    default_dict["identification"]["brief_title"] = 'A <img src="/dev/zero">'
    with pytest.raises(RecordError) as raised:
        validate_record(default_dict)
    assert "identification.brief_title: markup" in raised.value.describe()
