"""Starting the app: config and record wiring, and the staff-facing error window."""

from __future__ import annotations

import io

import pytest
from kiosk_helpers import PIN
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton

from app import cli
from app import launch as launcher
from app.i18n import pick
from app.kiosk.error_screen import ErrorWindow
from app.kiosk.info import CONFIG, RECORD


def _config(tmp_path, text: str):
    path = tmp_path / "trialguide.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _all_text(window) -> str:
    parts = [window.windowTitle()]
    parts += [label.text() for label in window.findChildren(QLabel)]
    parts += [edit.toPlainText() for edit in window.findChildren(QPlainTextEdit)]
    parts += [button.text() for button in window.findChildren(QPushButton)]
    return "\n".join(parts)


def _patient_texts(record) -> list[str]:
    ident = record.identification
    texts = [ident.brief_title, ident.official_title, record.official.brief_summary]
    for lang in record.languages:
        texts.append(pick(ident.plain_title, lang))
        if ident.short_title:
            texts.append(pick(ident.short_title, lang))
    return [t for t in texts if t]


def test_broken_record_shows_the_error_window(
    launched, tmp_path, broken_record_file, default_record, capsys
):
    config = _config(tmp_path, "")
    result = launched(str(broken_record_file), "en", config_path=config)
    window = result.window
    assert isinstance(window, ErrorWindow) and window.kind == RECORD
    assert result.exit_code == 2
    assert result.session is None and result.controller is None
    details = window.details.toPlainText()
    assert str(broken_record_file) in details
    assert "identification.nct_id" in details  # the field path
    assert f"{broken_record_file}:" in details and ": identification.nct_id" in details
    assert details.split(":")[1].strip().isdigit()  # the line number
    text = _all_text(window)
    for patient_text in _patient_texts(default_record):
        assert patient_text not in text, patient_text
    assert "identification.nct_id" in capsys.readouterr().err


def test_record_named_in_the_config_is_used(launched, tmp_path, broken_record_file):
    config = _config(tmp_path, f'record = "{broken_record_file.name}"\n')
    broken_record_file.rename(tmp_path / broken_record_file.name)
    result = launched(None, "en", config_path=config)
    assert isinstance(result.window, ErrorWindow)
    assert str(tmp_path / broken_record_file.name) in result.window.details.toPlainText()


def test_error_window_in_kiosk_mode_is_locked_but_staff_can_quit(
    launched, qtbot, tmp_path, broken_record_file, pin_hash
):
    config = _config(tmp_path, f'kiosk = true\npin_hash = "{pin_hash}"\n')
    result = launched(str(broken_record_file), "en", config_path=config)
    window = result.window
    result.show()
    qtbot.waitExposed(window)
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.close() is False
    assert not window.quit_button.isVisible()
    assert window.staff_hint.isVisible()
    window.corner.held.emit()
    pad = window.pin_pad
    assert pad.isVisible()
    pad.entry.setText(PIN)
    with qtbot.waitSignal(window.quitting):
        pad.submit()
    assert not window.isVisible()


def _assert_locked(qtbot, result, *, pin: bool) -> None:
    """The error window is as locked as the kiosk: no Quit, no close, the staff gesture."""
    window = result.window
    result.show()
    qtbot.waitExposed(window)
    assert window.kiosk and window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.quit_button.isHidden()
    assert window.close() is False and window.isVisible()
    assert window.staff_hint.isVisible()
    window.corner.held.emit()
    pad = window.pin_pad
    assert pad.isVisible() and pad.enabled is pin
    if not pin:
        assert "cannot be quit from this screen" in window.staff_hint.text()
        assert "turned off" in pad.status.text()


def test_error_window_in_kiosk_without_a_pin_cannot_be_quit(
    launched, qtbot, tmp_path, broken_record_file
):
    # Before: a Quit button let a patient leave a kiosk whose record was broken.
    config = _config(tmp_path, "kiosk = true\n")
    result = launched(str(broken_record_file), "en", config_path=config)
    _assert_locked(qtbot, result, pin=False)
    with qtbot.assertNotEmitted(result.window.quitting):
        result.window.pin_pad.submit()


