"""The staff PIN: scrypt hashing, verification, and the lock that grows and survives restarts."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import stat

import pytest

from app import pin as pin_module
from app.config import ConfigError, load_config
from app.pin import (
    LOCK_SECONDS,
    MAX_LOCK_SECONDS,
    MAX_TRIES,
    STATE_NAME,
    PinError,
    PinLock,
    check_hash_format,
    hash_pin,
    lock_seconds,
    read_state,
    verify_pin,
)

PIN = "246813"
WRONG = "975310"  # digits that would stand out in a log or a state file


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_pin(PIN)


def _hash(digits: str, n: int = 2**14, r: int = 8, p: int = 1) -> str:
    """A hash :func:`hash_pin` would refuse to make (short PIN) or could not (odd params)."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(digits.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=2**27)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


def _fake_hash(n: int, r: int, p: int) -> str:
    salt, digest = base64.b64encode(b"s" * 16).decode(), base64.b64encode(b"d" * 32).decode()
    return f"scrypt${n}${r}${p}${salt}${digest}"


# -- hashing and PIN length ----------------------------------------------------------------


def test_hash_is_salted_scrypt(stored):
    assert stored.startswith("scrypt$16384$8$1$")
    assert PIN not in stored
    assert hash_pin(PIN) != stored  # a new salt each time


def test_verify(stored):
    assert verify_pin(PIN, stored)
    assert verify_pin("۲۴۶۸۱۳", stored)  # Persian digits from a Persian keyboard
    assert not verify_pin("246814", stored)
    assert not verify_pin("", stored)
    assert not verify_pin("abcdef", stored)


@pytest.mark.parametrize("pin", ["123", "1234", "12345", "1234567890123", "12a456", ""])
def test_new_pins_need_six_to_twelve_digits(pin):
    with pytest.raises(PinError):
        hash_pin(pin)


def test_an_existing_four_digit_hash_still_verifies_and_is_noted(caplog):
    legacy = _hash("2468")
    assert verify_pin("2468", legacy)
    assert not verify_pin("2469", legacy)
    lock = PinLock(legacy, state_path=None)
    with caplog.at_level(logging.INFO, logger="trialguide.pin"):
        assert lock.try_pin("2468")
    assert "shorter than the 6 digits" in caplog.text
    assert "2468" not in caplog.text


@pytest.mark.parametrize(
    "damaged", ["", "md5$abc", "scrypt$1$8$1$AAAA$AAAA", "scrypt$16384$8$1$!!$??"]
)
def test_damaged_hash(damaged):
    with pytest.raises(PinError):
        verify_pin("123456", damaged)


@pytest.mark.parametrize(
    ("n", "r", "p", "words"),
    [
        (2**30, 8, 1, "N=1073741824 must be a power of two from 2^14 to 2^20"),
        (2**13, 8, 1, "must be a power of two"),
        (2**21, 1, 1, "must be a power of two"),
        (3 * 2**14, 8, 1, "must be a power of two"),
        (2**14, 0, 1, "r=0 must be 1 to 32"),
        (2**14, 33, 1, "r=33"),
        (2**14, 8, 17, "p=17"),
        (2**20, 8, 1, "MiB per try"),  # 1 GiB
        (2**14, 16, 16, "each try would take too long"),
        (2**14, 8, 10**40, "damaged"),  # digits beyond any sane count
        (2**14, 8, -1, "damaged"),
    ],
)
def test_insane_scrypt_parameters_are_refused(n, r, p, words):
    with pytest.raises(PinError, match=r"unusable scrypt parameters|damaged") as info:
        check_hash_format(_fake_hash(n, r, p))
    assert words in str(info.value)


@pytest.mark.parametrize(("n", "r", "p"), [(2**14, 8, 1), (2**18, 1, 1), (2**14, 8, 16)])
def test_sane_scrypt_parameters_pass(n, r, p):
    check_hash_format(_fake_hash(n, r, p))


