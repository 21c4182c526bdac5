"""Numbers as clinicians write them: digits, words ("five"), ranges
("2-3", "two to three") — so "5 days" and "five days" compare equal."""

from __future__ import annotations

import re

WORD_VALUES: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "ninety": 90, "half": 0.5, "single": 1,
}
_WORDS = "|".join(sorted(WORD_VALUES, key=len, reverse=True))
# "2,840 g", "₱840,000": a thousands separator is part of the number.
_THOUSANDS = r"\d{1,3}(?:,\d{3})+(?![\d,])"
NUM = rf"(?:{_THOUSANDS}(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_WORDS})\b)"
NUM_RANGE = rf"{NUM}(?:\s*(?:-|–|to)\s*{NUM})?"
# Between the two sides of a size: "3 x 2 cm", "10 × 8 cm", "4 by 3".
BY = r"(?:x|×|by)"
_RANGE_SPLIT = re.compile(r"\s*(?:-|–|\bto\b)\s*")
# A number in digits, not the tail of a word or of a longer number.
DIGITS = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")
_SENTENCE_END = re.compile(r"\n|\.(?!\d)|;")


def digits_after(text: str, start: int, limit: int, *, dates: bool = True) -> list[str]:
    """The numbers written from `start` to the end of the sentence, at most
    up to `limit`: the values a label in the notes ("CRP", "WSAS") gives;
    without `dates`, not the day or month of a date ("PHQ-9 14 (19 on 12/02)")."""
    sentence_end = _SENTENCE_END.search(text, start, limit)
    end = sentence_end.start() if sentence_end else limit
    spans = [] if dates else [d.span() for d in _DATE.finditer(text, start, end)]
    return [m.group(0) for m in DIGITS.finditer(text, start, end)
            if not any(s <= m.start() < e for s, e in spans)]


# A date, not a score pair ("Apgar 9/10"): a year, a leading zero or "on".
_DATE = re.compile(r"(?<=\bon )\d{1,2}/\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|\b0\d/\d{1,2}|\b\d{1,2}/0\d")


def parse_number(text: str) -> float:
    cleaned = text.strip().casefold().replace(",", "")
    if cleaned in WORD_VALUES:
        return WORD_VALUES[cleaned]
    return float(cleaned)


def parse_range(text: str) -> tuple[float, float]:
    """"2-3" -> (2, 3); "five" -> (5, 5)."""
    parts = [p for p in _RANGE_SPLIT.split(text.strip()) if p]
    low = parse_number(parts[0])
    high = parse_number(parts[-1])
    return (low, high)


def all_numbers(text: str) -> set[float]:
    """Every number written anywhere in a text, digits or words."""
    found = set()
    for match in re.finditer(NUM, text, re.IGNORECASE):
        found.add(round(parse_number(match.group(0)), 6))
    return found


def numbers_outside_dates(text: str) -> set[float]:
    """Every number but the day and month of a full numeric date: "PGSI 19"
    is not supported by "2025-02-19" ("8/10" may be a date or a pain score;
    a year stays a year)."""
    dates = [m for m in _NUMERIC_FULL_DATE.finditer(text) if _a_calendar_date(m)]
    for m in reversed(dates):
        text = text[: m.start()] + " " + text[m.end() :]
    years = {float(y) for m in dates for y in re.findall(r"\d{4}", m.group(0))}
    return all_numbers(text) | years


# Day, month and year with one separator: "2025-02-19", "29/10/25", "14.11.24".
_NUMERIC_FULL_DATE = re.compile(r"(?<![\d.])\d{1,4}([-/.])\d{1,2}\1\d{2,4}(?!\d|\.\d)")


def _a_calendar_date(match: re.Match[str]) -> bool:
    """"2025-02-19" or "29/10/25", not a row of readings ("60/61/62")."""
    first, second, _ = (int(p) for p in match.group(0).split(match.group(1)))
    if first > 31:
        return 1 <= second <= 12
    return 1 <= min(first, second) <= 12 and max(first, second) <= 31
