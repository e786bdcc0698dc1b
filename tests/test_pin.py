"""The staff PIN: scrypt hashing, verification and the five-tries lock."""

from __future__ import annotations

import pytest

from app.pin import LOCK_SECONDS, MAX_TRIES, PinError, PinLock, hash_pin, verify_pin


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_pin("2468")


def test_hash_is_salted_scrypt(stored):
    assert stored.startswith("scrypt$16384$8$1$")
    assert "2468" not in stored
    assert hash_pin("2468") != stored  # a new salt each time


def test_verify(stored):
    assert verify_pin("2468", stored)
    assert verify_pin("۲۴۶۸", stored)  # Persian digits from a Persian keyboard
    assert not verify_pin("2469", stored)
    assert not verify_pin("", stored)
    assert not verify_pin("abcd", stored)


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", ""])
def test_bad_pins_are_refused(pin):
    with pytest.raises(PinError):
        hash_pin(pin)


@pytest.mark.parametrize(
    "damaged", ["", "md5$abc", "scrypt$1$8$1$AAAA$AAAA", "scrypt$16384$8$1$!!$??"]
)
def test_damaged_hash(damaged):
    with pytest.raises(PinError):
        verify_pin("1234", damaged)


def test_five_wrong_pins_lock_the_pad_for_a_minute(stored):
    now = [1000.0]
    lock = PinLock(stored, clock=lambda: now[0])
    for _ in range(MAX_TRIES - 1):
        assert not lock.try_pin("0000")
    assert lock.tries_left == 1
    assert not lock.try_pin("0000")
    assert lock.seconds_locked() == LOCK_SECONDS
    assert not lock.try_pin("2468")  # even the right PIN is refused while locked
    now[0] += LOCK_SECONDS - 1
    assert not lock.try_pin("2468")
    now[0] += 1
    assert lock.seconds_locked() == 0
    assert lock.try_pin("2468")
    assert lock.tries_left == MAX_TRIES
