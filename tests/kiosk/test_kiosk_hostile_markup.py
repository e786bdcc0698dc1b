"""Kiosk overlays and the staff error window show record text and messages literally."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.record import RecordError
from app.record.issues import Issue
from tests.ui.hostile import hostile_record, markup_problems


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


@pytest.mark.parametrize("language", ["en", "fa"])
def test_kiosk_overlays_show_markup_literally(make_kiosk, default_record, tmp_path, language):
    record = hostile_record(default_record, tmp_path / "never-opened.png")
    k = make_kiosk(record=record, language=language)
    problems: list[str] = []
    k.controller.still_there.set_seconds(9)
    k.controller.still_there.open()
    _settle()
    problems += markup_problems(k.window, "still there")
    k.controller.still_there.hide()
    k.controller.open_staff_gate()
    _settle()
    problems += markup_problems(k.window, "PIN pad")
    k.controller.pin_pad.accepted.emit()
    _settle()
    assert k.controller.staff_panel.isVisible()
    problems += markup_problems(k.window, "staff panel")
    assert not problems, "\n".join(sorted(set(problems)))


def test_error_window_shows_a_quoted_value_literally(qtbot, tmp_path):
    """A refused record's message quotes its markup; the staff window must not obey it."""
    from app.kiosk.error_screen import ErrorWindow
    from app.kiosk.info import RECORD

    markup = f'<img src="{tmp_path / "never-opened.png"}"><b>bold</b> Woman & girl'
    error = RecordError(
        f"/clinic/{markup}.yaml",
        [Issue(("identification", "brief_title"), f"markup ({markup!r}) is not allowed")],
    )
    window = ErrorWindow(RECORD, error.describe())
    qtbot.addWidget(window)
    window.show()
    _settle()
    problems = markup_problems(window, "error window")
    assert not problems, "\n".join(problems)
    assert markup in window.details.toPlainText()
