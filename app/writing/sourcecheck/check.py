"""The fact-to-source check: every checkable fact in a draft that the source
notes do not support, with where it is and why, for the clinician to review.

It is deterministic and conservative by design: it never edits the draft and
never decides anything; a finding is a prompt to look again."""

from __future__ import annotations

import re

from app.writing.sourcecheck import binding, labels, thresholds
from app.writing.sourcecheck.advisory import ADVISORY_NOTE as ADVISORY_NOTE  # re-export
from app.writing.sourcecheck.extract import extract_facts
from app.writing.sourcecheck.items import product_name
from app.writing.sourcecheck.labs import NAMED_LABS
from app.writing.sourcecheck.model import Fact, FactKind, Finding
from app.writing.sourcecheck.negation_check import negation_findings
from app.writing.sourcecheck.side_support import SITE_AND_SIDE_WORDS, same_side
from app.writing.sourcecheck.support import SourceIndex, is_supported, same_value
from app.writing.sourcecheck.unrecorded import unrecorded_findings

_LABELS = {
    FactKind.MEDICATION: "Medication",
    FactKind.DOSE: "Dose",
    FactKind.FREQUENCY: "Frequency",
    FactKind.ROUTE: "Route",
    FactKind.MEASUREMENT: "Value",
    FactKind.VITAL: "Vital sign",
    FactKind.DATE: "Date",
    FactKind.TIME: "Time",
    FactKind.DURATION: "Duration",
    FactKind.LATERALITY: "Side",
}


# Kinds whose key is the value itself, not a unit or a name followed by a value.
UNKEYED_KINDS = {FactKind.TIME, FactKind.DATE, FactKind.FREQUENCY}


def check_draft(source: str, draft: str) -> list[Finding]:
    """Findings ordered by position in the draft."""
    index = SourceIndex(source)
    findings: list[Finding] = []
    facts = extract_facts(draft)
    for fact in facts:
        if fact.kind in RESULT_KINDS and _a_cut_off(fact, draft, index.cut_offs):
            findings.append(Finding(fact.kind, fact.text, fact.start, fact.end,
                                    f"{_LABELS[fact.kind]} “{fact.text}” is a cut-off in the "
                                    "source notes, not a result."))
        elif not is_supported(fact, index):
            findings.append(Finding(fact.kind, fact.text, fact.start, fact.end,
                                    _reason(fact, index)))
        elif binding.is_bound(fact):
            rivals = [(f.start, f.end) for f in facts if f.kind is fact.kind and f != fact]
            findings += _bound_elsewhere(fact, draft, index, rivals)
        elif fact.kind is FactKind.MEASUREMENT and fact.key[0] not in NAMED_LABS:
            findings += _labelled_elsewhere(fact, draft, index)
    findings += negation_findings(source, draft)
    findings += unrecorded_findings(source, draft)
    return sorted(_dedupe(findings), key=lambda f: (f.start, f.end))


RESULT_KINDS = {FactKind.MEASUREMENT, FactKind.VITAL}


def _a_cut_off(fact: Fact, draft: str, cut_offs: frozenset[float]) -> bool:
    """The fact's number appears in the notes only after a comparison, and
    the draft states it without one."""
    written = _WRITTEN_NUMBER.search(fact.text)
    if written is None or not cut_offs:
        return False
    return (round(float(written.group(0)), 6) in cut_offs
            and not thresholds.worded_as_cut_off(draft, fact.start + written.start(), fact.end))


def _bound_elsewhere(
    fact: Fact, draft: str, index: SourceIndex, rivals: list[tuple[int, int]]
) -> list[Finding]:
    if fact.kind is FactKind.LATERALITY:
        found = binding.contradiction(fact, draft, index.text, index.sides_of(fact.anchor),
                                      same_value=same_side, ignore=SITE_AND_SIDE_WORDS,
                                      draft_rivals=rivals)
    else:
        pool = (_comparable_dates(fact, index) if fact.kind is FactKind.DATE
                else index.of_kind(fact.kind))
        given = [o for o in pool if fact.kind in UNKEYED_KINDS or o.key[0] == fact.key[0]]
        found = binding.contradiction(fact, draft, index.text, given, same_value=same_value,
                                      draft_rivals=rivals,
                                      unlabelled_supports=fact.kind is FactKind.DATE)
    if found is None:
        return []
    reason = (f"{_LABELS[fact.kind]} “{fact.text}” is not what the source notes give for "
              f"this ({', '.join(found.given)}).")
    return [Finding(fact.kind, fact.text, fact.start, fact.end, reason)]


SHORTHAND_FRACTION = re.compile(r"^(?:since\s+)?\d{1,2}/(?:7|12|52|40)$", re.IGNORECASE)


def _comparable_dates(fact: Fact, index: SourceIndex) -> list[Fact]:
    """The notes' dates as written ("5/7" is a duration more often than a
    date) and as precise as the draft's: a year says nothing against a day."""
    wanted = [position for position in (0, 1, 2) if any(r[position] for r in fact.key)]
    return [o for o in index.written_of_kind(FactKind.DATE)
            if not SHORTHAND_FRACTION.match(o.text)
            and all(any(r[position] for r in o.key) for position in wanted[1:])]


_WRITTEN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _labelled_elsewhere(fact: Fact, draft: str, index: SourceIndex) -> list[Finding]:
    written = _WRITTEN_NUMBER.findall(fact.text)
    if len(written) != 1:
        return []
    found = labels.mismatch(fact, draft, index.text, float(written[0]))
    if found is None:
        return []
    reason = (f"{_LABELS[fact.kind]} “{fact.text}” is not what the source notes give for "
              f"“{found.label}” ({', '.join(found.given)}).")
    return [Finding(fact.kind, fact.text, fact.start, fact.end, reason)]


def _reason(fact: Fact, index: SourceIndex) -> str:
    label = _LABELS[fact.kind]
    reason = f"{label} “{fact.text}” is not in the source notes"
    if fact.anchor:
        reason += f" for {product_name(fact.anchor)}"
        given = [f.text for f in index.of_kind(fact.kind) if f.anchor == fact.anchor]
        if given:
            reason += f" (the notes give: {', '.join(dict.fromkeys(given))})"
    return reason + "."


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[FactKind, int, int]] = set()
    unique = []
    for finding in findings:
        marker = (finding.kind, finding.start, finding.end)
        if marker not in seen:
            seen.add(marker)
            unique.append(finding)
    return unique
