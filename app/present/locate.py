"""Where a record field shows: the screen (and self-check question) a field path opens.

The preview lists lint findings by field path (``patient.procedures[2].what.fa``,
``questions[age].text``); choosing one opens the screen where that text appears. The
screen is named by its value (``"procedures"``), as ``app.session.Screen`` spells it:
this layer knows no session.

A text that shows in several places opens the first place a visitor meets it where it
is read in full (the enrolling note: the welcome screen; the outcome texts and the
reasons behind each answer: the result). Registry fields (official text) open the study
details, which show them verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.record import TrialRecord
from app.record.issues import Path
from app.screen_names import (
    ABOUT,
    CONTACT,
    DETAILS,
    GLOSSARY,
    PROCEDURES,
    RESULT,
    SELFCHECK,
    WELCOME,
)


@dataclass(frozen=True)
class Place:
    """A screen (a ``Screen`` value) and, on the self-check or result, a question index."""

    screen: str
    question: int | None = None


#: ``patient.<field>`` -> screen.
_PATIENT = {
    "summary": ABOUT,
    "who_can_take_part": ABOUT,
    "enrolling_note": WELCOME,
    "procedures": PROCEDURES,
    "outcome_texts": RESULT,
    "after_selfcheck": RESULT,
    "contact": CONTACT,
    "glossary": GLOSSARY,
}

#: ``identification.<field>`` -> screen (the plain title: the welcome screen's heading;
#: the short title: the header, on every screen, the welcome screen first).
_IDENTIFICATION = {"plain_title": WELCOME, "short_title": WELCOME}

#: A question's fields that show on the result (the reasons behind each verdict); the
#: rest (its text, why it is asked, options, unit) show on the self-check screen.
_RESULT_FIELDS = frozenset({"reason", "rules", "outside_reason", "unanswered_reason"})

#: Top-level fields and where they show when nothing more precise is known.
_TOP = {
    "identification": DETAILS,
    "status": DETAILS,
    "sponsors": ABOUT,
    "conditions": DETAILS,
    "keywords": DETAILS,
    "official": DETAILS,
    "design": DETAILS,
    "arms": PROCEDURES,
    "interventions": DETAILS,
    "outcomes": DETAILS,
    "eligibility": RESULT,
    "locations": CONTACT,
    "investigators": DETAILS,
    "contacts": CONTACT,
    "references": DETAILS,
    "related_studies": DETAILS,
    "patient": WELCOME,
    "questions": SELFCHECK,
}


def place_of(record: TrialRecord, path: Path | str) -> Place | None:
    """The screen (and question) where the field at ``path`` shows; None when nowhere.

    ``path`` is a field path as :class:`app.record.issues.Issue` carries it, or written
    as text (``questions[age].text``); a question or any list item may be named by its
    index or its id.
    """
    parts = parse_path(path) if isinstance(path, str) else tuple(path)
    if not parts or not isinstance(parts[0], str):
        return None
    head, rest = parts[0], parts[1:]
    if head == "questions":
        return _question_place(record, rest)
    if head == "patient" and rest and isinstance(rest[0], str):
        return Place(_PATIENT.get(rest[0], WELCOME))
    if head == "identification" and rest and isinstance(rest[0], str):
        return Place(_IDENTIFICATION.get(rest[0], DETAILS))
    if head == "eligibility":
        return _eligibility_place(rest)
    if head == "sponsors":
        # The lead sponsor's plain name: "Run by" on About; the rest is registry text.
        plain = len(rest) >= 2 and rest[0] == "lead" and rest[1] == "plain"
        return Place(ABOUT if plain else DETAILS)
    if head == "arms":
        # An arm's plain words show beside the steps it belongs to; the rest is registry text.
        return Place(PROCEDURES if "plain" in rest else DETAILS)
    screen = _TOP.get(head)
    return Place(screen) if screen else None


def _eligibility_place(rest: Path) -> Place:
    """A criterion's plain text and how it is checked show on the result, with its verdict."""
    if len(rest) >= 3 and rest[0] == "criteria" and rest[2] in {"plain", "how_checked"}:
        return Place(RESULT)
    return Place(DETAILS)


def _question_place(record: TrialRecord, rest: Path) -> Place:
    if not rest:
        return Place(SELFCHECK, 0 if record.questions else None)
    index = _question_index(record, rest[0])
    if index is None:
        return Place(SELFCHECK)
    fields = {part for part in rest[1:] if isinstance(part, str)}
    if fields & _RESULT_FIELDS:
        return Place(RESULT, index)
    return Place(SELFCHECK, index)


def _question_index(record: TrialRecord, key: str | int) -> int | None:
    if isinstance(key, int):
        return key if 0 <= key < len(record.questions) else None
    return next((i for i, q in enumerate(record.questions) if q.id == key), None)


_PART = re.compile(r"\[([^\]]*)\]|\.?([^.\[\]]+)")


def parse_path(text: str) -> Path:
    """Read a field path written as text: ``questions[age].options[0].label`` -> parts.

    A bracketed number is a list index; any other bracketed word stays a string (an id).
    """
    parts: list[str | int] = []
    for match in _PART.finditer(text.strip()):
        bracket, name = match.group(1), match.group(2)
        if bracket is not None:
            parts.append(int(bracket) if bracket.isdigit() else bracket)
        elif name:
            parts.append(name)
    return tuple(parts)
