"""app/present/answers.py: what `trialguide check` says of answers it cannot take, en and fa."""

import pytest

from app.present.answers import answer_error, json_text, not_an_object
from app.selfcheck import AnswerError, check_answers

#: Arabic yeh and kaf: Persian writes ی and ک, never these.
ARABIC_LOOKALIKES = ("\u064a", "\u0643")  # ي ك


def _error(record, raw) -> AnswerError:
    with pytest.raises(AnswerError) as caught:
        check_answers(record, raw)
    return caught.value


@pytest.mark.parametrize(
    ("raw", "kind", "english", "kept"),
    [
        (
            {"colour": "blue"},
            "unknown_question",
            "a.json: colour: the record has no question with this id.",
            ["colour"],
        ),
        (
            {"sex": "x"},
            "unknown_option",
            'a.json: sex: "x" is not an answer to this question. Use one of '
            '["female", "male"], or null for no answer.',
            ['"x"', '["female", "male"]', "null"],
        ),
        (
            {"age": "old"},
            "not_number",
            'a.json: age: "old" is not a whole number. Give a number, or null for no answer.',
            ['"old"', "null"],
        ),
        (
            {"age": True},
            "not_number",
            "a.json: age: true is not a whole number. Give a number, or null for no answer.",
            ["true", "null"],
        ),
        ({"age": 999}, "out_of_range", "a.json: age: 999 is outside 0 to 130.", ["999"]),
    ],
)
def test_each_kind_of_bad_answer_is_named_in_both_languages(
    default_record, raw, kind, english, kept
):
    exc = _error(default_record, raw)
    assert exc.kind == kind
    assert answer_error(default_record, exc, "a.json", "en") == english
    persian = answer_error(default_record, exc, "a.json", "fa")
    assert persian != english
    assert persian.startswith("a.json: " + exc.question_id + ": ")
    # The values keep their JSON spelling in Persian too (the text goes to a terminal).
    for value in kept:
        assert value in persian
    assert not any(letter in persian for letter in ARABIC_LOOKALIKES)


def test_an_error_of_another_kind_still_names_the_file(default_record):
    exc = AnswerError("age", "something else went wrong")
    for lang in ("en", "fa"):
        assert answer_error(default_record, exc, "a.json", lang) == (
            "a.json: age: something else went wrong"
        )


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_not_an_object_names_the_file(lang):
    text = not_an_object("dir/a.json", lang)
    assert text.startswith("dir/a.json: ")
    assert "JSON" in text
    assert (text == not_an_object("dir/a.json", "en")) == (lang == "en")


@pytest.mark.parametrize(
    ("value", "spelled"),
    [
        (None, "null"),
        (True, "true"),
        (3, "3"),
        ("old", '"old"'),
        (["female"], '["female"]'),
        ("مرد", '"مرد"'),
        ({1, 2}, '"{1, 2}"'),  # not JSON: its text, quoted
    ],
)
def test_json_text(value, spelled):
    assert json_text(value) == spelled
