"""Every patient-facing text of a record, named by a stable path, for the translator round trip.

A text's *key* is built from ids where the record has them and from positions where it
has none: ``identification.plain_title``, ``eligibility.criteria[amh].plain``,
``questions[age].options[yes].label``, ``arms[0].plain``. The key names the PO entry
(its ``msgctxt``) and the text's line in the record's ``translations:`` map, which
keeps, per language, the digest of the English each translation was made from
(:func:`english_digest`), so that a changed English shows its translation as stale.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import BaseModel

from app.record.issues import Issue, Path
from app.record.models import GLOSSARY_MARK, TrialRecord

#: The language every translation is made from.
SOURCE_LANGUAGE = "en"
#: ``translations`` value of a translator's draft that still needs review.
FUZZY = "fuzzy"


def english_digest(text: str) -> str:
    """The first 12 hex digits of the SHA-256 of ``text`` (UTF-8): short, readable, enough."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def glossary_ids(text: str) -> list[str]:
    """The glossary ids marked in ``text``, sorted (``[[ovary|ovaries]]`` gives ``ovary``)."""
    return sorted(match.group(1) for match in GLOSSARY_MARK.finditer(text))


@dataclass(frozen=True)
class TextEntry:
    """One patient-facing text: its key, where it sits in the record, what it is for."""

    #: ``eligibility.criteria[amh].plain``
    key: str
    #: Keys and list indexes from the record's root, as in the YAML.
    path: Path
    #: Language -> text.
    text: dict[str, str]
    #: What the text is for, in words for a translator.
    role: str
    #: More that a translator should know: the registry's wording, the question asked.
    context: tuple[str, ...] = field(default=())


# What each kind of text is for, by model and field.
_ROLES: dict[tuple[str, str], str] = {
    ("Identification", "plain_title"): "The study's title in plain words (top of the first "
    "screen and of the printed handout).",
    ("Identification", "short_title"): "A short name for the study, for headings: a few words.",
    ("Organization", "plain"): "The sponsor's name as patients know it.",
    ("Arm", "plain"): "What one study group did, in plain words.",
    ("Outcome", "plain"): "What the study measured, in plain words.",
    ("Criterion", "plain"): "One eligibility rule in plain words.",
    ("Criterion", "how_checked"): "How the study team checks this rule at the screening "
    "visit (the patient is not asked).",
    ("Location", "plain"): "A study site: its name and town, as patients know them.",
    ("PatientContent", "summary"): "What the study is about: the first text a patient reads.",
    ("PatientContent", "who_can_take_part"): "Who can take part, in one or two sentences.",
    ("PatientContent", "enrolling_note"): "Whether the study takes new people now.",
    ("PatientContent", "after_selfcheck"): "Shown after the self-check: what to do next.",
    ("PatientContent", "contact"): "How to reach the study team.",
    ("ProcedureStep", "title"): "The title of one step of taking part: a few words.",
    ("ProcedureStep", "when"): "When this step happens.",
    ("ProcedureStep", "what"): "What happens at this step.",
    ("ProcedureStep", "duration"): "How long this step takes: a few words.",
    ("ProcedureStep", "where"): "Where this step happens: a few words.",
    ("OutcomeTexts", "likely_match"): "Self-check result when every answer fits the study.",
    ("OutcomeTexts", "may_match"): "Self-check result when some answers are unknown or left "
    "to the study team.",
    ("OutcomeTexts", "does_not_match"): "Self-check result when an answer does not fit.",
    ("GlossaryTerm", "term"): "A medical term in the glossary: the term itself.",
    ("GlossaryTerm", "expansion"): "What the term's abbreviation stands for.",
    ("GlossaryTerm", "definition"): "The glossary's explanation of the term, in plain words.",
    ("ChoiceQuestion", "text"): "A self-check question the patient answers by tapping.",
    ("NumberQuestion", "text"): "A self-check question the patient answers with a number.",
    ("ChoiceQuestion", "why"): "Why the question is asked (shown under it).",
    ("NumberQuestion", "why"): "Why the question is asked (shown under it).",
    ("ChoiceQuestion", "unanswered_reason"): "Result screen text when the patient skipped "
    "this question.",
    ("NumberQuestion", "unanswered_reason"): "Result screen text when the patient skipped "
    "this question.",
    ("NumberQuestion", "unit"): "The unit of the number the patient types (a word or two).",
    ("NumberQuestion", "outside_reason"): "Result screen text when the number is outside "
    "every range the study accepts.",
    ("ChoiceOption", "label"): "An answer button: a few words.",
    ("ChoiceOption", "reason"): "Result screen text when the patient chose this answer.",
    ("RangeRule", "reason"): "Result screen text when the patient's number is in this range.",
}


