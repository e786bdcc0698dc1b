"""app/present/catalog.py: the catalog's cards, their order and their languages."""

from __future__ import annotations

import pytest

from app.catalog import CatalogEntry, load_entry
from app.i18n import localize
from app.present.catalog import (
    StudyGroup,
    catalog_cards,
    first_sentence,
    group_heading,
    language_note,
    open_language,
    study_card,
)


def test_cards_enrolling_first_closed_last_in_configured_order(make_study):
    entries = [
        make_study(nct="NCT00000011", status="COMPLETED"),
        make_study(nct="NCT00000012", status="NOT_YET_RECRUITING"),
        make_study(nct="NCT00000013", status="RECRUITING"),
        make_study(nct="NCT00000014", status="TERMINATED"),
        make_study(nct="NCT00000015", status="SUSPENDED"),
        make_study(nct="NCT00000016", status="ENROLLING_BY_INVITATION"),
    ]
    cards = catalog_cards(entries, "en")
    assert [c.study_id for c in cards] == [
        "NCT00000013",
        "NCT00000016",
        "NCT00000012",
        "NCT00000015",
        "NCT00000011",
        "NCT00000014",
    ]
    assert [c.enrolling for c in cards] == [True, True, False, False, False, False]
    assert [c.closed for c in cards] == [False, False, False, False, True, True]
    assert cards[-1].status == "Stopped early: not taking new people"
    assert cards[0].status == "Recruiting: taking new people now"


def test_entries_left_out_get_no_card(make_study):
    broken = CatalogEntry("bad.yaml", None, ("bad.yaml: the file is empty",))
    tampered = CatalogEntry("t.yaml", make_study().record, ("t.yaml: approval: changed",))
    assert [c.study_id for c in catalog_cards([broken, make_study(), tampered], "en")] == [
        "NCT00000001"
    ]
    with pytest.raises(ValueError, match=r"bad\.yaml"):
        study_card(broken, "en")


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_default_record_card(lang):
    entry = load_entry(None)
    (card,) = catalog_cards([entry], lang)
    record = entry.record
    assert card.title == localize(record.identification.plain_title, lang)
    expected = {
        "en": "This study was for women whose ovaries make very few eggs, even with fertility "
        "drugs.",
        "fa": "این پژوهش برای زنانی بود که تخمدان‌هایشان حتی با داروهای باروری، تخمک بسیار "
        "کمی می‌سازند.",
    }
    assert card.summary == expected[lang]
    assert card.who_for == {"en": "Women aged 25 to 45", "fa": "زنان ۲۵ تا ۴۵ ساله"}[lang]
    assert (
        card.status
        == {
            "en": "Completed: no longer taking new people",
            "fa": "پایان‌یافته: دیگر شرکت‌کننده‌ی جدید نمی‌پذیرد",
        }[lang]
    )
    assert card.group is StudyGroup.CLOSED and card.closed and not card.enrolling
    assert card.languages == ("en", "fa") and card.language_note == ""
    assert card.text_language == card.open_language == lang


@pytest.mark.parametrize(
    ("only", "lang", "note", "text_language"),
    [
        ("en", "en", "Available in English only", "en"),
        ("en", "fa", "فقط به زبان انگلیسی موجود است", "en"),
        ("fa", "en", "Available in Persian only", "fa"),
        ("fa", "fa", "فقط به زبان فارسی موجود است", "fa"),
    ],
)
def test_record_in_one_language(make_study, only, lang, note, text_language):
    entry = make_study(languages=(only,))
    (card,) = catalog_cards([entry], lang)
    assert card.language_note == note
    assert card.languages == (only,)
    # The record's words in a language it has; the interface's in the visitor's.
    assert card.text_language == card.open_language == text_language
    assert card.title == {"en": "A small test study", "fa": "یک پژوهش آزمایشی کوچک"}[only]
    assert card.who_for == {"en": "Adults aged 18 to 60", "fa": "بزرگسالان ۱۸ تا ۶۰ ساله"}[lang]
    assert open_language(entry.record, lang) == text_language
    assert language_note(entry.record, lang) == note


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", "One."),
        ("No full stop at all", "No full stop at all"),
        ("It took 2.5 ml of blood. Then more.", "It took 2.5 ml of blood."),
        ("Ask Dr. Smith about it. Then wait.", "Ask Dr. Smith about it."),
        ("Is it safe? We do not know.", "Is it safe?"),
        ("The answer was no. Then more.", "The answer was no."),
        (
            "Some tests (e.g. blood tests) are done. More.",
            "Some tests (e.g. blood tests) are done.",
        ),
        ("Spread\n  over   lines. Next.", "Spread over lines."),
        ("این یک جمله است. این دومی.", "این یک جمله است."),
        ("آیا بی‌خطر است؟ نمی‌دانیم.", "آیا بی‌خطر است؟"),
        ("word " * 60 + "end.", ("word " * 31).strip() + "…"),
    ],
)
def test_first_sentence(text, expected):
    assert first_sentence(text) == expected
    assert len(first_sentence(text)) <= 160


def test_summary_resolves_glossary_marks(make_study):
    entry = make_study(
        summary={
            "en": "It tests a [[cbc]] twice. More.",
            "fa": "دو بار [[cbc]] را می‌آزماید. بیشتر.",
        }
    )
    assert (
        catalog_cards([entry], "en")[0].summary
        == "It tests a " + entry.record.unmark("[[cbc]]", "en") + " twice."
    )
    assert "[[" not in catalog_cards([entry], "fa")[0].summary


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_group_headings_are_translated(lang):
    headings = {group_heading(group, lang) for group in StudyGroup}
    assert len(headings) == 3
    if lang == "fa":
        assert all(any("\u0600" <= ch <= "\u06ff" for ch in h) for h in headings)
