"""Integrity of the fourth held-out source-check pairs in tests/writing/heldout4.

heldout, heldout2 and heldout3 have all been used to improve the checker, so
heldout4 was written later, blind to the checker, to give the final blind
reading. Its figures are only as good as its annotations, so these tests check
the data (it parses, is separate from every other set, every annotated span is
where the loader puts it and marks text the injected draft changed, every
changed value is annotated, each kind and both negation directions are well
represented), never the checker's score.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from app.writing.sourcecheck import FactKind
from tests.writing.pairs import DATA_DIR, HELDOUT_DIR, Case, Expected, load_cases

HELDOUT4_DIR = Path(__file__).parent / "heldout4"
EARLIER_DIRS = (DATA_DIR, HELDOUT_DIR, HELDOUT_DIR.parent / "heldout2",
                HELDOUT_DIR.parent / "heldout3")
WORD = re.compile(r"[^\s,;:.()]+")
SIDES = {"left", "right", "bilateral", "both"}
NEGATION_CUES = {"no", "not", "without", "denies", "nil"}
MIN_CASES = 30
MIN_PER_KIND = 10
MIN_PER_NEGATION_DIRECTION = 5
MIN_SPECIALTIES = 15


@pytest.fixture(scope="module")
def heldout4() -> list[Case]:
    return load_cases(directory=HELDOUT4_DIR)


def test_set_is_large_varied_and_separate_from_every_other_set(heldout4: list[Case]) -> None:
    ids = [case.id for case in heldout4]
    others = [case for directory in EARLIER_DIRS for case in load_cases(directory=directory)]
    assert len(heldout4) >= MIN_CASES
    assert len(ids) == len(set(ids))
    assert not {case.id for case in others} & set(ids)
    assert {case.source for case in heldout4}.isdisjoint(case.source for case in others)
    assert {case.clean for case in heldout4}.isdisjoint(case.clean for case in others)
    assert len({case.specialty for case in heldout4}) >= MIN_SPECIALTIES


def test_every_case_has_source_clean_and_different_injected_draft(heldout4: list[Case]) -> None:
    for case in heldout4:
        assert case.source.strip() and case.clean.strip() and case.expected, case.id
        assert case.injected != case.clean, case.id
        assert case.clean != case.source, case.id


def test_every_annotated_span_matches_its_text(heldout4: list[Case]) -> None:
    for case in heldout4:
        for expected in case.expected:
            assert case.injected[expected.start:expected.end] == expected.text, case.id


def test_annotated_spans_do_not_overlap_each_other(heldout4: list[Case]) -> None:
    for case in heldout4:
        spans = sorted((e.start, e.end) for e in case.expected)
        for (_, end), (next_start, _) in itertools.pairwise(spans):
            assert end <= next_start, case.id


def test_every_annotation_marks_an_edit_of_the_clean_draft(heldout4: list[Case]) -> None:
    """Catches a wrong `occurrence`: the span would land on unchanged text."""
    for case in heldout4:
        edits = _edited_ranges(case.clean, case.injected)
        for expected in case.expected:
            assert any(_touches(expected, edit) for edit in edits), (case.id, expected.text)


def test_every_edited_number_or_side_is_annotated(heldout4: list[Case]) -> None:
    """An unannotated changed value would be an unsupported fact scored as a
    false flag; rewording around an injected fact ("but", "with") is allowed."""
    for case in heldout4:
        for edit in _edited_ranges(case.clean, case.injected):
            changed = case.injected[edit[0]:edit[1]]
            if _carries_a_value(changed):
                assert any(_touches(e, edit) for e in case.expected), (case.id, changed)


def test_every_fact_kind_is_injected_at_least_ten_times(heldout4: list[Case]) -> None:
    counts = Counter(expected.kind for case in heldout4 for expected in case.expected)
    for kind in FactKind:
        assert counts[kind] >= MIN_PER_KIND, kind


def test_negation_is_injected_in_both_directions(heldout4: list[Case]) -> None:
    """Both "source denies it, draft asserts it" and "source has it, draft
    denies it" must be tested, or a checker blind to one would score well."""
    negations = [e.text for case in heldout4 for e in case.expected
                 if e.kind is FactKind.NEGATION]
    negated = [text for text in negations if _has_negation_cue(text)]
    asserted = [text for text in negations if not _has_negation_cue(text)]
    assert len(negated) >= MIN_PER_NEGATION_DIRECTION, negated
    assert len(asserted) >= MIN_PER_NEGATION_DIRECTION, asserted


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
