"""app/translate/yaml_edit.py: the record's YAML edited round trip, its layout kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.record import parse_record
from app.translate.yaml_edit import FOLD_WIDTH, RecordDocument, YamlEditError
from tests.translate.translate_helpers import DEFAULT_RECORD_PATH, REAL, STUDY, run_cli


def test_the_default_record_dumps_back_byte_for_byte() -> None:
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    assert RecordDocument(text).dump() == text


def test_an_imported_study_dumps_back_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.yaml"
    assert run_cli(["import-ctgov", str(REAL / f"{STUDY}.json"), "-o", str(out)], capsys)[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "type: null" in text  # ruamel would write "type:" without our representer
    assert RecordDocument(text).dump() == text


def test_a_four_space_record_keeps_its_indentation() -> None:
    text = "a:\n    b:\n        - x: 1\n          y: 2\n    c: [1, 2]  # kept\n"
    assert RecordDocument(text).dump() == text


def test_a_folded_text_is_folded_again_within_the_width() -> None:
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    document = RecordDocument(text)
    new = " ".join(["واژه‌ای"] * 60) + "."
    document.set_text(("arms", 0, "plain"), "fa", new, after="en")
    dumped = document.dump()
    record = parse_record(dumped.encode("utf-8"))
    assert record.arms[0].plain is not None and record.arms[0].plain["fa"] == new
    block = dumped.split("      fa: >-\n", 1)[1].split("  - label: ICSI group", 1)[0]
    assert all(len(line) <= FOLD_WIDTH for line in block.splitlines())
    assert len(block.splitlines()) > 3
    # Only the lines of that text changed.
    changed = [a for a, b in zip(text.splitlines(), dumped.splitlines(), strict=False) if a != b]
    assert changed[0].strip().startswith("در این گروه")


def test_a_new_language_goes_after_english_in_a_flow_mapping() -> None:
    document = RecordDocument("t:\n  label: {en: Yes}  # the button\n")
    document.set_text(("t", "label"), "fa", "بله", after="en")
    line = document.dump().splitlines()[1]
    assert line.startswith("  label: {en: Yes, fa: بله}") and line.endswith(" # the button")


def test_text_that_a_fold_cannot_hold_is_quoted() -> None:
    document = RecordDocument("t:\n  en: >-\n    a b\n  fa: >-\n    c d\n")
    document.set_text(("t",), "fa", " leading space and\ttab ", after="en")
    from ruamel.yaml import YAML

    assert YAML(typ="safe").load(document.dump())["t"]["fa"] == " leading space and\ttab "


def test_comments_beside_a_text_are_found() -> None:
    text = (
        "c:\n"
        "  - id: a\n"
        "    # the author's note\n"
        "    # on two lines\n"
        "    plain:  # at the key\n"
        '      en: "Hi # not a comment"  # at the English\n'
        "      fa: سلام\n"
    )
    document = RecordDocument(text)
    assert document.comments(("c", 0, "plain")) == [
        "the author's note",
        "on two lines",
        "at the key",
        "at the English",
    ]
    assert document.key_line(("c", 0, "plain", "en")) == 6


def test_yaml_ruamel_cannot_read_is_refused() -> None:
    with pytest.raises(YamlEditError):
        RecordDocument("a: [unclosed\n")


_SAMPLE = (
    "t:\n"
    "  folded:\n"
    "    en: >-\n"
    "      An English text folded over\n"
    "      two lines.\n"
    "  quoted:\n"
    '    en: "Quoted English"\n'
    "  plain:\n"
    "    en: Plain English\n"
    "  flow: {en: Flow}\n"
)


@settings(deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("ab سلام\u200cی#:-[]{}|>'\"\\\t\n,.!?&*%@`~\u00a0")),
        min_size=1,
        max_size=200,
    ),
    key=st.sampled_from(["folded", "quoted", "plain", "flow"]),
)
def test_any_translation_reads_back_exactly_in_any_style(text: str, key: str) -> None:
    from ruamel.yaml import YAML

    document = RecordDocument(_SAMPLE)
    document.set_text(("t", key), "fa", text, after="en")
    dumped = document.dump()
    assert YAML(typ="safe").load(dumped)["t"][key] == {"en": _english(key), "fa": text}
    # The other texts' lines are untouched.
    for line in _SAMPLE.splitlines():
        if key not in line and not line.startswith("      "):
            assert line in dumped.splitlines()


def _english(key: str) -> str:
    return {
        "folded": "An English text folded over two lines.",
        "quoted": "Quoted English",
        "plain": "Plain English",
        "flow": "Flow",
    }[key]
