"""Starting on a catalog of several records: idle validation, broken records, idle reset."""

from __future__ import annotations

import logging

from catalog_records import MINIMAL, write_english_only
from kiosk_helpers import DEFAULT_RECORD_PATH, open_staff_panel, panel_row

from app.kiosk.error_screen import ErrorWindow
from app.kiosk.info import RECORD
from app.record.enums import Sex
from app.session import Prescreen, Screen

DEFAULT = "NCT05703308"
SMALL = "NCT00000001"


def _config(tmp_path, text: str = ""):
    path = tmp_path / "trialguide.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _sources(tmp_path, broken_record_file):
    return (str(DEFAULT_RECORD_PATH), str(MINIMAL), str(broken_record_file))


class _Kiosk:
    """What make_kiosk's tests read: session, window and controller."""

    def __init__(self, result, qtbot):
        self.session, self.window = result.session, result.window
        self.controller = result.controller
        result.show()
        qtbot.waitExposed(result.window)


def test_the_first_study_shows_at_once_and_the_rest_validate_in_idle_time(
    launched, tmp_path, broken_record_file, qtbot, caplog
):
    caplog.set_level(logging.INFO, logger="trialguide")
    sources = _sources(tmp_path, broken_record_file)
    result = launched(sources, "en", config_path=_config(tmp_path), kiosk=False)
    session = result.session
    assert session.catalog and session.screen is Screen.CATALOG
    assert [r.identification.nct_id for r in session.studies] == [DEFAULT]  # no more yet
    loader = result.controller.catalog_loader
    with qtbot.waitSignal(loader.finished, timeout=10_000):
        pass
    assert [r.identification.nct_id for r in session.studies] == [DEFAULT, SMALL]
    page = result.window.page(Screen.CATALOG)
    # The broken record is left out; the cards of a batch of studies come together.
    qtbot.waitUntil(lambda: set(page.cards) == {DEFAULT, SMALL}, timeout=5000)
    assert broken_record_file.name in caplog.text
    assert "identification.nct_id" in caplog.text


def test_a_broken_third_record_is_named_in_the_staff_panel(
    launched, tmp_path, broken_record_file, qtbot
):
    result = launched(_sources(tmp_path, broken_record_file), "en", config_path=_config(tmp_path))
    result.controller.catalog_loader.load_all()
    panel = open_staff_panel(_Kiosk(result, qtbot))
    left_out = panel_row(panel, "left_out")
    assert broken_record_file.name in left_out
    assert "identification.nct_id" in left_out
    shown = panel_row(panel, "studies")
    assert DEFAULT in shown and SMALL in shown
    assert panel.rows["left_out"][1].isVisibleTo(panel)


def test_one_record_has_no_catalog_rows_in_the_staff_panel(launched, tmp_path, qtbot):
    result = launched(str(MINIMAL), "en", config_path=_config(tmp_path))
    assert not result.session.catalog
    panel = open_staff_panel(_Kiosk(result, qtbot))
    assert not panel.rows["studies"][1].isVisibleTo(panel)
    assert not panel.rows["left_out"][1].isVisibleTo(panel)


def test_no_valid_record_shows_every_error(launched, tmp_path, broken_record_file, capsys):
    other = tmp_path / "other.yaml"
    other.write_text("schema_version: 1\n", encoding="utf-8")
    result = launched((str(broken_record_file), str(other)), "en", config_path=_config(tmp_path))
    assert isinstance(result.window, ErrorWindow) and result.window.kind == RECORD
    details = result.window.details.toPlainText()
    assert str(broken_record_file) in details and "identification.nct_id" in details
    assert str(other) in details
    assert str(other) in capsys.readouterr().err


def test_idle_reset_returns_to_the_catalog_with_nothing_of_the_visitor(
    launched, tmp_path, broken_record_file, qtbot
):
    result = launched(
        _sources(tmp_path, broken_record_file),
        "en",
        config_path=_config(tmp_path),
        kiosk=True,
        idle_ms=150,
        countdown=1,
        tick_ms=40,
    )
    result.controller.catalog_loader.load_all()
    session, window = result.session, result.window
    _Kiosk(result, qtbot)
    session.set_prescreen(Prescreen(age=33, sex=Sex.FEMALE, healthy=False))
    session.open_study(DEFAULT)
    session.go_to(Screen.SELFCHECK)
    assert session.answers["age"] == 33  # carried from the first step
    session.answer("age", 34)
    session.go_to(Screen.CATALOG)
    session.open_study(SMALL)
    session.answer("age", 50)
    session.set_language("fa")
    with qtbot.waitSignal(result.controller.visitor_reset, timeout=10_000):
        pass
    assert session.screen is Screen.CATALOG and session.study is None
    assert window.stack.currentWidget() is window.page(Screen.CATALOG)
    assert session.prescreen == Prescreen() and session.language == "en"
    assert window.page(Screen.PRESCREEN).age.field.text() == ""
    for key in (DEFAULT, SMALL):
        assert session.visit(key) is None
        session.open_study(key)
        assert session.answers == {}
        session.go_to(Screen.CATALOG)


def test_each_study_shows_its_own_draft_banner(launched, tmp_path, qtbot):
    from app.record.approval import ApprovalState

    approved = tmp_path / "approved.yaml"
    approved.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    from app.cli import main

    assert main(["approve", str(approved), "--note", "test"]) == 0
    english = write_english_only(tmp_path / "english.yaml")
    result = launched(
        (str(approved), str(english)), "en", config_path=_config(tmp_path), kiosk=False
    )
    result.controller.catalog_loader.load_all()
    banner = result.controller.banner
    session = result.session
    assert banner.state is not ApprovalState.APPROVED  # the catalog lists a draft
    session.open_study(SMALL)
    assert banner.state is ApprovalState.APPROVED and banner.isHidden()
    session.go_to(Screen.CATALOG)
    session.open_study("NCT00000002")
    assert banner.state is ApprovalState.UNAPPROVED and not banner.isHidden()
