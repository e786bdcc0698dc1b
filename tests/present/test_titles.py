"""app/present/titles.py: the study's name and the window titles, in both languages."""

import pytest

from app.i18n import localize
from app.present.titles import counselor_title, plain_title, study_title, window_title


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_titles(default_record, lang):
    ident = default_record.identification
    short = study_title(default_record, lang)
    assert short == localize(ident.short_title or ident.plain_title, lang)
    assert plain_title(default_record, lang) == localize(ident.plain_title, lang)
    assert short in window_title(default_record, lang)
    assert short in counselor_title(default_record, lang)
    if lang == "en":
        assert window_title(default_record, lang) == f"TrialGuide: {short}"
        assert counselor_title(default_record, lang) == f"Counselor view: {short}"


def test_without_plain_titles_the_registry_title(default_record):
    ident = default_record.identification.model_copy(
        update={"short_title": None, "plain_title": None}
    )
    record = default_record.model_copy(update={"identification": ident})
    assert study_title(record, "en") == ident.brief_title
    assert plain_title(record, "fa") == ident.brief_title
