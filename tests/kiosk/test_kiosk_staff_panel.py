"""The staff panel: record, approval, settings, version; and the ways out."""

from __future__ import annotations

from importlib.metadata import version

import pytest
from kiosk_helpers import DEFAULT_RECORD_PATH, open_staff_panel, panel_row, staff_info
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from app.kiosk.staff_panel import grouped_digest
from app.record import parse_record
from app.record.approval import approval_status, stamp_text
from app.session import Screen


@pytest.fixture(scope="module")
def approved_record():
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    record = parse_record(text.encode(), "default.yaml")
    stamped = stamp_text(text, record, "Ethics committee ref 1234")
    return parse_record(stamped.encode(), "default.yaml")


@pytest.fixture(scope="module")
def modified_record(approved_record):
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    record = parse_record(text.encode(), "default.yaml")
    stamped = stamp_text(text, record, "ref")
    changed = stamped.replace("content_version:", "content_version: '9.9'\n# was:", 1)
    return parse_record(changed.encode(), "default.yaml")


def test_staff_panel_shows_what_is_running(make_kiosk, default_record):
    k = make_kiosk()
    panel = open_staff_panel(k)
    status = approval_status(default_record)
    assert panel_row(panel, "record") == "The embedded default record"
    assert panel_row(panel, "study") == "NCT05703308"
    assert panel_row(panel, "version") == default_record.content_version
    assert panel_row(panel, "approval") == "Not approved: the record has no approval stamp"
    assert panel_row(panel, "digest") == grouped_digest(status.digest)
    assert panel_row(panel, "digest").replace(" ", "") == status.digest
    assert status.digest in panel.rows["digest"][1].accessibleName()
    assert "90 seconds" in panel_row(panel, "idle") and "20 seconds" in panel_row(panel, "idle")
    assert panel_row(panel, "app") == version("trialguide")
    assert panel.banner.isVisible()
    assert "Draft, not approved" in panel.banner.label.text()


def test_staff_panel_names_the_record_file(make_kiosk, default_record):
    path = "/srv/trialguide/records/NCT05703308.yaml"
    k = make_kiosk(info=staff_info(default_record, record_source=path))
    panel = open_staff_panel(k)
    assert panel_row(panel, "record").replace("\u200b", "") == path
    assert panel.rows["record"][1].layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_approved_record_has_no_draft_banner(make_kiosk, approved_record):
    assert approval_status(approved_record).approved
    k = make_kiosk(record=approved_record)
    assert not k.controller.banner.isVisible()
    panel = open_staff_panel(k)
    assert panel_row(panel, "approval") == "Approved: the content matches its approval stamp"
    assert "Ethics committee ref 1234" in panel_row(panel, "note")
    assert not panel.banner.isVisible()


def test_changed_record_shows_the_banner(make_kiosk, modified_record):
    k = make_kiosk(record=modified_record)
    banner = k.controller.banner
    assert banner.isVisible()
    assert banner.label.text().startswith("Draft, not approved")
    assert "changed after it was approved" in banner.label.text()
    assert k.window.banner is banner
    assert k.window.centralWidget().layout().itemAt(0).widget() is banner  # at the top
    panel = open_staff_panel(k)
    assert panel_row(panel, "approval") == "Not approved: the content changed after it was approved"


def test_banner_is_large_in_kiosk_and_slim_on_the_desktop(make_kiosk):
    kiosk = make_kiosk()
    desktop = make_kiosk(kiosk=False)
    assert not kiosk.controller.banner.slim and kiosk.controller.banner.isVisible()
    assert desktop.controller.banner.slim and desktop.controller.banner.isVisible()
    assert desktop.controller.banner.height() < kiosk.controller.banner.height()


def test_banner_speaks_the_visitors_language(make_kiosk):
    k = make_kiosk()
    k.session.set_language("fa")
    assert k.controller.banner.layoutDirection() == Qt.LayoutDirection.RightToLeft
    k.session.set_language("en")
    assert k.controller.banner.label.text().startswith("Draft, not approved")


