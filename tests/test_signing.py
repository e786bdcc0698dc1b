"""Ed25519 keys and signatures (app/signing.py), and interop with OpenSSL's own tools."""

from __future__ import annotations

import base64
import os
import shutil
import stat
import subprocess
import sys

import pytest

from app import signing
from app.record import parse_record
from app.record.approval import (
    ApprovalState,
    SignatureState,
    approval_status,
    signed_message,
    stamp_text,
)
from tests.conftest import DEFAULT_RECORD_PATH


def test_public_key_formats_and_fingerprint():
    key = signing.generate_private_key()
    raw = signing.public_key_of(key)
    line = signing.format_public_key(raw)
    assert line.startswith("ed25519:") and len(line) == len("ed25519:") + 44
    assert signing.parse_public_key(f"  {line}\n") == raw
    fp = signing.fingerprint(raw)
    assert len(fp) == 19 and fp.count(" ") == 3
    assert signing.fingerprint(signing.public_key_of(signing.generate_private_key())) != fp


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ssh-ed25519 AAAA", "followed by base64"),
        ("ed25519:***", "not valid base64"),
        ("ed25519:AAAA", "has 32 bytes, this one has 3"),
        ("-----BEGIN PUBLIC KEY-----\nnonsense\n-----END PUBLIC KEY-----", "PEM"),
    ],
)
def test_bad_public_keys_say_why(text, words):
    with pytest.raises(signing.SigningError, match=words):
        signing.parse_public_key(text)


def test_private_key_with_passphrase():
    key = signing.generate_private_key()
    pem = signing.private_key_pem(key, b"correct horse")
    assert signing.is_encrypted_pem(pem)
    loaded = signing.load_private_key(pem, b"correct horse")
    assert signing.public_key_of(loaded) == signing.public_key_of(key)
    with pytest.raises(signing.SigningError, match="passphrase is wrong"):
        signing.load_private_key(pem, b"wrong")
    with pytest.raises(signing.SigningError, match="protected by a passphrase"):
        signing.load_private_key(pem)
    with pytest.raises(signing.SigningError, match="not a PEM private key"):
        signing.load_private_key(b"hello")


def test_sign_and_verify():
    key = signing.generate_private_key()
    raw = signing.public_key_of(key)
    sig = signing.sign(key, b"message")
    assert len(sig) == 64
    assert signing.verify(raw, sig, b"message")
    assert not signing.verify(raw, sig, b"messagE")
    assert not signing.verify(raw, sig[:-1], b"message")
    assert not signing.verify(
        signing.public_key_of(signing.generate_private_key()), sig, b"message"
    )


def test_write_new_file_is_exclusive_and_private(tmp_path):
    path = tmp_path / "k"
    signing.write_new_file(path, b"secret", 0o600)
    assert path.read_bytes() == b"secret"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        signing.write_new_file(path, b"other", 0o600)
    assert path.read_bytes() == b"secret"
    signing.write_new_file(path, b"other", 0o600, force=True)
    assert path.read_bytes() == b"other"


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need privileges on Windows")
def test_write_new_file_never_writes_through_a_link(tmp_path):
    target = tmp_path / "target"
    target.write_bytes(b"keep")
    link = tmp_path / "k"
    link.symlink_to(target)
    with pytest.raises(FileExistsError):
        signing.write_new_file(link, b"secret", 0o600)
    signing.write_new_file(link, b"secret", 0o600, force=True)  # replaces the link itself
    assert target.read_bytes() == b"keep"
    assert not link.is_symlink() and link.read_bytes() == b"secret"


def test_key_files_must_be_regular_and_small(tmp_path):
    with pytest.raises(signing.SigningError, match="not a regular file"):
        signing.read_key_file(tmp_path)
    big = tmp_path / "big.pub"
    big.write_bytes(b"x" * (signing.MAX_KEY_FILE_BYTES + 1))
    with pytest.raises(signing.SigningError, match="too large"):
        signing.read_key_file(big)
    if os.name == "posix":
        fifo = tmp_path / "fifo.pub"
        os.mkfifo(fifo)
        with pytest.raises(signing.SigningError, match="not a regular file"):
            signing.read_key_file(fifo)  # returns at once: opened non-blocking


# --- Interop: keys and signatures made by OpenSSL, a tool nobody here wrote. ---------------


