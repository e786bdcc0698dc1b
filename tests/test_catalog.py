"""The catalog: which records to show, and each loaded on its own (app/catalog.py)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from app.catalog import (
    Catalog,
    CatalogEntry,
    iter_entries,
    load_catalog,
    load_entry,
    record_sources,
)
from app.config import Config, ConfigError, load_config
from app.record import parse_record
from app.record.approval import ApprovalState, stamp_text

ROOT = Path(__file__).parent.parent
DEFAULT = ROOT / "resources" / "records" / "NCT05703308.yaml"
SAMPLE = ROOT / "resources" / "records" / "NCT05594173.yaml"
MINIMAL = ROOT / "tests" / "data" / "records" / "minimal.yaml"
WHEN = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def _approved_text() -> str:
    text = DEFAULT.read_text(encoding="utf-8")
    return stamp_text(text, parse_record(text.encode()), "EC ok", WHEN)


def _trials(tmp_path: Path) -> Path:
    """A folder with a good record, a broken one, a tampered one and a second good one."""
    folder = tmp_path / "trials"
    folder.mkdir()
    (folder / "a_default.yaml").write_text(_approved_text(), encoding="utf-8")
    (folder / "b_broken.yaml").write_text("schema_version: 1\nlanguages: [en]\n", encoding="utf-8")
    tampered = _approved_text().replace("How old are you?", "How old are you now?")
    (folder / "c_tampered.yml").write_text(tampered, encoding="utf-8")
    (folder / "d_minimal.yaml").write_bytes(MINIMAL.read_bytes())
    (folder / ".e_hidden.yaml").write_text("not: a record\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a record\n", encoding="utf-8")
    return folder


# -- sources ----------------------------------------------------------------------------------


def test_no_record_configured_is_the_embedded_default():
    assert record_sources(Config(), ()) == (None,)


def test_command_line_records_win_over_the_config(tmp_path):
    config = Config(records=("x.yaml", "y.yaml"))
    assert record_sources(config, ["b.yaml", "a.yaml", "b.yaml"]) == ("b.yaml", "a.yaml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('record = "one.yaml"', ("one.yaml",)),
        ('records = ["b.yaml", "/abs/a.yaml"]', ("b.yaml", "/abs/a.yaml")),
    ],
)
def test_config_record_keys_are_relative_to_the_config_file(tmp_path, text, expected):
    path = tmp_path / "conf" / "trialguide.toml"
    path.parent.mkdir()
    path.write_text(text + "\n", encoding="utf-8")
    config, _ = load_config(path)
    shown = tuple(s if s.startswith("/abs") else str(path.parent / s) for s in expected)
    assert record_sources(config, ()) == shown


def test_records_dir_lists_its_record_files_by_name(tmp_path):
    folder = _trials(tmp_path)
    path = tmp_path / "trialguide.toml"
    path.write_text('records_dir = "trials"\n', encoding="utf-8")
    config, _ = load_config(path)
    names = [Path(s).name for s in record_sources(config, ()) if s]
    assert names == ["a_default.yaml", "b_broken.yaml", "c_tampered.yml", "d_minimal.yaml"]
    assert all(Path(s).parent == folder for s in record_sources(config, ()) if s)


def test_records_dir_emptied_after_the_config_was_read_is_a_config_error(tmp_path):
    folder = tmp_path / "trials"
    folder.mkdir()
    config = Config(records_dir=str(folder))
    with pytest.raises(ConfigError, match="holds no record file"):
        record_sources(config, ())


# -- loading ----------------------------------------------------------------------------------


def test_broken_and_tampered_records_are_left_out_with_their_problems(tmp_path):
    folder = _trials(tmp_path)
    sources = record_sources(Config(records_dir=str(folder)), ())
    catalog = load_catalog(sources)
    assert [e.study_id for e in catalog.studies] == ["NCT05703308", "NCT00000001"]
    assert [Path(e.source).name for e in catalog.studies if e.source] == [
        "a_default.yaml",
        "d_minimal.yaml",
    ]
    broken, tampered = catalog.broken
    assert broken.record is None and broken.study_id == "b_broken.yaml"
    assert broken.problems and all(
        p.startswith(str(folder / "b_broken.yaml")) for p in broken.problems
    )
    assert any("identification: this required field is missing" in p for p in broken.problems)
    assert tampered.tampered and not tampered.ok
    assert tampered.study_id == "NCT05703308"
    assert tampered.approval is not None and tampered.approval.state is ApprovalState.MODIFIED
    (problem,) = tampered.problems
    assert "c_tampered.yml: approval: the record was changed after it was approved" in problem
    assert catalog.problems == broken.problems + tampered.problems


def test_each_record_keeps_its_own_approval(tmp_path):
    catalog = load_catalog(record_sources(Config(records_dir=str(_trials(tmp_path))), ()))
    states = [e.approval.state for e in catalog.studies if e.approval]
    assert states == [ApprovalState.APPROVED, ApprovalState.UNAPPROVED]


def test_a_single_tampered_record_is_shown_as_a_draft_as_before(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(_approved_text().replace("How old are you?", "Age?"), encoding="utf-8")
    (entry,) = load_catalog((str(path),)).entries
    assert entry.ok and entry.approval is not None
    assert entry.approval.state is ApprovalState.MODIFIED


def test_trusted_keys_make_an_unsigned_record_a_draft_not_broken():
    from app.signing import generate_private_key, public_key_of

    key = public_key_of(generate_private_key())
    entry = load_entry(str(DEFAULT), (key,))
    assert entry.ok and entry.approval is not None
    assert entry.approval.signature_required and not entry.approval.approved


def test_no_valid_record_leaves_every_problem(tmp_path):
    missing = tmp_path / "gone.yaml"
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    catalog = load_catalog((str(missing), str(empty)))
    assert catalog.studies == ()
    assert [e.study_id for e in catalog.broken] == ["gone.yaml", "empty.yaml"]
    assert len(catalog.problems) == 2
    assert "gone.yaml" in catalog.problems[0] and "does not exist" in catalog.problems[0]
    assert "empty.yaml" in catalog.problems[1] and "the file is empty" in catalog.problems[1]


def test_a_folder_given_as_a_record_is_a_problem_not_a_crash(tmp_path):
    entry = load_entry(str(tmp_path))
    assert not entry.ok and entry.problems and entry.study_id == tmp_path.name


def test_embedded_default_record_entry():
    entry = load_entry(None)
    assert entry.ok and entry.study_id == "NCT05703308" and entry.source is None


def test_entries_are_loaded_lazily(tmp_path, monkeypatch):
    import app.catalog

    loaded: list[str | None] = []
    real = app.catalog.load_record

    def counting(source):
        loaded.append(source)
        return real(source)

    monkeypatch.setattr(app.catalog, "load_record", counting)
    entries = iter_entries((None, str(MINIMAL), str(tmp_path / "gone.yaml")))
    first = next(entries)
    assert first.ok and loaded == [None]
    rest = list(entries)
    assert [e.ok for e in rest] == [True, False] and len(loaded) == 3


def test_catalog_keeps_configured_order():
    entries = (
        CatalogEntry("b.yaml", None, ("b.yaml: broken",)),
        load_entry(str(MINIMAL)),
        load_entry(None),
    )
    catalog = Catalog(entries)
    assert [e.source for e in catalog.studies] == [str(MINIMAL), None]
    assert [e.source for e in catalog.broken] == ["b.yaml"]


# -- trialguide validate DIR --------------------------------------------------------------


def test_validate_folder_prints_one_line_per_record(tmp_path, capsys):
    from app.cli import main

    folder = _trials(tmp_path)
    assert main(["validate", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "a_default.yaml: ok, NCT05703308, approved (content 1.1.0, en fa)"
    assert lines[1].startswith("b_broken.yaml: NOT VALID, ")
    assert " problems; first: " in lines[1] and str(folder) not in lines[1]
    assert lines[2].startswith(
        "c_tampered.yml: LEFT OUT, NCT05703308, approval: the record was changed after it"
    )
    assert lines[3] == "d_minimal.yaml: draft, NCT00000001, unapproved (content test-1, en fa)"
    assert lines[4] == f"{folder}: 4 record(s): 1 ok, 1 draft(s), 2 failed"
    assert len(lines) == 5


def test_validate_folder_of_good_records_passes_and_strict_lints_each(
    tmp_path, capsys, minimal_dict
):
    import yaml

    from app.cli import main

    folder = tmp_path / "trials"
    folder.mkdir()
    (folder / "a.yaml").write_text(_approved_text(), encoding="utf-8")
    (folder / "b.yaml").write_bytes(MINIMAL.read_bytes())
    assert main(["validate", str(folder)]) == 0
    assert main(["validate", "--strict", str(folder)]) == 0
    capsys.readouterr()
    minimal_dict["patient"]["contact"]["fa"] = "با شماره 021 تماس بگیرید"  # Latin digits
    (folder / "b.yaml").write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), "utf-8")
    assert main(["validate", str(folder)]) == 0
    capsys.readouterr()
    assert main(["validate", "--strict", str(folder)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("a.yaml: ok, ")
    assert lines[1].startswith("b.yaml: valid, but 1 content problem (--strict); first: ")
    assert "patient.contact.fa: Persian text uses Latin digits" in lines[1]


def test_validate_folder_says_warnings_and_fails_on_them_only_when_asked(tmp_path, capsys):
    from app.cli import main

    folder = tmp_path / "trials"
    folder.mkdir()
    # The shipped sample's Persian has reading-level warnings and no error.
    (folder / "sample.yaml").write_bytes(SAMPLE.read_bytes())
    assert main(["validate", "--strict", str(folder)]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("sample.yaml: draft, NCT05594173, ") and line.endswith(" warnings")
    assert main(["validate", "--strict", "--fail-on-warnings", str(folder)]) == 2
    assert "warning: Persian readability" in capsys.readouterr().out


def test_validate_folder_without_records(tmp_path, capsys):
    from app.cli import main

    folder = tmp_path / "trials"
    folder.mkdir()
    (folder / "notes.txt").write_text("no records\n", encoding="utf-8")
    assert main(["validate", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == (
        f"{folder}: the folder holds no record file (*.yaml or *.yml); put the records in "
        "it, or name them with records"
    )


def test_a_study_listed_twice_is_left_out_the_second_time(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(DEFAULT.read_bytes())
    catalog = load_catalog((None, str(MINIMAL), str(copy)))
    assert [e.study_id for e in catalog.studies] == ["NCT05703308", "NCT00000001"]
    (twice,) = catalog.broken
    assert twice.record is not None and not twice.tampered
    assert twice.problems == (
        f"{copy}: identification.nct_id: NCT05703308 is already in the catalog from "
        "NCT05703308.yaml; a catalog lists each study once",
    )


def test_the_same_file_name_in_two_folders_is_still_one_study_listed_twice(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "trial.yaml").write_bytes(MINIMAL.read_bytes())
    catalog = load_catalog((str(tmp_path / "a" / "trial.yaml"), str(tmp_path / "b" / "trial.yaml")))
    assert len(catalog.studies) == 1
    (twice,) = catalog.broken
    assert "NCT00000001 is already in the catalog from trial.yaml" in twice.problems[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_or_device_in_the_folder_is_named_never_read(tmp_path):
    folder = tmp_path / "trials"
    folder.mkdir()
    os.mkfifo(folder / "a_pipe.yaml")
    (folder / "b_zero.yaml").symlink_to("/dev/zero")
    (folder / "c.yaml").write_bytes(MINIMAL.read_bytes())
    catalog = load_catalog(record_sources(Config(records_dir=str(folder)), ()))
    assert [e.study_id for e in catalog.studies] == ["NCT00000001"]
    assert [e.study_id for e in catalog.broken] == ["a_pipe.yaml", "b_zero.yaml"]
    assert all("not a regular file" in p for p in catalog.problems)
