"""app/present/sites.py: one list of sites for the about and contact screens."""

import json
from pathlib import Path

import pytest

from app.present.sites import LISTED_SITES, site_lines, sites_text
from app.record import validate_record
from app.record.ctgov import study_to_record
from app.record.models import Location, TrialRecord


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


# -- many sites: summed up --------------------------------------------------------------------
REAL = Path(__file__).resolve().parents[1] / "data" / "ctgov" / "real"


def _real(name: str) -> TrialRecord:
    study = json.loads((REAL / f"{name}.json").read_text(encoding="utf-8"))
    return validate_record(study_to_record(study))


def _with_countries(record: TrialRecord, countries: list[str]) -> TrialRecord:
    sites = tuple(
        Location(facility=f"Site {number}", city="A city", country=country)
        for number, country in enumerate(countries, 1)
    )
    return record.model_copy(update={"locations": sites})


def test_a_study_with_many_sites_is_summed_up_by_country():
    record = _real("NCT04267848")  # 1,148 sites: 1,147 in the United States, 1 in Guam
    assert sites_text(record, "en") == (
        "1,148 places in these countries: United States and Guam.\n\n"
        "The Study details screen lists every place."
    )
    persian = sites_text(record, "fa")
    assert persian.startswith("۱٬۱۴۸ مرکز پژوهشی در ایالات متحده و گوام.")
    assert "«جزئیات پژوهش»" in persian
    assert not any("0" <= ch <= "9" for ch in persian)


def test_a_study_in_many_countries_gives_their_number():
    record = _real("NCT02552212")  # 105 sites in 9 countries
    assert sites_text(record, "en").startswith("105 places in 9 countries.\n\n")
    assert sites_text(record, "fa").startswith("۱۰۵ مرکز پژوهشی در ۹ کشور.")


def test_countries_come_most_sites_first_named_in_persian(default_record):
    countries = ["Korea, Republic of"] + ["Russian Federation"] * 3 + ["Iran"] * 6
    countries.append("Atlantis")  # a name no one knows stays as the registry wrote it
    record = _with_countries(default_record, countries)
    assert len(record.locations) > LISTED_SITES
    assert sites_text(record, "en").startswith(
        "11 places in these countries: Iran, Russian Federation, Atlantis, and "
        "South Korea.\n\n"  # (not the registry's "Korea, Republic of": its comma)
    )
    persian = sites_text(record, "fa")
    assert "ایران" in persian and "روسیه" in persian and "کره" in persian
    assert "Atlantis" in persian
    assert persian.index("ایران") < persian.index("روسیه") < persian.index("کره")
    assert "، و " not in persian  # Persian writes no comma before its "and"


def test_a_study_in_one_country_names_it(default_record):
    record = _with_countries(default_record, ["Iran"] * (LISTED_SITES + 1))
    assert sites_text(record, "en").startswith("11 places in this country: Iran.\n\n")
    assert sites_text(record, "fa").startswith("۱۱ مرکز پژوهشی در ایران.\n\n")


def test_up_to_ten_sites_are_listed_one_by_one(default_record):
    record = _with_countries(default_record, ["Iran"] * LISTED_SITES)
    assert sites_text(record, "en").split("\n\n") == [
        f"Site {number}, A city, Iran" for number in range(1, LISTED_SITES + 1)
    ]
