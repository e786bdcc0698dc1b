"""Hostile and broken records: `trialguide validate` and the app refuse each one cleanly.

The corpus is ``tests/data/bad_records/``, with ``EXPECTED.toml`` naming, for every file,
the field path and the words of the message. For each file:

* ``trialguide validate FILE`` exits 2; stderr names the file and the field path, holds
  no traceback, and comes within :data:`HANG_GUARD_S` seconds (a hang guard, not a
  benchmark);
* the app opens the staff error window with the problem, and nothing of the trial.

Cases that must not be committed (50 MB, a million values) or are not files (a missing
path, a folder, a FIFO, an unreadable file) are made here, in ``tmp_path``.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.cli import main

DATA = Path(__file__).parents[1] / "data"
CORPUS = DATA / "bad_records"
MINIMAL = DATA / "records" / "minimal.yaml"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (CORPUS / "EXPECTED.toml").read_text(encoding="utf-8")
)
#: Longest a refusal may take: far above any real run (they take milliseconds), far
#: below what a person would call a hang.
HANG_GUARD_S = 5.0
#: A file the tests generate, of 50 MB: the loader must not read it all.
HUGE_BYTES = 50 * 1024 * 1024


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float


def validate(path: Path | str, *, strict: bool = False) -> Run:
    """``trialguide validate PATH`` in this process."""
    argv = ["validate", str(path), *(["--strict"] if strict else [])]
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return Run(code, out.getvalue(), err.getvalue(), time.perf_counter() - start)


def validate_subprocess(path: Path | str, *, timeout: float = 30.0) -> Run:
    """``python -m app.cli validate PATH`` in a fresh interpreter (import time included)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return Run(done.returncode, done.stdout, done.stderr, time.perf_counter() - start)


def issues_in(err: str, source: str) -> list[tuple[int | None, str, str]]:
    """``(line, path, message)`` of every issue line that names ``source``."""
    found = []
    for text in err.splitlines():
        if not text.startswith(source):
            continue
        rest = text[len(source) :]
        match = re.match(r"^(?::(\d+))?: (.+?): (.*)$", rest)
        if match:
            line = int(match.group(1)) if match.group(1) else None
            found.append((line, match.group(2), match.group(3)))
    return found


def assert_refused(run: Run, source: str, path: str, message: str, line: int | None = None):
    """Exit 2; stderr names the file and the field path; no traceback; no hang."""
    assert run.seconds < HANG_GUARD_S, f"took {run.seconds:.1f} s: {run.err[:500]}"
    assert run.code == 2, (run.code, run.out, run.err[:2000])
    assert "Traceback" not in run.err
    assert "unexpected error" not in run.err
    assert run.out == ""
    # Every line that does not continue the one before names the file.
    for text in run.err.splitlines():
        assert not text or text[0].isspace() or text.startswith(source), text
    found = issues_in(run.err, source)
    matching = [i for i in found if i[1].startswith(path) and message in i[2]]
    assert matching, f"no issue at {path!r} saying {message!r} in:\n{run.err}"
    if line is not None:
        assert any(i[0] == line for i in matching), (line, matching)


def _cases() -> Iterator[Any]:
    for name, spec in sorted(EXPECTED.items()):
        marks = [pytest.mark.xfail(reason=spec["gap"], strict=True)] if "gap" in spec else []
        yield pytest.param(name, spec, id=name, marks=marks)


# -- the corpus ---------------------------------------------------------------------------


def test_corpus_and_manifest_agree():
    files = {p.name for p in CORPUS.iterdir() if p.name != "EXPECTED.toml"}
    assert files == set(EXPECTED), files ^ set(EXPECTED)
    assert len(files) >= 30
    for name, spec in EXPECTED.items():
        assert {"path", "message"} <= spec.keys(), name
        data = (CORPUS / name).read_bytes()
        if data.startswith(b"#"):
            assert len(data.split(b"\n", 1)[0]) > 10, f"{name}: say what is wrong on line 1"


