"""Dates, clock times and dosing frequencies, normalised so that
"10/03/2026", "2026-03-10" and "10 March 2026" compare equal, "2 pm" equals
"14:00", and "BID", "b.i.d." and "twice a day" all mean two a day.

Numeric dates are ambiguous (day/month or month/day); a date is kept as the
set of its valid readings and two dates agree when any readings agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.writing.sourcecheck.model import Fact, FactKind
from app.writing.sourcecheck.numbers import NUM, NUM_RANGE, parse_number, parse_range

_I = re.IGNORECASE
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
NUMERIC_DATE_RE = re.compile(r"(?<![\d/])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/])")
# "2026-01-28", "2025/01/27"
ISO_DATE_RE = re.compile(r"\b((?:19|20)\d\d)([-/.])(\d{1,2})\2(\d{1,2})\b")
# "3 March 2026", "3rd of March", "03-Mar-2026", "15-Dec-25"
DAY_MONTH_RE = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|-){_MONTH}"
    rf"(?:,?\s+(\d{{4}})|-(\d{{4}}|\d{{2}})(?!\d|:\d))?",
    _I,
)
MONTH_DAY_RE = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", _I)
MONTH_ONLY_RE = re.compile(
    rf"\b(?:in|since|from|until|of|last)\s+{_MONTH}(?!\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?![:.]\d))"
    rf"(?:\s+(\d{{4}}))?",
    _I,
)
MONTH_YEAR_RE = re.compile(r"(?<![\d/.])(0?[1-9]|1[0-2])/((?:19|20)\d\d)(?![\d/])")
# A year on its own after a preposition: "stopped in 2019", "since 2021".
YEAR_ONLY_RE = re.compile(r"\b(?:in|since|from|until|by|during)\s+((?:19|20)\d\d)\b(?![/.-]\d)", _I)
BARE_YEAR_RE = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/-]|\.\d)")
SHORT_DATE_RE = re.compile(r"\b(?:on|since|from|until)\s+(\d{1,2})/(\d{1,2})\b(?!\s*/)", _I)
# "Aug 2023", "March 2025": a month and year without a preposition.
MONTH_WITH_YEAR_RE = re.compile(rf"\b{_MONTH}\s+((?:19|20)\d\d)\b", _I)
# "(last dose 25/4)", "pump disconnect 4/3": a day and month; "14/30" is a score.
DAY_SLASH_MONTH_RE = re.compile(r"(?<![\d/.:-])(\d{1,2})/(\d{1,2})(?![\d/]|\.\d)")

DateReading = tuple[int | None, int | None, int | None]


def readings(first: int, second: int, year: int | None) -> tuple[DateReading, ...]:
    found = []
    for day, month in ((first, second), (second, first)):
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append((year, month, day))
    return tuple(sorted(set(found), key=str))


_DAY_MONTH_ORDER = re.compile(r"(?<![\d/.])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?(?![\d/])")


def date_order(text: str) -> str | None:
    """"dmy" or "mdy" when the text's unambiguous numeric dates agree on one
    ("28.01.2026" is day first), so "12/10/25" beside it is 12 October."""
    orders = set()
    for m in _DAY_MONTH_ORDER.finditer(text):
        first, second = int(m.group(1)), int(m.group(2))
        if m.group(3) and first > 12 >= second:
            orders.add("dmy")
        elif m.group(3) and second > 12 >= first:
            orders.add("mdy")
    return orders.pop() if len(orders) == 1 else None


def in_order(fact_text: str, found: tuple[DateReading, ...], order: str) -> tuple[DateReading, ...]:
    """The readings of a numeric date that follow the text's order."""
    m = _DAY_MONTH_ORDER.search(fact_text)
    if m is None or len(found) < 2:
        return found
    first, second = int(m.group(1)), int(m.group(2))
    day, month = (first, second) if order == "dmy" else (second, first)
    kept = tuple(r for r in found if (r[1], r[2]) == (month, day))
    return kept or found


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def _month(text: str) -> int:
    return MONTHS[text.casefold()[:3]]


