"""A record at the limits of app/record/limits.py, to render and time the screens with.

:func:`at_limits_record` is the embedded default record with its glossary terms and
procedure steps repeated (new ids, numbered names) up to the most a record may have, and
its registry texts (brief summary, detailed description, eligibility text) at the
longest a registry text may be; the detailed description is one line with no paragraph
break, the hardest shape to lay out. With ``long_texts`` every text of the glossary and
of the steps is also at the longest it may be, in both languages, as far as the file
size limit allows.

Usage::

    python tools/at_limits.py OUT.yaml [--long-texts]
    trialguide render --record OUT.yaml --screen glossary --lang fa --out /tmp/g.png
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import Any

import yaml

from app.record import limits
from app.record.load import MAX_BYTES, _Loader, default_record_text

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _fill(sentence: str, length: int) -> str:
    """``sentence`` repeated to exactly ``length`` characters, ending on a letter."""
    text = (sentence * (length // len(sentence) + 1))[:length]
    return text[:-1].rstrip() + "." if length > 1 else text


def _numbered(text: dict[str, str], number: int) -> dict[str, str]:
    return {
        lang: f"{words} {str(number).translate(_PERSIAN_DIGITS) if lang == 'fa' else number}"
        for lang, words in text.items()
    }


def _repeat(items: list[dict[str, Any]], count: int, name: str) -> list[dict[str, Any]]:
    """``items`` and numbered copies of them (``name`` numbered too), ``count`` in all."""
    out = list(items)
    for index in range(count - len(items)):
        item = copy.deepcopy(items[index % len(items)])
        number = index // len(items) + 2
        item["id"] = f"{item['id']}_{number}"
        item[name] = _numbered(item[name], number)
        out.append(item)
    return out


def at_limits_record(long_texts: bool = False) -> dict[str, Any]:
    """The default record's data, at every count and length limit (see the module doc)."""
    _source, raw = default_record_text()
    data: dict[str, Any] = yaml.load(raw.decode("utf-8"), Loader=_Loader)
    patient = data["patient"]
    patient["glossary"] = _repeat(patient["glossary"], limits.MAX_GLOSSARY_TERMS, "term")
    patient["procedures"] = _repeat(patient["procedures"], limits.MAX_PROCEDURE_STEPS, "title")
    official = data["official"]
    most = limits.MAX_OFFICIAL_CHARS
    official["brief_summary"] = _fill(official["brief_summary"].strip() + " ", most)
    # One line, no paragraph break: what made a 2 MB description take 9.5 s.
    official["detailed_description"] = _fill(
        " ".join(official["detailed_description"].split()) + " ", most
    )
    criteria = data["eligibility"]["criteria_text"].strip() + "\n\n"
    data["eligibility"]["criteria_text"] = _fill(criteria, most)
    if long_texts:
        _lengthen(data)
    return data


def _lengthen(data: dict[str, Any]) -> None:
    """Every text of the glossary and the steps at its longest, within the file size limit."""

    def long(most: int) -> dict[str, str]:
        return {
            "en": _fill("A plain sentence about this medical word, with an example. ", most),
            "fa": _fill("یک جملهٔ ساده دربارهٔ این واژهٔ پزشکی، با یک نمونه. ", most),
        }

    short, entry = long(limits.MAX_SHORT_CHARS), long(limits.MAX_ENTRY_CHARS)
    patient = data["patient"]
    fields = (
        (patient["glossary"], {"term": short, "expansion": short, "definition": entry}),
        (
            patient["procedures"],
            {"title": short, "when": entry, "what": entry, "duration": short, "where": short},
        ),
    )
    budget = MAX_BYTES - len(_dump(data)) - 4096
    for items, texts in fields:
        for item in items:
            for key, text in texts.items():
                size = sum(len(words.encode("utf-8")) for words in text.values()) + 2 * len(key)
                if budget < size:
                    return
                item[key] = dict(text)
                budget -= size


def _dump(data: dict[str, Any]) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 20).encode()


def main(argv: list[str] | None = None) -> int:
    """Write the record at the limits to a file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the YAML file to write")
    parser.add_argument(
        "--long-texts",
        action="store_true",
        help="definitions and step descriptions at their longest too",
    )
    args = parser.parse_args(argv)
    args.out.write_bytes(_dump(at_limits_record(args.long_texts)))
    print(f"{args.out}: {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
