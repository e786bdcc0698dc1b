"""The printable handout: real PDF pages in both languages, checked with poppler and zbar."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from app.cli import main
from app.handout import handout_content, registry_url
from app.selfcheck import evaluate

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext, pdftoppm) not installed"
)

ANSWERS = {
    "age": 37,
    "sex": "female",
    "prior_ivf_icsi": "yes",
    "afc_low": "unsure",
    "cancer_history": "no",
}


def _pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, timeout=60)
    return out.stdout.decode("utf-8")


@pytest.fixture
def answers_file(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ANSWERS), encoding="utf-8")
    return path


@needs_poppler
def test_english_handout(tmp_path, answers_file, capsys, qapp):
    out = tmp_path / "en.pdf"
    assert main(["handout", "--lang", "en", "--out", str(out), "--answers", str(answers_file)]) == 0
    assert "page(s)" in capsys.readouterr().out
    text = _pdf_text(out)
    for words in (
        "Stem cells from period blood",
        "What taking part involves",
        "Some things are still open, so it is not clear if this study would have fitted you",
        "What led to this",
        "Only the study team could decide",
        "NCT05703308",
        "Content version 1.1.0",
    ):
        assert words in " ".join(text.split()), words
    assert "eligible" not in text.lower()
    assert "37" not in text.split()  # the age typed is not printed: nothing identifying


@needs_poppler
def test_persian_handout_is_shaped_persian_with_embedded_font(tmp_path, answers_file, qapp):
    out = tmp_path / "fa.pdf"
    assert main(["handout", "--lang", "fa", "--out", str(out), "--answers", str(answers_file)]) == 0
    text = _pdf_text(out)
    for words in ("سلول", "تخمدان", "قاعدگی", "بارداری", "۱۸۰", "NCT05703308"):
        assert words in text, words
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    assert "Vazirmatn" in fonts.stdout
    assert all(line.split()[-5] == "yes" for line in fonts.stdout.splitlines()[2:])  # embedded


@needs_poppler
def test_handout_without_answers_says_so(tmp_path, qapp):
    out = tmp_path / "plain.pdf"
    assert main(["handout", "--lang", "en", "--out", str(out)]) == 0
    text = " ".join(_pdf_text(out).split())
    assert "No questions were answered" in text
    assert "What led to this" not in text


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools (zbarimg) not installed")
@needs_poppler
def test_qr_code_opens_the_registry_page(tmp_path, default_record, qapp):
    out = tmp_path / "qr.pdf"
    assert main(["handout", "--lang", "fa", "--out", str(out)]) == 0
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    page = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(page)], capture_output=True, text=True, timeout=60
    )
    assert decoded.stdout.strip() == registry_url(default_record)
    assert registry_url(default_record) == "https://clinicaltrials.gov/study/NCT05703308"


def test_content_in_persian_digits_without_marks(default_record):
    result = evaluate(default_record, ANSWERS)
    fa = handout_content(default_record, "fa", result)
    en = handout_content(default_record, "en", result)
    steps = [b.title for b in fa.blocks if b.kind == "step"]
    assert steps[0].startswith("۱. ")  # step numbers in Persian digits
    for content in (fa, en):
        words = repr(content.blocks)
        assert "[[" not in words  # glossary marks resolved to words


def test_bad_answers_file(tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_text('{"age": "old"}', encoding="utf-8")
    code = main(
        ["handout", "--lang", "en", "--out", str(tmp_path / "x.pdf"), "--answers", str(path)]
    )
    assert code == 2
    assert "age: 'old' is not a whole number" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_hand_wrapped_lines_are_joined_paragraphs_kept(minimal_dict):
    """A record's lines are wrapped by hand; the handout lays them out as the screens do."""
    from app.record import validate_record

    minimal_dict["patient"]["summary"] = {
        "en": "First line\nof one paragraph.\n\nA list:\n\n- one\n- two",
        "fa": "سطر اول\nاز یک بند.\n\nفهرست:\n\n- یک\n- دو",
    }
    record = validate_record(minimal_dict)
    for lang, shown in (
        ("en", "First line of one paragraph.\n\nA list:\n\n- one\n- two"),
        ("fa", "سطر اول از یک بند.\n\nفهرست:\n\n- یک\n- دو"),
    ):
        paras = [b.text for b in handout_content(record, lang, None).blocks if b.kind == "para"]
        assert paras[0] == shown
