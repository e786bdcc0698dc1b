"""app/present/preview.py: the preview strip's words, in English and Persian."""

from __future__ import annotations

from app.present.preview import dropped_note, kept_headline, lint_headline, not_on_a_screen


def test_english():
    assert kept_headline(1, "en").startswith("The record has 1 problem and was not loaded again.")
    assert kept_headline(3, "en").startswith("The record has 3 problems")
    assert "still shows the last version" in kept_headline(3, "en")
    assert lint_headline(0, "en") == ""
    assert lint_headline(2, "en") == (
        "Strict check: 2 content problems. Choose one to see where it shows."
    )
    assert lint_headline(16, "en", warnings=14) == (
        "Strict check: 2 content problems. 14 reading-level warnings, which do not fail"
        " the check. Choose one to see where it shows."
    )
    assert lint_headline(1, "en", warnings=1) == (
        "Strict check: no content problems. 1 reading-level warning, which does not fail"
        " the check. Choose it to see where it shows."
    )
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
    both = lint_headline(16, "fa", warnings=14)
    assert "۲" in both and "۱۴" in both and "14" not in both
    assert both != lint_headline(16, "en", warnings=14)
    note = dropped_note(("age", "sex"), "fa")
    assert "\u2068age\u2069، \u2068sex\u2069" in note
    assert note.startswith("۲ پاسخ")
    assert not_on_a_screen("fa") != not_on_a_screen("en")
