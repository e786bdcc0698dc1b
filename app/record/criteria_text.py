r"""Split a registry eligibility text into criteria: one per top-level bullet, in order.

ClinicalTrials.gov writes ``eligibilityModule.eligibilityCriteria`` as Markdown-ish text:
``Inclusion Criteria:`` and ``Exclusion Criteria:`` headings over one bullet a line.
:func:`split_criteria` reads it into ``(kind, official text)`` pairs, and
:func:`unescape_markdown` undoes the registry's backslash escapes (``\<`` becomes ``<``).
"""

from __future__ import annotations

import re
import string

from app.record.enums import CriterionKind

# A Markdown backslash escape: a backslash before any ASCII punctuation (CommonMark).
_ESCAPE = re.compile(r"\\([" + re.escape(string.punctuation) + r"])")
# "* text", "- text", "• text", "+ text", "1. text", "1) text".
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[*\-•+]|\d{1,3}[.)])[ \t]+(?P<text>\S.*)$")
# "Inclusion Criteria:", "Key Exclusion Criteria", "Exclusion criteria for Part B:",
# "Inclusion:"; an optional first word and an optional short qualifier, no sentence.
_HEADING = re.compile(
    r"^(?:(?:key|main|major|general|additional|other|principal)\s+)?"
    r"(?P<kind>inclusion|exclusion)"
    r"(?:\s+criteria(?:\s*(?:\(|-|–|—|for\b|in\b|of\b)[^.:]*)?\s*:?|\s*:)$",
    re.IGNORECASE,
)
# "Inclusion Criteria: women aged 18 to 40" (heading and first item on one line).
_INLINE_HEADING = re.compile(
    r"^(?:(?:key|main|major)\s+)?(?P<kind>inclusion|exclusion)\s+criteria\s*:\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)


def unescape_markdown(text: str) -> str:
    r"""Undo the registry's Markdown backslash escapes: ``\<`` to ``<``, ``\*`` to ``*``."""
    return _ESCAPE.sub(r"\1", text)


def _heading(text: str) -> tuple[CriterionKind, str | None] | None:
    """The kind a heading line starts, and any item on the same line; None if no heading."""
    core = text.strip().strip("*_#").strip()
    if len(core) > 100:
        return None
    match = _HEADING.match(core)
    if match:
        return CriterionKind(match.group("kind").upper()), None
    match = _INLINE_HEADING.match(core)
    if match:
        return CriterionKind(match.group("kind").upper()), match.group("text").strip()
    return None


def _indent(line: str) -> int:
    stripped = line.lstrip(" \t")
    return len(line[: len(line) - len(stripped)].expandtabs(4))


def split_criteria(text: str) -> list[tuple[CriterionKind, str]]:
    r"""Split eligibility text into criteria, one per top-level bullet, in order.

    The registry's v2 text puts one bullet a line (``* ``, ``- ``, ``• `` or ``1. ``)
    under ``Inclusion Criteria:`` and ``Exclusion Criteria:`` headings. Text before any
    heading, or text with no headings at all, counts as inclusion. Deeper-indented bullets
    and indented continuation lines stay with the criterion above them (one line each); a
    paragraph that is not a bullet becomes a criterion of its own, so no words are lost.
    Each criterion's text loses its bullet and the Markdown escapes (``\<`` becomes ``<``).

    Args:
        text: the registry's ``eligibilityModule.eligibilityCriteria``.

    Returns:
        ``(kind, official text)`` for each criterion, in the order of the text.
    """
    items: list[tuple[CriterionKind, list[str]]] = []
    kind = CriterionKind.INCLUSION
    current: list[str] | None = None
    base: int | None = None  # indent of the top-level bullets in this section
    for line in text.splitlines():
        if not line.strip():
            continue
        bullet = _BULLET.match(line)
        indent = _indent(line)
        top_level = base is None or indent <= base or current is None
        heading = _heading(bullet.group("text") if bullet and top_level else line)
        if heading is not None:
            kind, inline = heading
            current, base = None, None
            if inline:
                current = [inline]
                items.append((kind, current))
            continue
        if bullet:
            if base is None:
                base = indent
            if top_level:
                current = [bullet.group("text").strip()]
                items.append((kind, current))
            else:
                assert current is not None
                current.append(line.strip())
        elif current is not None and indent > (base or 0):
            current.append(line.strip())
        else:
            current = [line.strip()]
            items.append((kind, current))
    return [(k, unescape_markdown("\n".join(lines))) for k, lines in items]
