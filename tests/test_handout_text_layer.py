"""The handout's text layer, structure, furniture and page breaks, read back from the PDF.

Two extractors read it: poppler's pdftotext and pypdf. Both must find the words of the
plain summary, every step title and every criterion of the result section, in logical
order and in base letters (Qt's PDF writer gave presentation forms with letters missing).
"""

from __future__ import annotations

import datetime
import re
import subprocess

import pytest

from app.handout import handout_content, write_handout
from app.present.text import shown_text
from app.selfcheck import check_answers, evaluate
from tests.test_handout import ANSWERS, needs_poppler

pypdf = pytest.importorskip("pypdf")
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
WORD = re.compile(r"[\w\u200c]+")


#: Bidi embeddings and isolates pdftotext wraps around runs (not in the PDF's text).
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _words(text: str) -> list[str]:
    text = text.translate(BIDI_CONTROLS)
    # pdftotext can glue a number to the word beside it once the embeddings are gone.
    text = re.sub(r"(?<=\d)(?=[^\W\d])|(?<=[^\W\d])(?=\d)", " ", text)
    text = re.sub(r"(?<=[A-Za-z])(?=[^\W\dA-Za-z])|(?<=[^\W\dA-Za-z])(?=[A-Za-z])", " ", text)
    return [w.strip("\u200c") for w in WORD.findall(text) if w.strip("\u200c")]


def _fold(words: list[str], extractor: str) -> list[str]:
    """Undo each extractor's known misreading of correct RTL text (not the PDF's doing).

    poppler reverses the letters of a glyph that maps to several (lam-alef, "لا") in a
    right-to-left line, so "املاح" comes back "امالح"; folding "لا" and "ال" together on
    both sides compares the rest. pypdf reorders digits and Latin letters of RTL lines
    visually, so for it numbers and single Latin letters are left out of the comparison.
    """
    if extractor == "pdftotext":
        return [w.replace("لا", "ال") for w in words]
    return [w for w in words if not w.isdigit() and not (len(w) == 1 and w.isascii())]


