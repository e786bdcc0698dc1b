"""Persian register: colloquial words and calques that plain written Persian avoids.

The record's Persian texts and the interface catalog are written in one register:
plain, polite, standard written Persian. A review found words from spoken Persian and
word-for-word translations of English in both; :data:`COLLOQUIAL` lists them with the
written form to use instead, so the content lint (``trialguide validate --strict``) and
the catalog test keep them out.
"""

from __future__ import annotations

import re

#: (pattern, what to write instead). Patterns match inside Persian text.
COLLOQUIAL: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), advice)
    for pattern, advice in (
        (r"(?<![\w\u200c])جور(?![\w\u200c])", "«مطابقت دارد / ندارد» (not «جور»)"),
        (r"دنبالش|دنبال\s+چه", "«در نظر داشت / می‌خواست» (not «دنبال»)"),
        (r"آزمایش\S*\s+را\s+نداده", "«این آزمایش را انجام نداده‌ام» (a test is done)"),
        (
            r"(?:سلول|سلول‌ها)\s*(?:را\s*)?(?:گرفت|نگرفت|می‌گیر|نمی‌گیر)",
            "«سلول تزریق شد / دریافت کرد» (not a calque of 'get')",
        ),
        (r"آزمایش‌های\s+(?:کبد|کلیه)(?![یو])", "«آزمایش‌های کبدی / کلیوی»"),
        (r"،[^،.؟:\n]{1,40}،\s*یا\s", "no comma before «یا» in a list (an English serial comma)"),
        (r"به خواب عمیق می‌رفت", "«تحت بیهوشی عمومی قرار می‌گرفت»"),
        (r"\bخیلی\b", "«بسیار» (written register)"),
        (r"\bالان\b", "«اکنون / اینک» (written register)"),
    )
)


def register_findings(text: str) -> list[str]:
    """The colloquial words or calques in a Persian ``text``, each with its advice."""
    findings = []
    for pattern, advice in COLLOQUIAL:
        match = pattern.search(text)
        if match:
            findings.append(f"{match.group(0)!r}: write {advice}")
    return findings
