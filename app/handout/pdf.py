"""The handout's PDF: fpdf2 lays out the blocks, HarfBuzz (uharfbuzz) shapes the text.

Why not Qt: QPdfWriter writes each font's ToUnicode map by reversing the font's cmap
(QFontSubset::getReverseMap), so a glyph HarfBuzz reached through GSUB (the joined forms
of Persian letters, lam-alef) maps either to a presentation-form code point or to
nothing, and Qt has no way to attach the source text to a glyph run. fpdf2 keeps the
cluster each shaped glyph came from and writes that logical text into its ToUnicode map,
so the text layer reads back as the letters that were typed, in logical order.

Each block is measured first and moved to the next page whole when it does not fit, so
a page never breaks inside a step, a result card or a criterion. Headings stay with the
block after them. Text is tagged (H1, H2, H3, P, Figure with alternative text); page
furniture (draft band, page numbers, date, version) is marked as artifact.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources

from fpdf import FPDF, ViewerPreferences

from app.handout.content import Block, HandoutContent
from app.i18n import N_, is_rtl
from app.i18n.format import format_date, format_number, to_persian_digits
from app.present.text import sponsor_name, tr
from app.record import TrialRecord

FONT = "Vazirmatn"
ACCENT = (11, 79, 108)
MUTED = (82, 96, 109)
DRAFT = (176, 32, 32)
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18.0, 16.0, 24.0
QR_SIZE = 32.0  # mm: scans from a hand-held phone at reading distance
PT = 25.4 / 72  # mm per point

FURNITURE = {
    "page": N_("Page {page} of {pages}"),
    "printed": N_("Printed {date}"),
    "draft": N_("Draft, not approved"),
    "approved": N_("Approved content"),
    "subject": N_("Patient handout for study {nct_id}"),
}
GREGORIAN_FA = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
]


#: Bidi isolates (U+2066..U+2069) the screens put around Latin runs: fpdf2 runs the
#: bidi algorithm itself, and left in they would only land in the text layer.
_ISOLATES = dict.fromkeys(range(0x2066, 0x206A))


def _clean(text: str) -> str:
    return text.translate(_ISOLATES)


@dataclass(frozen=True)
class Furniture:
    """What every page carries besides the content."""

    printed: str  #: the date line
    version: str  #: content version and approval state, in small print
    draft: str | None  #: the draft band's words, or None for approved content
    author: str  #: the sponsor (PDF metadata)
    subject: str


def printed_date(day: datetime.date, lang: str) -> str:
    """The print date: Solar Hijri with the Gregorian in parentheses for Persian."""
    if not is_rtl(lang):
        return format_date(day, lang)
    gregorian = to_persian_digits(f"{day.day} {GREGORIAN_FA[day.month - 1]} {day.year}")
    return f"{format_date(day, lang)} ({gregorian})"


def furniture(
    content: HandoutContent, approved: bool, author: str, nct_id: str, today: datetime.date
) -> Furniture:
    """The page furniture of a handout in ``content.lang``."""
    lang = content.lang
    state = tr(FURNITURE["approved" if approved else "draft"], lang)
    return Furniture(
        printed=tr(FURNITURE["printed"], lang, date=printed_date(today, lang)),
        version=f"{content.version_line} · {state}",
        draft=None if approved else tr(FURNITURE["draft"], lang),
        author=author,
        subject=tr(FURNITURE["subject"], lang, nct_id=nct_id),
    )


def page_furniture(
    record: TrialRecord,
    content: HandoutContent,
    approved: bool | None = None,
    today: datetime.date | None = None,
) -> Furniture:
    """The furniture of ``record``'s handout.

    ``approved`` None compares the record's stamp with its content
    (:func:`app.record.approval.approval_status`); ``today`` None is today.
    """
    from app.record.approval import ApprovalState, approval_status

    if approved is None:
        approved = approval_status(record).state is ApprovalState.APPROVED
    return furniture(
        content,
        approved,
        sponsor_name(record, content.lang),
        record.identification.nct_id,
        today or datetime.date.today(),
    )


class _Preferences(ViewerPreferences):
    """Viewer preferences with a valid /Direction.

    fpdf2 (2.8.9) writes ``/Direction RTL``, a bare word that is no PDF object (pypdf
    rejects the dictionary); the PDF name is ``/R2L`` or ``/L2R``.
    """

    def __init__(self, rtl: bool):
        super().__init__(display_doc_title=True)
        self.rtl = rtl

    def serialize(self, *args: object, **kwargs: object) -> str:
        """The dictionary, with /Direction as a name."""
        text = super().serialize(*args, **kwargs)  # type: ignore[arg-type]
        direction = "/R2L" if self.rtl else "/L2R"
        return text.replace("<<", f"<<\n/Direction {direction}", 1)


class _Pdf(FPDF):
    """An FPDF with the handout's page furniture (as artifacts) and tagged blocks."""

    def __init__(self, lang: str, furniture: Furniture, scale: float):
        super().__init__(format="A4", unit="mm")
        self.lang = lang
        self.rtl = is_rtl(lang)
        self.furniture = furniture
        self.scale = scale
        self.set_margins(MARGIN_X, MARGIN_TOP + (8 if furniture.draft else 0), MARGIN_X)
        self.set_auto_page_break(True, MARGIN_BOTTOM)
        fonts = resources.files("resources") / "fonts"
        for style, name in (("", "Regular"), ("B", "Bold")):
            with resources.as_file(fonts / f"Vazirmatn-{name}.ttf") as path:
                self.add_font(FONT, style, str(path))
        self.set_text_shaping(True, direction="rtl" if self.rtl else "ltr")

    # Sizes in points, at the handout's scale.
    def size(self, points: float) -> float:
        """``points`` at the handout's text scale."""
        return points * self.scale

    def leading(self, points: float) -> float:
        """The line height (mm) of text set at ``points``."""
        return self.size(points) * PT * 1.45

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """Page furniture: screen readers skip it."""
        self._out("/Artifact BMC")
        yield
        self._out("EMC")

    @contextmanager
    def tagged(self, struct_type: str) -> Iterator[None]:
        """One structure element (``H1``, ``P``...) around what is drawn inside."""
        mcid = self.struct_builder.next_mcid_for_page(self.page)
        self._add_marked_content(struct_type=f"/{struct_type}", mcid=mcid)
        self._out(f"/{struct_type} <</MCID {mcid}>> BDC")
        yield
        self._out("EMC")

    def direction(self, ltr: bool) -> None:
        """Shape the next text left to right (Latin) or in the handout's direction."""
        self.set_text_shaping(True, direction="ltr" if ltr or not self.rtl else "rtl")

    def header(self) -> None:
        """The draft band on every page of a draft."""
        if not self.furniture.draft:
            return
        with self.artifact():
            self.set_fill_color(*DRAFT)
            self.rect(0, 0, self.w, 12, style="F")
            self.set_xy(MARGIN_X, 2.5)
            self.set_font(FONT, "B", self.size(12))
            self.set_text_color(255, 255, 255)
            self.direction(False)
            self.cell(self.epw, 7, _clean(self.furniture.draft), align="C")
            self.set_text_color(0, 0, 0)
            self.set_xy(MARGIN_X, self.t_margin)

    def footer(self) -> None:
        """Nothing yet: :meth:`number_pages` draws the footers once the count is known."""

    def number_pages(self) -> None:
        """Draw every page's footer, now that the page count is known."""
        last = self.page
        self.set_auto_page_break(False)
        for page in range(1, last + 1):
            self.page = page
            self._footer()
        self.page = last

    def _footer(self) -> None:
        """Page N of M and the print date, then the version and approval state."""
        with self.artifact():
            self.direction(False)
            self.set_y(-MARGIN_BOTTOM + 6)
            self.set_text_color(*MUTED)
            self.set_font(FONT, "", self.size(8.5))
            total = len(self.pages)
            page = tr(
                FURNITURE["page"],
                self.lang,
                page=format_number(self.page, self.lang),
                pages=format_number(total, self.lang),
            )
            start = "R" if self.rtl else "L"
            height = self.leading(8.5)
            line = f"{page} · {self.furniture.printed}"
            self.multi_cell(self.epw, height, _clean(line), align=start)
            self.set_x(MARGIN_X)
            self.set_font(FONT, "", self.size(7.5))
            self.multi_cell(
                self.epw, self.leading(7.5), _clean(self.furniture.version), align=start
            )
            self.set_text_color(0, 0, 0)


