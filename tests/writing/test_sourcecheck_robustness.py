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
