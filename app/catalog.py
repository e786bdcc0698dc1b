"""A clinic's catalog: which records to show, each loaded and validated on its own.

A record that cannot be loaded never reaches patients: it becomes a :class:`CatalogEntry`
without a record, with one message per problem (file, line, field, message), for the
staff panel and the log, and the other records keep working. No widgets here::

    sources = record_sources(config, args.record or ())
    entries = iter_entries(sources, config.trusted_public_keys)
    first = next(entries)          # show the first study at once...
    for entry in entries: ...      # ...and validate the rest in idle time

*Tampered* records are left out too, in a catalog of several: a stamp whose digest no
longer matches the content (:attr:`ApprovalState.MODIFIED`), or a signature that does
not match its stamp (:attr:`SignatureState.MISMATCH`), means the file was changed after
approval. A record that was simply never approved (or not by a trusted key) stays in,
with its draft banner. With a single source nothing is left out for its stamp: the app
shows it with the draft banner, as it always has.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field

from app.config import Config, list_record_files
from app.record import RecordError, TrialRecord, load_record
from app.record.approval import ApprovalState, ApprovalStatus, SignatureState, approval_status
from app.record.load import DEFAULT_RECORD

__all__ = [
    "Catalog",
    "CatalogEntry",
    "iter_entries",
    "load_catalog",
    "load_entry",
    "record_sources",
    "source_name",
    "validate_folder",
]


def source_name(source: str | None) -> str:
    """The file name of a source (the embedded default record's for ``None``)."""
    return DEFAULT_RECORD if source is None else os.path.basename(source) or source


@dataclass(frozen=True)
class CatalogEntry:
    """One configured record: the record when it is usable, else its problems."""

    #: The path as configured; ``None`` is the embedded default record.
    source: str | None
    #: ``None`` when the record failed to load (a tampered one keeps its record).
    record: TrialRecord | None = field(repr=False)
    #: One message per problem (``file:line: field: message``) when it failed.
    problems: tuple[str, ...] = ()
    #: The approval state under the config's trusted keys (``None`` when it failed).
    approval: ApprovalStatus | None = None

    @property
    def ok(self) -> bool:
        """Whether the study may be shown to patients."""
        return self.record is not None and not self.problems

    @property
    def tampered(self) -> bool:
        """Whether the record was changed after it was approved (left out of a catalog)."""
        status = self.approval
        return (
            bool(self.problems)
            and status is not None
            and (
                status.state is ApprovalState.MODIFIED
                or status.signature is SignatureState.MISMATCH
            )
        )

    @property
    def study_id(self) -> str:
        """The NCT id, or the file name when the record failed to load."""
        if self.record is not None:
            return self.record.identification.nct_id
        return source_name(self.source)


@dataclass(frozen=True)
class Catalog:
    """Every configured record, in configured order, usable or not."""

    entries: tuple[CatalogEntry, ...]

    @property
    def studies(self) -> tuple[CatalogEntry, ...]:
        """The entries that may be shown, in configured order."""
        return tuple(entry for entry in self.entries if entry.ok)

    @property
    def broken(self) -> tuple[CatalogEntry, ...]:
        """The entries left out (failed or tampered), in configured order."""
        return tuple(entry for entry in self.entries if not entry.ok)

    @property
    def problems(self) -> tuple[str, ...]:
        """Every problem of every entry left out, for the staff error window and the log."""
        return tuple(problem for entry in self.broken for problem in entry.problems)


def record_sources(config: Config, cli_records: Sequence[str] = ()) -> tuple[str | None, ...]:
    """Which records to show: ``--record`` (repeatable) wins over the config.

    Then the config's ``record``, ``records`` or ``records_dir`` (paths already made
    relative to the config file by :func:`app.config.load_config`; a folder's
    ``*.yaml``/``*.yml`` files sorted by name). None of them: ``(None,)``, the embedded
    default record. Repeated paths are kept once, first place.

    Raises:
        app.config.ConfigError: ``records_dir`` cannot be listed (it was checked when the
            config was read, but the folder may have changed since).
    """
    if cli_records:
        return tuple(dict.fromkeys(cli_records))
    if config.record is not None:
        return (config.record,)
    if config.records is not None:
        return tuple(dict.fromkeys(config.records))
    if config.records_dir is not None:
        return list_record_files(config.records_dir)
    return (None,)


def _tamper_problem(source: str, status: ApprovalStatus) -> str | None:
    if status.state is ApprovalState.MODIFIED:
        return (
            f"{source}: approval: the record was changed after it was approved (its content "
            "no longer matches the stamp's digest); restore the approved file or approve it "
            "again"
        )
    if status.signature is SignatureState.MISMATCH:
        return (
            f"{source}: approval.signature: the signature does not match the stamp (it was "
            "changed after signing); restore the approved file or approve it again"
        )
    return None


def load_entry(
    source: str | None,
    trusted_keys: Collection[bytes] = (),
    *,
    refuse_tampered: bool = True,
) -> CatalogEntry:
    """Load and validate one record; never raises for a bad or unreadable record.

    Args:
        source: the record file, or ``None`` for the embedded default record.
        trusted_keys: raw Ed25519 keys (``Config.trusted_public_keys``) for its approval.
        refuse_tampered: leave out a record changed after approval (see the module
            docstring); False keeps it, to be shown with its draft banner.
    """
    try:
        record = load_record(source)
    except RecordError as exc:
        return CatalogEntry(source, None, tuple(issue.describe(exc.source) for issue in exc.issues))
    status = approval_status(record, trusted_keys)
    problem = _tamper_problem(source_name(source) if source is None else source, status)
    problems = (problem,) if problem and refuse_tampered else ()
    return CatalogEntry(source, record, problems, status)


def iter_entries(
    sources: Sequence[str | None], trusted_keys: Collection[bytes] = ()
) -> Iterator[CatalogEntry]:
    """Each source's entry, loaded lazily, one at a time, in order.

    The first study can be shown while the rest are validated in idle time. A tampered
    record is left out only when there are several sources; so is a second record of a
    study already listed (same NCT id), named with the first one's file.
    """
    refuse = len(sources) > 1
    seen: dict[str, int] = {}
    for index, source in enumerate(sources):
        entry = load_entry(source, trusted_keys, refuse_tampered=refuse)
        if entry.ok:
            first = seen.setdefault(entry.study_id, index)
            if first != index:
                shown = source_name(None) if source is None else source
                entry = CatalogEntry(
                    source,
                    entry.record,
                    (
                        f"{shown}: identification.nct_id: {entry.study_id} is already in the "
                        f"catalog from {source_name(sources[first])}; a catalog lists each "
                        "study once",
                    ),
                    entry.approval,
                )
        yield entry


def load_catalog(sources: Sequence[str | None], trusted_keys: Collection[bytes] = ()) -> Catalog:
    """Every source's entry, loaded now."""
    return Catalog(tuple(iter_entries(sources, trusted_keys)))


def _without_source(problem: str, source: str | None) -> str:
    """``problem`` without its leading file name (the line says it): ``line 12: field: ...``."""
    shown = source_name(None) if source is None else source
    rest = problem.removeprefix(shown)
    if rest == problem:
        rest = problem.removeprefix(f"<embedded>/{shown}")
    if rest == problem:
        return problem
    match = re.match(r":(\d+): ", rest)
    return f"line {match[1]}: {rest[match.end() :]}" if match else rest.removeprefix(": ")


def _folder_line(
    entry: CatalogEntry, strict: bool, fail_on_warnings: bool = False
) -> tuple[str, str]:
    """One ``trialguide validate DIR`` line for an entry, and ``ok``, ``draft`` or ``failed``."""
    name = source_name(entry.source)
    count = len(entry.problems)
    plural = "" if count == 1 else "s"
    if entry.record is None:
        first = _without_source(entry.problems[0], entry.source)
        return f"{name}: NOT VALID, {count} problem{plural}; first: {first}", "failed"
    record = entry.record
    nct = record.identification.nct_id
    if entry.problems:
        return f"{name}: LEFT OUT, {nct}, {_without_source(entry.problems[0], entry.source)}", (
            "failed"
        )
    warned = ""
    if strict:
        from app.record.lint import lint_record

        found = lint_record(record)
        # Reading-level figures are warnings: said, but they fail strict only when
        # `--fail-on-warnings` is given, as for a single record.
        issues = [i for i in found if i.level == "error" or fail_on_warnings]
        if issues:
            plural = "" if len(issues) == 1 else "s"
            return (
                f"{name}: valid, but {len(issues)} content problem{plural} (--strict); "
                f"first: {_without_source(issues[0].describe(entry.source), entry.source)}"
            ), "failed"
        if found:
            warned = f", {len(found)} warning{'' if len(found) == 1 else 's'}"
    state = entry.approval.state.value if entry.approval else "unapproved"
    kind = "ok" if entry.approval is not None and entry.approval.approved else "draft"
    languages = " ".join(record.languages)
    return (
        f"{name}: {kind}, {nct}, {state} (content {record.content_version}, {languages}){warned}"
    ), kind


def validate_folder(
    folder: str,
    strict: bool = False,
    trusted_keys: Collection[bytes] = (),
    fail_on_warnings: bool = False,
) -> tuple[list[str], bool]:
    """``trialguide validate DIR``: one line per record file, a summary, and whether all passed.

    A record is *ok* (approved), a *draft* (valid, not approved: it would be shown with
    the draft banner), *NOT VALID* (its first problem and the count), or *LEFT OUT*
    (changed after approval). ``strict`` also lints each valid record.

    Raises:
        app.config.ConfigError: the folder cannot be listed, has no record or too many.
    """
    sources = list_record_files(folder)
    lines = []
    counts = {"ok": 0, "draft": 0, "failed": 0}
    for entry in iter_entries(sources, trusted_keys):
        line, kind = _folder_line(entry, strict, fail_on_warnings)
        lines.append(line)
        counts[kind] += 1
    lines.append(
        f"{folder}: {len(sources)} record(s): {counts['ok']} ok, {counts['draft']} draft(s), "
        f"{counts['failed']} failed"
    )
    return lines, counts["failed"] == 0
