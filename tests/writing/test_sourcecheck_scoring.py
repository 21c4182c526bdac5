"""The scorer's kind matching: vital and measurement are one family (body
weight is recorded with the vitals in many settings), every other kind must
match exactly, so pooling cannot inflate any other kind's recall."""

from __future__ import annotations

import pytest

from app.writing.sourcecheck import FactKind, Finding
from tests.writing.pairs import Expected, overlaps


def _finding(kind: FactKind) -> Finding:
    return Finding(kind, "88 kg", 10, 15, "Value “88 kg” is not in the source notes.")


@pytest.mark.parametrize("found", [FactKind.VITAL, FactKind.MEASUREMENT])
@pytest.mark.parametrize("labelled", [FactKind.VITAL, FactKind.MEASUREMENT])
def test_weight_labelled_vital_or_measurement_matches_either(
    found: FactKind, labelled: FactKind
) -> None:
    assert overlaps(_finding(found), Expected(labelled, "88 kg", 10, 15))


@pytest.mark.parametrize("found", [k for k in FactKind if k not in {FactKind.DOSE}])
def test_other_kinds_never_match_across(found: FactKind) -> None:
    assert not overlaps(_finding(found), Expected(FactKind.DOSE, "88 kg", 10, 15))
    if found not in {FactKind.VITAL, FactKind.MEASUREMENT}:
        assert not overlaps(_finding(found), Expected(FactKind.MEASUREMENT, "88 kg", 10, 15))


def test_a_finding_elsewhere_in_the_draft_does_not_match() -> None:
    assert not overlaps(_finding(FactKind.VITAL), Expected(FactKind.MEASUREMENT, "88", 20, 22))
