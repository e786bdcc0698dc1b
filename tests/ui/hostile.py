"""A record whose every text carries markup, for tests that every widget shows it literally.

The record is built from a valid one with ``model_copy``, past validation (which refuses
markup in titles, units and terms): the interface must stay safe even for a record that
reached it some other way. Ids, enums, dates and other structured values are kept, so
every cross-reference still holds; every piece of words, official or patient-facing,
gets :func:`payload` before and after it.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path

from pydantic import BaseModel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from app.record import TrialRecord

#: Fields whose values are structure, not words: they keep their values.
STRUCTURE = frozenset(
    {
        "id",
        "criterion",
        "nct_id",
        "date",
        "sha256",
        "pmid",
        "doi",
        "languages",
        "content_version",
        "last_update_posted",
        "approved_at",
        "schema_version",
        "phone",
        "email",
        "type",
    }
)

#: What a literal rendering of the payload must contain, and a rich one must not.
MARKER = '<img src="'


def payload(target: Path) -> str:
    """Markup that would open ``target``, draw a table, bold text and a mnemonic if obeyed."""
    return (
        f'<img src="{target}"><b>bold</b>&lt;lt&gt; <table><tr><td>cell</td></tr></table>'
        " Woman & girl"
    )


def _hostile(value: object, name: str | None, markup: str) -> object:
    if value is None or isinstance(value, Enum | bool | int | float):
        return value
    if isinstance(value, BaseModel):
        update = {
            field: _hostile(getattr(value, field), field, markup)
            for field in type(value).model_fields
            if field not in STRUCTURE
        }
        return value.model_copy(update=update)
    if isinstance(value, str):
        return f"{markup} {value} {markup}"
    if isinstance(value, tuple):
        return tuple(_hostile(item, name, markup) for item in value)
    if isinstance(value, dict):
        return {key: _hostile(text, name, markup) for key, text in value.items()}
    return value


def hostile_record(record: TrialRecord, target: Path) -> TrialRecord:
    """``record`` with :func:`payload` around every text (ids and structure kept)."""
    result = _hostile(record, None, payload(target))
    assert isinstance(result, TrialRecord)
    return result


def markup_problems(root: QWidget, where: str) -> list[str]:
    """Every widget under ``root`` that would interpret record text as markup."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{where}: {type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, QLabel):
            text = widget.text()
            if widget.textFormat() == Qt.TextFormat.AutoText:
                found.append(f"{name} leaves its text format to Qt's guess: {text[:60]!r}")
            elif widget.textFormat() == Qt.TextFormat.RichText and MARKER in text:
                found.append(f"{name} puts record markup into rich text: {text[:60]!r}")
        if isinstance(widget, QAbstractButton) and "&" in re.sub("&&", "", widget.text()):
            found.append(f"{name} turns '&' into a keyboard mnemonic: {widget.text()[:60]!r}")
        if MARKER in widget.toolTip():
            found.append(f"{name} has record markup in a tooltip (Qt guesses rich text)")
    return found
