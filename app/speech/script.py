"""What each screen's Listen control reads, in order: one :class:`Utterance` per text.

The words are the screen's own: record texts in the chosen language and interface
sentences from the same catalog messages (and :mod:`app.present` functions) the screen
uses, in the screen's reading order (top to bottom; for Persian, each line right to
left). Buttons and navigation are not read; the self-check question is read with its
options.

Each utterance has a stable ``key``. A record text's key is its field path
(``patient.procedures[visit1].what``, ``questions[age].options[yes].label``): a record
names recorded audio by it (``audio:`` in the record, :mod:`app.record.audio`). Words the
app composes (interface sentences, "Step 1 of 7", a fact's name with its value, a
criterion's status and reason, which depend on the answers) have keys starting ``ui.``
and are always synthesised (:func:`is_recordable`). Each also has a ``section``: the section, card
or question it belongs to, so that a Listen control beside a section plays only that
section's utterances (:func:`section_of`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCollator

from app.i18n import N_, localize, pick, qlocale
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
from app.record.enums import DateType
from app.record.models import ChoiceQuestion, NumberQuestion
from app.selfcheck import Answer, evaluate

#: The screens, in the order a visitor meets them (``app.session.Screen``'s values).
SCREENS = (
    "welcome",
    "about",
    "procedures",
    "selfcheck",
    "result",
    "details",
    "glossary",
    "contact",
)

# The screens' interface sentences (the same catalog messages the screens show).
WHAT_THIS_IS = N_(
    "This guide explains one research study in plain words. It shows what "
    "taking part involves, and a few questions help you see if the study "
    "might fit you."
)
ENROLLING = N_("This study is taking new people now.")
NOT_ENROLLING = N_("This study is not taking new people now.")
ABOUT = N_("About the study")
WHY_STOPPED = N_("Why the study stopped")
WHO_FOR = N_("Who the study is for")
KEY_FACTS = N_("Key facts")
FACT_NAMES = {
    "phase": N_("Phase"),
    "participants": N_("Participants"),
    "sponsor": N_("Run by"),
    "where": N_("Where"),
}
PEOPLE = {
    DateType.ACTUAL: N_("{count} people took part"),
    DateType.ESTIMATED: N_("About {count} people are expected to take part"),
    None: N_("{count} people"),
}
STARTS = {DateType.ACTUAL: N_("Started"), DateType.ESTIMATED: N_("Starts"), None: N_("Start date")}
ENDS = {
    DateType.ACTUAL: N_("Ended"),
    DateType.ESTIMATED: N_("Expected to end"),
    None: N_("End date"),
}
PROCEDURES = N_("What taking part involves")
STEP_OF = N_("Step {number} of {total}")
STEP_FIELDS = {
    "when": N_("When"),
    "what": N_("What happens"),
    "duration": N_("How long"),
    "where": N_("Where"),
}
NO_QUESTIONS = N_("There are no questions for this study.")
QUESTION_OF = N_("Question {number} of {total}")
WHY_WE_ASK = N_("Why we ask: {reason}")
SKIP_NOTE = N_("You can skip any question. A question you skip counts as not known.")
RESULT = N_("Your self-check result")
NEXT = N_("What happens next")
DETAILS = N_("Study details")
DETAILS_INTRO = N_(
    "The study's entry in the public registry ClinicalTrials.gov, word for word "
    "where not labelled otherwise. The other screens explain the study in plain "
    "words."
)
DETAILS_LANGUAGE = N_("The registry's text is in English and is shown here exactly as registered.")
SUMMARY = N_("Brief summary")
DESCRIPTION = N_("Detailed description")
GLOSSARY = N_("Glossary")
GLOSSARY_INTRO = N_(
    "The medical words used in this guide, explained in plain words. "
    "Tap an underlined word to see what it means."
)
CONTACT = N_("What to do next")
REACH = N_("How to reach the study team")
ASK_STAFF = N_("Please ask the clinic staff how to reach the study team.")
CONTACT_FIELDS = {"phone": N_("Phone"), "email": N_("Email")}
ABOUT_THIS = N_("About this study")
REGISTRY_NUMBER = N_("Registry number")
REGISTRY_HINT = N_("You can look this study up on ClinicalTrials.gov with this number.")

#: The language of the registry's own (official) text.
REGISTRY_LANGUAGE = "en"


@dataclass(frozen=True)
class Utterance:
    """One text a Listen control reads.

    Attributes:
        key: Stable field path (``patient.summary``, ``questions[age].options[yes].label``,
            ``ui.welcome.what_this_is``); recorded audio is named by it.
        lang: The language it is read in (``en`` for the registry's own text).
        text: The words as the screen gives them: a record text picked in ``lang``
            (glossary marks and line breaks kept) or an interface sentence, filled in.
            :func:`app.speech.normalize.speakable` turns it into what the engine reads.
        section: The section, card or question it belongs to (``step[visit1]``).
    """

    key: str
    lang: str
    text: str
    section: str = ""


class _Script:
    def __init__(self, record: TrialRecord, lang: str) -> None:
        self.record = record
        self.lang = lang
        self.items: list[Utterance] = []

    def add(
        self, key: str, text: str | Mapping[str, str] | None, section: str, lang: str = ""
    ) -> None:
        if text is None:
            return
        words = text if isinstance(text, str) else pick(text, self.lang)
        if words.strip():
            self.items.append(Utterance(key, lang or self.lang, words, section))

    def ui(self, screen: str, name: str, message: str, section: str = "", **values: object) -> None:
        self.add(f"ui.{screen}.{name}", say(message, self.lang, **values), section or screen)

    def named(self, key: str, name: str, value: str, section: str) -> None:
        """A fact: its name and value read as one sentence ("Run by: Royan Institute")."""
        self.add(f"ui.{key}", f"{say(name, self.lang)}: {value}", section)


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


def script_for_screen(
    record: TrialRecord,
    screen: str,
    lang: str,
    answers: Mapping[str, Answer] | None = None,
    question: str | None = None,
) -> tuple[Utterance, ...]:
    """What ``screen``'s Listen control reads in ``lang``, in reading order.

    Args:
        record: The trial record.
        screen: One of :data:`SCREENS` (``app.session.Screen`` values work too).
        lang: ``en`` or ``fa`` (one of the record's languages).
        answers: The self-check answers so far (the result screen reads their result).
        question: The self-check question shown (its id); the first when ``None``.

    Raises:
        ValueError: ``screen`` is not a screen, or ``lang`` not one of the record's.
        KeyError: ``question`` is not a question of the record.
    """
    if lang not in record.languages:
        raise ValueError(f"{lang!r} is not one of the record's languages")
    s = _Script(record, lang)
    answers = answers or {}
    match str(screen):
        case "welcome":
            _welcome(s)
        case "about":
            _about(s)
        case "procedures":
            _procedures(s)
        case "selfcheck":
            _selfcheck(s, question, answers)
        case "result":
            _result(s, answers)
        case "details":
            _details(s)
        case "glossary":
            _glossary(s)
        case "contact":
            _contact(s)
        case _:
            raise ValueError(f"{screen!r} is not a screen ({', '.join(SCREENS)})")
    return tuple(s.items)


def every_utterance(record: TrialRecord, lang: str) -> tuple[Utterance, ...]:
    """Every text any screen reads in ``lang`` (every question), each key once."""
    seen: dict[str, Utterance] = {}
    for screen in SCREENS:
        questions = [q.id for q in record.questions] if screen == "selfcheck" else [None]
        for question in questions:
            for utterance in script_for_screen(record, screen, lang, {}, question):
                seen.setdefault(utterance.key, utterance)
    return tuple(seen.values())


def is_recordable(key: str) -> bool:
    """Whether a key names a record text (which a recording may read), not app words."""
    return not key.startswith("ui.")


def recording_file(key: str, lang: str) -> str:
    """The file a recording of ``key`` in ``lang`` is named by (``audio make``'s names).

    ``patient.procedures[visit1].what`` -> ``audio/fa/patient.procedures-visit1.what.wav``.
    """
    name = key.replace("[", "-").replace("]", "")
    return f"audio/{lang}/{name}.wav"


def section_of(script: tuple[Utterance, ...], section: str) -> tuple[Utterance, ...]:
    """The utterances of one section, card or question (a Listen control beside it)."""
    return tuple(u for u in script if u.section == section)
