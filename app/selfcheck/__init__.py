"""The eligibility self-check engine. Pure Python, no Qt."""

from app.selfcheck.engine import (
    Answer,
    AnswerError,
    CriterionResult,
    CriterionStatus,
    NumberProblem,
    Outcome,
    SelfCheckResult,
    check_answer,
    check_answers,
    evaluate,
    parse_number,
    read_number,
)

__all__ = [
    "Answer",
    "AnswerError",
    "CriterionResult",
    "CriterionStatus",
    "NumberProblem",
    "Outcome",
    "SelfCheckResult",
    "check_answer",
    "check_answers",
    "evaluate",
    "parse_number",
    "read_number",
]
