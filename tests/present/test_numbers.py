"""app/present/numbers.py and the engine's read_number: one list of problems, one wording."""

import pytest

from app.present.numbers import NumberProblem, number_hint, number_message, read_number
from app.record.models import NumberQuestion
from app.selfcheck import AnswerError, check_answer

P = NumberProblem


@pytest.fixture
def age(default_record) -> NumberQuestion:
    question = default_record.question("age")
    assert isinstance(question, NumberQuestion)
    return question


@pytest.mark.parametrize(
    ("typed", "problem", "value"),
    [
        ("", P.EMPTY, None),
        ("   ", P.EMPTY, None),
        ("abc", P.NOT_NUMBER, None),
        ("3.5", P.NOT_NUMBER, None),
        ("33", None, 33),
        ("۳۳", None, 33),
        ("٣٣", None, 33),
        ("-1", P.OUT_OF_RANGE, None),
        ("999", P.OUT_OF_RANGE, None),
    ],
)
def test_read_number(age, typed, problem, value):
    assert read_number(age, typed) == (problem, value)


@pytest.mark.parametrize(("typed", "problem"), [("abc", P.NOT_NUMBER), ("999", P.OUT_OF_RANGE)])
def test_the_engine_names_the_same_problem(default_record, age, typed, problem):
    with pytest.raises(AnswerError) as caught:
        check_answer(default_record, age.id, typed)
    assert caught.value.problem is problem
    assert read_number(age, typed)[0] is problem


@pytest.mark.parametrize(
    ("problem", "lang", "start"),
    [
        (P.NOT_NUMBER, "en", "That is not a number we can read."),
        (P.OUT_OF_RANGE, "en", "Please check the number. It should be from "),
        (P.NOT_NUMBER, "fa", ""),
        (P.OUT_OF_RANGE, "fa", ""),
    ],
)
def test_messages_in_both_languages(age, problem, lang, start):
    message = number_message(problem, age, lang)
    assert message.startswith(start) and message
    if lang == "fa":
        assert message != number_message(problem, age, "en")
        assert not any(ch.isascii() and ch.isdigit() for ch in message)  # Persian digits
    if problem is P.OUT_OF_RANGE:
        assert str(age.min_value) in number_message(problem, age, "en")


@pytest.mark.parametrize("problem", [None, P.EMPTY])
def test_nothing_to_say(age, problem):
    assert number_message(problem, age, "en") == ""


@pytest.mark.parametrize("key", ["next", "enter"])
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_hints(age, key, lang):
    hint = number_hint(age, lang, key)
    assert hint
    if lang == "en":
        assert hint.endswith(f"then press {key.capitalize()}.")
        assert f"from {age.min_value} to {age.max_value}" in hint
