"""The command line: exit codes and outputs of every subcommand."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from app.cli import main
from tests.conftest import DATA, DEFAULT_RECORD_PATH

MINIMAL = str(DATA / "records" / "minimal.yaml")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_ok(capsys):
    code, out, err = run(capsys, "validate", MINIMAL)
    assert code == 0, err
    assert out.count("\n") == 1
    assert "valid record NCT00000001" in out and "3 criteria, 2 questions" in out


def test_validate_broken_lists_every_error(capsys, tmp_path, minimal_dict):
    del minimal_dict["patient"]["summary"]["fa"]
    minimal_dict["status"]["overall_status"] = "OPEN"
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(path))
    assert code == 2
    assert out == ""
    assert f"{path}:" in err
    assert "patient.summary.fa: the fa text is missing" in err
    assert "status.overall_status: 'OPEN' is not one of" in err
    assert "Traceback" not in err


def test_validate_missing_file(capsys, tmp_path):
    code, _out, err = run(capsys, "validate", str(tmp_path / "none.yaml"))
    assert code == 2
    assert "does not exist" in err


def test_validate_strict_default_record(capsys):
    code, out, err = run(capsys, "validate", "--strict", str(DEFAULT_RECORD_PATH))
    assert code == 0, err
    # Reading-level estimates are warnings: printed, named by field path, not failing.
    lines = err.splitlines()
    assert all(": warning: " in line for line in lines), err
    if lines:
        assert f"strict lint clean but {len(lines)} warning(s)" in out
        assert lines[0].startswith(f"{DEFAULT_RECORD_PATH}: ")
    else:
        assert "strict lint clean)" in out


def test_validate_fail_on_warnings(capsys, tmp_path, minimal_dict):
    minimal_dict["patient"]["summary"]["en"] = (
        "Participants undergoing intraovarian administration of autologous mesenchymal "
        "stromal cells demonstrated considerably improved folliculogenesis parameters."
    )
    path = tmp_path / "dense.yaml"
    path.write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), encoding="utf-8")
    code, out, err = run(capsys, "validate", "--strict", str(path))
    assert code == 0 and "strict lint clean but 1 warning(s)" in out
    assert f"{path}: patient.summary.en: warning: reading level is grade " in err
    code, out, err = run(capsys, "validate", "--strict", "--fail-on-warnings", str(path))
    assert code == 2 and out == ""
    assert "valid, but 1 content problem(s) (--strict)" in err


def test_validate_report_worst_first(capsys, default_record):
    from app.record.readability import measure

    code, out, _err = run(capsys, "validate", "--strict", "--report", str(DEFAULT_RECORD_PATH))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["FIELD", "LANG", "SCORE", "GRADE", "WORDS"]
    rows = [line.split() for line in lines[1 : lines.index("")]]
    assert len(rows) == len(measure(default_record)) > 200
    en = [row for row in rows if row[1] == "en"]
    fa = [row for row in rows if row[1] == "fa"]
    assert rows == en + fa  # English first (the record's order), then Persian
    assert [float(r[3]) for r in en] == sorted((float(r[3]) for r in en), reverse=True)
    assert [float(r[2]) for r in fa] == sorted(float(r[2]) for r in fa)
    assert all(r[0].endswith(".en") for r in en) and all(r[0].endswith(".fa") for r in fa)
    assert "syllables from the CMU Pronouncing Dictionary" in out
    assert "valid record NCT05703308" in lines[-1]


def test_validate_report_needs_strict(capsys):
    code, out, err = run(capsys, "validate", "--report", str(DEFAULT_RECORD_PATH))
    assert code == 2 and out == ""
    assert "--report and --fail-on-warnings need --strict" in err


def test_schema_is_json_schema(capsys):
    code, out, _err = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "TrialGuide trial record"
    assert {"identification", "eligibility", "patient", "questions"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def _answers(tmp_path, data, name="answers.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_check_json(capsys, tmp_path):
    answers = _answers(tmp_path, {"age": 30, "pregnant": "no"})
    code, out, err = run(capsys, "check", "--record", MINIMAL, "--answers", answers, "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["outcome"] == "may_match"
    assert payload["enrolling"] is True
    assert payload["criteria"] == [
        {"id": "age", "verdict": "met", "reason": "Your age is in the range."},
        {"id": "blood", "verdict": "screening", "reason": "A blood test at the first visit."},
        {"id": "not_pregnant", "verdict": "met", "reason": "You said you are not pregnant."},
    ]


def test_check_json_persian(capsys, tmp_path):
    answers = _answers(tmp_path, {"age": 70})
    code, out, _err = run(
        capsys, "check", "--record", MINIMAL, "--answers", answers, "--json", "--lang", "fa"
    )
    assert code == 0
    payload = json.loads(out)
    assert payload["outcome"] == "does_not_match"
    assert payload["criteria"][0]["reason"] == "سن شما بیرون از ۱۸ تا ۶۰ است."


def test_check_default_record_text(capsys, tmp_path):
    answers = _answers(tmp_path, {"age": 30, "sex": "male"})
    code, out, _err = run(capsys, "check", "--answers", answers)
    assert code == 0
    assert "NCT05703308" in out
    assert "eligible" not in out.lower().replace("ineligible", "")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"colour": "blue"}, "colour: the record has no question with this id"),
        ({"pregnant": "perhaps"}, 'pregnant: "perhaps" is not an answer'),
        ({"age": "old"}, 'age: "old" is not a whole number'),
        ({"age": 131}, "age: 131 is outside 0 to 130"),
        ({"age": -5}, "age: -5 is outside 0 to 130"),
        (["age", 3], "the answers must be a JSON object"),
    ],
)
def test_check_bad_answers(capsys, tmp_path, data, words):
    answers = _answers(tmp_path, data)
    code, out, err = run(capsys, "check", "--record", MINIMAL, "--answers", answers)
    assert code == 2
    assert out == ""
    assert words in err
    assert answers in err


def test_check_answers_not_json(capsys, tmp_path):
    path = tmp_path / "a.json"
    path.write_text("{age: 3", encoding="utf-8")
    code, _out, err = run(capsys, "check", "--record", MINIMAL, "--answers", str(path))
    assert code == 2
    assert "not valid JSON" in err


def test_check_bad_record(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\n", encoding="utf-8")
    answers = _answers(tmp_path, {})
    code, _out, err = run(capsys, "check", "--record", str(bad), "--answers", answers)
    assert code == 2
    assert "identification: this required field is missing" in err


def test_unknown_subcommand_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_python_dash_m_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "app", "validate", MINIMAL],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "valid record" in result.stdout


# -- hostile answers and study files: exit 2 with a message, never a hang or exit 1 ----------


def _hostile_file(tmp_path, case: str):
    """A path that must be refused: each kind of non-file, or a hostile JSON file."""
    from tests.special_files import NOT_FILES, not_a_regular_file

    path = tmp_path / "answers.json"
    if case in NOT_FILES:
        return not_a_regular_file(path, case)
    if case == "5000_digits":
        path.write_text('{"age": ' + "1" * 5000 + "}", encoding="utf-8")
    elif case == "deep":  # deep, and small enough for the answers file's 64 KB
        path.write_text('{"age": ' + "[" * 30_000 + "]" * 30_000 + "}", encoding="utf-8")
    elif case == "duplicate_key":
        path.write_text('{"pregnant": "no", "age": 30, "age": 70}', encoding="utf-8")
    elif case == "nan":
        path.write_text('{"age": NaN}', encoding="utf-8")
    elif case == "infinite":
        path.write_text('{"age": 1e999}', encoding="utf-8")
    return str(path)


HOSTILE_ANSWERS = {
    "fifo": "this is not a regular file",
    "dev_zero": "this is not a regular file",
    "symlink_to_dev_zero": "this is not a regular file",
    "folder": "this is a folder, not an answers file",
    "5000_digits": "a number has 5,000 digits",
    "deep": "nested too deeply",
    "duplicate_key": "the key 'age' appears twice",
    "nan": "NaN is not a number JSON allows",
    "infinite": "'1e999' is too large",
}


def _hostile_answer_cases(argv_for):
    return [
        pytest.param(case, words, argv_for, id=f"{argv_for}-{case}")
        for case, words in HOSTILE_ANSWERS.items()
    ]


@pytest.mark.parametrize(
    ("case", "words", "command"),
    [
        *_hostile_answer_cases("check"),
        *_hostile_answer_cases("render"),
        *_hostile_answer_cases("handout"),
    ],
)
def test_hostile_answers_file_exits_2_with_a_message(capsys, tmp_path, case, words, command):
    path = _hostile_file(tmp_path, case)
    out_file = str(tmp_path / "out")
    argv = {
        "check": ["check", "--record", MINIMAL, "--answers", path],
        "render": ["render", "--screen", "result", "--out", out_file, "--answers", path],
        "handout": ["handout", "--out", out_file, "--answers", path],
    }[command]
    code, out, err = run(capsys, *argv)
    assert code == 2, err
    assert out == ""
    assert f"{path}: " in err and words in err, err
    assert "unexpected error" not in err and "Traceback" not in err


def test_hostile_answers_in_a_subprocess_do_not_hang(tmp_path):
    """The FIFO and /dev/zero for real, in a process a hang cannot stall the tests."""
    import os

    fifo = tmp_path / "answers.json"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        result = subprocess.run(
            [sys.executable, "-m", "app", "check", "--record", MINIMAL, "--answers", path],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 2, result.stderr
        assert f"{path}: this is not a regular file" in result.stderr


def _study_file(tmp_path, case: str) -> str:
    path = tmp_path / "study.json"
    if case == "deep":
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif case == "duplicate_key":
        study = (DATA / "ctgov" / "NCT09999901.json").read_text(encoding="utf-8")
        path.write_text(study.replace("{", '{"protocolSection": 1, ', 1), encoding="utf-8")
    else:
        return _hostile_file(tmp_path, case)
    return str(path)


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("deep", "nested too deeply"),
        ("duplicate_key", "the key 'protocolSection' appears twice"),
        ("fifo", "this is not a regular file"),
        ("dev_zero", "this is not a regular file"),
        ("5000_digits", "a number has 5,000 digits"),
    ],
)
def test_hostile_study_file_exits_2_with_a_message(capsys, tmp_path, case, words):
    path = _study_file(tmp_path, case)
    out = tmp_path / "record.yaml"
    code, _out, err = run(capsys, "import-ctgov", path, "-o", str(out))
    assert code == 2, err
    assert f"{path}: " in err and words in err, err
    assert "unexpected error" not in err
    assert not out.exists()


def test_one_shared_reader_for_every_file(monkeypatch, tmp_path):
    """Records, configs, answers and studies all go through app.files.read_bounded."""
    import app.files
    from app.config import load_config
    from app.record import load_record

    config = tmp_path / "c.toml"
    config.write_text("kiosk = false\n", encoding="utf-8")
    answers = _answers(tmp_path, {"age": 30})
    study = str(DATA / "ctgov" / "NCT09999901.json")
    real = app.files.read_bounded
    calls: list[str] = []

    def spy(path, limit, **kwargs):
        calls.append(str(path))
        return real(path, limit, **kwargs)

    monkeypatch.setattr(app.files, "read_bounded", spy)
    import app.cli
    import app.config
    import app.record.load

    # Each caller must look the reader up in app.files, not keep a copy of its own.
    for module in (app.cli, app.config, app.record.load):
        if hasattr(module, "read_bounded"):
            monkeypatch.setattr(module, "read_bounded", spy)
    load_record(MINIMAL)
    load_config(config)
    main(["check", "--record", MINIMAL, "--answers", answers])
    main(["import-ctgov", study, "-o", str(tmp_path / "r.yaml")])
    assert calls == [MINIMAL, str(config), MINIMAL, answers, study]


# -- handout --out: a PDF that is really there ------------------------------------------------


@pytest.mark.parametrize("case", ["folder", "parent_is_a_file", "missing_folder"])
def test_handout_out_that_cannot_be_written_exits_2(capsys, tmp_path, case):
    target = {
        "folder": tmp_path,
        "parent_is_a_file": tmp_path / "file.txt" / "handout.pdf",
        "missing_folder": tmp_path / "none" / "handout.pdf",
    }[case]
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    code, out, err = run(capsys, "handout", "--record", MINIMAL, "--out", str(target))
    assert code == 2, out
    assert "page(s)" not in out
    assert f"{target}: " in err
    assert ("folder" in err) if case == "folder" else ("cannot be written" in err), err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


# -- nothing printed can act on the terminal ------------------------------------------------


def _escape_record(tmp_path) -> str:
    """A file named with escape sequences, holding a record with them in its text."""
    text = (DATA / "records" / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace('content_version: "test-1"', 'content_version: "t\\e[2J\\e]0;pwned\\a"')
    path = tmp_path / "escape\x1b[31m\u202e.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _assert_terminal_safe(text: str) -> None:
    import re

    unsafe = re.findall("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)
    assert not unsafe, unsafe


def test_validate_refuses_control_characters_and_prints_none(capsys, tmp_path):
    """The record is refused (control characters have no place in it), and neither the
    file's name nor its text reaches the terminal as escape sequences."""
    path = _escape_record(tmp_path)
    code, out, err = run(capsys, "validate", path)
    assert code == 2
    _assert_terminal_safe(out + err)
    assert "escape\\u001b[31m\\u202e.yaml" in err
    assert "content_version: a control character (U+001B) is in the text" in err


