"""Edit a record's YAML in place: comments, key order, quoting and block scalars kept.

PyYAML reads a record into plain dicts and writes it back in its own style, losing
every comment; ruamel.yaml's round-trip mode keeps what a coordinator wrote, so a
translation written back changes the lines of that translation and nothing else. The
indentation is read from the file itself (a record indented by 4 stays indented by 4).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from app.record.issues import Path

#: Longest line a re-folded ``>-`` translation is wrapped to (the records' own width).
FOLD_WIDTH = 88


class YamlEditError(Exception):
    """The record's YAML cannot be edited round trip (message for staff)."""


def _null(representer: Any, _data: None) -> Any:
    # The importer writes ``type: null``; ruamel would write ``type:``.
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


class RecordDocument:
    """A record file loaded round trip: edit its values, then :meth:`dump` the text."""

    def __init__(self, text: str) -> None:
        self._yaml = YAML(typ="rt")
        self._yaml.preserve_quotes = True
        self._yaml.width = 1_000_000  # never re-wrap a line the author wrote
        self._yaml.representer.add_representer(type(None), _null)
        try:
            mapping = _mapping_indent(text)
            offset = self._dash_offset(text, mapping)
            self._yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
            self.data = self._yaml.load(text)
        except (YAMLError, ValueError) as exc:
            raise YamlEditError(f"the YAML cannot be read round trip ({exc})") from None
        if not isinstance(self.data, CommentedMap):
            raise YamlEditError("a record must be a mapping of fields at the top")
        self.lines = text.splitlines()
        self._spaced_approval = False

    @staticmethod
    def _dash_offset(text: str, mapping: int) -> int:
        """How far a block list's ``-`` sits right of its key (``  - id:`` under it: 2)."""
        match = re.search(r"^( *)[A-Za-z_]\w*:[ \t]*(?:#.*)?\n( *)- ", text, re.MULTILINE)
        if match is None:
            return mapping
        return max(len(match.group(2)) - len(match.group(1)), 0)

    def node(self, path: Path) -> Any:
        """The value at ``path`` (keys and list indexes from the root).

        Raises:
            KeyError: nothing is at that path.
        """
        node: Any = self.data
        for part in path:
            in_map = isinstance(node, CommentedMap) and isinstance(part, str) and part in node
            in_seq = isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node)
            if not (in_map or in_seq):
                raise KeyError(path)
            node = node[part]
        return node

    def key_line(self, path: Path) -> int | None:
        """The 1-based line of the last key of ``path`` (None where it is not known)."""
        try:
            parent = self.node(path[:-1])
        except KeyError:
            return None
        if isinstance(parent, CommentedMap):
            return int(parent.lc.key(path[-1])[0]) + 1
        if isinstance(parent, CommentedSeq):
            return int(parent.lc.item(path[-1])[0]) + 1
        return None

    def comments(self, path: Path) -> list[str]:
        """The YAML comments beside a text: the lines just above its key, and at line end.

        Both the key's own line and the lines of its language keys (``en:``) count.
        """
        found: list[str] = []
        line = self.key_line(path)
        if line is None:
            return found
        key_text = self.lines[line - 1]
        indent = len(key_text) - len(key_text.lstrip(" "))
        above: list[str] = []
        number = line - 1
        while number > 0:
            previous = self.lines[number - 1]
            stripped = previous.lstrip(" ")
            if not stripped.startswith("#") or len(previous) - len(stripped) != indent:
                break
            above.insert(0, stripped.lstrip("#").strip())
            number -= 1
        found += [text for text in above if text.strip("-= ")]
        lines = [line]
        value = self.node(path)
        if isinstance(value, CommentedMap):
            lines += [int(value.lc.key(k)[0]) + 1 for k in value if value.lc.key(k)[0] + 1 > line]
        for number in lines:
            comment = _line_comment(self.lines[number - 1])
            if comment and comment not in found:
                found.append(comment)
        return found

    def set_text(self, path: Path, lang: str, text: str, after: str) -> None:
        """Set the ``lang`` text of the text mapping at ``path`` (placed after ``after``).

        The new value keeps the style of the text it replaces (or of the ``after``
        language's, for a new one): a ``>-`` block is folded again at :data:`FOLD_WIDTH`.
        """
        mapping = self.node(path)
        if not isinstance(mapping, CommentedMap):
            raise KeyError(path)
        model = mapping.get(lang, mapping.get(after))
        column = int(mapping.lc.key(after)[1]) if after in mapping else 0
        value = _styled(text, model, column + 2)
        if lang in mapping:
            mapping[lang] = value
        else:
            keys = list(mapping)
            position = keys.index(after) + 1 if after in keys else len(keys)
            mapping.insert(position, lang, value)

    def set_list_item(self, path: Path, item: str) -> None:
        """Add ``item`` to the list at ``path`` (``languages: [en]`` gets ``fa``)."""
        seq = self.node(path)
        if not isinstance(seq, CommentedSeq):
            raise KeyError(path)
        if item not in seq:
            seq.append(item)

    def set_translations(self, made_from: Mapping[str, Mapping[str, str]]) -> None:
        """Write the ``translations:`` map (before ``approval:``, else at the end).

        Entries already there keep their place; the map is rebuilt in ``made_from``'s
        order only when its keys change.
        """
        current = self.data.get("translations")
        if not made_from:
            if current is not None:
                del self.data["translations"]
            return
        if isinstance(current, CommentedMap) and _same_keys(current, made_from):
            for lang, entries in made_from.items():
                for key, digest in entries.items():
                    if current[lang][key] != digest:
                        current[lang][key] = digest
            return
        fresh = CommentedMap()
        for lang, entries in made_from.items():
            fresh[lang] = CommentedMap(entries)
        if current is not None:
            self.data["translations"] = fresh
            return
        keys = list(self.data)
        position = keys.index("approval") if "approval" in keys else len(keys)
        self._spaced_approval = "approval" in keys
        self.data.insert(position, "translations", fresh)
        self.data.yaml_set_comment_before_after_key(
            "translations",
            before="\nWritten by `trialguide translate import`: for each translated text, the\n"
            "first 12 hex digits of the SHA-256 of the English it was translated from\n"
            "(`fuzzy`: a translator's draft to review). A changed English shows as stale.",
        )

    def dump(self) -> str:
        """The document as YAML text."""
        out = io.StringIO()
        self._yaml.dump(self.data, out)
        text = out.getvalue()
        if self._spaced_approval:  # the blank line before the stamp, as `approve` writes it
            text = re.sub(r"(?m)(?<=\S)\n(?=approval:)", "\n\n", text, count=1)
        return text