def dates(text: str) -> Iterator[Fact]:
    for m in ISO_DATE_RE.finditer(text):
        yield Fact(FactKind.DATE, m.group(0), m.start(), m.end(),
                   ((int(m.group(1)), int(m.group(3)), int(m.group(4))),))
    for m in NUMERIC_DATE_RE.finditer(text):
        found = readings(int(m.group(1)), int(m.group(2)), _year(m.group(3)))
        if found:
            yield Fact(FactKind.DATE, m.group(0), m.start(), m.end(), found)
    for m in DAY_MONTH_RE.finditer(text):
        yield Fact(FactKind.DATE, m.group(0), m.start(), m.end(),
                   ((_year(m.group(3) or m.group(4)), _month(m.group(2)), int(m.group(1))),))
    for m in MONTH_DAY_RE.finditer(text):
        yield Fact(FactKind.DATE, m.group(0), m.start(), m.end(),
                   ((_year(m.group(3)), _month(m.group(1)), int(m.group(2))),))
    for m in SHORT_DATE_RE.finditer(text):
        found = readings(int(m.group(1)), int(m.group(2)), None)
        out_of_ten = m.group(2) == "10" and SCORE_BEFORE.search(text, max(0, m.start() - 50),
                                                                 m.start())
        if found and not out_of_ten:  # "pain 3/10, down from 7/10"
            yield Fact(FactKind.DATE, m.group(0), m.start(), m.end(), found)
    for m in MONTH_YEAR_RE.finditer(text):
        yield Fact(FactKind.DATE, m.group(0), m.start(), m.end(),
                   ((int(m.group(2)), int(m.group(1)), None),))
    for m in YEAR_ONLY_RE.finditer(text):
        yield Fact(FactKind.DATE, m.group(0), m.start(), m.end(), ((int(m.group(1)), None, None),))
    for m in MONTH_ONLY_RE.finditer(text):
        yield Fact(FactKind.DATE, m.group(0), m.start(), m.end(),
                   ((_year(m.group(2)), _month(m.group(1)), None),))
    for m in MONTH_WITH_YEAR_RE.finditer(text):
        yield Fact(FactKind.DATE, m.group(0), m.start(), m.end(),
                   ((int(m.group(2)), _month(m.group(1)), None),))
    for m in DAY_SLASH_MONTH_RE.finditer(text):
        found = readings(int(m.group(1)), int(m.group(2)), None)
        a_score = SCORE_BEFORE.search(text, max(0, m.start() - 50), m.start())
        if found and int(m.group(2)) <= MONTHS_IN_A_YEAR and not a_score:
            yield Fact(FactKind.DATE, m.group(0), m.start(), m.end(), found)


MONTHS_IN_A_YEAR = 12
# "power is 4/5", "pain 7/10": a score, not a date.
SCORE_BEFORE = re.compile(
    r"\b(?:power|strength|grade|score|scored|pain|mrc|rated|scale|severity|acuity|va|of)\b[^.;\n]*$",
    _I,
)


def dates_agree(left: tuple[DateReading, ...], right: tuple[DateReading, ...]) -> bool:
    return any(_reading_agrees(a, b) for a in left for b in right)


def date_supports(source: tuple[DateReading, ...], draft: tuple[DateReading, ...]) -> bool:
    """A notes' date supports a draft's that agrees with it and is no more
    precise: "in Jan" does not support "January 18, 2026"."""
    return any(_reading_agrees(a, b) and (a[2] is None or b[2] is not None)
               for a in draft for b in source)


def _reading_agrees(a: DateReading, b: DateReading) -> bool:
    """A year alone (no month) agrees with any date in that year."""
    if a[1] is None or b[1] is None:
        return a[0] is not None and a[0] == b[0]
    if (_month_of_year(a) and _day_of_month(b)) or (_month_of_year(b) and _day_of_month(a)):
        return False  # "November 2027" is not "28/11"
    return (
        a[1] == b[1]
        and (a[0] is None or b[0] is None or a[0] == b[0])
        and (a[2] is None or b[2] is None or a[2] == b[2])
    )


def _month_of_year(reading: DateReading) -> bool:
    return reading[0] is not None and reading[2] is None


def _day_of_month(reading: DateReading) -> bool:
    return reading[0] is None and reading[2] is not None


