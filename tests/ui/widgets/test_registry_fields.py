"""A registry value's line: its plain words' natural width, worked out once per shape."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.ui.text import forget_shared_sizes
from app.ui.widgets import registry_fields
from app.ui.widgets.registry_fields import ValueLine


def test_lines_with_the_same_words_share_their_natural_width(qtbot, monkeypatch) -> None:
    forget_shared_sizes()
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    lines = [ValueLine(holder) for _ in range(3)]
    words_shown = ("Phase 3", "Phase 3", "Completed: no longer taking people")
    for line, words in zip(lines, words_shown, strict=True):
        line.set_value(words, "en", raw="X")
        layout.addWidget(line)
    worked_out: list[str] = []
    natural = registry_fields._NaturalWidthLabel._natural

    def counting(label):
        worked_out.append(label.text())
        return natural(label)

    monkeypatch.setattr(registry_fields._NaturalWidthLabel, "_natural", counting)
    hints = [line.text.sizeHint() for line in lines]
    # The second "Phase 3" (a twin's, or another field's) finds the first one's width.
    assert [words.count("Phase 3") for words in worked_out] == [1, 0]
    assert hints[0] == hints[1] and hints[2].width() > hints[0].width()
    assert hints[0] == natural(lines[1].text)  # and it is the label's own natural width
    # Another font is another shape of the text: worked out for it.
    bigger = QFont(lines[1].text.font())
    bigger.setPixelSize(bigger.pixelSize() * 2 if bigger.pixelSize() > 0 else 40)
    lines[1].text.setFont(bigger)
    assert lines[1].text.sizeHint().width() > hints[0].width()
    assert len(worked_out) == 3 and "Phase 3" in worked_out[-1]
    forget_shared_sizes()
