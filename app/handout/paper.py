"""The handout on a printer: the same blocks as the PDF, laid out by Qt on the printer.

The PDF (:mod:`app.handout.pdf`) is drawn by fpdf2 for its text layer; a printer takes
what Qt paints, and Qt cannot paint a PDF without its PDF module, which TrialGuide does
not ship. So a printed handout is typeset by Qt from the very blocks of
:func:`app.handout.content.handout_content`: the same words in the same order, escaped
(record text is never markup), in a :class:`~app.textdoc.SafeTextDocument`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QFont, QImage, QPagedPaintDevice, QPageLayout, QTextDocument

from app.handout.content import Block, HandoutContent, handout_content, registry_url
from app.handout.pdf import page_furniture
from app.i18n import FONT_FAMILY, is_rtl
from app.record import TrialRecord
from app.selfcheck import SelfCheckResult
from app.textdoc import SafeTextDocument

#: The handout's page margins (left, top, right, bottom) in millimetres.
MARGINS_MM = QMarginsF(18, 16, 18, 16)
_QR_URL = QUrl("trialguide://qr.png")
_STYLES = {
    "": "",
    "bold": "font-weight:bold;",
    "big": "font-size:15pt; font-weight:bold;",
    "muted": "color:#555555;",
    "small": "font-size:9pt; color:#555555;",
}


def _text(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _block(block: Block, direction: str) -> str:
    if block.kind == "heading":
        level = min(max(block.level, 1), 3)
        return f'<h{level} dir="{direction}">{_text(block.text)}</h{level}>'
    if block.kind == "para":
        shown = "ltr" if block.ltr else direction
        return f'<p dir="{shown}" style="{_STYLES.get(block.style, "")}">{_text(block.text)}</p>'
    lines = "".join(f"<br>{_text(line)}" for line in block.lines)
    muted = "".join(f'<br><span style="color:#555555;">{_text(m)}</span>' for m in block.muted)
    if block.kind == "card":
        label = f'<span style="font-size:9pt; font-weight:bold;">{_text(block.label)}</span><br>'
        return f'<p dir="{direction}">{label}{_text(block.title)}{lines}{muted}</p>'
    if block.kind in {"step", "term"}:
        body = _text(block.text) if block.kind == "term" else ""
        return f'<p dir="{direction}"><b>{_text(block.title)}</b><br>{body}{lines}{muted}</p>'
    raise ValueError(f"unknown block kind {block.kind!r}")


def paper_html(content: HandoutContent, draft: str | None, footer: str) -> str:
    """The handout's blocks as Qt rich text, every word escaped."""
    direction = "rtl" if is_rtl(content.lang) else "ltr"
    align = "right" if direction == "rtl" else "left"
    parts = []
    if draft:
        parts.append(
            f'<p dir="{direction}" style="color:#b02020; font-weight:bold;">{_text(draft)}</p>'
        )
    parts.append(
        f'<table width="100%"><tr><td align="{align}" dir="{direction}">'
        f"<h1>{_text(content.title)}</h1><p>{_text(content.registry_line)}</p>"
        f'<p style="color:#555555;">{_text(content.scan_hint)}</p></td>'
        f'<td width="120"><img src="{_QR_URL.toString()}" width="110" height="110"></td>'
        "</tr></table>"
    )
    parts += [_block(block, direction) for block in content.blocks]
    parts.append(f'<p dir="{direction}" style="font-size:8pt; color:#555555;">{_text(footer)}</p>')
    return "".join(parts)


def print_handout(
    record: TrialRecord,
    lang: str,
    device: QPagedPaintDevice,
    result: SelfCheckResult | None = None,
    *,
    large_print: bool = False,
    approved: bool | None = None,
) -> int:
    """Print the handout on ``device`` (a QPrinter from a print dialog); the page count.

    The printer keeps the paper size chosen for it; the margins are the handout's.
    """
    from app.handout import LARGE_PRINT, qr_png

    content = handout_content(record, lang, result)
    pieces = page_furniture(record, content, approved)
    document: QTextDocument = SafeTextDocument()
    document.setDocumentMargin(0)
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(11 * (LARGE_PRINT if large_print else 1.0))
    document.setDefaultFont(font)
    document.addResource(
        QTextDocument.ResourceType.ImageResource,
        _QR_URL,
        QImage.fromData(qr_png(registry_url(record))),
    )
    document.setHtml(paper_html(content, pieces.draft, f"{pieces.printed} · {pieces.version}"))
    device.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    # Lay the text out on the device itself, so point sizes mean points on paper and
    # pages break where the device's pages break.
    document.documentLayout().setPaintDevice(device)
    rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(device)
    return document.pageCount()