_AMPM = r"\s*([ap])\.?\s*m\b\.?"
# "1.12 mmol/L", "2.30 mg" and "0.25 mcg" are values, not clock times.
_UNIT_AFTER = (r"(?!\s*(?:[mµunp]?mol|[mµun]?g|mcg|micrograms?|units?|iu|m?l|%|kg|cm|mm|x)\b)")
CLOCK_RE = re.compile(
    rf"(?<![\d:/.])([01]?\d|2[0-3])[:.]([0-5]\d)(?!\d){_UNIT_AFTER}(?:{_AMPM})?", _I
)
HOUR_AMPM_RE = re.compile(rf"(?<![\d:/.])(1[0-2]|0?[1-9])(?:{_AMPM})", _I)
MILITARY_RE = re.compile(
    r"\b([01]\d|2[0-3])(?:h(?=[0-5]\d\b))?([0-5]\d)(?:\s*(?:h|hrs|hours)\b|(?<=h\d\d)\b)", _I
)
_PH_BEFORE = re.compile(r"\bpH\s*(?:of|was|is|=|:)?\s*$", _I)
NAMED_TIME_RE = re.compile(r"\b(noon|midday|midnight)\b", _I)


def times(text: str) -> Iterator[Fact]:
    for m in CLOCK_RE.finditer(text):
        if _PH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "pH 7.21" is acidity, not 07:21
        yield Fact(FactKind.TIME, m.group(0), m.start(), m.end(),
                   _minutes(int(m.group(1)), int(m.group(2)), m.group(3)))
    for m in HOUR_AMPM_RE.finditer(text):
        yield Fact(FactKind.TIME, m.group(0), m.start(), m.end(),
                   _minutes(int(m.group(1)), 0, m.group(2)))
    for m in MILITARY_RE.finditer(text):
        yield Fact(FactKind.TIME, m.group(0), m.start(), m.end(),
                   (int(m.group(1)) * 60 + int(m.group(2)),))
    for m in NAMED_TIME_RE.finditer(text):
        minutes = 0 if m.group(1).casefold() == "midnight" else 720
        yield Fact(FactKind.TIME, m.group(0), m.start(), m.end(), (minutes,))


def _minutes(hour: int, minute: int, half: str | None) -> tuple[int, ...]:
    if half:
        hour = hour % 12 + (12 if half.casefold() == "p" else 0)
        return (hour * 60 + minute,)
    if hour <= 12:
        return tuple(sorted({(hour % 12) * 60 + minute, (hour % 12 + 12) * 60 + minute}))
    return (hour * 60 + minute,)


# "x 1 wk" is a course of one week, not a single dose.
_A_COURSE = r"\s?(?:wk|week|day|d|month|mo|hr|hour|h|min|yr|year)s?\b"