@pytest.mark.parametrize(("name", "spec"), list(_cases()))
def test_validate_refuses(name, spec):
    path = CORPUS / name
    run = validate(path, strict=spec.get("strict", False))
    assert_refused(run, str(path), spec["path"], spec["message"], spec.get("line"))


@pytest.mark.parametrize(
    "name",
    [
        "empty.yaml",
        "binary.yaml",
        "billion_laughs.yaml",
        "python_object_tag.yaml",
        "missing_persian.yaml",
        "latin1.yaml",
    ],
)
def test_validate_refuses_in_a_subprocess(name):
    spec = EXPECTED[name]
    path = CORPUS / name
    run = validate_subprocess(path)
    # A fresh interpreter pays for its imports; the guard is for the work itself.
    run.seconds = 0.0
    assert_refused(run, str(path), spec["path"], spec["message"], spec.get("line"))


def test_record_languages_are_the_interface_languages():
    from app import i18n
    from app.record import models

    assert models.SUPPORTED_LANGUAGES == i18n.SUPPORTED


def test_python_tag_runs_nothing(tmp_path):
    marker = Path("/tmp/trialguide-pwned")
    marker.unlink(missing_ok=True)
    run = validate(CORPUS / "python_object_tag.yaml")
    assert run.code == 2
    assert not marker.exists()


# -- cases made at test time ----------------------------------------------------------------


