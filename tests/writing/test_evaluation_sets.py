"""Integrity of the held-out source-check evaluation sets (tests/writing/heldout*).

Each held-out set was written blind to the checker so its recall/false-flag
figures measure generalisation; once a set has been used to improve the
checker a later one takes its place. The figures are only as good as the
annotations, so these tests check the data (it parses, is separate from every
other set, every annotated span is where the loader puts it and marks text the
injected draft changed, every changed value is annotated, each kind and both
negation directions are well represented), never the checker's score.

One parametrized module rather than a copy per set: every set gets the same
checks, and only its size/variety thresholds differ (later sets were written
to stricter targets).
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.writing.sourcecheck import FactKind
from tests.writing.pairs import DATA_DIR, Case, Expected, load_cases

WRITING_DIR = Path(__file__).parent
WORD = re.compile(r"[^\s,;:.()]+")
SIDES = {"left", "right", "bilateral", "both"}
NEGATION_CUES = {"no", "not", "without", "denies", "nil"}


@dataclass(frozen=True)
class EvaluationSet:
    """A held-out directory and the targets it was written to; None means the
    set was not written to that target (heldout predates them)."""

    name: str
    min_cases: int
    min_per_kind: int
    min_specialties: int | None = None
    min_per_negation_direction: int | None = None

    @property
    def directory(self) -> Path:
        return WRITING_DIR / self.name


SETS = (
    EvaluationSet("heldout", min_cases=20, min_per_kind=3),
    EvaluationSet("heldout2", min_cases=25, min_per_kind=8, min_specialties=12,
                  min_per_negation_direction=5),
    EvaluationSet("heldout3", min_cases=30, min_per_kind=10, min_specialties=15,
                  min_per_negation_direction=5),
    EvaluationSet("heldout4", min_cases=30, min_per_kind=10, min_specialties=15,
                  min_per_negation_direction=5),
    # Sets 5-21 were each written by three authors to one brief and one target.
    *(EvaluationSet(f"heldout{number}", min_cases=40, min_per_kind=13, min_specialties=20,
                    min_per_negation_direction=9) for number in range(5, 22)),
    # Of set 22's three authors only one delivered before it was read.
    EvaluationSet("heldout22", min_cases=15, min_per_kind=5, min_specialties=12,
                  min_per_negation_direction=8),
)
ALL_DIRS = (DATA_DIR, *(s.directory for s in SETS))

each_set = pytest.mark.parametrize("evaluation_set", SETS, ids=lambda s: s.name)


@functools.cache
def _cases(directory: Path) -> tuple[Case, ...]:
    return tuple(load_cases(directory=directory))


@each_set
def test_set_is_large_and_varied(evaluation_set: EvaluationSet) -> None:
    cases = _cases(evaluation_set.directory)
    ids = [case.id for case in cases]
    assert len(cases) >= evaluation_set.min_cases
    assert len(ids) == len(set(ids))
    if evaluation_set.min_specialties is not None:
        assert len({case.specialty for case in cases}) >= evaluation_set.min_specialties


@each_set
def test_set_is_separate_from_every_other_set(evaluation_set: EvaluationSet) -> None:
    """Shared ids, sources or clean drafts would let tuning on one set leak
    into another's blind reading (the development set included)."""
    cases = _cases(evaluation_set.directory)
    others = [case for directory in ALL_DIRS if directory != evaluation_set.directory
              for case in _cases(directory)]
    assert {case.id for case in cases}.isdisjoint(case.id for case in others)
    assert {case.source for case in cases}.isdisjoint(case.source for case in others)
    assert {case.clean for case in cases}.isdisjoint(case.clean for case in others)


@each_set
def test_every_case_has_source_clean_and_different_injected_draft(
    evaluation_set: EvaluationSet,
) -> None:
    for case in _cases(evaluation_set.directory):
        assert case.source.strip() and case.clean.strip() and case.expected, case.id
        assert case.injected != case.clean, case.id
        assert case.clean != case.source, case.id


