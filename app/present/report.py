"""The whole result as plain text (``trialguide check``)."""

from __future__ import annotations

from app.i18n import localize
from app.present.criteria import entries_in_record_order
from app.present.outcome import enrolling_sentence, only_team_decides, outcome_text
from app.present.text import outcome_title, shown_text, status_label
from app.record import TrialRecord
from app.selfcheck import SelfCheckResult


def result_as_text(record: TrialRecord, result: SelfCheckResult, lang: str) -> str:
    """The whole result as plain text in ``lang`` (for ``trialguide check``)."""
    title = record.identification.short_title or record.identification.plain_title
    study = localize(title, lang) if title else record.identification.brief_title
    lines = [f"{study} ({record.identification.nct_id})", "", outcome_title(result.outcome, lang)]
    text = outcome_text(record, result.outcome)
    if text is not None:
        lines.append(shown_text(record, text, lang))
    lines.append(enrolling_sentence(result.enrolling, lang))
    lines.append("")
    for entry in entries_in_record_order(record, result, lang):
        lines.append(f"[{status_label(entry.status, lang)}] {entry.text}")
        lines.append(f"    {entry.reason}")
    lines += ["", only_team_decides(lang)]
    return "\n".join(lines)
