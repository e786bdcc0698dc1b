"""Country names in the interface language, from the registry's English names.

ClinicalTrials.gov names a site's country in English ("United States", "Korea,
Republic of"). A Persian screen names it in Persian, from the Unicode CLDR's territory
names that Babel carries (its English and Persian locale data are in the bundle). A
name neither CLDR nor :data:`_REGISTRY_SPELLINGS` knows is shown as the registry wrote
it, which a Persian line isolates as any Latin run.
"""

from __future__ import annotations

import functools

#: The registry's spellings (mostly ISO 3166 names) that differ from CLDR's English ones.
_REGISTRY_SPELLINGS = {
    "bolivia, plurinational state of": "BO",
    "congo, the democratic republic of the": "CD",
    "czech republic": "CZ",
    "hong kong": "HK",
    "iran, islamic republic of": "IR",
    "korea, democratic people's republic of": "KP",
    "korea, republic of": "KR",
    "lao people's democratic republic": "LA",
    "macedonia, the former yugoslav republic of": "MK",
    "moldova, republic of": "MD",
    "russian federation": "RU",
    "syrian arab republic": "SY",
    "taiwan, province of china": "TW",
    "tanzania, united republic of": "TZ",
    "turkey": "TR",
    "venezuela, bolivarian republic of": "VE",
    "viet nam": "VN",
}


@functools.cache
def _codes() -> dict[str, str]:
    """Country code by lower-cased English name (CLDR's, then the registry's spellings)."""
    from babel import Locale  # (only a study with many sites needs it)

    codes = {
        name.casefold(): code
        for code, name in Locale("en").territories.items()
        if code.isalpha()  # not a region ("150": Europe)
    }
    codes.update(_REGISTRY_SPELLINGS)
    return codes


@functools.cache
def _names(lang: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale(lang).territories)


def country_name(english: str, lang: str) -> str:
    """The country the registry names ``english``, named in ``lang``."""
    if lang == "en":
        return english
    code = _codes().get(english.strip().casefold())
    if code is None:
        return english
    return _names(lang).get(code, english)
