"""app/speech/normalize.py: shown text -> what eSpeak NG reads, per language, mapped back."""

from __future__ import annotations

import pytest

from app.speech.normalize import speakable, spell

EN = [
    ("Your [[amh|egg reserve]] is checked.", "Your egg reserve is checked."),
    ("We test your AMH level.", "We test your eh M H level."),
    ("Women who had IVF or ICSI.", "Women who had I V F or I C S I."),
    ("Two IVFs before.", "Two I V F's before."),
    ("Aged 25–45 years.", "Aged 25 to 45 years."),
    ("Aged 25-45 years.", "Aged 25 to 45 years."),
    ("About 50% of people.", "About 50 percent of people."),
    ("Yes / no.", "Yes or no."),
    ("Blood & urine.", "Blood and urine."),
    ("Rest – then go home.", "Rest, then go home."),
    ("**Bold** and _soft_ and `code`.", "Bold and soft and code."),
    ("See [the registry](https://example.org/x).", "See the registry."),
    ("Steps:\n- one\n- two", "Steps: one. two"),
    ("# Title\nText.", "Title. Text."),
    ("NCT05703308", "N C T zero five seven zero three three zero eight"),
    ("Look it up on ClinicalTrials.gov.", "Look it up on Clinical Trials dot gov."),
    ("Aged ۲۵ to ۴۵.", "Aged 25 to 45."),
    ("\u2068ICSI\u2069 done.", "I C S I done."),
    ("Serum AMH < 0.1 ng/ml.", "Serum eh M H less than 0.1 nanograms per millilitre."),
    ("Given in pmol/L.", "Given in picomoles per litre."),
    ("Take 5 mg, then 10mg.", "Take 5 milligrams, then 10 milligrams."),
    ("Inject [[microlitre|150 µl]].", "Inject 150 microlitres."),
    ("Age > 18 and ≤ 40.", "Age more than 18 and at most 40."),
    ("Hepatitis B, I think, a g.", "Hepatitis B, I think, a g."),
    (
        "Call +98 21 2230 7960.",
        "Call plus nine eight, two one, two two three zero, seven nine six zero.",
    ),
    ("Call 021-22307960 now", "Call zero two one, two two three zero seven nine six zero now"),
    ("From 2020-2024, 12345678 people.", "From 2020 to 2024, 12345678 people."),
]
FA = [
    ("سطح [[amh|هورمون AMH]] شما", "سطح هورمون اِی اِم اِچ شما"),
    (
        "پیش از این \u2068IVF\u2069 یا \u2068ICSI\u2069 داشته‌اید؟",
        "پیش از این آی وی اِف یا آی سی اِس آی داشته\u200cاید؟",
    ),
    ("سن ۲۵–۴۵ سال", "سن ۲۵ تا ۴۵ سال"),
    ("سن 25-45 سال", "سن ۲۵ تا ۴۵ سال"),
    ("۵۰٪ افراد", "۵۰٪ افراد"),
    ("30% افراد", "۳۰ درصد افراد"),
    ("بله / خیر", "بله یا خیر"),
    ("خون & ادرار", "خون و ادرار"),
    ("شماره‌ی NCT05703308", "شماره\u200cی اِن سی تی صفر پنج هفت صفر سه سه صفر هشت"),
    ("در ClinicalTrials.gov", "در کلینیکال تِرایالز دات گاو"),
    ("مراحل:\n- اول\n- دوم", "مراحل: اول. دوم"),
    ("زیر ۰٫۱ ng/ml", "زیر ۰ ممیز ۱ نانوگرم در میلی\u200cلیتر"),
    ("۱.۵ سال", "۱ ممیز ۵ سال"),
    ("هپاتیت B و C", "هپاتیت بی و سی"),
    ("سن > ۱۸", "سن بیشتر از ۱۸"),
    ("[[microlitre|۱۵۰ µl]] از آن", "۱۵۰ میکرولیتر از آن"),
    ("میکرولیتر (µl)", "میکرولیتر (میکرولیتر)"),
    ("تلفن: ۰۲۱ ۲۲۳۰ ۷۹۶۰", "تلفن: صفر دو یک، دو دو سه صفر، هفت نه شش صفر"),
    ("تلفن: +98 21 2230 7960", "تلفن: مثبت نه هشت، دو یک، دو دو سه صفر، هفت نه شش صفر"),
]


@pytest.mark.parametrize(("text", "spoken"), EN)
def test_english(text: str, spoken: str) -> None:
    assert speakable(text, "en").text == spoken


@pytest.mark.parametrize(("text", "spoken"), FA)
def test_persian(text: str, spoken: str) -> None:
    assert speakable(text, "fa").text == spoken


def test_a_term_mark_reads_the_term_of_the_record(default_record) -> None:
    term = default_record.patient.glossary[0]
    shown = speakable(f"About [[{term.id}]].", "fa", default_record)
    assert shown.text == speakable(f"About {term.term['fa']}.", "fa").text
    assert speakable(f"[[{term.id}]]", "en").text == term.id  # no record: the id


def test_source_span_maps_back_to_the_shown_words() -> None:
    source = "We test your [[amh|AMH level]] and **ICSI**, 25–45."
    words = speakable(source, "en")
    spoken = words.text
    start = spoken.index("eh M H")
    a, b = words.source_span(start, len("eh M H level"))
    assert source[a:b] == "AMH level"
    start = spoken.index("I C S I")
    a, b = words.source_span(start, len("I C S I"))
    assert source[a:b] == "ICSI"
    start = spoken.index("45")
    assert source[slice(*words.source_span(start, 2))] == "45"
    # every spoken character maps inside the source, in order
    assert list(words.starts) == sorted(words.starts)
    assert all(0 <= s < e <= len(source) for s, e in zip(words.starts, words.ends, strict=True))


def test_source_span_of_persian_words() -> None:
    source = "سن شما \u2068۳۳\u2069 سال است."
    words = speakable(source, "fa")
    assert words.text == "سن شما ۳۳ سال است."
    start = words.text.index("۳۳")
    assert source[slice(*words.source_span(start, 2))] == "۳۳"


def test_empty_and_clamped() -> None:
    assert speakable("", "en").text == ""
    assert speakable("", "en").source_span(3, 4) == (0, 0)
    words = speakable("Hello.", "en")
    assert words.source_span(-5, 100) == (0, 6)


def test_spell() -> None:
    assert spell("AMH", "fa") == "اِی اِم اِچ"
    assert spell("B12", "en") == "B one two"
