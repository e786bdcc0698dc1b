"""Render resources/icons/trialguide.svg to the PNG and ICO files the packages need.

Run after editing the SVG:  python tools/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "trialguide.svg"


def render(size: int) -> QImage:
    """The icon at ``size`` x ``size`` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    return image


def main() -> int:
    """Write the PNG sizes and the Windows ICO."""
    QGuiApplication(sys.argv[:1])
    render(256).save(str(ROOT / "resources" / "icons" / "trialguide-256.png"))
    for size in (16, 32, 48, 64, 128, 256):
        folder = ROOT / "packaging" / "linux" / "icons" / f"{size}x{size}"
        folder.mkdir(parents=True, exist_ok=True)
        render(size).save(str(folder / "trialguide.png"))
    render(256).save(str(ROOT / "packaging" / "windows" / "trialguide.ico"), "ICO")
    return 0


if __name__ == "__main__":
    sys.exit(main())
