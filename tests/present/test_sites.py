"""app/present/sites.py: one list of sites for the about and contact screens."""

import pytest

from app.present.sites import site_lines, sites_text


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_sites(default_record, lang):
    lines = site_lines(default_record, lang)
    assert len(lines) == len(default_record.locations)
    assert sites_text(default_record, lang) == "\n\n".join(lines)
    if lang == "en":
        assert lines[0] == "Avicenna Research Institute, Tehran, Iran"
    else:
        assert "تهران" in lines[0]


def test_a_site_without_plain_words_shows_the_registry_words(default_record):
    location = default_record.locations[0].model_copy(update={"plain": None})
    record = default_record.model_copy(update={"locations": (location,)})
    assert site_lines(record, "en") == ("Avicenna Research Institute, Tehran, Iran",)
    assert "Avicenna" in site_lines(record, "fa")[0]
