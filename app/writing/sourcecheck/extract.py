"""All checkable facts of one text, in priority order (an earlier extractor
owns its stretch of text) with doses, frequencies and routes tied to the
medication they follow."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator

from app.writing.sourcecheck import clinical, items, labs, quantities, temporal
from app.writing.sourcecheck.model import Fact, FactKind
from app.writing.sourcecheck.spans import FactCollector

Extractor = Callable[[str], Iterable[Fact]]
PRIORITY: tuple[Extractor, ...] = (
    quantities.acuities, temporal.dates, temporal.times, temporal.frequencies, quantities.ages,
    quantities.vitals,
    labs.temperatures, quantities.flows, quantities.rates, quantities.dose_rates,
    quantities.doses, quantities.durations, labs.lab_values, quantities.measurements,
    quantities.counts,
    clinical.routes, clinical.laterality, clinical.medications, labs.bare_numbers,
)
ANCHORED = {FactKind.DOSE, FactKind.FREQUENCY, FactKind.ROUTE}
ANCHOR_REACH = 60
# A full stop ends the medication's reach; a decimal point ("2.4 g") does not,
# nor a semicolon going on with the same drug ("80 mg bolus given; now 40 mg").
SENTENCE_BREAK = re.compile(r"\n|;(?!\s*(?:now|then|and)\b)|\.(?!\d)")
GIVEN_KINDS = {FactKind.FREQUENCY, FactKind.ROUTE}
GIVEN_REACH = 20


def extract_facts(text: str) -> list[Fact]:
    collector = FactCollector()
    for extractor in PRIORITY:
        found = sorted(extractor(text), key=lambda f: (f.start, -(f.end - f.start)))
        collector.add_all(_longest_first(found))
    facts = sorted(collector.facts, key=lambda f: f.start)
    return _with_anchors(text, _results_keep_their_name(facts))


def _results_keep_their_name(facts: list[Fact]) -> list[Fact]:
    """"Sodium 131 mmol/L" is a sodium result, not also a value in mmol/L."""
    named = {(f.start, f.end) for f in facts if f.key[0] in labs.NAMED_LABS}
    return [f for f in facts
            if f.key[0] in labs.NAMED_LABS or f.kind is not FactKind.MEASUREMENT
            or (f.start, f.end) not in named]


def _longest_first(facts: list[Fact]) -> Iterator[Fact]:
    """Same-extractor overlaps keep the longest ("twice a day" over "a day"),
    but one stretch may carry several keys ("mane" = morning and once a day)."""
    ordered = sorted(facts, key=lambda f: -(f.end - f.start))
    kept: list[Fact] = []
    for fact in ordered:
        overlaps = [k for k in kept if not (fact.end <= k.start or fact.start >= k.end)]
        if all((k.start, k.end) == (fact.start, fact.end) for k in overlaps):
            kept.append(fact)
    return iter(kept)


_A_WEIGHT_BEFORE = re.compile(r"\b(?:weight|weighing|weighed|wt|BW)\b[^.;,\n\d]*$", re.IGNORECASE)


def _as_weight(fact: Fact) -> Fact:
    """"birth weight 2,840 g" is a body weight in kilograms, not a dose."""
    if fact.key[0] != "mg":
        return fact
    low, high = fact.key[1]
    return dataclasses.replace(fact, kind=FactKind.VITAL,
                               key=("kg", (round(low / 1e6, 6), round(high / 1e6, 6))))


def _unnamed(fact: Fact) -> bool:
    return not fact.anchor or items.is_product(fact.anchor)


def _volumes_as_measurements(text: str, facts: list[Fact]) -> list[Fact]:
    """A volume tied to no medication and not given at a frequency or by a
    route ("EBL 850 mL", "650 mL aspirated") is a measurement, not a dose;
    "rehydration solution 10 mL every 5 minutes" stays a dose."""
    result = []
    for index, fact in enumerate(facts):
        following = facts[index + 1] if index + 1 < len(facts) else None
        given = following is not None and following.kind in GIVEN_KINDS and (
            following.start - fact.end <= GIVEN_REACH
        )
        if fact.kind is FactKind.DOSE and fact.key[0] in {"ml", "ml/h"} and not given and (
            _unnamed(fact)
        ):
            fact = dataclasses.replace(fact, kind=FactKind.MEASUREMENT)
        elif fact.kind is FactKind.DOSE and _unnamed(fact) and _A_WEIGHT_BEFORE.search(
            text, max(0, fact.start - quantities.WEIGHT_REACH), fact.start
        ):
            fact = _as_weight(fact)
        result.append(fact)
    return result


def _with_anchors(text: str, facts: list[Fact]) -> list[Fact]:
    anchored = []
    last_medication: Fact | None = None
    last_dose: Fact | None = None
    for index, (fact, following) in enumerate(zip(facts, [*facts[1:], None], strict=False)):
        if following is not None and _route_before_drug(text, fact, following):
            anchored.append(dataclasses.replace(fact, anchor=following.key[0]))
            continue
        drug = _dose_of_drug_after(text, fact, facts[index + 1 : index + 3])
        if drug is not None:
            anchored.append(dataclasses.replace(fact, anchor=drug.key[0]))
            continue
        if fact.kind is FactKind.DOSE:
            head = items.unlisted_head(text, fact, facts)
            if head is not None:
                last_medication = head.medication or head.as_product()
        if fact.kind is FactKind.MEDICATION:
            last_medication, last_dose = fact, None
        elif fact.kind in ANCHORED and last_medication is not None:
            between = text[last_medication.end : fact.start]
            if len(between) <= ANCHOR_REACH and not SENTENCE_BREAK.search(between):
                fact = dataclasses.replace(fact, anchor=last_medication.key[0])
                fact = _in_regimen(text, fact, last_dose)
        if fact.kind is FactKind.DOSE:
            last_dose = fact
        anchored.append(fact)
    return _volumes_as_measurements(text, anchored)


_ADJACENT = re.compile(r"\s*")


def _route_before_drug(text: str, fact: Fact, following: Fact) -> bool:
    """"IV amoxicillin", "nebulised ipratropium": a route written just before a
    drug is that drug's, not the previous one's."""
    return (fact.kind is FactKind.ROUTE and following.kind is FactKind.MEDICATION
            and _ADJACENT.fullmatch(text, fact.end, following.start) is not None)


_OF_STRENGTH = re.compile(r"\s+of\s+(?:(?:a\s+)?\d+(?:\.\d+)?\s*%\s+)?", re.IGNORECASE)


def _dose_of_drug_after(text: str, fact: Fact, following: list[Fact]) -> Fact | None:
    """"5 ml of 1% lidocaine", "2 g of magnesium sulphate": the amount
    written before a drug is a dose of it."""
    if fact.kind is not FactKind.DOSE:
        return None
    for other in following:
        if other.kind is FactKind.MEDICATION:
            return other if _OF_STRENGTH.fullmatch(text, fact.end, other.start) else None
    return None


def _in_regimen(text: str, fact: Fact, last_dose: Fact | None) -> Fact:
    """A route or frequency after a dose of the same drug is that dose's:
    "mesalazine 2.4g OD PO + 1g PR nocte" gives 1 g rectally at night."""
    if fact.kind is FactKind.DOSE or last_dose is None or last_dose.anchor != fact.anchor:
        return fact
    if SENTENCE_BREAK.search(text, last_dose.end, fact.start):
        return fact
    return dataclasses.replace(fact, regimen=last_dose.key)
