"""app/ui/preview/command.py: ``trialguide preview RECORD [--lang fa] [--strict]``."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import cli

MINIMAL = Path(__file__).parents[1] / "data" / "records" / "minimal.yaml"


def test_a_record_that_does_not_load_to_begin_with_exits_2_naming_every_problem(
    capsys, tmp_path, qtbot
):
    path = tmp_path / "broken.yaml"
    path.write_text(
        MINIMAL.read_text(encoding="utf-8").replace("verdict: met", "verdict: maybe", 1),
        encoding="utf-8",
    )
    assert cli.main(["preview", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:" in err
    assert "verdict: 'maybe' is not one of" in err
    assert "not valid (" in err


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_preview_opens_a_desktop_window_in_the_language_asked(capsys, monkeypatch, qtbot, lang):
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    import app.ui.main
    from app.ui.main_window import MainWindow

    seen: list[tuple[str, bool, bool]] = []

    class _Loop:
        """The application, whose event loop ends at once (after looking at the window)."""

        def exec(self) -> int:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, MainWindow) and widget.isVisible():
                    seen.append((widget.session.language, widget.kiosk, widget.isFullScreen()))
                    widget.close()
                    widget.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            return 0

    monkeypatch.setattr(app.ui.main, "application", lambda: _Loop())
    assert cli.main(["preview", str(MINIMAL), "--lang", lang, "--strict"]) == 0
    assert seen == [(lang, False, False)]
    assert "previewing" in capsys.readouterr().out


def test_a_broken_record_is_reported_without_a_display(tmp_path):
    """No window is needed to say a record does not load: no display, no Qt abort."""
    import os
    import subprocess
    import sys

    path = tmp_path / "missing.yaml"
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env["QT_QPA_PLATFORM"] = "xcb"  # would abort if a QApplication were made
    env["PYTHONPATH"] = str(Path(__file__).parents[2])
    done = subprocess.run(
        [sys.executable, "-m", "app", "preview", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert f"{path}: (top level): the file does not exist" in done.stderr