@each_set
def test_every_annotated_span_matches_its_text(evaluation_set: EvaluationSet) -> None:
    for case in _cases(evaluation_set.directory):
        for expected in case.expected:
            assert case.injected[expected.start:expected.end] == expected.text, case.id


@each_set
def test_annotated_spans_do_not_overlap_each_other(evaluation_set: EvaluationSet) -> None:
    for case in _cases(evaluation_set.directory):
        spans = sorted((e.start, e.end) for e in case.expected)
        for (_, end), (next_start, _) in itertools.pairwise(spans):
            assert end <= next_start, case.id


@each_set
def test_every_annotation_marks_an_edit_of_the_clean_draft(evaluation_set: EvaluationSet) -> None:
    """Catches a wrong `occurrence`: the span would land on unchanged text."""
    for case in _cases(evaluation_set.directory):
        edits = _edited_ranges(case.clean, case.injected)
        for expected in case.expected:
            assert any(_touches(expected, edit) for edit in edits), (case.id, expected.text)


@each_set
def test_every_edited_number_or_side_is_annotated(evaluation_set: EvaluationSet) -> None:
    """An unannotated changed value would be an unsupported fact scored as a
    false flag; rewording around an injected fact ("but", "with") is allowed."""
    for case in _cases(evaluation_set.directory):
        for edit in _edited_ranges(case.clean, case.injected):
            changed = case.injected[edit[0]:edit[1]]
            if _carries_a_value(changed):
                assert any(_touches(e, edit) for e in case.expected), (case.id, changed)


@each_set
def test_every_fact_kind_is_injected_several_times(evaluation_set: EvaluationSet) -> None:
    cases = _cases(evaluation_set.directory)
    counts = Counter(expected.kind for case in cases for expected in case.expected)
    for kind in FactKind:
        assert counts[kind] >= evaluation_set.min_per_kind, kind


@pytest.mark.parametrize(
    "evaluation_set",
    [s for s in SETS if s.min_per_negation_direction is not None],
    ids=lambda s: s.name,
)
def test_negation_is_injected_in_both_directions(evaluation_set: EvaluationSet) -> None:
    """Both "source denies it, draft asserts it" and "source has it, draft
    denies it" must be tested, or a checker blind to one would score well."""
    negations = [e.text for case in _cases(evaluation_set.directory) for e in case.expected
                 if e.kind is FactKind.NEGATION]
    negated = [text for text in negations if _has_negation_cue(text)]
    asserted = [text for text in negations if not _has_negation_cue(text)]
    minimum = evaluation_set.min_per_negation_direction
    assert minimum is not None
    assert len(negated) >= minimum, negated
    assert len(asserted) >= minimum, asserted


def _edited_ranges(clean: str, injected: str) -> list[tuple[int, int]]:
    """Character ranges of the injected draft whose words differ from the clean one."""
    clean_words = [m.group() for m in WORD.finditer(clean)]
    injected_spans = [m.span() for m in WORD.finditer(injected)]
    injected_words = [injected[start:end] for start, end in injected_spans]
    matcher = difflib.SequenceMatcher(None, clean_words, injected_words, autojunk=False)
    ranges = []
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if j1 == j2:  # words deleted: a point between two injected words
            point = injected_spans[j1][0] if j1 < len(injected_spans) else len(injected)
            ranges.append((point, point))
        else:
            ranges.append((injected_spans[j1][0], injected_spans[j2 - 1][1]))
    return ranges


def _touches(expected: Expected, edit: tuple[int, int]) -> bool:
    start, end = edit
    if start == end:  # a deletion sits between two characters
        return expected.start <= start <= expected.end
    return expected.start < end and start < expected.end


def _carries_a_value(changed: str) -> bool:
    words = WORD.findall(changed.lower())
    return any(any(ch.isdigit() for ch in w) or w in SIDES for w in words)


def _has_negation_cue(text: str) -> bool:
    return bool(NEGATION_CUES & set(WORD.findall(text.lower())))
