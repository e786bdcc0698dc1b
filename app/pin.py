"""The staff PIN: stored only as a salted scrypt hash; five wrong tries lock the pad.

Format of a stored hash: ``scrypt$<n>$<r>$<p>$<salt, base64>$<hash, base64>``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable

from app.digits import TO_LATIN

#: scrypt cost parameters (RFC 7914): about 16 MiB and well under a second here.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 12
#: Wrong tries allowed before the pad locks, and for how long.
MAX_TRIES = 5
LOCK_SECONDS = 60.0


class PinError(ValueError):
    """A PIN or a stored hash that cannot be used."""


def normalize_pin(pin: str) -> str:
    """The PIN with Persian or Arabic-Indic digits read as Latin digits.

    Raises:
        PinError: the PIN is not 4 to 12 digits.
    """
    digits = pin.strip().translate(TO_LATIN)
    if not digits.isascii() or not digits.isdigit():
        raise PinError("a PIN is made of digits only")
    if not MIN_PIN_LENGTH <= len(digits) <= MAX_PIN_LENGTH:
        raise PinError(f"a PIN has {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits")
    return digits


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=HASH_BYTES, maxmem=64 * 1024 * 1024
    )


def hash_pin(pin: str) -> str:
    """A new salted scrypt hash of ``pin``.

    Raises:
        PinError: the PIN is not 4 to 12 digits.
    """
    digits = normalize_pin(pin)
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(digits, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_hash_format(stored: str) -> None:
    """Check that a stored hash is one :func:`hash_pin` could have written.

    Raises:
        PinError: it is not.
    """
    _parse(stored)


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes]:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise PinError("not a TrialGuide PIN hash (expected scrypt$n$r$p$salt$hash)")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except ValueError as exc:
        raise PinError(f"the PIN hash is damaged ({exc})") from None
    if n < 2**10 or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16:
        raise PinError("the PIN hash has unusable scrypt parameters")
    if len(salt) < 8 or len(digest) != HASH_BYTES:
        raise PinError("the PIN hash has the wrong length")
    return n, r, p, salt, digest


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches the stored hash (constant-time comparison).

    Raises:
        PinError: the stored hash is damaged.
    """
    n, r, p, salt, digest = _parse(stored)
    try:
        digits = normalize_pin(pin)
    except PinError:
        return False
    return hmac.compare_digest(_scrypt(digits, salt, n, r, p), digest)


class PinLock:
    """Counts wrong PINs; after :data:`MAX_TRIES` the pad is locked for :data:`LOCK_SECONDS`."""

    def __init__(self, stored: str, clock: Callable[[], float] = time.monotonic) -> None:
        check_hash_format(stored)
        self._stored = stored
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0

    def seconds_locked(self) -> float:
        """Seconds until the pad opens again (0 when it is open)."""
        return max(0.0, self._locked_until - self._clock())

    @property
    def tries_left(self) -> int:
        """Wrong tries left before the pad locks."""
        return MAX_TRIES - self._failures

    def try_pin(self, pin: str) -> bool:
        """Check a PIN. A locked pad refuses every PIN, right or wrong."""
        if self.seconds_locked() > 0:
            return False
        if verify_pin(pin, self._stored):
            self._failures = 0
            return True
        self._failures += 1
        if self._failures >= MAX_TRIES:
            self._failures = 0
            self._locked_until = self._clock() + LOCK_SECONDS
        return False
