"""app/present/steps.py: past or present tense, and which study groups a step is for."""

import pytest

from app.present.steps import ENDED_STATUSES, first_sentence, has_ended, step_group, steps_intro
from app.record.enums import OverallStatus


@pytest.mark.parametrize("status", list(OverallStatus))
def test_which_statuses_count_as_ended(default_record, status):
    record = default_record.model_copy(
        update={"status": default_record.status.model_copy(update={"overall_status": status})}
    )
    ended = status in (OverallStatus.COMPLETED, OverallStatus.TERMINATED, OverallStatus.WITHDRAWN)
    assert has_ended(record) is ended
    assert (status in ENDED_STATUSES) is ended
    for lang in ("en", "fa"):
        words = steps_intro(record, lang)
        assert words.intro
        assert (words.ended_note is not None) is ended
    if ended:
        assert steps_intro(record, "en").intro.endswith("in the order they happened.")
    else:
        assert steps_intro(record, "en").intro.endswith("in the order they happen.")


@pytest.mark.parametrize(
    ("text", "first"),
    [("One. Two.", "One."), ("Only one", "Only one"), ("یک؟ دو.", "یک؟"), ("  A!  B", "A!")],
)
def test_first_sentence(text, first):
    assert first_sentence(text) == first


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_step_groups(default_record, lang):
    patient = default_record.patient
    assert patient is not None
    labels = {arm.label for arm in default_record.arms}
    for step in patient.procedures:
        badge, note = step_group(default_record, step, lang)
        if not step.arms:
            assert (badge, note) == (None, None)
        elif labels <= set(step.arms):
            assert badge and note is None
        else:
            assert badge and note
