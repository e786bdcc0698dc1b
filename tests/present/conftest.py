"""Fixtures for the presentation tests: catalog entries built from the small test record."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest


def _only(value: Any, lang: str) -> Any:
    """``value`` with every patient text reduced to ``lang`` (a record in one language)."""
    if isinstance(value, dict):
        if {"en", "fa"} <= value.keys() and all(isinstance(v, str) for v in value.values()):
            return {lang: value[lang]}
        return {key: _only(item, lang) for key, item in value.items()}
    if isinstance(value, list):
        return [_only(item, lang) for item in value]
    return value


@pytest.fixture
def make_study(minimal_dict) -> Callable[..., Any]:
    """A catalog entry of the small test record, changed as asked.

    ``make_study(status="COMPLETED", minimum_age=(6, "MONTHS"), maximum_age=None,
    sex="FEMALE", healthy=True, languages=("en",), nct="NCT00000002", title="...")``
    """
    from app.catalog import CatalogEntry
    from app.record import validate_record

    def make(**changes: Any) -> CatalogEntry:
        data = copy.deepcopy(minimal_dict)
        eligibility = data["eligibility"]
        if "status" in changes:
            data["status"]["overall_status"] = changes["status"]
        for key in ("minimum_age", "maximum_age"):
            if key in changes:
                age = changes[key]
                eligibility[key] = None if age is None else {"value": age[0], "unit": age[1]}
        if "sex" in changes:
            eligibility["sex"] = changes["sex"]
        if "healthy" in changes:
            eligibility["healthy_volunteers"] = changes["healthy"]
        if "nct" in changes:
            data["identification"]["nct_id"] = changes["nct"]
        if "title" in changes:
            data["identification"]["plain_title"] = {"en": changes["title"], "fa": changes["title"]}
        if "summary" in changes:
            data["patient"]["summary"] = changes["summary"]
        if "languages" in changes:
            (lang,) = changes["languages"]
            data = _only(data, lang)
            data["languages"] = [lang]
        record = validate_record(data, "<test>")
        return CatalogEntry(None, record)

    return make
