"""The clinic configuration file."""

from __future__ import annotations

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
