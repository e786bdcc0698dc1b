"""The config's ``trusted_keys``: inline keys, .pub files beside the config, clear errors."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.config import Config, ConfigError, load_config
from app.signing import format_public_key, generate_private_key, public_key_of

RAW = public_key_of(generate_private_key())
LINE = format_public_key(RAW)


def _write(tmp_path, text: str):
    path = tmp_path / "trialguide.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_trusted_keys_by_default(tmp_path):
    config, _ = load_config(_write(tmp_path, "kiosk = true\n"))
    assert config.trusted_keys == () and config.trusted_public_keys == ()


def test_inline_key_and_pub_files_relative_to_the_config(tmp_path):
    (tmp_path / "keys").mkdir()
    other = public_key_of(generate_private_key())
    (tmp_path / "keys" / "committee.pub").write_text(f"{format_public_key(other)}\n", "utf-8")
    pem = tmp_path / "pem.pub"
    pem.write_bytes(
        generate_private_key()
        .public_key()
        .public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    )
    path = _write(tmp_path, f'trusted_keys = ["{LINE}", "keys/committee.pub", "{pem}"]\n')
    config, _ = load_config(path)
    keys = config.trusted_public_keys
    assert keys[:2] == (RAW, other) and len(keys) == 3
    # load_config has read the files: the config holds the keys themselves now.
    assert all(entry.startswith("ed25519:") for entry in config.trusted_keys)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ('["ed25519:AAAA"]', "trusted_keys.0: 'ed25519:AAAA' is not a usable public key: "
         "an Ed25519 public key has 32 bytes, this one has 3"),
        (f'["{LINE}", "ed25519:%%%"]', "trusted_keys.1: 'ed25519:%%%' is not a usable public "
         'key: the text after "ed25519:" is not valid base64'),
        ('[""]', "trusted_keys.0: is empty"),
        ('"ed25519:AAAA"', "trusted_keys: input should be a valid tuple"),
        ("[1]", "trusted_keys.0: input should be a valid string"),
    ],
)  # fmt: skip
def test_a_malformed_key_names_the_key(tmp_path, value, words):
    path = _write(tmp_path, f"trusted_keys = {value}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert f"{path}: {words}" in str(info.value)


def test_a_missing_or_broken_pub_file_names_the_key_and_the_file(tmp_path):
    path = _write(tmp_path, f'trusted_keys = ["{LINE}", "committee.pub"]\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value) == (
        f"{path}: trusted_keys.1: {tmp_path / 'committee.pub'}: the key file does not exist"
    )
    (tmp_path / "committee.pub").write_text("ssh-ed25519 AAAAC3Nza...\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"trusted_keys\.1: .*committee\.pub: a public key is"):
        load_config(path)


def test_config_built_directly_reads_a_path_as_given(tmp_path):
    pub = tmp_path / "k.pub"
    pub.write_text(LINE, encoding="utf-8")
    assert Config(trusted_keys=(str(pub),)).trusted_public_keys == (RAW,)
