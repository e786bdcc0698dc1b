"""Numbers, dates, ranges and Persian typesetting, by language.

Everything here is a pure function of its arguments: the language is passed in, never
read from the interface state, so a handout can be rendered in one language while the
screen shows another.

Persian conventions kept here (Babel's ``fa`` formatting is Gregorian and Latin-digit,
so it is not used for these):

* numbers use Persian digits ``۰``-``۹``, ``٬`` between thousands and ``٫`` as the
  decimal point;
* dates are in the Solar Hijri calendar, built from ``QCalendar``'s Jalali system
  (PySide6 lacks ``QLocale.toString(date, format, calendar)``); years have no
  thousands separator;
* ranges are written in words ("۲۵ تا ۴۵ سال"), never "25-45";
* runs of Latin script inside Persian prose ("ICSI", "AFC < 4", "20 million/ml") are
  wrapped in bidi isolates (FSI U+2068 ... PDI U+2069) so they keep their inner order
  and do not reorder the sentence around them.
"""

from __future__ import annotations

import datetime
import functools
import gettext
import re
import unicodedata

from PySide6.QtCore import QCalendar, QDate, QLocale

from app.digits import ARABIC_INDIC_TO_PERSIAN, TO_LATIN, TO_PERSIAN
from app.i18n import N_, SOURCE_LANGUAGE, SUPPORTED, qlocale, translation
from app.record.enums import AgeUnit
from app.record.models import GLOSSARY_MARK

__all__ = [
    "FSI",
    "PDI",
    "format_date",
    "format_number",
    "format_quantity",
    "format_range",
    "isolate_latin",
    "persian_text",
    "to_latin_digits",
    "to_persian_digits",
]

#: FIRST STRONG ISOLATE: opens an isolate whose direction is its first strong letter.
FSI = "\u2068"
#: POP DIRECTIONAL ISOLATE: closes the innermost isolate.
PDI = "\u2069"
_LRI = "\u2066"
_RLI = "\u2067"
_ISOLATE_OPENERS = frozenset({_LRI, _RLI, FSI})


#: Arabic-script letters that Persian writes differently: Arabic yeh, alef maksura, kaf.
_TO_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})

_PERSIAN_THOUSANDS = "٬"  # U+066C ARABIC THOUSANDS SEPARATOR
_PERSIAN_DECIMAL = "٫"  # U+066B ARABIC DECIMAL SEPARATOR
_PERSIAN_PERCENT = "٪"  # U+066A ARABIC PERCENT SIGN
_PERSIAN_MINUS = "\u200e\u2212"  # LRM + MINUS SIGN, as Qt's fa locale writes it
_TO_PERSIAN_SEPARATORS = str.maketrans(",.", _PERSIAN_THOUSANDS + _PERSIAN_DECIMAL)

_ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


#: Characters that end a paragraph (and with it any open isolate) or a line.
_PARAGRAPH_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

#: Weak and neutral bidi classes that may sit inside a Latin run ("AFC < 4", "IVF-ET").
_CONNECTOR_CLASSES = frozenset({"WS", "ES", "ET", "CS", "ON"})

#: Persian quotation marks: they belong to the Persian sentence, never inside a run.
_PERSIAN_QUOTES = frozenset("«»")

_OPENING_BRACKETS = "([{"
_CLOSING_BRACKETS = ")]}"


def to_persian_digits(text: str) -> str:
    """Replace the ASCII digits 0-9 with Persian digits ۰-۹; nothing else changes."""
    return text.translate(TO_PERSIAN)


def to_latin_digits(text: str) -> str:
    """Replace Persian (۰-۹) and Arabic-Indic (٠-٩) digits with ASCII digits.

    Use it before parsing a number typed with a Persian keyboard.
    """
    return text.translate(TO_LATIN)


def _is_persian(lang: str) -> bool:
    return lang.replace("-", "_").split("_", 1)[0].lower() == "fa"


def format_list(items: list[str], lang: str) -> str:
    """Items joined as ``lang`` writes a list ("A, B, and C"; "الف، ب و ج").

    Persian puts no comma before its "and" (و), which Qt's (CLDR's) pattern does.
    """
    if _is_persian(lang) and len(items) > 2:
        return "، ".join(items[:-1]) + " و " + items[-1]
    return qlocale(lang).createSeparatedList(items)


