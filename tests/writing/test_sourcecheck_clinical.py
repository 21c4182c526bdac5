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


@pytest.mark.parametrize(
    ("source", "supported", "unsupported"),
    [
        ("EBL 850ml.", "Estimated blood loss 850 mL.", "Estimated blood loss 1250 mL."),
        ("Wt 91kg.", "Weight 91 kg.", "Weight 97 kg."),
        ("Walked 5m with frame.", "Walked 5 metres.", "Walked 15 metres."),
        ("Started 1L/min NC O2.", "Oxygen at 1 L/min.", "Oxygen at 2 L/min."),
        ("Alcohol 6u/wk.", "Alcohol 6 units a week.", "Alcohol 16 units a week."),
        ("Hb 88.", "Haemoglobin 88.", "Haemoglobin 78."),
    ],
)
def test_units_attached_to_numbers(source: str, supported: str, unsupported: str) -> None:
    assert _flags(source, supported) == []
    assert len(_flags(source, unsupported)) == 1


@pytest.mark.parametrize(
    ("source", "supported", "unsupported"),
    [
        ("Oxaliplatin 85mg/m2 IV.", "Oxaliplatin 85 mg/m² intravenously.",
         "Oxaliplatin 65 mg/m² intravenously."),
        ("Gentamicin 5mg/kg IV.", "Gentamicin 5 mg/kg intravenously.",
         "Gentamicin 7 mg/kg intravenously."),
        ("IV KCl 40mmol.", "Potassium chloride 40 mmol.", "Potassium chloride 20 mmol."),
        ("Co-codamol 30/500 2 tabs QDS.", "Co-codamol 30/500, two tablets four times a day.",
         "Co-codamol 30/500, three tablets four times a day."),
    ],
)
def test_dose_units(source: str, supported: str, unsupported: str) -> None:
    assert _flags(source, supported) == []
    assert [kind for kind, _ in _flags(source, unsupported)] == ["dose"]


def test_a_volume_given_at_a_frequency_stays_a_dose() -> None:
    source = "ORS 5ml q5min."
    assert _flags(source, "Oral rehydration solution 10 mL every 5 minutes.")[0][0] == "dose"
    assert _flags("EBL 850ml.", "Blood loss 1250 mL.")[0][0] == "measurement"


def test_a_count_is_not_read_from_a_pronoun() -> None:
    assert _flags("Feeding ~50% of usual.", "Feeding about half his usual amount.") == []


@pytest.mark.parametrize(
    ("source", "supported", "unsupported"),
    [
        ("Midazolam 5mg buccal.", "Midazolam 5 mg buccal.", "Midazolam 5 mg intravenously."),
        ("Aflibercept 2mg intravitreal LE.", "Aflibercept 2 mg intravitreal to the left eye.",
         "Aflibercept 2 mg subconjunctival to the left eye."),
        ("Salbutamol 10mg neb.", "Salbutamol 10 mg nebulised.", "Salbutamol 10 mg orally."),
    ],
)
def test_routes(source: str, supported: str, unsupported: str) -> None:
    assert _flags(source, supported) == []
    assert [kind for kind, _ in _flags(source, unsupported)] == ["route"]


@pytest.mark.parametrize(
    ("source", "draft", "changed"),
    [
        ("Plan: HCQ 200mg BD.", "Hydroxychloroquine 200 mg twice a day.", "Sulfasalazine"),
        ("Rescue pack: doxy + pred.", "A rescue pack of doxycycline.", "Amoxicillin"),
        ("Given NTG 0.4 mg SL.", "Nitroglycerin 0.4 mg sublingually.", "Morphine"),
        ("Started clarithro.", "Clarithromycin was started.", "Erythromycin"),
    ],
)
def test_common_drug_shortenings_support_the_full_name(
    source: str, draft: str, changed: str
) -> None:
    assert [k for k, _ in _flags(source, draft) if k == "medication"] == []
    first = draft.split()[0].rstrip(".")
    assert ("medication", changed) in _flags(source, draft.replace(first, changed))
