"""The study's name as each place shows it, and the window titles."""

from __future__ import annotations

from app.i18n import N_, localize
from app.present.text import say
from app.record import TrialRecord

WINDOW_TITLE = N_("TrialGuide: {study}")
COUNSELOR_TITLE = N_("Counselor view: {study}")


def study_title(record: TrialRecord, lang: str) -> str:
    """The study's short name in ``lang`` (header, window title, ``trialguide check``)."""
    ident = record.identification
    title = ident.short_title or ident.plain_title
    return localize(title, lang) if title else ident.brief_title


def plain_title(record: TrialRecord, lang: str) -> str:
    """The study's full plain title in ``lang`` (the registry's brief title when none)."""
    ident = record.identification
    return localize(ident.plain_title, lang) if ident.plain_title else ident.brief_title


def window_title(record: TrialRecord, lang: str) -> str:
    """The main window's title in ``lang``."""
    return say(WINDOW_TITLE, lang, study=study_title(record, lang))


def counselor_title(record: TrialRecord, lang: str) -> str:
    """The counselor window's title (and its bar's heading) in ``lang``."""
    return say(COUNSELOR_TITLE, lang, study=study_title(record, lang))
