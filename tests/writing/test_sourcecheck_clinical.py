"""Sides, medication names and units as clinicians abbreviate them: "RE" is
the right eye, "KCl" potassium chloride, "850ml" 850 mL, and a changed value
is still flagged."""

from __future__ import annotations

import pytest

from app.writing.sourcecheck import check_draft


def _flags(source: str, draft: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in check_draft(source, draft)]


@pytest.mark.parametrize(
    ("source", "supported"),
    [
        ("IOP RE 24 (Goldmann).", "Pressure 24 mmHg in the right eye."),
        ("Mild tenderness RUQ.", "Mild right upper quadrant tenderness."),
        ("R TM red & bulging.", "The right tympanic membrane is red."),
        ("Dx: R AOM.", "Right acute otitis media."),
    ],
)
def test_sided_abbreviations_support_the_written_out_side(source: str, supported: str) -> None:
    assert [k for k, _ in _flags(source, supported) if k == "laterality"] == []
    opposite = supported.replace("right", "left").replace("Right", "Left")
    assert "laterality" in [k for k, _ in _flags(source, opposite)]


def test_an_abbreviation_alone_does_not_support_a_bare_side() -> None:
    assert _flags("SpO2 96% RA, RR 20.", "Pain on the right.") == [("laterality", "right")]


def test_litres_are_not_a_side() -> None:
    assert _flags("NaCl 0.9% 1L over 4h.", "Sodium chloride 0.9% 1 L over 4 hours.") == []


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("Li carbonate 800mg ON.", "Lithium carbonate 800 mg at night."),
        ("Li carbonate 800mg. Li level 0.7.", "Lithium level 0.7."),
        ("IV KCl 40mmol.", "Intravenous potassium chloride 40 mmol."),
        ("Increase Na bicarb.", "Increase sodium bicarbonate."),
        ("Check vit D.", "Check vitamin D."),
        ("Door-to-abx 25 min.", "25 minutes from arrival to antibiotics."),
        ("Meds: amlodipene 10mg OD.", "Amlodipine 10 mg once daily."),
    ],
)
def test_medication_shorthand_and_misspellings_in_the_notes(source: str, draft: str) -> None:
    assert _flags(source, draft) == []


def test_a_similar_but_different_drug_is_still_flagged() -> None:
    assert _flags("Prednisolone 20mg OD.", "Prednisone 20 mg once daily.")[0] == (
        "medication", "Prednisone")


def test_lab_results_in_a_row_are_not_one_drug_name() -> None:
    draft = "Potassium 5.4, bicarbonate 19."
    assert [k for k, _ in _flags("K 5.4, HCO3 19.", draft) if k == "medication"] == []
