"""Counselor mode: the study in two languages with the registry's words, and the answers.

The study side by side in the patient's language and a second language, the official
registry text beside each plain text, and the patient's self-check answers, editable.
Open it with ``CounselorWindow(session).show()``.
"""

from app.ui.counselor.window import CounselorWindow

__all__ = ["CounselorWindow"]