def _openssl_ed25519() -> str | None:
    exe = shutil.which("openssl")
    if exe is None:
        return None
    probe = subprocess.run(
        [exe, "genpkey", "-algorithm", "ed25519"], capture_output=True, check=False
    )
    return exe if probe.returncode == 0 else None


OPENSSL = _openssl_ed25519()
needs_openssl = pytest.mark.skipif(
    OPENSSL is None, reason="no openssl with Ed25519 (Debian: apt-get install openssl)"
)


def _openssl(*args: object) -> subprocess.CompletedProcess[bytes]:
    assert OPENSSL is not None
    return subprocess.run([OPENSSL, *map(str, args)], capture_output=True, check=True)


@needs_openssl
def test_openssl_keys_sign_records_we_verify(tmp_path, capsys):
    """An OpenSSL key approves through the CLI; its PEM public key is a trusted key."""
    from app.cli import main

    key, pub = tmp_path / "committee.pem", tmp_path / "committee-pub.pem"
    _openssl("genpkey", "-algorithm", "ed25519", "-out", str(key))
    _openssl("pkey", "-in", str(key), "-pubout", "-out", str(pub))
    record = tmp_path / "record.yaml"
    record.write_text(DEFAULT_RECORD_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["approve", str(record), "--key", str(key), "--note", "EC"]) == 0
    capsys.readouterr()
    assert main(["validate", str(record), "--trusted-key", str(pub)]) == 0
    assert "approved, signed by trusted key" in capsys.readouterr().out


@needs_openssl
def test_a_signature_made_by_openssl_verifies(tmp_path):
    """OpenSSL signs the documented message bytes; our check accepts its signature."""
    key, pub = tmp_path / "k.pem", tmp_path / "k.pub.pem"
    _openssl("genpkey", "-algorithm", "ed25519", "-out", str(key))
    _openssl("pkey", "-in", str(key), "-pubout", "-out", str(pub))
    raw = signing.read_public_key_file(pub)
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    unsigned = stamp_text(text, parse_record(text.encode()), "EC ۷", None)
    stamp = parse_record(unsigned.encode()).approval
    message = tmp_path / "message"
    message.write_bytes(signed_message(stamp.sha256, stamp.note, stamp.approved_at))
    sig = tmp_path / "sig"
    _openssl(
        "pkeyutl", "-sign", "-inkey", str(key), "-rawin", "-in", str(message), "-out", str(sig)
    )
    signed = (
        f"{unsigned}  signature:\n"
        f'    key: "{signing.format_public_key(raw)}"\n'
        f'    value: "{base64.b64encode(sig.read_bytes()).decode()}"\n'
    )
    status = approval_status(parse_record(signed.encode()), [raw])
    assert (status.state, status.signature) == (ApprovalState.APPROVED, SignatureState.TRUSTED)


@needs_openssl
def test_openssl_verifies_our_keys_and_signatures(tmp_path):
    """Our encrypted PKCS#8 key opens in OpenSSL, and OpenSSL verifies our signature."""
    key = signing.generate_private_key()
    pem = tmp_path / "ours.key"
    pem.write_bytes(signing.private_key_pem(key, b"pass phrase"))
    pub = tmp_path / "ours.pub.pem"
    _openssl("pkey", "-in", str(pem), "-passin", "pass:pass phrase", "-pubout", "-out", str(pub))
    assert signing.read_public_key_file(pub) == signing.public_key_of(key)
    message = tmp_path / "message"
    message.write_bytes(signed_message("0" * 64, "note", "2026-01-01T00:00:00+00:00"))
    sig = tmp_path / "sig"
    sig.write_bytes(signing.sign(key, message.read_bytes()))
    done = _openssl(
        "pkeyutl", "-verify", "-pubin", "-inkey", str(pub), "-rawin",
        "-in", str(message), "-sigfile", str(sig),
    )  # fmt: skip
    assert b"Signature Verified Successfully" in done.stdout


def test_the_record_core_never_imports_cryptography_until_a_key_is_used():
    code = (
        "import sys; from app.record import load_record; from app.record.approval import "
        "approval_status; approval_status(load_record(None)); "
        "print('cryptography' in sys.modules)"
    )
    root = DEFAULT_RECORD_PATH.parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    ).stdout
    assert out.strip() == "False"
