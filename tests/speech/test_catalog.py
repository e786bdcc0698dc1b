"""app/speech/catalog.py: the catalog's two screens read their own words, in order.

As in test_script: the script's texts must appear, in the script's order, in the words
of the real page (every visible label and button, top to bottom; right to left in
Persian), here on a catalog of two studies (the small one enrolls, the default ended).
"""

from __future__ import annotations

import pytest

from app.i18n import localize
from app.record.enums import Sex
from app.session import Prescreen, Screen
from app.speech.catalog import script_for_catalog
from app.speech.script import is_recordable, script_for_screen, section_of

from .test_script import _find, _page_words, _words

SMALL, DEFAULT = "NCT00000001", "NCT05703308"
ANSWERED = Prescreen(age=30, sex=Sex.MALE, healthy=True)


def _missing(words: list[str], script) -> list[tuple[str, str, bool]]:
    position, missing = 0, []
    for utterance in script:
        wanted = _words(localize(utterance.text, utterance.lang))
        found = _find(words, wanted, position)
        if found < 0:
            missing.append((utterance.key, " ".join(wanted)[:80], _find(words, wanted, 0) >= 0))
        else:
            position = found
    return missing


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize(
    ("screen", "answers"),
    [("catalog", Prescreen()), ("prescreen", Prescreen()), ("prescreen", ANSWERED)],
)
def test_script_follows_the_screen(
    make_catalog, default_record, minimal_record, screen, answers, lang
) -> None:
    session, window = make_catalog(default_record, minimal_record, language=lang)
    session.go_to(Screen(screen))
    session.set_prescreen(answers)
    words = _page_words(window, rtl=lang == "fa")
    script = script_for_catalog(session.studies, screen, lang, session.prescreen)
    assert script, f"{screen} reads nothing"
    missing = _missing(words, script)
    assert not missing, f"not on {screen} in order (key, words, found earlier): {missing}"


def test_catalog_reads_each_card_in_card_order(default_record, minimal_record) -> None:
    script = script_for_catalog((default_record, minimal_record), "catalog", "en")
    keys = [u.key for u in script]
    assert keys[:3] == ["ui.catalog.title", "ui.catalog.lead", "ui.catalog.group[enrolling]"]
    # Enrolling first (the small study), closed last; each card title, status, summary...
    small = section_of(script, f"card[{SMALL}]")
    assert [u.key for u in small] == [
        "identification.plain_title",
        f"ui.catalog.card[{SMALL}].status",
        f"ui.catalog.card[{SMALL}].summary",
        f"ui.catalog.card[{SMALL}].who_for",
    ]
    assert small[0].study == SMALL and is_recordable(small[0].key)
    assert keys.index("ui.catalog.group[closed]") > keys.index(f"ui.catalog.card[{SMALL}].who_for")
    assert all(not is_recordable(u.key) for u in script if u.key != "identification.plain_title")
    assert all(u.study for u in script if u.key == "identification.plain_title")


def test_a_study_lacking_the_language_is_read_in_its_own(default_record) -> None:
    from catalog_records import english_only_record

    english = english_only_record()
    script = script_for_catalog((default_record, english), "catalog", "fa")
    card = section_of(script, f"card[{english.identification.nct_id}]")
    title, *rest = card
    assert title.lang == "en" and title.text == english.identification.plain_title["en"]
    summary = next(u for u in card if u.key.endswith(".summary"))
    assert summary.lang == "en"
    note = next(u for u in rest if u.key.endswith(".language_note"))
    assert note.lang == "fa" and "انگلیسی" in note.text  # "Available in English only"


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_prescreen_reads_questions_with_options_then_each_row(
    default_record, minimal_record, lang
) -> None:
    records = (default_record, minimal_record)
    empty = script_for_catalog(records, "prescreen", lang)
    assert empty[-1].key == "ui.prescreen.none_yet"
    sex = section_of(empty, "question[sex]")
    assert [u.key for u in sex] == [
        "ui.prescreen.question[sex].text",
        *(f"ui.prescreen.question[sex].options[{o}]" for o in ("female", "male", "skip")),
    ]
    script = script_for_catalog(records, "prescreen", lang, ANSWERED)
    assert "ui.prescreen.none_yet" not in {u.key for u in script}
    rows = [u for u in script if u.section.startswith("row[")]
    assert [u.section for u in rows[::3]] == [f"row[{SMALL}]", f"row[{DEFAULT}]"]
    reason = section_of(script, f"row[{DEFAULT}]")[-1]
    assert reason.key == f"ui.prescreen.row[{DEFAULT}].reason"
    assert ("man" in reason.text) if lang == "en" else ("مرد" in reason.text)


def test_a_catalog_screen_is_not_a_study_screen(default_record) -> None:
    with pytest.raises(ValueError, match="script_for_catalog"):
        script_for_screen(default_record, "catalog", "en")
    with pytest.raises(ValueError, match="not a catalog screen"):
        script_for_catalog((default_record,), "welcome", "en")


def test_the_order_check_can_fail(make_catalog, default_record, minimal_record) -> None:
    session, window = make_catalog(default_record, minimal_record, language="fa")
    words = _page_words(window, rtl=True)
    script = script_for_catalog(session.studies, "catalog", "fa")
    assert _missing(words, script[::-1])  # the cards read bottom to top: out of order
