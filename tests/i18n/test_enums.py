"""Every enum value a patient or counselor may see has a plain name in every language."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from enum import StrEnum

import pytest

import app.record.enums as record_enums
from app.i18n import SUPPORTED, set_language, translation
from app.i18n.enums import LABELED_ENUMS, enum_explanation, enum_label
from app.record.enums import ArmType, Masking, OverallStatus, Phase, PrimaryPurpose

ALL_ENUMS = [
    obj
    for _name, obj in inspect.getmembers(record_enums, inspect.isclass)
    if issubclass(obj, StrEnum) and obj.__module__ == record_enums.__name__
]
ALL_MEMBERS = [member for enum in ALL_ENUMS for member in enum]


@pytest.fixture(autouse=True)
def _back_to_english() -> Iterator[None]:
    yield
    set_language("en")


def test_every_record_enum_has_labels() -> None:
    assert set(ALL_ENUMS) == set(LABELED_ENUMS)


@pytest.mark.parametrize("member", ALL_MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.name}")
@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_member_has_a_label(member: StrEnum, lang: str) -> None:
    label = enum_label(member, lang)
    assert label.strip()
    assert label != member.value, "a label is plain words, not the registry's code"
    if lang != "en":
        assert label != enum_label(member, "en")


def test_labels_are_per_enum_not_per_value() -> None:
    # StrEnum members with the same value compare equal; their labels must not clash.
    assert ArmType.OTHER == PrimaryPurpose.OTHER
    assert enum_label(ArmType.OTHER) != enum_label(PrimaryPurpose.OTHER)


def test_label_follows_the_current_language() -> None:
    assert enum_label(OverallStatus.COMPLETED) == "Completed: no longer taking new people"
    set_language("fa")
    assert enum_label(OverallStatus.COMPLETED) == translation("fa").gettext(
        "Completed: no longer taking new people"
    )
    assert enum_label(OverallStatus.COMPLETED, "en") == "Completed: no longer taking new people"


@pytest.mark.parametrize("phase", list(Phase))
def test_every_phase_is_explained(phase: Phase) -> None:
    for lang in SUPPORTED:
        assert (enum_explanation(phase, lang) or "").strip()


def test_explanations() -> None:
    assert enum_explanation(Phase.PHASE3) == (
        "Tests a treatment in a larger group, to see if it works better than usual care."
    )
    assert enum_explanation(Masking.DOUBLE, "fa")
    assert enum_explanation(OverallStatus.COMPLETED) is None
