"""Where the record's official texts come from, as the details screen labels them.

The details screen shows the registry's text "word for word"; a text that is not (a
stand-in, or one rebuilt from public copies of the registry entry) is labelled, so
that nobody takes it for the registry's exact words.
"""

from __future__ import annotations

from app.i18n import N_
from app.present.text import criterion_text, say
from app.record import TrialRecord
from app.record.enums import CriterionKind, TextSource

#: The note under a text of each source (none for a verbatim one).
NOTES: dict[TextSource, str] = {
    TextSource.REGISTRY_ENTRY: N_(
        "Taken from the public registry entry: our copy of the registry page lacks it."
    ),
    TextSource.STAND_IN: N_(
        "The registry's brief summary is not in our sources. This is the registry's own "
        "sentence on the study's aim, word for word from its detailed description."
    ),
    TextSource.RECONSTRUCTED: N_(
        "Not word for word: rebuilt from public copies of the registry entry."
    ),
}
#: The note under a list of criteria, for one criterion that is not word for word.
CRITERION_NOTE = N_("Not word for word, rebuilt from public copies of the registry entry: {text}")


def summary_note(record: TrialRecord, lang: str) -> str | None:
    """The label under the brief summary (None when it is the registry's, verbatim)."""
    note = NOTES.get(record.official.brief_summary_source)
    return say(note, lang) if note else None


def criteria_notes(record: TrialRecord, kind: CriterionKind, lang: str) -> str | None:
    """One line per criterion of ``kind`` that is not verbatim (None: all are)."""
    lines = [
        say(CRITERION_NOTE, lang, text=criterion_text(record, c.id, lang))
        for c in record.eligibility.criteria
        if c.kind is kind and c.official_source is not TextSource.VERBATIM
    ]
    return "\n\n".join(lines) if lines else None
