"""Text as shown -> text as spoken, per language, with a map back to the source.

eSpeak NG reads digits (Latin or Persian) as numbers in the voice's language and knows
``%`` and ``٪``; it does not know glossary marks, markdown, ranges written with a dash
("25–45" would be read "twenty-five forty-five"), slashes ("slash") or Latin
abbreviations inside Persian (it switches to its English voice and reads "ICSI" as a
word, "icksy"). :func:`speakable` rewrites those:

* ``[[id|shown words]]`` -> the shown words; ``[[id]]`` -> the term in that language;
* markdown (``**bold**``, ``_em_``, ``` `code` ```, ``[text](url)``, ``#`` headings,
  ``-``/``*``/``1.`` list markers) -> its words; a line break ends a sentence;
* bidi controls (FSI, PDI, LRM...) dropped; digits of the other script converted;
* ``25–45`` -> "25 to 45" / "۲۵ تا ۴۵"; ``/`` -> "or" / "یا"; ``&`` -> "and" / "و";
  ``<`` -> "less than" / "کمتر از" (and ``>``, ``≤``, ``≥``);
  ``%`` -> "percent" / "درصد"; a dash between words -> a pause;
* a phone number (``+98 21 2230 7960``, ``021-2230``...) digit by digit, group by group;
* units (``ng/ml`` -> "nanograms per millilitre" / "نانوگرم در میلی‌لیتر"; :data:`UNITS`);
* an abbreviation (two to six capitals, optionally digits: ``ICSI``, ``AMH``,
  ``NCT05703308``) -> spelled letter by letter (English letter names, or their Persian
  names in Persian: "آی سی اس آی"), digits of an identifier one by one; a few known
  terms have a fixed reading (:data:`KNOWN`); in Persian a lone capital too ("هپاتیت B").

The result keeps, for every spoken character, the source offset it came from
(:meth:`Speakable.source_span`), so the interface can highlight what is being read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.record import TrialRecord
from app.record.models import GLOSSARY_MARK

#: Persian names of the Latin letters, as a Persian speaker spells an abbreviation.
PERSIAN_LETTERS = {
    "A": "اِی", "B": "بی", "C": "سی", "D": "دی", "E": "ای", "F": "اِف", "G": "جی",
    "H": "اِچ", "I": "آی", "J": "جِی", "K": "کِی", "L": "اِل", "M": "اِم", "N": "اِن",
    "O": "او", "P": "پی", "Q": "کیو", "R": "آر", "S": "اِس", "T": "تی", "U": "یو",
    "V": "وی", "W": "دبلیو", "X": "اِکس", "Y": "وای", "Z": "زِد",
}  # fmt: skip
#: Persian names of the digits, for identifiers read digit by digit.
PERSIAN_DIGIT_NAMES = ("صفر", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه")
ENGLISH_DIGIT_NAMES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
)

#: English letters eSpeak NG would read as a word when alone ("A" as the article).
_ENGLISH_LETTERS = {"A": "eh"}
#: Terms read a fixed way rather than spelled, per language.
KNOWN: dict[str, dict[str, str]] = {
    "en": {"ClinicalTrials.gov": "Clinical Trials dot gov"},
    "fa": {"ClinicalTrials.gov": "کلینیکال تِرایالز دات گاو"},
}
#: Units of measure, per language (``ng/ml`` is read "nanograms per millilitre").
UNITS: dict[str, dict[str, str]] = {
    "en": {
        "mg": "milligrams", "g": "grams", "kg": "kilograms", "ng": "nanograms",
        "pmol": "picomoles", "ml": "millilitres", "mL": "millilitres", "L": "litre",
        "dl": "decilitre", "dL": "decilitre", "cm": "centimetres", "mm": "millimetres",
        "IU": "international units", "per": "per",
        "µl": "microlitres", "µL": "microlitres", "µg": "micrograms",
        "μl": "microlitres", "μL": "microlitres", "μg": "micrograms",
    },
    "fa": {
        "mg": "میلی‌گرم", "g": "گرم", "kg": "کیلوگرم", "ng": "نانوگرم", "pmol": "پیکومول",
        "ml": "میلی‌لیتر", "mL": "میلی‌لیتر", "L": "لیتر", "dl": "دسی‌لیتر", "dL": "دسی‌لیتر",
        "cm": "سانتی‌متر", "mm": "میلی‌متر", "IU": "واحد بین‌المللی", "per": "در",
        "µl": "میکرولیتر", "µL": "میکرولیتر", "µg": "میکروگرم",
        "μl": "میکرولیتر", "μL": "میکرولیتر", "μg": "میکروگرم",
    },
}  # fmt: skip
_UNIT = r"(?:mg|g|kg|ng|pmol|ml|mL|L|dl|dL|cm|mm|IU|[µμ][lLg])"
#: Units that are no English word, read as units even without a number ("(µl)").
_UNIT_ALONE = r"(?:mg|ng|pmol|ml|mL|[µμ][lLg])"
#: Words per language for the symbols read as words.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "to": "to",
        "or": "or",
        "and": "and",
        "percent": "percent",
        "<": "less than",
        ">": "more than",
        "≤": "at most",
        "≥": "at least",
    },
    "fa": {
        "to": "تا",
        "or": "یا",
        "and": "و",
        "percent": "درصد",
        "<": "کمتر از",
        ">": "بیشتر از",
        "≤": "حداکثر",
        "≥": "دست‌کم",
    },
}

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_LATIN = str.maketrans(_PERSIAN_DIGITS + _ARABIC_DIGITS, "0123456789" * 2)
_TO_PERSIAN = str.maketrans("0123456789" + _ARABIC_DIGITS, _PERSIAN_DIGITS * 2)
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_D = r"[0-9۰-۹٠-٩]"

_TOKENS = re.compile(
    "|".join(
        (
            r"(?P<mark>" + GLOSSARY_MARK.pattern + r")",
            r"(?P<link>\[(?P<link_text>[^\[\]]+)\]\([^()\s]+\))",
            r"(?P<known>ClinicalTrials\.gov)",
            # a phone number: "+" or "0" first, at least 8 digits in groups
            r"(?P<phone>(?<![\w+])[+0۰](?:[ \-]?" + _D + r"){7,}(?!\w))",
            # a unit after a number, or a unit per unit ("0.1 ng/ml", "in pmol/L")
            r"(?P<unit>(?<![\w/])(?P<unit1>" + _UNIT + r")/(?P<unit2>" + _UNIT + r")(?![\w/])"
            r"|(?:(?<=[0-9۰-۹])|(?<=[0-9۰-۹] ))(?P<unit0>" + _UNIT + r")(?![\w/])"
            r"|(?<![\w/])(?P<unit3>" + _UNIT_ALONE + r")(?![\w/]))",
            r"(?P<decimal>(?<=" + _D + r")[٫.](?=" + _D + r"))",
            r"(?P<compare>\s*[<>≤≥]\s*)",
            r"(?P<range>(?<=" + _D + r")\s*[–—-]\s*(?=" + _D + r"))",
            r"(?P<abbr>\b[A-Z]{2,6}(?:[0-9]+)?s?\b)",
            r"(?P<letter>\b[A-Z]\b)",
            r"(?P<emph>\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|`)",
            r"(?P<bullet>^[ \t]*(?:[-*•]|\d+[.)]|#{1,6})[ \t]+)",
            r"(?P<newline>[ \t]*\n\s*)",
            r"(?P<dash>\s+[–—]\s+|\s+-\s+)",
            r"(?P<slash>\s*/\s*)",
            r"(?P<amp>\s*&\s*)",
            r"(?P<percent>%)",
            r"(?P<bidi>[" + _BIDI + r"]+)",
        )
    ),
    re.MULTILINE,
)
_SENTENCE_END = re.compile(r"[.!?؟:;؛]\s*$")


@dataclass(frozen=True)
class Speakable:
    """Text to give the engine, and where each of its characters came from.

    Attributes:
        text: What the engine reads.
        source: The text as given (a record text with marks, or an interface sentence).
        starts: For each character of ``text``, the offset in ``source`` it came from.
        ends: For each character of ``text``, the end offset in ``source`` of that piece.
    """

    text: str
    source: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def source_span(self, start: int, length: int) -> tuple[int, int]:
        """The ``(start, end)`` offsets in ``source`` that ``text[start:start+length]`` reads.

        An engine mark (word or sentence) is given in offsets of :attr:`text`; this says
        which part of the shown text to highlight. Out-of-range values are clamped.
        """
        if not self.text:
            return 0, 0
        first = min(max(start, 0), len(self.text) - 1)
        last = min(max(start + max(length, 1) - 1, first), len(self.text) - 1)
        return self.starts[first], self.ends[last]


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def copy(self, text: str, offset: int) -> None:
        self.parts.append(text)
        self.starts.extend(range(offset, offset + len(text)))
        self.ends.extend(range(offset + 1, offset + len(text) + 1))

    def put(self, text: str, start: int, end: int) -> None:
        self.parts.append(text)
        self.starts.extend([start] * len(text))
        self.ends.extend([end] * len(text))

    def last_char(self) -> str:
        joined = "".join(self.parts).rstrip()
        return joined[-1:] if joined else ""


def spell(token: str, lang: str) -> str:
    """An abbreviation or identifier read letter by letter (and digit by digit)."""
    letters = PERSIAN_LETTERS if lang == "fa" else None
    digits = PERSIAN_DIGIT_NAMES if lang == "fa" else ENGLISH_DIGIT_NAMES
    names = []
    for ch in token:
        if ch.isdigit():
            names.append(digits[int(ch.translate(_TO_LATIN))])
        elif letters is not None:
            names.append(letters.get(ch.upper(), ch))
        else:
            names.append(_ENGLISH_LETTERS.get(ch.upper(), ch.upper()))
    return " ".join(names)


def _abbreviation(token: str, lang: str) -> str:
    plural = token.endswith("s") and len(token) > 2
    core = token[:-1] if plural else token
    words = spell(core, lang)
    if plural:
        words += "'s" if lang == "en" else " ها"
    return words


def _emit(b: _Builder, text: str, offset: int, lang: str, unmark: Callable[[str], str]) -> None:
    words = WORDS.get(lang, WORDS["en"])
    digits = _TO_PERSIAN if lang == "fa" else _TO_LATIN
    pos = 0
    for m in _TOKENS.finditer(text):
        if m.start() > pos:
            b.copy(text[pos : m.start()].translate(digits), offset + pos)
        start, end = offset + m.start(), offset + m.end()
        kind = m.lastgroup
        if kind == "mark":
            shown = m.group(3)
            if shown is not None:
                _emit(b, shown, offset + m.start(3), lang, unmark)
            else:
                # The term's words, every character of them mapped to the whole mark.
                term = _Builder()
                _emit(term, unmark(m.group(0)), 0, lang, unmark)
                b.put("".join(term.parts), start, end)
        elif kind == "link":
            _emit(b, m.group("link_text"), offset + m.start("link_text"), lang, unmark)
        elif kind == "known":
            b.put(KNOWN.get(lang, KNOWN["en"])[m.group(0)], start, end)
        elif kind == "phone":
            groups = re.split(r"[ \-]+", m.group(0))
            comma = "، " if lang == "fa" else ", "
            spoken = comma.join(spell(g.lstrip("+"), lang) for g in groups if g.strip("+"))
            plus = {"en": "plus", "fa": "مثبت"}.get(lang, "plus")
            b.put(f"{plus} {spoken}" if m.group(0).startswith("+") else spoken, start, end)
        elif kind == "unit":
            units = UNITS.get(lang, UNITS["en"])
            if m.group("unit0") or m.group("unit3"):
                spoken = units[m.group("unit0") or m.group("unit3")]
            else:
                per = units[m.group("unit2")]
                per = per.removesuffix("s") if lang == "en" else per  # "per millilitre"
                spoken = f"{units[m.group('unit1')]} {units['per']} {per}"
            b.put(f" {spoken}", start, end)
        elif kind == "decimal":
            # "۰٫۱": eSpeak NG's Persian reads the separator as "virgul"; Persian says ممیز.
            b.put(" ممیز " if lang == "fa" else ".", start, end)
        elif kind == "compare":
            b.put(f" {words[m.group(0).strip()]} ", start, end)
        elif kind == "letter":
            # "hepatitis B": a letter alone, by its name in Persian ("I" and "A" are
            # English words, which eSpeak NG reads right).
            b.put(spell(m.group(0), lang) if lang == "fa" else m.group(0), start, end)
        elif kind == "range":
            b.put(f" {words['to']} ", start, end)
        elif kind == "abbr":
            b.put(_abbreviation(m.group(0), lang), start, end)
        elif kind in ("emph", "bidi", "bullet"):
            pass
        elif kind == "newline":
            ended = not b.last_char() or _SENTENCE_END.search(b.last_char())
            b.put(" " if ended else ". ", start, end)
        elif kind == "dash":
            b.put(", ", start, end)
        elif kind == "slash":
            b.put(f" {words['or']} ", start, end)
        elif kind == "amp":
            b.put(f" {words['and']} ", start, end)
        elif kind == "percent":
            b.put(f" {words['percent']}", start, end)
        pos = m.end()
    if pos < len(text):
        b.copy(text[pos:].translate(digits), offset + pos)


def speakable(text: str, lang: str, record: TrialRecord | None = None) -> Speakable:
    """``text`` (in ``lang``) as the engine should read it, with the map back.

    Args:
        text: A record text in ``lang`` (glossary marks, markdown kept) or a sentence.
        lang: ``en`` or ``fa``.
        record: Resolves ``[[id]]`` marks to the term in ``lang`` (else the id is read).
    """

    def unmark(mark: str) -> str:
        return record.unmark(mark, lang) if record is not None else GLOSSARY_MARK.sub(r"\1", mark)

    b = _Builder()
    _emit(b, text, 0, lang, unmark)
    spoken = "".join(b.parts)
    # Collapse runs of spaces (keeping the map of the first of each run).
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for ch, s, e in zip(spoken, b.starts, b.ends, strict=True):
        if ch.isspace():
            if not out or out[-1] == " ":
                if out:
                    ends[-1] = max(ends[-1], e)
                continue
            ch = " "
        out.append(ch)
        starts.append(s)
        ends.append(e)
    while out and out[-1] == " ":
        out.pop()
        starts.pop()
        ends.pop()
    return Speakable("".join(out), text, tuple(starts), tuple(ends))
