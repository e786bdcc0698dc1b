"""Approved content: a SHA-256 digest of a record's canonical content, stamped into the file.

The digest covers everything a patient or counselor can see, so any edit after approval
(a word, a verdict, an added question) breaks the stamp and the app shows a "Draft, not
approved" banner. The stamp itself (``approval:``) is left out of the digest.

The digest alone is no proof of who approved: anyone can recompute it. ``approve --key``
adds an Ed25519 signature over the digest, the note and the time
(:func:`signed_message`); a config that names trusted keys makes every record without a
valid signature by one of them a draft (:attr:`ApprovalState.UNVERIFIED`). Without
trusted keys the digest decides alone, as before.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from app import signing
from app.record.models import Approval, ApprovalSignature, TrialRecord

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


class ApprovalState(StrEnum):
    """Whether the record on screen is the approved one."""

    APPROVED = "approved"
    UNAPPROVED = "unapproved"  #: no stamp at all
    MODIFIED = "modified"  #: a stamp whose digest no longer matches the content
    #: the digest matches, but trusted keys are configured and no valid signature by one
    #: of them covers the stamp
    UNVERIFIED = "unverified"


class SignatureState(StrEnum):
    """What the stamp's signature says (:attr:`ApprovalStatus.signature`)."""

    UNSIGNED = "unsigned"  #: no signature (or no stamp)
    MISMATCH = "mismatch"  #: a signature that does not match its digest, note and time
    UNTRUSTED = "untrusted"  #: a valid signature by a key the config does not trust
    TRUSTED = "trusted"  #: a valid signature by a trusted key
    SIGNED = "signed"  #: a valid signature, and no trusted keys to compare its key with


@dataclass(frozen=True)
class ApprovalStatus:
    """The record's approval state, its content digest, the stamp's note and signature."""

    state: ApprovalState
    digest: str
    note: str = ""
    approved_at: str | None = None
    signature: SignatureState = SignatureState.UNSIGNED
    #: the signing key's fingerprint (:func:`app.signing.fingerprint`), if signed
    signer: str | None = None
    #: whether trusted keys are configured, so that only a trusted signature approves
    signature_required: bool = False

    @property
    def approved(self) -> bool:
        """Whether the content is exactly what was approved."""
        return self.state is ApprovalState.APPROVED


def content_digest(record: TrialRecord) -> str:
    """SHA-256 (hex) of the record's canonical content, without its approval stamp.

    Canonical means: the validated model as JSON, keys sorted, no insignificant
    whitespace, UTF-8. Comments, key order and YAML style do not change the digest;
    every value does.
    """
    # Recorded audio (names and digests) is approved content; a record without any keeps
    # the digest it had before the field existed.
    exclude = {"approval"} if record.audio else {"approval", "audio"}
    data = record.model_dump(mode="json", exclude=exclude)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def signed_message(sha256: str, note: str, approved_at: str | None) -> bytes:
    """The exact bytes an approval signature covers (format version 1).

    Four lines, UTF-8, each ending in a line feed::

        TrialGuide approval signature v1
        sha256: <the 64 hex digits of the content digest>
        note: <the note as a JSON string>
        approved_at: <the time as a JSON string, as written in the stamp; null if none>

    JSON strings (``json.dumps`` with ``ensure_ascii=False``) keep the note on one line
    whatever it holds, so no two stamps sign the same bytes.
    """
    return (
        "TrialGuide approval signature v1\n"
        f"sha256: {sha256}\n"
        f"note: {json.dumps(note, ensure_ascii=False)}\n"
        f"approved_at: {json.dumps(approved_at, ensure_ascii=False)}\n"
    ).encode()


def _stamp_message(stamp: Approval) -> bytes:
    return signed_message(stamp.sha256, stamp.note, stamp.approved_at)


