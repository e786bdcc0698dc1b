"""The study's sites as patients read them.

A study with a few sites lists each (the about and contact screens, read aloud too). A
study with more than :data:`LISTED_SITES`, like a national trial with a thousand, is
summed up instead: how many places, in which countries (or how many countries), and
that the study details list every one. A screen-long column of names helps no visitor,
and took the screens seconds to lay out.
"""

from __future__ import annotations

from collections import Counter

from app.i18n import N_, localize, translation
from app.i18n.countries import country_name
from app.i18n.format import format_list, format_number
from app.present.text import say
from app.record import TrialRecord

#: Sites listed one by one; a study with more is summed up.
LISTED_SITES = 10
#: Countries named in a summary; a study in more gives their number.
NAMED_COUNTRIES = 4


def site_lines(record: TrialRecord, lang: str) -> tuple[str, ...]:
    """One line per study site in ``lang``: the record's plain words, else the registry's."""
    lines = []
    for location in record.locations:
        if location.plain is not None:
            lines.append(localize(location.plain, lang))
        else:
            parts = (location.facility, location.city, location.country)
            lines.append(localize(", ".join(p for p in parts if p), lang))
    return tuple(lines)


def sites_text(record: TrialRecord, lang: str) -> str:
    """The sites in ``lang``, a blank line between two ("" when the record names none).

    More than :data:`LISTED_SITES` are summed up (:func:`sites_summary`).
    """
    if len(record.locations) > LISTED_SITES:
        return sites_summary(record, lang)
    return "\n\n".join(site_lines(record, lang))


def sites_summary(record: TrialRecord, lang: str) -> str:
    """How many sites, in which countries, and where to find the list, in ``lang``."""
    catalog = translation(lang)
    places = len(record.locations)
    # The countries with the most sites first (the registry lists them by state or city).
    by_sites = Counter(loc.country.strip() for loc in record.locations if loc.country)
    countries = sorted(by_sites, key=lambda name: (-by_sites[name], name))
    count = format_number(places, lang)
    if not countries:
        text = catalog.ngettext("{count} place.", "{count} places.", places).format(count=count)
    elif len(countries) <= NAMED_COUNTRIES:
        names = format_list([country_name(name, lang) for name in countries], lang)
        text = catalog.ngettext(  # (more than LISTED_SITES places: "places" always)
            "{count} places in this country: {countries}.",
            "{count} places in these countries: {countries}.",
            len(countries),
        ).format(count=count, countries=names)
    else:
        text = catalog.ngettext(
            "{count} places in {number} country.",
            "{count} places in {number} countries.",
            len(countries),
        ).format(count=count, number=format_number(len(countries), lang))
    where = say(
        N_("The {screen} screen lists every place."),
        lang,
        screen=say(N_("Study details"), lang),  # (the name the navigation gives it)
    )
    return localize(f"{text}\n\n{where}", lang)
