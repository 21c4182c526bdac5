"""Numbers with meaning: doses, vital signs, ages, durations, lab values,
scores and counts, each normalised to comparable units (0.5 g == 500 mg,
two weeks == 14 days, 101.3 °F == 38.5 °C)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.writing.sourcecheck.clinical import ROUTE_ABBREVIATIONS
from app.writing.sourcecheck.model import Fact, FactKind
from app.writing.sourcecheck.numbers import BY, NUM, NUM_RANGE, parse_number, parse_range

_I = re.IGNORECASE

# unit spelling -> (canonical unit, factor to canonical)
DOSE_UNITS: dict[str, tuple[str, float]] = {
    "mg": ("mg", 1), "milligram": ("mg", 1), "milligrams": ("mg", 1),
    "g": ("mg", 1000), "gram": ("mg", 1000), "grams": ("mg", 1000),
    "mcg": ("mg", 0.001), "µg": ("mg", 0.001), "ug": ("mg", 0.001),
    "microgram": ("mg", 0.001), "micrograms": ("mg", 0.001),
    "ml": ("ml", 1), "millilitre": ("ml", 1), "millilitres": ("ml", 1),
    "milliliter": ("ml", 1), "milliliters": ("ml", 1),
    "unit": ("unit", 1), "units": ("unit", 1), "iu": ("unit", 1),
    "puff": ("puff", 1), "puffs": ("puff", 1), "meq": ("meq", 1),
    "tablet": ("tablet", 1), "tablets": ("tablet", 1), "tab": ("tablet", 1),
    "tabs": ("tablet", 1), "capsule": ("capsule", 1), "capsules": ("capsule", 1),
    "caps": ("capsule", 1), "sachet": ("sachet", 1), "sachets": ("sachet", 1),
    "mmol": ("mmol", 1), "u": ("unit", 1), "l": ("ml", 1000), "litre": ("ml", 1000),
    "litres": ("ml", 1000), "liter": ("ml", 1000), "liters": ("ml", 1000),
    "mg/kg": ("mg/kg", 1), "mcg/kg": ("mg/kg", 0.001), "micrograms/kg": ("mg/kg", 0.001),
    "mg/m2": ("mg/m2", 1), "mg/m²": ("mg/m2", 1),
}
# Keys are looked up case-folded, and "µ" case-folds to Greek "μ".
DOSE_UNITS = {unit.casefold(): value for unit, value in DOSE_UNITS.items()}
_DOSE_UNIT_RE = "|".join(sorted((re.escape(u) for u in DOSE_UNITS), key=len, reverse=True))
# "5mg/wk" is a dose given weekly; "5 mg/kg" and "2 mg/L" are not plain doses.
DOSE_RE = re.compile(
    rf"\b({NUM_RANGE})\s*({_DOSE_UNIT_RE})(?![\w²])(?!\s*/\s*(?!(?:wk|week|day|d)\b)[a-z])", _I
)
# "6u/wk", "6 units a week": an intake rate (alcohol units), not one dose.
RATE_RE = re.compile(
    rf"\b({NUM_RANGE})\s*(?:u|units?)(?:\s+of\s+alcohol)?\s*(?:/\s*|a\s+|per\s+|each\s+)"
    r"(wk|week|day|d)\b",
    _I,
)

MEASURE_UNITS: dict[str, tuple[str, float]] = {
    "%": ("%", 1), "percent": ("%", 1), "cm": ("mm", 10), "mm": ("mm", 1),
    "kg": ("kg", 1), "kilograms": ("kg", 1), "lb": ("kg", 0.4536), "lbs": ("kg", 0.4536),
    "°": ("deg", 1), "degrees": ("deg", 1), "deg": ("deg", 1), "mmhg": ("mmhg", 1),
    "bpm": ("bpm", 1),
    "m": ("mm", 1000), "metre": ("mm", 1000), "metres": ("mm", 1000),
    "meter": ("mm", 1000), "meters": ("mm", 1000),
}
_LAB_UNIT = (
    r"(?:[mµunp]?mol|[mnpµu]?g|m?iu|mu|m?eq|mm|m?l|cells|u)\s*/\s*(?:l|dl|ml|mol|h|hr|min|24\s*h)"
)
MEASURE_RE = re.compile(
    rf"(?<![\w/])({NUM_RANGE})(?:\s*{BY}\s*({NUM})(?=\s*(?:cm|mm)\b))?\s*({_LAB_UNIT}|%|percent|cm|mm|kg|kilograms"
    rf"|lbs?|°|degrees|deg|mmhg|bpm|metres?|meters?|(?<=\d)m)(?![a-z])",
    _I,
)
# A score out of its maximum: "4/5", "MMSE 24/30", "memory 16/26", "ACE-III 67/100",
# "pain 2 out of 10".
FRACTION_RE = re.compile(
    r"(?<![\w/.])(\d+(?:\.\d+)?)\s*(?:/|\s+out\s+of)\s*(5|10|1[3-9]|[2-9]\d|1\d\d)\b"
    r"(?!\s*/)(?<!/52)(?<!/40)"
)
PLUS_GRADE_RE = re.compile(r"(?<![\w+])(\d)\+(?![\d+])\s*[a-z]+|\b[a-z]+:?\s+(\d)\+(?![\d+])", _I)
AGE_RE = re.compile(
    rf"\b({NUM})(?:\s*-\s*|\s+)(?:years?\s*-?\s*old|yrs?\s*old|yo|y/o|y\.o\.)\b"
    rf"|\baged\s+({NUM})\b|(?<![\d.])\b(\d{{1,3}})\s?(?:M|F)\b",
)
TIME_UNITS: dict[str, float] = {
    "second": 1, "seconds": 1, "sec": 1, "secs": 1, "s": 1,
    "minute": 60, "minutes": 60, "min": 60, "mins": 60,
    "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600, "h": 3600,
    "day": 86400, "days": 86400, "d": 86400,
    "week": 604800, "weeks": 604800, "wk": 604800, "wks": 604800,
    "month": 2592000, "months": 2592000, "mo": 2592000,
    "year": 31536000, "years": 31536000, "yr": 31536000, "yrs": 31536000, "y": 31536000,
}
_TIME_UNIT_RE = "|".join(sorted(TIME_UNITS, key=len, reverse=True))
# "x5d" counts as "5 d"; "29+4 weeks" is a gestation, not 4 weeks; "cycle 2 day 8"
# and "two-week-wait" name a day and a service, not a length of time.
DURATION_RE = re.compile(
    rf"(?:\b|(?<=\bx))(?<!\+)({NUM_RANGE})\s*-?\s*({_TIME_UNIT_RE})\b"
    rf"(?!-old|\s+old|-[a-z])",
    _I,
)
DAY_INDEX_UNITS = {"day", "week", "d"}
DAY_INDEX_AFTER = re.compile(r"\s*\d")
CLINICAL_DAYS_RE = re.compile(r"(?:\bx|\bfor)\s*(\d{1,2})\s*/\s*(7|52|12)\b", _I)
_CLINICAL_DIVISORS = {"7": 86400.0, "52": 604800.0, "12": 2592000.0}
COUNT_RE = re.compile(rf"(?<![\w/.-])({NUM_RANGE})\s+([a-z][a-z-]+)", _I)
_NOT_COUNT_NOUNS = {
    "and", "or", "to", "of", "the", "a", "an", "in", "on", "at", "for", "with", "per", "x",
    "am", "pm", "is", "was", "yo", "y", "kg", "cm", "mm", "degrees", "deg", "percent",
    "his", "her", "their", "its", "my", "your", "our", "this", "that",
}

VITAL_LABELS: dict[str, str] = {
    # a baby's heart rate in labour, and an ECG's, are not the patient's pulse
    r"f(?:o)?etal heart(?: rate)?|FHR?": "fhr",
    r"ventricular rate|vent rate": "ventricular rate",
    r"(?<!fetal )(?<!foetal )(?<!ventricular )(?<!vent )(?:heart rate|pulse(?! ox)|HR|rate)": "hr",
    r"respiratory rate|resp(?:iratory)? rate|RR": "rr",
    r"oxygen saturation|oxygen levels?|O2 sats?|SpO2|sats?|saturation|pulse ox(?:imetry)?": "spo2",
    r"temperature|temp|T": "temp",
}
# The low end of a range ("sats 91-93%") is not a reading of its own.
_CONNECTOR = r"(?:\s*(?:(?:of|was|is|at|=|:|-|low|only|down|up|to|fell|rose|improved)\s*){0,3})"
_VALUE = _CONNECTOR + r"(\d{2,3}(?:\.\d)?)(?!\d|\s*[-–]\s*\d)"
# A respiratory rate may be one digit ("respiratory rate of 8"); other signs may not.
_RR_VALUE = _CONNECTOR + r"(\d{1,2})(?!\d|\.\d|\s*[-–]\s*\d)"
BP_RE = re.compile(r"(?<![\d/])(\d{2,3})\s*/\s*(\d{2,3})(?![\d/])")
WEIGHT_WORD_RE = re.compile(r"\b(?:weight|wt|weighs|weighed)\b", _I)
# How far after a weight word its number may stand ("Wt 54 -> 52", "weight 2,840 g").
WEIGHT_REACH = 25


def _fact(kind: FactKind, match: re.Match[str], key: tuple[object, ...], group: int = 0) -> Fact:
    return Fact(kind, match.group(group), match.start(group), match.end(group), key)


def _scaled(range_text: str, factor: float) -> tuple[float, float]:
    low, high = parse_range(range_text)
    return (round(low * factor, 4), round(high * factor, 4))


# Oxygen and infusion flows: "1L/min", "2 litres per minute", "15 lpm".
FLOW_RE = re.compile(
    rf"\b({NUM_RANGE})\s*(?:l|litres?|liters?)\s*(?:/|per|a)\s*min(?:ute)?\b|\b({NUM_RANGE})\s*lpm\b",
    _I,
)


def flows(text: str) -> Iterator[Fact]:
    for m in FLOW_RE.finditer(text):
        yield _fact(FactKind.MEASUREMENT, m, ("l/min", _scaled(m.group(1) or m.group(2), 1)))


def rates(text: str) -> Iterator[Fact]:
    for m in RATE_RE.finditer(text):
        period = "week" if m.group(2).casefold().startswith("w") else "day"
        yield _fact(FactKind.MEASUREMENT, m, (f"unit/{period}", _scaled(m.group(1), 1)))


# "fentanyl 50mcg/hr", "insulin 6 units per hour", "Hartmann's 400 ml/hour": a rate.
DOSE_RATE_RE = re.compile(
    rf"\b({NUM_RANGE})\s*({_DOSE_UNIT_RE})\s*(?:/\s*|per\s+|an?\s+)(h|hr|hour|min|minute)s?\b", _I
)


def dose_rates(text: str) -> Iterator[Fact]:
    for m in DOSE_RATE_RE.finditer(text):
        unit, factor = DOSE_UNITS[m.group(2).casefold()]
        per = "h" if m.group(3).casefold().startswith("h") else "min"
        yield _fact(FactKind.DOSE, m, (f"{unit}/{per}", _scaled(m.group(1), factor)))


def doses(text: str) -> Iterator[Fact]:
    for m in DOSE_RE.finditer(text):
        unit, factor = DOSE_UNITS[m.group(2).casefold()]
        yield _fact(FactKind.DOSE, m, (unit, _scaled(m.group(1), factor)))


def vitals(text: str) -> Iterator[Fact]:
    for m in BP_RE.finditer(text):
        systolic, diastolic = int(m.group(1)), int(m.group(2))
        if 60 <= systolic <= 260 and 30 <= diastolic <= 160 and systolic > diastolic:
            yield _fact(FactKind.VITAL, m, ("bp", systolic, diastolic))
    for pattern, name in VITAL_LABELS.items():
        case = 0 if name == "temp" else _I
        label = rf"\b(?:{pattern})\b" if name != "temp" else r"\b(?:[Tt]emperature|[Tt]emp|T)\b"
        if name == "hr":  # "BP 132/84, P 92", "PR 88/min": capitals before a number
            label = rf"(?:{label}|\b(?-i:PR?)\b(?=\s*\d{{2,3}}(?![\d.]*\s*(?:m?c?g|ml|units?)\b)))"
        for m in re.finditer(label + (_RR_VALUE if name == "rr" else _VALUE), text, case):
            value = float(m.group(1))
            if name == "temp" and value > 50:
                value = round((value - 32) * 5 / 9, 1)
            yield Fact(FactKind.VITAL, m.group(0), m.start(), m.end(), (name, value))
    yield from _weights(text)


def _weights(text: str) -> Iterator[Fact]:
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(kg|lbs?)\b", text, _I):
        window = text[max(0, m.start() - 30) : m.start()]
        if WEIGHT_WORD_RE.search(window) and not re.search(r"\b(?:gain|lost|los)", window, _I):
            factor = MEASURE_UNITS[m.group(2).casefold()][1]
            yield _fact(FactKind.VITAL, m, ("kg", _scaled(m.group(1), factor)))


def ages(text: str) -> Iterator[Fact]:
    for m in AGE_RE.finditer(text):
        value = next(g for g in m.groups() if g is not None)
        yield _fact(FactKind.MEASUREMENT, m, ("age", parse_number(value)))


def measurements(text: str) -> Iterator[Fact]:
    for m in MEASURE_RE.finditer(text):
        unit_text = re.sub(r"\s+", "", m.group(3).casefold())
        unit, factor = MEASURE_UNITS.get(unit_text, (unit_text, 1.0))
        value = _scaled(m.group(1), factor)
        if unit == "bpm":
            yield _fact(FactKind.VITAL, m, ("hr", value[0]))
            continue
        if m.group(2):
            key: tuple[object, ...] = (unit, value, round(parse_number(m.group(2)) * factor, 4))
        else:
            key = (unit, value)
        yield _fact(FactKind.MEASUREMENT, m, key)
    for m in FRACTION_RE.finditer(text):
        yield _fact(FactKind.MEASUREMENT, m, ("/" + m.group(2), float(m.group(1))))
    for m in PLUS_GRADE_RE.finditer(text):
        grade = m.group(1) or m.group(2)
        yield _fact(FactKind.MEASUREMENT, m, ("+", int(grade)))


def durations(text: str) -> Iterator[Fact]:
    for m in DURATION_RE.finditer(text):
        unit = m.group(2)
        if unit.casefold() in {"s", "d", "h", "y"} and not m.group(1)[-1].isdigit():
            continue
        if unit.casefold() in DAY_INDEX_UNITS and DAY_INDEX_AFTER.match(text, m.end()):
            continue
        seconds = TIME_UNITS[unit.casefold()]
        yield _fact(FactKind.DURATION, m, ("s", _scaled(m.group(1), seconds)))
    for m in CLINICAL_DAYS_RE.finditer(text):
        seconds = _CLINICAL_DIVISORS[m.group(2)]
        yield _fact(FactKind.DURATION, m, ("s", _scaled(m.group(1), seconds)))


def counts(text: str) -> Iterator[Fact]:
    """A number followed by a noun ("3 falls", "two episodes")."""
    for m in COUNT_RE.finditer(text):
        noun = m.group(2).casefold()
        if noun in _NOT_COUNT_NOUNS or noun in TIME_UNITS or noun in DOSE_UNITS or (
            m.group(2).upper() in ROUTE_ABBREVIATIONS
        ):
            continue
        low, high = parse_range(m.group(1))
        yield _fact(FactKind.MEASUREMENT, m, ("count", _stem(noun), (low, high)))


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


# Snellen fractions: "6/12" in the right eye is an acuity, not 6 December.
ACUITY_RE = re.compile(
    r"(?<![\d/.])(6|20)\s*/\s*(4|5|6|7\.5|9|12|15|18|20|24|25|30|36|40|50|60|70|80|100|200"
    r"|400)(?![\d/])"
)
EYE_CONTEXT_RE = re.compile(
    r"\b(?:VA|BCVA|acuity|vision|eyesight|eyes?|Snellen|OD|OS|OU|RE|LE|glasses|pinhole|ph)\b",
    _I,
)
ACUITY_CONTEXT = 80


def acuities(text: str) -> Iterator[Fact]:
    for m in ACUITY_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        window = text[max(line_start, m.start() - ACUITY_CONTEXT) : m.end() + ACUITY_CONTEXT]
        if EYE_CONTEXT_RE.search(window):
            yield _fact(FactKind.MEASUREMENT, m, ("acuity", (int(m.group(1)), m.group(2))))
