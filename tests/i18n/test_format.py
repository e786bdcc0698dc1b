"""Formatting by language: digits, numbers, Solar Hijri dates, ranges, bidi isolation."""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCalendar, QDate, QLocale

from app.i18n.format import (
    FSI,
    PDI,
    format_date,
    format_number,
    format_quantity,
    format_range,
    isolate_latin,
    persian_text,
    to_latin_digits,
    to_persian_digits,
)
from app.record.enums import AgeUnit

ZWNJ = "\u200c"
LRI, RLI = "\u2066", "\u2067"


def iso(run: str) -> str:
    return f"{FSI}{run}{PDI}"


def without_isolates(text: str) -> str:
    return text.replace(FSI, "").replace(PDI, "")


def outside_isolates(text: str) -> str:
    """The text with every (balanced) isolate removed, contents and all."""
    return re.sub(f"{FSI}[^{FSI}{PDI}]*{PDI}", "", text)


# --- digits ---------------------------------------------------------------------------


def test_to_persian_digits() -> None:
    assert to_persian_digits("0123456789") == "۰۱۲۳۴۵۶۷۸۹"
    assert to_persian_digits("سن 25 سال") == "سن ۲۵ سال"
    assert to_persian_digits("abc") == "abc"


def test_to_latin_digits_reads_persian_and_arabic_indic() -> None:
    assert to_latin_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert to_latin_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert int(to_latin_digits("۴۵")) == 45


@given(st.text(alphabet=st.characters(exclude_characters="۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")))
def test_persian_digits_round_trip(text: str) -> None:
    assert to_latin_digits(to_persian_digits(text)) == text


@given(st.text())
def test_to_persian_digits_leaves_no_ascii_digit(text: str) -> None:
    assert not re.search(r"[0-9]", to_persian_digits(text))


# --- numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "en", "fa"),
    [
        (0, "0", "۰"),
        (7, "7", "۷"),
        (1234, "1,234", "۱٬۲۳۴"),
        (1234567, "1,234,567", "۱٬۲۳۴٬۵۶۷"),
        (3.5, "3.5", "۳٫۵"),
        (2.0, "2", "۲"),
        (0.1 + 0.2, "0.3", "۰٫۳"),
        (-12, "-12", "\u200e\u2212۱۲"),
    ],
)
def test_format_number(n: float, en: str, fa: str) -> None:
    assert format_number(n, "en") == en
    assert format_number(n, "fa") == fa


def test_format_number_decimals() -> None:
    assert format_number(1234.5, "en", decimals=2) == "1,234.50"
    assert format_number(1234.5, "fa", decimals=2) == "۱٬۲۳۴٫۵۰"
    assert format_number(-1e-9, "en") == "0"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_format_number_fa_reads_back(n: int) -> None:
    text = format_number(n, "fa")
    assert not re.search(r"[0-9]", text)
    digits = to_latin_digits(text).replace("٬", "").replace("\u200e\u2212", "-")
    assert int(digits) == n


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "fa"),
    [
        ("2020-06-21", "۱ تیر ۱۳۹۹"),
        ("2022-10-22", "۳۰ مهر ۱۴۰۱"),
        ("2021-03-20", "۳۰ اسفند ۱۳۹۹"),  # last day of the year
        ("2021-03-21", "۱ فروردین ۱۴۰۰"),  # Nowruz
    ],
)
def test_format_date_solar_hijri(date: str, fa: str) -> None:
    assert format_date(date, "fa") == fa


def test_format_date_english() -> None:
    assert format_date("2020-06-21", "en") == "June 21, 2020"
    assert format_date("2022-10-02", "en") == "October 2, 2022"
    assert format_date(datetime.date(2020, 6, 21), "en") == "June 21, 2020"
    assert format_date(datetime.date(2020, 6, 21), "fa") == "۱ تیر ۱۳۹۹"


def test_format_date_month_precision() -> None:
    assert format_date("2020-06", "en") == "June 2020"
    # A Gregorian month is shown as the Solar Hijri month holding most of its days.
    assert format_date("2020-07", "fa") == "تیر ۱۳۹۹"
    assert format_date("2020-06", "fa") == "خرداد ۱۳۹۹"
    assert format_date("2021-03", "fa") == "اسفند ۱۳۹۹"


def test_format_date_fa_year_has_no_group_separator() -> None:
    text = format_date("2022-10-22", "fa")
    assert "٬" not in text and "," not in text
    assert text.endswith("۱۴۰۱")


@pytest.mark.parametrize("bad", ["2020-02-30", "2020-13", "2020-00-10", "June 2020", "2020/06/21"])
def test_format_date_rejects_bad_dates(bad: str) -> None:
    with pytest.raises(ValueError, match="date"):
        format_date(bad, "en")


_FA_MONTHS = [
    QCalendar(QCalendar.System.Jalali).monthName(QLocale("fa_IR"), m, 1400) for m in range(1, 13)
]


