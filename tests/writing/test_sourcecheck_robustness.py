"""The source check must never raise, whatever a clinician pastes: a crash
would hide every finding.  Found on a blind evaluation set: "µg" (micro sign)
case-folds to Greek "μg", which the unit table did not know."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.writing.sourcecheck import FactKind, check_draft

CLINICAL_ALPHABET = st.sampled_from(
    [*"abcdefghijklmnopqrstuvwxyzLRDTMSB0123456789 .,;:/-+()%?\n",
     "µg", "μg", "µ", "°C", "°F", "m²", "mg", " ml", " units", " x ", "->", "↑", "↓", "±",
       "no ", "denies ", "nil", "-ve", " L ", " R ", "BD", "TDS", "1/7", "2/52", "09/02/2026",
       "14:30", "HR 9", "BP 1", "Na 1", "K 4.", "°", "²", "½", "é", "ß", "İ", "ﬁ", "\u00a0"]
)
TEXT = st.lists(CLINICAL_ALPHABET, max_size=60).map("".join)


@pytest.mark.parametrize("unit", ["µg", "μg", "µG", "mcg"])
def test_microgram_spellings_are_one_unit(unit: str) -> None:
    source = "Levothyroxine 100 micrograms OD."
    assert check_draft(source, f"Levothyroxine 100 {unit} once daily.") == []
    flagged = check_draft(source, f"Levothyroxine 150 {unit} once daily.")
    assert [(f.kind, f.text) for f in flagged] == [(FactKind.DOSE, f"150 {unit}")]


@settings(max_examples=300, deadline=None)
@given(source=TEXT, draft=TEXT)
def test_check_never_raises_and_spans_point_into_the_draft(source: str, draft: str) -> None:
    for finding in check_draft(source, draft):
        assert 0 <= finding.start < finding.end <= len(draft)
        assert draft[finding.start:finding.end] == finding.text


@pytest.mark.parametrize("separator", [" ", ", ", "/", " and "])
def test_a_long_row_of_numbers_without_a_unit_is_read_at_once(separator: str) -> None:
    """Found on the tenth blind set: a row of numbers with no unit after it
    (an observation chart) sent the list-of-values pattern into exponential
    backtracking; fourteen numbers took minutes. With sixty the old pattern
    would never finish, so this test would hang rather than pass."""
    row = separator.join(str(60 + i % 30) for i in range(60))
    source = f"Obs chart HR: {row}\nWound 4.5 x 3.0 cm."
    assert check_draft(source, f"Heart rates: {row}. Wound 4.5 x 3.0 cm.") == []
    flagged = check_draft(source, f"Heart rates: {row}. Wound 5.5 x 3.0 cm.")
    assert [f.text for f in flagged] == ["5.5 x 3.0 cm"]
