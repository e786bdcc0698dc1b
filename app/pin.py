"""The staff PIN: stored only as a salted scrypt hash; wrong tries lock the pad, longer each time.

Format of a stored hash: ``scrypt$<n>$<r>$<p>$<salt, base64>$<hash, base64>``. Only sane
scrypt parameters are accepted (:func:`check_hash_format`): a hash that would take minutes
or gigabytes per try is refused when the config is read, not at the first try.

New PINs have :data:`MIN_PIN_LENGTH` (6) to :data:`MAX_PIN_LENGTH` digits; a hash of an
older 4- or 5-digit PIN still verifies, and a right short PIN is noted in the log.

:class:`PinLock` counts wrong PINs. After :data:`MAX_TRIES` in a row the pad locks for
:data:`LOCK_SECONDS`; each further batch of wrong PINs doubles the lock, up to
:data:`MAX_LOCK_SECONDS`; only the right PIN resets it. Each wrong PIN and each lock-out is
logged (counts only, never digits). The counts and times are kept in a small state file
beside the log (:func:`use_state_file`, called by :func:`app.kiosk.logs.setup_logging`),
so a restart does not clear the lock. A state file that exists but cannot be read or makes
no sense counts as a lock-out of the base period: a hostile or damaged file never gives
more tries than a sound one (anyone who could plant such a file could delete it, and a
missing file is a fresh start, so failing closed costs staff one minute at most and gives
an attacker nothing).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from app.digits import TO_LATIN
from app.files import FileReadError, read_bounded, write_atomic

log = logging.getLogger("trialguide.pin")

#: scrypt cost parameters (RFC 7914) for new hashes: about 16 MiB and 0.06 s here.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
#: What a stored hash may ask for: N a power of two in this range, r and p within these,
#: memory (128·r·(N+p+2) bytes, as OpenSSL counts it) within :data:`SCRYPT_MAXMEM`, and
#: work N·r·p at most :data:`SCRYPT_MAX_WORK` (16 times the default: about a second).
SCRYPT_MIN_N = 2**14
SCRYPT_MAX_N = 2**20
SCRYPT_MAX_R = 32
SCRYPT_MAX_P = 16
SCRYPT_MAXMEM = 64 * 1024 * 1024
SCRYPT_MAX_WORK = 16 * SCRYPT_N * SCRYPT_R * SCRYPT_P
SALT_BYTES = 16
HASH_BYTES = 32
#: Digits of a new PIN (``set-pin``).
MIN_PIN_LENGTH = 6
MAX_PIN_LENGTH = 12
#: The shortest PIN an existing hash may hold (set before PINs needed six digits).
MIN_LEGACY_PIN_LENGTH = 4
#: Wrong tries allowed before the pad locks; the first lock, and the longest.
MAX_TRIES = 5
LOCK_SECONDS = 60.0
MAX_LOCK_SECONDS = 3600.0

#: The name of the state file beside the log.
STATE_NAME = "pin-state.json"
_STATE_MAX_BYTES = 4096


class PinError(ValueError):
    """A PIN or a stored hash that cannot be used."""


def normalize_pin(pin: str, min_length: int = MIN_PIN_LENGTH) -> str:
    """The PIN with Persian or Arabic-Indic digits read as Latin digits.

    Raises:
        PinError: the PIN is not ``min_length`` to :data:`MAX_PIN_LENGTH` digits.
    """
    digits = pin.strip().translate(TO_LATIN)
    if not digits.isascii() or not digits.isdigit():
        raise PinError("a PIN is made of digits only")
    if not min_length <= len(digits) <= MAX_PIN_LENGTH:
        raise PinError(f"a PIN has {min_length} to {MAX_PIN_LENGTH} digits")
    return digits


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=HASH_BYTES,
        maxmem=SCRYPT_MAXMEM + 1024 * 1024,  # OpenSSL's own overhead on top of ours
    )


def hash_pin(pin: str) -> str:
    """A new salted scrypt hash of ``pin``.

    Raises:
        PinError: the PIN is not 6 to 12 digits.
    """
    digits = normalize_pin(pin)
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(digits, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_hash_format(stored: str) -> None:
    """Check that a stored hash is well formed and its scrypt parameters are sane.

    Raises:
        PinError: it is not.
    """
    _parse(stored)


def check_scrypt_parameters(n: int, r: int, p: int) -> None:
    """Refuse scrypt parameters that would make every try slow, huge or impossible.

    Raises:
        PinError: the message says which limit is passed.
    """
    if n & (n - 1) or not SCRYPT_MIN_N <= n <= SCRYPT_MAX_N:
        raise PinError(
            f"the PIN hash has unusable scrypt parameters: N={n} must be a power of two "
            f"from 2^{SCRYPT_MIN_N.bit_length() - 1} to 2^{SCRYPT_MAX_N.bit_length() - 1}"
        )
    if not 1 <= r <= SCRYPT_MAX_R or not 1 <= p <= SCRYPT_MAX_P:
        raise PinError(
            f"the PIN hash has unusable scrypt parameters: r={r} must be 1 to {SCRYPT_MAX_R} "
            f"and p={p} 1 to {SCRYPT_MAX_P}"
        )
    memory = 128 * r * (n + p + 2)
    if memory > SCRYPT_MAXMEM:
        raise PinError(
            f"the PIN hash has unusable scrypt parameters: they need {memory // 2**20} MiB "
            f"per try (at most {SCRYPT_MAXMEM // 2**20} MiB)"
        )
    if n * r * p > SCRYPT_MAX_WORK:
        raise PinError(
            "the PIN hash has unusable scrypt parameters: N·r·p is more than "
            f"{SCRYPT_MAX_WORK} (each try would take too long)"
        )


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes]:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise PinError("not a TrialGuide PIN hash (expected scrypt$n$r$p$salt$hash)")
    try:
        if not all(x.isascii() and x.isdigit() and len(x) <= 10 for x in parts[1:4]):
            raise ValueError("n, r and p must be whole numbers")
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except ValueError as exc:
        raise PinError(f"the PIN hash is damaged ({exc})") from None
    check_scrypt_parameters(n, r, p)
    if not 8 <= len(salt) <= 64 or len(digest) != HASH_BYTES:
        raise PinError("the PIN hash has the wrong length")
    return n, r, p, salt, digest


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches the stored hash (constant-time comparison).

    PINs of 4 or 5 digits, allowed before, are still checked against an existing hash.

    Raises:
        PinError: the stored hash is damaged.
    """
    n, r, p, salt, digest = _parse(stored)
    try:
        digits = normalize_pin(pin, MIN_LEGACY_PIN_LENGTH)
    except PinError:
        return False
    return hmac.compare_digest(_scrypt(digits, salt, n, r, p), digest)


