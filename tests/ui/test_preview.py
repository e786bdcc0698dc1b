"""app/ui/preview/window.py: the preview follows each save of the record file, in place."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.session import Screen
from app.ui.preview.watcher import RecordWatcher
from app.ui.preview.window import Preview

DEFAULT_RECORD_PATH = Path(__file__).parents[2] / "resources" / "records" / "NCT05703308.yaml"
ORIGINAL = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
SEX_EN = "Are you a woman or a man?"
SEX_FA = "زن هستید یا مرد؟"
#: The Persian "what" of the third procedure step (patient.procedures[2].what.fa).
STEP_FA = "خون مستقیم به آزمایشگاهی بسیار تمیز"

#: Waiting for a file change to be noticed and loaded (never a timing assertion).
TIMEOUT_MS = 10_000


def save(path: Path, text: str) -> None:
    """Write the file in place, as some editors do."""
    path.write_text(text, encoding="utf-8")


def save_by_rename(path: Path, text: str) -> None:
    """Write a temporary file and rename it over the record, as most editors do."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@pytest.fixture
def record_file(tmp_path: Path) -> Path:
    path = tmp_path / "trial.yaml"
    save(path, ORIGINAL)
    return path


@pytest.fixture
def open_preview(qtbot) -> Iterator[Callable[..., Preview]]:
    """Open previews (1280x800, shown offscreen); all closed and deleted afterwards."""
    from PySide6.QtCore import QCoreApplication, QEvent

    made: list[Preview] = []

    def make(path: Path, language: str = "en", strict: bool = False) -> Preview:
        watcher = RecordWatcher(path, strict=strict, settle_ms=50)
        first = watcher.first_load()
        preview = Preview(watcher, first, language)
        preview.window.resize(1280, 800)
        preview.show()
        qtbot.waitExposed(preview.window)
        made.append(preview)
        return preview

    yield make
    for preview in made:
        session = preview.session
        preview.window.close()
        preview.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        session.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def question_text(preview: Preview) -> str:
    page = preview.window.pages[Screen.SELFCHECK]
    assert preview.window.stack.currentWidget() is page
    return page.question_label.text()


def on_the_sex_question(preview: Preview) -> None:
    session = preview.session
    session.answer("age", 33)
    session.answer("sex", "female")
    session.go_to(Screen.SELFCHECK)
    session.go_to_question(1)


def test_a_save_shows_the_new_text_on_the_same_screen_step_and_answers(
    open_preview, record_file, qtbot
):
    preview = open_preview(record_file)
    on_the_sex_question(preview)
    assert SEX_EN in question_text(preview)
    save(record_file, ORIGINAL.replace(SEX_EN, "Are you female?"))
    qtbot.waitUntil(lambda: "Are you female?" in question_text(preview), timeout=TIMEOUT_MS)
    session = preview.session
    assert (session.screen, session.question_index, session.language) == ("selfcheck", 1, "en")
    assert session.answers == {"age": 33, "sex": "female"}
    # The chosen answer is still shown as chosen on the rebuilt page.
    page = preview.window.pages[Screen.SELFCHECK]
    assert [b.isChecked() for b in page.answer_buttons[:2]] == [True, False]
    assert not preview.panel.isVisible()


def test_a_save_in_persian_keeps_persian(open_preview, record_file, qtbot):
    preview = open_preview(record_file, "fa")
    on_the_sex_question(preview)
    assert SEX_FA in question_text(preview)
    save(record_file, ORIGINAL.replace(SEX_FA, "آیا زن هستید؟"))
    qtbot.waitUntil(lambda: "آیا زن هستید؟" in question_text(preview), timeout=TIMEOUT_MS)
    assert preview.session.language == "fa"
    assert preview.session.answers == {"age": 33, "sex": "female"}


def test_an_answer_that_no_longer_fits_is_cleared_and_the_banner_says_so(
    open_preview, record_file, qtbot
):
    preview = open_preview(record_file)
    on_the_sex_question(preview)
    save(record_file, ORIGINAL.replace("max_value: 130", "max_value: 30", 1))
    qtbot.waitUntil(lambda: preview.panel.note.isVisible(), timeout=TIMEOUT_MS)
    assert preview.session.answers == {"sex": "female"}
    assert "1 answer no longer fits its question and was cleared: age." in (
        preview.panel.note.text()
    )
    assert not preview.panel.list.isVisible()


def test_a_broken_save_keeps_the_old_content_and_lists_file_line_and_field(
    open_preview, record_file, qtbot
):
    preview = open_preview(record_file)
    on_the_sex_question(preview)
    broken = ORIGINAL.replace(SEX_EN, "Are you a woman?").replace(
        "verdict: met", "verdict: maybe", 1
    )
    save(record_file, broken)
    qtbot.waitUntil(lambda: preview.panel.has_problems, timeout=TIMEOUT_MS)
    line = broken.splitlines().index("        verdict: maybe") + 1
    rows = preview.panel.rows()
    assert f"{record_file}:{line}: questions[0].rules[0].verdict: 'maybe' is not one of" in rows[0]
    assert preview.panel.isVisible()
    assert "was not loaded again" in preview.panel.headline.text()
    assert "The screen still shows the last version that loaded" in (preview.panel.headline.text())
    # The last good version is still on screen, with the visit as it was.
    assert SEX_EN in question_text(preview)
    assert preview.session.answers == {"age": 33, "sex": "female"}

    save(record_file, ORIGINAL.replace(SEX_EN, "Are you a woman?"))
    qtbot.waitUntil(lambda: not preview.panel.isVisible(), timeout=TIMEOUT_MS)
    assert "Are you a woman?" in question_text(preview)
    assert preview.panel.rows() == []


