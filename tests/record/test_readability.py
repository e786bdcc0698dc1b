"""app/record/readability.py: figures per text, worst first, and the lint warnings."""

from __future__ import annotations

from app.record import TrialRecord
from app.record.issues import format_path
from app.record.lint import lint_record
from app.record.readability import MAX_GRADE, MIN_DAYANI, MIN_WORDS, measure, report_lines

DENSE_EN = (
    "Participants undergoing intraovarian administration of autologous mesenchymal "
    "stromal cells demonstrated considerably improved folliculogenesis parameters."
)
DENSE_FA = (
    "شرکت‌کنندگانی که تزریق داخل تخمدانی سلول‌های بنیادی مزانشیمی اتولوگ را دریافت "
    "کردند بهبود قابل‌ملاحظه‌ای در شاخص‌های فولیکولوژنز نشان دادند."
)


def _record(data) -> TrialRecord:
    return TrialRecord.model_validate(data, context={"languages": ("en", "fa")})


def test_warnings_name_the_field_path_and_the_figure(minimal_dict):
    minimal_dict["patient"]["summary"] = {"en": DENSE_EN, "fa": DENSE_FA}
    found = [i for i in lint_record(_record(minimal_dict)) if i.level == "warning"]
    by_path = {i.path: i.message for i in found}
    assert set(by_path) == {("patient", "summary", "en"), ("patient", "summary", "fa")}
    grade = next(f for f in measure(_record(minimal_dict)) if f.lang == "en").grade
    assert grade is not None and grade > MAX_GRADE
    assert by_path[("patient", "summary", "en")].startswith(f"reading level is grade {grade:.1f};")
    assert "Persian readability (Flesch-Dayani) is " in by_path[("patient", "summary", "fa")]
    assert found[0].describe("r.yaml").startswith("r.yaml: patient.summary.en: warning: ")


def test_short_texts_and_names_are_not_graded(minimal_dict):
    # A name, not prose, however long: not graded.
    long_name = "the full name of the big group of people who run all of the tests in the lab"
    assert len(long_name.split()) >= MIN_WORDS
    minimal_dict["patient"]["glossary"][0]["expansion"]["en"] = long_name
    paths = {f.path for f in measure(_record(minimal_dict))}
    assert ("patient", "glossary", 0, "expansion", "en") not in paths
    assert all(f.words >= MIN_WORDS for f in measure(_record(minimal_dict)))


def test_plain_text_gives_no_warning(minimal_dict):
    minimal_dict["patient"]["summary"] = {
        "en": "You come to the clinic. A nurse takes some blood. It takes ten minutes. "
        "Then you go home.",
        "fa": "شما به درمانگاه می‌آیید. یک پرستار کمی خون می‌گیرد. این کار ده دقیقه طول "
        "می‌کشد. بعد به خانه می‌روید.",
    }
    record = _record(minimal_dict)
    graded = {f.path: f for f in measure(record)}
    assert not graded[("patient", "summary", "en")].too_hard
    assert graded[("patient", "summary", "fa")].score >= MIN_DAYANI
    assert not [i for i in lint_record(record) if i.level == "warning"]


def test_worst_first_per_language_in_the_records_order(default_record):
    items = measure(default_record)
    langs = [f.lang for f in items]
    assert langs == sorted(langs, key=default_record.languages.index)
    grades = [f.grade for f in items if f.lang == "en"]
    scores = [f.score for f in items if f.lang == "fa"]
    assert grades == sorted(grades, reverse=True) and len(grades) > 100
    assert scores == sorted(scores) and len(scores) > 100


def test_the_default_records_warnings_are_its_texts_past_the_limits(default_record):
    items = measure(default_record)
    over = [f.path for f in items if f.too_hard]
    warnings = [i for i in lint_record(default_record) if i.level == "warning"]
    assert [w.path for w in warnings] == over
    for item in items:
        if item.lang == "en":
            assert item.too_hard == (item.grade is not None and item.grade > MAX_GRADE)
        else:
            assert item.too_hard == (item.score < MIN_DAYANI)


def test_report_table(default_record):
    items = measure(default_record)
    lines = report_lines(items)
    assert lines[0].split() == ["FIELD", "LANG", "SCORE", "GRADE", "WORDS"]
    assert len(lines) == len(items) + 1
    hardest = items[0]
    assert lines[1].split()[:5] == [
        format_path(hardest.path),
        "en",
        f"{hardest.score:.1f}",
        hardest.band,
        str(hardest.words),
    ]
    assert lines[1].endswith("over limit") == hardest.too_hard
    # Columns line up: every row's LANG starts where the header's does.
    column = lines[0].index("LANG")
    assert all(line[column : column + 2] in ("en", "fa") for line in lines[1:])
