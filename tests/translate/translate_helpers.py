"""Shared by the translator round-trip tests: a scripted author and a scripted translator."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from ruamel.yaml.comments import CommentedMap

from app.digits import TO_PERSIAN
from app.record.models import GLOSSARY_MARK
from app.translate.yaml_edit import RecordDocument

ROOT = Path(__file__).parents[2]
DEFAULT_RECORD_PATH = ROOT / "resources" / "records" / "NCT05703308.yaml"
REAL = ROOT / "tests" / "data" / "ctgov" / "real"
#: The real registry entry the end-to-end test and the round-trip tests import.
STUDY = "NCT00184067"
#: The comment the scripted author writes beside a text: the translator must see it.
AUTHOR_NOTE = "ask Dr. R. about this wording"


def _en(text: str) -> dict[str, str]:
    return {"en": text}


def write_plain_english(path: Path) -> None:
    """The scripted author: plain English, a glossary term and a question, as step 2 says."""
    document = RecordDocument(path.read_text(encoding="utf-8"))
    data = document.data
    criteria = data["eligibility"]["criteria"]
    for index, criterion in enumerate(criteria, start=1):
        if criterion["kind"] == "EXCLUSION":
            criterion["plain"] = _en(f"The study did not take people who broke rule {index}.")
        else:
            criterion["plain"] = _en(f"People had to meet rule {index} of the study.")
    first = criteria[0]
    first["assessed_by"] = "PATIENT"
    first["plain"] = _en("You took part in the first [[vaccine]] study and it went well.")
    assert isinstance(first, CommentedMap)
    first.yaml_set_comment_before_after_key("plain", before=AUTHOR_NOTE, indent=6)
    data["patient"] = {
        "summary": _en("This study gave more shots of a [[vaccine]] to people with skin cancer."),
        "who_can_take_part": _en("Adults who were in the first vaccine study."),
        "enrolling_note": _en("This study has ended. It does not take new people."),
        "procedures": [
            {
                "id": "shots",
                "title": _en("Booster shots"),
                "when": _en("Every few months for two years."),
                "what": _en("You got a shot in the arm."),
            }
        ],
        "outcome_texts": {
            "likely_match": _en("Your answers fit the study."),
            "may_match": _en("Your answers may fit the study."),
            "does_not_match": _en("Your answers do not fit the study."),
        },
        "after_selfcheck": _en("Only the study team can say if you could take part."),
        "contact": _en("Ask your doctor about this study."),
        "glossary": [
            {
                "id": "vaccine",
                "term": _en("vaccine"),
                "definition": _en("A medicine that teaches the body to fight a disease."),
            }
        ],
    }
    data["questions"] = [
        {
            "id": "first_study",
            "criterion": first["id"],
            "text": _en("Were you in the first vaccine study, and did it go well?"),
            "why": _en("The study took only people from the first study."),
            "unanswered_reason": _en("You did not say if you were in the first study."),
            "options": [
                {
                    "id": "yes",
                    "label": _en("Yes"),
                    "verdict": "met",
                    "reason": _en("You were in the first study. This fits."),
                },
                {
                    "id": "no",
                    "label": _en("No"),
                    "verdict": "not_met",
                    "reason": _en("You were not in the first study. This does not fit."),
                },
            ],
        }
    ]
    path.write_text(document.dump(), encoding="utf-8")


def persian_for(msgid: str, number: int) -> str:
    """The scripted translator's Persian: plain written Persian, the English's marks kept."""
    marks = "".join(f" [[{m.group(1)}|واژه]]" for m in GLOSSARY_MARK.finditer(msgid))
    return f"متن فارسی شماره‌ی {str(number).translate(TO_PERSIAN)} برای بیماران{marks}."


def translate_po(path: Path, fuzzy: frozenset[str] = frozenset()) -> None:
    """The scripted translator: fill every msgstr (and mark ``fuzzy`` contexts as drafts)."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for number, message in enumerate(catalog, start=1):
        if not message.id:
            continue
        message.string = persian_for(str(message.id), number)
        if message.context in fuzzy:
            message.flags.add("fuzzy")
        else:
            message.flags.discard("fuzzy")
    out = io.BytesIO()
    write_po(out, catalog, width=76, include_previous=True, sort_output=False)
    path.write_bytes(out.getvalue())


def gettext_check(path: Path) -> None:
    """``msgfmt --check`` and ``msgcat`` accept the PO file (skipped without gettext)."""
    if shutil.which("msgfmt") is None or shutil.which("msgcat") is None:
        pytest.skip("gettext's msgfmt/msgcat are not installed (apt install gettext)")
    for command in (["msgfmt", "--check", "-o", "/dev/null"], ["msgcat", "-o", "/dev/null"]):
        done = subprocess.run([*command, str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``trialguide ARGV`` in this process: exit code, stdout, stderr."""
    from app.cli import main

    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err