def format_number(n: float, lang: str, decimals: int | None = None) -> str:
    """A number for display, with thousands grouping.

    Args:
        n: The number.
        lang: The language: ``fa`` gives Persian digits, ``٬`` and ``٫``
            (``"۱٬۲۳۴٫۵"``); any other language gives ``"1,234.5"``.
        decimals: Digits after the decimal point. ``None`` shows a whole number
            without any, and otherwise at most six, without trailing zeros.

    Returns:
        The formatted number.
    """
    if decimals is None:
        if isinstance(n, int) or float(n).is_integer():
            text = f"{int(n):,}"
        else:
            text = f"{n:,.6f}".rstrip("0").rstrip(".")
    else:
        text = f"{n:,.{decimals}f}"
    if text.lstrip("-").strip("0.,") == "":
        text = text.lstrip("-")  # no "-0" for a tiny negative number
    if not _is_persian(lang):
        return text
    negative = text.startswith("-")
    text = text.lstrip("-")
    text = text.translate(_TO_PERSIAN_SEPARATORS)
    text = to_persian_digits(text)
    return _PERSIAN_MINUS + text if negative else text


def _parse_date(value: str | datetime.date) -> tuple[int, int, int | None]:
    """Year, month and day (``None`` for month precision) of a registry date."""
    if isinstance(value, datetime.date):
        return value.year, value.month, value.day
    match = _DATE.match(value)
    if match is None:
        raise ValueError(f"not a YYYY-MM or YYYY-MM-DD date: {value!r}")
    year, month = int(match[1]), int(match[2])
    day = int(match[3]) if match[3] else None
    try:
        datetime.date(year, month, day or 1)
    except ValueError as exc:
        raise ValueError(f"not a real date: {value!r} ({exc})") from exc
    return year, month, day


def format_date(value: str | datetime.date, lang: str) -> str:
    """A registry date in the long, readable form of a language.

    English: ``"June 21, 2020"``, or ``"June 2020"`` for a month-precision date.
    Persian: the Solar Hijri date with Persian digits, ``"۱ تیر ۱۳۹۹"``. A Gregorian
    month straddles two Solar Hijri months, so a month-precision date is shown as the
    Solar Hijri month holding its 15th day (and most of its days): ``"2020-07"`` gives
    ``"تیر ۱۳۹۹"``.

    Args:
        value: ``"YYYY-MM-DD"``, ``"YYYY-MM"`` (as the registry writes them) or a date.
        lang: The language.

    Returns:
        The formatted date.

    Raises:
        ValueError: ``value`` is not a real date in one of those forms.
    """
    year, month, day = _parse_date(value)
    if not _is_persian(lang):
        name = _ENGLISH_MONTHS[month - 1]
        return f"{name} {year}" if day is None else f"{name} {day}, {year}"
    calendar = QCalendar(QCalendar.System.Jalali)
    parts = calendar.partsFromDate(QDate(year, month, 15 if day is None else day))
    name = calendar.monthName(QLocale("fa_IR"), parts.month, parts.year)
    jalali_year = to_persian_digits(str(parts.year))
    if day is None:
        return f"{name} {jalali_year}"
    return f"{to_persian_digits(str(parts.day))} {name} {jalali_year}"


#: Range and quantity sentences. Placeholders hold formatted numbers or quantities.
_RANGE = N_("{low} to {high}")
_AT_LEAST = N_("{low} or more")
_AT_MOST = N_("up to {high}")
_NUMBER_WITH_UNIT = N_("{number} {unit}")


def _catalog(lang: str) -> gettext.NullTranslations:
    """The catalog for ``lang`` (or its base language), English when unsupported."""
    base = lang.replace("-", "_").split("_", 1)[0].lower()
    return translation(base if base in SUPPORTED else SOURCE_LANGUAGE)


def _plural_count(n: float) -> int:
    """The whole count that picks a plural form (a fraction counts as plural)."""
    return int(n) if float(n).is_integer() else 2


