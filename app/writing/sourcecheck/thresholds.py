"""Numbers the notes give only as a threshold.

"Metformin cont (eGFR>45)", "if DAS28 still >5.1", "trial of passage (<5mm)",
"PRN if CIWA >15": a number after a comparison is a cut-off, not a result,
so a draft that reports it as the patient's value ("eGFR 45", "DAS28-ESR
5.1") is not supported by it. A draft that keeps the comparison ("if the
CIWA rises above 15") is. Arrows ("131 -> 137", "=> 2.4") are trends, not
comparisons.
"""

from __future__ import annotations

import re

from app.writing.sourcecheck.numbers import DIGITS

_COMPARATOR = re.compile(
    r"(?:(?<![-=<>])[<>≤≥](?!-)=?|\b(?:above|below|less than|more than|greater than"
    r"|at least|exceeds?|fewer than|lower than|higher than))\s*$",
    re.IGNORECASE,
)
LOOK_BACK = 15


# How a draft words a cut-off, before or after the number: "under 80",
# "92% or above", "NEWS reaches 7 or more", "the 185/110 threshold".
_DRAFT_BEFORE = re.compile(
    r"\b(?:under|over|beyond|up to|at most|target(?:ing)?|aim(?:ing)? for|reaches|keep\b.*\bat)"
    r"(?:\s+(?:the|a|an|of))?\s*$",
    re.IGNORECASE,
)
_DRAFT_AFTER = re.compile(
    r"^[^.;,\n]{0,12}?\b(?:or (?:above|more|less|below|higher|lower|greater|over|under|fewer)"
    r"|threshold|cut-?off|target)\b",
    re.IGNORECASE,
)
DRAFT_LOOK_BACK = 25
DRAFT_LOOK_AFTER = 25


def after_comparator(text: str, start: int) -> bool:
    """Whether the number starting at `start` follows a comparison."""
    return bool(_COMPARATOR.search(text[max(0, start - LOOK_BACK) : start]))


def worded_as_cut_off(text: str, start: int, end: int) -> bool:
    """Whether a draft words the number at text[start:end] as a cut-off."""
    before = text[max(0, start - DRAFT_LOOK_BACK) : start]
    return (after_comparator(text, start) or bool(_DRAFT_BEFORE.search(before))
            or bool(_DRAFT_AFTER.search(text[end : end + DRAFT_LOOK_AFTER])))


def threshold_only_values(text: str) -> frozenset[float]:
    """Values the text writes after a comparison and never otherwise."""
    thresholds: set[float] = set()
    stated: set[float] = set()
    for match in DIGITS.finditer(text):
        value = round(float(match.group(0)), 6)
        (thresholds if after_comparator(text, match.start()) else stated).add(value)
    return frozenset(thresholds - stated)