def test_back_leave_and_quit(make_kiosk, qtbot):
    k = make_kiosk()
    panel = open_staff_panel(k)
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible() and k.window.isFullScreen()

    panel = open_staff_panel(k)
    assert panel.leave_button.isVisible()
    qtbot.mouseClick(panel.leave_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()
    assert not k.controller.kiosk and not k.window.isFullScreen()

    panel = open_staff_panel(k)
    assert not panel.leave_button.isVisible()  # nothing to leave any more
    with qtbot.waitSignal(k.controller.quitting):
        qtbot.mouseClick(panel.quit_button, Qt.MouseButton.LeftButton)
    assert not k.window.isVisible()


def test_quit_works_from_kiosk_mode(make_kiosk, qtbot):
    k = make_kiosk()
    panel = open_staff_panel(k)
    with qtbot.waitSignal(k.controller.quitting):
        qtbot.mouseClick(panel.quit_button, Qt.MouseButton.LeftButton)
    assert not k.window.isVisible()
    assert not k.controller.guard.installed


def test_counselor_mode_missing_says_so(make_kiosk, qtbot):
    def missing(_session):
        raise ModuleNotFoundError("No module named 'app.ui.counselor.window'")

    k = make_kiosk(open_counselor=missing)
    panel = open_staff_panel(k)
    qtbot.mouseClick(panel.counselor_button, Qt.MouseButton.LeftButton)
    assert panel.isVisible()
    assert panel.message.isVisible()
    assert "not available" in panel.message.text()
    assert k.window.isVisible()


def test_counselor_mode_opens_and_comes_back_to_the_kiosk(make_kiosk, qtbot):
    opened: list[QWidget] = []

    def counselor(session):
        window = QWidget()
        window.session = session
        opened.append(window)
        return window

    k = make_kiosk(open_counselor=counselor)
    k.session.answer("age", 30)
    panel = open_staff_panel(k)
    qtbot.mouseClick(panel.counselor_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    counselor_window = opened[0]
    assert counselor_window.session is k.session
    assert counselor_window.isVisible()
    assert not k.window.isVisible()  # the kiosk would stay on top of it
    assert k.session.answers == {"age": 30}  # the counselor sees the visitor's answers
    assert not k.controller.idle.armed and not k.controller.guard.installed
    assert not QGuiApplication.quitOnLastWindowClosed()  # closing it must not end the app
    with qtbot.waitSignal(k.session.reset_done):
        counselor_window.close()  # deleted on close; the kiosk comes back, visit forgotten
    qtbot.waitUntil(k.window.isVisible)
    assert k.window.isFullScreen()
    assert k.session.answers == {}
    assert k.controller.guard.installed
    assert QGuiApplication.quitOnLastWindowClosed()


@pytest.mark.parametrize("language", ["en", "fa"])
def test_every_staff_control_is_named(make_kiosk, language):
    k = make_kiosk(language=language)
    panel = open_staff_panel(k)
    for button in panel.findChildren(QAbstractButton):
        if button.isVisibleTo(panel):
            assert button.accessibleName(), button.text()
            assert button.accessibleDescription(), button.text()
            assert button.height() >= 44
    for label in panel.findChildren(QLabel):
        if label.isVisibleTo(panel) and label in {v for _n, v in panel.rows.values()}:
            assert label.accessibleName()
    assert panel.layoutDirection() == (
        Qt.LayoutDirection.RightToLeft if language == "fa" else Qt.LayoutDirection.LeftToRight
    )


def test_staff_panel_language_buttons_switch_the_language(make_kiosk, qtbot):
    k = make_kiosk()
    panel = open_staff_panel(k)
    qtbot.mouseClick(panel.language_buttons["fa"], Qt.MouseButton.LeftButton)
    assert k.session.language == "fa"
    assert panel.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert panel.language_buttons["fa"].isChecked()
    assert "۹۰" in panel_row(panel, "idle")
    assert panel.isVisible()
    assert k.session.screen is Screen.WELCOME


def test_overlays_are_built_on_first_use_in_the_visit_s_language(make_kiosk):
    """Start-up builds no overlay; one built later matches the language, size and mode."""
    k = make_kiosk(kiosk=True)
    controller = k.controller
    assert controller.overlays == ()
    k.session.set_language("fa")
    k.session.set_text_scale(150)
    panel = controller.staff_panel
    assert controller.overlays == (panel,)
    assert panel.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert not panel.leave_button.isHidden()  # kiosk mode: "Leave kiosk mode" is offered
    controller.set_kiosk(False)
    assert panel.leave_button.isHidden()
    pad = controller.pin_pad
    assert pad.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert controller.overlays == (panel, pad)
    k.session.set_language("en")
    assert panel.layoutDirection() == pad.layoutDirection() == Qt.LayoutDirection.LeftToRight