@given(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2100, 12, 31)))
@example(datetime.date(2020, 6, 21))
def test_format_date_fa_reads_back_to_the_same_day(day: datetime.date) -> None:
    text = format_date(day.isoformat(), "fa")
    match = re.fullmatch(r"([۰-۹]{1,2}) (\S+) ([۰-۹]{4})", text)
    assert match, text
    month = _FA_MONTHS.index(match[2]) + 1
    back = QCalendar(QCalendar.System.Jalali).dateFromParts(
        int(to_latin_digits(match[3])), month, int(to_latin_digits(match[1]))
    )
    assert back == QDate(day.year, day.month, day.day)


# --- ranges and quantities ------------------------------------------------------------


def test_format_range_in_words() -> None:
    assert format_range(25, 45, "en", AgeUnit.YEARS) == "25 to 45 years"
    assert format_range(25, 45, "fa", AgeUnit.YEARS) == "۲۵ تا ۴۵ سال"
    assert format_range(25, 45, "en") == "25 to 45"
    assert format_range(25, 45, "fa") == "۲۵ تا ۴۵"
    assert format_range(5, 20, "en", "million/ml") == "5 to 20 million/ml"
    assert format_range(5, 20, "fa", "میلیون در میلی‌لیتر") == "۵ تا ۲۰ میلیون در میلی‌لیتر"


def test_format_range_open_ends() -> None:
    assert format_range(18, None, "en", AgeUnit.YEARS) == "18 years or more"
    assert format_range(18, None, "fa", AgeUnit.YEARS) == "۱۸ سال یا بیشتر"
    assert format_range(None, 45, "en", AgeUnit.YEARS) == "up to 45 years"
    assert format_range(None, 45, "fa", AgeUnit.YEARS) == "حداکثر ۴۵ سال"
    assert format_range(3, 3, "en", AgeUnit.MONTHS) == "3 months"
    with pytest.raises(ValueError, match="bound"):
        format_range(None, None, "en")


def test_format_quantity_plural() -> None:
    assert format_quantity(1, AgeUnit.YEARS, "en") == "1 year"
    assert format_quantity(2, AgeUnit.WEEKS, "en") == "2 weeks"
    assert format_quantity(1.5, AgeUnit.HOURS, "en") == "1.5 hours"
    assert format_quantity(1, AgeUnit.YEARS, "fa") == "۱ سال"
    assert format_quantity(30, AgeUnit.MINUTES, "fa") == "۳۰ دقیقه"
    assert format_quantity(7, None, "fa") == "۷"


@pytest.mark.parametrize("unit", list(AgeUnit))
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_every_age_unit_is_translated(unit: AgeUnit, lang: str) -> None:
    text = format_range(1, 2, lang, unit)
    assert "{" not in text
    if lang == "fa":
        assert not re.search(r"[A-Za-z0-9]", text)


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["en", "fa"]),
    st.sampled_from([None, *AgeUnit]),
)
def test_format_range_never_uses_a_dash(
    low: int, high: int, lang: str, unit: AgeUnit | None
) -> None:
    assert "-" not in format_range(low, high, lang, unit)
    assert "–" not in format_range(low, high, lang, unit)


# --- bidi isolation -------------------------------------------------------------------


def test_isolate_latin_in_a_persian_sentence() -> None:
    text = "اگر شمارش AFC < 4 باشد، نمی‌توانید شرکت کنید."
    assert isolate_latin(text) == f"اگر شمارش {iso('AFC < 4')} باشد، نمی‌توانید شرکت کنید."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("روش ICSI انجام می‌شود", f"روش {iso('ICSI')} انجام می‌شود"),
        ("روش IVF-ET.", f"روش {iso('IVF-ET')}."),
        ("غلظت 20 million/ml است", f"غلظت {iso('20 million/ml')} است"),
        ("(ICSI)", f"({iso('ICSI')})"),
        ("«ICSI»", f"«{iso('ICSI')}»"),
        ("ICSI، IVF", f"{iso('ICSI')}، {iso('IVF')}"),
        ("سطح FSH 20% است", f"سطح {iso('FSH 20%')} است"),
        ("روش ICSI (IVF) است", f"روش {iso('ICSI (IVF)')} است"),
        ("کد NCT05703308 است", f"کد {iso('NCT05703308')} است"),
        ("  ICSI  ", f"  {iso('ICSI')}  "),
        ("ICSI\nIVF", f"{iso('ICSI')}\n{iso('IVF')}"),
    ],
)
def test_isolate_latin_runs(text: str, expected: str) -> None:
    assert isolate_latin(text) == expected


def test_isolate_latin_leaves_persian_and_plain_numbers_alone() -> None:
    for text in ["سلام", "سن ۲۵ تا ۴۵ سال", "سن 25 تا 45 سال", "", "؟!", f"کار{ZWNJ}ها"]:
        assert isolate_latin(text) == text


def test_isolate_latin_keeps_existing_isolates() -> None:
    text = f"روش {iso('ICSI')} و {LRI}IVF-ET{PDI} و {RLI}AFC < 4{PDI}"
    assert isolate_latin(text) == text
    assert persian_text(text) == text


def test_isolate_latin_keeps_glossary_marks_intact() -> None:
    text = "روش [[icsi|ICSI]] و [[ivf_et]] و [[afc|شمارش AFC]]"
    assert isolate_latin(text) == (
        f"روش [[icsi|{iso('ICSI')}]] و [[ivf_et]] و [[afc|شمارش {iso('AFC')}]]"
    )


