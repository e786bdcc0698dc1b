"""app/i18n/countries.py: the registry's English country names, named in Persian."""

from __future__ import annotations

import pytest

from app.i18n.countries import _REGISTRY_SPELLINGS, country_name
from app.i18n.format import format_list


@pytest.mark.parametrize(
    ("registry", "persian"),
    [
        ("United States", "ایالات متحده"),
        ("Iran", "ایران"),
        ("Korea, Republic of", "کرهٔ جنوبی"),
        ("Russian Federation", "روسیه"),
        ("Czechia", "چک"),
        ("  united kingdom ", "بریتانیا"),
        ("Hong Kong", "هنگ\u200cکنگ"),  # (CLDR's long form has a comma)
        ("Bosnia and Herzegovina", "بوسنی و هرزگوین"),  # (CLDR: "Bosnia & Herzegovina")
        ("Côte D'Ivoire", "ساحل عاج"),  # (CLDR: "Côte d’Ivoire")
        ("Saint Kitts and Nevis", "سنت کیتس و نویس"),  # (CLDR: "St. Kitts & Nevis")
    ],
)
def test_registry_names_in_persian(registry, persian):
    assert country_name(registry, "fa") == persian


def test_english_stays_as_the_registry_wrote_it_unless_inverted():
    assert country_name("Bosnia and Herzegovina", "en") == "Bosnia and Herzegovina"
    # An ISO name written inverted would break a list with its comma.
    assert country_name("Korea, Republic of", "en") == "South Korea"
    assert country_name("Iran, Islamic Republic of", "en") == "Iran"


def test_a_language_without_locale_data_keeps_the_registry_name():
    assert country_name("Iran, Islamic Republic of", "xx") == "Iran, Islamic Republic of"


def test_persian_lists_have_no_comma_before_and():
    assert format_list(["ایران", "ترکیه", "عراق"], "fa") == "ایران، ترکیه و عراق"
    assert format_list(["ایران", "ترکیه"], "fa") == "ایران و ترکیه"
    assert format_list(["Iran", "Turkey", "Iraq"], "en") == "Iran, Turkey, and Iraq"


def test_an_unknown_name_is_kept():
    assert country_name("Atlantis", "fa") == "Atlantis"


@pytest.mark.parametrize("spelling", sorted(_REGISTRY_SPELLINGS))
def test_every_registry_spelling_has_a_persian_name(spelling):
    name = country_name(spelling, "fa")
    assert name != spelling
    assert not any("a" <= ch <= "z" for ch in name.casefold())
