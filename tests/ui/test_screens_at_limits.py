"""A record at every limit of app/record/limits.py: the three long screens render.

Not timed (``benchmarks/record_load.py`` measures them): this proves that the glossary,
the steps and study details are built in full, in both languages, for the largest
record the loader accepts, once with real texts and once with every glossary and step
text at its longest.
"""

from __future__ import annotations

import pytest

from app.record import limits, validate_record
from app.session import Screen
from tools.at_limits import at_limits_record


@pytest.fixture(scope="module", params=[False, True], ids=["counts", "long_texts"])
def at_limits(request):
    return validate_record(at_limits_record(request.param), "at-limits.yaml")


@pytest.fixture
def window_at_limits(make_window, at_limits):
    return make_window(at_limits)


def _show(qtbot, session, window, screen: Screen, lang: str):
    session.set_language(lang)
    session.go_to(screen)
    page = window.page(screen)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page and page.isVisible())
    qtbot.waitUntil(lambda: page.complete, timeout=20_000)  # details: built after its top
    image = window.grab()
    assert not image.isNull()
    return page


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_glossary_at_the_limits(qtbot, window_at_limits, lang):
    session, window = window_at_limits
    page = _show(qtbot, session, window, Screen.GLOSSARY, lang)
    assert len(page.visible_terms()) == limits.MAX_GLOSSARY_TERMS
    assert all(entry.isVisibleTo(page) for entry in page.entries.values())
    # Every entry has been laid out, one below the other.
    tops = [page.entries[term_id].y() for term_id in page.visible_terms()]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_procedures_at_the_limits(qtbot, window_at_limits, lang):
    session, window = window_at_limits
    page = _show(qtbot, session, window, Screen.PROCEDURES, lang)
    steps = page.timeline.steps
    assert len(steps) == limits.MAX_PROCEDURE_STEPS
    assert all(step.isVisibleTo(page) and step.height() > 0 for step in steps)
    tops = [step.y() for step in steps]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_details_at_the_limits(qtbot, window_at_limits, lang):
    session, window = window_at_limits
    page = _show(qtbot, session, window, Screen.DETAILS, lang)
    from app.ui.widgets.registry_fields import OfficialText

    record = session.record
    shown = {label.official: label for label in page.findChildren(OfficialText)}
    description = record.official.detailed_description
    assert description is not None and len(description) == limits.MAX_OFFICIAL_CHARS
    for text in (description, record.official.brief_summary):
        label = shown[text]
        assert label.isVisibleTo(page)
        assert label.height() > 1000  # 32,000 characters wrapped, not one clipped line
