"""Hypothesis mutations of the default record: each one validates, or fails with paths.

A mutation deletes a key, puts a wrong type, a random string or a huge number in place
of a value, drops a language from a patient text, duplicates a list item, replaces an
enum value with garbage, or swaps a whole subtree for a scalar. The mutant either
validates (then the record works: the self-check runs on it) or raises
:class:`RecordError` whose every issue has a field path into the record. Any other
exception is a bug.

Most examples mutate the parsed data and call :func:`validate_record` (milliseconds
each); a smaller share goes through YAML (dump, then :func:`parse_record`), which also
exercises the loader's line numbers and bounds.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path as FilePath
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.record import RecordError, enums, parse_record, validate_record
from app.record.issues import format_path
from app.record.load import _Loader
from app.selfcheck import evaluate

DEFAULT_RECORD_PATH = FilePath(__file__).parents[2] / "resources" / "records" / "NCT05703308.yaml"

Path = tuple[str | int, ...]
Doc = Any

with DEFAULT_RECORD_PATH.open(encoding="utf-8") as _handle:
    ORIGINAL: dict[str, Any] = yaml.load(_handle, Loader=_Loader)


def _walk(node: Doc, path: Path = ()) -> list[tuple[Path, Doc]]:
    found = [(path, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _walk(value, (*path, index))
    return found


NODES = _walk(ORIGINAL)[1:]
#: Keys of mappings (their paths end in a str).
KEYS = [path for path, _ in NODES if isinstance(path[-1], str)]
SCALARS = [path for path, node in NODES if not isinstance(node, dict | list)]
CONTAINERS = [path for path, node in NODES if isinstance(node, dict | list)]
LISTS = [path for path, node in NODES if isinstance(node, list) and node]
LANGUAGES = tuple(ORIGINAL["languages"])
#: Patient-facing texts: a mapping of exactly the record's languages to strings.
TEXTS = [
    path
    for path, node in NODES
    if isinstance(node, dict)
    and set(node) == set(LANGUAGES)
    and all(isinstance(v, str) for v in node.values())
]
ENUM_VALUES = {
    member.value
    for cls in vars(enums).values()
    if isinstance(cls, type) and issubclass(cls, StrEnum) and cls is not StrEnum
    for member in cls
}
ENUMS = [path for path, node in NODES if isinstance(node, str) and node in ENUM_VALUES]
assert len(TEXTS) > 100 and len(ENUMS) > 20 and len(LISTS) > 10, (len(TEXTS), len(ENUMS))


def _replace(doc: Doc, path: Path, change: Callable[[Doc], Doc]) -> Doc:
    """A copy of ``doc`` with the node at ``path`` replaced by ``change(node)``.

    Only the containers along ``path`` are copied; the rest is shared with ``doc``
    (validation never changes its input), which keeps an example to a millisecond.
    """
    if not path:
        return change(doc)
    head, rest = path[0], path[1:]
    if isinstance(doc, dict) and head in doc:
        copy = dict(doc)
    elif isinstance(doc, list) and isinstance(head, int) and head < len(doc):
        copy = list(doc)
    else:  # an earlier mutation removed or replaced this part: nothing to change
        return doc
    copy[head] = _replace(doc[head], rest, change)  # type: ignore[index]
    return copy


def _delete(doc: Doc, path: Path) -> Doc:
    parent_path, last = path[:-1], path[-1]

    def remove(parent: Doc) -> Doc:
        if isinstance(parent, dict) and last in parent:
            return {k: v for k, v in parent.items() if k != last}
        if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
            return parent[:last] + parent[last + 1 :]
        return parent

    return _replace(doc, parent_path, remove)


# -- strategies ----------------------------------------------------------------------------

GARBAGE_ENUM = st.one_of(
    st.sampled_from(["", "open", "OPEN", "PHASE9", "met ", "Met", "recruiting", "null", "~"]),
    st.text(max_size=12),
    st.sampled_from(sorted(ENUM_VALUES)),  # a real value, in the wrong field
)
#: Values put in place of anything: wrong types, random strings, huge and odd numbers.
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 2**31, 2**63, 10**20]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["", " ", "\u200c", "[[nope]]", "[[a|", "2023-02-30", "NCT00000000"]),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    GARBAGE_ENUM,
)


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, Callable[[Doc], Doc]]:
    kind = draw(
        st.sampled_from(
            ["delete", "scalar", "drop_language", "duplicate", "enum", "subtree", "blank_text"]
        )
    )
    if kind == "delete":
        path = draw(st.sampled_from(KEYS))
        return f"delete {format_path(path)}", lambda d: _delete(d, path)
    if kind == "scalar":
        path = draw(st.sampled_from(SCALARS))
        value = draw(VALUES)
        return f"{format_path(path)} = {value!r:.60}", lambda d: _replace(d, path, lambda _: value)
    if kind == "drop_language":
        path = draw(st.sampled_from(TEXTS))
        lang = draw(st.sampled_from(LANGUAGES))

        def drop(node: Doc) -> Doc:
            return {k: v for k, v in node.items() if k != lang} if isinstance(node, dict) else node

        return f"drop {format_path((*path, lang))}", lambda d: _replace(d, path, drop)
    if kind == "blank_text":
        path = draw(st.sampled_from(TEXTS))
        lang = draw(st.sampled_from(LANGUAGES))
        blank = draw(st.sampled_from(["", "   ", "\n"]))
        return (
            f"blank {format_path((*path, lang))}",
            lambda d: _replace(d, (*path, lang), lambda _: blank),
        )
    if kind == "duplicate":
        path = draw(st.sampled_from(LISTS))
        index = draw(st.integers(min_value=0, max_value=50))

        def duplicate(node: Doc) -> Doc:
            if not isinstance(node, list) or not node:
                return node
            i = index % len(node)
            return [*node[: i + 1], node[i], *node[i + 1 :]]

        return f"duplicate an item of {format_path(path)}", lambda d: _replace(d, path, duplicate)
    if kind == "enum":
        path = draw(st.sampled_from(ENUMS))
        value = draw(GARBAGE_ENUM)
        return f"{format_path(path)} = {value!r}", lambda d: _replace(d, path, lambda _: value)
    path = draw(st.sampled_from(CONTAINERS))
    value = draw(
        st.one_of(st.none(), st.text(max_size=10), st.integers(), st.just([]), st.just({}))
    )
    return f"{format_path(path)} = {value!r:.40}", lambda d: _replace(d, path, lambda _: value)


MUTANTS = st.lists(mutation(), min_size=1, max_size=3)


def _apply(mutations: list[tuple[str, Callable[[Doc], Doc]]]) -> Doc:
    doc: Doc = ORIGINAL
    for _name, change in mutations:
        doc = change(doc)
    return doc


def _check(outcome: Callable[[], Any], source: str) -> None:
    """The mutant validates and works, or every issue names a field path."""
    try:
        record = outcome()
    except RecordError as exc:
        assert exc.issues, "a RecordError without issues"
        for issue in exc.issues:
            assert issue.path, f"an issue without a field path: {issue.describe(source)}"
            assert isinstance(issue.path[0], str), issue
            assert all(isinstance(part, str | int) for part in issue.path), issue
            assert issue.message, issue
            assert issue.describe(source).startswith(source)
        return
    # It validated: it must work as a record.
    result = evaluate(record, {})
    assert {item.criterion_id for item in result.criteria} == {
        c.id for c in record.eligibility.criteria
    }
    for question in record.questions:
        record.criterion(question.criterion)


def test_the_original_validates():
    record = validate_record(ORIGINAL, "default")
    assert record.identification.nct_id == "NCT05703308"


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(MUTANTS)
def test_mutants_validate_or_name_the_path(mutations):
    doc = _apply(mutations)
    assume(doc is not ORIGINAL)
    _check(lambda: validate_record(doc, "mutant.yaml"), "mutant.yaml")


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(MUTANTS)
def test_mutants_through_yaml(mutations):
    doc = _apply(mutations)
    data = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8")
    _check(lambda: parse_record(data, "mutant.yaml"), "mutant.yaml")


def test_every_issue_of_a_badly_broken_record_has_a_path():
    doc = ORIGINAL
    for path in (("status", "overall_status"), ("questions", 0, "type"), ("languages",)):
        doc = _replace(doc, path, lambda _: "garbage")
    doc = _delete(doc, ("eligibility", "criteria", 0, "plain", "fa"))
    try:
        validate_record(doc, "broken.yaml")
    except RecordError as exc:
        assert len(exc.issues) >= 3
        assert all(issue.path for issue in exc.issues)
    else:  # pragma: no cover
        raise AssertionError("a record with garbage in three places validated")


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(("identification", "nct_id"), id="string field"),
        pytest.param(("status", "enrollment", "type"), id="enum"),
        pytest.param(("status", "phases", 0), id="enum in a list"),
        pytest.param(("questions", 1, "options", 0, "verdict"), id="verdict"),
        pytest.param(("schema_version",), id="schema version"),
    ],
)
def test_a_5000_digit_number_where_a_word_belongs(path):
    """An importer's dict (not YAML, which refuses such numbers) with a giant integer."""
    doc = _replace(ORIGINAL, path, lambda _: 10**5000)
    _check(lambda: validate_record(doc, "import.json"), "import.json")


def test_a_long_bad_value_is_quoted_short():
    doc = _replace(ORIGINAL, ("status", "overall_status"), lambda _: "X" * 1_000_000)
    with pytest.raises(RecordError) as info:
        validate_record(doc, "import.json")
    assert len(info.value.describe()) < 2000