def format_quantity(n: float, unit: AgeUnit | str | None, lang: str) -> str:
    """A number with its unit, as a whole phrase of the language.

    Args:
        n: The number.
        unit: An :class:`~app.record.enums.AgeUnit` (translated with the right plural:
            ``"1 year"``, ``"25 years"``, ``"۲۵ سال"``), a unit already written in
            ``lang`` (``"ml"``, from the record), or ``None`` for a bare number.
        lang: The language.

    Returns:
        The phrase, for example ``"25 years"`` or ``"۲۵ سال"``.
    """
    number = format_number(n, lang)
    if unit is None:
        return number
    t = _catalog(lang)
    count = _plural_count(n)
    if isinstance(unit, AgeUnit):
        if unit is AgeUnit.YEARS:
            template = t.ngettext("{number} year", "{number} years", count)
        elif unit is AgeUnit.MONTHS:
            template = t.ngettext("{number} month", "{number} months", count)
        elif unit is AgeUnit.WEEKS:
            template = t.ngettext("{number} week", "{number} weeks", count)
        elif unit is AgeUnit.DAYS:
            template = t.ngettext("{number} day", "{number} days", count)
        elif unit is AgeUnit.HOURS:
            template = t.ngettext("{number} hour", "{number} hours", count)
        else:
            template = t.ngettext("{number} minute", "{number} minutes", count)
        return template.format(number=number)
    return t.gettext(_NUMBER_WITH_UNIT).format(number=number, unit=unit)


def format_range(
    low: float | None,
    high: float | None,
    lang: str,
    unit: AgeUnit | str | None = None,
) -> str:
    """A range of numbers in words, never with a dash.

    The unit goes with the upper bound, as people say it: ``"25 to 45 years"``,
    ``"۲۵ تا ۴۵ سال"``. An open end gives ``"25 years or more"`` or ``"up to 45 years"``.

    Args:
        low: The lower bound (inclusive), or ``None`` for no lower bound.
        high: The upper bound (inclusive), or ``None`` for no upper bound.
        lang: The language.
        unit: As for :func:`format_quantity`.

    Returns:
        The range as a phrase of ``lang``.

    Raises:
        ValueError: both bounds are ``None``.
    """
    t = _catalog(lang)
    if low is not None and high is not None:
        if low == high:
            return format_quantity(low, unit, lang)
        return t.gettext(_RANGE).format(
            low=format_number(low, lang), high=format_quantity(high, unit, lang)
        )
    if low is not None:
        return t.gettext(_AT_LEAST).format(low=format_quantity(low, unit, lang))
    if high is not None:
        return t.gettext(_AT_MOST).format(high=format_quantity(high, unit, lang))
    raise ValueError("a range needs at least one bound")


# --- Persian typesetting -------------------------------------------------------------


def _is_arabic_script(ch: str) -> bool:
    code = ord(ch)
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


def _is_anchor(ch: str) -> bool:
    """A character that starts and ends a Latin run: a strong LTR letter or 0-9."""
    if "0" <= ch <= "9":
        return True
    return unicodedata.bidirectional(ch) == "L" and ch != "\u200e"


def _is_connector(ch: str) -> bool:
    """A neutral that may sit inside a run: spaces, ASCII punctuation, math symbols."""
    if ch in _PARAGRAPH_BREAKS or ch in _PERSIAN_QUOTES or _is_arabic_script(ch):
        return False
    return unicodedata.bidirectional(ch) in _CONNECTOR_CLASSES


def _is_run_start(text: str, i: int) -> bool:
    """Whether a run starts at ``i``: an anchor, or a sign such as ``$`` before a digit."""
    ch = text[i]
    if _is_anchor(ch):
        return True
    return (
        unicodedata.bidirectional(ch) == "ET"
        and _is_connector(ch)
        and i + 1 < len(text)
        and "0" <= text[i + 1] <= "9"
    )


def _run_end(text: str, start: int) -> int:
    """The end (exclusive) of the run starting at ``start``."""
    end = start + 1
    j = start + 1
    while j < len(text):
        ch = text[j]
        kind = unicodedata.bidirectional(ch)
        if _is_anchor(ch) or (kind == "NSM" and j == end and not _is_arabic_script(ch)):
            end = j + 1
        elif not _is_connector(ch):
            break
        j += 1
    # A sign after a number ("20%", "37°") stays with it.
    if "0" <= text[end - 1] <= "9":
        while (
            end < len(text)
            and unicodedata.bidirectional(text[end]) == "ET"
            and _is_connector(text[end])
        ):
            end += 1
    # A closing bracket whose opening bracket is inside the run stays with it.
    while end < len(text) and text[end] in _CLOSING_BRACKETS:
        run = text[start:end]
        pair = _OPENING_BRACKETS[_CLOSING_BRACKETS.index(text[end])]
        if run.count(pair) > run.count(text[end]):
            end += 1
        else:
            break
    return end


def _persian_number(run: str) -> str:
    """Persian digits and separators for a run of Latin digits and signs ("1,234.5")."""
    run = re.sub(r"(?<=\d)\.(?=\d)", _PERSIAN_DECIMAL, run)
    run = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", _PERSIAN_THOUSANDS, run)
    run = re.sub(r"(?<=\d)%", _PERSIAN_PERCENT, run)
    return to_persian_digits(run)


