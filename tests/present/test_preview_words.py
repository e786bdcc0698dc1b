"""app/present/preview.py: the preview strip's words, in English and Persian."""

from __future__ import annotations

from app.present.preview import dropped_note, kept_headline, lint_headline, not_on_a_screen


def test_english():
    assert kept_headline(1, "en").startswith("The record has 1 problem and was not loaded again.")
    assert kept_headline(3, "en").startswith("The record has 3 problems")
    assert "still shows the last version" in kept_headline(3, "en")
    assert lint_headline(0, "en") == ""
    assert lint_headline(2, "en").startswith("Strict check: 2 content problems.")
    assert dropped_note((), "en") == ""
    assert dropped_note(("age", "sex"), "en") == (
        "2 answers no longer fit their questions and were cleared: age, sex."
    )
    assert not_on_a_screen("en") == "(not shown on any screen)"


def test_persian_has_persian_digits_and_isolated_ids():
    headline = kept_headline(12, "fa")
    assert "۱۲" in headline and "12" not in headline
    assert "بارگذاری نشد" in headline
    assert "۲" in lint_headline(2, "fa")
    note = dropped_note(("age", "sex"), "fa")
    assert "\u2068age\u2069، \u2068sex\u2069" in note
    assert note.startswith("۲ پاسخ")
    assert not_on_a_screen("fa") != not_on_a_screen("en")
