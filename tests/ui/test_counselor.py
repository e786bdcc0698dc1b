"""The counselor view: two languages side by side, registry text, jump list, editable answers."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QTextDocumentFragment
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from app import i18n
from app.i18n import translation
from app.i18n.format import format_number
from app.present.outcome import result_title
from app.present.text import status_label
from app.selfcheck import CriterionStatus, Outcome, evaluate
from app.session import Session
from app.ui.counselor import CounselorWindow, answers, parallel
from app.ui.counselor.cells import Flow, ParallelRow
from app.ui.counselor.parallel import FIRST_ROWS
from app.ui.fonts import load_fonts

PERSIAN_DIGITS = set("۰۱۲۳۴۵۶۷۸۹")


def plain(label: QLabel) -> str:
    """The words a label shows (its rich text without markup)."""
    return QTextDocumentFragment.fromHtml(label.text()).toPlainText()


@pytest.fixture
def counselor(qtbot, default_record):
    """A counselor window on its own session, in English, 1920x1080, shown offscreen."""
    load_fonts()
    session = Session(default_record, "en")
    i18n.set_language("en")
    window = CounselorWindow(session)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    # The rows and questions built after the first paint.
    qtbot.waitUntil(lambda: window.view.complete and window.panel.complete)
    return session, window


def _choose(qtbot, combo: QComboBox, option_id: str | None) -> None:
    """Pick an option the way a keyboard user does: focus, then arrow keys."""
    combo.setFocus()
    target = combo.findData(option_id)
    assert target >= 0
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def _type_age(qtbot, window: CounselorWindow, text: str) -> None:
    field = window.panel.editors["age"].field
    assert field is not None
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    for char in text:  # QTest's keyClicks takes ASCII only: type Persian digits by hand
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                field, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )
    qtbot.keyClick(field, Qt.Key.Key_Return)


# -- two languages side by side -----------------------------------------------------------
def test_patient_language_beside_second_language(counselor, qtbot, default_record):
    session, window = counselor
    view = window.view
    assert (view.patient_lang, view.second_lang) == ("en", "fa")
    session.set_language("fa")
    assert (view.patient_lang, view.second_lang) == ("fa", "en")  # the columns swap
    row = view.rows["criterion:age"]
    fa, en = row.patient, row.second
    assert "۲۵" in plain(fa) and "۴۵" in plain(fa)
    assert not PERSIAN_DIGITS & set(plain(en)) and "25" in plain(en)
    assert fa.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert en.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert 'dir="rtl"' in fa.text() and 'dir="rtl"' not in en.text()
    # Side by side: the same line, the patient's column on the reading side (right for fa).
    qtbot.waitUntil(lambda: row.patient.x() > row.second.x())  # once the layout has run
    assert row.patient.y() == row.second.y()
    step = view.rows[f"step:{default_record.patient.procedures[0].id}"]
    assert "۱" in plain(step.patient) and "1" in plain(step.second)
    heading = view.headings["summary"]
    assert heading.patient.words == translation("fa").gettext("About the study")
    assert heading.patient.words != "About the study"
    assert heading.second.words == "About the study"
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_second_language_selector(counselor, qtbot):
    _session, window = counselor
    combo = window.second_combo
    assert combo.currentData() == "fa"
    assert combo.accessibleName()
    _choose(qtbot, combo, None)
    assert window.view.second_lang is None
    row = window.view.rows["summary"]
    assert not row.second.isVisible() and row.patient.isVisible()
    assert not window.panel.editors["sex"].second.isVisible()
    _choose(qtbot, combo, "fa")
    assert row.second.isVisible()
    assert "سلول" in plain(row.second)


def test_official_text_verbatim_beside_each_criterion(counselor, default_record):
    _session, window = counselor
    view = window.view
    assert view.flow is Flow.COLUMNS  # 1920 px at 100%: three columns
    for criterion in default_record.eligibility.criteria:
        row = view.rows[f"criterion:{criterion.id}"]
        assert row.official.words == criterion.official
        assert plain(row.official) == criterion.official  # no caption beside the header
        assert row.official.isVisible()
        assert row.official.y() == row.patient.y()  # beside, not below
        assert row.official.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert view.rows["summary"].official.words == default_record.official.brief_summary
    arm = default_record.arms[0]
    assert arm.description in view.rows[f"arm:{arm.label}"].official.words
    for step in default_record.patient.procedures:  # no registry twin for the steps
        assert not view.rows[f"step:{step.id}"].official.isVisible()


def test_jump_list_scrolls_both_columns(counselor, qtbot):
    _session, window = counselor
    view, jump = window.view, window.jump_list
    keys = [jump.item(i).data(Qt.ItemDataRole.UserRole) for i in range(jump.count())]
    assert keys[: len(view.sections)] == [s.key for s in view.sections]
    assert view.verticalScrollBar().value() == 0
    index = keys.index("contact")
    rect = jump.visualItemRect(jump.item(index))
    qtbot.mouseClick(jump.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    heading = view.headings["contact"]
    assert view.verticalScrollBar().value() > 0
    top = heading.mapTo(view.viewport(), QPoint(0, 0)).y()
    assert abs(top) <= 2  # the section's heading is at the top of both columns
    assert heading.patient.isVisible() and heading.second.isVisible()
    # Keyboard: move to another entry and press Enter.
    jump.setFocus()
    jump.setCurrentRow(keys.index("inclusion"))
    qtbot.keyClick(jump.viewport(), Qt.Key.Key_Return)
    top = view.headings["inclusion"].mapTo(view.viewport(), QPoint(0, 0)).y()
    assert abs(top) <= 2
    # The answers entry focuses the first answer control.
    window.jump_to("answers")
    assert QApplication.focusWidget() is window.panel.editors["age"].field


# -- the self-check ----------------------------------------------------------------------
def test_editing_answers_updates_session_and_outcome(counselor, qtbot, default_record):
    session, window = counselor
    panel = window.panel
    with qtbot.waitSignal(session.answers_changed):
        _choose(qtbot, panel.editors["sex"].combo, "female")
    assert session.answers == {"sex": "female"}
    _type_age(qtbot, window, "۳۰")  # Persian digits are read too
    assert session.answers == {"sex": "female", "age": 30}
    assert panel.editors["age"].field.text() == "30"
    expected = evaluate(default_record, session.answers)
    assert expected.outcome is Outcome.MAY_MATCH
    assert panel.outcome.title.accessibleName() == result_title(expected, "en")
    assert panel.outcome.second.accessibleName() == result_title(expected, "fa")
    for item in expected.criteria:
        row = panel.criteria.rows[item.criterion_id]
        assert row.status.accessibleName() == status_label(item.status, "en", past=True)
    _choose(qtbot, panel.editors["sex"].combo, "male")
    result = evaluate(default_record, session.answers)
    assert result.outcome is Outcome.DOES_NOT_MATCH
    assert panel.outcome.title.accessibleName() == result_title(result, "en")
    status = panel.criteria.rows["sex"].status.accessibleName()
    assert status == status_label(CriterionStatus.NOT_MET, "en")
    _choose(qtbot, panel.editors["sex"].combo, None)  # "Not answered" clears it
    assert "sex" not in session.answers


def test_typed_age_updates_the_result_after_a_pause_without_tab(counselor, qtbot):
    """The counselor types an age and stops: the result follows, the focus stays put."""
    session, window = counselor
    panel = window.panel
    field = panel.editors["age"].field
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    with qtbot.waitSignal(session.answers_changed, timeout=3000):
        qtbot.keyClicks(field, "50")  # no Tab, no Return
    assert session.answers == {"age": 50}
    assert field.hasFocus()
    result = evaluate(window.session.record, session.answers)
    assert panel.outcome.title.accessibleName() == result_title(result, "en")
    assert panel.criteria.rows["age"].status.accessibleName() == status_label(
        CriterionStatus.NOT_MET, "en"
    )
    # Typing on (a new age) is taken after the next pause too; one answer per pause.
    with qtbot.waitSignal(session.answers_changed, timeout=3000):
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
        qtbot.keyClicks(field, "30")
    assert session.answers == {"age": 30}


def test_answer_from_patient_screen_shows_in_panel(counselor, qtbot):
    session, window = counselor
    editors = window.panel.editors
    with qtbot.waitSignal(session.answers_changed):
        session.answer("afc_low", "unsure")  # as the patient's screen does
    assert editors["afc_low"].combo.currentData() == "unsure"
    session.answer("age", 40)
    assert editors["age"].field.text() == "40"
    session.set_language("fa")
    assert editors["age"].field.text() == "۴۰"
    assert editors["afc_low"].combo.currentText() == "مطمئن نیستم"
    assert session.answers == {"afc_low": "unsure", "age": 40}  # nothing lost
    session.clear_answer("afc_low")
    assert editors["afc_low"].combo.currentData() is None


def test_invalid_age_is_rejected_with_a_message(counselor, qtbot):
    session, window = counselor
    editor = window.panel.editors["age"]
    _type_age(qtbot, window, "abc")
    assert "age" not in session.answers
    assert editor.message.isVisible()
    assert "not a number" in editor.message.accessibleName()
    assert editor.message.accessibleName() in editor.field.accessibleDescription()
    _type_age(qtbot, window, "33")
    assert session.answers["age"] == 33
    assert not editor.message.isVisible()
    _type_age(qtbot, window, "200")
    assert session.answers["age"] == 33  # the earlier answer stays; 200 is not stored
    assert editor.message.isVisible()
    assert "130" in editor.message.accessibleName()


# -- leaving, starting over, printing ----------------------------------------------------
def test_close_button_clears_answers(counselor, qtbot):
    session, window = counselor
    session.answer("sex", "female")
    session.answer("age", 30)
    session.set_language("fa")
    with qtbot.waitSignal(session.reset_done):
        qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()
    assert session.answers == {}
    assert session.language == "en"


def test_closing_the_window_clears_answers(counselor, qtbot):
    session, window = counselor
    session.answer("cancer_history", "no")
    window.close()
    assert session.answers == {}


def test_start_over_clears_answers_and_fields(counselor, qtbot):
    session, window = counselor
    _type_age(qtbot, window, "31")
    session.answer("sex", "female")
    qtbot.mouseClick(window.start_over, Qt.MouseButton.LeftButton)
    assert session.answers == {}
    assert window.panel.editors["age"].field.text() == ""
    assert window.panel.editors["sex"].combo.currentData() is None
    assert window.isVisible()


class _AcceptingPrintDialog:
    """QPrintDialog stand-in: the counselor picks "print to file" and presses Print."""

    opened: ClassVar[list[object]] = []
    target: ClassVar[str] = ""

    def __init__(self, printer, parent=None) -> None:
        self.printer = printer
        self.opened.append(parent)

    def setWindowTitle(self, _title: str) -> None:
        pass

    def exec(self) -> int:
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(self.target)
        return QDialog.DialogCode.Accepted


def test_print_opens_a_print_dialog_and_prints_through_qt(
    counselor, qtbot, monkeypatch, tmp_path: Path
):
    """Print is a real print dialog now (it was a save dialog), printing the handout."""
    session, window = counselor
    session.answer("sex", "female")
    target = tmp_path / "printed.pdf"
    _AcceptingPrintDialog.target = str(target)
    _AcceptingPrintDialog.opened = []
    monkeypatch.setattr("app.ui.counselor.window.QPrintDialog", _AcceptingPrintDialog)
    monkeypatch.setattr(
        QFileDialog, "exec", lambda *_a: pytest.fail("Print must not open a save dialog")
    )
    qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    assert _AcceptingPrintDialog.opened == [window]
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in window.status.accessibleName()
    assert window.statusBar().isVisible()


def test_print_cancelled_prints_nothing(counselor, monkeypatch):
    _session, window = counselor
    monkeypatch.setattr(QPrintDialog, "exec", lambda *_a: QDialog.DialogCode.Rejected)
    calls: list[object] = []
    monkeypatch.setattr("app.handout.paper.print_handout", lambda *a: calls.append(a))
    assert window.print_handout() is False
    assert calls == []


def _accept_as(path: Path | str):
    def exec_(dialog: QFileDialog) -> int:
        dialog.selectFile(str(path))
        return QDialog.DialogCode.Accepted

    return exec_


def test_save_writes_a_pdf(counselor, qtbot, monkeypatch, tmp_path: Path):
    session, window = counselor
    session.answer("sex", "female")
    monkeypatch.setattr(QFileDialog, "exec", _accept_as(tmp_path / "handout"))
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "handout.pdf"
    assert pdf.exists() and pdf.stat().st_size > 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert str(pdf) in window.status.accessibleName()
    assert window.statusBar().isVisible()


@pytest.mark.parametrize("scale", [100, 200])
def test_save_dialog_shows_the_whole_file_name(counselor, qtbot, scale):
    """The save-as field used to clip "TrialGuide-NCT05703308-en.pdf"."""
    session, window = counselor
    session.set_text_scale(scale)
    dialog = window.save_dialog("/tmp/TrialGuide-NCT05703308-en.pdf")
    try:
        dialog.show()
        qtbot.waitExposed(dialog)
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        assert field is not None and field.isVisible()
        assert field.text() == "TrialGuide-NCT05703308-en.pdf"
        room = field.contentsRect().width() - field.textMargins().left() - 8
        assert field.fontMetrics().horizontalAdvance(field.text()) < room
        assert dialog.acceptMode() is QFileDialog.AcceptMode.AcceptSave
    finally:
        dialog.reject()
        dialog.deleteLater()


def test_handout_language_and_result(counselor, qtbot, monkeypatch, tmp_path: Path):
    session, window = counselor
    calls: list[tuple[str, object]] = []
    large: list[bool] = []
    monkeypatch.setattr(
        "app.handout.write_handout",
        lambda record, lang, out, result=None, large_print=False: (
            calls.append((lang, result)) or large.append(large_print) or 2
        ),
    )
    monkeypatch.setattr(QFileDialog, "exec", _accept_as(tmp_path / "x.pdf"))
    session.set_language("fa")
    assert window.handout_combo.currentData() == "fa"  # the patient's language by default
    window.save_handout()
    assert calls[-1] == ("fa", None)  # no answers: no self-check result on the handout
    session.answer("sex", "male")
    _choose(qtbot, window.handout_combo, "en")
    window.save_handout()
    lang, result = calls[-1]
    assert lang == "en" and result.outcome is Outcome.DOES_NOT_MATCH
    monkeypatch.setattr(QFileDialog, "exec", lambda *_a: QDialog.DialogCode.Rejected)
    assert window.save_handout() is None  # cancelled: nothing written
    assert len(calls) == 2
    assert large == [False, False]
    window.bar.large_print.setChecked(True)  # the large-print edition, saved and printed
    monkeypatch.setattr(QFileDialog, "exec", _accept_as(tmp_path / "x.pdf"))
    window.save_handout()
    assert large[-1] is True
    printed: list[bool] = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda *_a: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        "app.handout.paper.print_handout",
        lambda *a, large_print=False, **k: printed.append(large_print) or 1,
    )
    assert window.print_handout() is True
    assert printed == [True]


# -- building once, re-flowing, accessibility --------------------------------------------
def test_language_switch_updates_in_place(counselor, qtbot):
    session, window = counselor
    rows = window.view.findChildren(ParallelRow)
    editors = dict(window.panel.editors)
    session.answer("sex", "female")
    session.set_language("fa")
    session.set_language("en")
    assert window.view.findChildren(ParallelRow) == rows
    assert window.panel.editors == editors
    assert session.answers == {"sex": "female"}
    assert window.panel.editors["sex"].combo.currentText() == "Woman"


@pytest.mark.parametrize(
    ("size", "scale"), [((1280, 800), 100), ((1280, 800), 200), ((1920, 1080), 200)]
)
def test_text_wraps_without_clipping(counselor, qtbot, size, scale):
    session, window = counselor
    session.set_language("fa")
    session.set_text_scale(scale)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.view.flow == window.view.choose_flow())
    expected = {(1280, 100): Flow.BELOW, (1280, 200): Flow.STACKED, (1920, 200): Flow.BELOW}
    assert window.view.flow is expected[(size[0], scale)]

    def clipped() -> list[tuple[str, int, int]]:
        labels = [
            label
            for label in window.findChildren(QLabel)
            if label.isVisibleTo(window) and label.wordWrap() and label.text()
        ]
        assert len(labels) > 100
        return [
            (plain(label)[:40], label.height(), label.heightForWidth(label.width()))
            for label in labels
            if label.height() < label.heightForWidth(label.width())
        ]

    # Layouts settle after the resize; then every wrapped label is as tall as its text.
    try:
        qtbot.waitUntil(lambda: not clipped(), timeout=3000)
    except AssertionError:
        pytest.fail(f"clipped labels: {clipped()[:5]}")
    if window.view.flow is not Flow.COLUMNS:  # the registry text says what it is
        official = window.view.rows["criterion:age"].official
        assert official.caption_visible()
        assert plain(official).startswith(official.caption)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_every_control_has_an_accessible_name(counselor, qtbot, lang):
    session, window = counselor
    session.set_language(lang)
    controls = [
        widget
        for widget in window.findChildren(QWidget)
        if isinstance(widget, QAbstractButton | QComboBox | QLineEdit | QAbstractItemView)
        or (isinstance(widget, QLabel) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus)
    ]
    controls = [w for w in controls if w.isVisibleTo(window) and w.window() is window]
    assert len(controls) > 20
    for widget in controls:
        assert widget.accessibleName().strip(), widget
        if isinstance(widget, QAbstractButton | QComboBox | QLineEdit):
            assert widget.accessibleDescription().strip(), widget.accessibleName()


def test_glossary_link_explains_the_term_in_the_counselor_view(counselor, qtbot):
    _session, window = counselor
    cell = window.view.rows["criterion:amh"].patient
    assert "term:amh" in cell.text()
    assert cell.focusPolicy() == Qt.FocusPolicy.StrongFocus  # links reachable by keyboard
    cell.term_activated.emit("amh")
    assert window.popover.isVisible()
    assert window.popover.term_id == "amh"
    qtbot.mouseClick(window.popover.all_terms, Qt.MouseButton.LeftButton)
    assert not window.popover.isVisible()
    top = window.view.headings["glossary"].mapTo(window.view.viewport(), QPoint(0, 0)).y()
    assert abs(top) <= 2 or window.view.verticalScrollBar().value() == (
        window.view.verticalScrollBar().maximum()
    )


def test_f6_moves_between_panes_and_jump_list_follows_scrolling(counselor, qtbot):
    _session, window = counselor
    window.activateWindow()
    window.second_combo.setFocus()
    qtbot.keyClick(window.second_combo, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.jump_list
    qtbot.keyClick(window.jump_list, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.view
    qtbot.keyClick(window.view, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.panel.editors["age"].field
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.view
    sections = [s.key for s in window.view.sections]
    window.view.scroll_to("measures")
    assert window.jump_list.currentRow() == sections.index("measures")


def test_deleted_on_close_leaves_the_session_working(qtbot, default_record):
    """As the staff panel opens it: WA_DeleteOnClose, then the visit goes on without it."""
    load_fonts()
    session = Session(default_record, "en")
    i18n.set_language("en")
    window = CounselorWindow(session)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    window.show()
    qtbot.waitExposed(window)
    session.answer("sex", "female")
    with qtbot.waitSignal(window.destroyed):
        window.close()
    assert session.answers == {}
    session.set_language("fa")  # no handler of the deleted window may run
    session.answer("age", 30)
    session.set_text_scale(150)
    session.reset()
    assert session.answers == {}


def test_the_study_text_is_laid_out_at_one_width_before_the_first_paint(qtbot, default_record):
    """The panes are sized as the window is built: the text is not laid out at the
    splitter's even split first and then again at its real width."""
    from PySide6.QtCore import QObject

    load_fonts()
    session = Session(default_record, "en")
    i18n.set_language("en")
    window = CounselorWindow(session)
    qtbot.addWidget(window)
    widths: list[int] = []

    class _Widths(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Resize:
                widths.append(window.view.width())
            return False

    watcher = _Widths(window.view)
    window.view.installEventFilter(watcher)
    window.show()
    qtbot.waitExposed(window)
    assert widths, "the study text was never laid out"
    assert set(widths) == {window.view.width()}
    # And at the widths the panes get: most of the window for the text.
    jump, text, panel = window.splitter.sizes()
    assert text > jump and text > panel
    assert window.view.width() == text


def test_opening_the_view_leaves_the_handout_unloaded():
    """fpdf2 and the handout load when a handout is first printed or saved, not at start."""
    import subprocess
    import sys

    code = (
        "import sys; import app.ui.counselor.window; "
        "print(sorted(m for m in sys.modules if m == 'fpdf' or m.startswith('app.handout')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


# -- the rows built in stages ------------------------------------------------------------
def _window(qtbot, record, lang: str = "en") -> tuple[Session, CounselorWindow]:
    load_fonts()
    session = Session(record, lang)
    i18n.set_language(lang)
    window = CounselorWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    return session, window


def _words(rich: str) -> str:
    return QTextDocumentFragment.fromHtml(rich).toPlainText()


def _built(window: CounselorWindow) -> list[ParallelRow]:
    """The rows in the study text's layout now, top to bottom (without the header)."""
    layout = window.view.widget().layout()
    items = (layout.itemAt(i).widget() for i in range(layout.count()))
    return [row for row in items if isinstance(row, ParallelRow)]


def test_the_view_paints_its_top_first_and_builds_the_rest_after(qtbot, default_record):
    """Opening the view lays out only the rows it shows first; the others follow the
    first paint, in reading order, and end as a view built at once would be."""
    _session, window = _window(qtbot, default_record)
    view = window.view
    every = sum(1 + len(section.items) for section in view.sections)
    assert not view.complete
    assert len(_built(window)) == FIRST_ROWS < every
    window.show()
    qtbot.waitExposed(window)
    # The first rows fill the text pane when it first shows.
    first = _built(window)
    assert first[-1].geometry().bottom() > view.viewport().height()
    # The jump list marks a section only once its rows are there: far down, the last
    # section built so far (not one still to come, whose heading has no place yet).
    shown = [key for key in (s.key for s in view.sections) if key in view._headings]
    assert 0 < len(shown) < len(view.sections)
    assert view.section_at(10**6) == len(shown) - 1
    qtbot.waitUntil(lambda: view.complete)
    rows = _built(window)
    assert len(rows) == every and rows[:FIRST_ROWS] == first
    order = [
        row
        for section in view.sections
        for row in (view.headings[section.key], *(view.rows[item.key] for item in section.items))
    ]
    assert rows == order  # in the order they are read
    qtbot.waitUntil(lambda: all(row.isVisible() for row in rows))
    glossary = view.rows[view.sections[-1].items[-1].key]  # the last row built
    assert glossary.patient.text() and glossary.second.text()
    assert glossary.patient.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert glossary.second.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_a_view_built_in_stages_looks_like_one_built_at_once(qtbot, default_record):
    images = []
    for at_once in (True, False):
        _session, window = _window(qtbot, default_record, "fa")
        if at_once:
            window.view.build_all()
            window.panel.build_all()
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda window=window: window.view.complete and window.panel.complete)
        view = window.view
        bar = view.verticalScrollBar()
        qtbot.waitUntil(lambda bar=bar, view=view: bar.maximum() > 10 * view.viewport().height())
        shots = []
        for fraction in (0, 0.5, 1):
            bar.setValue(round(bar.maximum() * fraction))
            QApplication.processEvents()
            shots.append(window.grab().toImage())
        images.append((bar.maximum(), shots))
        window.close()
    assert images[0][0] == images[1][0]
    for built_at_once, staged in zip(images[0][1], images[1][1], strict=True):
        assert built_at_once == staged


def test_a_jump_before_the_rest_is_built_builds_it(qtbot, default_record):
    _session, window = _window(qtbot, default_record)
    window.show()
    qtbot.waitExposed(window)
    assert not window.view.complete
    window.jump_to("glossary")  # at once, before the first idle moment
    view = window.view
    assert view.complete
    top = view.headings["glossary"].mapTo(view.viewport(), QPoint(0, 0)).y()
    assert abs(top) <= 2 or view.verticalScrollBar().value() == view.verticalScrollBar().maximum()
    assert view.verticalScrollBar().value() > 0


def test_rows_built_after_a_language_switch_are_in_the_new_language(qtbot, default_record):
    session, window = _window(qtbot, default_record)
    window.show()
    qtbot.waitExposed(window)
    assert not window.view.complete
    session.set_language("fa")
    qtbot.waitUntil(lambda: window.view.complete)
    view = window.view
    item = view.sections[-1].items[0]  # a glossary term, built after the switch
    row = view.rows[item.key]
    assert row.patient.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert _words(item.render("fa")) in plain(row.patient)
    assert _words(item.render("en")) in plain(row.second)
    heading = view.headings["glossary"]
    assert plain(heading.patient) == translation("fa").gettext("Glossary")


def _tab_order(window: CounselorWindow) -> list[tuple[object, ...]]:
    """Every widget Tab reaches in the window, in order: a cell as its row and column."""
    rows = {id(row): index for index, row in enumerate(_built(window))}
    order: list[tuple[object, ...]] = []
    widget = window.nextInFocusChain()
    while widget is not window:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window):
            row = widget.parentWidget()
            if isinstance(row, ParallelRow) and id(row) in rows:
                column = [row.patient, row.second, row.official].index(widget)
                order.append(("row", rows[id(row)], column))
            else:
                pane = "panel" if window.panel.isAncestorOf(widget) else "window"
                order.append((pane, type(widget).__name__, widget.objectName()))
        widget = widget.nextInFocusChain()
    return order


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_tab_goes_through_rows_built_later_in_reading_order(
    qtbot, default_record, lang, monkeypatch
):
    """Rows and questions built after the first paint take their place in Tab order:
    after those above them, the rows before the answers panel and the questions before
    the criteria below them, as in a view built at once."""
    orders = []
    for at_once in (True, False):
        with monkeypatch.context() as patch:
            if at_once:  # every row and question with the view, before what comes after
                patch.setattr(parallel, "FIRST_ROWS", 10**6)
                patch.setattr(answers, "FIRST_QUESTIONS", 10**6)
            _session, window = _window(qtbot, default_record, lang)
        assert window.view.complete == window.panel.complete == at_once
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda window=window: window.view.complete and window.panel.complete)
        orders.append(_tab_order(window))
        window.close()
    built_at_once, staged = orders
    assert staged == built_at_once
    cells = [entry for entry in staged if entry[0] == "row"]
    assert len(cells) > 20  # the glossary terms' cells, at least
    assert cells == sorted(cells)  # top to bottom, and across each row
    # The study text is one stretch of Tab stops, and the answers panel comes after it.
    first, last = staged.index(cells[0]), staged.index(cells[-1])
    assert all(entry[0] == "row" for entry in staged[first : last + 1])
    panel = [index for index, entry in enumerate(staged) if entry[0] == "panel"]
    assert panel and min(panel) > last


