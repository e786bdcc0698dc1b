"""The digit tables, in one place: Persian and Arabic-Indic digits and their Latin twins.

Pure Python at the bottom of the layers, so the self-check engine, the PIN lock and the
formatting in :mod:`app.i18n.format` read typed digits with the same table.
"""

from __future__ import annotations

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

#: Latin digits written as Persian digits.
TO_PERSIAN = str.maketrans(LATIN_DIGITS, PERSIAN_DIGITS)
#: Persian and Arabic-Indic digits read as Latin digits.
TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, LATIN_DIGITS * 2)
#: Arabic-Indic digits written as Persian digits.
ARABIC_INDIC_TO_PERSIAN = str.maketrans(ARABIC_INDIC_DIGITS, PERSIAN_DIGITS)
