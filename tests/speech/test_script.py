"""app/speech/script.py: each screen's Listen script reads the screen's own words, in order.

The order is checked against the real screen: every visible label and button of the page,
top to bottom (and on one line leading side first: right to left in Persian), as one
stream of words; the script's texts must appear in it in the script's order.
"""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from app.i18n import localize
from app.i18n.format import to_latin_digits
from app.session import Screen
from app.speech.script import (
    SCREENS,
    every_utterance,
    is_recordable,
    recording_file,
    script_for_screen,
    section_of,
)

ANSWERS = {"age": 33, "sex": "female", "prior_ivf_icsi": "yes", "afc_low": "unsure"}
_BIDI = re.compile("[\u061c\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _words(text: str) -> list[str]:
    plain = to_latin_digits(_BIDI.sub(" ", text)).replace("ي", "ی").replace("ك", "ک")
    return re.findall(r"\w+", plain.lower())


def _label_text(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        doc = QTextDocument()
        doc.setHtml(widget.text())
        return doc.toPlainText() if "<" in widget.text() else widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&&", "&")
    return ""


def _page_words(window, rtl: bool) -> list[str]:
    """The words of every visible text on the current page, in reading order."""
    QApplication.processEvents()
    page = window.stack.currentWidget()
    deadline = time.monotonic() + 20  # the whole page (details: built after its top)
    while not page.complete and time.monotonic() < deadline:
        QApplication.processEvents()
    for _ in range(3):  # and laid out
        QApplication.processEvents()
    items = []
    for widget in page.findChildren(QWidget):
        if not (widget.isVisibleTo(window) and widget.width() > 0):
            continue
        text = _label_text(widget)
        if not text.strip():
            continue
        top_left = widget.mapTo(page, QPoint(0, 0))
        x = -(top_left.x() + widget.width()) if rtl else top_left.x()
        items.append((top_left.y(), x, text))
    words: list[str] = []
    for _y, _x, text in sorted(items, key=lambda i: (i[0], i[1])):
        words += _words(text)
    return words


def _find(words: list[str], wanted: list[str], start: int) -> int:
    for i in range(start, len(words) - len(wanted) + 1):
        if words[i : i + len(wanted)] == wanted:
            return i + len(wanted)
    return -1


def _shown(record, text: str, lang: str) -> str:
    return localize(record.unmark(text, lang), lang)


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("screen", SCREENS)
def test_script_follows_the_screen(make_window, default_record, screen, lang) -> None:
    session, window = make_window(default_record, lang)
    answers = ANSWERS if screen == "result" else {}
    for question_id, value in answers.items():
        session.answer(question_id, value)
    session.go_to(Screen(screen))
    words = _page_words(window, rtl=lang == "fa")
    script = script_for_screen(default_record, screen, lang, session.answers)
    assert script, f"{screen} reads nothing"
    position = 0
    missing = []
    for utterance in script:
        if utterance.key.endswith(".number") and "procedures" in utterance.key:
            continue  # "Step 1 of 7": the circle shows the number, its name says the rest
        wanted = _words(_shown(default_record, utterance.text, utterance.lang))
        found = _find(words, wanted, position)
        if found < 0:
            missing.append((utterance.key, " ".join(wanted)[:80], _find(words, wanted, 0) >= 0))
        else:
            position = found
    assert not missing, f"not on {screen} in order (key, words, found earlier): {missing}"


def test_every_screen_question_and_glossary_term_has_keys(default_record) -> None:
    for lang in default_record.languages:
        for screen in SCREENS:
            keys = [u.key for u in script_for_screen(default_record, screen, lang, ANSWERS)]
            assert len(keys) == len(set(keys)), f"{screen}: a key twice"
        keys = {u.key for u in every_utterance(default_record, lang)}
        for question in default_record.questions:
            assert f"questions[{question.id}].text" in keys
        for term in default_record.patient.glossary:
            assert f"patient.glossary[{term.id}].definition" in keys
        for step in default_record.patient.procedures:
            assert f"patient.procedures[{step.id}].what" in keys


def test_selfcheck_reads_the_question_with_its_options(default_record) -> None:
    question = next(q for q in default_record.questions if q.type == "choice")
    script = script_for_screen(default_record, "selfcheck", "fa", question=question.id)
    keys = [u.key for u in script]
    text_at = keys.index(f"questions[{question.id}].text")
    option_keys = [f"questions[{question.id}].options[{o.id}].label" for o in question.options]
    assert [keys.index(k) for k in option_keys] == sorted(keys.index(k) for k in option_keys)
    assert all(keys.index(k) > text_at for k in option_keys)
    assert {u.section for u in script} == {f"question[{question.id}]"}
    with pytest.raises(KeyError):
        script_for_screen(default_record, "selfcheck", "en", question="no_such_question")


def test_sections_split_a_screen(default_record) -> None:
    script = script_for_screen(default_record, "procedures", "en")
    step = default_record.patient.procedures[0]
    part = section_of(script, f"step[{step.id}]")
    assert [u.key for u in part][:2] == [
        f"ui.procedures.step[{step.id}].number",
        f"patient.procedures[{step.id}].title",
    ]
    assert all(u in script for u in part)


def test_registry_text_is_read_in_english(default_record) -> None:
    script = script_for_screen(default_record, "details", "fa")
    summary = next(u for u in script if u.key == "official.brief_summary")
    assert summary.lang == "en"
    assert next(u for u in script if u.key == "ui.details.heading").lang == "fa"


def test_bad_screen_or_language(default_record) -> None:
    with pytest.raises(ValueError, match="not a screen"):
        script_for_screen(default_record, "nowhere", "en")
    with pytest.raises(ValueError, match="languages"):
        script_for_screen(default_record, "welcome", "de")


def test_recording_names() -> None:
    assert recording_file("patient.procedures[visit1].what", "fa") == (
        "audio/fa/patient.procedures-visit1.what.wav"
    )
    assert is_recordable("patient.summary")
    assert not is_recordable("ui.welcome.what_this_is")