def test_a_half_written_file_is_reported_and_the_next_save_recovers(
    open_preview, record_file, qtbot
):
    preview = open_preview(record_file)
    save(record_file, ORIGINAL[: len(ORIGINAL) // 3] + '\n  - "unfinished')
    qtbot.waitUntil(lambda: preview.panel.has_problems, timeout=TIMEOUT_MS)
    assert preview.panel.rows()[0].startswith(f"{record_file}:")
    save(record_file, ORIGINAL.replace(SEX_EN, "Are you female?"))
    qtbot.waitUntil(lambda: not preview.panel.isVisible(), timeout=TIMEOUT_MS)
    assert preview.session.record.questions[1].text["en"] == "Are you female?"


def test_a_save_by_rename_is_seen_and_so_is_the_next(open_preview, record_file, qtbot):
    preview = open_preview(record_file)
    on_the_sex_question(preview)
    save_by_rename(record_file, ORIGINAL.replace(SEX_EN, "Are you female?"))
    qtbot.waitUntil(lambda: "Are you female?" in question_text(preview), timeout=TIMEOUT_MS)
    # The renamed-over file is watched again: a second atomic save is seen too.
    qtbot.waitUntil(lambda: str(record_file) in preview.watcher.watched(), timeout=TIMEOUT_MS)
    save_by_rename(record_file, ORIGINAL.replace(SEX_EN, "Are you a woman, then?"))
    qtbot.waitUntil(lambda: "Are you a woman, then?" in question_text(preview), timeout=TIMEOUT_MS)
    assert preview.session.answers == {"age": 33, "sex": "female"}


def test_strict_lists_findings_and_choosing_one_opens_its_screen(open_preview, record_file, qtbot):
    linted = ORIGINAL.replace(STEP_FA, STEP_FA.replace("مستقیم", "مستقيم")).replace(
        f'fa: "{SEX_FA}"', 'fa: "زن هستید یا مرد؟ 2"'
    )
    save(record_file, linted)
    preview = open_preview(record_file, strict=True)
    panel = preview.panel
    assert panel.isVisible()
    assert panel.headline.text().startswith("Strict check: 2 content problems. ")
    assert "reading-level warnings, which do not fail the check" in panel.headline.text()
    rows = panel.rows()
    step_row = next(i for i, row in enumerate(rows) if "patient.procedures[2].what.fa" in row)
    question_row = next(i for i, row in enumerate(rows) if "questions[1].text.fa" in row)
    # Each finding names the file and the line of its field.
    step_line = next(n for n, line in enumerate(linted.splitlines(), 1) if "مستقيم" in line)
    assert rows[step_row].startswith(f"{record_file}:{step_line - 1}: ")

    # Enter on a finding opens its screen.
    panel.list.setFocus()
    panel.list.setCurrentRow(step_row)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert preview.session.screen is Screen.PROCEDURES
    assert preview.window.stack.currentWidget() is preview.window.pages[Screen.PROCEDURES]

    # A click on a question's finding opens the self-check on that question.
    rect = panel.list.visualItemRect(panel.list.item(question_row))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert preview.session.screen is Screen.SELFCHECK
    assert preview.session.question_index == 1
    assert SEX_EN in question_text(preview)

    # Fixed and saved: the two problems go; the reading-level warnings stay listed.
    warnings = len(rows) - 2
    save(record_file, ORIGINAL)
    qtbot.waitUntil(
        lambda: panel.headline.text().startswith("Strict check: no content problems."),
        timeout=TIMEOUT_MS,
    )
    assert len(panel.rows()) == warnings
    assert all(": warning: " in row for row in panel.rows())


def test_a_save_keeps_the_reader_where_they_were_on_a_long_page(open_preview, record_file, qtbot):
    preview = open_preview(record_file)
    preview.session.go_to(Screen.DETAILS)
    old = preview.window.pages[Screen.DETAILS]
    bar = old.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 1000, timeout=TIMEOUT_MS)
    bar.setValue(800)
    save(record_file, ORIGINAL.replace(SEX_EN, "Are you female?"))
    qtbot.waitUntil(lambda: preview.window.pages.get(Screen.DETAILS) is not old, timeout=TIMEOUT_MS)
    new_bar = preview.window.pages[Screen.DETAILS].scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: new_bar.value() == 800, timeout=TIMEOUT_MS)
    assert preview.session.screen is Screen.DETAILS


def test_markup_in_a_broken_value_is_shown_as_typed(open_preview, record_file, qtbot):
    from PySide6.QtWidgets import QLabel

    preview = open_preview(record_file)
    save(record_file, ORIGINAL.replace("verdict: met", 'verdict: "<b>maybe</b>"', 1))
    qtbot.waitUntil(lambda: preview.panel.has_problems, timeout=TIMEOUT_MS)
    assert "'<b>maybe</b>' is not one of" in preview.panel.rows()[0]
    labels = preview.panel.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def _english_only(value):
    if isinstance(value, dict):
        return {k: _english_only(v) for k, v in value.items() if k != "fa"}
    if isinstance(value, list):
        return [_english_only(v) for v in value]
    return value


def test_a_record_that_drops_persian_falls_back_to_english_with_one_language_button(
    open_preview, record_file, qtbot, default_dict
):
    import yaml

    preview = open_preview(record_file, "fa")
    on_the_sex_question(preview)
    english = _english_only(default_dict)
    english["languages"] = ["en"]
    save(record_file, yaml.safe_dump(english, allow_unicode=True, sort_keys=False))
    qtbot.waitUntil(lambda: preview.session.language == "en", timeout=TIMEOUT_MS)
    window = preview.window
    assert list(window.header.language_buttons) == ["en"]
    assert window.header.isVisible()
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert SEX_EN in question_text(preview)
    assert preview.session.answers == {"age": 33, "sex": "female"}
