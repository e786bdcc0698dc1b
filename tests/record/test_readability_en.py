"""app/record/readability_en.py: CMU syllables, the fallback rule, prose, the grade.

The grade is checked against textstat 0.7.13 on every graded English text of the
default record. textstat cannot be installed beside the project (it would download
NLTK's dictionary, and its wheel installs a top-level ``tests`` package that shadows
ours), so its figures were computed once by ``tools/readability_reference.py``, which
says how, and are pinned in ``tests/data/readability/textstat_reference.json``.
"""

from __future__ import annotations

import json
import socket

import pytest

from app.record import readability_en as en
from app.record.checks import iter_texts
from app.record.issues import format_path
from app.record.readability import MIN_WORDS
from tests.conftest import DATA

REFERENCE = DATA / "readability" / "textstat_reference.json"


def test_the_cmu_dictionary_is_installed_and_read_offline(monkeypatch):
    en.cmu_syllables.cache_clear()

    def refuse(*_args, **_kwargs):
        raise AssertionError("the dictionary must not use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    table = en.cmu_syllables()
    assert en.dictionary_available()
    assert len(table) > 100_000
    # Pronunciations, not spelling: the letter rule gets these wrong.
    assert (table["people"], table["ovaries"], table["area"], table["fire"]) == (2, 3, 3, 2)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("cat", 1),
        ("study", 2),
        ("ovary", 3),
        ("ovaries", 3),
        ("people", 2),
        ("injection", 3),
        ("committee", 3),
        ("ultrasound", 3),
        ("area", 3),  # the vowel-group rule says 2
        ("hormones", 2),
        ("body's", 2),
        ("don't", 1),
        ("X-ray", 2),  # X + ray
        ("sex-steroid", 3),
        ("and/or", 2),  # both in the dictionary: two words read
        ("ng/ml", 1),  # a unit: counted as written, as textstat counts "ngml"
        ("IVF", 1),  # abbreviations are counted as written, like any tool counts them
    ],
)
def test_syllables_of_known_words(word, syllables):
    assert en.count_syllables(word) == syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        # Words the CMU dictionary lacks (the default record's), by their dictionary division.
        ("endometrioma", 6),  # en-do-me-tri-o-ma: "io" is two vowels
        ("hydrosalpinx", 4),
        ("autologous", 4),
        ("fertilisation", 5),  # -tion is one
        ("litre", 2),  # li-tre
        ("microlitre", 4),
        ("picomoles", 3),  # silent e after a vowel and l
        ("Müllerian", 4),  # accents do not hide vowels
        ("table", 2),  # but consonant + le is a syllable
        ("the", 1),
    ],
)
def test_the_fallback_rule(word, syllables):
    assert en.heuristic_syllables(word) == syllables
    assert en.count_syllables(word) == syllables  # none of them is in the dictionary


def test_prose_drops_markdown_and_reads_latin_abbreviations():
    text = (
        "# Steps\n\n**Bring** your `card`, e.g. a [clinic card](https://x.example).\n\n- one\n- two"
    )
    plain = en.prose(text)
    assert "**" not in plain and "`" not in plain and "#" not in plain and "](" not in plain
    assert "for example a clinic card" in plain
    # The heading, the sentence and each list item: four sentences, not more.
    assert len(en.sentences(plain)) == 4


def test_latin_abbreviations_and_decimals_end_no_sentence():
    words, sentences, _ = en.counts("Bring a card, i.e. your ID, etc. and a level of 0.1 ng/ml.")
    assert sentences == 1
    # i.e. reads as "that is" and etc. as "and so on": two and three words.
    assert words == 16


def test_counts_and_formulas_by_hand():
    # "The cat sat. It was happy." 6 words, 2 sentences, 1+1+1+1+1+2 = 7 syllables.
    assert en.counts("The cat sat. It was happy.") == (6, 2, 7)
    # 0.39 * 6/2 + 11.8 * 7/6 - 15.59 = 1.17 + 13.7667 - 15.59 = -0.6533
    assert en.grade_level("The cat sat. It was happy.") == pytest.approx(-0.6533, abs=1e-4)
    # 206.835 - 1.015 * 3 - 84.6 * 7/6 = 206.835 - 3.045 - 98.7 = 105.09
    assert en.reading_ease(6, 2, 7) == pytest.approx(105.09, abs=1e-9)
    assert en.grade_level("") == 0.0 and en.counts("!!") == (0, 0, 0)


def test_plain_and_dense_text_are_told_apart():
    plain = "You come to the clinic. A nurse takes some blood. It takes ten minutes."
    dense = (
        "Participants undergoing intraovarian administration of autologous mesenchymal "
        "stromal cells demonstrated considerably improved folliculogenesis parameters."
    )
    assert en.grade_level(plain) < 4 < 8 < en.grade_level(dense)


def _graded_texts(record) -> dict[str, str]:
    out = {}
    for path, lang, raw in iter_texts(record):
        text = record.unmark(raw, lang)
        if lang == "en" and en.counts(text)[0] >= MIN_WORDS:
            out[format_path(path)] = text
    return out


def test_grade_is_within_half_a_grade_of_textstat_on_every_default_text(default_record):
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert reference["reference"] == "textstat 0.7.13"
    texts = _graded_texts(default_record)
    pinned = reference["texts"]
    stale = sorted(p for p in texts if p not in pinned or pinned[p]["text"] != texts[p])
    assert not stale, f"run tools/readability_reference.py again: changed texts {stale}"
    assert len(texts) > 100
    worst = max((abs(en.grade_level(t) - pinned[p]["grade"]), p) for p, t in texts.items())
    assert worst[0] <= 0.5, worst


def test_glossary_marks_are_read_as_their_words(default_record):
    # arms[0]: "[[mensc|period blood stem cells]] ... [[ovary|ovaries]] ... [[icsi]]".
    raw = default_record.arms[0].plain["en"]
    assert "[[" in raw
    text = default_record.unmark(raw, "en")
    assert "period blood stem cells" in text and "ICSI" in text and "[[" not in text
    assert en.counts(text)[0] == 31
