"""Country names in the interface language, from the registry's English names.

ClinicalTrials.gov names a site's country in English ("United States", "Korea,
Republic of"). A Persian screen names it in Persian, from the Unicode CLDR's territory
names that Babel carries (its English and Persian locale data are in the bundle). An
English screen keeps the registry's name, but for the ISO names written inverted
("Korea, Republic of"), whose comma would break a list: those take CLDR's ("South
Korea"). A name neither CLDR nor :data:`_REGISTRY_SPELLINGS` knows is shown as the
registry wrote it, which a Persian line isolates as any Latin run.
"""

from __future__ import annotations

import functools

#: The registry's spellings (mostly ISO 3166 names) that CLDR's English names do not match
#: once both are normalised (:func:`_key`), and their codes.
_REGISTRY_SPELLINGS = {
    "bolivia, plurinational state of": "BO",
    "brunei darussalam": "BN",
    "congo": "CG",
    "congo, the democratic republic of the": "CD",
    "czech republic": "CZ",
    "holy see (vatican city state)": "VA",
    "hong kong": "HK",
    "iran, islamic republic of": "IR",
    "korea, democratic people's republic of": "KP",
    "korea, republic of": "KR",
    "lao people's democratic republic": "LA",
    "macao": "MO",
    "macedonia, the former yugoslav republic of": "MK",
    "micronesia, federated states of": "FM",
    "moldova, republic of": "MD",
    "myanmar": "MM",
    "palestinian territory, occupied": "PS",
    "russian federation": "RU",
    "syrian arab republic": "SY",
    "taiwan, province of china": "TW",
    "tanzania, united republic of": "TZ",
    "turkey": "TR",
    "venezuela, bolivarian republic of": "VE",
    "viet nam": "VN",
    "virgin islands, british": "VG",
    "virgin islands, u.s.": "VI",
}

#: Names of our own where CLDR's (its long forms) hold a comma or a parenthesis.
_OWN_NAMES = {
    "en": {"HK": "Hong Kong", "MO": "Macao", "MM": "Myanmar"},
    "fa": {"HK": "هنگ\u200cکنگ", "MO": "ماکائو", "MM": "میانمار"},
}


def _key(name: str) -> str:
    """A name reduced for matching: case, "&", "’" and "Saint" written one way."""
    key = " ".join(name.casefold().split()).replace("&", "and").replace("\u2019", "'")
    return key.replace("saint ", "st. ")


@functools.cache
def _codes() -> dict[str, str]:
    """Country code by normalised English name (CLDR's, then the registry's spellings)."""
    from babel import Locale  # (only a study with many sites needs it)

    codes = {
        _key(name): code
        for code, name in Locale("en").territories.items()
        if code.isalpha()  # not a region ("150": Europe)
    }
    codes.update({_key(name): code for name, code in _REGISTRY_SPELLINGS.items()})
    return codes


@functools.cache
def _names(lang: str) -> dict[str, str]:
    """Country name by code in ``lang`` (none for a language the bundle has no data for)."""
    from babel import Locale, UnknownLocaleError

    try:
        names = dict(Locale(lang).territories)
    except (UnknownLocaleError, ValueError):
        return {}
    names.update(_OWN_NAMES.get(lang, {}))
    return names


def country_name(english: str, lang: str) -> str:
    """The country the registry names ``english``, named in ``lang``."""
    english = " ".join(english.split())
    if lang == "en" and "," not in english:
        return english
    code = _codes().get(_key(english))
    if code is None:
        return english
    return _names(lang).get(code, english)
