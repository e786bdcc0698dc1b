"""What an import from the registry carried, left out, and leaves for the author to decide.

:class:`ImportReport` is filled by :mod:`app.record.ctgov` while it reads a study.
``import-ctgov`` prints it, and :func:`app.record.dump.dump_record_yaml` writes it as a
comment block at the top of the record file, so nothing is dropped silently: every
field of the study that the record does not hold is listed with the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Why the record leaves a registry field out, by the field's path (``[]`` for any index);
#: the most specific path wins, a section or module covers everything inside it.
_REASONS: tuple[tuple[str, str], ...] = (
    ("resultsSection", "posted results are not shown; the record says only that results exist"),
    ("derivedSection", "added by the registry itself (MeSH terms, version), not the study's entry"),
    ("documentSection", "study documents (protocol, consent form) are files on the registry"),
    ("annotationSection", "registry annotations are not part of the study's entry"),
    ("protocolSection.oversightModule", "oversight and regulation facts are not shown"),
    ("protocolSection.ipdSharingStatementModule", "the data-sharing plan is not shown"),
    ("protocolSection.identificationModule.organization", "the lead sponsor is shown instead"),
    ("protocolSection.identificationModule.secondaryIdInfos", "other ids are not shown"),
    ("protocolSection.identificationModule.nctIdAliases", "old ids are not shown"),
    ("protocolSection.statusModule.expandedAccessInfo", "expanded access is not shown"),
    ("protocolSection.statusModule.lastUpdatePostDateStruct.type", "the date is kept"),
    ("protocolSection.statusModule", "registry bookkeeping dates are not shown"),
    ("protocolSection.conditionsModule", "not shown"),
    ("protocolSection.designModule.designInfo.maskingInfo.whoMasked", "not shown"),
    ("protocolSection.designModule", "not shown"),
    ("protocolSection.eligibilityModule.stdAges", "the registry's age groups follow the ages"),
    ("protocolSection.eligibilityModule.genderBased", "not shown"),
    ("protocolSection.contactsLocationsModule.locations[].geoPoint", "map positions not shown"),
    ("protocolSection.contactsLocationsModule.locations[].zip", "postal codes are not shown"),
    ("protocolSection.referencesModule.seeAlsoLinks", "web links are not shown on a kiosk"),
    ("protocolSection.referencesModule.availIpds", "data-sharing documents are not shown"),
    ("protocolSection.armsInterventionsModule.interventions[].armGroupLabels", "not shown"),
    ("protocolSection.outcomesModule", "not shown"),
    ("protocolSection.descriptionModule", "not shown"),
)
_DEFAULT_REASON = "the record has no field for it"
_INDEX = re.compile(r"\[\d+\]")


def _reason(path: str) -> str:
    best = ""
    reason = _DEFAULT_REASON
    for prefix, why in _REASONS:
        if (path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")) and (
            len(prefix) > len(best)
        ):
            best, reason = prefix, why
    return reason


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


@dataclass
class ImportReport:
    """The import's account of itself: carried, left out, and decisions for the author.

    Attributes:
        carried: What the record holds, one line per kind of thing.
        left_out: ``(field path, count, why)`` for each registry field not carried.
        decisions: What the author must look at before the record is approved.
    """

    carried: list[str] = field(default_factory=list)
    left_out: list[tuple[str, int, str]] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)

    def decide(self, line: str) -> None:
        """Add a line to what the author must decide."""
        self.decisions.append(line)

    def leave_out(self, path: str, why: str, count: int = 1) -> None:
        """Note one registry field (or item) that the record does not carry."""
        self.left_out.append((path, count, why))

    def find_left_out(self, root: Mapping[str, Any], seen: Iterable[str], prefix: str) -> None:
        """List every non-empty field of ``root`` the importer did not read.

        Args:
            root: The study object.
            seen: The paths the importer read (with indices).
            prefix: The path of ``root`` itself ("" or ``studies[2]``).
        """
        read = set(seen)
        counts: Counter[str] = Counter()

        def walk(value: object, path: str) -> None:
            if isinstance(value, Mapping):
                for key, item in value.items():
                    where = f"{path}.{key}" if path else str(key)
                    if _empty(item) or str(key).startswith("_"):
                        continue
                    if where not in read:
                        counts[_INDEX.sub("[]", where)] += 1
                    else:
                        walk(item, where)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, Mapping):
                        walk(item, f"{path}[{index}]")

        walk(root, prefix)
        for path, count in counts.items():
            bare = re.sub(r"^studies\[\]\.?", "", path)
            self.left_out.append((path, count, _reason(bare)))

    def lines(self) -> list[str]:
        """The report as plain lines (no comment marks)."""
        out = ["Import report", "", "Carried:"]
        out += [f"  - {line}" for line in self.carried]
        out += ["", "Left out (in the registry, not in this record):"]
        if self.left_out:
            for path, count, why in self.left_out:
                times = f" ({count} times)" if count > 1 else ""
                out.append(f"  - {path}{times}: {why}")
        else:
            out.append("  - nothing")
        out += ["", "Needs an author's decision:"]
        out += [f"  - {line}" for line in self.decisions] or ["  - nothing"]
        return out

    def comment_block(self) -> str:
        """The report as a YAML comment block, ending with a blank line.

        A field name from the study file could hold a line break or a control character;
        each becomes a space, so that no line leaves the comment and the file stays YAML.
        """
        lines = ("".join(ch if ch.isprintable() else " " for ch in line) for line in self.lines())
        return "".join(f"# {line}".rstrip() + "\n" for line in lines) + "\n"
