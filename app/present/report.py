"""The whole result as plain text (``trialguide check``)."""

from __future__ import annotations

from app.i18n import localize
from app.present.criteria import criteria_view
from app.present.outcome import (
    Situation,
    enrolling_sentence,
    headline,
    nothing_answered_text,
    outcome_text,
)
from app.present.text import shown_text
from app.record import TrialRecord
from app.selfcheck import SelfCheckResult


def result_as_text(record: TrialRecord, result: SelfCheckResult, lang: str) -> str:
    """The whole result as plain text in ``lang`` (for ``trialguide check``).

    The same situation, words and order as the result screen: the criteria behind the
    result first, the ones the team checks as one short list under one explanation.
    """
    title = record.identification.short_title or record.identification.plain_title
    study = localize(title, lang) if title else record.identification.brief_title
    top = headline(result, lang)
    lines = [f"{study} ({record.identification.nct_id})", "", top.title]
    if top.situation is Situation.NOTHING_ANSWERED:
        lines.append(nothing_answered_text(result, lang))
    else:
        text = outcome_text(record, result.outcome)
        if text is not None:
            lines.append(shown_text(record, text, lang))
    lines.append(enrolling_sentence(result.enrolling, lang, result.study_status))
    view = criteria_view(record, result, lang)
    lines += ["", view.heading, view.intro]
    for group in view.groups:
        if group.starts_others:
            lines += ["", view.other_heading]
        lines += ["", group.label]
        if group.explanation is not None:
            lines.append(group.explanation)
        for entry in group.entries:
            lines.append(f"  - {entry.text}")
            if not group.compact:
                lines.append(f"    {entry.reason}")
    lines += ["", top.only_team]
    return "\n".join(lines)