def _huge_record(path: Path) -> Path:
    """The minimal record with a 50 MB English summary (written in chunks, never held)."""
    head = MINIMAL.read_text(encoding="utf-8").replace(
        "  summary: {en: This study tests something.,", "  summary: {en: PLACEHOLDER,"
    )
    before, after = head.split("PLACEHOLDER")
    chunk = b"word " * (1024 * 1024 // 5)
    with path.open("wb") as out:
        out.write(before.encode())
        written = 0
        while written < HUGE_BYTES:
            out.write(chunk)
            written += len(chunk)
        out.write(after.encode())
    return path


@pytest.fixture(scope="module")
def huge_file(tmp_path_factory) -> Path:
    path = _huge_record(tmp_path_factory.mktemp("huge") / "huge_text_field.yaml")
    assert path.stat().st_size > HUGE_BYTES
    return path


def test_50_mb_text_field_is_refused_unread(huge_file):
    run = validate(huge_file)
    assert_refused(run, str(huge_file), "(top level)", "larger than 2 MB")
    assert run.seconds < 1.0


def test_50_mb_text_field_in_a_subprocess(huge_file):
    run = validate_subprocess(huge_file)
    run.seconds = 0.0
    assert_refused(run, str(huge_file), "(top level)", "larger than 2 MB")


def test_missing_path():
    path = "/nonexistent/trialguide/record.yaml"
    assert_refused(validate(path), path, "(top level)", "does not exist")
    run = validate_subprocess(path)
    run.seconds = 0.0
    assert_refused(run, path, "(top level)", "does not exist")


def test_folder_instead_of_file(tmp_path):
    # `validate DIR` checks a catalog's folder; one with no record in it is refused.
    run = validate(tmp_path)
    assert run.code == 2, (run.code, run.out, run.err)
    assert "Traceback" not in run.err
    assert f"{tmp_path}: the folder holds no record file" in run.err


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    real_open = open

    def refuse(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    assert_refused(validate(path), str(path), "(top level)", "permission denied")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file; chmod cannot stop it")
def test_unreadable_file_in_a_subprocess(tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    path.chmod(0)
    run = validate_subprocess(path)
    run.seconds = 0.0
    assert_refused(run, str(path), "(top level)", "permission denied")


def _guarded(path: Path) -> Run:
    """Validate in a subprocess killed after the hang guard: a hang fails, not stalls."""
    try:
        return validate_subprocess(path, timeout=HANG_GUARD_S + 2)
    except subprocess.TimeoutExpired:
        pytest.fail(f"validate {path.name} did not finish in {HANG_GUARD_S + 2:.0f} s")


def test_a_million_values_are_refused_quickly(tmp_path):
    path = tmp_path / "dense.yaml"
    body = MINIMAL.read_bytes()
    path.write_bytes(body + b"keywords: [" + b"x," * 1_000_000 + b"x]\n")
    from app.record.load import MAX_BYTES

    assert path.stat().st_size < MAX_BYTES
    run = _guarded(path)
    assert run.code == 2, run.err
    assert "too many values" in run.err
    assert f"{path}: keywords" in run.err


def test_glossary_mark_backtracking_is_linear(tmp_path, monkeypatch):
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "  summary: {en: This study tests something.,",
        '  summary: {en: "See [[xyz]]. ' + "[[a|" * 16_000 + '",',
    )
    path = tmp_path / "marks.yaml"
    path.write_text(text, encoding="utf-8")
    run = _guarded(path)
    run.seconds = min(run.seconds, HANG_GUARD_S - 0.01)  # the subprocess timeout guards
    # 64,000 characters: over the length of a patient text, refused before any mark is read.
    assert_refused(run, str(path), "patient.summary", "a patient text may have at most 3,000")
    # With that bound lifted, the marks are read, in linear time.
    from app.record import limits

    monkeypatch.setattr(limits, "MAX_PATIENT_CHARS", 1_000_000)
    assert_refused(validate(path), str(path), "patient.summary.en", "[[xyz]] marks a term")


def test_fifo_is_refused_not_waited_on(tmp_path):
    path = tmp_path / "record.yaml"
    os.mkfifo(path)
    run = _guarded(path)
    run.seconds = 0.0
    assert_refused(run, str(path), "(top level)", "not a regular file")


# -- the app: the staff error window, nothing of the trial ---------------------------------


def _patient_texts() -> set[str]:
    """Every patient-facing text of the minimal record long enough to be unmistakable."""
    from app.record import load_record
    from app.record.checks import iter_texts

    record = load_record(MINIMAL)
    texts = {text for _path, _lang, text in iter_texts(record) if len(text) >= 12}
    texts.add(record.identification.brief_title)
    return texts


PATIENT_TEXTS = _patient_texts()


def _shown_texts(widget) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel, QPlainTextEdit

    shown = [widget.windowTitle()]
    shown += [w.text() for w in widget.findChildren(QLabel)]
    shown += [w.text() for w in widget.findChildren(QAbstractButton)]
    shown += [w.toPlainText() for w in widget.findChildren(QPlainTextEdit)]
    return shown


@pytest.fixture
def empty_config(tmp_path) -> Path:
    """A config file with nothing in it: defaults, not this machine's own config."""
    path = tmp_path / "config.toml"
    path.write_text("", encoding="utf-8")
    return path


def _app_cases() -> Iterator[Any]:
    for param in _cases():
        _name, spec = param.values
        if spec.get("strict"):
            continue  # valid records: the app opens them
        yield param


@pytest.mark.parametrize(("name", "spec"), list(_app_cases()))
def test_app_shows_the_error_window(qtbot, empty_config, name, spec, capsys):
    from PySide6.QtWidgets import QApplication, QMainWindow

    from app.kiosk.error_screen import ErrorWindow
    from app.launch import launch
    from app.ui.main import application

    application()
    path = CORPUS / name
    start = time.perf_counter()
    launched = launch(str(path), "en", config_path=empty_config, kiosk=False)
    seconds = time.perf_counter() - start
    window = launched.window
    qtbot.addWidget(window)
    assert isinstance(window, ErrorWindow), type(window)
    assert launched.exit_code == 2
    assert launched.session is None
    assert seconds < HANG_GUARD_S
    window.show_window()
    qtbot.waitExposed(window)
    details = window.details.toPlainText()
    assert str(path) in details
    assert any(
        p.startswith(spec["path"]) and spec["message"] in m
        for _l, p, m in issues_in(details, str(path))
    ), details
    shown = "\n".join(_shown_texts(window))
    leaked = [text for text in PATIENT_TEXTS if text in shown]
    assert not leaked, leaked
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()
    ]
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert str(path) in err
    window.quit()
