"""Ed25519 keys and signatures for approval stamps (no Qt; ``cryptography`` does the maths).

An approving committee holds one private key; kiosks trust its public key. Formats are
the standard ones, so other tools can make or check them:

* private key: PKCS#8 PEM (``-----BEGIN PRIVATE KEY-----``, or ``ENCRYPTED PRIVATE KEY``
  with a passphrase), as ``openssl genpkey -algorithm ed25519`` writes it;
* public key: one line ``ed25519:`` + the base64 of the raw 32-byte key (what
  ``trialguide keygen`` writes to the ``.pub`` file and what a config may hold), or a
  SubjectPublicKeyInfo PEM (``-----BEGIN PUBLIC KEY-----``, ``openssl pkey -pubout``);
* signature: pure Ed25519 (RFC 8032) over the message bytes, base64 of the 64 bytes
  (``openssl pkeyutl -sign -rawin``).

``cryptography`` is imported only when a key is used, so starting the app without trusted
keys costs nothing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

#: The prefix of a public key written as one line.
KEY_PREFIX = "ed25519:"
#: Raw sizes of an Ed25519 public key and signature.
PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64
#: Largest key file read (a PEM key is a few hundred bytes).
MAX_KEY_FILE_BYTES = 16 * 1024


class SigningError(Exception):
    """A key or signature cannot be used; the message says why, in a staff's words."""


def _b64decode(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def parse_public_key(text: str) -> bytes:
    """The raw 32 bytes of a public key given as ``ed25519:BASE64`` or as a PEM block.

    Raises:
        SigningError: the text is neither, or not an Ed25519 key.
    """
    text = text.strip()
    if text.startswith("-----BEGIN"):
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            key = serialization.load_pem_public_key(text.encode("ascii"))
        except (ValueError, UnicodeEncodeError, TypeError):
            raise SigningError("not a readable PEM public key") from None
        except Exception as exc:  # cryptography raises UnsupportedAlgorithm for others
            raise SigningError(f"not a usable public key ({type(exc).__name__})") from None
        if not isinstance(key, Ed25519PublicKey):
            raise SigningError("the PEM public key is not an Ed25519 key")
        return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if not text.startswith(KEY_PREFIX):
        raise SigningError(f'a public key is "{KEY_PREFIX}" followed by base64, or a PEM block')
    try:
        raw = _b64decode(text[len(KEY_PREFIX) :])
    except (binascii.Error, UnicodeEncodeError):
        raise SigningError(f'the text after "{KEY_PREFIX}" is not valid base64') from None
    if len(raw) != PUBLIC_KEY_BYTES:
        raise SigningError(
            f"an Ed25519 public key has {PUBLIC_KEY_BYTES} bytes, this one has {len(raw)}"
        )
    return raw


def format_public_key(raw: bytes) -> str:
    """A public key as one line: ``ed25519:`` + base64 of its 32 bytes."""
    return KEY_PREFIX + base64.b64encode(raw).decode("ascii")


def fingerprint(raw: bytes) -> str:
    """A short name for a public key: the first 16 hex digits of its SHA-256, in fours.

    Only for people to compare keys by eye; verification always uses the whole key.
    """
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def read_key_file(path: Path) -> bytes:
    """The bytes of a small key file (regular files only, never a device or pipe).

    Raises:
        SigningError: the file is missing, not a regular file, too large or unreadable.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise SigningError("the key file does not exist") from None
    except OSError as exc:
        raise SigningError(f"the key file cannot be read ({exc.strerror})") from None
    try:
        import stat

        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise SigningError("the key file is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as exc:
        raise SigningError(f"the key file cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_KEY_FILE_BYTES:
        raise SigningError("the file is too large to be a key file")
    return data


def read_public_key_file(path: Path) -> bytes:
    """The raw public key in a ``.pub`` file (``ed25519:BASE64`` or PEM).

    Raises:
        SigningError: the file cannot be read or holds no Ed25519 public key.
    """
    data = read_key_file(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SigningError("the key file is not text") from None
    return parse_public_key(text)


def generate_private_key() -> Ed25519PrivateKey:
    """A new random Ed25519 private key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate()


def private_key_pem(key: Ed25519PrivateKey, passphrase: bytes | None = None) -> bytes:
    """The private key as PKCS#8 PEM, encrypted with ``passphrase`` when one is given."""
    from cryptography.hazmat.primitives import serialization

    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def public_key_of(key: Ed25519PrivateKey) -> bytes:
    """The raw 32-byte public key of a private key."""
    from cryptography.hazmat.primitives import serialization

    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def is_encrypted_pem(data: bytes) -> bool:
    """Whether a PEM private key needs a passphrase."""
    return b"-----BEGIN ENCRYPTED PRIVATE KEY-----" in data


def load_private_key(data: bytes, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    """An Ed25519 private key from PKCS#8 PEM (encrypted or not).

    Raises:
        SigningError: not a PEM private key, not Ed25519, or the passphrase is wrong.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if is_encrypted_pem(data) and not passphrase:
        raise SigningError("the private key is protected by a passphrase; give it")
    try:
        key = serialization.load_pem_private_key(
            data, password=passphrase if is_encrypted_pem(data) else None
        )
    except ValueError:
        if is_encrypted_pem(data):
            raise SigningError("the passphrase is wrong, or the key file is damaged") from None
        raise SigningError("not a PEM private key") from None
    except Exception as exc:  # UnsupportedAlgorithm, TypeError
        raise SigningError(f"not a usable private key ({type(exc).__name__})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError("the private key is not an Ed25519 key")
    return key


def sign(key: Ed25519PrivateKey, message: bytes) -> bytes:
    """The 64-byte Ed25519 signature of ``message``."""
    return key.sign(message)


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` is ``public_key``'s Ed25519 signature of ``message``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if len(public_key) != PUBLIC_KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def write_new_file(path: Path, data: bytes, mode: int, *, force: bool = False) -> None:
    """Write ``data`` to a new file created exclusively with ``mode`` (links never followed).

    With ``force`` an existing file (or link) at ``path`` is removed first; the new file
    is still created exclusively, so nothing planted in between is written through.

    Raises:
        FileExistsError: ``path`` exists and ``force`` is off.
        OSError: the folder does not exist or cannot be written.
    """
    if force and (path.is_symlink() or path.exists()):
        path.unlink()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, mode)
    try:
        if hasattr(os, "fchmod"):  # the umask only narrows ``mode``; make it exact
            os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