def _height_of(measured: object) -> float:
    """What ``multi_cell(dry_run=True, output="HEIGHT")`` returns, typed."""
    assert isinstance(measured, float | int)
    return float(measured)


class _Layout:
    """Draws blocks on a :class:`_Pdf`, each moved whole to a new page if it must."""

    def __init__(self, pdf: _Pdf):
        self.pdf = pdf
        self.align = "R" if pdf.rtl else "L"
        self._heights: dict[int, float] = {}

    # One piece of text: (structure type, font style, points, colour, text).
    def _pieces(self, block: Block) -> list[tuple[str, str, float, tuple[int, int, int], str]]:
        black = (0, 0, 0)
        if block.kind == "heading":
            points = {1: 20.0, 2: 15.0, 3: 13.0}[block.level]
            return [(f"H{block.level}", "B", points, ACCENT, block.text)]
        if block.kind == "para":
            style, points, color = {
                "": ("", 11.0, black),
                "bold": ("B", 11.0, black),
                "big": ("B", 14.0, black),
                "muted": ("", 10.0, MUTED),
                "small": ("", 9.0, MUTED),
            }[block.style]
            return [("P", style, points, color, block.text)]
        if block.kind == "step":
            return [("P", "B", 11.0, black, block.title)] + [
                ("P", "", 11.0, black, line) for line in block.lines
            ]
        if block.kind == "term":
            return [("P", "B", 11.0, black, block.title), ("P", "", 11.0, black, block.text)]
        if block.kind == "card":
            return (
                [("P", "B", 10.0, ACCENT, block.label), ("P", "", 11.0, black, block.title)]
                + [("P", "", 10.0, black, line) for line in block.lines]
                + [("P", "", 10.0, MUTED, line) for line in block.muted]
            )
        raise ValueError(f"unknown block kind {block.kind!r}")

    def _width(self, block: Block) -> float:
        return self.pdf.epw

    def _height(self, block: Block) -> float:
        if id(block) not in self._heights:
            self._heights[id(block)] = self._measure(block)
        return self._heights[id(block)]

    def _measure(self, block: Block) -> float:
        pdf = self.pdf
        total = 0.0
        pdf.direction(block.ltr)
        for _struct, style, points, _color, text in self._pieces(block):
            pdf.set_font(FONT, style, pdf.size(points))
            total += _height_of(
                pdf.multi_cell(
                    self._width(block),
                    pdf.leading(points),
                    _clean(text),
                    dry_run=True,
                    output="HEIGHT",
                )
            )
        return total + self._space_after(block)

    def _space_after(self, block: Block) -> float:
        gap = {"heading": 1.5, "card": 3.0, "step": 3.0, "term": 2.0}.get(block.kind, 2.5)
        return gap * self.pdf.scale

    def _space_before(self, block: Block) -> float:
        return (4.0 if block.kind == "heading" and block.level < 3 else 0.0) * self.pdf.scale

    def draw(self, blocks: tuple[Block, ...]) -> None:
        """Draw ``blocks`` in order; a heading keeps the next block on its page."""
        pdf = self.pdf
        room = pdf.h - pdf.t_margin - MARGIN_BOTTOM
        for index, block in enumerate(blocks):
            need = self._space_before(block) + self._height(block)
            if block.kind == "heading" and index + 1 < len(blocks):
                need += self._height(blocks[index + 1])
            top = pdf.y <= pdf.t_margin + 0.1
            if not top and pdf.y + need > pdf.page_break_trigger and need <= room:
                pdf.add_page()
            elif not top:
                pdf.set_y(pdf.y + self._space_before(block))
            self._draw(block, tag=self._height(block) <= room)

    def _draw(self, block: Block, tag: bool) -> None:
        pdf = self.pdf
        pdf.direction(block.ltr)
        align = "L" if block.ltr else self.align
        width = self._width(block)
        body_x = pdf.l_margin
        for struct, style, points, color, text in self._pieces(block):
            pdf.set_font(FONT, style, pdf.size(points))
            pdf.set_text_color(*color)
            pdf.set_x(body_x)
            with self._maybe_tag(tag, struct):
                pdf.multi_cell(width, pdf.leading(points), _clean(text), align=align)
        pdf.set_text_color(0, 0, 0)
        pdf.set_y(pdf.y + self._space_after(block))

    @contextmanager
    def _maybe_tag(self, tag: bool, struct: str) -> Iterator[None]:
        if tag:
            with self.pdf.tagged(struct):
                yield
        else:  # a block taller than a page may break: marked content cannot
            yield


