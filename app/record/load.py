"""Load a record file: safe, bounded YAML, then the schema, then the cross-reference checks.

A record is written by hand by study coordinators, so every problem is reported with
the file, the line where YAML knows it, the field path and a plain message; nothing
half-valid is ever returned.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from collections.abc import Mapping
from importlib import resources
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.reader import ReaderError

from app.files import FileReadError, decode_text, read_bounded
from app.record.checks import check_record
from app.record.issues import Issue, Path, RecordError
from app.record.models import SCHEMA_VERSION, TrialRecord

#: A record larger than this is refused before it is parsed.
MAX_BYTES = 2 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted.
MAX_DEPTH = 32
#: Most YAML nodes a document may expand to, aliases counted as often as they are used.
MAX_NODES = 200_000
#: Id of the record shipped inside the app.
DEFAULT_RECORD = "NCT05703308.yaml"
#: Most events libyaml's parser reports for one character of text, every event counted
#: as :func:`_count_events` counts them (ends, the stream's and the document's too).
#: Every value but an empty one takes a character, and an empty key or value comes only
#: with an indicator (``?``, ``:``, ``,``) that ends it. The densest text found is
#: ``[?],`` repeated in a flow mapping, at 1.76 a character; ``tests/record/test_load.py``
#: holds dense shapes to the bound. PyYAML's own parser accepts ``[?,``, which reaches
#: 2.0, so without libyaml every text is counted.
_EVENTS_PER_CHARACTER = 2

try:  # libyaml's parser when available: same results, several times faster.
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
    #: Longest text whose events cannot outnumber :data:`MAX_NODES`: it is composed
    #: without being counted first (aliases are counted as they expand, by :func:`_walk`).
    _UNCOUNTED_CHARACTERS = MAX_NODES // _EVENTS_PER_CHARACTER
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader
    _UNCOUNTED_CHARACTERS = 0


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader that keeps what coordinators type: dates and yes/no stay strings.

    YAML 1.1 would turn ``date: 2020-06-21`` into a date object and an option id
    ``yes`` into ``True``; a record wants the text as written.
    """


def _keep_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(node.value)


def _only_true_false(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool | str:
    value = str(node.value)
    if value.lower() in {"true", "false"}:
        return value.lower() == "true"
    return value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _keep_text)
_Loader.add_constructor("tag:yaml.org,2002:bool", _only_true_false)


def default_record_text() -> tuple[str, bytes]:
    """The embedded default record's display name and bytes."""
    source = f"<embedded>/{DEFAULT_RECORD}"
    try:
        return source, (resources.files("resources") / "records" / DEFAULT_RECORD).read_bytes()
    except OSError:
        raise RecordError(
            source, [Issue((), "the embedded default record is missing from this installation")]
        ) from None


def load_record(path: str | os.PathLike[str] | None = None) -> TrialRecord:
    """Load and validate a record file (the embedded default record when ``path`` is None).

    Raises:
        RecordError: the file cannot be read, is not a valid record, or is inconsistent.
    """
    if path is None:
        source, data = default_record_text()
        return parse_record(data, source)
    source = str(path)
    try:
        data = read_bounded(
            path, MAX_BYTES, what="a record file", too_large="; a record is far smaller"
        )
    except FileReadError as exc:
        raise RecordError(source, [Issue((), exc.reason)]) from None
    return parse_record(data, source)


def parse_record(data: bytes, source: str = "<record>") -> TrialRecord:
    """Validate a record from the bytes of a YAML file.

    Raises:
        RecordError: the bytes are not a valid, consistent record.
    """
    document, lines = _parse_yaml(data, source)
    return validate_record(document, source, lines)


def parse_record_lines(
    data: bytes, source: str = "<record>"
) -> tuple[TrialRecord, dict[Path, int]]:
    """:func:`parse_record`, and the line each field starts on (for later findings: the lint's).

    Raises:
        RecordError: the bytes are not a valid, consistent record.
    """
    document, lines = _parse_yaml(data, source)
    return validate_record(document, source, lines), lines


def issue_with_line(issue: Issue, lines: Mapping[Path, int]) -> Issue:
    """``issue`` with the line of its field (or of the nearest enclosing field) from ``lines``."""
    return _with_line(issue, lines)


def validate_record(
    document: object, source: str = "<record>", lines: Mapping[Path, int] | None = None
) -> TrialRecord:
    """Validate already-parsed record data (for example a dict from an importer).

    Raises:
        RecordError: the data is not a valid, consistent record.
    """
    lines = lines or {}
    if not isinstance(document, dict):
        raise RecordError(source, [Issue((), "a record must be a mapping of fields at the top")])
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        message = (
            "schema_version is missing"
            if version is None
            else f"schema_version {_shown(version)} is not supported (this TrialGuide reads "
            f"{SCHEMA_VERSION})"
        )
        raise RecordError(
            source, [Issue(("schema_version",), message, lines.get(("schema_version",)))]
        )
    languages = document.get("languages")
    context = {
        "languages": tuple(lang for lang in languages if isinstance(lang, str))
        if isinstance(languages, list | tuple)
        else ()
    }
    try:
        record = TrialRecord.model_validate(document, context=context)
    except ValidationError as exc:
        issues = [_issue_from_error(error, lines) for error in exc.errors(include_url=False)]
        raise RecordError(source, issues) from None
    problems = check_record(record)
    if problems:
        raise RecordError(source, [_with_line(issue, lines) for issue in problems])
    return record


