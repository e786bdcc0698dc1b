"""Signed approval: who approved, and that the note and time are theirs too."""

from __future__ import annotations

import base64
import datetime
import re

import pytest

from app import signing
from app.record import parse_record
from app.record.approval import (
    ApprovalState,
    SignatureState,
    approval_status,
    content_digest,
    signed_message,
    stamp_text,
)
from tests.conftest import DEFAULT_RECORD_PATH

WHEN = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


@pytest.fixture(scope="module")
def default_text() -> str:
    return DEFAULT_RECORD_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def committee():
    return signing.generate_private_key()


@pytest.fixture(scope="module")
def committee_public(committee) -> bytes:
    return signing.public_key_of(committee)


@pytest.fixture(scope="module")
def signed_text(default_text, committee) -> str:
    return stamp_text(default_text, parse_record(default_text.encode()), "EC-7", WHEN, committee)


def _status(text: str, trusted=()):
    return approval_status(parse_record(text.encode()), trusted)


def test_signed_message_format_is_pinned():
    # The signed bytes are a documented format (docs/record-format.md): changing them
    # would void every signature made so far.
    assert (
        signed_message("ab" * 32, 'EC "7"\nok', "2026-01-02T03:04:05+00:00")
        == (
            "TrialGuide approval signature v1\n"
            f"sha256: {'ab' * 32}\n"
            'note: "EC \\"7\\"\\nok"\n'
            'approved_at: "2026-01-02T03:04:05+00:00"\n'
        ).encode()
    )
    assert signed_message("ab" * 32, "", None).endswith(b"approved_at: null\n")


def test_signed_stamp_is_approved_by_a_trusted_key(signed_text, committee_public):
    status = _status(signed_text, [committee_public])
    assert status.state is ApprovalState.APPROVED
    assert status.signature is SignatureState.TRUSTED
    assert status.signer == signing.fingerprint(committee_public)
    assert status.signature_required
    assert '  signature:\n    key: "ed25519:' in signed_text


def test_without_trusted_keys_the_digest_decides_as_before(default_text, signed_text):
    status = _status(signed_text)
    assert status.state is ApprovalState.APPROVED
    assert status.signature is SignatureState.SIGNED
    assert not status.signature_required
    unsigned = stamp_text(default_text, parse_record(default_text.encode()), "EC-7", WHEN)
    assert _status(unsigned).state is ApprovalState.APPROVED
    assert _status(unsigned).signature is SignatureState.UNSIGNED


def _forge(text: str, old: str, new: str, note: str | None = None) -> str:
    """Edit the content, recompute the digest into the stamp, optionally change the note."""
    edited = text.replace(old, new, 1)
    assert edited != text
    digest = content_digest(parse_record(edited.encode()))
    forged = re.sub(r"(?m)^  sha256: [0-9a-f]{64}$", f"  sha256: {digest}", edited)
    if note is not None:
        forged = re.sub(r'(?m)^  note: ".*"$', f'  note: "{note}"', forged)
    return forged


def test_a_forged_record_is_a_draft_when_keys_are_trusted(signed_text, committee_public):
    forged = _forge(signed_text, "max: 45", "max: 55", note="EC-7 (amended)")
    # The digest alone cannot tell: that is the hole.
    assert _status(forged).state is ApprovalState.APPROVED
    status = _status(forged, [committee_public])
    assert status.state is ApprovalState.UNVERIFIED
    assert status.signature is SignatureState.MISMATCH
    assert not status.approved


def test_a_changed_note_or_time_breaks_the_signature(signed_text, committee_public):
    renoted = signed_text.replace('note: "EC-7"', 'note: "EC-8"')
    retimed = signed_text.replace("2026-01-02T03:04:05", "2027-01-02T03:04:05")
    for text in (renoted, retimed):
        assert text != signed_text
        status = _status(text, [committee_public])
        assert (status.state, status.signature) == (
            ApprovalState.UNVERIFIED,
            SignatureState.MISMATCH,
        )


def test_a_tampered_signature_does_not_match(signed_text, committee_public):
    value = re.search(r'    value: "([^"]+)"', signed_text).group(1)
    raw = bytearray(base64.b64decode(value))
    raw[10] ^= 0x01
    tampered = signed_text.replace(value, base64.b64encode(bytes(raw)).decode())
    status = _status(tampered, [committee_public])
    assert status.signature is SignatureState.MISMATCH
    assert status.state is ApprovalState.UNVERIFIED


def test_a_signature_by_an_untrusted_key(default_text, committee_public):
    # A forger re-signs with a key of their own: valid, but not the committee's.
    forger = signing.generate_private_key()
    forged = stamp_text(default_text, parse_record(default_text.encode()), "EC-7", WHEN, forger)
    status = _status(forged, [committee_public])
    assert status.signature is SignatureState.UNTRUSTED
    assert status.state is ApprovalState.UNVERIFIED
    assert status.signer == signing.fingerprint(signing.public_key_of(forger))
    # Trusting both keys approves it: any trusted key will do.
    both = [committee_public, signing.public_key_of(forger)]
    assert _status(forged, both).state is ApprovalState.APPROVED


def test_an_unsigned_stamp_is_a_draft_when_keys_are_trusted(default_text, committee_public):
    unsigned = stamp_text(default_text, parse_record(default_text.encode()), "EC-7", WHEN)
    status = _status(unsigned, [committee_public])
    assert (status.state, status.signature) == (ApprovalState.UNVERIFIED, SignatureState.UNSIGNED)
    assert _status(default_text, [committee_public]).state is ApprovalState.UNAPPROVED


def test_content_change_after_signing_is_still_modified(signed_text, committee_public):
    edited = signed_text.replace("max: 45", "max: 46", 1)
    assert _status(edited, [committee_public]).state is ApprovalState.MODIFIED


@pytest.mark.parametrize(
    "note",
    [
        "",
        "Ethics committee ref. IR.EX.2024.017",
        "کمیته‌ی اخلاق، شماره‌ی ۱۲",
        'quotes " and \\ backslash',
        "two\nlines\tand a tab",
        "line separators \u2028 and \u2029",
        "astral 😀",
    ],
)
def test_any_note_reads_back_exactly_and_verifies(default_text, committee, committee_public, note):
    text = stamp_text(default_text, parse_record(default_text.encode()), note, WHEN, committee)
    status = _status(text, [committee_public])
    assert status.note == note
    assert status.state is ApprovalState.APPROVED


@pytest.mark.parametrize("char", ["\x85", "\x7f", "\x1b", "\ufeff", "\u202e"])
def test_a_note_with_hidden_or_control_characters_is_refused(default_text, committee, char):
    """The note is official text: what a reviewer reads must be what is there."""
    from app.record import RecordError

    text = stamp_text(
        default_text, parse_record(default_text.encode()), f"EC{char}7", WHEN, committee
    )
    with pytest.raises(RecordError) as info:
        parse_record(text.encode())
    assert "approval.note" in info.value.describe()


def test_restamping_a_signed_record_replaces_the_signature(signed_text, committee_public):
    again = stamp_text(signed_text, parse_record(signed_text.encode()), "second", WHEN)
    assert again.count("signature:") == 0
    assert _status(again, [committee_public]).signature is SignatureState.UNSIGNED


def test_signature_fields_are_validated(signed_text):
    from app.record import RecordError

    broken = re.sub(r'    value: "[^"]+"', '    value: "not base64"', signed_text)
    with pytest.raises(RecordError) as info:
        parse_record(broken.encode())
    assert "approval.signature.value" in info.value.describe()
