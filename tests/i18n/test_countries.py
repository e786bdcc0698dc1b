"""app/i18n/countries.py: the registry's English country names, named in Persian."""

from __future__ import annotations

import pytest

from app.i18n.countries import _REGISTRY_SPELLINGS, country_name


@pytest.mark.parametrize(
    ("registry", "persian"),
    [
        ("United States", "ایالات متحده"),
        ("Iran", "ایران"),
        ("Korea, Republic of", "کرهٔ جنوبی"),
        ("Russian Federation", "روسیه"),
        ("Czechia", "چک"),
        ("  united kingdom ", "بریتانیا"),
    ],
)
def test_registry_names_in_persian(registry, persian):
    assert country_name(registry, "fa") == persian


def test_english_stays_as_the_registry_wrote_it():
    assert country_name("Korea, Republic of", "en") == "Korea, Republic of"


def test_an_unknown_name_is_kept():
    assert country_name("Atlantis", "fa") == "Atlantis"


@pytest.mark.parametrize("spelling", sorted(_REGISTRY_SPELLINGS))
def test_every_registry_spelling_has_a_persian_name(spelling):
    name = country_name(spelling, "fa")
    assert name != spelling
    assert not any("a" <= ch <= "z" for ch in name.casefold())
