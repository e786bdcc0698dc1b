"""app/ui/preview/watcher.py: one load per save, whatever way the editor saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.ui.preview.watcher import LoadResult, RecordWatcher

RECORD = Path(__file__).parents[2] / "tests" / "data" / "records" / "minimal.yaml"
TEXT = RECORD.read_text(encoding="utf-8")
TIMEOUT_MS = 10_000


@pytest.fixture
def record_file(tmp_path: Path) -> Path:
    path = tmp_path / "trial.yaml"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def watcher(record_file: Path, qtbot):
    watcher = RecordWatcher(record_file, strict=True, settle_ms=50)
    assert watcher.first_load().record is not None
    yield watcher
    watcher.deleteLater()


def test_the_file_and_its_folder_are_watched(watcher, record_file):
    assert set(watcher.watched()) == {str(record_file), str(record_file.parent)}


def test_a_burst_of_writes_loads_once(watcher, record_file, qtbot):
    results: list[LoadResult] = []
    watcher.loaded.connect(results.append)
    lines = TEXT.replace("A small test study", "A smaller test study").splitlines(keepends=True)
    with (
        qtbot.waitSignal(watcher.loaded, timeout=TIMEOUT_MS),
        record_file.open("w", encoding="utf-8") as handle,
    ):
        for line in lines:  # one write (and one change notice) per line
            handle.write(line)
            handle.flush()
    with qtbot.assertNotEmitted(watcher.loaded, wait=300):
        pass
    assert len(results) == 1
    assert results[0].record is not None
    assert results[0].record.identification.plain_title["en"] == "A smaller test study"


def test_saving_the_same_bytes_again_is_quiet(watcher, record_file, qtbot):
    with qtbot.assertNotEmitted(watcher.loaded, wait=300):
        record_file.write_text(TEXT, encoding="utf-8")


def test_a_deleted_file_is_reported_and_its_return_recovers(watcher, record_file, qtbot):
    with qtbot.waitSignal(watcher.loaded, timeout=TIMEOUT_MS) as blocker:
        record_file.unlink()
    missing = blocker.args[0]
    assert missing.record is None
    assert missing.problems
    assert str(record_file) not in watcher.watched()
    temporary = record_file.with_name("trial.yaml.new")
    temporary.write_text(TEXT, encoding="utf-8")
    with qtbot.waitSignal(watcher.loaded, timeout=TIMEOUT_MS) as blocker:
        os.replace(temporary, record_file)  # seen through the folder
    assert blocker.args[0].record is not None
    assert str(record_file) in watcher.watched()


def test_strict_findings_carry_the_line_of_their_field(watcher, record_file, qtbot):
    linted = TEXT.replace("fa: آیا باردار هستید؟", "fa: آیا باردار هستيد؟")
    with qtbot.waitSignal(watcher.loaded, timeout=TIMEOUT_MS) as blocker:
        record_file.write_text(linted, encoding="utf-8")
    result = blocker.args[0]
    assert result.record is not None
    (finding,) = (f for f in result.findings if f.path == ("questions", 1, "text", "fa"))
    assert finding.line == next(
        n for n, line in enumerate(linted.splitlines(), 1) if "هستيد" in line
    )
    assert "Arabic" in finding.message
