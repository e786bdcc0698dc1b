"""The clinic configuration file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.config import Config, ConfigError, load_config, write_pin_hash
from app.pin import hash_pin, verify_pin


def test_missing_default_file_gives_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIALGUIDE_CONFIG", str(tmp_path / "none.toml"))
    config, path = load_config()
    assert config == Config()
    assert config.idle_seconds == 90 and config.countdown_seconds == 20
    assert path == tmp_path / "none.toml"


def test_full_config(tmp_path):
    path = tmp_path / "trialguide.toml"
    path.write_text(
        'record = "records/trial.yaml"\ndefault_language = "fa"\nkiosk = true\n'
        "idle_seconds = 120\ncountdown_seconds = 15\n",
        encoding="utf-8",
    )
    config, _ = load_config(path)
    assert config.kiosk and config.default_language == "fa"
    assert config.record == str(tmp_path / "records" / "trial.yaml")  # relative to the file


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("idle_seconds = 2\n", "idle_seconds: input should be greater than or equal to 5"),
        ('default_language = "de"\n', "default_language: input should be 'en' or 'fa'"),
        ("kiosk = 'maybe'\n", "kiosk: input should be a valid boolean"),
        ("idle_second = 90\n", "idle_second: is not a setting TrialGuide knows"),
        ('pin_hash = "1234"\n', "pin_hash: value error, not a TrialGuide PIN hash"),
        ("kiosk = \n", "not valid TOML"),
        # A switch that did nothing (nothing read it) is refused, saying it was removed.
        ("handout_in_kiosk = true\n", "handout_in_kiosk: was removed in TrialGuide 0.2"),
        ("handout_in_kiosk = false\n", "staff print it from counselor mode"),
    ],
)
def test_bad_config_names_the_key(tmp_path, text, words):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value)
    assert words in str(info.value)


def test_explicit_missing_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_write_pin_hash_keeps_other_lines(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('# clinic kiosk\nkiosk = true\npin_hash = "old"\n', encoding="utf-8")
    new = hash_pin("135790")
    write_pin_hash(path, new)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# clinic kiosk\nkiosk = true\n")
    assert text.count("pin_hash") == 1
    config, _ = load_config(path)
    assert verify_pin("135790", config.pin_hash)
    assert (path.stat().st_mode & 0o777) == 0o600


def test_set_pin_command(tmp_path, monkeypatch, capsys):
    path = tmp_path / "c.toml"
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("864209\n"))
    assert main(["set-pin", "--config", str(path), "--pin-stdin"]) == 0
    assert "864209" not in path.read_text()
    config, _ = load_config(path)
    assert verify_pin("864209", config.pin_hash)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("12\n"))
    assert main(["set-pin", "--config", str(path), "--pin-stdin"]) == 2
    assert "PIN not set" in capsys.readouterr().err


# -- hostile config files: a message naming the file, never a hang or a crash ----------------


def _hostile_config(tmp_path, case: str):
    path = tmp_path / "trialguide.toml"
    if case == "folder":
        path.mkdir()
    elif case == "utf16":
        path.write_bytes("kiosk = true\n".encode("utf-16"))
    elif case == "nul_in_record":
        path.write_text('record = "trial\\u0000.yaml"\n', encoding="utf-8")
    elif case == "5000_digits":
        path.write_text("idle_seconds = " + "9" * 5000 + "\n", encoding="utf-8")
    elif case == "deep":  # deep, and small enough for the config's 64 KB
        path.write_text("a = " + "[" * 30_000 + "]" * 30_000 + "\n", encoding="utf-8")
    elif case == "too_large":
        path.write_text("# " + "x" * (70 * 1024) + "\nkiosk = true\n", encoding="utf-8")
    elif case == "not_utf8":
        path.write_bytes(b"record = '\xff'\n")
    return path


HOSTILE_CONFIGS = {
    "folder": "this is a folder, not a config file",
    "utf16": "the file is UTF-16 text; save it as UTF-8",
    "nul_in_record": "record: value error, the path holds a NUL character",
    "5000_digits": "a value cannot be read",
    "deep": "nested too deeply",
    "too_large": "larger than 64 KB",
    "not_utf8": "not UTF-8 text (byte 0xff at offset 10)",
}


@pytest.mark.parametrize(("case", "words"), HOSTILE_CONFIGS.items())
def test_hostile_config_names_the_file(tmp_path, case, words):
    path = _hostile_config(tmp_path, case)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert f"{path}: " in str(info.value)
    assert words in str(info.value), str(info.value)


def test_config_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "trialguide.toml"
    path.write_bytes(b'\xef\xbb\xbfkiosk = true\ndefault_language = "fa"\n')
    config, _ = load_config(path)
    assert config.kiosk and config.default_language == "fa"


@pytest.mark.parametrize(("case", "words"), HOSTILE_CONFIGS.items())
def test_hostile_config_opens_the_staff_error_window(qtbot, tmp_path, capsys, case, words):
    from app.kiosk.error_screen import ErrorWindow
    from app.kiosk.info import CONFIG
    from app.launch import launch
    from app.ui.main import application

    application()
    path = _hostile_config(tmp_path, case)
    result = launch(None, "en", config_path=path)
    window = result.window
    qtbot.addWidget(window, before_close_func=lambda w: w.close_guard.allow())
    assert isinstance(window, ErrorWindow) and window.kind == CONFIG
    assert result.exit_code == 2
    details = window.details.toPlainText()
    assert f"{path}: " in details and words in details, details
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    result.shutdown()
    if window.guard is not None:
        window.guard.uninstall()


def _special_config(tmp_path, case: str):
    from tests.special_files import not_a_regular_file

    return not_a_regular_file(tmp_path / "trialguide.toml", case)


@pytest.mark.parametrize("case", ["fifo", "dev_zero", "symlink_to_dev_zero"])
def test_config_that_is_not_a_file_opens_the_error_window(tmp_path, case):
    """In a real process (a hang or a memory blow-up must not take the tests with it)."""
    import json
    import os
    import select
    import subprocess
    import sys
    import time

    path = _special_config(tmp_path, case)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        TRIALGUIDE_TEST_REPORT="1",
        TRIALGUIDE_LOG_DIR=str(tmp_path / "log"),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--config", path],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        started = None
        deadline = time.monotonic() + 60  # a hang guard, far above the second it takes
        while started is None and time.monotonic() < deadline and process.poll() is None:
            ready, _, _ = select.select([process.stdout], [], [], 0.2)
            if ready:
                line = process.stdout.readline()
                if line.startswith("{"):
                    started = json.loads(line)
        assert started is not None, "the error window never appeared"
        assert started["visible"]
    finally:
        process.kill()
        _out, err = process.communicate(timeout=60)
    assert f"{path}: this is not a regular file" in err, err
    assert "TrialGuide did not start: fix the config file." in err


@pytest.mark.parametrize("case", ["fifo", "dev_zero"])
def test_set_pin_refuses_a_config_that_is_not_a_file(tmp_path, case):
    import subprocess
    import sys

    path = _special_config(tmp_path, case)
    result = subprocess.run(
        [sys.executable, "-m", "app", "set-pin", "--config", path, "--pin-stdin"],
        input="135790\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert f"{path}: this is not a regular file" in result.stderr


# -- a catalog of several records: records and records_dir --------------------------------


def test_records_and_records_dir_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "trials").mkdir()
    (tmp_path / "trials" / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    path = tmp_path / "c.toml"
    path.write_text('records = ["one.yaml", "/srv/two.yml"]\n', encoding="utf-8")
    config, _ = load_config(path)
    assert config.records == (str(tmp_path / "one.yaml"), "/srv/two.yml")
    path.write_text('records_dir = "trials"\n', encoding="utf-8")
    config, _ = load_config(path)
    assert config.records_dir == str(tmp_path / "trials")


def test_records_dir_lists_yaml_files_by_name(tmp_path):
    from app.config import list_record_files

    for name in ("b.yml", "a.yaml", "C.YAML", ".hidden.yaml", "notes.txt", "a.yaml~"):
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "sub.yaml").mkdir()
    assert [Path(p).name for p in list_record_files(tmp_path)] == ["C.YAML", "a.yaml", "b.yml"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            'record = "a.yaml"\nrecords = ["b.yaml"]\n',
            ": record, records: give only one of record (one study), records (a list of record "
            "files) and records_dir (a folder of them)",
        ),
        ('records = ["b.yaml"]\nrecords_dir = "t"\n', ": records, records_dir: give only one"),
        ('record = "a"\nrecords = ["b"]\nrecords_dir = "t"\n', ": record, records, records_dir: "),
        ("records = []\n", "records: value error, is empty: list at least one record file"),
        ('records = ["a.yaml", "a.yaml"]\n', "records: value error, 'a.yaml' is listed twice"),
        ('records = ["a.yaml", ""]\n', "records: value error, entry 1 (''): the path is empty"),
        ('records = "a.yaml"\n', "records: input should be a valid"),
        ('records = ["a\\u0000.yaml"]\n', "the path holds a NUL character"),
        ('records_dir = "nowhere"\n', "records_dir: "),
        ("records = [" + ", ".join(f'"r{i}.yaml"' for i in range(51)) + "]\n", "lists 51 records"),
    ],
)
def test_bad_record_keys_name_the_key(tmp_path, text, words):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value)
    assert words in str(info.value)


def _records_dir_error(tmp_path, case: str) -> str:
    folder = tmp_path / "trials"
    if case == "missing":
        pass
    elif case == "file":
        folder.write_text("x: 1\n", encoding="utf-8")
    elif case == "empty":
        folder.mkdir()
        (folder / "readme.txt").write_text("no records here\n", encoding="utf-8")
    elif case == "too_many":
        folder.mkdir()
        for i in range(51):
            (folder / f"r{i:02}.yaml").write_text("x: 1\n", encoding="utf-8")
    path = tmp_path / "c.toml"
    path.write_text('records_dir = "trials"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value)


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("missing", "trials: the records folder does not exist"),
        ("file", "trials: this is a file, not a folder of records"),
        ("empty", "trials: the folder holds no record file (*.yaml or *.yml)"),
        ("too_many", "trials: the folder holds more than 50 record files"),
    ],
)
def test_bad_records_dir_names_the_folder(tmp_path, case, words):
    message = _records_dir_error(tmp_path, case)
    assert message.startswith(f"{tmp_path / 'c.toml'}: records_dir: {tmp_path / 'trials'}")
    assert words in message
