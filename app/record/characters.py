"""Characters and markup that have no place in a record's text.

A record is reviewed by people reading its YAML, then shown to patients. Text that reads
one way in review and another on screen is refused:

* control characters (an ESC sequence reaches a terminal; a BEL rings), anywhere;
* bidi overrides and embeddings (U+202A-U+202E), isolates and marks, and invisible
  characters other than the joiners Persian needs (ZWNJ U+200C, ZWJ U+200D): refused
  in titles and in the registry's official text, where nothing legitimate uses them;
  in plain-language text they are a lint finding (``validate --strict``), since an
  author may have a reason;
* markup (``<img ...>``, ``<b>``) in titles, units, glossary terms and option labels,
  where it can never belong (body text may say "AFC < 4"), and character entities
  (``&lt;``) there in the text the record's authors write;
* glossary marks that are not ``[[id]]`` or ``[[id|shown words]]`` (``[[Ovary]]``,
  ``[[ovary|]]``), which a patient would otherwise see raw.

Every function is linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum

from pydantic import BaseModel

from app.record.issues import Issue, Path
from app.record.models import GLOSSARY_MARK

#: C0 controls but tab and newline, DEL, and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Embeddings and overrides (LRE RLE PDF LRO RLO), isolates (LRI RLI FSI PDI), marks
#: (LRM RLM ALM), and invisible characters: zero-width space, word joiner and invisible
#: operators, byte-order mark, Mongolian vowel separator, Hangul fillers, interlinear
#: annotation controls, tag characters. Not ZWNJ or ZWJ: Persian writes them.
_HIDDEN = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u2060-\u2064\ufeff\u180e"
    "\u115f\u1160\u3164\uffa0\ufff9-\ufffb\U000e0000-\U000e007f]"
)
#: An HTML or XML tag, comment or declaration.
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>")
#: A character entity. Refused only in text the record's authors write: the registry's
#: own titles hold such strings ("Chemotherapy &Amp; Radiation" is a real official title),
#: and they are shown as written.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: What is left of a glossary mark once the well-formed ones are taken out.
_MARK_REMNANT = re.compile(r"\[\[|\]\]")

#: Fields whose words are titles, units, terms or labels: never markup.
_NO_MARKUP = frozenset(
    {
        "brief_title",
        "official_title",
        "acronym",
        "plain_title",
        "short_title",
        "title",
        "unit",
        "term",
        "expansion",
        "label",
    }
)
#: Titles: no hidden characters, in any language.
_TITLES = frozenset({"brief_title", "official_title", "acronym", "plain_title", "short_title"})


def strip_hidden(text: str) -> str:
    """``text`` without control characters (but tab and newline) and hidden characters.

    For text copied in from elsewhere (the registry): a zero-width space or a stray
    direction mark carries no words, and the validator refuses it in official text.
    """
    return _HIDDEN.sub("", _CONTROL.sub("", text))


def iter_strings(value: object, path: Path = ()) -> Iterator[tuple[Path, str, bool]]:
    """Yield ``(path, text, official)`` for every string in a record model.

    ``official`` is True for the registry's words (plain ``str`` fields) and False for
    patient-facing text (the values of a language mapping).
    """
    if isinstance(value, Enum):
        return
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_strings(getattr(value, name), (*path, name))
    elif isinstance(value, str):
        yield path, value, True
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from iter_strings(item, (*path, index))
    elif isinstance(value, dict):
        for lang, text in value.items():
            if isinstance(text, str):
                yield (*path, lang), text, False


def _field(path: Path, official: bool) -> str:
    """The field a string belongs to: the last name in its path, before its language."""
    names = [part for part in (path if official else path[:-1]) if isinstance(part, str)]
    return names[-1] if names else ""


def _describe(char: str) -> str:
    return f"U+{ord(char):04X}"


def text_problems(record: BaseModel) -> list[Issue]:
    """Every text problem that makes a record unusable (see the module's docstring).

    Control characters anywhere; hidden characters in titles and official text; markup
    in titles, units, terms and labels; malformed glossary marks.
    """
    issues: list[Issue] = []
    for path, text, official in iter_strings(record):
        field = _field(path, official)
        control = _CONTROL.search(text)
        if control:
            issues.append(
                Issue(path, f"a control character ({_describe(control.group())}) is in the text")
            )
        if official or field in _TITLES:
            hidden = _HIDDEN.search(text)
            if hidden:
                issues.append(
                    Issue(
                        path,
                        "an invisible or direction-changing character "
                        f"({_describe(hidden.group())}) is in the text: it can make the words "
                        "read differently on screen",
                    )
                )
        if field in _NO_MARKUP:
            markup = _TAG.search(text) or (None if official else _ENTITY.search(text))
            if markup:
                issues.append(
                    Issue(
                        path,
                        f"markup ({markup.group()[:40]!r}) is not allowed in a {field}: "
                        "write the words themselves",
                    )
                )
        if not official:
            remnant = _MARK_REMNANT.search(GLOSSARY_MARK.sub("", text))
            if remnant:
                issues.append(
                    Issue(
                        path,
                        "a glossary mark is malformed: write [[id]] or [[id|shown words]], "
                        "with a lowercase id and some words after the bar",
                    )
                )
    return issues


def hidden_character_findings(record: BaseModel) -> Iterator[Issue]:
    """Lint: hidden characters in plain-language text (titles are refused outright)."""
    for path, text, official in iter_strings(record):
        if official or _field(path, official) in _TITLES:
            continue
        hidden = _HIDDEN.search(text)
        if hidden:
            yield Issue(
                path,
                f"an invisible or direction-changing character ({_describe(hidden.group())}) "
                "is in the text; TrialGuide sets the direction itself: remove it",
            )
