"""Readings of clinical shorthand that only the source notes get.

Notes are written fast: "Triage 0412", "stable 18/12", "Rv 2/52", "D+V 3/7",
"seen 14/06", "29+4/40".  Each of these is ambiguous out of context ("6/12"
is six months, a visual acuity or 6 December; "2026" is a year or 20:26), so
they are read in every plausible way, and only on the source side: there an
extra reading can only lend support, while on the draft side it would invent
facts to flag.  Drafts are written out in full, where these forms are rare.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.writing.sourcecheck.model import Fact, FactKind
from app.writing.sourcecheck.temporal import readings

DAY = 86400.0
TWO_DIGIT_YEAR_MAX = 40
WEEK = 7 * DAY
MONTH = 30 * DAY
# "n/7" days, "n/52" weeks, "n/12" months, "n/40" weeks of gestation.
FRACTION_UNITS = {"7": DAY, "52": WEEK, "12": MONTH, "40": WEEK}
FRACTION_RE = re.compile(r"(?<![\d/.+])(\d{1,2}(?:\.\d)?)\s*/\s*(7|52|12|40)(?![\d/])")
GESTATION_RE = re.compile(r"(?<![\d.])(\d{1,2})\s*\+\s*([0-6])\s*(?:/\s*40|weeks?|wks?)?", re.I)
COMPACT_TIME_RE = re.compile(
    r"(?<![\d/.:,-])([01]\d|2[0-3])([0-5]\d)(?![\d/%]|[.:]\d)(?!\s*(?:mg|ml|g\b))"
)
DAY_MONTH_RE = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d/])")


# "RE", "LUQ", "R TM", "L AOM": a side letter and an abbreviation of the part.
# One after a reading ("96% RA", "RR 20" no: "RA" here is room air) is not a side.
SIDED_INITIALS_RE = re.compile(
    r"(?<![\d%]\s)(?<![\d%])(?:\b([LR])([A-Z]{1,3})\b|(?<![\w-])([LR])\s+#?([A-Z]{2,4})\b)"
)


def sided_initials(text: str) -> Iterator[Fact]:
    """Side mentions keyed (side, (), initials of the part): "RE" is
    ("right", (), "e"), which supports "right eye"."""
    for m in SIDED_INITIALS_RE.finditer(text):
        letter = m.group(1) or m.group(3)
        initials = (m.group(2) or m.group(4)).casefold()
        side = "left" if letter == "L" else "right"
        yield Fact(FactKind.LATERALITY, m.group(0), m.start(), m.end(), (side, (), initials))


# "Repeat U&E AM", "overnight", "tonight": a time of day a draft may write as
# "in the morning" or "at night", read as such only in the notes.
PART_OF_DAY_RE = re.compile(
    r"(?<![\d:.])\b(?:(AM|a\.m\.|morning|tomorrow)|(PM|evening|tonight|overnight|night))\b"
)


# Their anchor: a time of day supports no drug's frequency.
TIME_OF_DAY = "(time of day)"


def parts_of_day(text: str) -> Iterator[Fact]:
    for m in PART_OF_DAY_RE.finditer(text):
        part = "morning" if m.group(1) else "night"
        yield Fact(FactKind.FREQUENCY, m.group(0), m.start(), m.end(), (part,),
                   anchor=TIME_OF_DAY)


def source_readings(text: str) -> Iterator[Fact]:
    yield from parts_of_day(text)
    yield from compact_times(text)
    yield from fraction_durations(text)
    yield from gestations(text)
    yield from day_month_dates(text)


def compact_times(text: str) -> Iterator[Fact]:
    """"0412", "~2130", "@ 1030": 24-hour clock times without a colon."""
    for m in COMPACT_TIME_RE.finditer(text):
        minutes = int(m.group(1)) * 60 + int(m.group(2))
        yield Fact(FactKind.TIME, m.group(0), m.start(), m.end(), (minutes,))


def fraction_durations(text: str) -> Iterator[Fact]:
    """"3/12" three months, "2/52" two weeks, "3/7" three days, "26/40" 26 weeks."""
    for m in FRACTION_RE.finditer(text):
        seconds = float(m.group(1)) * FRACTION_UNITS[m.group(2)]
        yield Fact(FactKind.DURATION, m.group(0), m.start(), m.end(), ("s", (seconds, seconds)))


def gestations(text: str) -> Iterator[Fact]:
    """"29+4/40" is 29 weeks and 4 days; a draft may give either part."""
    for m in GESTATION_RE.finditer(text):
        weeks, days = int(m.group(1)), int(m.group(2))
        for seconds in (weeks * WEEK + days * DAY, weeks * WEEK):
            yield Fact(FactKind.DURATION, m.group(0), m.start(), m.end(),
                       ("s", (seconds, seconds)))


def day_month_dates(text: str) -> Iterator[Fact]:
    """"14/06" without a year or a preposition before it, or "11/28" as a
    month and a two-digit year."""
    for m in DAY_MONTH_RE.finditer(text):
        first, second = int(m.group(1)), int(m.group(2))
        found = readings(first, second, None)
        if 1 <= first <= 12 and 12 < second <= TWO_DIGIT_YEAR_MAX:  # "11/28": November 2028
            found += ((2000 + second, first, None),)
        if found:
            yield Fact(FactKind.DATE, m.group(0), m.start(), m.end(), found)