def _typeset_prose(text: str, persian: bool) -> str:
    """Isolate Latin runs (and, for ``persian``, convert numbers) in text free of isolates."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if not _is_run_start(text, i):
            out.append(text[i])
            i += 1
            continue
        end = _run_end(text, i)
        run = text[i:end]
        if any(unicodedata.bidirectional(ch) == "L" for ch in run):
            out.append(f"{FSI}{run}{PDI}")
        else:
            out.append(_persian_number(run) if persian else run)
        i = end
    return "".join(out)


def _typeset_piece(text: str, persian: bool) -> str:
    """Typeset text outside glossary marks, leaving existing isolates untouched."""
    out: list[str] = []
    prose_start = 0
    i = 0
    while i < len(text):
        if text[i] not in _ISOLATE_OPENERS:
            i += 1
            continue
        prose = text[prose_start:i]
        out.append(_typeset_prose(prose, persian))
        # Skip the isolate: up to its matching PDI, or the end of the paragraph.
        depth = 0
        j = i
        while j < len(text) and text[j] not in _PARAGRAPH_BREAKS:
            if text[j] in _ISOLATE_OPENERS:
                depth += 1
            elif text[j] == PDI:
                depth -= 1
                if depth == 0:
                    j += 1
                    break
            j += 1
        out.append(text[i:j])
        prose_start = i = j
    out.append(_typeset_prose(text[prose_start:], persian))
    return "".join(out)


def _typeset(text: str, persian: bool) -> str:
    """Typeset text, keeping the syntax of glossary marks intact."""
    out: list[str] = []
    position = 0
    # The record's own pattern: one definition of a mark, linear on any input (a copy
    # here once drifted from it and backtracked quadratically on unclosed marks).
    for mark in GLOSSARY_MARK.finditer(text):
        out.append(_typeset_piece(text[position : mark.start()], persian))
        if mark.group(2) is None:
            out.append(mark.group(0))
        else:
            shown_start, shown_end = mark.span(2)
            out.append(text[mark.start() : shown_start])
            out.append(_typeset_piece(mark.group(2), persian))
            out.append(text[shown_end : mark.end()])
        position = mark.end()
    out.append(_typeset_piece(text[position:], persian))
    return "".join(out)


def isolate_latin(text: str) -> str:
    """Wrap each run of Latin script inside Persian text in a bidi isolate.

    A run starts and ends with a Latin letter or an ASCII digit and may hold spaces,
    ASCII punctuation and symbols in between: "ICSI", "IVF-ET", "AFC < 4",
    "20 million/ml" each become one isolate ``FSI ... PDI``. Spaces and punctuation at
    the run's edges stay outside; a sign after a number ("20%") and a closing bracket
    whose opening bracket is in the run stay inside. A run of digits without letters is
    not wrapped: digits keep their order in right-to-left text.

    The function is idempotent: text already inside an isolate (``LRI``, ``RLI`` or
    ``FSI`` up to its ``PDI``) is left alone, and the syntax of glossary marks
    (``[[id|shown words]]``) is kept intact, with only the shown words typeset.

    Args:
        text: Persian text, possibly with Latin words.

    Returns:
        The text with isolates added; nothing else changes.
    """
    return _typeset(text, persian=False)


@functools.lru_cache(maxsize=4096)
def persian_text(text: str) -> str:
    """Typeset Persian prose: Persian letters and digits, and Latin runs isolated.

    * Arabic yeh and kaf (``ي ى ك``) become Persian ``ی ک``, Arabic-Indic digits
      become Persian digits.
    * Numbers in the prose ("25", "1,234.5", "10%") get Persian digits and separators
      ("۲۵", "۱٬۲۳۴٫۵", "۱۰٪").
    * A number that belongs to a Latin run ("IVF-ET 2", "20 million/ml", "AFC < 4")
      keeps its Latin digits and goes inside the run's isolate, as in
      :func:`isolate_latin`.

    Idempotent, like :func:`isolate_latin`. Remembered for the last few thousand
    texts: a language switch typesets every text on the screen, character by
    character, and the same texts come back at every switch.

    Args:
        text: Persian text.

    Returns:
        The typeset text.
    """
    text = text.translate(_TO_PERSIAN_LETTERS).translate(ARABIC_INDIC_TO_PERSIAN)
    return _typeset(text, persian=True)
