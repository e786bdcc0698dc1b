"""app/translate/commands.py: ``trialguide translate export|import|status`` on the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.translate.translate_helpers import DEFAULT_RECORD_PATH, REAL, STUDY, run_cli


@pytest.fixture
def record(tmp_path: Path) -> Path:
    path = tmp_path / "r.yaml"
    shutil.copy(DEFAULT_RECORD_PATH, path)
    return path


def test_status_counts_translated_missing_and_stale(
    record: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run_cli(["translate", "status", str(record)], capsys)
    assert code == 0
    assert out.splitlines() == [
        f"{record}: 255 patient-facing texts in English",
        "  fa: 255 translated, 0 missing, 0 stale",
    ]
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace('en: "The study took women only."', 'en: "The study took only women."')
        .replace("    eligibility.criteria[age].plain: 10749b581992\n", "")
        .replace(
            "eligibility.criteria[amh].plain: 94edb44ce3ef",
            "eligibility.criteria[amh].plain: fuzzy",
        ),
        encoding="utf-8",
    )
    code, out, _err = run_cli(["translate", "status", str(record)], capsys)
    assert out.splitlines() == [
        f"{record}: 255 patient-facing texts in English",
        "  fa: 255 translated, 0 missing, 2 stale (1 not tracked: the record does not say "
        "which English they were made from)",
        "    stale: eligibility.criteria[sex].plain",
        "    stale: eligibility.criteria[amh].plain",
    ]


def test_status_of_an_english_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "draft.yaml"
    assert run_cli(["import-ctgov", str(REAL / f"{STUDY}.json"), "-o", str(path)], capsys)[0] == 0
    code, out, _err = run_cli(["translate", "status", str(path)], capsys)
    assert code == 0
    assert out.splitlines() == [
        f"{path}: 0 patient-facing texts in English",
        "  fa (not yet one of the record's languages): 0 translated, 0 missing, 0 stale",
    ]


def test_export_and_import_on_the_command_line(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "fa.po"
    code, out, _err = run_cli(["translate", "export", str(record), "-o", str(po)], capsys)
    assert (code, out) == (
        0,
        f"{po}: 255 texts of {record} for translation into fa (0 not yet translated, 0 to "
        "review)\n",
    )
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgstr "این پژوهش فقط زنان را می‌پذیرفت."', 'msgstr "این پژوهش تنها زنان را می‌پذیرفت."'
        ),
        encoding="utf-8",
    )
    out_yaml = tmp_path / "out.yaml"
    before = record.read_bytes()
    code, out, _err = run_cli(
        ["translate", "import", str(record), str(po), "-o", str(out_yaml)], capsys
    )
    assert code == 0
    assert out == (
        f"{out_yaml}: 1 fa text(s) written, 0 fuzzy, 0 untranslated, 0 translation source(s) "
        "recorded\n"
    )
    assert record.read_bytes() == before
    assert "تنها زنان" in out_yaml.read_text(encoding="utf-8")


def test_a_refused_import_leaves_the_record_alone_and_exits_2(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "fa.po"
    assert run_cli(["translate", "export", str(record), "-o", str(po)], capsys)[0] == 0
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgctxt "patient.summary"', 'msgctxt "patient.summary\u202e\u2067"'
        ),
        encoding="utf-8",
    )
    before = record.read_bytes()
    code, out, err = run_cli(["translate", "import", str(record), str(po)], capsys)
    assert code == 2 and out == ""
    assert "names no patient-facing text" in err
    assert err.rstrip().endswith(f"{po}: not imported; {record} is unchanged")
    assert "\u202e" not in err and "\u2067" not in err  # escaped for the terminal
    assert record.read_bytes() == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"\xff\xfe", "the file is UTF-16 text; save it as UTF-8"),
        (b'msgid "a\n', "not a valid PO file"),
        (b'msgid ""\nmsgstr "\x1b[2J"\n', "the control character U+001B"),
    ],
)
def test_a_bad_po_file_exits_2_with_a_message(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], body: bytes, message: str
) -> None:
    po = tmp_path / "bad.po"
    po.write_bytes(body)
    code, _out, err = run_cli(["translate", "import", str(record), str(po)], capsys)
    assert code == 2
    assert err.startswith(str(po)) and message in err
    assert "\x1b" not in err


def test_a_bad_record_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("schema_version: 1\n", encoding="utf-8")
    code, _out, err = run_cli(
        ["translate", "export", str(path), "-o", str(tmp_path / "x.po")], capsys
    )
    assert code == 2 and str(path) in err
    assert not (tmp_path / "x.po").exists()


@pytest.mark.parametrize("style", ["crlf", "bom"])
def test_crlf_and_a_byte_order_mark_survive_the_round_trip(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], style: str
) -> None:
    data = record.read_bytes()
    data = data.replace(b"\n", b"\r\n") if style == "crlf" else b"\xef\xbb\xbf" + data
    record.write_bytes(data)
    po = tmp_path / "fa.po"
    assert run_cli(["translate", "export", str(record), "-o", str(po)], capsys)[0] == 0
    out = tmp_path / "out.yaml"
    assert run_cli(["translate", "import", str(record), str(po), "-o", str(out)], capsys)[0] == 0
    assert out.read_bytes() == data


def test_the_map_goes_before_the_approval_and_the_import_says_to_approve_again(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.split("\n# Written by `trialguide translate import`", 1)[0] + "\n", encoding="utf-8"
    )
    assert run_cli(["approve", str(record), "--note", "EC"], capsys)[0] == 0
    po = tmp_path / "fa.po"
    assert run_cli(["translate", "export", str(record), "-o", str(po)], capsys)[0] == 0
    code, out, _err = run_cli(["translate", "import", str(record), str(po)], capsys)
    assert code == 0
    assert out.splitlines()[0] == (
        f"{record}: the content changed since it was approved: validate it strictly and "
        "approve it again (trialguide approve)"
    )
    top_level = [
        line for line in record.read_text(encoding="utf-8").splitlines() if line[:1].isalpha()
    ]
    assert top_level[-2:] == ["translations:", "approval:"]
    assert "\n\napproval:\n" in record.read_text(encoding="utf-8")
    code, out, _err = run_cli(["validate", str(record)], capsys)
    assert "modified" in out


def test_export_never_writes_over_the_record(
    record: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = record.read_bytes()
    code, _out, err = run_cli(["translate", "export", str(record), "-o", str(record)], capsys)
    assert code == 2 and "this is the record itself" in err
    assert record.read_bytes() == before


def test_export_keeps_a_translators_work_that_is_not_imported_yet(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "fa.po"
    assert run_cli(["translate", "export", str(record), "-o", str(po)], capsys)[0] == 0
    # Exporting again over an unchanged file is fine.
    assert run_cli(["translate", "export", str(record), "-o", str(po)], capsys)[0] == 0
    returned = po.read_text(encoding="utf-8").replace(
        'msgstr "این پژوهش فقط زنان را می‌پذیرفت."', 'msgstr "این پژوهش تنها زنان را می‌پذیرفت."'
    )
    po.write_text(returned, encoding="utf-8")
    code, _out, err = run_cli(["translate", "export", str(record), "-o", str(po)], capsys)
    assert code == 2
    assert "holds 1 translation(s) the record does not have yet (first: msgctxt " in err
    assert "'eligibility.criteria[sex].plain'" in err
    assert po.read_text(encoding="utf-8") == returned
    code, _out, _err = run_cli(
        ["translate", "export", str(record), "-o", str(po), "--force"], capsys
    )
    assert code == 0 and "تنها زنان" not in po.read_text(encoding="utf-8")


def test_export_will_not_write_over_a_file_that_is_not_po(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("my notes\n", encoding="utf-8")
    code, _out, err = run_cli(["translate", "export", str(record), "-o", str(other)], capsys)
    assert code == 2 and "not written over (--force writes over it)" in err
    assert other.read_text(encoding="utf-8") == "my notes\n"


def test_export_over_the_last_file_gives_the_earlier_english(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "fa.po"
    assert run_cli(["translate", "export", str(record), "-o", str(po)], capsys)[0] == 0
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace('en: "The study took women only."', 'en: "The study took only women."'),
        encoding="utf-8",
    )
    code, out, _err = run_cli(["translate", "export", str(record), "-o", str(po)], capsys)
    assert code == 0 and "1 to review" in out
    assert '#, fuzzy\n#| msgid "The study took women only."\nmsgctxt ' in po.read_text(
        encoding="utf-8"
    )
