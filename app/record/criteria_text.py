r"""Read a registry eligibility text into criteria, as a reader of the registry page would.

ClinicalTrials.gov stores ``eligibilityModule.eligibilityCriteria`` as CommonMark, with
backslash escapes (``\<``). :func:`parse_criteria` parses it with markdown-it-py and
builds from its headings, paragraphs and (nested) lists:

* criteria, each with a kind: under an Inclusion or Exclusion heading in any of the
  registry's spellings (bare ``Inclusion``, ``Key Exclusion Criteria:``,
  ``-INCLUSION CRITERIA:``, a full-width colon, bold, a Markdown heading, any case), or
  ``UNSPECIFIED`` where the text has no such heading;
* the *sub-group* a criterion applies to, from a short sub-heading ("Cohort B only:",
  "Inclusion Criteria for Part B:");
* *groups*: "Two of the following:" (or "at least one of", "any of the following" in an
  inclusion list) over a list is one criterion whose options are the list's items;
* *notes* about the list ("Note: not all criteria are listed"), kept apart;
* *lead-ins* ("Participants must meet all of the following:"), which are structure and
  become no criterion; the record's ``criteria_text`` keeps their words.

Nested items stay inside their parent criterion, one line each. :func:`unescape_markdown`
undoes the registry's backslash escapes; the importer applies it to every text.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from app.record.enums import CriterionKind

__all__ = [
    "ParsedCriteria",
    "ParsedCriterion",
    "parse_criteria",
    "split_criteria",
    "unescape_markdown",
]

# A CommonMark backslash escape: a backslash before any ASCII punctuation.
_ESCAPE = re.compile(r"\\([" + re.escape(string.punctuation) + r"])")
# A list marker as CommonMark reads it, and the glyphs people use instead ("•").
_MARKER = re.compile(r"^[ \t]*(?:[*\-+•·▪◦●○■□➢►–]|\d{1,3}[.)])[ \t]+")
_GLYPH = re.compile(r"^([ \t]*)[•·▪◦●○■□➢►–](?=[ \t]+\S)")
_ORDERED = re.compile(r"^ {0,3}\d{1,3}[.)][ \t]+\S")
_ANY_MARKER = re.compile(r"^[ \t]*(?:[*\-+]|\d{1,3}[.)])[ \t]+\S")

_QUALIFIERS = r"(?:key|main|major|general|additional|other|principal|specific|basic|primary)"
# "Inclusion Criteria:", "Key Exclusion Criteria", "Exclusion criteria for Part B:",
# "Inclusion:", "Inclusion" alone; a short qualifier after "criteria", no sentence.
_HEADING = re.compile(
    rf"^(?:{_QUALIFIERS}\s+)?(?P<kind>inclusion|exclusion)s?"
    r"(?:\s+criteri(?:a|on))?"
    r"(?:\s*(?:\((?P<paren>[^()]{1,60})\)|[-–—]\s*(?P<dash>[^.:]{1,60}?)"
    r"|\s(?:for|in)\s+(?P<for>[^.:]{1,60}?)))?"
    r"\s*:?$",
    re.IGNORECASE,
)
_HEADING_REVERSED = re.compile(
    r"^criteria\s+(?:for|of)\s+(?P<kind>inclusion|exclusion)\s*:?$", re.IGNORECASE
)
# "Inclusion Criteria: women aged 18 to 40" (heading and first item on one line).
_INLINE_HEADING = re.compile(
    rf"^(?:{_QUALIFIERS}\s+)?(?P<kind>inclusion|exclusion)\s+criteria\s*:\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
# "Eligibility criteria:", "Inclusion and Exclusion Criteria:": no kind of their own.
_NEUTRAL = re.compile(
    r"^(?:(?:key|main|study|participant|patient|subject)\s+)?"
    r"(?:eligibility(?:\s+criteria)?|selection\s+criteria|criteria"
    r"|inclusion\s*(?:/|and|&|or)\s*exclusion(?:\s+criteria)?)\s*:?$",
    re.IGNORECASE,
)
# "Two of the following", "at least one of", "any of the following", "one or more of".
_NUMBER_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|\d+"
_GROUP = re.compile(
    rf"\b(?:(?:at\s+least|a\s+minimum\s+of|minimum\s+of)\s+(?P<least>{_NUMBER_WORDS})"
    r"(?:\s*\(\d+\))?\s+(?:\w+\s+)?(?:of|from)\b"
    rf"|(?P<count>any(?:\s+one)?|either|{_NUMBER_WORDS})(?:\s*\(\d+\))?\s+(?:or\s+more\s+)?"
    r"of\s+(?:the\s+)?(?:following|these|below)\b)",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"\b(?:following|must|criteria|criterion|eligible|eligibility|required|requirements"
    r"|excluded|included|as\s+follows|will\s+be|are\s+not|should|need\s+to)\b",
    re.IGNORECASE,
)
# Words that make a short line ending with a colon part of a criterion, not a sub-group.
_NOT_SUBGROUP = re.compile(
    r"\b(?:defined|as|with|without|including|such|having|has|have|had|who|which|if|of)\b"
    r"|[<>=≤≥%]|\d",
    re.IGNORECASE,
)
_NOTE = re.compile(
    r"^\W*(?:please\s+)?(?:note|notes|nb|n\.b\.|disclaimer)\b"
    r"|\bnot\s+all\b.{0,60}\bcriteri"
    r"|\bcriteri(?:a|on)\b.{0,40}\bmay\s+apply\b"
    r"|\bprotocol[- ]defined\b.{0,60}\bcriteri"
    r"|\b(?:list|criteria)\s+(?:is|are)\s+not\s+(?:complete|exhaustive)",
    re.IGNORECASE,
)
_MAX_SUBGROUP_WORDS = 8


def unescape_markdown(text: str) -> str:
    r"""Undo the registry's CommonMark backslash escapes: ``\<`` to ``<``, ``\*`` to ``*``."""
    return _ESCAPE.sub(r"\1", text)


