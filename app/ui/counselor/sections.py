"""What the counselor view shows, section by section: plain texts and their official twins.

A :class:`Section` is a titled list of :class:`Item` rows. An item renders its plain
language text as Qt rich text in any of the record's languages (glossary marks become
``term:`` links, Persian blocks are right to left) and carries the registry's own words,
verbatim and in English, where the record has an official twin for it. Nothing here
builds widgets: :mod:`app.ui.counselor.parallel` lays the items out side by side.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.i18n import N_, is_rtl, localize
from app.i18n.enums import enum_label
from app.i18n.format import format_number
from app.present.text import outcome_title, shown_text, tr
from app.record import TrialRecord
from app.record.enums import CriterionKind
from app.record.models import Arm, Criterion, Intervention, ProcedureStep
from app.record.models import Outcome as Measure
from app.selfcheck import Outcome
from app.ui.text import official_html, to_html

#: Section titles (translated into each column's language when shown).
TITLES: dict[str, str] = {
    "summary": N_("About the study"),
    "who": N_("Who the study is for"),
    "groups": N_("Study groups and treatments"),
    "steps": N_("What taking part involves, step by step"),
    "inclusion": N_("What the study needs (inclusion criteria)"),
    "exclusion": N_("What rules a person out (exclusion criteria)"),
    "unsorted": N_("Criteria not yet sorted as inclusion or exclusion"),
    "measures": N_("What the study measures"),
    "results": N_("What the self-check result says"),
    "next": N_("What happens next"),
    "contact": N_("Who to contact"),
    "glossary": N_("Glossary"),
}

_STEP = N_("Step {number} of {total}")
_WHEN = N_("When")
_WHAT = N_("What happens")
_HOW_LONG = N_("How long")
_WHERE = N_("Where")
_MAIN_MEASURE = N_("Main result the study measures")
_OTHER_MEASURE = N_("Other result the study measures")
_CRITERION_KIND = N_("{kind} · {who}")

_ONE_PARAGRAPH = re.compile(r'^<p dir="(?:ltr|rtl)">(.*)</p>$', re.DOTALL)

#: A record text as rich text in a language.
Render = Callable[[str], str]


@dataclass(frozen=True)
class Item:
    """One row: a plain-language text in every language, and its official twin if any.

    Attributes:
        key: A stable id (``"criterion:age"``), for tests and scrolling.
        render: Language code -> Qt rich text of the plain-language text.
        official: The registry's words, verbatim (plain text), or ``None``.
    """

    key: str
    render: Render
    official: str | None = None


@dataclass(frozen=True)
class Section:
    """A titled group of rows; its title is a gettext message."""

    key: str
    title: str
    items: tuple[Item, ...]


# -- rich text pieces ------------------------------------------------------------------
def _dir(lang: str) -> str:
    return "rtl" if is_rtl(lang) else "ltr"


def _inline(record: TrialRecord, text: Mapping[str, str], lang: str) -> str:
    """A one-paragraph record text as inline rich text (without its ``<p>``)."""
    rich = to_html(text, lang, record)
    match = _ONE_PARAGRAPH.match(rich)
    return match.group(1) if match and "<p" not in match.group(1) else rich


def _bold(text: str, lang: str) -> str:
    """An already-typeset line (interface words) in bold."""
    return f'<p dir="{_dir(lang)}"><b>{html.escape(text)}</b></p>'


def _small(text: str, lang: str) -> str:
    """A smaller line: a label above a text. No colour of its own, so it reads in any theme."""
    return f'<p dir="{_dir(lang)}"><small>{html.escape(text)}</small></p>'


def _labeled(record: TrialRecord, label: str, text: Mapping[str, str], lang: str) -> str:
    """A run-in label above a record text: the label on one line, the text below it."""
    body = _inline(record, text, lang)
    if body.startswith("<"):
        return f'<p dir="{_dir(lang)}"><b>{html.escape(label)}</b></p>{body}'
    return f'<p dir="{_dir(lang)}"><b>{html.escape(label)}</b><br>{body}</p>'


def _official(*parts: str | None) -> str | None:
    """Registry fields joined by blank lines (``None`` when all are empty)."""
    text = "\n\n".join(p.strip() for p in parts if p and p.strip())
    return text or None


# -- items -----------------------------------------------------------------------------
def _text_item(
    record: TrialRecord, key: str, text: Mapping[str, str], official: str | None = None
) -> Item:
    return Item(key, lambda lang: to_html(text, lang, record), official)


def _arm_item(record: TrialRecord, arm: Arm) -> Item:
    interventions = [i for i in record.interventions if i.name in arm.interventions]
    official = _official(
        arm.label,
        arm.description,
        *(_official(i.name, i.description) for i in interventions),
    )

    def render(lang: str) -> str:
        title = _bold(enum_label(arm.type, lang), lang) if arm.type else ""
        body = to_html(arm.plain, lang, record) if arm.plain else ""
        return title + body

    return Item(f"arm:{arm.label}", render, official)


def _intervention_item(intervention: Intervention) -> Item:
    """A treatment no study group names: its kind in plain words, the registry's words."""

    def render(lang: str) -> str:
        return _bold(enum_label(intervention.type, lang), lang)

    official = _official(intervention.name, intervention.description)
    return Item(f"intervention:{intervention.name}", render, official)


