"""Crisis-language flags on source notes and drafts.

Finds language about suicidal ideation, self-harm, harm to others and abuse
so the clinician sees it and the UI can show local crisis resources.  It
never blocks or alters writing; it only reports what it found and where.

Decisions:
* Negated mentions are not flagged ("denies SI", "no thoughts of
  self-harm"): the cue must sit in the same clause, a few words before.
* Quoted speech is always flagged (context ``quoted``): a patient saying
  "I want to die" is exactly what must not be missed.  Only a negation inside
  the quote itself ("I don't want to die") clears it.
* Family history ("mother died by suicide", "family history of suicide") is
  flagged with context ``family_history``: it is not the patient's own
  ideation but it is a recognised risk factor a clinician should see.
  A negated family history ("no family history of suicide") is not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

_I = re.IGNORECASE


class CrisisCategory(StrEnum):
    SUICIDAL_IDEATION = "suicidal_ideation"
    SELF_HARM = "self_harm"
    HARM_TO_OTHERS = "harm_to_others"
    ABUSE = "abuse"


class CrisisContext(StrEnum):
    STATEMENT = "statement"
    QUOTED = "quoted"
    FAMILY_HISTORY = "family_history"


@dataclass(frozen=True)
class CrisisFlag:
    category: CrisisCategory
    context: CrisisContext
    text: str
    start: int
    end: int


_SELF = r"(?:my|him|her|them|your)sel(?:f|ves)|themselves|myself"
PATTERNS: dict[CrisisCategory, tuple[re.Pattern[str], ...]] = {
    CrisisCategory.SUICIDAL_IDEATION: (
        re.compile(r"\bSI\b"),
        re.compile(
            r"\bsuicid\w*|\bwants? to die\b|\bwanted to die\b|\bwish(?:es|ed)? (?:I|he|she|they)"
            r" (?:was|were) dead\b|\bbetter off dead\b|\bno reason to live\b"
            rf"|\bkill(?:ing)? (?:{_SELF})\b|\bend(?:ing)? (?:my|his|her|their) (?:own )?life\b"
            r"|\btake (?:my|his|her|their) (?:own )?life\b|\bnot (?:want to )?wake up\b",
            _I,
        ),
    ),
    CrisisCategory.SELF_HARM: (
        re.compile(
            rf"\bself[- ]?harm\w*|\bself[- ]?injur\w*|\bcut(?:s|ting)? (?:{_SELF})\b"
            r"|\bcutting (?:her|his|their|my) \w+|\bcutting\b|\bburn(?:ed|ing|s)? (?:"
            rf"{_SELF})\b|\boverdos\w*|\bligature\b",
            _I,
        ),
    ),
    CrisisCategory.HARM_TO_OTHERS: (
        re.compile(r"\bHI\b"),
        re.compile(
            r"\bhomicid\w*|\bkill (?:him|her|them|you|someone|everyone|(?:my|his|her|their) \w+)\b"
            r"|\b(?:hurt|harm)(?:ing)? (?:others|someone|people|him|her|them|the baby)\b"
            r"|\bthreat(?:s|en|ened|ening)?\b|\bviolen(?:t|ce) (?:towards?|against)\b",
            _I,
        ),
    ),
    CrisisCategory.ABUSE: (
        re.compile(r"\b(?:DV|IPV|NAI)\b"),
        re.compile(
            r"\babus(?:e|ed|ive|ing)\b|\bdomestic violence\b|\bintimate partner violence\b"
            r"|\bneglect(?:ed)?\b|\bsexual(?:ly)? assault\w*|\bhits? (?:me|her|him|them)\b"
            r"|\bnon-accidental injur\w*|\bsafeguarding concerns?\b",
            _I,
        ),
    ),
}
_NEGATION = re.compile(
    r"\b(?:denies|denied|denying|no|not|without|negative for|never|none|nor|n't|doesn't|"
    r"don't|didn't|absence of|free of|nil)\b[^.;:\n]*$",
    _I,
)
_NEGATION_REACH = 60
_FAMILY = re.compile(
    r"\b(?:mother|father|mum|mom|dad|brother|sister|parent|sibling|aunt|uncle|cousin|"
    r"grand(?:mother|father|parent)|son|daughter|family history|FHx|FH)\b",
    _I,
)
_QUOTE = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|'[^'\n]{3,}'")


def find_crisis_language(text: str) -> list[CrisisFlag]:
    """Every un-negated crisis mention, ordered by position."""
    quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    flags = [flag for flag in _candidates(text, quotes) if flag is not None]
    return sorted(_dedupe(flags), key=lambda f: (f.start, f.end))


def _candidates(text: str, quotes: list[tuple[int, int]]) -> Iterator[CrisisFlag | None]:
    for category, patterns in PATTERNS.items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                yield _classify(text, category, m, quotes)


def _classify(
    text: str, category: CrisisCategory, m: re.Match[str], quotes: list[tuple[int, int]]
) -> CrisisFlag | None:
    quote = next(((s, e) for s, e in quotes if s < m.start() < e), None)
    clause_start = _clause_start(text, m.start(), quote)
    before = text[max(clause_start, m.start() - _NEGATION_REACH) : m.start()]
    if _NEGATION.search(before):
        return None
    if quote is not None:
        context = CrisisContext.QUOTED
    elif _FAMILY.search(text[clause_start : m.start()]):
        context = CrisisContext.FAMILY_HISTORY
    else:
        context = CrisisContext.STATEMENT
    return CrisisFlag(category, context, m.group(0), m.start(), m.end())


def _clause_start(text: str, position: int, quote: tuple[int, int] | None) -> int:
    floor = quote[0] + 1 if quote else 0
    marks = [text.rfind(mark, floor, position) for mark in (".", ";", "\n", ":", "!", "?")]
    return max([floor, *[m + 1 for m in marks if m >= 0]])


def _dedupe(flags: list[CrisisFlag]) -> list[CrisisFlag]:
    kept: list[CrisisFlag] = []
    for flag in sorted(flags, key=lambda f: -(f.end - f.start)):
        if not any(f.start <= flag.start and flag.end <= f.end for f in kept):
            kept.append(flag)
    return kept