@pytest.mark.parametrize("as_json", [False, True])
def test_check_escapes_control_characters_from_the_answers(capsys, tmp_path, as_json):
    path = tmp_path / "answers\x1b]0;pwned\x07.json"
    path.write_text('{"age": 30, "pregnant": "no\\u001b[2J\\u009b"}', encoding="utf-8")
    argv = ["check", "--record", MINIMAL, "--answers", str(path)]
    code, out, err = run(capsys, *argv, *(["--json"] if as_json else []))
    assert code == 2
    _assert_terminal_safe(out + err)
    assert "answers\\u001b]0;pwned\\u0007.json" in err
    assert "is not an answer to this question" in err


def test_check_in_persian_keeps_zwnj(capsys, tmp_path):
    answers = _answers(tmp_path, {"age": 70, "pregnant": "no"})
    code, out, _err = run(
        capsys, "check", "--record", MINIMAL, "--answers", answers, "--lang", "fa"
    )
    assert code == 0
    assert "شرکت\u200cکننده\u200cی" in out
    assert "\\u" not in out


def test_error_messages_are_escaped_too(capsys, tmp_path):
    path = tmp_path / "bad\x1b[31m.json"
    path.write_text("{", encoding="utf-8")
    code, _out, err = run(capsys, "check", "--record", MINIMAL, "--answers", str(path))
    assert code == 2
    _assert_terminal_safe(err)
    assert "bad\\u001b[31m.json: not valid JSON" in err
