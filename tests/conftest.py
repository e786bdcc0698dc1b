"""Shared fixtures. Qt runs offscreen unless a display is configured."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

#: Property tests run quickly by default and thoroughly in CI (``CI=true``); pick one
#: by name with ``HYPOTHESIS_PROFILE=dev|ci``. A test's own @settings still wins.
settings.register_profile("dev", max_examples=25, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None, print_blob=True)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() == "true" else "dev")
)

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
DEFAULT_RECORD_PATH = ROOT / "resources" / "records" / "NCT05703308.yaml"


def _load_yaml(path: Path) -> dict[str, Any]:
    from app.record.load import _Loader

    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)


@pytest.fixture(scope="session")
def _minimal_dict() -> dict[str, Any]:
    return _load_yaml(DATA / "records" / "minimal.yaml")


@pytest.fixture
def minimal_dict(_minimal_dict: dict[str, Any]) -> dict[str, Any]:
    """The small test record as plain data, a fresh copy for each test to break."""
    return copy.deepcopy(_minimal_dict)


@pytest.fixture(scope="session")
def minimal_record():
    """The small test record, loaded."""
    from app.record import load_record

    return load_record(DATA / "records" / "minimal.yaml")


@pytest.fixture(scope="session")
def default_record():
    """The embedded default record (NCT05703308), loaded."""
    from app.record import load_record

    return load_record()


@pytest.fixture(scope="session")
def _default_dict() -> dict[str, Any]:
    return _load_yaml(DEFAULT_RECORD_PATH)


@pytest.fixture
def default_dict(_default_dict: dict[str, Any]) -> dict[str, Any]:
    """The default record as plain data, a fresh copy for each test to break."""
    return copy.deepcopy(_default_dict)


@pytest.fixture(autouse=True)
def _english_interface_after_test():
    """Each test starts and ends with the interface in English (the language is global)."""
    yield
    from app import i18n

    if i18n.current_language() != "en":
        i18n.set_language("en")


@pytest.fixture
def make_window(qtbot):
    """Build main windows on any record (1280x800, shown offscreen); all deleted afterwards."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from app.ui.main import create_window
    from app.ui.text import forget_shared_sizes

    made = []

    def make(record, language: str = "en", studies=()):
        forget_shared_sizes()  # (no sizes of an earlier test's labels)
        session, window = create_window(record, language, studies=studies)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        made.append((session, window))
        return session, window

    yield make
    # Delete the windows, not only close them: hundreds of leftover widgets would each be
    # restyled by every later window and slow the suite down.
    for session, window in made:
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        session.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def make_catalog(make_window):
    """Main windows on a catalog of records (1280x800, shown offscreen), deleted afterwards."""

    def make(*records, language: str = "en"):
        return make_window(records[0], language, studies=records)

    return make


@pytest.fixture
def app_window(make_window, default_record):
    """A main window on the default record, in English, 1280x800, shown offscreen."""
    return make_window(default_record)


@pytest.fixture(autouse=True)
def _no_leaked_widgets(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves a top-level widget behind (napari's habit).

    A leaked window is restyled by every later test, slows the suite and can answer
    signals meant for the next test's window. Widgets given to ``qtbot.addWidget`` are
    closed and deleted by qtbot before this check runs.
    """
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    before = {id(w) for w in app.topLevelWidgets()} if isinstance(app, QApplication) else set()
    yield
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leaked = [w for w in app.topLevelWidgets() if id(w) not in before]
    if not leaked:
        return
    names = ", ".join(f"{type(w).__name__} {w.objectName()!r}" for w in leaked)
    for widget in leaked:  # so that one leak does not fail every later test
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    pytest.fail(f"{request.node.nodeid} left top-level widgets behind: {names}", pytrace=False)


@pytest.fixture(scope="session")
def engine():
    """The process's speech synthesiser (eSpeak NG); skips, saying why, where it is missing."""
    from app.speech.engine import SpeechError, default_paths, default_synthesizer

    try:
        default_paths()
    except SpeechError as error:
        pytest.skip(f"no speech engine here: {error} (pip install espeakng-loader)")
    return default_synthesizer()