def _en(text: object) -> str:
    return text.get(SOURCE_LANGUAGE, "") if isinstance(text, dict) else ""


def _context(model: BaseModel, parents: tuple[BaseModel, ...], field: str) -> tuple[str, ...]:
    """Lines about the text's surroundings: a rule's registry wording, a question asked."""
    lines: list[str] = []
    for item in (*parents, model):
        name = type(item).__name__
        if name == "Criterion":
            kind = getattr(item, "kind", None)
            kind_words = {
                "INCLUSION": "inclusion rule: the study takes people who meet it",
                "EXCLUSION": "exclusion rule: the study does not take people who meet it",
            }.get(str(getattr(kind, "value", kind)), "rule")
            lines.append(f"This is an {kind_words}.")
            lines.append(f"Registry wording: {getattr(item, 'official', '')}")
        elif name in {"ChoiceQuestion", "NumberQuestion"} and (
            item is not model or field != "text"
        ):
            lines.append(f"The question: {_en(getattr(item, 'text', None))}")
        elif name == "GlossaryTerm":
            lines.append(f"The term: {_en(getattr(item, 'term', None))}")
        elif name == "ProcedureStep":
            lines.append(f"The step: {_en(getattr(item, 'title', None))}")
        elif name == "RangeRule":
            low, high = getattr(item, "min", None), getattr(item, "max", None)
            lines.append(
                f"The range: {'any' if low is None else f'{low:g}'} to "
                f"{'any' if high is None else f'{high:g}'}"
            )
    return tuple(lines)


def _walk(
    value: object, path: Path, key: str, parents: tuple[BaseModel, ...]
) -> Iterator[TextEntry]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            child = getattr(value, name)
            child_key = f"{key}.{name}" if key else name
            if isinstance(child, dict) and all(isinstance(v, str) for v in child.values()):
                if name == "translations" or not child:
                    continue
                role = _ROLES.get((type(value).__name__, name), "Patient-facing text.")
                context = _context(value, parents, name)
                yield TextEntry(child_key, (*path, name), dict(child), role, context)
            else:
                yield from _walk(child, (*path, name), child_key, (*parents, value))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            item_id = getattr(item, "id", None)
            label = item_id if isinstance(item_id, str) else str(index)
            yield from _walk(item, (*path, index), f"{key}[{label}]", parents)


def text_entries(record: TrialRecord) -> list[TextEntry]:
    """Every patient-facing text of ``record``, in the record's order."""
    return list(_walk(record, (), "", ()))


def translation_state(record: TrialRecord, entry: TextEntry, lang: str) -> str:
    """``missing``, ``stale`` (the English changed, or a draft), ``current`` or ``untracked``.

    ``untracked``: the text has a translation but the record does not say which English
    it was made from (a record written before ``translations:``, or by hand).
    """
    if lang not in entry.text:
        return "missing"
    made_from = record.translations.get(lang, {}).get(entry.key)
    if made_from is None:
        return "untracked"
    if made_from == FUZZY or made_from != english_digest(entry.text.get(SOURCE_LANGUAGE, "")):
        return "stale"
    return "current"


def check_translations(record: TrialRecord) -> Iterator[Issue]:
    """Problems with the ``translations:`` map that make a record unusable.

    Each language must be declared and must not be English (the source language).
    """
    for lang in record.translations:
        where: Path = ("translations", lang)
        if lang == SOURCE_LANGUAGE:
            yield Issue(where, "English is the language translations are made from, not into")
        elif lang not in record.languages:
            yield Issue(where, f"{lang} is not one of the record's languages")


def translation_findings(record: TrialRecord) -> Iterator[Issue]:
    """Lint findings (``validate --strict``): stale translations and keys naming no text."""
    entries = text_entries(record)
    keys = {entry.key for entry in entries}
    for lang, made_from in record.translations.items():
        for key in made_from:
            if key not in keys:
                yield Issue(
                    ("translations", lang, key),
                    "names no patient-facing text (removed or renamed?): delete this line, "
                    "or run `trialguide translate import`, which drops it",
                )
    for entry in entries:
        for lang in record.languages:
            if lang == SOURCE_LANGUAGE:
                continue
            if translation_state(record, entry, lang) == "stale":
                draft = record.translations[lang][entry.key] == FUZZY
                why = (
                    "is a translator's draft (fuzzy) that still needs review"
                    if draft
                    else "was made from an earlier English that has changed since"
                )
                yield Issue(
                    (*entry.path, lang),
                    f"the {lang} text {why}: send it to the translator again "
                    f"(`trialguide translate export`)",
                )