def test_the_answers_panel_builds_its_first_questions_and_the_rest_after(qtbot, default_record):
    """The panel opens with the questions it shows; the others follow its first paint,
    in order, above the criteria, in the language and with the answers of that moment."""
    session, window = _window(qtbot, default_record)
    panel = window.panel
    questions = default_record.questions
    assert not panel.complete
    assert list(panel._editors) == [q.id for q in questions[: answers.FIRST_QUESTIONS]]
    assert panel.criteria.isHidden() and panel.criteria_heading.isHidden()
    # Before the rest is built: an answer to a later question, and a switch to Persian.
    later = next(q for q in questions[answers.FIRST_QUESTIONS :] if hasattr(q, "options"))
    session.answer(later.id, later.options[0].id)
    session.set_language("fa")
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: panel.complete)
    layout = panel.widget().layout()
    shown = [layout.itemAt(i).widget() for i in range(layout.count())]
    editors = list(panel.editors.values())
    assert [editor.question.id for editor in editors] == [q.id for q in questions]
    first = shown.index(editors[0])
    assert shown[first : first + len(editors)] == editors  # in order, one after another
    assert shown.index(panel.criteria_heading) == first + len(editors)
    qtbot.waitUntil(lambda: all(editor.isVisible() for editor in editors))
    assert panel.criteria.isVisible() and panel.criteria_heading.isVisible()
    editor = panel.editors[later.id]
    assert editor.combo.currentData() == later.options[0].id
    assert editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    last = editors[-1].counter.text()
    total = format_number(len(questions), "fa")
    assert last.count(total) == 2 and not set(last) & set("0123456789")  # ۱۱ of ۱۱


def test_the_first_answer_takes_the_focus_without_building_the_rest(qtbot, default_record):
    _session, window = _window(qtbot, default_record)
    window.show()  # no events yet: the panel has not painted, nothing more is built
    window.panel.focus_first()  # a built question: nothing more is built for it
    assert not window.panel.complete
    assert window.focusWidget() is window.panel._editors["age"].field
    assert len(window.panel.editors) == len(window.session.record.questions)
    assert window.panel.complete
