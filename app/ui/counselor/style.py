"""The counselor view's style: the app's style sheet plus rules for its own widgets.

Set on the counselor window itself, so it looks right without the patient window (which
sets the application's sheet) and its rules never leak into the patient's screens.
"""

from __future__ import annotations

import re

from app.ui.style import BASE_SIZES, THEMES, px, stylesheet

_EXTRA = """
QMainWindow#CounselorWindow, QWidget#ParallelContent, QWidget#SelfCheckContent {
    background: @bg@;
}
QWidget#ColumnHeader {
    background: @panel@;
    border-bottom: 2px solid @rule@;
}
QWidget#CounselorRow {
    border-bottom: 1px solid @rule@;
}
QWidget#CounselorHeading {
    border-bottom: 2px solid @heading@;
}
QWidget#SelfCheckContent QFrame#QuestionEditor {
    border-bottom: 1px solid @rule@;
}
QLabel[role="caption"] {
    font-size: @small@px;
    font-weight: 700;
    color: @muted@;
}
QLabel[role="second"] {
    font-size: @small@px;
    color: @muted@;
}
QLabel[role="error"] {
    color: @notmet@;
    font-weight: 700;
}
QLabel[role="official"] {
    font-size: @small@px;
}
QListWidget#JumpList {
    font-size: @body@px;
    background: @panel@;
    color: @text@;
    border: none;
    outline: none;
}
QListWidget#JumpList::item {
    border-bottom: 1px solid @rule@;
}
QListWidget#JumpList::item:selected, QListWidget#JumpList::item:hover {
    background: @pressed@;
    color: @text@;
}
QListWidget#JumpList:focus {
    border: 3px solid @focus@;
}
QComboBox {
    font-size: @body@px;
    min-height: 40px;
}
QComboBox QAbstractItemView {
    font-size: @body@px;
    background: @bg@;
    color: @text@;
    selection-background-color: @primary@;
    selection-color: @on_primary@;
}
QWidget#SelfCheckContent QLineEdit {
    font-size: @lead@px;
    min-height: 44px;
    padding: 2px 12px;
}
QSplitter::handle {
    background: @rule@;
}
QSplitter::handle:horizontal {
    width: 4px;
}
QStatusBar, QStatusBar QLabel {
    background: @panel@;
    color: @text@;
    font-size: @small@px;
}
"""


def counselor_stylesheet(scale: int = 100, high_contrast: bool = False) -> str:
    """The app's style sheet and the counselor view's own rules, at ``scale`` percent."""
    values: dict[str, str] = dict(THEMES["high_contrast" if high_contrast else "normal"])
    for name in BASE_SIZES:
        values[name] = str(px(name, scale))
    extra = re.sub(r"@([a-z_0-9]+)@", lambda m: values[m.group(1)], _EXTRA)
    return stylesheet(scale, high_contrast, sizes=True) + extra
