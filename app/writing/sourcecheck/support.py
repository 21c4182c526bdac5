"""Does the source support one draft fact?  One rule per kind, each as
lenient as normalisation allows and no more: a value must match a value the
source gives for the same thing, not merely appear somewhere."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from app.writing.sourcecheck import (
    clinical,
    labs,
    numbers,
    quantities,
    shorthand,
    sites,
    source_dates,
    temporal,
    thresholds,
)
from app.writing.sourcecheck.extract import extract_facts
from app.writing.sourcecheck.items import same_anchor
from app.writing.sourcecheck.model import Fact, FactKind
from app.writing.sourcecheck.numbers import DIGITS, NUM, all_numbers, digits_after, parse_number
from app.writing.sourcecheck.side_support import sides_supported
from app.writing.sourcecheck.spelling import MISSPELLING_MIN_LENGTH, shortens, spelt_alike
from app.writing.sourcecheck.verbatim import VerbatimIndex, dimension_pair, listed_value

TOLERANCE = {"temp": 0.15, "kg": 0.5}
STRICT_MEASURES = {"%", "mm", "deg", "mmhg", "+"}


@dataclass
class SourceIndex:
    """The source notes, read once."""

    text: str
    facts: list[Fact] = field(init=False)
    numbers: set[float] = field(init=False)
    sides: list[Fact] = field(init=False)
    words: set[str] = field(init=False)
    short_words: set[str] = field(init=False)
    written: list[Fact] = field(init=False)
    verbatim: VerbatimIndex = field(init=False)
    sited: list[sites.SidedSite] = field(init=False)
    lab_windows: dict[str, set[float]] = field(init=False)

    def __post_init__(self) -> None:
        self.facts = extract_facts(self.text)
        self.lab_windows = labs.lab_windows(self.text)
        self.numbers = all_numbers(self.text)
        named = {f.text.casefold() for f in self.of_kind(FactKind.MEDICATION)}
        self.words = {w.casefold() for w in re.findall(r"[A-Za-z]{7,}", self.text)} - named
        self.short_words = {w.casefold() for w in re.findall(r"[A-Za-z]{4,}", self.text)}
        self.sides = list(clinical.laterality(self.text, liberal=True))
        self.sides += shorthand.sided_initials(self.text)
        self.sited = sites.sided_sites(self.text, nearest=False)
        self.facts = source_dates.as_written(self.text, self.facts)
        self.written = list(self.facts)
        self.facts += source_dates.implied(self.text, self.written)
        self.facts += shorthand.source_readings(self.text)
        self.verbatim = VerbatimIndex(
            self.text, self.of_kind(FactKind.MEDICATION), self.of_kind(FactKind.DOSE)
        )

    @functools.cached_property
    def unclaimed_numbers(self) -> set[float]:
        """Numbers the notes write with no other meaning attached: a run of
        bare observations ("obs 37.9 112 22 94%"), not an age, a dose, a date,
        a named result or a blood pressure."""
        claimed = [f for f in self.facts if not _could_be_a_reading(f)]
        return {
            round(float(m.group(0)), 6) for m in DIGITS.finditer(self.text)
            if not any(f.start <= m.start() < f.end for f in claimed)
        }

    @functools.cached_property
    def undated_numbers(self) -> set[float]:
        """Numbers written anywhere but as the day or month of a full date."""
        return numbers.numbers_outside_dates(self.text)

    @functools.cached_property
    def unitless_weights(self) -> set[float]:
        """Numbers the notes write after a weight word without a unit ("Wt 54
        -> 52"); any other number ("Cr 64") is no weight."""
        reach = quantities.WEIGHT_REACH
        return {round(float(n), 6) for m in quantities.WEIGHT_WORD_RE.finditer(self.text)
                for n in digits_after(self.text, m.end(), m.end() + reach)}

    @functools.cached_property
    def cut_offs(self) -> frozenset[float]:
        """Numbers the notes give only after a comparison ("eGFR>45")."""
        return thresholds.threshold_only_values(self.text)

    def written_of_kind(self, kind: FactKind) -> list[Fact]:
        """Facts as written, without the extra readings of shorthand ("5/7"
        as a date) that may lend support but never say what a value is for."""
        return [f for f in self.written if f.kind is kind]

    def of_kind(self, *kinds: FactKind) -> list[Fact]:
        return [f for f in self.facts if f.kind in kinds]

    def sides_of(self, site: str | None) -> list[Fact]:
        """Every side the notes give, for a site compatible with `site`."""
        return [
            Fact(FactKind.LATERALITY, self.text[s.start:s.end], s.start, s.end, (s.side,))
            for s in self.sited
            if site is None or any(sites.compatible(site, x) for x in s.sites)
        ]


def _could_be_a_reading(fact: Fact) -> bool:
    name = str(fact.key[0])
    if fact.kind is FactKind.VITAL:
        return name != "bp"
    return fact.kind is FactKind.MEASUREMENT and name in {"number", "%", "count"}


COPYABLE = {FactKind.MEASUREMENT, FactKind.VITAL, FactKind.DOSE, FactKind.DURATION}


def is_supported(fact: Fact, source: SourceIndex) -> bool:
    named_result = fact.kind is FactKind.MEASUREMENT and fact.key[0] in labs.NAMED_LABS
    if (fact.kind in COPYABLE and not named_result and source.verbatim.copied(fact)
            and not _only_in_a_dated_date(fact, source)):
        return True
    checker = _CHECKERS[fact.kind]
    return checker(fact, source)


def _only_in_a_dated_date(fact: Fact, source: SourceIndex) -> bool:
    """A bare number the notes write only as part of a full date ("PGSI 19"
    beside "2025-02-19")."""
    return (fact.kind is FactKind.MEASUREMENT and fact.key[0] == "number"
            and round(float(fact.key[1]), 6) not in source.undated_numbers)


def _medication(fact: Fact, source: SourceIndex) -> bool:
    """Same drug, the same drug without its salt ("lithium" for "lithium
    carbonate"), or a misspelling of it in the notes ("amlodipene")."""
    name = fact.key[0]
    named = [f.key[0] for f in source.of_kind(FactKind.MEDICATION)]
    if any(name == other or other.startswith(name + " ") for other in named):
        return True
    return _misspelt_in(fact.text.casefold(), source.words) or _shortened_in(fact, source)


def _shortened_in(fact: Fact, source: SourceIndex) -> bool:
    """Notes shorten drug names: "vanc", "gent", "enox", "levobupi", "dexa"."""
    spellings = {fact.text.casefold().split()[0], str(fact.key[0]).split()[0]}
    return any(shortens(word, spelling) for word in source.short_words for spelling in spellings)


def _misspelt_in(word: str, words: set[str]) -> bool:
    if len(word) < MISSPELLING_MIN_LENGTH or " " in word:
        return False
    near = [w for w in words if w[:2] == word[:2] and abs(len(w) - len(word)) <= 2]
    return any(spelt_alike(word, w) for w in near)


def _anchored(fact: Fact, source: SourceIndex) -> bool:
    if fact.kind is FactKind.DOSE and (
        source.verbatim.total_dose(fact) or _unitless_after_drug(fact, source)
    ):
        return True
    if fact.kind is FactKind.ROUTE and _tube_in_notes(fact, source):
        return True
    same_kind = [f for f in source.of_kind(fact.kind)
                 if fact.anchor is None or f.anchor != shorthand.TIME_OF_DAY]
    matches = [f for f in same_kind if _agrees(fact, f)]
    own = [f for f in same_kind if fact.anchor and f.anchor and same_anchor(fact.anchor, f.anchor)]
    regimen = [f for f in own if fact.regimen and f.regimen == fact.regimen]
    if regimen:
        return any(_agrees(fact, f) for f in regimen)
    if own:
        return any(_agrees(fact, f) for f in own)
    if fact.kind is FactKind.ROUTE and fact.anchor and _names_drug(fact.anchor, source):
        return False  # "metformin 1 g by mouth" where the notes give metformin no route
    return bool(matches)


def _names_drug(anchor: str, source: SourceIndex) -> bool:
    """The notes name the drug: a route the draft gives it must be the notes'
    own for it, not one they give another drug. (Tried for doses and
    frequencies too: notes split a drug's name from its dose too often.)"""
    return any(same_anchor(anchor, f.key[0]) for f in source.of_kind(FactKind.MEDICATION))


# A general route word covers a specific one: nebulised drugs are inhaled.
ROUTE_COVERS = {"inhaled": {"nebulised"}}


# A feeding tube the notes mention at all may carry medicines and fluids.
TUBE_MENTION = re.compile(r"\b(?:NGT?|NJ|PEG|nasogastric|nasojejunal|gastrostomy)\b", re.I)


def _tube_in_notes(fact: Fact, source: SourceIndex) -> bool:
    return fact.key == ("enteral tube",) and TUBE_MENTION.search(source.text) is not None


def _agrees(fact: Fact, other: Fact) -> bool:
    if fact.key == other.key:
        return True
    return fact.kind is FactKind.ROUTE and other.key[0] in ROUTE_COVERS.get(fact.key[0], set())


UNITLESS_DOSE = re.compile(
    r"\s*[:-]?\s*(\d+(?:\.\d+)?)(?![\d.%/])(?!\s*(?:mg|g|mcg|µg|ug|micrograms?|milligrams?"
    r"|grams?|ml|l|units?|iu|u|mmol|puffs?|tabs?|tablets?|caps?|capsules?|sachets?)\b)",
    re.IGNORECASE,
)


def _unitless_after_drug(fact: Fact, source: SourceIndex) -> bool:
    """Medication lists drop the unit: "aspirin 75 OD" gives "aspirin 75 mg"."""
    written = re.match(NUM, fact.text, re.IGNORECASE)
    if fact.anchor is None or written is None:
        return False
    value = parse_number(written.group(0))
    for medication in source.of_kind(FactKind.MEDICATION):
        bare = UNITLESS_DOSE.match(source.text, medication.end)
        if medication.key[0] == fact.anchor and bare and float(bare.group(1)) == value:
            return True
    return False


def _vital(fact: Fact, source: SourceIndex) -> bool:
    name = fact.key[0]
    if name in {"bp", "kg"}:
        pool = source.of_kind(FactKind.VITAL, FactKind.MEASUREMENT)
        if any(f.key == fact.key for f in pool):
            return True
        return name == "kg" and all(round(v, 6) in source.unitless_weights for v in fact.key[1])
    labelled = [f for f in source.of_kind(FactKind.VITAL) if f.key[0] == name]
    written = round(float(fact.key[1]), 6) in source.unclaimed_numbers
    if not labelled or (name == "temp" and written and _looks_like_a_temperature(fact)):
        return written
    tolerance = TOLERANCE.get(name, 0.0)
    return any(abs(float(f.key[1]) - float(fact.key[1])) <= tolerance + 1e-9 for f in labelled)


def _looks_like_a_temperature(fact: Fact) -> bool:
    """"fever max 39.1" in the notes is a reading even without a label."""
    value = float(fact.key[1])
    return 34 <= value <= 43 and value != int(value)


def _measurement(fact: Fact, source: SourceIndex) -> bool:
    measures = source.of_kind(FactKind.MEASUREMENT, FactKind.VITAL)
    if fact.key[0] == "ml":  # a volume given as a dose in the notes ("1L NaCl")
        measures = measures + source.of_kind(FactKind.DOSE)
    if fact.key[0] in labs.NAMED_LABS and not _same_unit(fact, source):
        return False
    if any(f.key == fact.key for f in measures) or _shorthand_measure(fact, source):
        return True
    if _score_written_as_date(fact, source):
        return True
    unit = fact.key[0]
    if unit == "number" or unit in labs.NAMED_LABS:
        return _number_given(fact, source)
    if unit == "count":
        same_noun = [f for f in measures if f.key[:2] == fact.key[:2]]
        values = fact.key[2]
        if same_noun:
            return False
        return all(round(v, 6) in source.numbers for v in values)
    if unit in STRICT_MEASURES or "/" in str(unit):
        return False
    if any(f.key[0] == unit for f in measures):
        return False
    values = fact.key[1] if isinstance(fact.key[1], tuple) else (fact.key[1],)
    return all(round(float(v), 6) in source.numbers for v in values)


def _score_written_as_date(fact: Fact, source: SourceIndex) -> bool:
    """"2 out of 10" for the notes' "Pain 2/10", which also reads as a date."""
    unit = str(fact.key[0])
    if not unit.startswith("/"):
        return False
    written = rf"(?<![\w/.]){re.escape(f'{float(fact.key[1]):g}')}\s*{re.escape(unit)}\b"
    return re.search(written, source.text) is not None


def _number_given(fact: Fact, source: SourceIndex) -> bool:
    """A named result must be a number the notes give for that analyte when
    they name it at all; any other number must be written in the notes."""
    value = round(float(fact.key[1]), 6)
    window = source.lab_windows.get(str(fact.key[0]))
    if window:  # a table header ("pH  pCO2  pO2") gives its values on other lines
        return value in {round(v, 6) for v in window}
    return value in source.undated_numbers


def _same_unit(fact: Fact, source: SourceIndex) -> bool:
    """"LDL 118 mmol/L" is not the notes' "LDL 118 mg/dL"; a unit either side
    leaves out says nothing."""
    unit = labs.result_unit(fact)
    given = {labs.result_unit(f) for f in source.of_kind(FactKind.MEASUREMENT) if f.key == fact.key}
    return unit is None or not given or None in given or unit in given


def _shorthand_measure(fact: Fact, source: SourceIndex) -> bool:
    """A value from a list sharing one unit, or a repeated dimension pair."""
    listed = listed_value(fact)
    pair = dimension_pair(fact)
    return (listed is not None and listed in source.verbatim.listed) or (
        pair is not None and pair in source.verbatim.dimensions
    )


def _date(fact: Fact, source: SourceIndex) -> bool:
    return any(temporal.date_supports(f.key, fact.key) and _same_order(fact, f)
               for f in source.of_kind(FactKind.DATE))


_NUMERIC_DATE = re.compile(r"(?:[A-Za-z]+\s+)?(\d{1,2})[/.-](\d{1,2})(?:[/.-]\d{2,4})?")


def _same_order(fact: Fact, other: Fact) -> bool:
    """"09/10/2024" copied from "10/09/2024" swaps day and month, whichever
    order the notes use; a date written in words is compared by its readings."""
    mine = _NUMERIC_DATE.fullmatch(fact.text.strip())
    theirs = _NUMERIC_DATE.fullmatch(other.text.strip())
    if mine is None or theirs is None:
        return True
    return [int(g) for g in mine.groups()] == [int(g) for g in theirs.groups()]


def _time(fact: Fact, source: SourceIndex) -> bool:
    wanted = set(fact.key)
    return any(wanted & set(f.key) for f in source.of_kind(FactKind.TIME))


def _duration(fact: Fact, source: SourceIndex) -> bool:
    """A range ("8 to 10 weeks") is also supported by its two ends given apart."""
    low, high = fact.key[1]
    spans = [other.key[1] for other in source.of_kind(FactKind.DURATION)]
    if any(_close(low, s_low) and _close(high, s_high) for s_low, s_high in spans):
        return True
    singles = {s_low for s_low, s_high in spans if s_low == s_high}
    return low != high and all(any(_close(end, s) for s in singles) for end in (low, high))


def same_value(fact: Fact, other: Fact) -> bool:
    """Whether two facts of one kind give the same value (durations within
    rounding, "2/52" ~ "fourteen days"; other kinds by key)."""
    if fact.kind is FactKind.DURATION:
        (low, high), (other_low, other_high) = fact.key[1], other.key[1]
        if low != high and other_low == other_high:  # a range's ends given apart
            return _close(low, other_low) or _close(high, other_low)
        return _close(low, other_low) and _close(high, other_high)
    if fact.kind is FactKind.TIME:  # "2 pm" is 14:00 or 02:00 until a clock says which
        return bool(set(fact.key) & set(other.key))
    if fact.kind is FactKind.DATE:
        return temporal.dates_agree(fact.key, other.key)
    return fact.key == other.key


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.1 * max(a, b)


_CHECKERS = {
    FactKind.MEDICATION: _medication,
    FactKind.DOSE: _anchored,
    FactKind.FREQUENCY: _anchored,
    FactKind.ROUTE: _anchored,
    FactKind.VITAL: _vital,
    FactKind.MEASUREMENT: _measurement,
    FactKind.DATE: _date,
    FactKind.TIME: _time,
    FactKind.DURATION: _duration,
    FactKind.LATERALITY: sides_supported,
}
