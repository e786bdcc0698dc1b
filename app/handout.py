"""The printable handout: the same content as the screens, as an A4 PDF in one language.

Rendered by Qt (QTextDocument into QPdfWriter), which shapes Persian and embeds the
Vazirmatn font; Persian pages are right to left. Nothing identifying goes on it: no
name, no date of birth, not even the age typed; only the outcome and its reasons.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from app.i18n import FONT_FAMILY, N_, is_rtl, localize
from app.i18n.format import format_date, format_number
from app.present.criteria import criteria_view
from app.present.outcome import only_team_decides, outcome_text
from app.present.text import outcome_title, shown_text, tr
from app.present.titles import plain_title
from app.record import TrialRecord
from app.record.models import GLOSSARY_MARK
from app.selfcheck import SelfCheckResult
from app.textdoc import SafeTextDocument

REGISTRY_URL = "https://clinicaltrials.gov/study/{nct_id}"
_QR_URL = QUrl("trialguide://qr.png")

_HEADINGS = {
    "title": N_("About this study"),
    "taking_part": N_("What taking part involves"),
    "result": N_("Your self-check result"),
    "reasons": N_("What led to this"),
    "next": N_("What happens next"),
    "contact": N_("Who to contact"),
    "terms": N_("Words used in this handout"),
    "registry": N_("Find this study in the registry: {nct_id}"),
    "scan": N_("Scan the code to open the registry page."),
    "version": N_("Content version {version}. This handout holds no personal details."),
    "when": N_("When"),
    "how_long": N_("How long"),
    "where": N_("Where"),
    "no_answers": N_("No questions were answered, so this handout has no self-check result."),
}


def registry_url(record: TrialRecord) -> str:
    """The public registry page of the study (what the QR code holds)."""
    return REGISTRY_URL.format(nct_id=record.identification.nct_id)


def qr_png(data: str, scale: int = 8) -> bytes:
    """A QR code as PNG bytes, made offline with segno (error correction M)."""
    import segno

    buffer = io.BytesIO()
    segno.make_qr(data, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _used_terms(
    record: TrialRecord, texts: Iterable[Mapping[str, str] | None], lang: str
) -> list[str]:
    """Glossary ids marked in ``texts``, in order of first use."""
    seen: list[str] = []
    for text in texts:
        if not text:
            continue
        for mark in GLOSSARY_MARK.finditer(text.get(lang) or ""):
            if mark.group(1) not in seen:
                seen.append(mark.group(1))
    return seen


def handout_html(record: TrialRecord, lang: str, result: SelfCheckResult | None) -> str:
    """The handout as Qt rich text (HTML subset) in ``lang``."""
    direction = "rtl" if is_rtl(lang) else "ltr"
    align = "right" if direction == "rtl" else "left"
    ident = record.identification
    title = plain_title(record, lang)
    patient = record.patient
    parts: list[str] = [
        f'<html><body dir="{direction}" style="font-family:\'{FONT_FAMILY}\';">',
        f'<table width="100%" dir="{direction}"><tr>',
        f'<td valign="top" align="{align}"><h1 style="color:#0b4f6c;">{_esc(title)}</h1>',
        f"<p>{_esc(tr(_HEADINGS['registry'], lang, nct_id=ident.nct_id))}<br>",
        f'<span style="color:#52606d;">{_esc(tr(_HEADINGS["scan"], lang))}</span></p></td>',
        f'<td width="130" valign="top" align="center"><img src="{_QR_URL.toString()}" '
        'width="120" height="120"></td>',
        "</tr></table>",
    ]

    def heading(key: str) -> None:
        parts.append(
            f'<h2 dir="{direction}" style="color:#0b4f6c;">{_esc(tr(_HEADINGS[key], lang))}</h2>'
        )

    def paragraph(text: str, style: str = "") -> None:
        attr = f' style="{style}"' if style else ""
        parts.append(f'<p dir="{direction}"{attr}>{_esc(text)}</p>')

    texts_for_terms: list[Mapping[str, str] | None] = []
    heading("title")
    if patient is not None:
        paragraph(shown_text(record, patient.summary, lang))
        paragraph(shown_text(record, patient.enrolling_note, lang), "font-weight:bold;")
        texts_for_terms += [patient.summary, patient.enrolling_note]
    else:
        paragraph(record.official.brief_summary)

    if patient is not None:
        heading("taking_part")
        for number, step in enumerate(patient.procedures, 1):
            step_title = f"{format_number(number, lang)}. {shown_text(record, step.title, lang)}"
            lines = [f"<b>{_esc(step_title)}</b>"]
            for key, text in (
                ("when", step.when),
                (None, step.what),
                ("how_long", step.duration),
                ("where", step.where),
            ):
                if text:
                    words = _esc(shown_text(record, text, lang))
                    lines.append(f"{_esc(tr(_HEADINGS[key], lang))}: {words}" if key else words)
            parts.append(f'<p dir="{direction}">{"<br>".join(lines)}</p>')
            texts_for_terms += [step.title, step.when, step.what, step.duration, step.where]

    heading("result")
    if result is None:
        paragraph(tr(_HEADINGS["no_answers"], lang))
    else:
        paragraph(outcome_title(result.outcome, lang), "font-size:15pt; font-weight:bold;")
        text = outcome_text(record, result.outcome)
        if text is not None:
            paragraph(shown_text(record, text, lang))
            texts_for_terms.append(text)
        heading("reasons")
        parts.append(f'<table dir="{direction}" width="100%" cellpadding="4">')
        # The result screen's groups and order (app.present.criteria), one row each.
        for group in criteria_view(record, result, lang).groups:
            label = _esc(group.label)
            for entry in group.entries:
                criterion = _esc(entry.text)
                reason = _esc(entry.reason)
                parts.append(
                    f'<tr><td width="24%" valign="top" align="{align}"><b>{label}</b></td>'
                    f'<td valign="top" align="{align}">{criterion}<br>'
                    f'<span style="color:#52606d;">{reason}</span></td></tr>'
                )
                texts_for_terms.append(record.criterion(entry.criterion_id).plain)
        parts.append("</table>")
    paragraph(only_team_decides(lang), "font-weight:bold;")

    if patient is not None:
        heading("next")
        paragraph(shown_text(record, patient.after_selfcheck, lang))
        heading("contact")
        paragraph(shown_text(record, patient.contact, lang))
        texts_for_terms += [patient.after_selfcheck, patient.contact]
    for contact in record.contacts:
        details = ", ".join(x for x in (contact.name, contact.phone, contact.email) if x)
        parts.append(f'<p dir="ltr">{_esc(details)}</p>')

    terms = _used_terms(record, texts_for_terms, lang)
    if terms:
        heading("terms")
        for term_id in terms:
            term = record.glossary_term(term_id)
            parts.append(
                f'<p dir="{direction}"><b>{_esc(localize(term.term, lang))}</b>: '
                f"{_esc(shown_text(record, term.definition, lang))}</p>"
            )
    version = tr(_HEADINGS["version"], lang, version=record.content_version)
    updated = ""
    if record.status.last_update_posted:
        updated = f" · {format_date(record.status.last_update_posted, lang)}"
    paragraph(f"{version}{updated}", "color:#52606d; font-size:9pt;")
    parts.append("</body></html>")
    return "".join(parts)


#: The handout's page margins (left, top, right, bottom) in millimetres.
MARGINS_MM = QMarginsF(18, 16, 18, 16)


def handout_document(
    record: TrialRecord, lang: str, result: SelfCheckResult | None = None
) -> QTextDocument:
    """The handout as a text document, ready to lay out on a page (:func:`print_handout`)."""
    document = SafeTextDocument()
    document.setDocumentMargin(0)
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(11)
    document.setDefaultFont(font)
    document.addResource(
        QTextDocument.ResourceType.ImageResource,
        _QR_URL,
        QImage.fromData(qr_png(registry_url(record))),
    )
    document.setHtml(handout_html(record, lang, result))
    return document


def _print_on(document: QTextDocument, device: QPagedPaintDevice) -> int:
    """Lay ``document`` out on ``device``'s pages and print it; the page count."""
    # Lay the text out on the device itself, so point sizes mean points on paper and
    # pages break where the device's pages break.
    document.documentLayout().setPaintDevice(device)
    rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(device)
    return document.pageCount()