def _with_line(issue: Issue, lines: Mapping[Path, int]) -> Issue:
    path = issue.path
    while path:
        if path in lines:
            return dataclasses.replace(issue, line=lines[path])
        path = path[:-1]
    return issue


_UNION_TAGS = {"choice", "number"}


def _issue_from_error(error: Mapping[str, Any], lines: Mapping[Path, int]) -> Issue:
    loc = list(error["loc"])
    # Drop the discriminator tag pydantic puts after a question's index.
    path: list[str | int] = [
        part
        for i, part in enumerate(loc)
        if not (
            isinstance(part, str) and part in _UNION_TAGS and i > 0 and isinstance(loc[i - 1], int)
        )
    ]
    kind = error["type"]
    ctx = error.get("ctx") or {}
    message = _message(kind, error, ctx)
    if kind == "missing_language":
        path.append(ctx["lang"])
    return _with_line(Issue(tuple(path), message), lines)


def _shown(value: object, limit: int = 80) -> str:
    """A bad value quoted for a message: short, and safe for any value.

    ``repr()`` of an integer over 4,300 digits raises ValueError, and a megabyte of
    text helps nobody: both are summarised instead.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4000:
        return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
    text = repr(value)
    if len(text) > limit:
        return f"{text[: limit - 12]}… ({len(text):,} characters)"
    return text


def _message(kind: str, error: Mapping[str, Any], ctx: Mapping[str, Any]) -> str:
    if kind == "missing":
        return "this required field is missing"
    if kind == "extra_forbidden":
        return "this field is not part of the record format (misspelt or misplaced?)"
    if kind == "enum":
        return f"{_shown(error['input'])} is not one of: {ctx.get('expected', '')}"
    if kind == "literal_error":
        return f"{_shown(error['input'])} is not allowed here; expected {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return f"{_shown(error['input'])} does not have the expected form ({ctx.get('pattern')})"
    message = str(error["msg"])
    return message[0].lower() + message[1:] if message else kind


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0


def _parse_yaml(data: bytes, source: str) -> tuple[object, dict[Path, int]]:
    if len(data) > MAX_BYTES:
        raise RecordError(
            source,
            [
                Issue(
                    (),
                    f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; "
                    "a record is far smaller",
                )
            ],
        )
    if not data.strip():
        raise RecordError(source, [Issue((), "the file is empty")])
    try:
        text = decode_text(data, source)
    except FileReadError as exc:
        raise RecordError(source, [Issue((), exc.reason, exc.line)]) from None
    if len(text) > _UNCOUNTED_CHARACTERS:  # the default record is 81,000 characters
        _count_events(text, source)
    loader = _Loader(text)
    # The cyclic garbage collector would walk every node made so far, again and again,
    # while tens of thousands are made: parsing 100x the default record took 3x longer
    # per item than 10x. Nodes are freed by reference counting; the collector resumes
    # afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        node = loader.get_single_node()
        if node is None:
            raise RecordError(source, [Issue((), "the file holds no YAML document")])
        lines: dict[Path, int] = {}
        _walk(node, (), 0, _Budget(), lines, source)
        document = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise RecordError(source, [Issue((), f"this is not valid YAML: {problem}", line)]) from None
    except ReaderError as exc:  # a character YAML does not allow (a control character)
        line = text.encode("utf-8").count(b"\n", 0, exc.position) + 1 if exc.position else None
        problem = f"{exc.reason} (#x{exc.character:04x})"
        raise RecordError(source, [Issue((), f"this is not valid YAML: {problem}", line)]) from None
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())  # one line: libyaml's errors span two
        raise RecordError(source, [Issue((), f"this is not valid YAML: {problem}")]) from None
    except RecursionError:
        raise RecordError(source, [Issue((), "the YAML is nested too deeply")]) from None
    except (ValueError, TypeError, OverflowError) as exc:
        # A scalar its tag cannot read: "!!int forty", a 5,000-digit number.
        raise RecordError(
            source, [Issue((), f"this is not valid YAML: a value cannot be read ({exc})")]
        ) from None
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
    return document, lines


def _count_events(text: str, source: str) -> None:
    """Refuse a document with too many values before any node is built.

    The parser streams events, so this costs no memory; composing a million nodes
    first (and only then counting them) would take seconds and hundreds of MB. The
    field path where the count ran out is tracked, for the message. A text too short to
    hold that many (:data:`_UNCOUNTED_CHARACTERS`) is not counted: the count would be
    a third of its parse.
    """
    events = 0
    # One entry per open collection: [is_mapping, expecting_key, key or index].
    stack: list[list[Any]] = []
    try:
        for event in yaml.parse(text, Loader=_Base):
            starts = isinstance(
                event,
                yaml.ScalarEvent
                | yaml.AliasEvent
                | yaml.MappingStartEvent
                | yaml.SequenceStartEvent,
            )
            if starts and stack:
                parent = stack[-1]
                if parent[0] and parent[1]:  # a mapping key (a scalar, or a complex key)
                    parent[1] = False
                    parent[2] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                elif parent[0]:
                    parent[1] = True  # after this value, a key
                else:
                    parent[2] += 1
            if isinstance(event, yaml.MappingStartEvent):
                stack.append([True, True, None])
            elif isinstance(event, yaml.SequenceStartEvent):
                stack.append([False, False, -1])
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent) and stack:
                stack.pop()
            events += 1
            if events > MAX_NODES:
                path = tuple(entry[2] for entry in stack if entry[2] is not None)
                raise RecordError(
                    source,
                    [Issue(path, "the YAML holds too many values; a record is far smaller")],
                )
    except yaml.YAMLError:
        return  # the loader reports syntax errors with their line


_INT_TAG = "tag:yaml.org,2002:int"
_INT_READER = yaml.constructor.SafeConstructor()
#: Longest whole number accepted (Python refuses to read more than 4,300 digits).
_MAX_DIGITS = 100


def _check_int(node: yaml.ScalarNode, path: Path, source: str) -> None:
    """A whole number (implicit, or tagged ``!!int``) that Python can read, with its path."""
    value = str(node.value)
    line = node.start_mark.line + 1
    if sum(ch.isdigit() for ch in value) > _MAX_DIGITS:
        raise RecordError(
            source, [Issue(path, f"this number has too many digits ({len(value):,})", line)]
        )
    try:
        _INT_READER.construct_yaml_int(node)
    except ValueError:
        raise RecordError(source, [Issue(path, f"{_shown(value)} is not a number", line)]) from None


_YAML_TAG = "tag:yaml.org,2002:"
#: The only tags a record's nodes may carry: text, numbers, true/false, null, lists,
#: mappings (and dates, which the loader keeps as text). ``!!binary`` would turn base64
#: into text that a reviewer reading the YAML never sees; ``!!merge`` would get past the
#: ban on merge keys; ``!!set``, ``!!omap`` and application tags have no place either.
_ALLOWED_TAGS = frozenset(
    _YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)


_MERGE_TAG = _YAML_TAG + "merge"


def _tag_message(tag: str) -> str:
    shown = "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag
    if shown == "!!binary":
        return (
            "the YAML tag !!binary is not allowed in a record: write the text itself, so "
            "that a reviewer can read it"
        )
    if shown == "!!merge":
        return "YAML merge keys (<<) are not allowed in a record, nor keys tagged !!merge"
    return f"the YAML tag {shown[:60]!r} is not allowed in a record"


def _walk(
    node: yaml.Node, path: Path, depth: int, budget: _Budget, lines: dict[Path, int], source: str
) -> None:
    """Bound size and depth, refuse duplicate keys, and note each field's line."""
    budget.nodes += 1
    if budget.nodes > MAX_NODES:
        raise RecordError(
            source,
            [
                Issue(
                    path,
                    "the YAML expands to too many values (an alias bomb?); a record is far smaller",
                )
            ],
        )
    if depth > MAX_DEPTH:
        raise RecordError(
            source, [Issue(path, f"the YAML is nested deeper than {MAX_DEPTH} levels")]
        )
    lines.setdefault(path, node.start_mark.line + 1)
    if node.tag not in _ALLOWED_TAGS:
        raise RecordError(
            source, [Issue(path, _tag_message(str(node.tag)), node.start_mark.line + 1)]
        )
    if isinstance(node, yaml.ScalarNode) and node.tag == _INT_TAG:
        _check_int(node, path, source)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            if key == "<<" or key_node.tag == _MERGE_TAG:
                raise RecordError(
                    source,
                    [
                        Issue(
                            path,
                            _tag_message(_MERGE_TAG),
                            key_node.start_mark.line + 1,
                        )
                    ],
                )
            if key in seen:
                raise RecordError(
                    source,
                    [
                        Issue(
                            (*path, key),
                            f"the key {key!r} appears twice",
                            key_node.start_mark.line + 1,
                        )
                    ],
                )
            if key_node.tag not in _ALLOWED_TAGS:
                raise RecordError(
                    source,
                    [
                        Issue(
                            (*path, key),
                            _tag_message(str(key_node.tag)),
                            key_node.start_mark.line + 1,
                        )
                    ],
                )
            seen.add(key)
            _walk(value_node, (*path, key), depth + 1, budget, lines, source)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), depth + 1, budget, lines, source)
