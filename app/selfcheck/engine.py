"""The eligibility self-check: answers in, a verdict per criterion and an outcome out.

Pure functions of the record and the answers; nothing here keeps or writes answers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.digits import TO_LATIN
from app.record.enums import AssessedBy, OverallStatus, Verdict
from app.record.models import ChoiceQuestion, NumberQuestion, TrialRecord

#: One answer: an option id for a choice question, a number for a number question.
Answer = str | int

#: Patient-facing text, language code -> text (as in the record).
Text = Mapping[str, str]


class CriterionStatus(StrEnum):
    """Where one criterion stands after the self-check."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    SCREENING = "screening"  #: left to the study team's screening tests


class Outcome(StrEnum):
    """The overall result of the self-check. None of them is a promise of a place."""

    LIKELY_MATCH = "likely_match"
    MAY_MATCH = "may_match"
    DOES_NOT_MATCH = "does_not_match"


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's status and the plain reason for it.

    ``reason`` is None only for a screening criterion whose record gives no
    ``how_checked`` text; the interface then says "the study team will check this".
    """

    criterion_id: str
    status: CriterionStatus
    reason: Text | None
    question_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class SelfCheckResult:
    """The outcome, whether the study is enrolling, and every criterion behind it.

    ``answered`` holds the ids of the questions that have an answer (none: nothing was
    answered yet); ``study_status`` is the study's overall status, so that views can
    speak of a finished study in the past.
    """

    outcome: Outcome
    enrolling: bool
    criteria: tuple[CriterionResult, ...]
    answered: tuple[str, ...] = ()
    study_status: OverallStatus | None = None

    def with_status(self, status: CriterionStatus) -> tuple[CriterionResult, ...]:
        """The criteria that ended with ``status``, in record order."""
        return tuple(c for c in self.criteria if c.status is status)

    @property
    def deciding(self) -> tuple[CriterionResult, ...]:
        """The criteria behind the outcome: what rules out, or what is still open."""
        if self.outcome is Outcome.DOES_NOT_MATCH:
            return self.with_status(CriterionStatus.NOT_MET)
        if self.outcome is Outcome.MAY_MATCH:
            return self.with_status(CriterionStatus.UNKNOWN) + self.with_status(
                CriterionStatus.SCREENING
            )
        return self.with_status(CriterionStatus.MET)


class AnswerError(ValueError):
    """An answer that the record's questions cannot take.

    Attributes:
        question_id: the question the answer was for.
        problem: for a number question's answer, why the number cannot be kept.
        kind: what is wrong, for messages in other languages: ``unknown_question``,
            ``unknown_option``, ``not_number`` or ``out_of_range``.
        value: the answer as given.
    """

    def __init__(
        self,
        question_id: str,
        message: str,
        problem: NumberProblem | None = None,
        *,
        kind: str = "",
        value: object = None,
    ) -> None:
        self.question_id = question_id
        self.problem = problem
        self.kind = kind or (problem.value if problem is not None else "")
        self.value = value
        super().__init__(f"{question_id}: {message}")


_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")


class NumberProblem(StrEnum):
    """Why a typed number answer cannot be kept (one list for every place that reads one)."""

    EMPTY = "empty"  #: nothing typed
    NOT_NUMBER = "not_number"  #: not a whole number in any digits we read
    OUT_OF_RANGE = "out_of_range"  #: a number outside the question's range


def parse_number(text: str) -> int | None:
    """Read a whole number typed in Latin, Persian or Arabic-Indic digits (None if not one)."""
    normalized = text.translate(TO_LATIN)
    if not _INTEGER.match(normalized):
        return None
    return int(normalized)


def read_number(question: NumberQuestion, text: str) -> tuple[NumberProblem | None, int | None]:
    """Read what was typed for ``question``: (None, number) when it fits, else the problem."""
    if not text.strip():
        return NumberProblem.EMPTY, None
    value = parse_number(text)
    if value is None:
        return NumberProblem.NOT_NUMBER, None
    if not question.min_value <= value <= question.max_value:
        return NumberProblem.OUT_OF_RANGE, None
    return None, value


def check_answer(record: TrialRecord, question_id: str, value: object) -> Answer:
    """Validate one answer and return it in its canonical form.

    Raises:
        AnswerError: unknown question, unknown option, or a number out of range.
    """
    try:
        question = record.question(question_id)
    except KeyError:
        raise AnswerError(
            question_id, "there is no question with this id", kind="unknown_question"
        ) from None
    if isinstance(question, ChoiceQuestion):
        options = [o.id for o in question.options]
        if not isinstance(value, str) or value not in options:
            raise AnswerError(
                question_id,
                f"{value!r} is not an answer to this question; expected one of {options}",
                kind="unknown_option",
                value=value,
            )
        return value
    number: int | None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        number = parse_number(value)
    else:
        number = None
    if number is None:
        raise AnswerError(
            question_id, f"{value!r} is not a whole number", NumberProblem.NOT_NUMBER, value=value
        )
    if not question.min_value <= number <= question.max_value:
        raise AnswerError(
            question_id,
            f"{number} is outside {question.min_value} to {question.max_value}",
            NumberProblem.OUT_OF_RANGE,
            value=number,
        )
    return number


def check_answers(record: TrialRecord, raw: Mapping[str, object]) -> dict[str, Answer]:
    """Validate a whole answer set (question id -> answer).

    Raises:
        AnswerError: for the first answer that does not fit its question.
    """
    return {
        question_id: check_answer(record, question_id, value) for question_id, value in raw.items()
    }


def _judge(
    question: ChoiceQuestion | NumberQuestion, answer: Answer | None
) -> tuple[Verdict, Text]:
    if answer is None:
        return Verdict.UNKNOWN, question.unanswered_reason
    if isinstance(question, ChoiceQuestion):
        for option in question.options:
            if option.id == answer:
                return option.verdict, option.reason
        raise AnswerError(question.id, f"{answer!r} is not an answer to this question")
    if isinstance(answer, str):
        raise AnswerError(question.id, f"{answer!r} is not a whole number")
    for rule in question.rules:
        if rule.contains(answer):
            return rule.verdict, rule.reason
    return Verdict.NOT_MET, question.outside_reason


_RANK = {Verdict.NOT_MET: 0, Verdict.UNKNOWN: 1, Verdict.MET: 2}


def evaluate(record: TrialRecord, answers: Mapping[str, Answer]) -> SelfCheckResult:
    """Run the self-check. Unanswered questions count as ``unknown``.

    ``does_not_match`` if any criterion is not met; else ``may_match`` if any is unknown
    or left to screening; else ``likely_match``.

    Raises:
        AnswerError: an answer names an unknown question or option.
    """
    for question_id in answers:
        if not any(q.id == question_id for q in record.questions):
            raise AnswerError(
                question_id, "there is no question with this id", kind="unknown_question"
            )
    results: list[CriterionResult] = []
    for criterion in record.eligibility.criteria:
        if criterion.assessed_by is AssessedBy.STUDY_TEAM:
            results.append(
                CriterionResult(criterion.id, CriterionStatus.SCREENING, criterion.how_checked)
            )
            continue
        asked = [q for q in record.questions if q.criterion == criterion.id]
        judged = [_judge(q, answers.get(q.id)) for q in asked]
        # The worst verdict decides; its first reason explains it.
        verdict, reason = min(judged, key=lambda item: _RANK[item[0]])
        results.append(
            CriterionResult(
                criterion.id, CriterionStatus(verdict.value), reason, tuple(q.id for q in asked)
            )
        )
    statuses = {r.status for r in results}
    if CriterionStatus.NOT_MET in statuses:
        outcome = Outcome.DOES_NOT_MATCH
    elif statuses & {CriterionStatus.UNKNOWN, CriterionStatus.SCREENING}:
        outcome = Outcome.MAY_MATCH
    else:
        outcome = Outcome.LIKELY_MATCH
    answered = tuple(q.id for q in record.questions if answers.get(q.id) is not None)
    return SelfCheckResult(
        outcome, record.enrolling, tuple(results), answered, record.status.overall_status
    )
