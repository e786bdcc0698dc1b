"""Data files of TrialGuide (records, fonts, style sheet, icons), read with importlib.resources."""
