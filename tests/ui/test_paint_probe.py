"""The start-up probe the benchmarks rely on: first paint reported, then a clean quit."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "benchmarks" / "_probe_app.py"


def test_probe_is_off_without_the_variable(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from app.ui import paint_probe

    monkeypatch.delenv(paint_probe.ENV, raising=False)
    widget = QWidget()
    qtbot.addWidget(widget)
    assert paint_probe.install(widget) is False


def _run(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TRIALGUIDE_EXIT_AFTER_PAINT": "1",
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    start = time.perf_counter()
    done = subprocess.run(
        # (counselor mode is never a kiosk: its option goes without --no-kiosk)
        [sys.executable, str(PROBE), "--config", str(config), *(args or ("--no-kiosk",))],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    return done, start


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param((), 0, id="welcome screen"),
        pytest.param(("--no-kiosk", "--record", "/nonexistent/record.yaml"), 2, id="error window"),
        pytest.param(("--counselor",), 0, id="counselor window"),
    ],
)
def test_first_paint_is_reported_and_the_app_quits(tmp_path, args, code):
    done, start = _run(tmp_path, *args)
    assert done.returncode == code, done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("first-paint ")]
    assert len(lines) == 1, done.stdout
    painted = float(lines[0].split()[1])
    assert start < painted < time.perf_counter()
    assert "Traceback" not in done.stderr
