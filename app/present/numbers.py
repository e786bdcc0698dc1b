"""Number answers: the one list of problems (:class:`NumberProblem`) and their messages.

The self-check screen's field, the counselor's question editor and the engine all read a
typed number with :func:`app.selfcheck.read_number`; what they say about it is here.
"""

from __future__ import annotations

from app.i18n import N_
from app.i18n.format import format_number
from app.present.text import say
from app.record.models import NumberQuestion
from app.selfcheck import NumberProblem, read_number

__all__ = ["NumberProblem", "number_hint", "number_message", "read_number"]

#: What each problem says; an empty field says nothing.
MESSAGES: dict[NumberProblem, str] = {
    NumberProblem.NOT_NUMBER: N_(
        "That is not a number we can read. Please type it with digits only."
    ),
    NumberProblem.OUT_OF_RANGE: N_("Please check the number. It should be from {low} to {high}."),
}

#: The hint under a number field, by the key that stores the answer.
HINTS: dict[str, str] = {
    "next": N_("Type a number from {low} to {high}, then press Next."),
    "enter": N_("Type a number from {low} to {high}, then press Enter."),
}


def _range(question: NumberQuestion, lang: str) -> dict[str, object]:
    return {
        "low": format_number(question.min_value, lang),
        "high": format_number(question.max_value, lang),
    }


def number_message(problem: NumberProblem | None, question: NumberQuestion, lang: str) -> str:
    """Why a typed number was not kept, kindly, in ``lang`` ("" when nothing is wrong)."""
    message = MESSAGES.get(problem) if problem is not None else None
    if message is None:
        return ""
    return say(message, lang, **_range(question, lang))


def number_hint(question: NumberQuestion, lang: str, key: str = "next") -> str:
    """What the field takes ("Type a number from 18 to 40, then press Next.") in ``lang``."""
    return say(HINTS[key], lang, **_range(question, lang))
