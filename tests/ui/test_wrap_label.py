"""WrapLabel: the height its text needs at a width, remembered per shape of the text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from app.ui.text import WrapLabel

ENGLISH = "Taking part means a few visits to the clinic over about six months. " * 3
PERSIAN = "شرکت در پژوهش یعنی چند بار آمدن به درمانگاه در حدود شش ماه. " * 3


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