_KEY_LINE = re.compile(r"^( *)[A-Za-z_][\w]*:[ \t]*(?:#.*)?$")
_NESTED_KEY = re.compile(r"^( *)[A-Za-z_\"'][^:#]*:(?:[ \t]|$)")


def _mapping_indent(text: str) -> int:
    """How far a nested mapping's keys sit right of their parent key (2 unless the file says)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        parent = _KEY_LINE.match(line)
        if not parent:
            continue
        for following in lines[index + 1 :]:
            if not following.strip() or following.lstrip().startswith("#"):
                continue
            child = _NESTED_KEY.match(following)
            if child and len(child.group(1)) > len(parent.group(1)):
                return len(child.group(1)) - len(parent.group(1))
            break
    return 2


def _same_keys(current: CommentedMap, wanted: Mapping[str, Mapping[str, str]]) -> bool:
    if list(current) != list(wanted):
        return False
    return all(
        isinstance(current[lang], CommentedMap) and list(current[lang]) == list(wanted[lang])
        for lang in wanted
    )


def _line_comment(line: str) -> str:
    """The ``# comment`` at the end of a YAML line ("" if none), quotes respected."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and (index == 0 or line[index - 1] in " \t:[{,"):
            quote = char
        elif char == "#" and index > 0 and line[index - 1] in " \t":
            return line[index + 1 :].strip()
    return ""


def _fold_positions(text: str, first_column: int) -> list[int] | None:
    """Where to fold ``text`` (space indexes) so no line passes :data:`FOLD_WIDTH`."""
    if "\n" in text or text != text.strip() or "  " in text:
        return None
    room = max(FOLD_WIDTH - first_column, 30)
    positions: list[int] = []
    start = 0
    last_space = -1
    for index, char in enumerate(text):
        if char == " ":
            if index - start > room and last_space > start:
                positions.append(last_space)
                start = last_space + 1
            last_space = index
    if len(text) - start > room and last_space > start:
        positions.append(last_space)
    return positions


def _styled(text: str, model: object, column: int) -> Any:
    """``text`` as a scalar in the style of ``model`` (the text it replaces or sits beside)."""
    if isinstance(model, FoldedScalarString):
        positions = _fold_positions(text, column)
        if positions is not None:
            folded = FoldedScalarString(text)
            folded.fold_pos = positions
            return folded
        return LiteralScalarString(text) if "\n" in text else DoubleQuotedScalarString(text)
    if isinstance(model, LiteralScalarString):
        return LiteralScalarString(text)
    if isinstance(model, SingleQuotedScalarString) and "\n" not in text:
        return SingleQuotedScalarString(text)
    if isinstance(model, DoubleQuotedScalarString) or not _safe_plain(text):
        return DoubleQuotedScalarString(text)
    return text


#: Characters that may change what a plain (unquoted) scalar means, in block or flow style.
_PLAIN_RISK = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff,\[\]{}#&*!|>'\"%@`]|: |:$|^[-?:]")


def _safe_plain(text: str) -> bool:
    """Whether ``text`` can stay unquoted: nothing YAML could read otherwise.

    ruamel.yaml would write ``fa: :>`` in a flow mapping, which no parser reads back; a
    plain ``null`` or ``12`` would come back as no text or a number.
    """
    if not text or text != text.strip() or _PLAIN_RISK.search(text):
        return False
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False