def lock_seconds(lockouts: int) -> float:
    """How long the ``lockouts``-th lock-out in a row lasts (60 s, doubling, at most 1 h)."""
    if lockouts < 1:
        return 0.0
    return min(LOCK_SECONDS * float(2 ** min(lockouts - 1, 32)), MAX_LOCK_SECONDS)


# -- the state file ------------------------------------------------------------------------

_state_file: Path | None = None


def use_state_file(path: Path | None) -> None:
    """Keep the lock's counts in ``path`` from now on (None: in memory only).

    :func:`app.kiosk.logs.setup_logging` calls this with a file beside the log.
    """
    global _state_file
    _state_file = path


def state_file() -> Path | None:
    """The state file new locks use by default (None: in memory only)."""
    return _state_file


@dataclass(frozen=True)
class PinState:
    """What the state file holds: counts and wall-clock times, never digits.

    Attributes:
        failures: wrong PINs since the last lock-out or right PIN.
        lockouts: lock-outs since the last right PIN.
        locked_at: when the last lock-out began (seconds since the epoch; 0: never).
        locked_until: when it ends.
    """

    failures: int = 0
    lockouts: int = 0
    locked_at: float = 0.0
    locked_until: float = 0.0


class StateUnreadable(Exception):
    """The state file exists but cannot be read or makes no sense."""


def read_state(path: Path) -> PinState | None:
    """The state in ``path``; None when there is none (a fresh start).

    Only a small regular file is read; a link, a device, a FIFO, a large or malformed file
    raises :class:`StateUnreadable`.
    """
    try:
        data = read_bounded(path, _STATE_MAX_BYTES, what="a state file", follow_links=False)
    except FileReadError as exc:
        if exc.kind == "missing":
            return None
        raise StateUnreadable(exc.reason) from None
    try:
        raw = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise StateUnreadable("not JSON") from None
    return _state_from(raw)


def _refuse_constant(name: str) -> float:
    raise ValueError(name)


def _state_from(raw: object) -> PinState:
    if not isinstance(raw, dict) or raw.get("version") != 1:
        raise StateUnreadable("not a version 1 state")
    counts: list[int] = []
    for key in ("failures", "lockouts"):
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1_000_000:
            raise StateUnreadable(f"bad {key}")
        counts.append(value)
    times: list[float] = []
    for key in ("locked_at", "locked_until"):
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise StateUnreadable(f"bad {key}")
        if not math.isfinite(value) or not 0 <= value < 1e11:  # before the year 5000
            raise StateUnreadable(f"bad {key}")
        times.append(float(value))
    if counts[0] >= MAX_TRIES or times[1] < times[0]:
        raise StateUnreadable("inconsistent")
    return PinState(
        failures=counts[0], lockouts=counts[1], locked_at=times[0], locked_until=times[1]
    )


