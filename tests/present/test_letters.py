"""app/present/letters.py: the glossary's first-letter browser."""

from __future__ import annotations

from app.present.letters import ENGLISH, PERSIAN, first_letter, letters_in_use


def test_the_alphabets_are_complete_and_in_order():
    assert "".join(PERSIAN) == "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
    assert len(PERSIAN) == 32 and len(ENGLISH) == 26


def test_first_letter_folds_forms_marks_and_case():
    assert first_letter("آی‌وی‌اف (IVF)") == "ا"  # آ is looked for under ا
    assert first_letter("\u2068كيست\u2069") == "ک"  # Arabic kaf, in a bidi isolate
    assert first_letter("يد") == "ی"
    assert first_letter("ovary") == "O"
    assert first_letter("Émbryo") == "E"
    assert first_letter("  (hCG)") == "H"
    assert first_letter("۳ فاز") == "۳"
    assert first_letter("—") == ""


def test_letters_in_use_only_those_starting_a_term_alphabet_first(default_record):
    terms = default_record.patient.glossary
    fa = letters_in_use((t.term["fa"] for t in terms), "fa")
    en = letters_in_use((t.term["en"] for t in terms), "en")
    # Persian order, then the Latin letter of "TSH" (its Persian name is Latin).
    assert fa[:4] == ["ا", "ب", "پ", "ت"] and fa[-1] == "T"
    assert "ژ" not in fa and "ظ" not in fa  # no term starts with them
    assert en == sorted(en) and "Q" not in en and "A" in en
    for lang, letters in (("fa", fa), ("en", en)):
        starts = {first_letter(t.term[lang]) for t in terms}
        assert set(letters) == starts  # every term under exactly one offered letter
