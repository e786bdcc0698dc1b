"""What staff are shown about the running app, gathered at launch (no widgets here)."""

from __future__ import annotations

from dataclasses import dataclass

from app.record.approval import ApprovalStatus

#: What could not be loaded, for the staff error window.
RECORD = "record"
CONFIG = "config"


@dataclass(frozen=True)
class StaffInfo:
    """What the staff panel shows about the running app."""

    record_source: str | None  #: the record file, None for the embedded default
    nct_id: str
    content_version: str
    approval: ApprovalStatus
    idle_seconds: int
    countdown_seconds: int
    app_version: str
    config_path: str | None = None
    config_found: bool = False
    log_path: str | None = None
    languages: tuple[str, ...] = ("en", "fa")


def app_version() -> str:
    """The installed TrialGuide version ("unknown" in a bare source checkout)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("trialguide")
    except PackageNotFoundError:
        return "unknown"