def _step_item(record: TrialRecord, step: ProcedureStep, number: int, total: int) -> Item:
    def render(lang: str) -> str:
        counter = tr(
            _STEP, lang, number=format_number(number, lang), total=format_number(total, lang)
        )
        parts = [_small(counter, lang), _bold(shown_text(record, step.title, lang), lang)]
        for label, text in (
            (_WHEN, step.when),
            (_WHAT, step.what),
            (_HOW_LONG, step.duration),
            (_WHERE, step.where),
        ):
            if text:
                parts.append(_labeled(record, tr(label, lang), text, lang))
        return "".join(parts)

    return Item(f"step:{step.id}", render)


def _criterion_item(record: TrialRecord, criterion: Criterion) -> Item:
    def render(lang: str) -> str:
        kind = tr(
            _CRITERION_KIND,
            lang,
            kind=enum_label(criterion.kind, lang),
            who=enum_label(criterion.assessed_by, lang),
        )
        if criterion.plain is not None:
            body = to_html(criterion.plain, lang, record)
        else:  # a draft: only the registry's words exist (a group's options as a list)
            body = official_html(criterion.official)
        if criterion.subgroup:  # the registry's sub-heading, in its words
            body = f'<p dir="ltr"><b>{html.escape(criterion.subgroup)}</b></p>' + body
        return _small(kind, lang) + body

    return Item(f"criterion:{criterion.id}", render, criterion.official)


def _measure_item(record: TrialRecord, measure: Measure, primary: bool, index: int) -> Item:
    def render(lang: str) -> str:
        label = _small(tr(_MAIN_MEASURE if primary else _OTHER_MEASURE, lang), lang)
        body = to_html(measure.plain, lang, record) if measure.plain else ""
        return label + body

    official = _official(measure.measure, measure.time_frame, measure.description)
    return Item(f"measure:{index}", render, official)


def _result_item(record: TrialRecord, outcome: Outcome, text: Mapping[str, str]) -> Item:
    def render(lang: str) -> str:
        return _bold(outcome_title(outcome, lang), lang) + to_html(text, lang, record)

    return Item(f"result:{outcome.value}", render)


def _contact_official(record: TrialRecord) -> str | None:
    lines: list[str] = []
    for contact in record.contacts:
        lines.append(", ".join(x for x in (contact.name, contact.phone, contact.email) if x))
    for location in record.locations:
        place = (location.facility, location.city, location.state, location.country)
        lines.append(", ".join(x for x in place if x))
        for contact in location.contacts:
            lines.append(", ".join(x for x in (contact.name, contact.phone, contact.email) if x))
    for person in record.investigators:
        role = enum_label(person.role, "en")
        lines.append(", ".join(x for x in (person.name, role, person.affiliation) if x))
    return "\n".join(lines) or None


def _contact_item(record: TrialRecord, text: Mapping[str, str]) -> Item:
    def render(lang: str) -> str:
        places = "".join(
            f'<p dir="{_dir(lang)}">{html.escape(localize(loc.plain, lang))}</p>'
            for loc in record.locations
            if loc.plain is not None
        )
        return to_html(text, lang, record) + places

    return Item("contact", render, _contact_official(record))


def _term_item(record: TrialRecord, term_id: str) -> Item:
    term = record.glossary_term(term_id)

    def render(lang: str) -> str:
        head = _bold(localize(term.term, lang), lang)
        if term.expansion:
            head += _small(localize(term.expansion, lang), lang)
        return head + to_html(term.definition, lang, record)

    return Item(f"term:{term_id}", render)


def build_sections(record: TrialRecord) -> tuple[Section, ...]:
    """Every section of the counselor view, in reading order (empty ones left out)."""
    patient = record.patient
    sections: list[Section] = []

    def add(key: str, items: list[Item]) -> None:
        if items:
            sections.append(Section(key, TITLES[key], tuple(items)))

    if patient is not None:
        add(
            "summary",
            [
                _text_item(record, "summary", patient.summary, record.official.brief_summary),
                _text_item(record, "enrolling_note", patient.enrolling_note),
            ],
        )
        add("who", [_text_item(record, "who", patient.who_can_take_part)])
    else:
        add("summary", [Item("summary", lambda _lang: "", record.official.brief_summary)])
    groups = [_arm_item(record, arm) for arm in record.arms]
    in_arms = {name for arm in record.arms for name in arm.interventions}
    groups += [_intervention_item(i) for i in record.interventions if i.name not in in_arms]
    add("groups", groups)
    if patient is not None:
        total = len(patient.procedures)
        add(
            "steps",
            [_step_item(record, s, n, total) for n, s in enumerate(patient.procedures, 1)],
        )
    criteria = record.eligibility.criteria
    add(
        "inclusion",
        [_criterion_item(record, c) for c in criteria if c.kind is CriterionKind.INCLUSION],
    )
    add(
        "exclusion",
        [_criterion_item(record, c) for c in criteria if c.kind is CriterionKind.EXCLUSION],
    )
    add(
        "unsorted",
        [_criterion_item(record, c) for c in criteria if c.kind is CriterionKind.UNSPECIFIED],
    )
    outcomes = record.outcomes
    measures = [(m, True) for m in outcomes.primary]
    measures += [(m, False) for m in (*outcomes.secondary, *outcomes.other)]
    add("measures", [_measure_item(record, m, p, i) for i, (m, p) in enumerate(measures)])
    if patient is not None:
        texts = patient.outcome_texts
        add("results", [_result_item(record, o, getattr(texts, o.value)) for o in Outcome])
        add("next", [_text_item(record, "next", patient.after_selfcheck)])
        add("contact", [_contact_item(record, patient.contact)])
        add("glossary", [_term_item(record, term.id) for term in patient.glossary])
    return tuple(sections)