def test_config_with_a_huge_scrypt_n_names_pin_hash(tmp_path):
    # Before: N = 2^30 loaded fine and every try at the pad raised.
    path = tmp_path / "trialguide.toml"
    path.write_text(f'kiosk = true\npin_hash = "{_fake_hash(2**30, 8, 1)}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert f"{path}: pin_hash: value error, the PIN hash has unusable scrypt" in str(info.value)


# -- the lock in memory --------------------------------------------------------------------


def _lock(stored: str, state_path=None, mono: float = 1000.0, wall: float = 1.7e9):
    mono_clock, wall_clock = Clock(mono), Clock(wall)
    lock = PinLock(stored, mono_clock, state_path=state_path, wall_clock=wall_clock)
    return lock, mono_clock, wall_clock


def _fail_batch(lock: PinLock) -> None:
    for _ in range(MAX_TRIES):
        assert not lock.try_pin(WRONG)


def test_five_wrong_pins_lock_the_pad_for_a_minute(stored):
    lock, mono, _wall = _lock(stored)
    for _ in range(MAX_TRIES - 1):
        assert not lock.try_pin(WRONG)
    assert lock.tries_left == 1
    assert not lock.try_pin(WRONG)
    assert lock.seconds_locked() == LOCK_SECONDS
    assert not lock.try_pin(PIN)  # even the right PIN is refused while locked
    mono.advance(LOCK_SECONDS - 1)
    assert not lock.try_pin(PIN)
    mono.advance(1)
    assert lock.seconds_locked() == 0
    assert lock.try_pin(PIN)
    assert lock.tries_left == MAX_TRIES


def test_each_further_batch_doubles_the_lock_up_to_an_hour(stored):
    lock, mono, _wall = _lock(stored)
    seen = []
    for _ in range(9):
        _fail_batch(lock)
        seen.append(lock.seconds_locked())
        mono.advance(lock.seconds_locked())
    assert seen == [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]
    assert MAX_LOCK_SECONDS == 3600
    assert lock.try_pin(PIN)  # the right PIN starts over at one minute
    _fail_batch(lock)
    assert lock.seconds_locked() == LOCK_SECONDS


def test_lock_seconds():
    assert lock_seconds(0) == 0
    assert lock_seconds(1) == LOCK_SECONDS
    assert lock_seconds(10**9) == MAX_LOCK_SECONDS


def test_wrong_pins_and_lock_outs_are_logged_without_digits(stored, caplog):
    lock, _mono, _wall = _lock(stored)
    with caplog.at_level(logging.INFO, logger="trialguide.pin"):
        _fail_batch(lock)
    messages = [r.getMessage() for r in caplog.records]
    assert messages.count("Wrong staff PIN (1 of 5 before the pad locks)") == 1
    assert sum("Wrong staff PIN" in m for m in messages) == MAX_TRIES
    assert "Staff PIN pad locked for 60 s (lock-out 1 in a row)" in messages
    assert WRONG not in caplog.text and PIN not in caplog.text


# -- the lock across restarts --------------------------------------------------------------


def test_a_restart_keeps_the_lock_and_its_level(stored, tmp_path):
    state = tmp_path / STATE_NAME
    lock, _mono, wall = _lock(stored, state)
    _fail_batch(lock)
    assert lock.seconds_locked() == LOCK_SECONDS
    # Twenty seconds later the app restarts: a new monotonic clock, the same wall clock.
    wall.advance(20)
    again = PinLock(stored, Clock(5.0), state_path=state, wall_clock=wall)
    assert again.seconds_locked() == LOCK_SECONDS - 20
    assert not again.try_pin(PIN)
    # After the lock, the next batch locks for two minutes: the level survived too.
    wall.advance(60)
    third, _mono3, _wall3 = _lock(stored, state, mono=7.0, wall=wall.now)
    assert third.seconds_locked() == 0
    _fail_batch(third)
    assert third.seconds_locked() == 2 * LOCK_SECONDS


def test_a_restart_keeps_the_wrong_tries_of_an_unfinished_batch(stored, tmp_path):
    state = tmp_path / STATE_NAME
    lock, _mono, wall = _lock(stored, state)
    for _ in range(MAX_TRIES - 1):
        lock.try_pin(WRONG)
    again = PinLock(stored, Clock(1.0), state_path=state, wall_clock=wall)
    assert again.tries_left == 1
    assert not again.try_pin(WRONG)
    assert again.seconds_locked() == LOCK_SECONDS


def test_the_state_file_holds_counts_and_times_only(stored, tmp_path):
    state = tmp_path / STATE_NAME
    lock, _mono, _wall = _lock(stored, state)
    _fail_batch(lock)
    data = json.loads(state.read_text(encoding="utf-8"))
    assert set(data) == {"version", "failures", "lockouts", "locked_at", "locked_until"}
    assert data["lockouts"] == 1 and data["failures"] == 0
    assert WRONG not in state.read_text() and PIN not in state.read_text()
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [STATE_NAME]  # no temporary file left
    assert lock.try_pin(PIN) is False  # still locked
    assert read_state(state).lockouts == 1


def test_the_right_pin_clears_the_state(stored, tmp_path):
    state = tmp_path / STATE_NAME
    lock, mono, _wall = _lock(stored, state)
    _fail_batch(lock)
    mono.advance(LOCK_SECONDS)
    assert lock.try_pin(PIN)
    assert read_state(state) == pin_module.PinState()


@pytest.mark.parametrize("back", [3600.0, 86400.0 * 365])
def test_a_clock_set_back_never_ends_the_lock_early(stored, tmp_path, back):
    state = tmp_path / STATE_NAME
    lock, _mono, wall = _lock(stored, state)
    _fail_batch(lock)
    assert lock.seconds_locked() == LOCK_SECONDS
    wall.advance(-back)  # the clock is set back (a dead RTC battery, a hand edit)
    again = PinLock(stored, Clock(0.0), state_path=state, wall_clock=wall)
    assert again.seconds_locked() == LOCK_SECONDS  # the whole lock, never less, never more


def test_a_lock_end_far_in_the_future_is_capped(stored, tmp_path):
    state = tmp_path / STATE_NAME
    now = 1.7e9
    state.write_text(
        json.dumps(
            {
                "version": 1,
                "failures": 0,
                "lockouts": 2,
                "locked_at": now,
                "locked_until": now + 10 * 365 * 86400,
            }
        ),
        encoding="utf-8",
    )
    lock, _mono, _wall = _lock(stored, state, wall=now)
    assert lock.seconds_locked() == 2 * LOCK_SECONDS


def _state_text(**changes: object) -> bytes:
    fields = {"version": 1, "failures": 0, "lockouts": 0, "locked_at": 0, "locked_until": 0}
    fields.update(changes)
    return ", ".join(f'"{key}": {value}' for key, value in fields.items()).join("{}").encode()


_HOSTILE_TEXTS = {
    "garbage": b"\x00\xff\xfe not json",
    "empty": b"",
    "empty object": b"{}",
    "list": b"[1, 2, 3]",
    "wrong version": _state_text(version=2),
    "nan": _state_text(lockouts=1, locked_at="NaN"),
    "infinity": _state_text(lockouts=1, locked_until="Infinity"),
    "negative": _state_text(failures=-4),
    "string count": _state_text(failures='"4"'),
    "bool count": _state_text(failures="true"),
    "too many failures": _state_text(failures=5),
    "huge time": _state_text(locked_until="1e308"),
    "ends before it starts": _state_text(lockouts=1, locked_at=9, locked_until=1),
    "5000-digit number": _state_text(failures="9" * 5000),
    "deep nesting": b"[" * 2000 + b"]" * 2000,
    "too large": b" " * 10_000 + b"{}",
    "not utf-8": b'{"version": 1, "x": "\xc3\x28"}',
}


@pytest.mark.parametrize("name", list(_HOSTILE_TEXTS))
def test_a_hostile_state_file_fails_closed_without_crashing(stored, tmp_path, caplog, name):
    state = tmp_path / STATE_NAME
    state.write_bytes(_HOSTILE_TEXTS[name])
    with caplog.at_level(logging.WARNING, logger="trialguide.pin"):
        lock, _mono, _wall = _lock(stored, state)
    assert lock.seconds_locked() == LOCK_SECONDS  # locked for the base period, not fresh
    assert "state file cannot be used" in caplog.text
    assert read_state(state).lockouts == 1  # and the file is sound again


def _special(tmp_path, kind: str):
    state = tmp_path / STATE_NAME
    if kind == "symlink to /dev/zero":
        state.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(state)  # opening it for reading must not hang
    elif kind == "directory":
        state.mkdir()
    elif kind == "dangling symlink":
        state.symlink_to(tmp_path / "elsewhere")
    return state


@pytest.mark.parametrize("kind", ["symlink to /dev/zero", "fifo", "directory", "dangling symlink"])
def test_a_state_path_that_is_no_regular_file_fails_closed(stored, tmp_path, kind):
    state = _special(tmp_path, kind)
    lock, mono, _wall = _lock(stored, state)
    assert lock.seconds_locked() == LOCK_SECONDS
    mono.advance(LOCK_SECONDS)
    assert lock.try_pin(PIN)
    assert not (tmp_path / "elsewhere").exists()  # the link was replaced, never followed


def test_a_state_file_that_cannot_be_written_keeps_the_lock_in_memory(stored, tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    state = blocker / "log" / STATE_NAME  # its folder cannot be made
    with caplog.at_level(logging.WARNING, logger="trialguide.pin"):
        lock, _mono, _wall = _lock(stored, state)
        _fail_batch(lock)
    assert lock.seconds_locked() == LOCK_SECONDS
    assert caplog.text.count("Cannot write the staff PIN state file") == 1


def test_setup_logging_keeps_the_state_beside_the_log(stored, tmp_path):
    from app.kiosk.logs import pin_state_path, setup_logging, teardown_logging

    handler = setup_logging(tmp_path)
    try:
        assert pin_module.state_file() == tmp_path / STATE_NAME == pin_state_path(tmp_path)
        lock = PinLock(stored)
        _fail_batch(lock)
        assert (tmp_path / STATE_NAME).is_file()
    finally:
        teardown_logging(handler)
    assert pin_module.state_file() is None
    log_text = (tmp_path / "trialguide.log").read_text(encoding="utf-8")
    assert "Wrong staff PIN" in log_text and "Staff PIN pad locked for 60 s" in log_text
    assert WRONG not in log_text


# -- set-pin writes the config safely ------------------------------------------------------


def _set_pin(config, monkeypatch, pin: str = PIN) -> int:
    import io

    from app.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(f"{pin}\n"))
    return main(["set-pin", "--config", str(config), "--pin-stdin"])


def test_set_pin_does_not_follow_a_link_planted_at_the_old_temporary_name(tmp_path, monkeypatch):
    config = tmp_path / "trialguide.toml"
    config.write_text("kiosk = true\n", encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    planted = tmp_path / "trialguide.tmp"  # the name the old code always wrote to
    planted.symlink_to(victim)
    assert _set_pin(config, monkeypatch) == 0
    assert victim.read_text(encoding="utf-8") == "precious\n"  # not written through
    assert planted.is_symlink() and planted.resolve() == victim  # not moved or replaced
    assert not config.is_symlink() and config.is_file()
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    config_value, _ = load_config(config)
    assert config_value.kiosk and verify_pin(PIN, config_value.pin_hash)
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers == ["trialguide.tmp", "trialguide.toml", "victim.txt"]


def test_set_pin_refuses_a_config_that_is_a_symbolic_link(tmp_path, monkeypatch, capsys):
    real = tmp_path / "real.toml"
    real.write_text("kiosk = true\n", encoding="utf-8")
    link = tmp_path / "trialguide.toml"
    link.symlink_to(real)
    assert _set_pin(link, monkeypatch) == 2
    err = capsys.readouterr().err
    assert f"{link}: the config is a symbolic link" in err
    assert real.read_text(encoding="utf-8") == "kiosk = true\n"
    assert link.is_symlink()


@pytest.mark.parametrize("kind", ["fifo", "directory"])
def test_set_pin_refuses_a_config_that_is_not_a_regular_file(tmp_path, monkeypatch, capsys, kind):
    config = tmp_path / "trialguide.toml"
    os.mkfifo(config) if kind == "fifo" else config.mkdir()
    assert _set_pin(config, monkeypatch) == 2  # and did not hang on the FIFO
    assert f"{config}: this is not a regular file" in capsys.readouterr().err


def test_set_pin_refuses_a_short_pin_and_names_the_minimum(tmp_path, monkeypatch, capsys):
    config = tmp_path / "trialguide.toml"
    assert _set_pin(config, monkeypatch, "24681") == 2
    assert "a PIN has 6 to 12 digits" in capsys.readouterr().err
    assert not config.exists()


def test_set_pin_prompt_names_the_minimum(tmp_path, monkeypatch):
    from app.cli import main

    prompts = []

    def getpass(prompt):
        prompts.append(prompt)
        return PIN

    monkeypatch.setattr("getpass.getpass", getpass)
    assert main(["set-pin", "--config", str(tmp_path / "c.toml")]) == 0
    assert prompts[0] == "New staff PIN (6 to 12 digits): "


def test_write_pin_hash_refuses_a_link_made_after_the_check(tmp_path, monkeypatch):
    # A link that appears at the config path is never read through or written through.
    from app import config as config_module

    real = tmp_path / "real.toml"
    real.write_text("kiosk = true\n", encoding="utf-8")
    link = tmp_path / "trialguide.toml"
    link.symlink_to(real)
    monkeypatch.setattr(config_module, "check_pin_target", lambda _path: None)
    with pytest.raises(config_module.ConfigError, match="symbolic link"):
        config_module.write_pin_hash(link, hash_pin(PIN))
    assert real.read_text(encoding="utf-8") == "kiosk = true\n"
