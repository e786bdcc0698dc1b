"""Browse the glossary by first letter (the kiosk has no keyboard to search with).

Which letters a language's letter bar offers, in which order, and which letter a term
starts with. Persian uses the 32 letters of its alphabet in their order; English A to Z.
Only letters that start a term in that language are offered; a term whose name starts
with something else (a Latin abbreviation on a Persian page, "TSH", or a digit) is under
that letter, offered after the alphabet's. Letter forms are folded as the search folds
them: آ is under ا, Arabic ي and ك under Persian ی and ک, Latin letters are upper case
and without accents.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

#: The Persian alphabet, in order.
PERSIAN = tuple("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی")
#: The English alphabet, in order.
ENGLISH = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
ALPHABETS: Mapping[str, tuple[str, ...]] = {"fa": PERSIAN, "en": ENGLISH}

#: Letter forms folded to the letter a Persian reader looks under.
_FOLD = str.maketrans({"آ": "ا", "أ": "ا", "إ": "ا", "ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه"})
#: Marks that carry no letter: bidi isolates and marks, ZWNJ, ZWJ, tatweel.
_SKIP = frozenset("\u200c\u200d\u0640\u200e\u200f\u2066\u2067\u2068\u2069\u202a\u202b\u202c")


def first_letter(name: str) -> str:
    """The letter ``name`` is listed under ("" for a name with no letter or digit)."""
    for char in name:
        if char in _SKIP or char.isspace() or not char.isalnum():
            continue
        char = char.translate(_FOLD)
        base = unicodedata.normalize("NFKD", char)[0]
        return base.upper() if base.isascii() else base
    return ""


def letters_in_use(names: Iterable[str], lang: str) -> list[str]:
    """The letters that start one of ``names``: the alphabet's first, in its order."""
    used = {first_letter(name) for name in names} - {""}
    alphabet = ALPHABETS.get(lang, ENGLISH)
    ordered = [letter for letter in alphabet if letter in used]
    others = sorted(used - set(alphabet), key=lambda c: (not c.isalpha(), c))
    return ordered + others