def _core(text: str) -> str:
    """A line without its marker, emphasis, heading marks and a trailing full-width colon."""
    core = unescape_markdown(text).strip()
    core = re.sub(r"^(?:[-*+#>•·\s]|\d{1,3}[.)]\s)+", "", core)
    core = core.replace("：", ":").strip()
    core = core.strip("*_").strip()
    # "**Inclusion Criteria**:" and "**Inclusion Criteria:**" alike.
    core = re.sub(r"[*_]+(?=\s*:?$)", "", core).strip()
    return core


@dataclass(frozen=True)
class _Heading:
    kind: CriterionKind | None  # None: a neutral heading ("Eligibility criteria:")
    subgroup: str | None = None
    inline: str | None = None  # an item on the heading's own line


def _heading(text: str) -> _Heading | None:
    """The heading ``text`` is, if it is one."""
    core = _core(text)
    if not core or len(core) > 100:
        return None
    if _NEUTRAL.match(core):
        return _Heading(None)
    match = _HEADING.match(core) or _HEADING_REVERSED.match(core)
    if match:
        kind = CriterionKind(match.group("kind").upper())
        groups = match.groupdict()
        qualifier = groups.get("paren") or groups.get("dash") or groups.get("for")
        qualifier = qualifier.strip() if qualifier else None
        if qualifier and re.match(r"^(?:all|every|each)\b", qualifier, re.IGNORECASE):
            qualifier = None
        return _Heading(kind, subgroup=qualifier)
    match = _INLINE_HEADING.match(core)
    if match:
        return _Heading(CriterionKind(match.group("kind").upper()), inline=match.group("text"))
    return None


def _strip_marker(line: str) -> str:
    return _MARKER.sub("", line, count=1).strip()


@dataclass
class _Item:
    """A list item: its own first paragraph, all its lines, its nested items."""

    head: str
    lines: list[str]
    children: list[_Item]
    list_id: int


@dataclass
class _Line:
    """One line of a top-level paragraph, or a Markdown heading."""

    text: str
    is_heading: bool = False