def _pdftotext(path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def _pypdf(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def _in_order(needle: list[str], hay: list[str]) -> bool:
    """``needle`` appears in ``hay`` as a contiguous word sequence."""
    n = len(needle)
    return any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


@pytest.fixture(scope="module")
def handouts(tmp_path_factory, default_record_module):
    record = default_record_module
    result = evaluate(record, check_answers(record, ANSWERS))
    folder = tmp_path_factory.mktemp("handouts")
    paths = {}
    for lang in ("en", "fa"):
        paths[lang] = folder / f"{lang}.pdf"
        write_handout(record, lang, paths[lang], result, today=datetime.date(2026, 3, 21))
    return record, result, paths


@pytest.fixture(scope="module")
def default_record_module():
    from app.record import load_record

    return load_record()


def _expected(record, result, lang):
    content = handout_content(record, lang, result)
    summary = shown_text(record, record.patient.summary, lang)
    steps = [b.title for b in content.blocks if b.kind == "step"]
    criteria = [b.title for b in content.blocks if b.kind == "card"]
    return summary, steps, criteria


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("extractor", ["pdftotext", "pypdf"])
def test_text_layer_reads_back_in_logical_order(handouts, lang, extractor):
    record, result, paths = handouts
    text = _pdftotext(paths[lang]) if extractor == "pdftotext" else _pypdf(paths[lang])
    assert not PRESENTATION_FORMS.search(text), PRESENTATION_FORMS.findall(text)[:10]
    hay = _fold(_words(text), extractor)
    summary, steps, criteria = _expected(record, result, lang)

    def words(text: str) -> list[str]:
        return _fold(_words(text), extractor)

    distinct = set(words(summary))
    found = distinct & set(hay)
    assert len(found) / len(distinct) >= 0.95, sorted(distinct - found)
    # Word sequences, not sets: most sentences of the summary read back in order.
    sentences = [s for s in re.split(r"[.؟?!،,:]", summary) if len(words(s)) >= 3]
    in_order = [s for s in sentences if _in_order(words(s), hay)]
    assert len(in_order) / len(sentences) >= 0.6, [s for s in sentences if s not in in_order]
    for title in steps:
        assert _in_order(words(title.split(". ", 1)[1]), hay), title
    for criterion in criteria:
        assert set(words(criterion)) <= set(hay), criterion
    if lang == "fa":
        assert "\u200c" in text  # ZWNJ as the text has it


def test_metadata_language_and_structure(handouts):
    record, _result, paths = handouts
    for lang, path in paths.items():
        reader = pypdf.PdfReader(path)
        meta = reader.metadata
        content = handout_content(record, lang, None)
        assert meta.title == content.title
        assert meta.author  # the sponsor
        assert record.identification.nct_id in meta.subject
        root = reader.trailer["/Root"]
        assert root["/Lang"] == lang
        assert root["/MarkInfo"]["/Marked"]
        direction = root["/ViewerPreferences"]["/Direction"]
        assert direction == ("/R2L" if lang == "fa" else "/L2R")
        kinds = [kid.get_object()["/S"] for kid in _document_kids(root)]
        assert kinds[0] in ("/Figure", "/H1") and "/H1" in kinds and "/H2" in kinds
        assert kinds.count("/P") > 20
        figure = next(
            k.get_object() for k in _document_kids(root) if k.get_object()["/S"] == "/Figure"
        )
        assert "clinicaltrials.gov/study/NCT05703308" in figure["/Alt"]


def _document_kids(root):
    tree = root["/StructTreeRoot"]
    document = tree["/K"][0].get_object() if isinstance(tree["/K"], list) else tree["/K"]
    document = document.get_object()
    return document["/K"]


@needs_poppler
def test_page_furniture_and_draft_on_every_page(handouts):
    _record, _result, paths = handouts
    fa_pages = len(pypdf.PdfReader(paths["fa"]).pages)
    assert fa_pages >= 2
    digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    for page in range(1, fa_pages + 1):
        words = _words(_pdftotext(paths["fa"], page))
        assert _in_order(["صفحه‌ی", str(page).translate(digits), "از"], words)
        assert str(fa_pages).translate(digits) in words
        assert _in_order(["پیش‌نویس", "تأییدنشده"], words)  # the default record has no stamp
        # Solar Hijri, the Gregorian in parentheses (poppler reorders the numbers).
        assert {"فروردین", "۱۴۰۵", "مارس", "۲۰۲۶"} <= set(words)
        assert _in_order(["نسخه‌ی", "محتوا"], words)  # the content version
    en = _pdftotext(paths["en"], 1)
    assert "Page 1 of" in en and "Draft, not approved" in en and "March 21, 2026" in en


@needs_poppler
def test_approved_handout_has_no_draft_marking(tmp_path, default_record_module):
    out = tmp_path / "approved.pdf"
    write_handout(default_record_module, "en", out, approved=True)
    text = _pdftotext(out)
    assert "Draft, not approved" not in text and "Approved content" in text


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_no_entry_splits_across_pages(tmp_path, default_record_module, lang):
    record = default_record_module
    result = evaluate(record, check_answers(record, ANSWERS))
    for large in (False, True):
        out = tmp_path / f"{lang}-{large}.pdf"
        pages = write_handout(record, lang, out, result, large_print=large)
        per_page = [_fold(_words(_pdftotext(out, n)), "pdftotext") for n in range(1, pages + 1)]
        for block in handout_content(record, lang, result).blocks:
            if block.kind not in ("step", "card"):
                continue
            words = _fold(_words(" ".join((block.title, *block.lines))), "pdftotext")
            # Every word of the entry stands on one page (not split "The team / checks").
            assert any(set(words) <= set(page) for page in per_page), (large, block.title)


@needs_poppler
def test_large_print_is_bigger_with_the_same_words(tmp_path, default_record_module):
    record = default_record_module
    normal, large = tmp_path / "n.pdf", tmp_path / "l.pdf"
    normal_pages = write_handout(record, "fa", normal)
    large_pages = write_handout(record, "fa", large, large_print=True)
    assert large_pages > normal_pages

    def body_size(path):
        out = subprocess.run(
            ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        heights = sorted(
            float(m.group(2)) - float(m.group(1))
            for m in re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', out)
        )
        return heights[len(heights) // 2]

    assert body_size(large) / body_size(normal) == pytest.approx(1.5, rel=0.1)

    def letters(path):  # page numbers differ ("of 6", "of 9"): compare the words
        return {w for w in _words(_pdftotext(path)) if not w.isdigit()}

    assert letters(large) == letters(normal)
