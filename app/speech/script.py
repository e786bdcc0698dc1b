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

from app.record import TrialRecord
from app.screen_names import STUDY_SCREENS
from app.selfcheck import Answer
from app.speech import screens as _screens
from app.speech.catalog import CATALOG_SCREENS, script_for_catalog
from app.speech.utterance import ScriptBuilder as _Script
from app.speech.utterance import Utterance
from app.speech.words import REGISTRY_LANGUAGE

__all__ = [
    "CATALOG_SCREENS",
    "REGISTRY_LANGUAGE",
    "SCREENS",
    "Utterance",
    "every_utterance",
    "glossary_order",
    "is_recordable",
    "recording_file",
    "script_for_catalog",
    "script_for_screen",
    "section_of",
]

glossary_order = _screens.glossary_order

#: The screens, in the order a visitor meets them (``app.session.Screen``'s values).
SCREENS = STUDY_SCREENS


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
            _screens._welcome(s)
        case "about":
            _screens._about(s)
        case "procedures":
            _screens._procedures(s)
        case "selfcheck":
            _screens._selfcheck(s, question, answers)
        case "result":
            _screens._result(s, answers)
        case "details":
            _screens._details(s)
        case "glossary":
            _screens._glossary(s)
        case "contact":
            _screens._contact(s)
        case _ if str(screen) in CATALOG_SCREENS:
            raise ValueError(f"{screen!r} reads the catalog's studies: use script_for_catalog")
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