# phrase -> normalised frequency keys (a phrase may imply several)
_FREQ_PHRASES: list[tuple[str, tuple[str, ...]]] = [
    (r"once (?:a |per )?day|once daily|(?:every|each) day|daily|q\.?d\.?|o\.?d\.?"
     r"|q24h|every 24 hours|(?:1|one) times? (?:a|per) day", ("1/day",)),
    (r"twice (?:a |per )?day|twice daily|b\.?i\.?d\.?|b\.?d\.?|q12h|every 12 hours"
     r"|(?:2|two) times (?:a|per) day|(?:2|two) times daily|2x/day", ("2/day",)),
    (r"(?:three|3) times (?:a |per )?day|(?:three|3) times daily|thrice daily|t\.?i\.?d\.?"
     r"|t\.?d\.?s\.?|q8h|every 8 hours", ("3/day",)),
    (r"(?:four|4) times (?:a |per )?day|(?:four|4) times daily|q\.?i\.?d\.?|q\.?d\.?s\.?"
     r"|q6h|every 6 hours", ("4/day",)),
    (r"mane|every morning|OM|each morning|in the morning|q\.?am", ("morning", "1/day")),
    (r"nocte|ON|at night|every night|each night|nightly|at bedtime|q\.?hs|h\.?s\.?|before bed",
     ("night", "1/day")),
    (r"in the evening|every evening|each evening", ("evening", "1/day")),
    (r"p\.?r\.?n\.?|SOS|as needed|as required|when required|if needed|as necessary|when needed"
     r"|b\.\s?B\.",  # German "bei Bedarf"
     ("prn",)),
    (r"once (?:a |per )?week|once w(?:ee)?kly|(?:every|each) week|w(?:ee)?kly|q\.?wk",
     ("1/week",)),
    (r"twice (?:a |per |this |last )?week|twice w(?:ee)?kly|(?:2|two) times (?:a |per )?week",
     ("2/week",)),
    (r"fortnightly|every other week", ("every 2 w",)),
    (r"(?:once )?monthly|once a month|every month", ("1/month",)),
    (r"every other day|alternate days|q\.?o\.?d\.?", ("every 2 d",)),
    (rf"stat|single (?:first )?dose|once only|x\s?1\b(?!\.\d|{_A_COURSE})", ("once",)),
    (r"(?:every|each) hour|hourly", ("24/day",)),
    (r"once or twice (?:a |per )?day|once or twice daily", ("1-2/day",)),
    (r"once or twice (?:a |per )?week|once or twice weekly", ("1-2/week",)),
    (r"(?:seven|7) days a week|every day of the week", ("1/day",)),
]
_OCCASIONS = r"(?:days?|d|nights?|mornings?|evenings?|sessions?|occasions?)"
# "reducing by 5mg/wk": a weekly step written straight after the dose unit.
_STEP_RE = re.compile(r"(?:(?<=mg)|(?<=mcg)|(?<=\dg))\s*/\s*(?:wk|week)\b", _I)
# "twice-daily", "three-times-a-day": hyphens join the words as spaces do.
_FREQ_RE = [(re.compile(rf"(?<![\w/])(?:{p.replace(' ', '[ -]')})(?![\w/])", _I), keys)
            for p, keys in _FREQ_PHRASES]
_EVERY_RE = re.compile(
    rf"(?<![\w/])(?:every\s+({NUM})\s*(hours?|hrs?|h|minutes?|mins?)|q\s?(\d{{1,2}})\s?(h|hr|min))\b",
    _I,
)
# "2-3x/wk", "three days a week", "x2 nights/wk", "3 times this week": a count
# of days or occasions in each period.
_PER_RE = re.compile(
    rf"(?<![\w/])(?:x\s*)?({NUM_RANGE})\s*(?:x\s*|times\s*|{_OCCASIONS}\s*)?"
    r"(?:/\s*|per\s|a\s|each\s|this\s)(day|d|week|wk|w|month|mth|mo)\b",
    _I,
)
# "three times weekly", "2x wkly", "4 times daily"
_TIMES_LY_RE = re.compile(
    rf"(?<![\w/])({NUM_RANGE})\s*(?:x|times)\s*(daily|weekly|wkly|monthly)\b", _I
)
# Read only in capitals: "on" and "om" are words, "OD" in lower case is not.
_CASE_SENSITIVE = {"on", "om", "sos"}
# "every 2 weeks", "q2wks", "2-weekly", "3 monthly", "4hrly", "2-hourly"
_INTERVAL_RE = re.compile(
    rf"(?<![\w/])(?:every\s+({NUM_RANGE})\s*(days?|weeks?|wks?|months?)"
    rf"|q\s?(\d{{1,2}}(?:\s*-\s*\d{{1,2}})?)\s?(d|days?|wks?|weeks?|months?)"
    rf"|(\d{{1,2}}|{NUM})\s*-?\s*(daily|weekly|monthly|hourly|hrly))\b",
    _I,
)
_INTERVAL_UNIT = {"d": "d", "w": "w", "m": "m", "h": "h"}