_Unit = _Item | _Line


@dataclass
class ParsedCriterion:
    """One criterion read from the text."""

    kind: CriterionKind
    official: str
    subgroup: str | None = None
    group_rule: str | None = None
    options: list[str] = field(default_factory=list)


@dataclass
class ParsedCriteria:
    """Everything :func:`parse_criteria` read from an eligibility text.

    Attributes:
        criteria: The criteria, in the order of the text.
        notes: Remarks about the list itself.
        lead_ins: Lead-in sentences read as structure, not criteria.
        neutral_headings: Headings without a kind ("Eligibility criteria:").
        has_headings: Whether the text has any Inclusion or Exclusion heading.
        implied: Criteria before the first heading given a kind by the heading after them.
        doubtful: Texts kept as criteria that the author should look at, with why.
    """

    criteria: list[ParsedCriterion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lead_ins: list[str] = field(default_factory=list)
    neutral_headings: list[str] = field(default_factory=list)
    has_headings: bool = False
    implied: int = 0
    doubtful: list[tuple[str, str]] = field(default_factory=list)


def _normalize(text: str) -> tuple[list[str], list[int | None]]:
    """Lines ready for the CommonMark parser, and the original line each one comes from.

    Bullet glyphs become ``*``; headings and lines before a numbered list get blank lines
    around them, so that CommonMark's lazy continuation cannot fold them into a paragraph.
    """
    out: list[str] = []
    origin: list[int | None] = []

    def blank() -> None:
        if out and out[-1].strip():
            out.append("")
            origin.append(None)

    previous = ""
    for index, line in enumerate(text.splitlines()):
        norm = _GLYPH.sub(r"\1*", line.replace("\t", "    "))
        # A heading, or a note at the margin: never the lazy continuation of an item.
        is_heading = bool(line.strip()) and (
            _heading(line) is not None
            or (not line[:1].isspace() and _NOTE.search(_core(line)) is not None)
        )
        starts_list = _ORDERED.match(norm) is not None
        if is_heading or (
            starts_list
            and previous.strip()
            and not _ANY_MARKER.match(previous)
            and not previous.startswith(("  ", "\t"))
        ):
            blank()
        out.append(norm)
        origin.append(index)
        if is_heading:
            blank()
        previous = norm
    return out, origin


class _Reader:
    """Turns markdown-it tokens into units: top-level lines, headings and list items."""

    def __init__(self, text: str) -> None:
        self.original = text.splitlines()
        self.lines, self.origin = _normalize(text)
        self.tokens = MarkdownIt("commonmark").parse("\n".join(self.lines))
        self.list_count = 0

    def source(self, start: int, end: int) -> list[str]:
        """The original lines behind normalized lines ``start`` to ``end``."""
        return [
            self.original[i]
            for i in (self.origin[n] for n in range(start, min(end, len(self.origin))))
            if i is not None and self.original[i].strip()
        ]

    def units(self) -> list[_Unit]:
        units: list[_Unit] = []
        tokens = self.tokens
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.level != 0 or token.nesting == -1:
                index += 1
                continue
            if token.type in ("bullet_list_open", "ordered_list_open"):
                items, index = self._list(index)
                units.extend(items)
                continue
            if token.type == "heading_open":
                units.append(_Line(tokens[index + 1].content, is_heading=True))
            elif token.map is not None and token.type != "hr":
                units.extend(_Line(line.strip()) for line in self.source(*token.map))
            index = self._close(index)
        return units

    def _close(self, index: int) -> int:
        """The index after the block that opens at ``index``."""
        token = self.tokens[index]
        if token.nesting == 0:
            return index + 1
        depth = 0
        while index < len(self.tokens):
            depth += self.tokens[index].nesting
            index += 1
            if depth == 0:
                break
        return index

    def _list(self, index: int) -> tuple[list[_Item], int]:
        """The items of the list opening at ``index``, and the index after it."""
        self.list_count += 1
        list_id = self.list_count
        open_token = self.tokens[index]
        end = self._close(index)
        items: list[_Item] = []
        index += 1
        while index < end - 1:
            token = self.tokens[index]
            if token.type == "list_item_open" and token.level == open_token.level + 1:
                item_end = self._close(index)
                items.append(self._item(index, item_end, list_id))
                index = item_end
            else:
                index += 1
        return items, end

    def _item(self, start: int, end: int, list_id: int) -> _Item:
        open_token: Token = self.tokens[start]
        assert open_token.map is not None
        lines = self.source(*open_token.map)
        if lines:
            lines = [_strip_marker(lines[0])] + [line.strip() for line in lines[1:]]
        head = ""
        children: list[_Item] = []
        index = start + 1
        while index < end - 1:
            token = self.tokens[index]
            if token.level != open_token.level + 1 or token.nesting == -1:
                index += 1
                continue
            if token.type == "paragraph_open" and not head and not children:
                head = self.tokens[index + 1].content
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                nested, _ = self._list(index)
                children.extend(nested)
            index = self._close(index)
        if not head and lines and not children:
            head = lines[0]
        return _Item(unescape_markdown(head).strip(), lines, children, list_id)


def _words(text: str) -> int:
    return len(text.split())


def _ends_with_colon(text: str) -> bool:
    return _core(text).endswith(":")


def _rule(text: str) -> str:
    """A group's rule in the registry's words, without marker, emphasis or final colon."""
    return _core(text).rstrip(":").strip()


def _is_group(text: str, kind: CriterionKind | None) -> bool:
    """Whether ``text`` opens a group: a rule counting how many of a list must hold.

    In an exclusion list, "any of the following" means each item excludes on its own, so
    it is a lead-in; "two of the following" is a group wherever it stands.
    """
    match = _GROUP.search(_core(text))
    if match is None:
        return False
    count = (match.group("least") or match.group("count") or "").lower()
    if kind is CriterionKind.EXCLUSION:
        return count not in {"any", "any one", "either", "one", "1"}
    return True


def _join(lines: list[str]) -> str:
    return unescape_markdown("\n".join(lines)).strip()


def parse_criteria(text: str) -> ParsedCriteria:
    """Read a registry eligibility text into criteria, notes and structure.

    Args:
        text: The registry's ``eligibilityModule.eligibilityCriteria``.

    Returns:
        The criteria in the order of the text, with what was read as structure.
    """
    reader = _Reader(text)
    units = reader.units()
    result = ParsedCriteria()
    state = _State(result)
    state.run(units)
    return result


class _State:
    """The classifier's walk over the units: current kind, sub-group and open group."""

    def __init__(self, result: ParsedCriteria) -> None:
        self.result = result
        self.kind: CriterionKind | None = None
        self.subgroup: str | None = None
        self.before_heading: list[ParsedCriterion] = []

    def add(self, official: str, **extra: object) -> None:
        criterion = ParsedCriterion(
            self.kind or CriterionKind.UNSPECIFIED,
            official,
            subgroup=self.subgroup,
            **extra,  # type: ignore[arg-type]
        )
        self.result.criteria.append(criterion)
        if self.kind is None:
            self.before_heading.append(criterion)

    def set_heading(self, heading: _Heading, raw: str) -> None:
        if heading.kind is None:
            self.result.neutral_headings.append(_core(raw))
            return
        if not self.result.has_headings:
            self.result.has_headings = True
            # Items before an Exclusion heading that no Inclusion heading introduced are
            # the inclusion criteria (the registry's first heading was left out).
            if self.before_heading and heading.kind is CriterionKind.EXCLUSION:
                for criterion in self.before_heading:
                    criterion.kind = CriterionKind.INCLUSION
                self.result.implied = len(self.before_heading)
        self.kind = heading.kind
        self.subgroup = heading.subgroup
        if heading.inline:
            self.add(_join([heading.inline]))

    def run(self, units: list[_Unit]) -> None:
        index = 0
        while index < len(units):
            index = self.step(units, index)

    def step(self, units: list[_Unit], index: int) -> int:
        """Classify ``units[index]``; return the index of the next unit to look at."""
        unit = units[index]
        following = units[index + 1] if index + 1 < len(units) else None
        head = unit.head if isinstance(unit, _Item) else unit.text
        heading = _heading(head)
        if heading is not None:
            self.set_heading(heading, head)
            if isinstance(unit, _Item) and unit.children:
                self.run(list(unit.children))
            return index + 1
        if _NOTE.search(_core(head)):
            self.result.notes.append(
                _join(unit.lines) if isinstance(unit, _Item) else unescape_markdown(head)
            )
            return index + 1
        if isinstance(unit, _Item):
            return self._item(unit, following, index)
        return self._line(unit, units, index)

    def _item(self, unit: _Item, following: _Unit | None, index: int) -> int:
        # Nested options are one criterion in any list: a group, whatever its count.
        if unit.children and _GROUP.search(_core(unit.head)):
            self.add(
                _join(unit.lines),
                group_rule=_rule(unit.head),
                options=[_join(child.lines) for child in unit.children],
            )
            return index + 1
        if (
            not unit.children
            and _ends_with_colon(unit.head)
            and isinstance(following, _Item)
            and following.list_id == unit.list_id
            and (_LEAD_IN.search(unit.head) or _is_group(unit.head, self.kind))
        ):
            if _is_group(unit.head, self.kind):
                self.result.doubtful.append(
                    (unit.head, "reads like a group, but its options are not nested under it")
                )
                self.add(_join(unit.lines))
            else:
                self.result.lead_ins.append(unit.head)
            return index + 1
        self.add(_join(unit.lines))
        return index + 1

    def _line(self, unit: _Line, units: list[_Unit], index: int) -> int:
        text = unit.text
        core = _core(text)
        following = units[index + 1] if index + 1 < len(units) else None
        list_follows = isinstance(following, _Item)
        if list_follows and _ends_with_colon(text) and _is_group(text, self.kind):
            assert isinstance(following, _Item)
            options: list[_Item] = []
            end = index + 1
            while end < len(units):
                item = units[end]
                if not isinstance(item, _Item) or item.list_id != following.list_id:
                    break
                options.append(item)
                end += 1
            official = "\n".join(
                [unescape_markdown(text).strip()]
                + [f"* {_join(option.lines)}" for option in options]
            )
            self.add(
                official,
                group_rule=_rule(text),
                options=[_join(option.lines) for option in options],
            )
            return end
        if _ends_with_colon(text) and (_LEAD_IN.search(core) or _GROUP.search(core)):
            self.result.lead_ins.append(core)
            return index + 1
        bold_or_heading = unit.is_heading or bool(re.match(r"^\s*(\*\*|__).+(\*\*|__)\s*:?$", text))
        if (
            list_follows
            and (_ends_with_colon(text) or bold_or_heading)
            and _words(core) <= _MAX_SUBGROUP_WORDS
            and not _NOT_SUBGROUP.search(core)
        ):
            self.subgroup = core.rstrip(":").strip()
            return index + 1
        if list_follows and _ends_with_colon(text):
            # "Confirmed disease, defined as:" over a list: one criterion, as a parent item.
            assert isinstance(following, _Item)
            end = index + 1
            lines = [text]
            while end < len(units):
                item = units[end]
                if not isinstance(item, _Item) or item.list_id != following.list_id:
                    break
                lines += [f"* {item.lines[0]}" if item.lines else "*", *item.lines[1:]]
                end += 1
            self.add(_join(lines))
            return end
        if unit.is_heading and _words(core) <= _MAX_SUBGROUP_WORDS:
            self.subgroup = core.rstrip(":").strip()
            return index + 1
        self.add(unescape_markdown(_strip_marker(text) or text).strip())
        return index + 1


def split_criteria(text: str) -> list[tuple[CriterionKind, str]]:
    """``(kind, official text)`` for each criterion of ``text``, in order (see above)."""
    return [(c.kind, c.official) for c in parse_criteria(text).criteria]
