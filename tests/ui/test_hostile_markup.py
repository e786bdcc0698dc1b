"""Record text is shown as text: no widget hands it to Qt's rich-text engine.

A title such as ``<img src="/dev/zero">`` once made Qt read ``/dev/zero`` until the
process aborted. These tests sweep every label, button, pop-up, tooltip, accessible name
and window title on every screen, in both languages, in the patient window and the
counselor window, with a record whose every text is markup, and check that it is shown
literally. ``test_no_file_is_opened_for_markup`` runs the real program under strace and
checks that markup in the record never makes Qt open a file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from app import i18n
from app.record.models import ChoiceQuestion
from app.session import Screen, Session
from app.ui.fonts import load_fonts
from tests.ui.hostile import MARKER, hostile_record, markup_problems

LANGUAGES = ("en", "fa")


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


@pytest.fixture
def hostile(default_record, tmp_path):
    return hostile_record(default_record, tmp_path / "never-opened.png")


def _close(*objects) -> None:
    for obj in objects:
        if isinstance(obj, QWidget):
            obj.close()
        obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_hostile_record_really_carries_markup(hostile):
    assert MARKER in hostile.identification.brief_title
    assert MARKER in hostile.patient.glossary[0].term["fa"]
    assert MARKER in next(q for q in hostile.questions if q.type == "number").unit["en"]


def test_every_patient_screen_shows_markup_literally(qtbot, hostile):
    from app.ui.main import create_window

    session, window = create_window(hostile, "en")
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    problems: list[str] = []
    try:
        first_choice = next(q for q in hostile.questions if isinstance(q, ChoiceQuestion))
        session.answer(first_choice.id, first_choice.options[0].id)
        for lang in LANGUAGES:
            session.set_language(lang)
            for screen in Screen:
                session.go_to(screen)
                _settle()
                problems += markup_problems(window, f"{lang}/{screen.value}")
            session.go_to(Screen.SELFCHECK)
            for index in range(len(hostile.questions)):
                session.go_to_question(index)
                _settle()
                problems += markup_problems(window, f"{lang}/question {index}")
            for term in hostile.patient.glossary:
                session.show_term(term.id)
                _settle()
                problems += markup_problems(window, f"{lang}/term {term.id}")
            # A window title is always plain: the markup is there as words.
            assert "img src=" in window.windowTitle()
    finally:
        _close(window, session)
    assert not problems, "\n".join(sorted(set(problems)))


def test_counselor_window_shows_markup_literally(qtbot, hostile):
    from app.ui.counselor.window import CounselorWindow

    load_fonts()
    session = Session(hostile, "en")
    i18n.set_language("en")
    window = CounselorWindow(session)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.view.complete)  # every row, not only the first built
    problems: list[str] = []
    try:
        for lang in LANGUAGES:
            session.set_language(lang)
            _settle()
            problems += markup_problems(window, f"counselor/{lang}")
    finally:
        _close(window, session)
    assert not problems, "\n".join(sorted(set(problems)))


def test_ampersand_in_an_option_is_shown_not_underlined(qtbot, hostile):
    """ "Woman & girl" stays "Woman & girl", not "Woman _girl" (a mnemonic on "g")."""
    from app.ui.main import create_window

    session, window = create_window(hostile, "en")
    window.show()
    qtbot.waitExposed(window)
    try:
        session.go_to(Screen.SELFCHECK)
        first_choice = next(q for q in hostile.questions if isinstance(q, ChoiceQuestion))
        session.go_to_question(hostile.questions.index(first_choice))
        _settle()
        page = window.stack.currentWidget()
        shown = [b for b in page.answer_buttons if b.isVisibleTo(window)]
        assert shown
        for button in shown:
            assert "Woman && girl" in button.text()
            # Qt's accessible name strips the mnemonic marks: one "&" is left.
            assert "Woman & girl" in button.accessibleName()
    finally:
        _close(window, session)


# -- a real process, traced -----------------------------------------------------------


def _markup_record(default_dict: dict, target: Path) -> dict:
    """A record that validates, with image markup in every text where words may hold it."""
    markup = f'<img src="{target}"> <a href="file://{target}">x</a>'
    data = default_dict
    data["official"]["brief_summary"] += f" {markup}"
    patient = data["patient"]
    for key in ("summary", "who_can_take_part", "contact", "after_selfcheck"):
        for lang in patient[key]:
            patient[key][lang] += f" {markup}"
    for term in patient["glossary"]:
        for lang in term["definition"]:
            term["definition"][lang] += f" {markup}"
    for criterion in data["eligibility"]["criteria"]:
        criterion["official"] += f" {markup}"
    data["eligibility"]["criteria_text"] += f" {markup}"
    return data


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_file_is_opened_for_markup(tmp_path, default_dict, lang):
    """Run `trialguide render` on every screen under strace: the image is never opened."""
    target = tmp_path / "never-opened.png"
    target.write_bytes(b"\x89PNG\r\n\x1a\n")
    record = tmp_path / "markup.yaml"
    record.write_text(
        yaml.safe_dump(_markup_record(default_dict, target), allow_unicode=True),
        encoding="utf-8",
    )
    trace = tmp_path / "trace.txt"
    for screen in ("welcome", "about", "procedures", "result", "details", "glossary", "contact"):
        out = tmp_path / f"{screen}.png"
        done = subprocess.run(
            [
                "strace",
                "-f",
                "-qq",
                "-e",
                "trace=open,openat,openat2,stat,statx,newfstatat,access",
                "-o",
                str(trace),
                sys.executable,
                "-m",
                "app",
                "render",
                "--record",
                str(record),
                "--screen",
                screen,
                "--lang",
                lang,
                "--out",
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 0
        touched = [line for line in trace.read_text().splitlines() if str(target) in line]
        assert not touched, f"{screen}: Qt looked for the record's image:\n" + "\n".join(touched)
