"""Issue 11's content review, kept fixed: one Persian register, and a finished study
that speaks in the past on every screen."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po
from PySide6.QtWidgets import QLabel

from app.record.checks import iter_texts
from app.record.enums import OverallStatus
from app.record.register import register_findings
from app.session import Screen

CATALOG = "translations/fa/LC_MESSAGES/app.po"

#: Phrases the review found, each one a colloquialism or calque the lint must catch.
FOUND_IN_REVIEW = [
    "این با شرایط پژوهش جور درمی‌آید.",
    "با آنچه این پژوهش دنبالش بود",
    "این آزمایش را نداده‌ام",
    "این گروه سلول‌ها را نگرفت.",
    "طبیعی بودن آزمایش‌های کبد.",
    "اچ‌آی‌وی، هپاتیت B یا C، یا سیفلیس",
    "زن با بیهوشی عمومی به خواب عمیق می‌رفت.",
    "هیچ واژه‌ای با جست‌وجوی شما جور نیست.",
]


@pytest.mark.parametrize("text", FOUND_IN_REVIEW)
def test_the_register_lint_catches_what_the_review_found(text):
    assert register_findings(text)


def test_record_persian_is_in_one_register(default_record):
    found = [
        (path, finding)
        for path, lang, raw in iter_texts(default_record)
        if lang == "fa"
        for finding in register_findings(default_record.unmark(raw, lang))
    ]
    assert found == []


def test_record_english_and_persian_name_no_present_enrolment(default_record):
    """The record's own texts speak of a finished study in the past."""
    present = ("is taking new people", "can take part", "checks this")
    for _path, lang, raw in iter_texts(default_record):
        if lang == "en":
            assert not any(p in raw for p in present), raw


def test_catalog_persian_is_in_one_register():
    with open(CATALOG, "rb") as handle:
        catalog = read_po(handle, locale="fa")
    found = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if text:
                found += [(message.id, f) for f in register_findings(text)]
    assert found == []


#: Present-tense enrolment phrases that must not appear for a study that is over.
PRESENT_ENROLMENT = (
    "is taking new people now",
    "is not taking new people now",
    "Only the study team can decide",
    "The study team checks this",
    "The study team checks them",
    "What the study looks for",
    "in the order they happen.",
    "Only the study team's own tests are left",
    "هنوز شرکت‌کننده می‌پذیرد",
    "فقط تیم پژوهش می‌تواند تصمیم",
    "تیم پژوهش این را بررسی می‌کند",
)


def _with_status(record, status: OverallStatus):
    return record.model_copy(
        update={"status": record.status.model_copy(update={"overall_status": status})}
    )


def _every_screen_text(make_window, record, lang: str, answers: dict) -> str:
    session, window = make_window(record, lang)
    for question_id, value in answers.items():
        session.answer(question_id, value)
    texts = []
    for screen in Screen:
        session.go_to(screen)
        page = window.page(screen)
        texts += [label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page)]
    return "\n".join(texts)


ALL_FIT = {
    "age": 30,
    "sex": "female",
    "prior_ivf_icsi": "yes",
    "afc_low": "yes",
    "amh_low": "yes",
    "ovarian_cyst_history": "no",
    "ovarian_surgery": "no",
    "cancer_history": "no",
    "autoimmune": "no",
    "tube_or_uterus_problem": "no",
    "male_factor": "no",
}


@pytest.mark.parametrize("answers", [{}, {"age": 30, "afc_low": "unsure"}, ALL_FIT])
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_a_completed_study_speaks_in_the_past_on_every_screen(
    make_window, default_record, lang, answers
):
    completed = _every_screen_text(
        make_window, _with_status(default_record, OverallStatus.COMPLETED), lang, answers
    )
    found = [p for p in PRESENT_ENROLMENT if p in completed]
    assert found == []
    recruiting = _every_screen_text(
        make_window, _with_status(default_record, OverallStatus.RECRUITING), lang, answers
    )
    if lang == "en":  # the same screens do use the present for a study that enrols
        assert "Only the study team can decide" in recruiting or not answers
        assert "This study is taking new people now." in recruiting or not answers


# -- trialguide check: the three situations, both languages, JSON spellings ----------------
def _check(capsys, tmp_path, answers, *extra):
    import json

    from app.cli import main

    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    code = main(["check", "--answers", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err


SITUATIONS = [
    ({}, "nothing_answered", "No question has been answered yet"),
    ({"age": None, "sex": None}, "nothing_answered", "No question has been answered yet"),
    ({**ALL_FIT, "male_factor": "no_partner"}, "some_open", "Some things are still open"),
    (ALL_FIT, "only_team_left", "Every answer you gave fits."),
    ({**ALL_FIT, "sex": "male"}, "does_not_fit", "Your answers do not fit"),
]


@pytest.mark.parametrize(("answers", "where", "title"), SITUATIONS)
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_check_names_each_situation(capsys, tmp_path, answers, where, title, lang):
    import json

    code, out, _err = _check(capsys, tmp_path, answers, "--lang", lang, "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["situation"] == where
    assert not any(ch in out for ch in "\u2066\u2067\u2068\u2069")
    code, text, _err = _check(capsys, tmp_path, answers, "--lang", lang)
    assert not any(ch in text for ch in "\u2066\u2067\u2068\u2069")
    if lang == "en":
        assert title in text
        assert payload["title"].startswith(title)
    else:
        assert title not in text and payload["title"]


@pytest.mark.parametrize(
    ("answers", "english", "json_spelling"),
    [
        ({"sex": True}, "is not an answer", "true"),
        ({"sex": ["female"]}, "is not an answer", '["female"]'),
        ({"age": "old"}, "is not a whole number", '"old"'),
    ],
)
def test_check_errors_speak_the_language_and_json(
    capsys, tmp_path, answers, english, json_spelling
):
    code, _out, err = _check(capsys, tmp_path, answers, "--lang", "fa")
    assert code == 2
    assert english not in err  # said in Persian
    assert json_spelling in err
    assert "True" not in err and "['female']" not in err
    code, _out, err = _check(capsys, tmp_path, answers)
    assert english in err and json_spelling in err


# -- provenance of official texts ---------------------------------------------------------
def test_texts_not_verbatim_are_labelled(default_record):
    from app.present.provenance import criteria_notes, summary_note
    from app.record.enums import CriterionKind, TextSource

    assert default_record.official.brief_summary_source is TextSource.STAND_IN
    rebuilt = {
        c.id
        for c in default_record.eligibility.criteria
        if c.official_source is TextSource.RECONSTRUCTED
    }
    assert rebuilt == {"amh", "tube_or_uterus"}
    for lang in ("en", "fa"):
        assert summary_note(default_record, lang)
        assert criteria_notes(default_record, CriterionKind.INCLUSION, lang).count("\n\n") == 0
        assert criteria_notes(default_record, CriterionKind.EXCLUSION, lang)
    verbatim = default_record.model_copy(
        update={
            "official": default_record.official.model_copy(
                update={"brief_summary_source": TextSource.VERBATIM}
            )
        }
    )
    assert summary_note(verbatim, "en") is None
