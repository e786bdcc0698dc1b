"""A first high-contrast switch does not pay for PySide making its Python types.

PySide registers Qt's classes lazily: the first Qt-private object a Python event filter
on the application is handed (Qt's QGestureManager, at the first palette change) makes
it create every class of QtCore, QtGui and QtWidgets, some 70 enum types. The window's
warming has that done in an idle moment (``app.ui.style.look_up_qt_types_ahead``).
Each case runs in a fresh interpreter: this one has long made them all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_SCRIPT = r"""
import enum, json, sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
import app.ui.style as style
from app.launch import launch
from app.session import Screen

if sys.argv[1] == "skipped":
    style._types_looked_up = True  # (as if done: the warming leaves it out)
# As `trialguide` starts (desktop mode), waiting until its warming has done everything.
launched = launch(None, "en", config_path=sys.argv[2], kiosk=False)
session, window = launched.session, launched.window
window.resize(1280, 800)
launched.show()
deadline = time.monotonic() + 60
while time.monotonic() < deadline and not (
    len(window.pages) == len(Screen)
    and all(page.complete for page in window.pages.values())
    and not window._warm_timer.isActive()
):
    app.processEvents()
    time.sleep(0.002)
warm = not window._warm_timer.isActive()
made = []
create = enum.EnumType._create_
enum.EnumType._create_ = classmethod(
    lambda cls, name, *args, **kwargs: (made.append(name), create(name, *args, **kwargs))[1]
)
session.set_high_contrast(True)
app.processEvents()
session.set_high_contrast(False)
app.processEvents()
switch = list(made)
again = style.look_up_qt_types_ahead()
app.children()  # (what the look-up does, done here whether it was done or not)
enum.EnumType._create_ = create
print(json.dumps({"made": switch, "after": made[len(switch):], "warm": warm,
                  "again": again}))
"""


def _switch(mode: str, home: Path) -> dict:
    config = home / "config.toml"
    config.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home),
        "XDG_DATA_HOME": str(home),
        "XDG_STATE_HOME": str(home),
        "XDG_CACHE_HOME": str(home),
    }
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, mode, str(config)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_first_contrast_switch_makes_no_python_types_once_they_were_looked_up(tmp_path):
    found = _switch("warmed", tmp_path)
    assert found["warm"]
    assert found["again"] is False  # (the warming did it, once per process)
    assert found["made"] == []


def test_without_the_look_up_the_types_are_made_at_a_switch_or_after(tmp_path):
    """What the look-up is for: PySide makes the types once per process, the first time
    it is handed such an object. Should this fail, PySide no longer registers its types
    lazily, and ``look_up_qt_types_ahead`` (one warming step) can go.

    Without the look-up, whether the first switch pays depends on what reached the
    restyle's filter meanwhile (since the long pages are themed part by part, often
    nothing does); the types are then made by the next object handed over.
    """
    found = _switch("skipped", tmp_path)
    assert found["warm"]
    assert len(found["made"]) + len(found["after"]) > 20, found
