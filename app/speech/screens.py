"""Each screen's texts in reading order, built from app/present and the record.

One function per screen; :func:`app.speech.script.script_for_screen` picks it.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCollator

from app.i18n import localize, pick, qlocale
from app.i18n.enums import enum_explanation, enum_label
from app.i18n.format import format_date, format_number
from app.present.criteria import criteria_view
from app.present.numbers import number_hint
from app.present.outcome import headline, no_answers_prompt, outcome_text, who_decides
from app.present.sites import sites_text
from app.present.steps import step_group, steps, steps_intro
from app.present.text import say, sponsor_name, stopped_explanation
from app.present.titles import plain_title
from app.record import TrialRecord
from app.record.models import ChoiceQuestion, NumberQuestion
from app.selfcheck import Answer, evaluate
from app.speech.utterance import ScriptBuilder as _Script
from app.speech.words import (
    ABOUT,
    ABOUT_THIS,
    ASK_STAFF,
    CONTACT,
    CONTACT_FIELDS,
    DESCRIPTION,
    DETAILS,
    DETAILS_INTRO,
    DETAILS_LANGUAGE,
    ENDS,
    ENROLLING,
    FACT_NAMES,
    GLOSSARY,
    GLOSSARY_INTRO,
    KEY_FACTS,
    NEXT,
    NO_QUESTIONS,
    NOT_ENROLLING,
    PEOPLE,
    PROCEDURES,
    QUESTION_OF,
    REACH,
    REGISTRY_HINT,
    REGISTRY_LANGUAGE,
    REGISTRY_NUMBER,
    RESULT,
    SKIP_NOTE,
    STARTS,
    STEP_FIELDS,
    STEP_OF,
    SUMMARY,
    WHAT_THIS_IS,
    WHO_FOR,
    WHY_STOPPED,
    WHY_WE_ASK,
)


def _welcome(s: _Script) -> None:
    record = s.record
    s.add("identification.plain_title", plain_title(record, s.lang), "welcome")
    s.ui("welcome", "what_this_is", WHAT_THIS_IS)
    s.add("ui.welcome.status", enum_label(record.status.overall_status, s.lang), "notice")
    if record.patient is not None:
        s.add("patient.enrolling_note", record.patient.enrolling_note, "notice")
    else:
        s.ui("welcome", "enrolling", ENROLLING if record.enrolling else NOT_ENROLLING, "notice")


def _facts(s: _Script) -> None:
    record, lang = s.record, s.lang
    status = record.status
    if status.phases:
        phases = " / ".join(enum_label(p, lang) for p in status.phases)
        s.named("about.phase", FACT_NAMES["phase"], phases, "facts")
        for phase in status.phases:
            s.add(f"ui.about.phase[{phase.value}]", enum_explanation(phase, lang), "facts")
    if status.enrollment is not None:
        count = format_number(status.enrollment.count, lang)
        people = say(PEOPLE.get(status.enrollment.type, PEOPLE[None]), lang, count=count)
        s.named("about.participants", FACT_NAMES["participants"], people, "facts")
    for key, date, names in (
        ("start", status.start, STARTS),
        ("completion", status.completion, ENDS),
    ):
        if date is not None:
            name = names.get(date.type, names[None])
            s.named(f"about.{key}", name, format_date(date.date, lang), "facts")
    s.named("about.sponsor", FACT_NAMES["sponsor"], sponsor_name(record, lang), "facts")
    if record.locations:
        s.named("about.where", FACT_NAMES["where"], sites_text(record, lang), "facts")


def _about(s: _Script) -> None:
    record = s.record
    patient = record.patient
    s.ui("about", "heading", ABOUT)
    if patient is not None:
        s.add("patient.summary", patient.summary, "summary")
    else:
        s.add("official.brief_summary", record.official.brief_summary, "summary", REGISTRY_LANGUAGE)
    status = record.status
    explanation = stopped_explanation(status.overall_status, status.why_stopped, s.lang)
    if explanation is not None:
        s.ui("about", "why_stopped", WHY_STOPPED, "stopped")
        s.add("ui.about.stopped", explanation, "stopped")
        s.add("status.why_stopped", status.why_stopped, "stopped", REGISTRY_LANGUAGE)
    s.ui("about", "who_heading", WHO_FOR, "who")
    if patient is not None:
        s.add("patient.who_can_take_part", patient.who_can_take_part, "who")
    else:
        s.add(
            "eligibility.criteria_text", record.eligibility.criteria_text, "who", REGISTRY_LANGUAGE
        )
    s.ui("about", "facts_heading", KEY_FACTS, "facts")
    _facts(s)


def _procedures(s: _Script) -> None:
    record, lang = s.record, s.lang
    words = steps_intro(record, lang)
    s.ui("procedures", "heading", PROCEDURES)
    s.add("ui.procedures.intro", words.intro, "procedures")
    s.add("ui.procedures.ended_note", words.ended_note, "procedures")
    s.add("ui.procedures.not_given", words.not_given, "procedures")
    all_steps = steps(record)
    total = format_number(len(all_steps), lang)
    for index, step in enumerate(all_steps):
        base = f"patient.procedures[{step.id}]"
        section = f"step[{step.id}]"
        number = format_number(index + 1, lang)
        s.add(
            f"ui.procedures.step[{step.id}].number",
            say(STEP_OF, lang, number=number, total=total),
            section,
        )
        s.add(f"{base}.title", localize(step.title, lang), section)
        badge, note = step_group(record, step, lang)
        s.add(f"ui.procedures.step[{step.id}].arms", badge, section)
        s.add(f"ui.procedures.step[{step.id}].arms_note", note, section)
        for field, name in STEP_FIELDS.items():
            value = getattr(step, field)
            if value:
                s.add(f"ui.procedures.step[{step.id}].{field}_name", say(name, lang), section)
                s.add(f"{base}.{field}", value, section)


def _selfcheck(s: _Script, question_id: str | None, answers: Mapping[str, Answer]) -> None:
    record, lang = s.record, s.lang
    questions = record.questions
    if not questions:
        s.ui("selfcheck", "none", NO_QUESTIONS)
        return
    index = 0
    if question_id is not None:
        ids = [q.id for q in questions]
        if question_id not in ids:
            raise KeyError(question_id)
        index = ids.index(question_id)
    question = questions[index]
    base = f"questions[{question.id}]"
    section = f"question[{question.id}]"
    total = format_number(len(questions), lang)
    s.add(
        f"ui.selfcheck.question[{question.id}].number",
        say(QUESTION_OF, lang, number=format_number(index + 1, lang), total=total),
        section,
    )
    s.add(f"{base}.text", question.text, section)
    why = say(WHY_WE_ASK, lang, reason=pick(question.why, lang))
    s.add(f"ui.selfcheck.question[{question.id}].why", why, section)
    if isinstance(question, ChoiceQuestion):
        for option in question.options:
            s.add(f"{base}.options[{option.id}].label", option.label, section)
    elif isinstance(question, NumberQuestion):
        s.add(f"{base}.unit", question.unit, section)
        s.add(
            f"ui.selfcheck.question[{question.id}].hint",
            number_hint(question, lang, "next"),
            section,
        )
    s.ui("selfcheck", "skip_note", SKIP_NOTE, section)
    del answers  # the question is read the same whatever was answered


def _result(s: _Script, answers: Mapping[str, Answer]) -> None:
    record, lang = s.record, s.lang
    result = evaluate(record, answers)
    answered = bool(answers)
    s.ui("result", "heading", RESULT)
    patient = record.patient
    if not answered:
        s.add("ui.result.prompt", no_answers_prompt(result, lang), "prompt")
    else:
        top = headline(result, lang)
        s.add("ui.result.title", top.title, "headline")
        s.add(
            f"patient.outcome_texts.{result.outcome.value}",
            outcome_text(record, result.outcome),
            "headline",
        )
        s.add("ui.result.only_team", top.only_team, "headline")
    top = headline(result, lang)
    s.add("ui.result.enrolling", top.enrolling, "enrolling")
    if patient is not None:
        s.add("patient.enrolling_note", patient.enrolling_note, "enrolling")
    view = criteria_view(record, result, lang, answered=answered)
    s.add("ui.result.criteria_heading", view.heading, "criteria")
    s.add("ui.result.criteria_intro", view.intro, "criteria")
    others = False
    for group in view.groups:
        if group.starts_others and not others:
            s.add("ui.result.other_heading", view.other_heading, "criteria")
            others = True
        status = group.status.value
        s.add(f"ui.result.group[{status}]", group.label, f"group[{status}]")
        s.add(f"ui.result.group[{status}].explanation", group.explanation, f"group[{status}]")
        for entry in group.entries:
            cid = entry.criterion_id
            section = f"criterion[{cid}]"
            criterion = record.criterion(cid)
            if not group.compact:
                s.add(f"ui.result.criterion[{cid}].status", entry.label, section)
            if criterion.plain:
                s.add(f"eligibility.criteria[{cid}].plain", criterion.plain, section)
            else:
                s.add(
                    f"eligibility.criteria[{cid}].official",
                    criterion.official,
                    section,
                    REGISTRY_LANGUAGE,
                )
            if not group.compact:
                s.add(f"ui.result.criterion[{cid}].reason", entry.reason, section)
    if patient is not None:
        s.ui("result", "next_heading", NEXT, "next")
        s.add("patient.after_selfcheck", patient.after_selfcheck, "next")


def _details(s: _Script) -> None:
    record = s.record
    s.ui("details", "heading", DETAILS)
    s.ui("details", "intro", DETAILS_INTRO)
    if s.lang != REGISTRY_LANGUAGE:
        s.ui("details", "language_note", DETAILS_LANGUAGE)
    s.ui("details", "summary_heading", SUMMARY, "summary")
    s.add("official.brief_summary", record.official.brief_summary, "summary", REGISTRY_LANGUAGE)
    if record.official.detailed_description:
        s.ui("details", "description_heading", DESCRIPTION, "description")
        s.add(
            "official.detailed_description",
            record.official.detailed_description,
            "description",
            REGISTRY_LANGUAGE,
        )


def glossary_order(record: TrialRecord, lang: str) -> tuple[str, ...]:
    """The glossary's term ids in the alphabetical order of ``lang`` (as the screen sorts)."""
    terms = record.patient.glossary if record.patient else ()
    collator = QCollator(qlocale(lang))
    collator.setNumericMode(True)
    ordered = sorted(terms, key=lambda t: collator.sortKey(pick(t.term, lang)))
    return tuple(t.id for t in ordered)


