"""The catalog screen's words and order: one card per study, enrolling first, closed last.

Each card says the study's plain title and a one-line summary (in the visitor's
language when the record has it, else in a language it has: :attr:`StudyCard.text_language`
says which, so a screen can set that label's direction), who it is for, its status in
the app's usual words, and which languages the record has when it lacks one of the
interface's ("Available in English only"). Cards keep the configured order within
their group. The cross-study first step is :mod:`app.present.prescreen`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.catalog import CatalogEntry
from app.i18n import N_, SUPPORTED, localize, pick
from app.i18n.enums import enum_label
from app.present.audience import StudyGroup, study_group, who_for
from app.present.prescreen import Fit, PrescreenRow, carried_answers, prescreen
from app.present.text import tr
from app.present.titles import plain_title
from app.record import TrialRecord

__all__ = [
    "Fit",
    "PrescreenRow",
    "StudyCard",
    "StudyGroup",
    "carried_answers",
    "catalog_cards",
    "first_sentence",
    "group_heading",
    "language_note",
    "open_language",
    "prescreen",
]

#: Longest one-line summary, in characters; a longer first sentence is cut at a word.
SUMMARY_CHARS = 160

#: The heading over each group of cards.
GROUP_HEADINGS: dict[StudyGroup, str] = {
    StudyGroup.ENROLLING: N_("Taking new people now"),
    StudyGroup.OTHER: N_("Not taking new people yet, or status not known"),
    StudyGroup.CLOSED: N_("Closed: no longer taking new people"),
}

#: What a card says when the record lacks some of the interface's languages.
ONLY_IN: dict[str, str] = {
    "en": N_("Available in English only"),
    "fa": N_("Available in Persian only"),
}
#: The same for a record in several languages, but not all of the interface's.
SOME_LANGUAGES = N_("Available in: {languages}")
LANGUAGE_WORDS: dict[str, str] = {"en": N_("English"), "fa": N_("Persian")}


@dataclass(frozen=True)
class StudyCard:
    """What the catalog shows for one study."""

    entry: CatalogEntry = field(repr=False)
    title: str
    summary: str
    #: The language of ``title`` and ``summary`` (the visitor's, when the record has it).
    text_language: str
    who_for: str
    status: str
    enrolling: bool
    group: StudyGroup
    #: The record's languages that the interface speaks, in the record's order.
    languages: tuple[str, ...]
    #: "Available in English only", or "" when the record has every interface language.
    language_note: str
    #: The language to open the study in (the visitor's, when the record has it).
    open_language: str

    @property
    def closed(self) -> bool:
        """Whether the study is over (listed last, marked closed)."""
        return self.group is StudyGroup.CLOSED

    @property
    def study_id(self) -> str:
        """The study's NCT id."""
        return self.entry.study_id


_SENTENCE_END = re.compile(r"[.!?؟](?=[\s\u200f\u200e]+\S|\s*$)")
#: Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "prof", "e.g", "i.e", "vs"})


def first_sentence(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first sentence of ``text``, cut at a word (with "…") if longer than ``limit``.

    A full stop ends a sentence when followed by a space (or the end), unless it closes
    a common abbreviation ("Dr.", "e.g.") or a decimal number ("2.5" has no space).
    """
    text = " ".join(text.split())
    end = len(text)
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()].rsplit(" ", 1)[-1].lower().lstrip("([{«\"'")
        if match.group() == "." and before in _ABBREVIATIONS:
            continue
        end = match.end()
        break
    sentence = text[:end].strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:،؛")
    return cut + "…"


def open_language(record: TrialRecord, lang: str) -> str:
    """The language to open a study in: ``lang`` if the record has it, else its first."""
    return lang if lang in record.languages else record.languages[0]


def language_note(record: TrialRecord, lang: str) -> str:
    """The "Available in English only" note in ``lang`` ("" when it has every language)."""
    shown = tuple(code for code in record.languages if code in SUPPORTED)
    if set(shown) >= set(SUPPORTED):
        return ""
    if len(shown) == 1 and shown[0] in ONLY_IN:
        return tr(ONLY_IN[shown[0]], lang)
    words = "، " if lang == "fa" else ", "
    names = words.join(tr(LANGUAGE_WORDS.get(code, code), lang) for code in shown)
    return tr(SOME_LANGUAGES, lang, languages=names)


def group_heading(group: StudyGroup, lang: str) -> str:
    """The heading over a group of cards, in ``lang``."""
    return tr(GROUP_HEADINGS[group], lang)


def _summary(record: TrialRecord, lang: str) -> str:
    if record.patient is None:
        return first_sentence(record.official.brief_summary)
    text = record.unmark(pick(record.patient.summary, lang), lang)
    return localize(first_sentence(text), lang)


def study_card(entry: CatalogEntry, lang: str) -> StudyCard:
    """The card of one study (``entry`` must be ok: it has a record)."""
    record = entry.record
    if record is None:
        raise ValueError(f"{entry.study_id}: a study left out of the catalog has no card")
    text_lang = open_language(record, lang)
    group = study_group(record)
    return StudyCard(
        entry=entry,
        title=plain_title(record, text_lang),
        summary=_summary(record, text_lang),
        text_language=text_lang,
        who_for=who_for(record, lang),
        status=localize(enum_label(record.status.overall_status, lang), lang),
        enrolling=record.enrolling,
        group=group,
        languages=tuple(code for code in record.languages if code in SUPPORTED),
        language_note=language_note(record, lang),
        open_language=text_lang,
    )


def catalog_cards(entries: Iterable[CatalogEntry], lang: str) -> tuple[StudyCard, ...]:
    """A card for each usable study: enrolling first, then the others, closed last.

    Entries left out of the catalog (broken, tampered) get no card. Within a group the
    configured order is kept.
    """
    cards = [study_card(entry, lang) for entry in entries if entry.ok]
    return tuple(sorted(cards, key=lambda card: card.group))
