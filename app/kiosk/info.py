"""What staff are shown about the running app, gathered at launch (no widgets here)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.record.approval import ApprovalState, ApprovalStatus

if TYPE_CHECKING:
    from app.catalog import CatalogEntry

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
    #: A catalog's entries loaded so far, broken ones too (None: one study). The list
    #: grows while the other records are validated in idle time.
    catalog: list[CatalogEntry] | None = None
    #: How many recordings the record names, and each one it cannot use (``field:
    #: message``); Listen reads those texts with the synthesiser instead.
    recordings: int = 0
    recording_problems: tuple[str, ...] = ()

    @property
    def studies(self) -> tuple[CatalogEntry, ...]:
        """The catalog's studies shown to visitors so far."""
        return tuple(entry for entry in self.catalog or () if entry.ok)

    @property
    def broken(self) -> tuple[CatalogEntry, ...]:
        """The catalog's records left out so far, with their problems."""
        return tuple(entry for entry in self.catalog or () if not entry.ok)

    def recordings_now(self) -> tuple[int, tuple[str, ...]]:
        """How many recordings the studies shown name, and each one that cannot be used.

        One study: as checked at launch. A catalog: every study listed so far, checked
        now (staff opened the panel), each problem led by its study's id.
        """
        if self.catalog is None:
            return self.recordings, self.recording_problems
        from app.record.audio import check_audio

        count, problems = 0, []
        for entry in self.studies:
            record = entry.record
            if record is None or not record.audio:
                continue
            count += sum(len(by_lang) for by_lang in record.audio.values())
            folder = Path(entry.source).resolve().parent if entry.source else None
            problems += [f"{entry.study_id}: {p}" for p in check_audio(record, folder)]
        return count, tuple(problems)

    def approval_state(self, key: str) -> ApprovalState:
        """The approval of the study ``key``.

        On the catalog's screens (``key`` ""), any study not approved shows the banner.
        """
        if self.catalog is None:
            return self.approval.state
        states = [
            entry.approval.state
            for entry in self.studies
            if entry.approval is not None and (not key or entry.study_id == key)
        ]
        return next((s for s in states if s is not ApprovalState.APPROVED), ApprovalState.APPROVED)


@functools.cache
def app_version() -> str:
    """The installed TrialGuide version: pyproject's ("unknown" in a bare source checkout).

    ``--version``, the smoke test's line and the staff panel show it; a bundle carries
    the package metadata too (``copy_metadata`` in the spec).

    Looked up once: the look-up reads the package metadata (3-4 ms), and a start asks
    twice (the log's first line and the staff panel).
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("trialguide")
    except PackageNotFoundError:
        return "unknown"