def _title(pdf: _Pdf, content: HandoutContent, qr: bytes) -> None:
    """The title beside the QR code (the code on the end side of the page)."""
    text_width = pdf.epw - QR_SIZE - 6
    qr_x = pdf.l_margin if pdf.rtl else pdf.l_margin + pdf.epw - QR_SIZE
    text_x = pdf.l_margin + (QR_SIZE + 6 if pdf.rtl else 0)
    top = pdf.y
    pdf.image(io.BytesIO(qr), x=qr_x, y=top, w=QR_SIZE, h=QR_SIZE, alt_text=content.qr_alt)
    align = "R" if pdf.rtl else "L"
    pdf.direction(False)
    for struct, style, points, color, text in (
        ("H1", "B", 20.0, ACCENT, content.title),
        ("P", "", 10.5, (0, 0, 0), content.registry_line),
        ("P", "", 10.0, MUTED, content.scan_hint),
    ):
        pdf.set_font(FONT, style, pdf.size(points))
        pdf.set_text_color(*color)
        pdf.set_x(text_x)
        with pdf.tagged(struct):
            pdf.multi_cell(text_width, pdf.leading(points), _clean(text), align=align)
        if struct == "H1":
            pdf.set_y(pdf.y + 1.5)
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(max(pdf.y, top + QR_SIZE) + 4 * pdf.scale)


def render(
    content: HandoutContent,
    furniture: Furniture,
    qr: bytes,
    scale: float = 1.0,
) -> _Pdf:
    """Lay out the whole handout, then number its pages ("page N of M")."""
    pdf = _Pdf(content.lang, furniture, scale)
    pdf.set_title(content.title)
    pdf.set_author(furniture.author)
    pdf.set_subject(furniture.subject)
    pdf.set_creator("TrialGuide")
    pdf.set_lang(content.lang)
    pdf.viewer_preferences = _Preferences(pdf.rtl)
    pdf.add_page()
    _title(pdf, content, qr)
    _Layout(pdf).draw(content.blocks)
    pdf.number_pages()
    return pdf


def pdf_bytes(
    content: HandoutContent, furniture: Furniture, qr: bytes, scale: float
) -> tuple[bytes, int]:
    """The finished PDF and its page count."""
    pdf = render(content, furniture, qr, scale)
    return bytes(pdf.output()), pdf.pages_count
