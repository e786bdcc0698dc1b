"""The study details screen: the registry's text verbatim, coded values in plain words."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from app.i18n import translation
from app.i18n.enums import enum_label
from app.i18n.format import FSI, PDI
from app.record import validate_record
from app.record.ctgov import study_to_record
from app.record.enums import CriterionKind, DateType
from app.record.models import TrialRecord
from app.session import Screen, Session
from app.ui.screens.details import DetailsScreen
from app.ui.widgets.paged_cards import PAGE, PagedCards
from app.ui.widgets.registry_fields import FieldBlock, OfficialText, ValueLine


@pytest.fixture(autouse=True)
def _delete_earlier_windows(qapp):
    """Delete the windows earlier tests closed (deleteLater needs a running event loop).

    Without this every test's window stays alive, and each new window restyles them all.
    """
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def details(app_window, qtbot):
    """The main window showing the study details of the default record, whole.

    (The page builds its top with it and the other sections once it has been painted.)
    """
    session, window = app_window
    session.go_to(Screen.DETAILS)
    page = window.page(Screen.DETAILS)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    qtbot.waitUntil(lambda: page.complete)
    return session, window, page


def _plain(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace(FSI, "").replace(PDI, "")


def shown_text(page: QWidget) -> str:
    """Every word a visitor can see on the page (hidden widgets left out)."""
    return "\n".join(
        _plain(label)
        for label in page.findChildren(QLabel)
        if label.isVisibleTo(page) and label.text()
    )


def officials(page: QWidget) -> list[str]:
    return [label.official for label in page.findChildren(OfficialText) if label.isVisibleTo(page)]


def value_lines(page: QWidget) -> dict[str, str]:
    """Raw registry value -> the plain words shown beside it."""
    return {
        line.raw_value: _plain(line.text)
        for line in page.findChildren(ValueLine)
        if line.raw_value is not None and line.isVisibleTo(page)
    }


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_registry_text_is_shown_verbatim(details, lang):
    session, _window, page = details
    session.set_language(lang)
    record = session.record
    shown = officials(page)
    assert record.official.brief_summary in shown
    assert record.official.detailed_description in shown
    assert record.identification.official_title in shown
    assert record.identification.brief_title in shown
    assert record.identification.nct_id in shown
    criteria = record.eligibility.criteria
    for kind in (CriterionKind.INCLUSION, CriterionKind.EXCLUSION):
        assert "\n".join(c.official for c in criteria if c.kind is kind) in shown
    # Every criterion's official text, one list item each (17 inclusion, 2 exclusion).
    text = shown_text(page)
    for criterion in criteria:
        assert criterion.official in text
    for person in record.investigators:
        assert person.name in text
        assert person.affiliation in shown
    for study in record.related_studies:
        assert study.nct_id in text and study.title in text
    assert record.references[0].citation in shown
    assert record.interventions[0].description in shown


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_coded_values_in_plain_words_with_the_raw_value_beside(details, lang):
    session, _window, page = details
    session.set_language(lang)
    record = session.record
    lines = value_lines(page)
    coded = [
        record.status.overall_status,
        *record.status.phases,
        record.status.study_type,
        record.design.allocation,
        record.design.intervention_model,
        record.design.primary_purpose,
        record.design.masking,
        *(arm.type for arm in record.arms),
        *(intervention.type for intervention in record.interventions),
        record.eligibility.sex,
        record.sponsors.lead.agency_class,
        *(person.role for person in record.investigators),
    ]
    for value in coded:
        assert lines[value.value] == enum_label(value, lang), value
    expected = {"en": ("Phase 3", "Completed"), "fa": ("فاز ۳", "پایان‌یافته")}[lang]
    assert lines["PHASE3"] == expected[0]
    assert lines["COMPLETED"].startswith(expected[1])
    text = shown_text(page)
    assert "(PHASE3)" in text and "(NON_RANDOMIZED)" in text and "(STUDY_DIRECTOR)" in text
    # A plain explanation goes with the phase.
    explanation = translation(lang).gettext(
        "Tests a treatment in a larger group, to see if it works better than usual care."
    )
    assert explanation in text


def test_dates_are_long_and_solar_hijri_in_persian(details):
    session, _window, page = details
    en = shown_text(page)
    assert "June 21, 2020" in en and "October 22, 2022" in en and "January 30, 2023" in en
    assert "180 people" in en
    session.set_language("fa")
    fa = shown_text(page)
    assert "۱ تیر ۱۳۹۹" in fa  # start, 2020-06-21
    assert "۳۰ مهر ۱۴۰۱" in fa  # completion, 2022-10-22
    assert "June" not in fa
    assert "۱۸۰" in fa and "180 " not in fa
    actual = enum_label(DateType.ACTUAL, "fa")
    assert f"۱ تیر ۱۳۹۹ — {actual}" in fa
    assert "۲۵ تا ۴۵ سال" in fa


def test_official_blocks_stay_left_to_right_on_a_persian_page(details):
    session, _window, page = details
    assert not page.language_note.isVisibleTo(page)  # English needs no note
    session.set_language("fa")
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page.language_note.isVisibleTo(page)
    assert _plain(page.language_note) == translation("fa").gettext(
        "The registry's text is in English and is shown here exactly as registered."
    )
    blocks = page.findChildren(OfficialText)
    assert len(blocks) > 20
    for block in blocks:
        assert block.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert block.alignment() & Qt.AlignmentFlag.AlignLeft
        assert block.alignment() & Qt.AlignmentFlag.AlignAbsolute
        assert 'dir="ltr"' in block.text()
    # ... while the interface words around them are right to left.
    for field in page.findChildren(FieldBlock):
        assert field.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert 'dir="rtl"' in field.name.text()
    # The English block's text starts at its left edge, the Persian name at its right.
    summary = next(b for b in blocks if b.official == session.record.official.brief_summary)
    summary_left = summary.mapTo(page, QPoint(0, 0)).x()
    name = page.findChildren(FieldBlock)[0].name
    name_right = name.mapTo(page, QPoint(name.width(), 0)).x()
    assert summary_left < page.width() // 2 < name_right


@pytest.mark.parametrize("key", ["eligibility", "related", "status"])
def test_jump_list_scrolls_to_the_section(details, qtbot, key):
    _session, _window, page = details
    bar = page.scroll_area.verticalScrollBar()
    assert bar.value() == 0
    section = page.sections[key]
    qtbot.mouseClick(section.button, Qt.MouseButton.LeftButton)
    assert bar.value() > 0
    top = section.heading.mapTo(page.scroll_area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < page.scroll_area.viewport().height()


def test_jump_list_works_from_the_keyboard(details, qtbot):
    _session, window, page = details
    window.activateWindow()
    section = page.sections["investigators"]
    section.button.setFocus()
    qtbot.waitUntil(section.button.hasFocus)
    qtbot.keyClick(section.button, Qt.Key.Key_Space)
    assert page.scroll_area.verticalScrollBar().value() > 0
    assert QApplication.focusWidget() is section.heading  # reading continues from there
    # The buttons come in page order in the Tab chain.
    buttons = [s.button for s in page.sections.values()]
    for first, second in itertools.pairwise(buttons):
        assert _tab_reaches(first, second)


def _tab_reaches(first: QWidget, second: QWidget) -> bool:
    widget = first.nextInFocusChain()
    while widget is not first:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            return widget is second
        widget = widget.nextInFocusChain()
    return False


def test_every_section_of_the_default_record_has_a_heading_and_a_button(details):
    _session, _window, page = details
    assert list(page.sections) == [
        "identification",
        "status",
        "summary",
        "description",
        "conditions",
        "keywords",
        "design",
        "arms",
        "interventions",
        "outcomes",
        "eligibility",
        "sponsors",
        "investigators",
        "locations",
        "references",
        "related",
    ]
    for section in page.sections.values():
        assert section.heading.text() == section.button.text() != ""


def test_missing_optional_fields_are_not_shown(qtbot, minimal_record):
    session = Session(minimal_record, "en")
    page = DetailsScreen(session)
    qtbot.addWidget(page)
    page.build_all()  # (never shown: it would build the sections below its top when painted)
    assert list(page.sections) == [
        "identification",
        "status",
        "summary",
        "eligibility",
        "sponsors",
    ]
    headings = [
        label.text()
        for label in page.findChildren(QLabel)
        if label.property("role") == "h2" and label.isVisibleTo(page)
    ]
    assert headings == ["On this page", *(s.heading.text() for s in page.sections.values())]
    text = shown_text(page)
    for absent in (
        "Acronym",
        "Detailed description",
        "Sponsor's study number",
        "Primary completion",
    ):
        assert absent not in text
    assert "March 1, 2024" in text and "May 2026" in text
    assert enum_label(DateType.ESTIMATED, "en") in text


def test_language_switch_updates_in_place(details):
    session, _window, page = details
    before = {id(w) for w in page.findChildren(QWidget)}
    page.jump_to("design")
    session.set_language("fa")
    assert {id(w) for w in page.findChildren(QWidget)} == before
    assert page.heading_label.text() == translation("fa").gettext("Study details")
    assert session.screen is Screen.DETAILS
    session.set_language("en")
    assert page.heading_label.text() == "Study details"
    assert value_lines(page)["PARALLEL"] == "Parallel groups"


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_interactive_widgets_have_accessible_names(details, lang):
    session, _window, page = details
    session.set_language(lang)
    buttons = page.findChildren(QAbstractButton)
    assert len(buttons) == len(page.sections)
    for button in buttons:
        assert button.accessibleName() == button.text() != ""
        assert button.accessibleDescription()
        assert button.minimumSizeHint().height() >= 44


# -- built in stages: the top with the page, the rest after its first paint ----------------
def _open_details(make_window, default_record, qtbot, lang: str = "en"):
    session, window = make_window(default_record, lang)
    session.go_to(Screen.DETAILS)
    page = window.page(Screen.DETAILS)
    return session, window, page


def _tab_stops(page: DetailsScreen) -> list[tuple[str, str]]:
    """The window's Tab stops from the page on, round to it again: the page's as type and
    words, each run of stops outside the page as one ("outside", "")."""
    stops: list[tuple[str, str]] = []
    widget = page.nextInFocusChain()
    while widget is not page:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            if page.isAncestorOf(widget):
                words = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
                stops.append((type(widget).__name__, words))
            elif not stops or stops[-1] != ("outside", ""):
                stops.append(("outside", ""))
        widget = widget.nextInFocusChain()
    return stops


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_sections_built_after_the_first_paint_match_a_page_built_at_once(
    make_window, default_record, qtbot, monkeypatch, lang
):
    """The page shows its top first; what follows is the page it always was, in the
    language switched to meanwhile, with Tab going through it in reading order."""
    from app.ui.screens import details as details_module

    pages = []
    for at_once in (True, False):
        with monkeypatch.context() as patch:
            if at_once:
                patch.setattr(details_module, "FIRST_SECTIONS", 10**6)
            session, window, page = _open_details(make_window, default_record, qtbot)
        built = [s.key for s in page.sections.values() if s.built]
        if at_once:
            assert page.complete
        else:  # the top only, until the page has been painted
            assert built == list(page.sections)[: details_module.FIRST_SECTIONS]
        session.set_language(lang)  # the sections to come are made in this language
        window.page(Screen.GLOSSARY)  # made after the page: last in the focus chain
        qtbot.waitUntil(lambda page=page: page.complete)
        pages.append(page)
    at_once_page, staged = pages
    assert shown_text(staged) == shown_text(at_once_page)
    assert officials(staged) == officials(at_once_page)
    stops = _tab_stops(staged)
    assert stops == _tab_stops(at_once_page)
    # One run of the page's stops: Tab leaves the page only at its end.
    assert stops.count(("outside", "")) == 1
    # And the page is one run of the window's focus chain, the sections built later too
    # (not after the glossary page, made in between): Tab from a heading a jump focused
    # goes on into its section.
    assert _runs_in_focus_chain(staged) == 1
    # The jump list's buttons in page order, named as the headings, made later or not.
    headings = [s.heading.text() for s in staged.sections.values()]
    assert [words for kind, words in stops if kind == "QPushButton"] == headings
    if lang == "fa":
        assert headings[-1] == translation("fa").gettext("Related studies")


def _runs_in_focus_chain(page: QWidget) -> int:
    """How many separate runs of the window's focus chain the page's widgets make."""
    runs, inside = 0, False
    widget = page.nextInFocusChain()
    while widget is not page:
        now_inside = page.isAncestorOf(widget)
        runs += now_inside and not inside
        inside = now_inside
        widget = widget.nextInFocusChain()
    return runs


def test_a_jump_before_the_page_is_whole_builds_it_and_scrolls_there(
    make_window, default_record, qtbot
):
    session, window = make_window(default_record)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # No event is handled from here to the jump: the page is not painted, so it has
    # built its top only (the rest waits for the first paint).
    session.go_to(Screen.DETAILS)
    page = window.page(Screen.DETAILS)
    section = page.sections["related"]  # the last section
    section.button.setFocus()
    assert section.button.hasFocus()
    assert not page.complete and not section.built
    qtbot.keyClick(section.button, Qt.Key.Key_Space)
    assert page.complete
    top = section.heading.mapTo(page.scroll_area.viewport(), QPoint(0, 0)).y()
    assert page.scroll_area.verticalScrollBar().value() > 0
    assert 0 <= top < page.scroll_area.viewport().height()
    assert QApplication.focusWidget() is section.heading


def test_only_the_first_paint_is_watched(make_window, default_record, qtbot, monkeypatch):
    """The page stops filtering its paints once the first has started the builder."""
    from app.ui.screens import details as details_module

    _session, window, page = _open_details(make_window, default_record, qtbot)
    assert page.watching_paints  # the top only: it waits for its first paint
    qtbot.waitUntil(lambda: page.complete)
    assert page.watching_paints == ()
    # A page built at once has nothing to wait for, so it watches nothing.
    with monkeypatch.context() as patch:
        patch.setattr(details_module, "FIRST_SECTIONS", 10**6)
        whole = DetailsScreen(window.session, window)
    assert whole.complete and whole.watching_paints == ()
    whole.deleteLater()


def test_a_details_page_left_before_it_is_whole_waits_for_its_next_paint(
    make_window, default_record, qtbot
):
    """Its sections are not built under the next screen; they come when it is shown again."""
    session, _window, page = _open_details(make_window, default_record, qtbot)
    qtbot.waitUntil(lambda: page.watching_paints == ())  # painted: building
    session.go_to(Screen.CONTACT)  # at once, before it is whole (warming is off here)
    built = sum(section.built for section in page.sections.values())
    qtbot.waitUntil(lambda: page.watching_paints != ())  # stopped, and waiting
    qtbot.wait(200)
    assert not page.complete
    assert sum(section.built for section in page.sections.values()) <= built + 1
    session.go_to(Screen.DETAILS)
    qtbot.waitUntil(lambda: page.complete)


def test_the_window_finishes_a_details_page_built_in_idle_moments(warmed_unseen):
    """Warming builds the page unseen, and its sections too, so a first visit is whole."""
    _session, _window, page = warmed_unseen(Screen.DETAILS)
    assert all(section.built for section in page.sections.values())


# -- long lists: a page of cards at a time ----------------------------------------------------
REAL = Path(__file__).resolve().parents[2] / "data" / "ctgov" / "real"


def _with_sites(default_dict: dict[str, Any], count: int) -> TrialRecord:
    """The default record (English and Persian) with ``count`` study sites."""
    default_dict["locations"] = [
        {
            "facility": f"Clinic number {number}",
            "city": "Tehran",
            "country": "Iran",
            "status": "RECRUITING",
            "plain": {"en": f"Clinic {number}, Tehran", "fa": f"درمانگاه {number}، تهران"},
        }
        for number in range(1, count + 1)
    ]
    default_dict.pop("approval", None)
    return validate_record(default_dict)


def _sites(page: DetailsScreen) -> PagedCards[Any]:
    (paged,) = page.sections["locations"].content.findChildren(PagedCards)
    return paged


def _facilities(paged: PagedCards[Any]) -> list[str]:
    """The facility named at the top of each card shown, in order."""
    return [paged.card(index).findChild(QLabel).text() for index in range(paged.shown)]


def _open_whole(make_window, record, qtbot, lang: str = "en"):
    session, window = make_window(record, lang)
    session.go_to(Screen.DETAILS)
    page = window.page(Screen.DETAILS)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    qtbot.waitUntil(lambda: page.complete)
    return session, window, page


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_a_long_list_shows_a_page_of_cards_and_a_button_for_more(
    make_window, default_dict, qtbot, lang
):
    record = _with_sites(default_dict, 2 * PAGE + 5)
    _session, window, page = _open_whole(make_window, record, qtbot, lang)
    paged = _sites(page)
    gettext = translation(lang).gettext
    digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹") if lang == "fa" else {}

    def number(value: int) -> str:
        return str(value).translate(digits)

    assert paged.shown == PAGE
    assert _facilities(paged) == [site.facility for site in record.locations[:PAGE]]
    assert paged.status.isVisibleTo(page) and paged.more.isVisibleTo(page)
    assert _plain(paged.status) == gettext("Showing {shown} of {total}.").format(
        shown=number(PAGE), total=number(2 * PAGE + 5)
    )
    assert paged.more.text() == gettext("Show {count} more").format(count=number(PAGE))
    assert paged.more.accessibleName() == paged.more.text()

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    paged.more.setFocus()
    qtbot.keyClick(paged.more, Qt.Key.Key_Space)
    assert paged.shown == 2 * PAGE
    assert _facilities(paged) == [site.facility for site in record.locations[: 2 * PAGE]]
    # The focus goes on to the first new card's title, and Tab from there to the button.
    new = paged.card(PAGE)
    title = QApplication.focusWidget()
    assert isinstance(title, QLabel) and new.isAncestorOf(title)
    assert new.isVisible()
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is paged.more
    assert _runs_in_focus_chain(page) == 1
    # Cards added later have their field names in the page's language, as the first.
    names = [field.name.text() for field in paged.card(0).findChildren(FieldBlock)]
    assert names == [field.name.text() for field in new.findChildren(FieldBlock)]
    assert _plain(paged.card(0).findChildren(FieldBlock)[0].name) == gettext("Place")
    assert paged.more.text() == gettext("Show {count} more").format(count=number(5))

    qtbot.mouseClick(paged.more, Qt.MouseButton.LeftButton)
    assert paged.complete and paged.shown == 2 * PAGE + 5
    assert not paged.status.isVisibleTo(page) and not paged.more.isVisibleTo(page)
    assert officials(page).count("Tehran, Iran") == 2 * PAGE + 5


def test_cards_added_later_follow_a_language_switch_and_the_text_size(
    make_window, default_dict, qtbot
):
    record = _with_sites(default_dict, PAGE + 3)
    session, _window, page = _open_whole(make_window, record, qtbot)
    paged = _sites(page)
    session.set_text_scale(200)
    paged.show_more()
    first, late = paged.card(0), paged.card(PAGE)
    qtbot.waitUntil(late.isVisible)
    sizes = [label.font().pixelSize() for label in first.findChildren(QLabel)]
    assert sizes == [label.font().pixelSize() for label in late.findChildren(QLabel)]
    session.set_language("fa")
    place = translation("fa").gettext("Place")
    assert _plain(late.findChildren(FieldBlock)[0].name) == place
    assert _plain(first.findChildren(FieldBlock)[0].name) == place
    assert not paged.more.isVisibleTo(page)


def test_every_site_of_a_real_study_can_be_reached(make_window, qtbot):
    """NCT02552212 (105 sites, 31 outcome measures): a page of each at first, all after."""
    study = json.loads((REAL / "NCT02552212.json").read_text(encoding="utf-8"))
    record = validate_record(study_to_record(study))
    _session, _window, page = _open_whole(make_window, record, qtbot)
    paged = _sites(page)
    assert paged.shown == PAGE
    presses = 0
    while not paged.complete:
        paged.more.click()
        presses += 1
    assert presses == -(-len(record.locations) // PAGE) - 1
    assert _facilities(paged) == [site.facility for site in record.locations]
    # The outcome measures: each group of more than a page is paged too.
    outcome_lists = page.sections["outcomes"].content.findChildren(PagedCards)
    assert [p.shown for p in outcome_lists] == [PAGE] * len(outcome_lists)
    assert outcome_lists  # 31 measures: at least one group is longer than a page


def test_the_status_and_the_button_follow_a_language_switch(make_window, default_dict, qtbot):
    record = _with_sites(default_dict, 2 * PAGE + 5)
    session, _window, page = _open_whole(make_window, record, qtbot)
    paged = _sites(page)
    assert paged.more.text() == "Show 10 more"
    session.set_language("fa")
    persian = translation("fa").gettext
    assert paged.more.text() == persian("Show {count} more").format(count="۱۰")
    assert paged.more.accessibleName() == paged.more.text()
    status = persian("Showing {shown} of {total}.").format(shown="۱۰", total="۲۵")
    assert _plain(paged.status) == status
    # The description names the list's count: a page may have several such buttons.
    assert paged.more.accessibleDescription().startswith(status)


@pytest.mark.parametrize(("sites", "paged"), [(PAGE, False), (PAGE + 1, True)])
def test_a_list_is_paged_only_past_a_page(make_window, default_dict, qtbot, sites, paged):
    record = _with_sites(default_dict, sites)
    _session, _window, page = _open_whole(make_window, record, qtbot)
    found = page.sections["locations"].content.findChildren(PagedCards)
    assert bool(found) is paged
    if paged:
        assert found[0].more.text() == "Show 1 more"
    else:
        assert officials(page).count("Tehran, Iran") == PAGE


def test_the_last_press_keeps_the_new_cards_in_view(make_window, default_dict, qtbot):
    """The button hides with the last page; the focus (and the view) stay on the cards."""
    record = _with_sites(default_dict, PAGE + 2)
    _session, window, page = _open_whole(make_window, record, qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    paged = _sites(page)
    page.scroll_area.ensureWidgetVisible(paged.more)
    qtbot.wait(10)
    paged.more.setFocus()
    before = page.scroll_area.verticalScrollBar().value()
    qtbot.keyClick(paged.more, Qt.Key.Key_Space)
    assert paged.complete and not paged.more.isVisibleTo(page)
    new = paged.card(PAGE)
    # The focus is on the new card's title, words a screen reader can say.
    title = QApplication.focusWidget()
    assert isinstance(title, QLabel) and new.isAncestorOf(title)
    assert title.text() == f"Clinic number {PAGE + 1}"
    assert page.scroll_area.verticalScrollBar().value() == before
    top = new.mapTo(page.scroll_area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < page.scroll_area.viewport().height()


def test_deleting_a_page_built_in_stages_leaves_every_other_handle_alive(
    make_window, default_record
):
    """PySide made the widget after a page's last in the focus chain a child of it.

    The study details finds its last widget in the focus chain to put sections built
    later after it; walking one widget too far made PySide take the next widget (the
    main window) for a child of the page's last label, and deleting the page (a study's
    pages dropped in a catalog, a record reloaded) left Python handles below the window
    for deleted: a reset then failed on the result page's viewport.
    """
    session, window = make_window(default_record)
    result = window.page(Screen.RESULT)
    details = window.page(Screen.DETAILS)
    viewport = result.scroll_area.viewport()
    window.stack.removeWidget(details)
    del window.pages[Screen.DETAILS]
    window._scales.pop(details, None)
    shiboken6.delete(details)
    assert shiboken6.isValid(viewport)
    assert all(shiboken6.isValid(part) for part in result._finisher._parts)
    session.reset()
