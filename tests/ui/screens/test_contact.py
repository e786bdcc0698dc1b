"""The contact / next steps screen: who to ask, where the study is, its registry number."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from app.i18n import localize
from app.i18n.enums import enum_label
from app.record import validate_record
from app.record.enums import ContactRole
from app.session import Screen, Session
from app.ui.screens.contact import ContactScreen
from app.ui.text import plain_text

_LRI, _PDI = "\u2066", "\u2069"


@pytest.fixture
def default_page(qtbot, default_record):
    """The contact screen of the default record (no contacts in it), in English."""
    session = Session(default_record, "en")
    session.set_language("en")
    page = ContactScreen(session)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    return session, page


@pytest.fixture
def record_with_contacts(minimal_dict):
    """The small test record with two contacts and a study site."""
    minimal_dict["contacts"] = [
        {
            "name": "Jane Doe, MD",
            "role": "PRINCIPAL_INVESTIGATOR",
            "phone": "+1 555 0100",
            "email": "jane.doe@example.org",
        },
        {"name": "Study Desk", "phone": "+1 555 0199"},
    ]
    minimal_dict["locations"] = [
        {"facility": "Test Hospital", "city": "Springfield", "country": "United States"}
    ]
    return validate_record(minimal_dict)


def _visible_words(page) -> str:
    """Everything the page shows in labels, as plain words."""
    words = []
    for label in page.findChildren(QLabel):
        if label.isVisibleTo(page):
            words.append(label.accessibleName() or re.sub(r"<[^>]+>", " ", label.text()))
    return "\n".join(words)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_default_record_shows_registry_number_site_and_sponsor(default_page, lang):
    session, page = default_page
    session.set_language(lang)
    record = session.record
    name, value = page.fact_rows["registry"]
    assert record.identification.nct_id == "NCT05703308"
    assert "NCT05703308" in value.accessibleName()
    assert name.text()
    assert page.registry_hint.isVisibleTo(page)
    assert "ClinicalTrials.gov" in page.registry_hint.accessibleName()
    sponsor = page.fact_rows["sponsor"][1].accessibleName()
    assert sponsor == {"en": "Avicenna Research Institute", "fa": "پژوهشگاه ابن\u200cسینا"}[lang]
    where = page.fact_rows["where"][1].accessibleName()
    assert where == localize(record.locations[0].plain, lang)
    assert page.contact_text.accessibleName() == plain_text(record.patient.contact, lang, record)
    assert page.after_selfcheck.accessibleName() == plain_text(
        record.patient.after_selfcheck, lang, record
    )
    assert page.decides_text.isVisibleTo(page) and page.decides_text.accessibleName()


def test_default_record_invents_no_phone_or_email(default_page):
    session, page = default_page
    assert session.record.contacts == ()
    assert page.contact_cards == []
    words = _visible_words(page).replace("NCT05703308", "")
    assert "@" not in words
    assert not re.search(r"\+?\d[\d ()-]{6,}\d", words)  # no phone number anywhere
    assert "Phone" not in words and "Email" not in words
    # It says plainly, in the record's own words, to ask the clinic staff.
    assert "Please ask the clinic staff" in page.contact_text.accessibleName()
    session.set_language("fa")
    assert "لطفاً از کارکنان درمانگاه" in page.contact_text.accessibleName()


def test_contacts_from_the_record_are_listed_as_plain_text(qtbot, record_with_contacts):
    session = Session(record_with_contacts, "en")
    page = ContactScreen(session)
    qtbot.addWidget(page)
    assert len(page.contact_cards) == 2
    jane, desk = page.contact_cards
    assert "Jane Doe, MD" in jane.name.accessibleName()
    assert jane.role.accessibleName() == enum_label(ContactRole.PRINCIPAL_INVESTIGATOR, "en")
    assert jane.role.accessibleName() == "Lead researcher"
    assert set(jane.rows) == {"phone", "email"}
    assert "+1 555 0100" in jane.rows["phone"][1].accessibleName()
    assert "jane.doe@example.org" in jane.rows["email"][1].accessibleName()
    assert jane.rows["phone"][0].accessibleName() == "Phone"
    assert set(desk.rows) == {"phone"}  # no e-mail given: none shown
    assert desk.role.accessibleName() == "Contact person"
    for card in page.contact_cards:
        for _name, value in card.rows.values():
            # Shown, never a link a kiosk would hand to another program.
            assert "<a " not in value.text()
            assert "mailto:" not in value.text() and "tel:" not in value.text()
            assert not value.openExternalLinks()
            assert value.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
            assert value.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert "Springfield" in page.fact_rows["where"][1].accessibleName()
    assert "NCT00000001" in page.fact_rows["registry"][1].accessibleName()


def test_contacts_in_persian_keep_their_left_to_right_order(qtbot, record_with_contacts):
    session = Session(record_with_contacts, "fa")
    session.set_language("fa")
    page = ContactScreen(session)
    qtbot.addWidget(page)
    jane = page.contact_cards[0]
    phone = jane.rows["phone"][1].text()
    assert f"{_LRI}+1 555 0100{_PDI}" in phone  # isolated, digits exactly as given
    assert f"{_LRI}jane.doe@example.org{_PDI}" in jane.rows["email"][1].text()
    assert 'dir="rtl"' in phone
    assert jane.role.accessibleName() == enum_label(ContactRole.PRINCIPAL_INVESTIGATOR, "fa")
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_language_switch_rerenders_in_place(qtbot, record_with_contacts):
    session = Session(record_with_contacts, "en")
    page = ContactScreen(session)
    qtbot.addWidget(page)
    cards = list(page.contact_cards)
    widgets = [page.contact_text, page.after_selfcheck, *(v for v in page.fact_rows.values())]
    widgets += [(c.name, c.role, *c.rows.values()) for c in cards]
    english = page.contact_text.accessibleName()
    session.set_language("fa")
    assert page.contact_cards == cards
    assert [page.contact_text, page.after_selfcheck, *(v for v in page.fact_rows.values())] + [
        (c.name, c.role, *c.rows.values()) for c in page.contact_cards
    ] == widgets
    assert page.contact_text.accessibleName() == "از پذیرش بپرسید."
    assert page.contact_text.accessibleName() != english
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    session.set_language("en")
    assert page.contact_text.accessibleName() == english
    assert page.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_persian_layout_is_mirrored(default_page, qtbot):
    session, page = default_page
    session.set_language("fa")
    name, value = page.fact_rows["registry"]

    def name_right_of_value() -> bool:
        return name.mapTo(page, QPoint(0, 0)).x() > value.mapTo(page, QPoint(0, 0)).x()

    qtbot.waitUntil(name_right_of_value)
    assert (
        page.result_button.mapTo(page, QPoint(0, 0)).x()
        > page.start_button.mapTo(page, QPoint(0, 0)).x()
    )


@pytest.mark.parametrize(
    ("attribute", "screen"), [("result_button", Screen.RESULT), ("start_button", Screen.WELCOME)]
)
def test_buttons_drive_the_session(default_page, qtbot, attribute, screen):
    session, page = default_page
    session.go_to(Screen.CONTACT)
    with qtbot.waitSignal(session.screen_changed) as blocker:
        qtbot.mouseClick(getattr(page, attribute), Qt.MouseButton.LeftButton)
    assert blocker.args == [screen.value]
    assert session.screen is screen


def test_every_button_has_an_accessible_name_in_both_languages(default_page):
    session, page = default_page
    buttons = page.findChildren(QPushButton)
    assert {page.result_button, page.start_button} <= set(buttons)
    for lang in ("en", "fa"):
        session.set_language(lang)
        for button in buttons:
            assert button.text().strip()
            assert button.accessibleName().strip()
            assert button.accessibleDescription().strip()
    session.set_language("en")
    assert page.result_button.text() == "See your result"
    assert page.start_button.text() == "Back to the start"