def _glossary(s: _Script) -> None:
    record = s.record
    s.ui("glossary", "heading", GLOSSARY)
    s.ui("glossary", "intro", GLOSSARY_INTRO)
    for term_id in glossary_order(record, s.lang):
        term = record.glossary_term(term_id)
        base = f"patient.glossary[{term_id}]"
        section = f"term[{term_id}]"
        s.add(f"{base}.term", term.term, section)
        s.add(f"{base}.expansion", term.expansion, section)
        s.add(f"{base}.definition", term.definition, section)


def _contact(s: _Script) -> None:
    record, lang = s.record, s.lang
    patient = record.patient
    s.ui("contact", "heading", CONTACT)
    if patient is not None:
        s.add("patient.after_selfcheck", patient.after_selfcheck, "contact")
    s.ui("contact", "reach_heading", REACH, "reach")
    if patient is not None:
        s.add("patient.contact", patient.contact, "reach")
    else:
        s.ui("contact", "ask_staff", ASK_STAFF, "reach")
    for index, contact in enumerate(record.contacts):
        base = f"contacts[{index}]"
        section = f"contact[{index}]"
        if contact.name is not None:
            s.add(f"{base}.name", contact.name, section)
        else:
            s.add(f"ui.contact.contact[{index}].role", enum_label(contact.role, lang), section)
        if contact.name is not None:
            s.add(f"ui.contact.contact[{index}].role", enum_label(contact.role, lang), section)
        for field, name in CONTACT_FIELDS.items():
            value = getattr(contact, field)
            if value:
                s.named(f"contact.contact[{index}].{field}", name, value, section)
    s.ui("contact", "study_heading", ABOUT_THIS, "study")
    s.named("contact.where", FACT_NAMES["where"], sites_text(record, lang), "study")
    s.named("contact.sponsor", FACT_NAMES["sponsor"], sponsor_name(record, lang), "study")
    s.named("contact.registry", REGISTRY_NUMBER, record.identification.nct_id, "study")
    s.ui("contact", "registry_hint", REGISTRY_HINT, "study")
    s.add("ui.contact.decides", who_decides(record, lang), "decides")