# Doses by time of day, as German, Dutch, Swiss and Indian notes write them:
# "1-0-1" (morning and evening), "1-1-1-1" (morning, noon, evening, night).
_SCHEME_DOSE = r"(?:[0-4](?:[.,]5)?|½)"
_SCHEME_RE = re.compile(
    rf"(?<![\w/.,-])({_SCHEME_DOSE})-({_SCHEME_DOSE})-({_SCHEME_DOSE})(?:-({_SCHEME_DOSE}))?"
    r"(?![\w/.,-])"
)
_SCHEME_TIMES = (("morning",), (), ("evening", "night"), ("night",))
# Dutch "1dd", "3 dd 1": times a day.
_DD_RE = re.compile(r"(?<![\w/])([1-6])\s?dd(?:\s?\d)?\b", _I)
# Scandinavian "50 mg x 3": times a day, spaced, straight after a dose (read
# beside the single dose that "x 1" also is; "0.15 mg x2" is two pens).
_TIMES_AFTER_DOSE_RE = re.compile(
    r"(?:(?<=mg)|(?<=ml)|(?<=mcg)|(?<=µg))\s+x\s+([1-6])\b"
    r"(?!\s*(?:doses?|days?|d\b|wks?|weeks?|months?|/))", _I
)


def _dosing_schemes(text: str) -> Iterator[Fact]:
    for m in _SCHEME_RE.finditer(text):
        given = [i for i, dose in enumerate(m.groups()) if dose and dose != "0"]
        if not given:
            continue
        keys: list[str] = [f"{len(given)}/day"]
        if len(given) == 1:
            keys += _SCHEME_TIMES[given[0]]
        for key in keys:
            yield Fact(FactKind.FREQUENCY, m.group(0), m.start(), m.end(), (key,))
    for pattern in (_DD_RE, _TIMES_AFTER_DOSE_RE):
        for m in pattern.finditer(text):
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            yield Fact(FactKind.FREQUENCY, text[start : m.end()], start, m.end(),
                       (f"{m.group(1)}/day",))


def frequencies(text: str) -> Iterator[Fact]:
    """Each frequency once, however many patterns read it ("4 times daily")."""
    seen: set[tuple[int, int, object]] = set()
    for fact in _frequencies(text):
        if (fact.start, fact.end, fact.key) not in seen:
            seen.add((fact.start, fact.end, fact.key))
            yield fact


def _frequencies(text: str) -> Iterator[Fact]:
    for pattern, keys in _FREQ_RE:
        for m in pattern.finditer(text):
            if m.group(0).casefold() in _CASE_SENSITIVE and not m.group(0).isupper():
                continue
            for key in keys:
                yield Fact(FactKind.FREQUENCY, m.group(0), m.start(), m.end(), (key,))
    for m in _EVERY_RE.finditer(text):
        number = m.group(1) or m.group(3)
        unit = (m.group(2) or m.group(4)).casefold()
        value = parse_number(number)
        if unit.startswith("h") and value and 24 % value == 0:
            key = f"{int(24 // value)}/day"
        else:
            key = f"every {value:g} {unit[0]}"
        yield Fact(FactKind.FREQUENCY, m.group(0), m.start(), m.end(), (key,))
    for m in _INTERVAL_RE.finditer(text):
        yield Fact(FactKind.FREQUENCY, m.group(0), m.start(), m.end(), (_interval_key(m),))
    for m in _STEP_RE.finditer(text):
        yield Fact(FactKind.FREQUENCY, m.group(0), m.start(), m.end(), ("1/week",))
    for pattern in (_PER_RE, _TIMES_LY_RE):
        for m in pattern.finditer(text):
            yield Fact(FactKind.FREQUENCY, m.group(0), m.start(), m.end(), (_per_key(m),))
    yield from _dosing_schemes(text)


def _per_key(match: re.Match[str]) -> str:
    """"2-3x/wk" and "two to three times a week" are both "2-3/week";
    "6 d/mth" is "6/month"."""
    unit = match.group(2).casefold()
    period = "week" if unit.startswith("w") else "month" if unit.startswith("m") else "day"
    return f"{_range_text(match.group(1))}/{period}"


def _interval_key(match: re.Match[str]) -> str:
    number = match.group(1) or match.group(3) or match.group(5)
    unit = (match.group(2) or match.group(4) or match.group(6)).casefold()
    low, high = parse_range(number)
    letter = "h" if unit.startswith(("hour", "hr")) else unit[0]
    if letter == "h" and low == high and low and 24 % low == 0:
        return f"{int(24 // low)}/day"
    return f"every {_range_text(number)} {_INTERVAL_UNIT.get(letter, letter)}"


def _range_text(written: str) -> str:
    """"two to three" -> "2-3"; "4" -> "4"."""
    low, high = parse_range(written)
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"
