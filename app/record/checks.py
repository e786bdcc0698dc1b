"""Cross-reference checks that a field-by-field schema cannot express.

Every problem is reported with the field path of the offending value, in the same
``eligibility.criteria[3].plain.fa`` form as the schema's own errors.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pydantic import BaseModel

from app.record.characters import text_problems
from app.record.enums import AssessedBy
from app.record.issues import Issue, Path
from app.record.models import (
    GLOSSARY_MARK,
    ChoiceQuestion,
    NumberQuestion,
    TrialRecord,
)
from app.record.text_paths import check_translations


def _duplicates(ids: Sequence[str], prefix: Path, what: str) -> Iterator[Issue]:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            yield Issue((*prefix, index, "id"), f"duplicate {what} id {item_id!r}")
        seen.add(item_id)


def iter_texts(value: object, path: Path = ()) -> Iterator[tuple[Path, str, str]]:
    """Yield ``(path, language, text)`` for every patient-facing text under ``value``."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_texts(getattr(value, name), (*path, name))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from iter_texts(item, (*path, index))
    elif isinstance(value, dict):
        for lang, text in value.items():
            if isinstance(text, str):
                yield (*path, lang), lang, text


def check_record(record: TrialRecord) -> list[Issue]:
    """Return every cross-reference problem in ``record`` (empty when it is consistent)."""
    issues: list[Issue] = []
    if len(set(record.languages)) != len(record.languages):
        issues.append(Issue(("languages",), "a language is listed twice"))

    criteria = record.eligibility.criteria
    issues += _duplicates([c.id for c in criteria], ("eligibility", "criteria"), "criterion")
    issues += _duplicates([q.id for q in record.questions], ("questions",), "question")

    criterion_ids = {c.id for c in criteria}
    asked: set[str] = set()
    for qi, question in enumerate(record.questions):
        where: Path = ("questions", qi)
        if question.criterion not in criterion_ids:
            issues.append(
                Issue(
                    (*where, "criterion"),
                    f"question {question.id!r} points at criterion {question.criterion!r}, "
                    "which the record does not have",
                )
            )
        else:
            asked.add(question.criterion)
            if record.criterion(question.criterion).assessed_by is not AssessedBy.PATIENT:
                issues.append(
                    Issue(
                        (*where, "criterion"),
                        f"criterion {question.criterion!r} is checked by the study team "
                        "(assessed_by: STUDY_TEAM), so no question may ask about it",
                    )
                )
        if isinstance(question, ChoiceQuestion):
            issues += _duplicates([o.id for o in question.options], (*where, "options"), "option")
        if isinstance(question, NumberQuestion):
            issues += _check_number_question(question, where)

    for ci, criterion in enumerate(criteria):
        if criterion.assessed_by is AssessedBy.PATIENT and criterion.id not in asked:
            issues.append(
                Issue(
                    ("eligibility", "criteria", ci, "assessed_by"),
                    f"criterion {criterion.id!r} is assessed by the patient, "
                    "but no question asks about it",
                )
            )

    if record.patient is not None:
        patient = record.patient
        issues += _duplicates(
            [p.id for p in patient.procedures], ("patient", "procedures"), "procedure step"
        )
        issues += _duplicates([g.id for g in patient.glossary], ("patient", "glossary"), "term")
        arm_labels = {arm.label for arm in record.arms}
        for si, step in enumerate(patient.procedures):
            for ai, label in enumerate(step.arms):
                if label not in arm_labels:
                    issues.append(
                        Issue(
                            ("patient", "procedures", si, "arms", ai),
                            f"no study group is labelled {label!r}",
                        )
                    )

    term_ids = {g.id for g in record.patient.glossary} if record.patient else set()
    for path, _lang, text in iter_texts(record):
        for mark in GLOSSARY_MARK.finditer(text):
            if mark.group(1) not in term_ids:
                issues.append(
                    Issue(path, f"[[{mark.group(1)}]] marks a term the glossary does not define")
                )

    issues += text_problems(record)
    issues += check_translations(record)

    eligibility = record.eligibility
    if (
        eligibility.minimum_age
        and eligibility.maximum_age
        and eligibility.minimum_age.unit == eligibility.maximum_age.unit
        and eligibility.minimum_age.value > eligibility.maximum_age.value
    ):
        issues.append(
            Issue(("eligibility", "maximum_age"), "the maximum age is below the minimum age")
        )
    return issues


def _check_number_question(question: NumberQuestion, where: Path) -> Iterator[Issue]:
    if question.min_value > question.max_value:
        yield Issue((*where, "max_value"), "max_value is below min_value")
    for ri, rule in enumerate(question.rules):
        if rule.min is not None and rule.max is not None and rule.min > rule.max:
            yield Issue((*where, "rules", ri, "max"), "the rule's max is below its min")
