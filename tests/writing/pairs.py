"""Loads the annotated source/draft pairs in tests/writing/data (development
set) or tests/writing/heldout (held-out set, written without looking at the
checker) and scores the source check on them (shared by the tests and the
benchmark)."""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from app.writing.sourcecheck import FactKind, Finding, check_draft
from app.writing.sourcecheck.extract import extract_facts
from app.writing.sourcecheck.negation import negated_items

DATA_DIR = Path(__file__).parent / "data"
HELDOUT_DIR = Path(__file__).parent / "heldout"


@dataclass(frozen=True)
class Expected:
    kind: FactKind
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Case:
    id: str
    specialty: str
    source: str
    clean: str
    injected: str
    expected: tuple[Expected, ...]


def load_cases(*, directory: Path = DATA_DIR) -> list[Case]:
    cases = []
    for path in sorted(directory.glob("*.toml")):
        for raw in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            cases.append(_case(raw))
    return cases


def _case(raw: dict[str, object]) -> Case:
    injected = raw["injected"]
    assert isinstance(injected, dict)
    draft = str(injected["draft"])
    expected = tuple(_expected(draft, e) for e in injected["expected"])
    return Case(str(raw["id"]), str(raw["specialty"]), str(raw["source"]), str(raw["clean"]),
                draft, expected)


def _expected(draft: str, raw: dict[str, object]) -> Expected:
    text = str(raw["text"])
    start = -1
    for _ in range(int(str(raw.get("occurrence", 0))) + 1):
        start = draft.index(text, start + 1)
    return Expected(FactKind(str(raw["kind"])), text, start, start + len(text))


# Body weight (and the like) is recorded with the vital signs in many settings
# and as a plain measurement in others, so annotators label it either way; the
# checker's vital/measurement split is an internal choice, not a different
# finding.  Only these two kinds are pooled: every other kind must match exactly.
KIND_FAMILIES: dict[FactKind, frozenset[FactKind]] = {
    FactKind.VITAL: frozenset({FactKind.VITAL, FactKind.MEASUREMENT}),
    FactKind.MEASUREMENT: frozenset({FactKind.VITAL, FactKind.MEASUREMENT}),
}


def same_family(found: FactKind, expected: FactKind) -> bool:
    return found in KIND_FAMILIES.get(expected, frozenset({expected}))


def overlaps(finding: Finding, expected: Expected) -> bool:
    same_kind = same_family(finding.kind, expected.kind)
    return same_kind and finding.start < expected.end and expected.start < finding.end


@dataclass
class Score:
    expected: Counter[FactKind] = field(default_factory=Counter)
    found: Counter[FactKind] = field(default_factory=Counter)
    clean_facts: Counter[FactKind] = field(default_factory=Counter)
    clean_flags: Counter[FactKind] = field(default_factory=Counter)
    extra_flags_injected: int = 0
    clean_drafts_flagged: int = 0
    misses: list[tuple[str, Expected]] = field(default_factory=list)
    false_flags: list[tuple[str, Finding]] = field(default_factory=list)

    def recall(self, kind: FactKind | None = None) -> float:
        total = self.expected[kind] if kind else sum(self.expected.values())
        hit = self.found[kind] if kind else sum(self.found.values())
        return hit / total if total else 1.0

    def false_flag_rate(self, kind: FactKind | None = None) -> float:
        total = self.clean_facts[kind] if kind else sum(self.clean_facts.values())
        flags = self.clean_flags[kind] if kind else sum(self.clean_flags.values())
        return flags / total if total else 0.0


def score(cases: list[Case]) -> Score:
    result = Score()
    for case in cases:
        findings = check_draft(case.source, case.injected)
        for expected in case.expected:
            result.expected[expected.kind] += 1
            if any(overlaps(f, expected) for f in findings):
                result.found[expected.kind] += 1
            else:
                result.misses.append((case.id, expected))
        result.extra_flags_injected += sum(
            not any(overlaps(f, e) for e in case.expected) for f in findings
        )
        _score_clean(case, result)
    return result


def _score_clean(case: Case, result: Score) -> None:
    for fact in extract_facts(case.clean):
        result.clean_facts[fact.kind] += 1
    result.clean_facts[FactKind.NEGATION] += sum(1 for _ in negated_items(case.clean))
    flags = check_draft(case.source, case.clean)
    for finding in flags:
        result.clean_flags[finding.kind] += 1
        result.false_flags.append((case.id, finding))
    result.clean_drafts_flagged += bool(flags)