@pytest.mark.parametrize(
    "typo",
    [
        "idle_second = 90\n",  # a misspelt key
        "idle_seconds = 2\n",  # a bad value
        "idle_seconds = \n",  # not TOML at all
        'record = "a.yaml"\nrecord = "b.yaml"\n',  # a duplicate key: not TOML either
    ],
)
def test_config_typo_with_kiosk_true_keeps_the_error_window_locked(
    launched, qtbot, tmp_path, pin_hash, typo
):
    # Before: any typo opened an ordinary window with a Quit button.
    config = _config(tmp_path, f'kiosk = true\npin_hash = "{pin_hash}"\n{typo}')
    result = launched(None, "en", config_path=config)
    assert result.window.kind == CONFIG and result.kiosk
    _assert_locked(qtbot, result, pin=True)
    pad = result.window.pin_pad
    pad.entry.setText(PIN)
    with qtbot.waitSignal(result.window.quitting):
        pad.submit()


@pytest.mark.parametrize("kiosk_line", ["kiosk = true\n", "kiosk = 'maybe'\n", "kiosk = tru\n"])
def test_config_typo_with_kiosk_and_no_usable_pin_cannot_be_quit(
    launched, qtbot, tmp_path, kiosk_line
):
    config = _config(tmp_path, f'{kiosk_line}pin_hash = "scrypt$1$8$1$AAAA$AAAA"\n')
    result = launched(None, "en", config_path=config)
    assert result.window.kind == CONFIG
    _assert_locked(qtbot, result, pin=False)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("idle_second = 90\n", None),
        ("kiosk = false\nidle_second = 90\n", None),
        ("kiosk = false\nidle_seconds = \n", None),  # not TOML, kiosk plainly off
        ("idle_seconds = 90\nidle_seconds = \n", None),
        ("kiosk = true\nidle_second = 90\n", False),  # --no-kiosk, as for a good config
    ],
)
def test_config_typo_on_a_desktop_still_offers_quit(launched, qtbot, tmp_path, text, flag):
    config = _config(tmp_path, text)
    result = launched(None, "en", config_path=config, kiosk=flag)
    window = result.window
    assert window.kind == CONFIG and not window.kiosk and not result.kiosk
    result.show()
    qtbot.waitExposed(window)
    assert window.quit_button.isVisible() and window.pin_pad is None
    with qtbot.waitSignal(window.quitting):
        qtbot.mouseClick(window.quit_button, Qt.MouseButton.LeftButton)


def test_unreadable_config_follows_the_command_line(launched, tmp_path):
    config = tmp_path / "trialguide.toml"
    config.mkdir()  # not a file: nothing can be salvaged from it
    assert not launched(None, "en", config_path=config).window.kiosk
    assert launched(None, "en", config_path=config, kiosk=True).window.kiosk


@pytest.mark.parametrize(
    ("text", "kiosk", "has_pin"),
    [
        ("\ufeffkiosk = true\nidle_seconds = 2\n", True, False),  # a byte-order mark
        ("kiosk = true # on\n[[[broken\n", True, False),
        ("'kiosk' = \"yes\"\n[[[broken\n", True, False),
        ("kiosk = false\n[[[broken\n", False, False),
        ('kiosk = "off"\nidle_seconds = 2\n', False, False),
        ("colour = 1\n", False, False),
        ("PIN\n[[[broken\n", True, True),
        ("PIN\nkiosk = 1\n", True, True),
    ],
)
def test_salvage_reads_kiosk_and_pin_from_a_broken_config(tmp_path, pin_hash, text, kiosk, has_pin):
    text = text.replace("PIN\n", f'pin_hash = "{pin_hash}"\nkiosk = true\n')
    config = _config(tmp_path, text)
    assert launcher._salvage(config) == (kiosk, pin_hash if has_pin else None)


def test_salvage_does_not_wait_on_a_fifo(tmp_path):
    import os

    fifo = tmp_path / "trialguide.toml"
    os.mkfifo(fifo)
    assert launcher._salvage(fifo) == (None, None)
    assert launcher._salvage(tmp_path / "missing.toml") == (None, None)
    assert launcher._salvage("bad\0path") == (None, None)


