"""The words of the catalog's own screens that the catalog module does not give.

What each study's card says and how the first step judges each study come from
:mod:`app.present.catalog` and :mod:`app.present.prescreen`; this module holds the rest
of the two screens' headings, buttons and notes, the "Back to all studies" control, and
the first step's age question in the form the app's number field takes, so that the
widgets decide no wording.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.catalog import CatalogEntry
from app.i18n import N_
from app.present.catalog import StudyCard, catalog_cards
from app.present.prescreen import (
    AGE_QUESTION,
    FIT_LABELS,
    HEALTHY_OPTIONS,
    HEALTHY_QUESTION,
    INTRO,
    SEX_OPTIONS,
    SEX_QUESTION,
    SKIP,
    TITLE,
    PrescreenRow,
    prescreen,
)
from app.present.text import say
from app.present.titles import WINDOW_TITLE
from app.record import TrialRecord
from app.record.enums import Sex, Verdict
from app.record.models import NumberQuestion, RangeRule

#: The catalog screen's words, by key.
CATALOG_WORDS: dict[str, str] = {
    "title": N_("Studies at this clinic"),
    "lead": N_(
        "Choose a study to read about it in plain words. Or answer three short questions "
        "to see which studies might fit you."
    ),
    "prescreen": TITLE,
    "prescreen_description": N_("Answer three short questions about yourself"),
    "open": N_("Open this study"),
    "open_description": N_("Read about this study, step by step"),
    "none": N_("No study is ready to show yet."),
}

#: The first step's words, by key (the questions are the catalog module's).
PRESCREEN_WORDS: dict[str, str] = {
    "title": TITLE,
    "lead": INTRO,
    "age": AGE_QUESTION,
    "sex": SEX_QUESTION,
    "healthy": HEALTHY_QUESTION,
    "female": SEX_OPTIONS[Sex.FEMALE],
    "male": SEX_OPTIONS[Sex.MALE],
    "yes": HEALTHY_OPTIONS[True],
    "no": HEALTHY_OPTIONS[False],
    "skip": SKIP,
    "choose": N_("Choose this answer"),
    "chosen": N_("Your answer"),
    "show": N_("Show which studies might fit"),
    "show_description": N_("See each study with the reason"),
    "results": N_("What your answers mean for each study"),
    "none_yet": N_("Answer the questions above to see which studies might fit you."),
    "open": N_("Open this study"),
    "open_description": N_("Read about this study, step by step"),
}

#: The "Back to all studies" control on every study screen (and the first step's bar).
BACK_TO_ALL = N_("Back to all studies")
BACK_TO_ALL_DESCRIPTION = N_("See the list of every study at this clinic")

_YEARS = {"en": "years", "fa": "سال"}
_WHY = {
    "en": "Each study takes people of some ages only.",
    "fa": "هر پژوهش فقط افرادی در سن‌های معینی را می‌پذیرد.",
}


def age_question() -> NumberQuestion:
    """The first step's age question, in the form the app's number field shows."""
    text = {"en": say(AGE_QUESTION, "en"), "fa": say(AGE_QUESTION, "fa")}
    return NumberQuestion(
        id="age",
        criterion="age",
        text=text,
        why=_WHY,
        unanswered_reason=_WHY,
        unit=_YEARS,
        min_value=0,
        max_value=120,
        rules=(RangeRule(verdict=Verdict.MET, reason=_WHY),),
        outside_reason=_WHY,
    )


def catalog_words(lang: str) -> dict[str, str]:
    """The catalog screen's words in ``lang``."""
    return {key: say(message, lang) for key, message in CATALOG_WORDS.items()}


def prescreen_words(lang: str) -> dict[str, str]:
    """The first step's words in ``lang``."""
    words = {key: say(message, lang) for key, message in PRESCREEN_WORDS.items()}
    words.update({f"fit:{fit.value}": say(label, lang) for fit, label in FIT_LABELS.items()})
    return words


def entries_of(records: Iterable[TrialRecord]) -> list[CatalogEntry]:
    """Catalog entries for the records that validated (what a session holds)."""
    return [CatalogEntry(source=None, record=record) for record in records]


def cards(records: Sequence[TrialRecord], lang: str) -> tuple[StudyCard, ...]:
    """The catalog's cards for a session's studies (enrolling first, closed last)."""
    return catalog_cards(entries_of(records), lang)


def prescreen_rows(
    records: Sequence[TrialRecord],
    age: int | None,
    sex: Sex | None,
    healthy: bool | None,
    lang: str,
) -> tuple[PrescreenRow, ...]:
    """Each study as may fit, does not fit on these grounds, or closed, with the reason."""
    return prescreen(entries_of(records), age, sex, healthy, lang)


def catalog_window_title(lang: str) -> str:
    """The main window's title on the catalog's screens."""
    return say(WINDOW_TITLE, lang, study=say(CATALOG_WORDS["title"], lang))


def header_title(lang: str) -> str:
    """The header's title on the catalog's screens."""
    return say(CATALOG_WORDS["title"], lang)
