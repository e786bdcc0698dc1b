"""WrapLabel: the height its text needs at a width, remembered per shape of the text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from app.ui.text import WrapLabel, forget_shared_sizes

ENGLISH = "Taking part means a few visits to the clinic over about six months. " * 3
PERSIAN = "شرکت در پژوهش یعنی چند بار آمدن به درمانگاه در حدود شش ماه. " * 3


@pytest.fixture(autouse=True)
def _no_shared_sizes():
    """Each test starts with no sizes shared by an earlier test's labels."""
    forget_shared_sizes()


def _fresh_height(label: WrapLabel, width: int) -> int:
    """What Qt's own QLabel says, asked directly (no cache)."""
    return QLabel.heightForWidth(label, width)


def test_heights_are_qts_and_follow_the_text(qtbot):
    label = WrapLabel()
    qtbot.addWidget(label)
    label.setText(ENGLISH)
    assert label.heightForWidth(300) == _fresh_height(label, 300)
    label.setText("Short.")
    assert label.heightForWidth(300) == _fresh_height(label, 300)
    assert label.heightForWidth(300) < _fresh_height_of(ENGLISH, 300)


def _fresh_height_of(text: str, width: int) -> int:
    label = QLabel(text)
    label.setWordWrap(True)
    height = label.heightForWidth(width)
    label.deleteLater()
    return height


def test_a_language_shown_again_finds_its_heights(qtbot):
    label = WrapLabel()
    qtbot.addWidget(label)
    label.setText(ENGLISH)
    english = label.heightForWidth(300)
    label.setText(PERSIAN)
    assert 300 not in label._heights  # a new text: laid out when asked
    label.heightForWidth(300)
    label.setText(ENGLISH)
    assert label._heights.get(300) == english  # back: nothing to lay out


def test_a_new_font_or_margin_is_never_answered_from_the_old_one(qtbot):
    label = WrapLabel()
    qtbot.addWidget(label)
    label.setText(ENGLISH)
    normal = label.heightForWidth(300)
    first = QFont(label.font())
    font = QFont(label.font())
    font.setPixelSize(label.fontInfo().pixelSize() * 2)
    label.setFont(font)
    bigger = label.heightForWidth(300)
    assert bigger == _fresh_height(label, 300) and bigger > normal * 1.5
    label.setContentsMargins(0, 10, 0, 10)
    assert label.heightForWidth(300) == _fresh_height(label, 300)
    label.setFont(first)  # back to the first font: its heights are still known
    label.setContentsMargins(0, 0, 0, 0)
    assert label._heights.get(300) == normal


def test_a_switch_that_changes_several_parts_files_one_shape(qtbot):
    """Text, direction and font set one after another are read once, when a size is asked.

    Both languages at two text sizes are four shapes, as many as a label keeps: were
    the half-changed shapes in between (the new words in the old direction) filed too,
    they would push out the ones a switch back needs.
    """
    label = WrapLabel()
    qtbot.addWidget(label)
    label.ensurePolished()  # (the app's style may give it a font when first polished)
    normal = QFont(label.font())
    bigger = QFont(label.font())
    bigger.setPixelSize(label.fontInfo().pixelSize() * 2)
    looks = [
        (ENGLISH, Qt.LayoutDirection.LeftToRight, normal),
        (PERSIAN, Qt.LayoutDirection.RightToLeft, normal),
        (PERSIAN, Qt.LayoutDirection.RightToLeft, bigger),
        (ENGLISH, Qt.LayoutDirection.LeftToRight, bigger),
    ]
    heights = {}
    for text, direction, font in looks:  # as a switch sets them: words, direction, font
        label.setText(text)
        label.setLayoutDirection(direction)
        label.setFont(font)
        heights[text, direction, font.pixelSize()] = label.heightForWidth(300)
        assert heights[text, direction, font.pixelSize()] == _fresh_height(label, 300)
    assert len(label._shapes) == len(looks)
    for text, direction, font in reversed(looks):  # every one of them still known
        label.setFont(font)
        label.setText(text)
        label.setLayoutDirection(direction)
        assert label._heights.get(300) == heights[text, direction, font.pixelSize()]


def test_a_new_style_sheet_forgets_every_height(qtbot):
    """A sheet may pad or border the text: nothing of the old shapes is trusted."""
    label = WrapLabel()
    qtbot.addWidget(label)
    label.setText(ENGLISH)
    label.show()
    qtbot.waitExposed(label)
    label.heightForWidth(300)
    label.setStyleSheet("QLabel { padding: 20px; border: 3px solid black; }")
    assert label.heightForWidth(300) == _fresh_height(label, 300)
    assert label.heightForWidth(300) > _fresh_height_of(ENGLISH, 300)


def test_hints_follow_the_text_and_its_widest_width(qtbot):
    label = WrapLabel()
    qtbot.addWidget(label)
    label.setText(ENGLISH)
    long_hint = label.sizeHint()
    assert long_hint == QLabel.sizeHint(label)
    assert label.minimumSizeHint() == QLabel.minimumSizeHint(label)
    label.setText("Short.")
    assert label.sizeHint() == QLabel.sizeHint(label)
    assert label.sizeHint().width() < long_hint.width()
    label.setText(ENGLISH)
    label.setMaximumWidth(120)  # a wrapped label's hint is at most its widest width
    assert label.sizeHint() == QLabel.sizeHint(label)
    assert label.sizeHint().width() <= 120 < long_hint.width()


