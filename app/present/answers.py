"""What ``trialguide check`` says about an answers file it cannot take, in any language.

Values are written as JSON writes them (``null``, ``true``, ``["female"]``), since an
answers file is JSON; no bidi isolation characters are added (the text goes to a
terminal or a file, not to a screen that lays out mixed directions).
"""

from __future__ import annotations

import json

from app.i18n import N_
from app.present.text import say
from app.record import TrialRecord
from app.record.models import ChoiceQuestion, NumberQuestion
from app.selfcheck import AnswerError

MESSAGES: dict[str, str] = {
    "unknown_question": N_("{question}: the record has no question with this id."),
    "unknown_option": N_(
        "{question}: {value} is not an answer to this question. Use one of {options}, "
        "or null for no answer."
    ),
    "not_number": N_(
        "{question}: {value} is not a whole number. Give a number, or null for no answer."
    ),
    "out_of_range": N_("{question}: {value} is outside {low} to {high}."),
}
NOT_AN_OBJECT = N_("{path}: the answers must be a JSON object of question id and answer.")
BAD_ANSWER = N_("{path}: {problem}")


def json_text(value: object) -> str:
    """``value`` as JSON spells it (``null``, ``true``, ``["female"]``)."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return json.dumps(str(value), ensure_ascii=False)


def answer_error(record: TrialRecord, exc: AnswerError, path: str, lang: str) -> str:
    """An answers file's problem in ``lang``, values in JSON spelling."""
    message = MESSAGES.get(exc.kind)
    if message is None:
        return say(BAD_ANSWER, lang, path=path, problem=str(exc))
    values: dict[str, object] = {"question": exc.question_id, "value": json_text(exc.value)}
    try:
        question = record.question(exc.question_id)
    except KeyError:
        question = None
    if isinstance(question, ChoiceQuestion):
        values["options"] = json_text([o.id for o in question.options])
    if isinstance(question, NumberQuestion):
        values["low"], values["high"] = question.min_value, question.max_value
    values.setdefault("options", "[]")
    values.setdefault("low", "")
    values.setdefault("high", "")
    return say(BAD_ANSWER, lang, path=path, problem=say(message, lang, **values))


def not_an_object(path: str, lang: str) -> str:
    """The answers file is JSON, but not an object, in ``lang``."""
    return say(NOT_AN_OBJECT, lang, path=path)
