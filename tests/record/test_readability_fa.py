"""app/record/readability_fa.py: Persian syllable estimate and the Flesch-Dayani score."""

from __future__ import annotations

import pytest

from app.record import readability_fa as fa
from tests.conftest import DATA

HAND_COUNTED = DATA / "readability" / "persian_syllables.tsv"


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("و", 1),  # va, "and": a lone letter
        ("است", 1),  # ast: initial alef + short vowel, coda cluster ست
        ("نیست", 1),  # nist
        ("دارد", 2),  # dā-rad: two final consonants that are no coda cluster
        ("پژوهش", 3),  # pa-zhu-hesh
        ("آزمایش", 3),  # āz-mā-yesh: ی after ا is y
        ("کوتاه", 2),  # ku-tāh: ه after a vowel letter is h
        ("خانه", 2),  # khā-ne: final ه after a consonant is -e
        ("خواهر", 2),  # khā-har: the silent و of خوا
        ("تزریق", 2),  # taz-riq: one unwritten vowel before three consonants
        ("کلینیک", 3),  # ke-li-nik
        ("می‌آیید", 3),  # mi + ā-yid: parts split at the ZWNJ
        ("سلول‌های", 4),  # so-lul + hā-ye: ezafe -ye after ا
        ("تخمک‌گذاری", 5),  # tokh-mak + go-zā-ri
        ("بیماری‌ها", 4),  # bi-mā-ri + hā
    ],
)
def test_syllables_of_known_words(word, syllables):
    assert fa.persian_syllables(word) == syllables


def test_the_estimate_on_the_default_records_hand_counted_words():
    rows = [
        line.split("\t")
        for line in HAND_COUNTED.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(rows) == 144
    exact = sum(fa.persian_syllables(word) == int(count) for word, count in rows)
    estimated = sum(fa.persian_syllables(word) for word, _ in rows)
    counted = sum(int(count) for _, count in rows)
    # Measured: 125 of 144 exact (87%), 316 syllables against 327 (3% under).
    assert exact >= 0.85 * len(rows)
    assert abs(estimated - counted) <= 0.05 * counted


def test_dayani_by_hand():
    text = "این پژوهش کوتاه است. شما به کلینیک می‌آیید."
    # Words: این 1, پژوهش 3, کوتاه 2, است 1 | شما 2, به 1, کلینیک 3, می‌آیید 3.
    # 8 words, 2 sentences, 1+3+2+1+2+1+3+3 = 16 syllables.
    assert fa.counts(text) == (8, 2, 16)
    # WL = 100 * 16 / 8 = 200 syllables per 100 words; SL = 8 / 2 = 4 words a sentence.
    # 262.835 - 0.846 * 200 - 1.015 * 4 = 262.835 - 169.2 - 4.06 = 89.575
    assert fa.dayani_score(text) == pytest.approx(89.575, abs=1e-9)
    assert fa.flesch_band(89.575) == "6"


def test_a_long_sentence_of_long_words_scores_low():
    text = " ".join(["بیماری"] * 12) + "."
    # 12 words of 3 syllables (bi-mā-ri), one sentence: WL = 300, SL = 12.
    # 262.835 - 0.846 * 300 - 1.015 * 12 = 262.835 - 253.8 - 12.18 = -3.145
    assert fa.counts(text) == (12, 1, 36)
    assert fa.dayani_score(text) == pytest.approx(-3.145, abs=1e-9)
    assert fa.flesch_band(-3.145) == "17+"
    assert fa.dayani_score(text) < fa.MIN_DAYANI


def test_latin_runs_numbers_and_question_marks():
    # "AMH" is counted as English (1), "۰٫۱" as one word of one syllable; ؟ ends a sentence.
    text = "آیا مقدار AMH کمتر از ۰٫۱ است؟ بله."
    words, sentences, syllables = fa.counts(text)
    assert (words, sentences) == (8, 2)
    # آیا 2, مقدار 2, AMH 1, کمتر 2, از 1, ۰٫۱ 1, است 1, بله 2
    assert syllables == 12


def test_bands_follow_flesch():
    assert [fa.flesch_band(s) for s in (95, 85, 75, 65, 55, 40, 10)] == [
        "5",
        "6",
        "7",
        "8-9",
        "10-12",
        "13-16",
        "17+",
    ]
    assert fa.dayani(0, 0, 0) == 100.0
