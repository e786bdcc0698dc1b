"""Every text on every screen meets its contrast, measured in the rendered pixels.

7:1 in high contrast and 4.5:1 otherwise (WCAG AAA and AA), glossary links included, on
the screen that was showing when the visitor switched contrast. The window is grabbed and,
for each visible text widget, the most common colour in its box is taken as its background
and the colour that stands out most from it (seen at least a few times, so not a stray
pixel) as its text: antialiased edges blend between the two, the glyphs' cores are the
text colour. Links are measured on their own: only the pixels where the label's own text
layout puts a link (``TextLabel.anchor_at``) count, so the link colour cannot hide behind
the surrounding text's. (Setting a label's text again would pick up the palette afresh
and hide the bug this catches: links left in their old colour after a theme switch.)
"""

from __future__ import annotations

import struct
from collections import Counter

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from app.session import Screen
from app.ui.main_window import PAGES
from app.ui.text import TERM_SCHEME, TextLabel

#: Pixels of a colour needed before it counts as the text's (not a stray one).
MIN_PIXELS = 3


def luminance(rgb: int) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: int, b: int) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def colours(image: QImage, rect: QRect) -> Counter[int]:
    rect = rect.intersected(image.rect())
    counts: Counter[int] = Counter()
    bits = image.constBits()
    stride = image.bytesPerLine()
    for y in range(rect.top(), rect.bottom() + 1):
        row = bytes(bits[y * stride + rect.left() * 4 : y * stride + (rect.right() + 1) * 4])
        counts.update(value & 0xFFFFFF for (value,) in struct.iter_unpack("<I", row))
    return counts


def text_contrast(image: QImage, rect: QRect) -> float | None:
    """The contrast of the text in ``rect`` against its background (None: no text seen)."""
    counts = colours(image, rect)
    if not counts:
        return None
    background = counts.most_common(1)[0][0]
    seen = [c for c, n in counts.items() if n >= MIN_PIXELS and c != background]
    if not seen:
        return None
    return max(ratio(c, background) for c in seen)


def link_contrast(image: QImage, label: TextLabel, window: QWidget) -> float | None:
    """The contrast of the label's links (their pixels only) against the label's background."""
    background = colours(image, text_box(label, window)).most_common(1)[0][0]
    origin = label.mapTo(window, QPoint(0, 0))
    counts: Counter[int] = Counter()
    for y in range(0, label.height(), 2):
        for x in range(0, label.width(), 2):
            if label.anchor_at(QPoint(x, y)):
                counts.update(colours(image, QRect(origin + QPoint(x, y), QSize(2, 2))))
    seen = [c for c, n in counts.items() if n >= MIN_PIXELS and c != background]
    if not seen:
        return None
    return max(ratio(c, background) for c in seen)


def text_box(widget: QWidget, window: QWidget) -> QRect:
    """Where the widget's text is, in window coordinates (inside borders and padding)."""
    inset = 6 if isinstance(widget, QAbstractButton) else 5
    rect = widget.rect().adjusted(inset, 2, -inset, -2)
    if isinstance(widget, QAbstractButton):
        rect = widget.rect().adjusted(inset, inset, -inset, -inset)
    return QRect(widget.mapTo(window, rect.topLeft()), rect.size())


def shown_text_widgets(roots: list[QWidget]) -> list[QWidget]:
    found: list[QWidget] = []
    for root in roots:
        for widget in root.findChildren(QWidget):
            if not widget.isVisible() or widget.width() < 12 or widget.height() < 12:
                continue
            label = isinstance(widget, QLabel)
            # (WCAG leaves disabled controls out.)
            button = isinstance(widget, QAbstractButton) and widget.isEnabled()
            if (label or button) and widget.text().strip():
                found.append(widget)
    return found


def grab(window: QWidget) -> QImage:
    for _ in range(3):
        QApplication.processEvents()
    return window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def in_view(widget: QWidget, window: QWidget) -> bool:
    top = widget.mapTo(window, QPoint(0, 0))
    return window.rect().intersects(QRect(top, widget.size()))


def measure(window, page, high_contrast: bool) -> list[str]:
    need = 7.0 if high_contrast else 4.5
    roots = [window.header, window.navbar, page]
    problems: list[str] = []
    widgets = [w for w in shown_text_widgets(roots) if in_view(w, window)]
    image = grab(window)
    for widget in widgets:
        value = text_contrast(image, text_box(widget, window))
        if value is not None and value < need:
            problems.append(f"{type(widget).__name__} {widget.text()[:50]!r}: {value:.2f}:1")
    # Links on their own.
    for label in widgets:
        if isinstance(label, TextLabel) and TERM_SCHEME in label.text():
            value = link_contrast(image, label, window)
            if value is not None and value < need:
                problems.append(f"link in {label.text()[:60]!r}: {value:.2f}:1")
    return problems


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("screen", list(PAGES))
def test_every_text_meets_its_contrast_when_contrast_is_switched_here(
    app_window, lang, screen: Screen
):
    session, window = app_window
    session.set_language(lang)
    session.go_to(screen)
    page = window.page(screen)
    assert measure(window, page, high_contrast=False) == []
    session.set_high_contrast(True)  # switched while this screen shows
    assert measure(window, page, high_contrast=True) == []
    session.set_high_contrast(False)
    assert measure(window, page, high_contrast=False) == []


def test_contrast_at_200_percent_after_start_over(app_window):
    session, window = app_window
    session.set_text_scale(200)
    session.go_to(Screen.ABOUT)
    session.set_high_contrast(True)
    assert measure(window, window.page(Screen.ABOUT), high_contrast=True) == []
    session.reset()
    session.set_high_contrast(True)
    session.go_to(Screen.PROCEDURES)
    assert measure(window, window.page(Screen.PROCEDURES), high_contrast=True) == []
