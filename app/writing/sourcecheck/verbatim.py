"""Values the source notes give word for word, or give in a form the
extractors cannot pair up on their own.

A draft value copied from the notes ("91-93%", "100ml") is supported even when
the extractors read the surrounding notes differently ("sats 91" as a pulse
oximetry reading, "100ml" as a dose of the drug that follows).  Three shorthand
forms are also read here, only on the source side:

* a unit written once after a list of values ("RE 24 LE 19 mmHg") belongs to
  every value in the list;
* a second measurement in the same sentence may drop the unit ("4.5 x 3.2cm,
  last week 5.0 x 3.5");
* a dose may be given as the total of the doses of one drug ("175mg mane
  250mg nocte (total 425)").

A copied value tied to a drug stays unsupported when the source ties it to a
different drug: "5 mg" next to amlodipine does not support "atorvastatin 5 mg".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from app.writing.sourcecheck.items import same_anchor
from app.writing.sourcecheck.model import Fact, FactKind
from app.writing.sourcecheck.numbers import BY, all_numbers

SENTENCE_END = re.compile(r"[.;\n](?!\d)")
# A label between listed values: "RE 24 LE 19", "R 12, L 14", "24/19".
_LISTED = r"(?:\s*(?:,|/|and|[A-Za-z]{1,3})\s*|\s+)"
# Each separator-and-number step is atomic: a long row of numbers with no unit
# after it ("12 14 13 15 ...", an obs chart) must fail at once, not retry every
# way of splitting the row (that took minutes for 14 numbers).
_LIST_RE = re.compile(
    rf"(?<![\w.])(\d+(?:\.\d+)?)(?>{_LISTED}(\d+(?:\.\d+)?)(?![\d.]))+"
    r"\s*(mmhg|mm|cm|deg|degrees|%|°)(?![a-z])",
    re.IGNORECASE,
)
_LIST_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\d.])")
_DIMENSION_RE = re.compile(rf"(\d+(?:\.\d+)?)\s*{BY}\s*(\d+(?:\.\d+)?)", re.IGNORECASE)


def compact(text: str) -> str:
    """Case, spaces, dash and micro-sign spellings do not make a value different."""
    folded = text.casefold().replace("µ", "u").replace("μ", "u").replace("–", "-")
    return re.sub(r"\s+", "", folded)


@dataclass
class VerbatimIndex:
    """Where each value could be copied from in the source notes."""

    source: str
    medications: list[Fact]
    doses: list[Fact]
    _compact: str = field(init=False)
    _offsets: list[int] = field(init=False)
    listed: set[tuple[float, str]] = field(init=False)
    dimensions: set[tuple[float, float]] = field(init=False)

    def __post_init__(self) -> None:
        # Folding may lengthen a character ("İ" -> "i̇"): one offset per folded char.
        folded = [(i, compact(c)) for i, c in enumerate(self.source) if not c.isspace()]
        self._offsets = [i for i, chars in folded for _ in chars]
        self._compact = "".join(chars for _, chars in folded)
        self.listed = set(_listed_values(self.source))
        self.dimensions = {
            (float(m.group(1)), float(m.group(2))) for m in _DIMENSION_RE.finditer(self.source)
        }

    def copied(self, fact: Fact) -> bool:
        """The fact's text occurs in the source (not inside a longer number),
        tied to no other drug than the fact's own."""
        wanted = compact(fact.text)
        if not re.search(r"\d", wanted):
            return False
        for start in self._occurrences(wanted):
            anchor = self._anchor_at(self._offsets[start])
            if fact.anchor is None or anchor is None or same_anchor(fact.anchor, anchor):
                return True
        return False

    def _occurrences(self, needle: str) -> Iterator[int]:
        """Starts of `needle` in the compacted source that are whole values
        in the source as written ("100ml" in "100ml given", not in "1100ml")."""
        start = self._compact.find(needle)
        while start != -1:
            first = self._offsets[start]
            last = self._offsets[start + len(needle) - 1] + 1
            if _whole(self.source, first, last):
                yield start
            start = self._compact.find(needle, start + 1)

    def _anchor_at(self, position: int) -> str | None:
        """The drug (or unlisted product) the notes tie a value at `position` to."""
        dose = next((d for d in self.doses if d.start == position), None)
        if dose is not None:
            return dose.anchor
        sentence_start = _sentence_start(self.source, position)
        before = [m for m in self.medications if sentence_start <= m.start < position]
        return str(before[-1].key[0]) if before else None

    def total_dose(self, fact: Fact) -> bool:
        """"425 mg" of a drug the source gives as 175 mg and 250 mg, with the
        total written out ("(total 425)")."""
        given = [d for d in self.doses if d.anchor == fact.anchor and d.key[0] == fact.key[0]]
        if fact.anchor is None or len(given) < 2:
            return False
        total = sum(float(d.key[1][0]) for d in given)
        written = round(total, 6) in all_numbers(self.source)
        return written and abs(total - float(fact.key[1][0])) < 1e-6 and (
            fact.key[1][0] == fact.key[1][1]
        )




def _whole(text: str, first: int, last: int) -> bool:
    before = text[first - 1] if first else " "
    after = text[last] if last < len(text) else " "
    return not (before.isalnum() or before == "." or after.isalnum())


def _sentence_start(text: str, position: int) -> int:
    starts = [m.end() for m in SENTENCE_END.finditer(text, 0, position)]
    return starts[-1] if starts else 0


def _listed_values(text: str) -> Iterator[tuple[float, str]]:
    """(value, unit) for each value of a list sharing one trailing unit."""
    for match in _LIST_RE.finditer(text):
        unit = _unit_name(match.group(3))
        numbers = _LIST_NUMBER.findall(text, match.start(), match.start(3))
        for number in numbers:
            yield (float(number), unit)


def _unit_name(unit: str) -> str:
    folded = unit.casefold()
    return {"degrees": "deg", "°": "deg"}.get(folded, folded)


def listed_value(fact: Fact) -> tuple[float, str] | None:
    """The (value, unit) of a single-valued measurement, in list terms."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(mmhg|mm|cm|deg|degrees|%|°)", fact.text.strip(),
                         re.IGNORECASE)
    if fact.kind is not FactKind.MEASUREMENT or match is None:
        return None
    return (float(match.group(1)), _unit_name(match.group(2)))


def dimension_pair(fact: Fact) -> tuple[float, float] | None:
    match = _DIMENSION_RE.search(fact.text)
    if fact.kind is not FactKind.MEASUREMENT or match is None:
        return None
    return (float(match.group(1)), float(match.group(2)))
