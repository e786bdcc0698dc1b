"""Start-up does not grow: the app's modules load neither the engine nor its library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
for name in sys.argv[1:]:
    __import__(name)
if "app.cli" in sys.modules:
    sys.modules["app.cli"].build_parser()
try:
    maps = open("/proc/self/maps").read()
except OSError:
    maps = ""
print(json.dumps({
    "engine": "app.speech.engine" in sys.modules,
    "loader": "espeakng_loader" in sys.modules,
    "library": "libespeak" in maps,
    "speech": sorted(m for m in sys.modules if m.startswith("app.speech")),
    "multimedia": "PySide6.QtMultimedia" in sys.modules,
}))
"""


def _probe(*modules: str, then: str = "") -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    code = PROBE if not then else PROBE.replace("try:\n    maps", f"{then}\ntry:\n    maps")
    out = subprocess.run(
        [sys.executable, "-c", code, *modules],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_app_does_not_load_speech_at_start() -> None:
    seen = _probe("app.launch", "app.ui.main", "app.ui.main_window", "app.cli")
    assert seen == {
        "engine": False,
        "loader": False,
        "library": False,
        "speech": [],
        "multimedia": False,
    }


WINDOW = """
from PySide6.QtWidgets import QApplication
from app.record import load_record
from app.ui.main import create_window
application = QApplication.instance() or QApplication([])
session, window = create_window(load_record(), "fa")
window.show()
for screen in ("about", "procedures", "glossary"):
    session.go_to(screen)
    application.processEvents()
"""


def test_a_window_with_listen_controls_loads_no_speech_until_listen_is_used() -> None:
    seen = _probe("app.launch", then=WINDOW)
    assert seen["speech"] == [] and not seen["multimedia"] and not seen["engine"]
    used = _probe(
        "app.launch",
        then=WINDOW + "window.listen.reader\nimport app.speech.qtsink",
    )
    assert "app.speech.player" in used["speech"]


def test_the_script_and_normalisation_load_no_engine() -> None:
    seen = _probe("app.speech.script", "app.speech.normalize", "app.speech.play")
    assert not seen["loader"] and not seen["library"]


def test_first_synthesis_loads_the_library(engine) -> None:
    seen = _probe(
        "app.speech.engine", then="sys.modules['app.speech.engine'].synthesize('a', 'en')"
    )
    assert seen["engine"] and seen["loader"]
    if sys.platform.startswith("linux"):
        assert seen["library"]
