"""What the preview's banner says (``trialguide preview``): staff-facing, in both languages.

The preview shows a record file while its author edits it. After each save it says
whether the file loaded; when it did not, that the screen still shows the last version
that did, and how many problems stopped it; with ``--strict``, how many content problems
the lint found; and which answers were cleared because they no longer fit their question.
The problems themselves are the loader's and the lint's own lines (file, line, field
path, message), in English like ``trialguide validate``.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.i18n import N_, translation
from app.i18n.format import format_number
from app.present.text import say

STILL_SHOWING = N_(
    "The screen still shows the last version that loaded. Fix the file and save it again."
)
NOT_ON_A_SCREEN = N_("(not shown on any screen)")
NO_CONTENT_PROBLEMS = N_("Strict check: no content problems.")
CHOOSE_ONE = N_("Choose one to see where it shows.")
CHOOSE_IT = N_("Choose it to see where it shows.")


def kept_headline(count: int, lang: str) -> str:
    """The record did not load: how many problems, and that the last good version stays."""
    first = translation(lang).ngettext(
        "The record has {count} problem and was not loaded again.",
        "The record has {count} problems and was not loaded again.",
        count,
    )
    return f"{first.format(count=format_number(count, lang))} {say(STILL_SHOWING, lang)}"


def lint_headline(count: int, lang: str, warnings: int = 0) -> str:
    """``--strict``: how many content problems the lint found (empty when none).

    ``count`` is every finding; ``warnings`` how many of them are warnings (reading-level
    figures), which are said apart: they inform the author and do not fail the check.
    """
    if not count:
        return ""
    gettext = translation(lang)
    errors = count - warnings
    if errors:
        first = gettext.ngettext(
            "Strict check: {count} content problem.",
            "Strict check: {count} content problems.",
            errors,
        ).format(count=format_number(errors, lang))
    else:
        first = say(NO_CONTENT_PROBLEMS, lang)
    parts = [first]
    if warnings:
        parts.append(
            gettext.ngettext(
                "{count} reading-level warning, which does not fail the check.",
                "{count} reading-level warnings, which do not fail the check.",
                warnings,
            ).format(count=format_number(warnings, lang))
        )
    parts.append(say(CHOOSE_ONE if count > 1 else CHOOSE_IT, lang))
    return " ".join(parts)


def dropped_note(question_ids: Sequence[str], lang: str) -> str:
    """The answers cleared by the last reload (empty when none were)."""
    if not question_ids:
        return ""
    text = translation(lang).ngettext(
        "{count} answer no longer fits its question and was cleared: {questions}.",
        "{count} answers no longer fit their questions and were cleared: {questions}.",
        len(question_ids),
    )
    separator = "، " if lang == "fa" else ", "
    # Question ids are Latin: each is isolated so a Persian sentence keeps its order.
    ids = [f"\u2068{qid}\u2069" if lang == "fa" else qid for qid in question_ids]
    return text.format(count=format_number(len(question_ids), lang), questions=separator.join(ids))


def not_on_a_screen(lang: str) -> str:
    """Said beside a finding whose field shows on no screen."""
    return say(NOT_ON_A_SCREEN, lang)