def check_signature(
    stamp: Approval, trusted_keys: Collection[bytes] = ()
) -> tuple[SignatureState, str | None]:
    """The state of the stamp's signature and the signing key's fingerprint."""
    signature = stamp.signature
    if signature is None:
        return SignatureState.UNSIGNED, None
    try:
        key = signing.parse_public_key(signature.key)
        value = base64.b64decode(signature.value, validate=True)
    except (signing.SigningError, binascii.Error):  # pragma: no cover - the model's patterns
        return SignatureState.MISMATCH, None
    signer = signing.fingerprint(key)
    if not signing.verify(key, value, _stamp_message(stamp)):
        return SignatureState.MISMATCH, signer
    if not trusted_keys:
        return SignatureState.SIGNED, signer
    trusted = key in frozenset(trusted_keys)
    return (SignatureState.TRUSTED if trusted else SignatureState.UNTRUSTED), signer


def approval_status(record: TrialRecord, trusted_keys: Collection[bytes] = ()) -> ApprovalStatus:
    """Compare the record's stamp with its content (and, given trusted keys, its signature).

    Args:
        record: the record.
        trusted_keys: raw 32-byte Ed25519 public keys. When any are given, a record is
            approved only if a valid signature by one of them covers its stamp; when none
            are, the digest decides alone.
    """
    digest = content_digest(record)
    stamp = record.approval
    required = bool(trusted_keys)
    if stamp is None:
        return ApprovalStatus(ApprovalState.UNAPPROVED, digest, signature_required=required)
    signature, signer = check_signature(stamp, trusted_keys)
    if stamp.sha256 != digest:
        state = ApprovalState.MODIFIED
    elif required and signature is not SignatureState.TRUSTED:
        state = ApprovalState.UNVERIFIED
    else:
        state = ApprovalState.APPROVED
    return ApprovalStatus(state, digest, stamp.note, stamp.approved_at, signature, signer, required)


def sign_stamp(
    key: Ed25519PrivateKey, sha256: str, note: str, approved_at: str | None
) -> ApprovalSignature:
    """A signature by ``key`` over a stamp's digest, note and time."""
    value = signing.sign(key, signed_message(sha256, note, approved_at))
    return ApprovalSignature(
        key=signing.format_public_key(signing.public_key_of(key)),
        value=base64.b64encode(value).decode("ascii"),
    )


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as exactly ``text``.

    JSON escapes quotes, backslashes and control characters; on top of that, whatever YAML
    would fold (NEL, LS, PS) or refuses raw (other non-printable characters) is escaped.
    """
    out = []
    for char in json.dumps(text, ensure_ascii=False):
        code = ord(char)
        printable = (
            0x20 <= code <= 0x7E
            or (0xA0 <= code <= 0xFFFD and code not in _YAML_ESCAPED)
            or code >= 0x10000
        )
        if printable:
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:  # pragma: no cover - astral characters are printable
            out.append(f"\\U{code:08x}")
    return "".join(out)


#: Code points in YAML's printable range that it still reads as line breaks (LS, PS), a
#: byte-order mark, and surrogates (not text): escaped too.
_YAML_ESCAPED = frozenset({0x2028, 0x2029, 0xFEFF, *range(0xD800, 0xE000)})


_TOP_LEVEL_APPROVAL = re.compile(r"^approval:.*?(?=^\S|\Z)", re.MULTILINE | re.DOTALL)


def stamp_text(
    yaml_text: str,
    record: TrialRecord,
    note: str,
    when: datetime.datetime | None = None,
    key: Ed25519PrivateKey | None = None,
) -> str:
    """The record file's text with a fresh ``approval:`` block (replacing any old one).

    With ``key``, the block carries a ``signature`` by that key over the digest, the note
    and the time. The rest of the file, comments included, is kept as it is.
    """
    when = when or datetime.datetime.now(datetime.UTC)
    digest = content_digest(record)
    approved_at = when.replace(microsecond=0).isoformat()
    block = (
        "approval:\n"
        f"  sha256: {digest}\n"
        f"  note: {_yaml_string(note)}\n"
        f"  approved_at: {_yaml_string(approved_at)}\n"
    )
    if key is not None:
        signature = sign_stamp(key, digest, note, approved_at)
        block += f'  signature:\n    key: "{signature.key}"\n    value: "{signature.value}"\n'
    body = _TOP_LEVEL_APPROVAL.sub("", yaml_text).rstrip("\n")
    return f"{body}\n\n{block}"
