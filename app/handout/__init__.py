"""The printable handout: the same content as the screens, as an A4 PDF in one language.

:mod:`app.handout.content` takes every word and its order from :mod:`app.present`;
:mod:`app.handout.pdf` lays it out with fpdf2 and shapes it with HarfBuzz, so the PDF's
text layer holds the logical text (searchable, copyable, read aloud). Persian pages are
right to left. Nothing identifying goes on it: no name, no date of birth, not even the
age typed; only the outcome and its reasons.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import os

from app.handout.content import REGISTRY_URL, HandoutContent, handout_content, registry_url
from app.record import TrialRecord
from app.selfcheck import SelfCheckResult

__all__ = [
    "LARGE_PRINT",
    "REGISTRY_URL",
    "HandoutContent",
    "handout_content",
    "qr_png",
    "registry_url",
    "write_handout",
]

#: The large-print edition's text scale (150%).
LARGE_PRINT = 1.5


def qr_png(data: str, scale: int = 8) -> bytes:
    """A QR code as PNG bytes, made offline with segno (error correction M)."""
    import segno

    buffer = io.BytesIO()
    segno.make_qr(data, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def write_handout(
    record: TrialRecord,
    lang: str,
    out: str | os.PathLike[str],
    result: SelfCheckResult | None = None,
    *,
    large_print: bool = False,
    approved: bool | None = None,
    today: datetime.date | None = None,
) -> int:
    """Write the handout PDF (A4); return its page count.

    Args:
        record: The study.
        lang: The handout's language.
        out: Where to write the PDF.
        result: The self-check result to include, if any.
        large_print: Text at 150% (the same content on more pages).
        approved: Whether the record is approved content; ``None`` compares its stamp
            with its content (:func:`app.record.approval.approval_status`). A draft
            prints "Draft, not approved" on every page.
        today: The print date (today when ``None``).

    Raises:
        OSError: the PDF cannot be written.
    """
    from app.handout.pdf import page_furniture, pdf_bytes

    _claim_target(out)
    content = handout_content(record, lang, result)
    pieces = page_furniture(record, content, approved, today)
    data, pages = pdf_bytes(
        content, pieces, qr_png(registry_url(record)), LARGE_PRINT if large_print else 1.0
    )
    try:
        with open(out, "wb") as handle:
            handle.write(data)
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(out)  # the empty file _claim_target made
        raise
    return pages


def _claim_target(out: str | os.PathLike[str]) -> None:
    """Make ``out`` an empty regular file, or say why it cannot be the PDF.

    Emptying an old file first also means a failed write cannot leave the previous PDF
    looking like the new one.

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
