"""Screens show what real registry entries hold (issue 16), offscreen, in both languages.

Sub-groups above their items, groups as a rule over a list of options, notes in small
print, unsorted criteria of an imported draft, observational designs, dates without a
type, contacts without a name, and why a study stopped (about and details screens).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from app.i18n import translation
from app.i18n.enums import enum_label
from app.i18n.format import FSI, PDI
from app.record import validate_record
from app.record.ctgov import study_to_record
from app.record.enums import ContactRole
from app.record.models import TrialRecord
from app.session import Screen
from app.ui.text import official_html, to_html
from app.ui.widgets.registry_fields import OfficialText

REAL = Path(__file__).resolve().parent.parent / "data" / "ctgov" / "real"
DRUG = Path(__file__).resolve().parent.parent / "data" / "ctgov" / "NCT09999901.json"


def _plain(label: QLabel) -> str:
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText().replace(FSI, "").replace(PDI, "")


def _shown(page: QWidget) -> str:
    return "\n".join(
        _plain(label) for label in page.findChildren(QLabel) if label.isVisibleTo(page)
    )


@pytest.fixture
def window_on(qtbot: Any) -> Iterator[Any]:
    """Opens a main window on a record in a language; closes and deletes it after."""
    from app.ui.main import create_window

    made: list[Any] = []

    def open_window(record: TrialRecord, lang: str, screen: Screen) -> tuple[Any, QWidget]:
        session, window = create_window(record, lang)
        made.append((session, window))
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        session.go_to(screen)
        page = window.page(screen)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
        # Details builds the sections below its top after its first paint (a long list of
        # cards, like a study's thousand sites, a page of cards at a time).
        qtbot.waitUntil(lambda: page.complete, timeout=20_000)
        return session, page

    yield open_window
    for session, window in made:
        window.close()
        window.deleteLater()
        session.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _structured(default_dict: dict[str, Any]) -> TrialRecord:
    """The default record, stopped, with a sub-group, a group, a note and gaps."""
    status = default_dict["status"]
    status.update(overall_status="TERMINATED", why_stopped="Sponsor decision: slow enrollment")
    status["start"] = {"date": "2020-06-21", "type": None}
    status["last_known_status"] = "RECRUITING"
    first, second, third = default_dict["eligibility"]["criteria"][:3]
    first["subgroup"] = second["subgroup"] = "For women in the cell group"
    third["subgroup"] = "For women in the cell group"
    third["group_rule"] = "Two of the following"
    third["options"] = ["Serum AMH < 0.1 ng/ml", "AFC < 4"]
    third["official"] = "Two of the following:\n* Serum AMH < 0.1 ng/ml\n* AFC < 4"
    default_dict["eligibility"]["notes"] = ["Note: not all criteria are listed."]
    default_dict["design"].update(
        observational_model="COHORT",
        bio_spec_retention="SAMPLES_WITH_DNA",
        bio_spec_description="Menstrual blood samples",
    )
    default_dict["eligibility"]["study_population"] = "Women seen at the institute"
    default_dict["contacts"] = [{"phone": "+98 21 2243 2020"}]
    default_dict.pop("approval", None)
    return validate_record(default_dict)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_details_shows_subgroups_groups_and_notes(window_on, default_dict, lang):
    record = _structured(default_dict)
    _session, page = window_on(record, lang, Screen.DETAILS)
    labels = {label.official: label for label in page.findChildren(OfficialText)}
    (inclusion,) = [lab for text, lab in labels.items() if "For women in the cell group" in text]
    html = inclusion.text()
    # One sub-group heading, in bold, above its items; the group's options nested.
    assert html.count("<b>For women in the cell group</b>") == 1
    assert html.index("<b>For women") < html.index("<li>")
    assert "Two of the following:" in html
    # The sub-group's criteria, the options inside the group, the criteria after them.
    assert html.count("<ul") == 3
    assert "<li>AFC &lt; 4</li>" in html
    (notes,) = [lab for text, lab in labels.items() if text == "Note: not all criteria are listed."]
    assert "<small>" in notes.text() and notes.isVisibleTo(page)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_details_and_about_say_why_the_study_stopped(window_on, default_dict, lang):
    record = _structured(default_dict)
    plain = translation(lang).gettext(
        "The study stopped early, before it was finished. The registry gives this reason:"
    )
    _session, page = window_on(record, lang, Screen.DETAILS)
    text = _shown(page)
    assert translation(lang).gettext("Why the study stopped") in text
    assert plain in text and "Sponsor decision: slow enrollment" in text
    _session, about = window_on(record, lang, Screen.ABOUT)
    assert about.stopped_card.isVisibleTo(about)
    assert plain in _plain(about.stopped_text)
    assert about.stopped_reason.official == "Sponsor decision: slow enrollment"


@pytest.mark.parametrize("status", ["WITHDRAWN", "SUSPENDED"])
def test_stopped_without_a_reason_says_so(window_on, default_dict, status):
    default_dict["status"]["overall_status"] = status
    default_dict.pop("approval", None)
    record = validate_record(default_dict)
    _session, about = window_on(record, "en", Screen.ABOUT)
    assert about.stopped_card.isVisibleTo(about)
    assert "The registry gives no reason." in _plain(about.stopped_text)
    assert not about.stopped_reason.isVisibleTo(about)


def test_a_study_going_on_shows_no_reason_to_stop(window_on, default_record):
    _session, about = window_on(default_record, "en", Screen.ABOUT)
    assert not about.stopped_card.isVisibleTo(about)
    _session, page = window_on(default_record, "en", Screen.DETAILS)
    assert "Why the study stopped" not in _shown(page)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_details_shows_observational_design_and_gaps(window_on, default_dict, lang):
    record = _structured(default_dict)
    _session, page = window_on(record, lang, Screen.DETAILS)
    text = _shown(page)
    tr = translation(lang).gettext
    for words in (
        "Observational model",
        "Cohort: follows a group of people over time",
        "Samples kept (biospecimens)",
        "Samples are kept, with DNA",
        "Study population",
    ):
        assert tr(words) in text, words
    assert "Menstrual blood samples" in text and "Women seen at the institute" in text
    assert tr("Last known status: {status}").split("{")[0] in text
    # A start date without a type: the date alone, no "Actual" beside it.
    start = [line for line in page.findChildren(QLabel) if "(ACTUAL)" in line.text()]
    assert len(start) == 3  # enrollment, primary completion and completion: not the start


def test_draft_without_headings_renders_its_unsorted_criteria(window_on):
    study = json.loads(DRUG.read_text(encoding="utf-8"))
    study["protocolSection"]["eligibilityModule"]["eligibilityCriteria"] = "* Adults\n* Consent"
    record = validate_record(study_to_record(study))
    _session, page = window_on(record, "en", Screen.DETAILS)
    text = _shown(page)
    assert "Criteria not yet sorted" in text
    assert "Adults" in text and "Consent" in text
    _session, result = window_on(record, "en", Screen.RESULT)
    assert "Adults" in _shown(result)


def test_contact_without_a_name_is_headed_by_its_role(window_on, default_dict):
    record = _structured(default_dict)
    _session, page = window_on(record, "en", Screen.CONTACT)
    (card,) = page.contact_cards
    assert _plain(card.name) == enum_label(ContactRole.CONTACT, "en")
    assert not card.role.isVisibleTo(page)
    assert "+98 21 2243 2020" in _shown(page)


def test_official_html_keeps_paragraphs_and_lists() -> None:
    html = official_html("Titers of <0.1\n\n* one\n  * one a\n* two\n\n1. first\n2. second")
    assert html.startswith('<p dir="ltr">Titers of &lt;0.1</p><ul')
    assert "<li>one<ul" in html and "<li>one a</li></ul></li><li>two</li></ul>" in html
    assert '<ol dir="ltr"' in html and "<li>first</li><li>second</li></ol>" in html


def test_to_html_sentence_over_a_list() -> None:
    html = to_html("Two of the following:\n* Fever\n* Cough", "en")
    assert html == (
        '<p dir="ltr">Two of the following:</p>'
        '<ul dir="ltr" style="margin-top:0;"><li>Fever</li><li>Cough</li></ul>'
    )


def _real_records() -> list[str]:
    return sorted(p.name for p in REAL.glob("NCT*.json")) if REAL.is_dir() else []


@pytest.mark.parametrize("name", _real_records())
def test_real_study_details_render(window_on, name):
    study = json.loads((REAL / name).read_text(encoding="utf-8"))
    record = validate_record(study_to_record(study))
    _session, page = window_on(record, "en", Screen.DETAILS)
    text = _shown(page)
    assert "\\<" not in text and "\\>" not in text
    for criterion in record.eligibility.criteria:
        first = criterion.official.splitlines()[0]
        assert first.lstrip("*-• ")[:40] in text


@pytest.mark.parametrize("screen", [Screen.ABOUT, Screen.CONTACT])
def test_a_study_with_a_thousand_sites_sums_them_up(window_on, screen):
    """NCT04267848's 1,148 sites: a line on where they are, not a column of names."""
    study = json.loads((REAL / "NCT04267848.json").read_text(encoding="utf-8"))
    record = validate_record(study_to_record(study))
    _session, page = window_on(record, "en", screen)
    _name, value = page.fact_rows["where"]
    assert _plain(value) == (
        "1,148 places in these countries: United States and Guam.\n"
        "The Study details screen lists every place."
    )
    assert page.scroll_area.verticalScrollBar().maximum() < 5_000  # was 50,000 px