def test_the_same_words_in_another_format_are_another_shape(qtbot):
    """Read aloud shows a plain heading as rich text with the word being read marked."""
    label = WrapLabel()
    qtbot.addWidget(label)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText("<b>Bold</b> words " * 8)  # plain: every tag shown as written
    plain = label.heightForWidth(200)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText("<b>Bold</b> words " * 8)
    assert label.heightForWidth(200) == QLabel.heightForWidth(label, 200) < plain


def test_a_label_asked_before_it_is_polished_answers_for_its_style(qtbot):
    """A layout may ask a new label its height before Qt has polished it."""
    label = WrapLabel()
    qtbot.addWidget(label)
    label.setStyleSheet("QLabel { padding: 20px; border: 3px solid black; }")
    label.setText(ENGLISH)
    assert label.heightForWidth(300) > _fresh_height_of(ENGLISH, 300)


# -- sizes shared by every label with the same shape of text ------------------------------
def _configure(label: WrapLabel, change: str) -> None:
    """Give ``label`` one thing Qt's size for its text depends on (see _shape_now)."""
    if change == "font":
        font = QFont(label.font())
        font.setPixelSize(31)
        label.setFont(font)
    elif change == "bold":
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    elif change == "margins":
        label.setContentsMargins(30, 5, 30, 5)
    elif change == "margin":
        label.setMargin(17)
    elif change == "indent":
        label.setIndent(40)
    elif change == "frame":
        label.setFrameShape(QLabel.Shape.Box)
        label.setLineWidth(6)
    elif change == "alignment":  # (with an indent: Qt adds it on the aligned sides only)
        label.setIndent(40)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
    elif change == "minimum width":
        label.setMinimumWidth(520)
    elif change == "no wrap":
        label.setWordWrap(False)
    elif change == "format":
        label.setTextFormat(Qt.TextFormat.RichText)
    elif change == "sheet":
        label.setStyleSheet("QLabel { padding: 14px 30px; border: 3px solid black; }")
    else:
        raise AssertionError(change)


CHANGES = (
    "font",
    "bold",
    "margins",
    "margin",
    "indent",
    "frame",
    "alignment",
    "minimum width",
    "no wrap",
    "format",
    "sheet",
)


def test_a_label_finds_the_sizes_another_label_had_worked_out(qtbot, monkeypatch):
    """The same words in the same shape on another label: Qt is not asked again."""
    first, second = WrapLabel(), WrapLabel()
    for label in (first, second):
        qtbot.addWidget(label)
        label.setText(PERSIAN)
    expected = (first.heightForWidth(333), first.sizeHint(), first.minimumSizeHint())
    asked: list[object] = []
    ask_qt = WrapLabel._ask_qt

    def recording(self: WrapLabel, what: object) -> object:
        asked.append(what)
        return ask_qt(self, what)

    monkeypatch.setattr(WrapLabel, "_ask_qt", recording)
    assert (second.heightForWidth(333), second.sizeHint(), second.minimumSizeHint()) == expected
    assert asked == []
    second.heightForWidth(334)  # a width nobody asked about: Qt works it out
    assert asked == [334]
    assert expected == (
        QLabel.heightForWidth(second, 333),
        QLabel.sizeHint(second),
        QLabel.minimumSizeHint(second),
    )


@pytest.fixture
def no_app_sheet(qapp):
    """No application style sheet (an earlier test's window leaves its own): a sheet's
    font size would win over a font set in code, and the font case would test nothing."""
    sheet = qapp.styleSheet()
    qapp.setStyleSheet("")
    yield
    qapp.setStyleSheet(sheet)


@pytest.mark.parametrize("change", CHANGES)
def test_a_shared_size_is_never_one_of_another_shape(qtbot, no_app_sheet, change):
    """Every label's sizes are Qt's for it, whatever other label had the same words first."""
    plain, other = WrapLabel(), WrapLabel()
    for label in (plain, other):
        qtbot.addWidget(label)
        label.ensurePolished()  # (the app's style sets a label's text size as it polishes)
    _configure(other, change)
    if change == "alignment":  # both indented: they differ in their alignment only
        plain.setIndent(40)
    for label in (plain, other):
        label.setText(ENGLISH)
    widths = (120, 333, 700)
    known = [plain.heightForWidth(w) for w in widths] + [plain.sizeHint(), plain.minimumSizeHint()]
    shown = [other.heightForWidth(w) for w in widths] + [other.sizeHint(), other.minimumSizeHint()]
    fresh = [QLabel.heightForWidth(other, w) for w in widths] + [
        QLabel.sizeHint(other),
        QLabel.minimumSizeHint(other),
    ]
    assert shown == fresh
    assert known != fresh  # (the change does change Qt's answer: the case tests something)


def test_a_format_changed_after_measuring_is_another_shape(qtbot):
    """Measured as plain text, then shown as rich text: neither label gets the other's."""
    lines = "one<br>two<br>three<br>four<br>five"
    first, other = WrapLabel(), WrapLabel()
    for label in (first, other):
        qtbot.addWidget(label)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(lines)
    first.heightForWidth(300)
    first.setTextFormat(Qt.TextFormat.RichText)  # (the same words, now five lines)
    assert first.heightForWidth(301) == QLabel.heightForWidth(first, 301)
    assert other.heightForWidth(301) == QLabel.heightForWidth(other, 301)
    assert first.heightForWidth(301) > other.heightForWidth(301)
