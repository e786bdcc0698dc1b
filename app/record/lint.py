"""Content lint for ``trialguide validate --strict``: what a valid record still gets wrong.

The schema and :mod:`app.record.checks` decide whether a record can be shown at all;
the lint decides whether it is ready for patients: Persian written with Persian letters
and digits, English at a 6th to 8th grade reading level and Persian at a Flesch-Dayani
score of 60 or more (:mod:`app.record.readability`), every medical abbreviation
explained in the glossary, and no untranslated draft left behind. Every finding is an
error (``validate --strict`` fails) except the reading-level estimates, which are
warnings (printed; they fail ``--strict`` only with ``--fail-on-warnings``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.record.characters import hidden_character_findings
from app.record.checks import iter_texts
from app.record.enums import CriterionKind
from app.record.issues import Issue
from app.record.models import GLOSSARY_MARK, TrialRecord
from app.record.readability import readability_issues
from app.record.register import register_findings
from app.record.text_paths import translation_findings

_ARABIC_LETTERS = {
    "\u064a": "ي (Arabic yeh; write ی U+06CC)",
    "\u0643": "ك (Arabic kaf; write ک U+06A9)",
}
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9\s<>=≤≥/.,:%×µ+\-]*[A-Za-z0-9]|[A-Za-z]")
_ASCII_DIGIT = re.compile(r"[0-9]+")
_MISSING_ZWNJ = re.compile(r"(?<![\w\u200c])(ن?می) (?=[\u0600-\u06ff])")
_ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?\b")
# Names and units that are not medical jargon and need no glossary entry.
_PLAIN_CAPITALS = {"I", "OK", "ID", "NCT", "PDF", "QR", "TV"}


def lint_record(record: TrialRecord) -> list[Issue]:
    """Return every content problem in a valid record (empty when it is ready)."""
    return list(_lint(record))


def _lint(record: TrialRecord) -> Iterator[Issue]:
    if record.patient is None:
        yield Issue(("patient",), "there is no plain-language content for patients yet")
    for ci, criterion in enumerate(record.eligibility.criteria):
        if criterion.kind is CriterionKind.UNSPECIFIED:
            yield Issue(
                ("eligibility", "criteria", ci, "kind"),
                f"criterion {criterion.id!r} is not sorted: set its kind to INCLUSION or "
                "EXCLUSION (the registry's text has no headings saying which)",
            )
        if criterion.plain is None:
            yield Issue(
                ("eligibility", "criteria", ci, "plain"),
                f"criterion {criterion.id!r} has no plain-language text",
            )
    if not record.questions:
        yield Issue(("questions",), "the record has no self-check questions")
    yield from hidden_character_findings(record)
    yield from translation_findings(record)

    known_terms = set()
    if record.patient:
        for term in record.patient.glossary:
            known_terms.add(term.id.upper())
            known_terms.update(word.upper() for text in term.term.values() for word in text.split())
    for path, lang, raw in iter_texts(record):
        field = next((p for p in reversed(path[:-1]) if isinstance(p, str)), "")
        text = record.unmark(raw, lang)
        if lang == "fa":
            yield from _lint_persian(path, text)
        elif lang == "en" and field not in {"term", "expansion"}:
            for abbreviation in sorted(set(_ABBREVIATION.findall(GLOSSARY_MARK.sub("", raw)))):
                bare = abbreviation.rstrip("s") if abbreviation.endswith("s") else abbreviation
                if bare not in known_terms and abbreviation not in known_terms:
                    if bare in _PLAIN_CAPITALS:
                        continue
                    yield Issue(
                        path,
                        f"{abbreviation!r} is not explained: add it to the glossary and "
                        f"mark it [[id]]",
                    )
    yield from readability_issues(record)


def _lint_persian(path: tuple[str | int, ...], text: str) -> Iterator[Issue]:
    for letter, name in _ARABIC_LETTERS.items():
        if letter in text:
            yield Issue(path, f"Persian text uses the Arabic letter {name}")
    prose = _LATIN_RUN.sub("", text)
    digits = _ASCII_DIGIT.findall(prose)
    if digits:
        yield Issue(
            path,
            f"Persian text uses Latin digits ({', '.join(digits[:3])}); write Persian digits",
        )
    for match in _MISSING_ZWNJ.finditer(text):
        yield Issue(
            path,
            f"write {match.group(1)!r} joined by a zero-width non-joiner (U+200C), not a space",
        )
    for finding in register_findings(text):
        yield Issue(path, f"Persian text is not in plain written register: {finding}")
