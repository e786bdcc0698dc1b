"""How much a record may hold: bounds that keep every screen quick to show.

The loader's own bounds (file size, nesting, number of values) are in
:mod:`app.record.load`; these are the bounds on what a screen lays out. Each is far
above what a real trial needs and low enough that the screen showing it stays well
under a second on a clinic kiosk (``benchmarks/record_load.py`` measures a record at
these limits). A record over a limit is refused with the field path and the limit.

Validators read these names when they run, so a benchmark can lift them in its own
process, as it lifts the loader's.
"""

from __future__ import annotations

#: Most glossary terms (``patient.glossary``). The default record has 31.
MAX_GLOSSARY_TERMS = 200
#: Most steps of taking part (``patient.procedures``). The default record has 7.
MAX_PROCEDURE_STEPS = 50
#: Longest registry text, in characters (``official.brief_summary``,
#: ``official.detailed_description``, ``eligibility.criteria_text``, a criterion's
#: ``official``): ClinicalTrials.gov's own limit for its longest text field.
MAX_OFFICIAL_CHARS = 32_000
#: Longest patient-facing text, in characters, in each language. The default record's
#: longest is about 900.
MAX_PATIENT_CHARS = 3_000
#: Longest glossary term, expansion, step title, duration or place, in characters in each
#: language (a few words; the default record's longest is 41).
MAX_SHORT_CHARS = 100
#: Longest glossary definition, or step's time or description, in characters in each
#: language (a few sentences; the default record's longest is 250). With the counts
#: above, these bound the text on the glossary and steps screens.
MAX_ENTRY_CHARS = 500

#: Most texts a record may name recordings for.
MAX_AUDIO_FILES = 2_000
#: Largest recording read (a minute of 48 kHz stereo 16-bit WAV is about 11 MB).
MAX_AUDIO_BYTES = 64 * 1024 * 1024