def write_state(path: Path, state: PinState) -> None:
    """Write ``state`` atomically: a new file beside ``path`` (mode 0600), then renamed.

    Raises:
        OSError: the folder cannot be written.
    """
    text = json.dumps(
        {
            "version": 1,
            "failures": state.failures,
            "lockouts": state.lockouts,
            "locked_at": state.locked_at,
            "locked_until": state.locked_until,
        }
    )
    write_atomic(path, text)


# -- the lock ------------------------------------------------------------------------------


class PinLock:
    """Counts wrong PINs; locks the pad after :data:`MAX_TRIES`, longer each time.

    Args:
        stored: the PIN hash.
        clock: a monotonic clock; the lock in memory follows it (tests pass a fake one).
        state_path: where the counts survive a restart; by default :func:`state_file`
            (beside the log once logging is set up); None keeps them in memory only.
        wall_clock: seconds since the epoch, for the state file only.
    """

    def __init__(
        self,
        stored: str,
        clock: Callable[[], float] = time.monotonic,
        *,
        state_path: Path | Literal["default"] | None = "default",
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        check_hash_format(stored)
        self._stored = stored
        self._clock = clock
        self._wall = wall_clock
        self._path = state_file() if isinstance(state_path, str) else state_path
        self._failures = 0
        self._lockouts = 0
        self._locked_until = 0.0  # on the monotonic clock
        self._locked_at_wall = 0.0
        self._locked_until_wall = 0.0
        self._write_failed = False
        if self._path is not None:
            self._restore(self._path)

    def _restore(self, path: Path) -> None:
        try:
            state = read_state(path)
        except StateUnreadable as exc:
            # Fail closed: as if a lock-out had just begun (see the module's docstring).
            log.warning(
                "The staff PIN state file cannot be used (%s): the pad is locked for %d s",
                exc,
                LOCK_SECONDS,
            )
            self._lockouts = 0
            self._lock()
            return
        if state is None:
            return
        self._failures = state.failures
        self._lockouts = min(state.lockouts, 64)
        now = self._wall()
        if state.locked_until <= state.locked_at:
            return
        longest = lock_seconds(max(self._lockouts, 1))
        # If the clock was set back past the lock's start, the time that has passed is
        # unknown: the whole lock-out starts again rather than ending early. Never more
        # than the whole lock-out either, whatever the file says.
        remaining = longest if now < state.locked_at else min(state.locked_until - now, longest)
        if remaining > 0:
            self._locked_until = self._clock() + remaining
            self._locked_at_wall = state.locked_at
            self._locked_until_wall = state.locked_until
            log.info("The staff PIN pad is still locked for %d s", math.ceil(remaining))

    def _save(self) -> None:
        if self._path is None:
            return
        state = PinState(
            self._failures, self._lockouts, self._locked_at_wall, self._locked_until_wall
        )
        try:
            write_state(self._path, state)
        except OSError as exc:
            if not self._write_failed:
                log.warning(
                    "Cannot write the staff PIN state file (%s): a restart clears the lock",
                    type(exc).__name__,
                )
            self._write_failed = True

    def _lock(self) -> None:
        self._lockouts += 1
        self._failures = 0
        seconds = lock_seconds(self._lockouts)
        self._locked_until = self._clock() + seconds
        now = self._wall()
        self._locked_at_wall = now
        self._locked_until_wall = now + seconds
        log.warning("Staff PIN pad locked for %d s (lock-out %d in a row)", seconds, self._lockouts)
        self._save()

    def seconds_locked(self) -> float:
        """Seconds until the pad opens again (0 when it is open)."""
        return max(0.0, self._locked_until - self._clock())

    @property
    def tries_left(self) -> int:
        """Wrong tries left before the pad locks."""
        return MAX_TRIES - self._failures

    @property
    def lockouts(self) -> int:
        """Lock-outs in a row since the last right PIN."""
        return self._lockouts

    def try_pin(self, pin: str) -> bool:
        """Check a PIN. A locked pad refuses every PIN, right or wrong."""
        if self.seconds_locked() > 0:
            return False
        if verify_pin(pin, self._stored):
            if self._failures or self._lockouts:
                self._failures = self._lockouts = 0
                self._locked_at_wall = self._locked_until_wall = 0.0
                self._save()
            log.info("Staff PIN accepted")
            if len(normalize_pin(pin, MIN_LEGACY_PIN_LENGTH)) < MIN_PIN_LENGTH:
                log.warning(
                    "The staff PIN is shorter than the %d digits new PINs need: set a longer "
                    "one with “trialguide set-pin”",
                    MIN_PIN_LENGTH,
                )
            return True
        self._failures += 1
        log.warning("Wrong staff PIN (%d of %d before the pad locks)", self._failures, MAX_TRIES)
        if self._failures >= MAX_TRIES:
            self._lock()
        else:
            self._save()
        return False
