"""What the catalog's two screens read aloud: the study cards, and the first step.

The words are the screens' own (:mod:`app.present.catalog_screen`,
:mod:`app.present.catalog`, :mod:`app.present.prescreen`), in their reading order:

* the catalog: its heading and lead, then per group its heading and each card's title,
  status, one-line summary, who it is for and language note (section ``card[NCT id]``);
* the first step: its heading and intro, each question with its options (section
  ``question[age|sex|healthy]``), then the results heading and each study's row: title,
  standing and reason (section ``row[NCT id]``), or the note that nothing is answered yet.

A study's title is a record text: its key is the field path
(``identification.plain_title``) and its :attr:`~app.speech.utterance.Utterance.study`
names the study, so a recording is looked up in that study's record. Every other text is
composed by the app (a cut first sentence, a status, a reason): keys start ``ui.``.
"""

from __future__ import annotations

from collections.abc import Sequence

from app import screen_names as names
from app.present.catalog import group_heading
from app.present.catalog_screen import (
    age_question,
    cards,
    catalog_words,
    prescreen_rows,
    prescreen_words,
)
from app.present.numbers import number_hint
from app.record import TrialRecord
from app.speech.utterance import Utterance
from app.visits import Prescreen

#: The catalog's screens (``app.session.Screen``'s values).
CATALOG_SCREENS = names.CATALOG_SCREENS

#: The first step's questions and their options, in the screen's order (word keys).
_QUESTIONS = (("sex", ("female", "male", "skip")), ("healthy", ("yes", "no", "skip")))


class _Lines:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.items: list[Utterance] = []

    def add(self, key: str, text: str, section: str, lang: str = "", study: str = "") -> None:
        if text.strip():
            self.items.append(Utterance(key, lang or self.lang, text, section, study))


def _catalog(s: _Lines, records: Sequence[TrialRecord]) -> None:
    words = catalog_words(s.lang)
    s.add("ui.catalog.title", words["title"], "catalog")
    s.add("ui.catalog.lead", words["lead"], "catalog")
    study_cards = cards(records, s.lang)
    if not study_cards:
        s.add("ui.catalog.none", words["none"], "catalog")
    group = None
    for card in study_cards:
        if card.group != group:
            group = card.group
            s.add(
                f"ui.catalog.group[{group.name.lower()}]", group_heading(group, s.lang), "catalog"
            )
        base, section, text_lang = (
            f"ui.catalog.card[{card.study_id}]",
            f"card[{card.study_id}]",
            card.text_language,
        )
        s.add("identification.plain_title", card.title, section, text_lang, card.study_id)
        s.add(f"{base}.status", card.status, section)
        s.add(f"{base}.summary", card.summary, section, text_lang)
        s.add(f"{base}.who_for", card.who_for, section)
        s.add(f"{base}.language_note", card.language_note, section)


def _prescreen(s: _Lines, records: Sequence[TrialRecord], answers: Prescreen) -> None:
    words = prescreen_words(s.lang)
    s.add("ui.prescreen.title", words["title"], "prescreen")
    s.add("ui.prescreen.lead", words["lead"], "prescreen")
    s.add("ui.prescreen.question[age].text", words["age"], "question[age]")
    hint = number_hint(age_question(), s.lang, "enter")
    s.add("ui.prescreen.question[age].hint", hint, "question[age]")
    for question, options in _QUESTIONS:
        section = f"question[{question}]"
        s.add(f"ui.prescreen.question[{question}].text", words[question], section)
        for option in options:
            s.add(f"ui.prescreen.question[{question}].options[{option}]", words[option], section)
    s.add("ui.prescreen.results", words["results"], "results")
    if answers.empty:
        s.add("ui.prescreen.none_yet", words["none_yet"], "results")
        return
    for row in prescreen_rows(records, answers.age, answers.sex, answers.healthy, s.lang):
        base, section = f"ui.prescreen.row[{row.study_id}]", f"row[{row.study_id}]"
        s.add("identification.plain_title", row.title, section, row.text_language, row.study_id)
        s.add(f"{base}.standing", row.label, section)
        s.add(f"{base}.reason", row.reason, section)


def script_for_catalog(
    records: Sequence[TrialRecord],
    screen: str,
    lang: str,
    prescreen: Prescreen | None = None,
) -> tuple[Utterance, ...]:
    """What a catalog screen's Listen control reads in ``lang``, in reading order.

    Args:
        records: The catalog's studies that validated (``Session.studies``).
        screen: ``catalog`` or ``prescreen`` (``app.session.Screen`` values work too).
        lang: The interface language (a study lacking it is read in its own).
        prescreen: The first step's answers (the rows follow them); ``None``: none yet.

    Raises:
        ValueError: ``screen`` is not one of the catalog's screens.
    """
    s = _Lines(lang)
    match str(screen):
        case "catalog":
            _catalog(s, records)
        case "prescreen":
            _prescreen(s, records, prescreen or Prescreen())
        case _:
            raise ValueError(f"{screen!r} is not a catalog screen ({', '.join(CATALOG_SCREENS)})")
    return tuple(s.items)
