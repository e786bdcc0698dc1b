"""`trialguide keygen`, `approve --key` and `validate --trusted-key`, and their errors."""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path

import pytest

from app.cli import main
from app.record import load_record
from app.record.approval import ApprovalState, SignatureState, approval_status
from app.signing import fingerprint, read_public_key_file
from tests.conftest import DEFAULT_RECORD_PATH


@pytest.fixture
def record_file(tmp_path) -> Path:
    path = tmp_path / "record.yaml"
    path.write_text(DEFAULT_RECORD_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_keygen_approve_verify_round_trip(tmp_path, record_file, monkeypatch, capsys):
    key = tmp_path / "committee.key"
    _stdin(monkeypatch, "long committee passphrase\n")
    assert main(["keygen", str(key), "--passphrase-stdin"]) == 0
    out = capsys.readouterr().out
    public = read_public_key_file(Path(f"{key}.pub"))
    assert fingerprint(public) in out
    assert 'trusted_keys = ["ed25519:' in out
    assert key.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600

    _stdin(monkeypatch, "long committee passphrase\n")
    argv = ["approve", str(record_file), "--key", str(key), "--passphrase-stdin", "--note", "EC 9"]
    assert main(argv) == 0
    assert f"signed by key {fingerprint(public)}" in capsys.readouterr().out
    status = approval_status(load_record(record_file), [public])
    assert (status.state, status.signature) == (ApprovalState.APPROVED, SignatureState.TRUSTED)
    assert status.note == "EC 9"

    assert main(["validate", str(record_file), "--trusted-key", f"{key}.pub"]) == 0
    assert f"approved, signed by trusted key {fingerprint(public)}," in capsys.readouterr().out
    other = tmp_path / "other.key"
    assert main(["keygen", str(other), "--no-passphrase"]) == 0
    capsys.readouterr()
    assert main(["validate", str(record_file), "--trusted-key", f"{other}.pub"]) == 0
    assert "unverified, signed by an untrusted key" in capsys.readouterr().out


def test_keygen_never_overwrites_without_force(tmp_path, capsys):
    key = tmp_path / "k"
    assert main(["keygen", str(key), "--no-passphrase"]) == 0
    before = key.read_bytes(), Path(f"{key}.pub").read_bytes()
    capsys.readouterr()
    assert main(["keygen", str(key), "--no-passphrase"]) == 2
    assert f"{key}: already exists (use --force to overwrite)" in capsys.readouterr().err
    assert (key.read_bytes(), Path(f"{key}.pub").read_bytes()) == before
    # Only the .pub there: still refused, and no private key is written.
    lone = tmp_path / "lone"
    Path(f"{lone}.pub").write_text("x", encoding="utf-8")
    assert main(["keygen", str(lone), "--no-passphrase"]) == 2
    assert not lone.exists()
    assert main(["keygen", str(key), "--no-passphrase", "--force"]) == 0
    assert key.read_bytes() != before[0]
    assert key.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")


def test_keygen_without_a_terminal_asks_for_a_choice(tmp_path, monkeypatch, capsys):
    _stdin(monkeypatch, "")
    assert main(["keygen", str(tmp_path / "k")]) == 2
    assert "--passphrase-stdin or --no-passphrase" in capsys.readouterr().err
    assert not (tmp_path / "k").exists()


def test_keygen_into_a_missing_folder_exits_2(tmp_path, capsys):
    key = tmp_path / "no" / "such" / "k"
    assert main(["keygen", str(key), "--no-passphrase"]) == 2
    assert f"{key}: cannot write the key file" in capsys.readouterr().err


def test_approve_with_a_wrong_passphrase_or_a_bad_key(tmp_path, record_file, monkeypatch, capsys):
    key = tmp_path / "k"
    _stdin(monkeypatch, "right\n")
    assert main(["keygen", str(key), "--passphrase-stdin"]) == 0
    before = record_file.read_bytes()
    _stdin(monkeypatch, "wrong\n")
    assert main(["approve", str(record_file), "--key", str(key), "--passphrase-stdin"]) == 2
    assert f"{key}: the passphrase is wrong" in capsys.readouterr().err
    assert main(["approve", str(record_file), "--key", f"{key}.pub"]) == 2
    assert "not a PEM private key" in capsys.readouterr().err
    assert main(["approve", str(record_file), "--key", str(tmp_path / "none")]) == 2
    assert "the key file does not exist" in capsys.readouterr().err
    assert record_file.read_bytes() == before


def test_approve_on_a_read_only_file_exits_2(record_file, monkeypatch, capsys):
    before = record_file.read_bytes()
    record_file.chmod(0o444)
    if os.access(record_file, os.W_OK):
        # Running as root (or on Windows): the mode binds no one, so refuse the write
        # as the system would for anyone else.
        real_open = Path.open

        def read_only(self, mode="r", *args, **kwargs):
            if self == record_file and set(mode) & set("wax+"):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
            return real_open(self, mode, *args, **kwargs)

        monkeypatch.setattr(Path, "open", read_only)
    try:
        assert main(["approve", str(record_file), "--note", "EC"]) == 2
    finally:
        record_file.chmod(0o644)
    err = capsys.readouterr().err
    assert f"{record_file}: cannot write the record" in err
    assert "unexpected error" not in err
    assert record_file.read_bytes() == before


def test_validate_with_a_bad_trusted_key_exits_2(record_file, capsys):
    assert main(["validate", str(record_file), "--trusted-key", "ed25519:AAAA"]) == 2
    assert "--trusted-key ed25519:AAAA: an Ed25519 public key has 32 bytes" in (
        capsys.readouterr().err
    )
