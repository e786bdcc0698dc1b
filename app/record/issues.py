"""A problem found in a record, with the field path and (when known) the line it is on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: A field path: keys and list indexes from the record's root.
Path = tuple[str | int, ...]
#: ``error``: the record is wrong (``validate --strict`` fails); ``warning``: worth a
#: writer's look (reported, and fails ``validate --strict`` only with
#: ``--fail-on-warnings``), such as a reading-level estimate.
Level = Literal["error", "warning"]


def format_path(path: Path) -> str:
    """Write a field path as ``eligibility.criteria[3].plain.fa``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


@dataclass(frozen=True)
class Issue:
    """One problem in a record file."""

    path: Path
    message: str
    line: int | None = None
    level: Level = "error"

    def describe(self, source: str | None = None) -> str:
        """One line: ``file:line: path: message`` (file and line when known).

        A warning says so: ``file: path: warning: message``.
        """
        where = ""
        if source:
            where = f"{source}:{self.line}: " if self.line else f"{source}: "
        kind = "warning: " if self.level == "warning" else ""
        return f"{where}{format_path(self.path)}: {kind}{self.message}"


class RecordError(Exception):
    """A record could not be loaded; ``issues`` says every reason, with field paths."""

    def __init__(self, source: str, issues: list[Issue]) -> None:
        self.source = source
        self.issues = issues
        super().__init__(self.describe())

    def describe(self) -> str:
        """Every issue, one per line, each naming the file and the field path."""
        return "\n".join(issue.describe(self.source) for issue in self.issues)