def test_invalid_config_names_the_key(launched, tmp_path, capsys):
    config = _config(tmp_path, "idle_seconds = 2\ncolour = 'blue'\n")
    result = launched(None, "en", config_path=config)
    window = result.window
    assert isinstance(window, ErrorWindow) and window.kind == CONFIG
    assert result.exit_code == 2
    details = window.details.toPlainText()
    assert f"{config}: idle_seconds: input should be greater than or equal to 5" in details
    assert f"{config}: colour: is not a setting TrialGuide knows" in details
    err = capsys.readouterr().err
    assert "idle_seconds" in err and "colour" in err
    assert not window.quit_button.isHidden()  # not a kiosk: it can simply be closed
    assert window.close() is True


def test_invalid_config_in_kiosk_keeps_a_valid_pin(launched, tmp_path, pin_hash):
    config = _config(tmp_path, f'pin_hash = "{pin_hash}"\nidle_seconds = "soon"\n')
    result = launched(None, "fa", config_path=config, kiosk=True)
    window = result.window
    assert window.kiosk and window.pin_pad is not None
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.details.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_config_turns_kiosk_mode_on_and_the_flag_overrides_it(launched, tmp_path, pin_hash):
    config = _config(
        tmp_path,
        f'kiosk = true\ndefault_language = "fa"\nidle_seconds = 30\npin_hash = "{pin_hash}"\n',
    )
    on = launched(None, None, config_path=config)
    assert on.controller.kiosk and on.kiosk
    assert on.session.language == on.session.default_language == "fa"
    assert on.controller.idle._idle.interval() == 30_000
    assert on.controller.info.config_found
    assert on.controller.pin_pad.enabled
    off = launched(None, "en", config_path=config, kiosk=False)
    assert not off.controller.kiosk
    assert off.session.language == "en"


def test_counselor_flag_never_makes_a_kiosk(launched, tmp_path, monkeypatch):
    config = _config(tmp_path, "kiosk = true\n")

    def missing(_session):
        raise ModuleNotFoundError("app.ui.counselor.window")

    monkeypatch.setattr(launcher, "open_counselor", missing)
    with pytest.raises(launcher.LaunchError, match="Counselor mode is not available"):
        launcher.launch(None, "en", config_path=config, counselor=True)


def test_missing_default_config_means_defaults(launched, tmp_path, monkeypatch):
    monkeypatch.setenv("TRIALGUIDE_CONFIG", str(tmp_path / "none.toml"))
    result = launched(None, None)
    assert not result.controller.kiosk
    assert not result.controller.pin_pad.enabled
    assert not result.controller.info.config_found


# -- the command line ----------------------------------------------------------------------


@pytest.fixture
def run_calls(monkeypatch):
    calls: list[dict] = []
    monkeypatch.setattr(launcher, "run_app", lambda **kwargs: calls.append(kwargs) or 0)
    return calls


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], dict(record_path=None, language=None, config_path=None, kiosk=None, counselor=False)),
        (["--kiosk", "--config", "k.toml"], dict(kiosk=True, config_path="k.toml")),
        (["--no-kiosk"], dict(kiosk=False)),
        (["--counselor", "--lang", "fa"], dict(counselor=True, language="fa")),
        (["run", "--kiosk", "--record", "r.yaml"], dict(kiosk=True, record_path="r.yaml")),
        (["--record", "r.yaml", "--kiosk", "run"], dict(kiosk=True, record_path="r.yaml")),
        (["--config", "a.toml", "run", "--lang", "fa"], dict(config_path="a.toml", language="fa")),
    ],
)
def test_cli_passes_run_options(run_calls, argv, expected):
    assert cli.main(argv) == 0
    (call,) = run_calls
    for key, value in expected.items():
        assert call[key] == value, key


def test_kiosk_and_counselor_exclude_each_other(run_calls, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--kiosk", "--counselor"])
    assert exc.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_set_pin_honours_a_config_given_before_the_subcommand(tmp_path, monkeypatch):
    config = tmp_path / "clinic.toml"
    config.write_text("kiosk = true\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n"))
    assert cli.main(["--config", str(config), "set-pin", "--pin-stdin"]) == 0
    text = config.read_text(encoding="utf-8")
    assert "kiosk = true" in text and "pin_hash = " in text
    assert PIN not in text
