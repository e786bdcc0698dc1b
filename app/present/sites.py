"""The study's sites as patients read them."""

from __future__ import annotations

from app.i18n import localize
from app.record import TrialRecord


def site_lines(record: TrialRecord, lang: str) -> tuple[str, ...]:
    """One line per study site in ``lang``: the record's plain words, else the registry's."""
    lines = []
    for location in record.locations:
        if location.plain is not None:
            lines.append(localize(location.plain, lang))
        else:
            parts = (location.facility, location.city, location.country)
            lines.append(localize(", ".join(p for p in parts if p), lang))
    return tuple(lines)


def sites_text(record: TrialRecord, lang: str) -> str:
    """Every site in ``lang``, a blank line between two ("" when the record names none)."""
    return "\n\n".join(site_lines(record, lang))
