"""The interface sentences the screens show, as catalog messages the Listen script reads.

The same messages (same ids) as the screens' own ``_()`` calls, so the catalog gives the
script the very words on screen; ``tests/speech/test_script.py`` checks them against the
rendered screens.
"""

from __future__ import annotations

from app.i18n import N_
from app.record.enums import DateType

WHAT_THIS_IS = N_(
    "This guide explains one research study in plain words. It shows what "
    "taking part involves, and a few questions help you see if the study "
    "might fit you."
)
ENROLLING = N_("This study is taking new people now.")
NOT_ENROLLING = N_("This study is not taking new people now.")
ABOUT = N_("About the study")
WHY_STOPPED = N_("Why the study stopped")
WHO_FOR = N_("Who the study is for")
KEY_FACTS = N_("Key facts")
FACT_NAMES = {
    "phase": N_("Phase"),
    "participants": N_("Participants"),
    "sponsor": N_("Run by"),
    "where": N_("Where"),
}
PEOPLE = {
    DateType.ACTUAL: N_("{count} people took part"),
    DateType.ESTIMATED: N_("About {count} people are expected to take part"),
    None: N_("{count} people"),
}
STARTS = {DateType.ACTUAL: N_("Started"), DateType.ESTIMATED: N_("Starts"), None: N_("Start date")}
ENDS = {
    DateType.ACTUAL: N_("Ended"),
    DateType.ESTIMATED: N_("Expected to end"),
    None: N_("End date"),
}
PROCEDURES = N_("What taking part involves")
STEP_OF = N_("Step {number} of {total}")
STEP_FIELDS = {
    "when": N_("When"),
    "what": N_("What happens"),
    "duration": N_("How long"),
    "where": N_("Where"),
}
NO_QUESTIONS = N_("There are no questions for this study.")
QUESTION_OF = N_("Question {number} of {total}")
WHY_WE_ASK = N_("Why we ask: {reason}")
SKIP_NOTE = N_("You can skip any question. A question you skip counts as not known.")
RESULT = N_("Your self-check result")
NEXT = N_("What happens next")
DETAILS = N_("Study details")
DETAILS_INTRO = N_(
    "The study's entry in the public registry ClinicalTrials.gov, word for word "
    "where not labelled otherwise. The other screens explain the study in plain "
    "words."
)
DETAILS_LANGUAGE = N_("The registry's text is in English and is shown here exactly as registered.")
SUMMARY = N_("Brief summary")
DESCRIPTION = N_("Detailed description")
GLOSSARY = N_("Glossary")
GLOSSARY_INTRO = N_(
    "The medical words used in this guide, explained in plain words. "
    "Tap an underlined word to see what it means."
)
CONTACT = N_("What to do next")
REACH = N_("How to reach the study team")
ASK_STAFF = N_("Please ask the clinic staff how to reach the study team.")
CONTACT_FIELDS = {"phone": N_("Phone"), "email": N_("Email")}
ABOUT_THIS = N_("About this study")
REGISTRY_NUMBER = N_("Registry number")
REGISTRY_HINT = N_("You can look this study up on ClinicalTrials.gov with this number.")

#: The language of the registry's own (official) text.
REGISTRY_LANGUAGE = "en"