def print_handout(
    record: TrialRecord,
    lang: str,
    device: QPagedPaintDevice,
    result: SelfCheckResult | None = None,
) -> int:
    """Print the handout on a printer (a :class:`QPrinter` from a print dialog); the pages.

    The printer keeps the paper size chosen for it; the margins are the handout's.
    """
    device.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    return _print_on(handout_document(record, lang, result), device)


def write_handout(
    record: TrialRecord,
    lang: str,
    out: str | os.PathLike[str],
    result: SelfCheckResult | None = None,
) -> int:
    """Write the handout PDF (A4); return its page count.

    A QGuiApplication must exist (fonts and text shaping need it).

    Raises:
        OSError: the PDF cannot be written.
    """
    _claim_target(out)
    document = handout_document(record, lang, result)
    writer = QPdfWriter(os.fspath(out))
    writer.setTitle(f"TrialGuide {record.identification.nct_id}")
    writer.setCreator("TrialGuide")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    _print_on(document, writer)
    pages = document.pageCount()
    del writer  # finishes the file
    if not os.path.isfile(out) or os.path.getsize(out) == 0:
        with contextlib.suppress(OSError):
            os.remove(out)  # the empty file _claim_target made
        raise OSError(f"the PDF {out} was not written")
    return pages


def _claim_target(out: str | os.PathLike[str]) -> None:
    """Make ``out`` an empty regular file, or say why it cannot be the PDF.

    QPdfWriter fails silently (a folder, a missing or read-only folder): without this
    the handout would be "written" and nothing would be there. Emptying an old file first
    also means a failed write cannot leave the previous PDF looking like the new one.

    Raises:
        OSError: ``out`` is a folder or not a regular file, or cannot be written.
    """
    path = os.fspath(out)
    if os.path.isdir(path):
        raise OSError("this is a folder; give the name of the PDF file to write")
    if os.path.exists(path) and not os.path.isfile(path):
        raise OSError("this is not a regular file; give the name of the PDF file to write")
    try:
        with open(path, "wb"):
            pass
    except OSError as exc:
        raise OSError(f"the PDF cannot be written here ({exc.strerror or exc})") from None
