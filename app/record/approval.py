"""Approved content: a SHA-256 digest of a record's canonical content, stamped into the file.

The digest covers everything a patient or counselor can see, so any edit after approval
(a word, a verdict, an added question) breaks the stamp and the app shows a "Draft, not
approved" banner. The stamp itself (``approval:``) is left out of the digest.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from enum import StrEnum

from app.record.models import TrialRecord


class ApprovalState(StrEnum):
    """Whether the record on screen is the approved one."""

    APPROVED = "approved"
    UNAPPROVED = "unapproved"  #: no stamp at all
    MODIFIED = "modified"  #: a stamp whose digest no longer matches the content


@dataclass(frozen=True)
class ApprovalStatus:
    """The record's approval state, its content digest and the stamp's note."""

    state: ApprovalState
    digest: str
    note: str = ""
    approved_at: str | None = None

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
    data = record.model_dump(mode="json", exclude={"approval"})
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def approval_status(record: TrialRecord) -> ApprovalStatus:
    """Compare the record's stamp with its content."""
    digest = content_digest(record)
    stamp = record.approval
    if stamp is None:
        return ApprovalStatus(ApprovalState.UNAPPROVED, digest)
    state = ApprovalState.APPROVED if stamp.sha256 == digest else ApprovalState.MODIFIED
    return ApprovalStatus(state, digest, stamp.note, stamp.approved_at)


_TOP_LEVEL_APPROVAL = re.compile(r"^approval:.*?(?=^\S|\Z)", re.MULTILINE | re.DOTALL)


def stamp_text(
    yaml_text: str, record: TrialRecord, note: str, when: datetime.datetime | None = None
) -> str:
    """The record file's text with a fresh ``approval:`` block (replacing any old one).

    The rest of the file, comments included, is kept as it is.
    """
    when = when or datetime.datetime.now(datetime.UTC)
    block = (
        "approval:\n"
        f"  sha256: {content_digest(record)}\n"
        f"  note: {json.dumps(note, ensure_ascii=False)}\n"
        f"  approved_at: {json.dumps(when.replace(microsecond=0).isoformat())}\n"
    )
    body = _TOP_LEVEL_APPROVAL.sub("", yaml_text).rstrip("\n")
    return f"{body}\n\n{block}"
