"""How the notes' own dates are read before a draft's dates are compared
with them: in the order the notes write day and month, with "Jan 26" also
read as January 2026, and with a bare month ("Echo (Jan)") or year ("quit
2019") dating an event even without a day."""

from __future__ import annotations

import dataclasses
import re

from app.writing.sourcecheck import shorthand, temporal
from app.writing.sourcecheck.model import Fact, FactKind

MONTH_WORD = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)


def as_written(text: str, facts: list[Fact]) -> list[Fact]:
    """The notes' facts, their dates read in the notes' own order."""
    return [_with_short_year(f) for f in _dates_in_order(text, facts)]


def implied(text: str, written: list[Fact]) -> list[Fact]:
    """Bare months and years outside the dates the notes write in full."""
    dated = [(f.start, f.end) for f in written if f.kind is FactKind.DATE]
    return [f for f in (*_bare_months(text), *_bare_years(text))
            if not any(start <= f.start < end for start, end in dated)]


SHORT_YEAR = re.compile(rf"^{MONTH_WORD.pattern}\.?\s+'?(\d\d)$")


def _with_short_year(fact: Fact) -> Fact:
    """"CT head (Jan 26)" in notes may be January 2026 as well as 26 January."""
    m = SHORT_YEAR.match(fact.text) if fact.kind is FactKind.DATE else None
    if m is None or not 12 < int(m.group(2)) <= shorthand.TWO_DIGIT_YEAR_MAX:
        return fact
    month = temporal.MONTHS[m.group(1).casefold()[:3]]
    return dataclasses.replace(fact, key=(*fact.key, (2000 + int(m.group(2)), month, None)))


def _dates_in_order(text: str, facts: list[Fact]) -> list[Fact]:
    order = temporal.date_order(text)
    if order is None:
        return facts
    return [dataclasses.replace(f, key=temporal.in_order(f.text, f.key, order))
            if f.kind is FactKind.DATE else f for f in facts]


def _bare_months(text: str) -> list[Fact]:
    """"Echo (Jan)" dates an event in the source even without a preposition."""
    return [
        Fact(FactKind.DATE, m.group(0), m.start(), m.end(),
             ((None, temporal.MONTHS[m.group(1).casefold()[:3]], None),))
        for m in MONTH_WORD.finditer(text)
    ]


def _bare_years(text: str) -> list[Fact]:
    """"(quit 2019)", "L knee 2024": a year anywhere in the notes dates an event."""
    return [
        Fact(FactKind.DATE, m.group(0), m.start(), m.end(), ((int(m.group(1)), None, None),))
        for m in temporal.BARE_YEAR_RE.finditer(text)
        if not MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start())
    ]


# "Aug 2023" dates an event to a month; its year alone supports no other month.
MONTH_BEFORE = re.compile(rf"{MONTH_WORD.pattern}\.?,?\s+$")
