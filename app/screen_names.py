"""The screens' names, in the order a visitor meets them: one list for every layer.

:class:`app.visits.Screen` takes its values from here, and so do the command line's
``--screen`` choices (parsing the command line imports no Qt), the presentation layer's
field-to-screen map and the read-aloud scripts.
"""

from __future__ import annotations

CATALOG = "catalog"
PRESCREEN = "prescreen"
WELCOME = "welcome"
ABOUT = "about"
PROCEDURES = "procedures"
SELFCHECK = "selfcheck"
RESULT = "result"
DETAILS = "details"
GLOSSARY = "glossary"
CONTACT = "contact"

#: A study's own screens.
STUDY_SCREENS = (WELCOME, ABOUT, PROCEDURES, SELFCHECK, RESULT, DETAILS, GLOSSARY, CONTACT)
#: A catalog's screens across studies (no current study while one is shown).
CATALOG_SCREENS = (CATALOG, PRESCREEN)
