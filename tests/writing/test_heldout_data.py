"""Integrity of the held-out source-check pairs in tests/writing/heldout.

The held-out set exists so the checker's recall/false-flag figures are not
only measured on the pairs its author tuned on; its value depends on the
annotations being right, so these tests check the data (it parses, every
annotated span is where the loader says, and each annotation marks text the
injected draft actually changed), never the checker's score.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter

import pytest

from app.writing.sourcecheck import FactKind
from tests.writing.pairs import DATA_DIR, HELDOUT_DIR, Case, Expected, load_cases

WORD = re.compile(r"[^\s,;:.()]+")
SIDES = {"left", "right", "bilateral", "both"}
MIN_CASES = 20
MIN_PER_KIND = 3


@pytest.fixture(scope="module")
def heldout() -> list[Case]:
    return load_cases(directory=HELDOUT_DIR)


def test_heldout_set_is_large_enough_and_separate_from_the_dev_set(heldout: list[Case]) -> None:
    ids = [case.id for case in heldout]
    dev_ids = {case.id for case in load_cases(directory=DATA_DIR)}
    assert len(heldout) >= MIN_CASES
    assert len(ids) == len(set(ids))
    assert not dev_ids & set(ids)
    assert {case.source for case in heldout}.isdisjoint(c.source for c in load_cases())


def test_every_case_has_source_clean_and_different_injected_draft(heldout: list[Case]) -> None:
    for case in heldout:
        assert case.source.strip() and case.clean.strip() and case.expected, case.id
        assert case.injected != case.clean, case.id


def test_every_annotated_span_matches_its_text(heldout: list[Case]) -> None:
    for case in heldout:
        for expected in case.expected:
            assert case.injected[expected.start:expected.end] == expected.text, case.id


def test_annotated_spans_do_not_overlap_each_other(heldout: list[Case]) -> None:
    for case in heldout:
        spans = sorted((e.start, e.end) for e in case.expected)
        for (_, end), (next_start, _) in itertools.pairwise(spans):
            assert end <= next_start, case.id


def test_every_annotation_marks_an_edit_of_the_clean_draft(heldout: list[Case]) -> None:
    for case in heldout:
        edits = _edited_ranges(case.clean, case.injected)
        for expected in case.expected:
            assert any(_touches(expected, edit) for edit in edits), (case.id, expected.text)


def test_every_edited_number_or_side_is_annotated(heldout: list[Case]) -> None:
    """An unannotated changed value would be an unsupported fact scored as a
    false flag; rewording around an injected fact ("but", "is") is allowed."""
    for case in heldout:
        for edit in _edited_ranges(case.clean, case.injected):
            changed = case.injected[edit[0]:edit[1]]
            if _carries_a_value(changed):
                assert any(_touches(e, edit) for e in case.expected), (case.id, changed)


def test_every_fact_kind_is_injected_several_times(heldout: list[Case]) -> None:
    counts = Counter(expected.kind for case in heldout for expected in case.expected)
    for kind in FactKind:
        assert counts[kind] >= MIN_PER_KIND, kind


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