def test_isolate_latin_is_idempotent_on_examples() -> None:
    text = "اگر AFC < 4 باشد یا IVF-ET با 20 million/ml (ICSI) انجام شود"
    once = isolate_latin(text)
    assert isolate_latin(once) == once
    assert without_isolates(once) == text


_ALPHABET = f"abcXYZ019 <>()[]|_-.,%$/:\n\tسلامتیکوه۰۱۲،؛؟«»{ZWNJ}{FSI}{PDI}{LRI}\u00e9\u0301\u200e"
texts = st.text(alphabet=_ALPHABET, max_size=40)


@given(texts)
@example("[[a|x]]")
@example(f"{FSI}ab")
@example(f"ab{PDI}cd")
def test_isolate_latin_is_idempotent(text: str) -> None:
    once = isolate_latin(text)
    assert isolate_latin(once) == once


@given(st.text(alphabet=_ALPHABET.replace(FSI, "").replace(PDI, "").replace(LRI, "")))
def test_isolate_latin_only_adds_isolates(text: str) -> None:
    result = isolate_latin(text)
    assert without_isolates(result) == text
    assert result.count(FSI) == result.count(PDI)
    assert not re.search("[A-Za-z]", outside_isolates(result))


# --- Persian prose --------------------------------------------------------------------


def test_persian_text_digits_and_isolates() -> None:
    text = "سن 25 تا 45 سال؛ اگر AFC < 4 باشد یا روش IVF-ET 2 بار انجام شده باشد"
    assert persian_text(text) == (
        f"سن ۲۵ تا ۴۵ سال؛ اگر {iso('AFC < 4')} باشد یا روش {iso('IVF-ET 2')} بار انجام شده باشد"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.5 نفر", "۱٬۲۳۴٫۵ نفر"),
        ("10% افراد", "۱۰٪ افراد"),
        ("3.5 سانتی‌متر", "۳٫۵ سانتی‌متر"),
        ("غلظت 20 million/ml", f"غلظت {iso('20 million/ml')}"),
        ("روز ٣", "روز ۳"),  # Arabic-Indic digit
        ("يك كار", "یک کار"),  # Arabic yeh and kaf
        ("در 2 مرحله", "در ۲ مرحله"),
    ],
)
def test_persian_text(text: str, expected: str) -> None:
    assert persian_text(text) == expected


def test_persian_text_keeps_glossary_ids() -> None:
    assert persian_text("[[day3_transfer]] در روز 3") == "[[day3_transfer]] در روز ۳"


@given(texts)
def test_persian_text_is_idempotent(text: str) -> None:
    once = persian_text(text)
    assert persian_text(once) == once


@given(st.text(alphabet=_ALPHABET.replace(FSI, "").replace(PDI, "").replace(LRI, "")))
def test_persian_text_leaves_latin_digits_only_inside_isolates(text: str) -> None:
    result = persian_text(text)
    outside = re.sub(r"\[\[[a-z][a-z0-9_]*", "", outside_isolates(result))
    assert not re.search("[0-9A-Za-z]", outside)


# -- glossary marks: linear on any input ------------------------------------------------

_MARK_PIECES = st.lists(
    st.sampled_from(["[[", "]]", "[", "]", "|", "ovary", "amh_low", "تخمدان", " ", "ICSI", "‌"]),
    min_size=1,
    max_size=8,
)


def _seconds_per_char(function, text: str) -> float:
    import time

    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
    return best / len(text)


def test_typesetting_uses_the_records_one_mark_pattern():
    """One definition of a glossary mark: i18n keeps no copy of its own to drift."""
    import app.i18n.format as fmt
    from app.record.models import GLOSSARY_MARK

    patterns = [
        value
        for value in vars(fmt).values()
        if isinstance(value, re.Pattern) and r"\[\[" in value.pattern
    ]
    assert patterns == [GLOSSARY_MARK]


@settings(max_examples=20, deadline=None)
@given(_MARK_PIECES)
@example(["[[", "ovary", "|", "تخمدان", " "])  # the summary that froze the start
@example(["[[", "amh_low", "|", "[["])
def test_typesetting_time_per_character_does_not_grow_with_length(pieces):
    """Unclosed marks, stray brackets and bars, repeated: 16 times the text costs about 16
    times the time, not 256 (12,000 unclosed "[[ovary|" once froze the screen for 21 s).
    Measured per character, short against long in the same run: not a timed test. The
    best of three rounds counts, so that a busy moment on a shared machine cannot fail it
    (the old quadratic pattern gave 8x or more in every round)."""
    unit = "".join(pieces)
    short = unit * max(1, 2000 // len(unit))
    long = short * 16
    for function in (persian_text, isolate_latin):
        ratio = min(
            _seconds_per_char(function, long) / _seconds_per_char(function, short) for _ in range(3)
        )
        # Linear gives about 1; quadratic would give about 16.
        assert ratio < 5, f"{function.__name__}: {ratio:.1f}x per character on {unit!r}"
