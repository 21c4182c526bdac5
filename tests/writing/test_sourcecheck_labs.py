"""Values the notes write in shorthand: named lab results, temperatures,
bare numbers, oxygen flows, unitless doses in medication lists and volumes.

These rules were added without unit tests of their own.  Each rule has a
pair: a draft with an unsupported value that must be flagged (kind and span
text), and a faithful paraphrase that must give no finding of that kind, so
a test fails both when the rule is removed and when it is applied too widely.
"""

from __future__ import annotations

import pytest

from app.writing.sourcecheck import check_draft


def _flags(source: str, draft: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in check_draft(source, draft)]


def _kinds(source: str, draft: str) -> set[str]:
    return {kind for kind, _text in _flags(source, draft)}


# --- named lab results, keyed by analyte -----------------------------------

BLOODS = "Bloods: Na 131, K 4.2."


def test_lab_value_changed_from_the_notes_is_flagged() -> None:
    assert ("measurement", "121") in _flags(BLOODS, "Sodium 121.")


def test_lab_written_out_in_full_is_supported_by_its_abbreviation() -> None:
    assert _flags(BLOODS, "Sodium 131 and potassium 4.2.") == []


def test_lab_value_keeps_its_unit_in_the_span() -> None:
    source = "Glucose 11.2 mmol/L. HbA1c 7.8% in March."
    assert _flags(source, "Glucose 11.2 mmol/L and HbA1c 7.8%.") == []
    assert ("measurement", "12.1 mmol/L") in _flags(source, "Glucose 12.1 mmol/L.")
    assert ("measurement", "8.7%") in _flags(source, "HbA1c 8.7% in March.")


def test_lab_value_written_only_for_something_else_is_flagged() -> None:
    # 140 is in the notes, but as a distance: platelets are 240.
    source = "Plt 240, Hb 98. Walked 140m."
    assert ("measurement", "140") in _flags(source, "Platelets 140.")
    assert _flags(source, "Platelets 240, walked 140 m.") == []


def test_earlier_value_written_after_the_same_analyte_is_supported() -> None:
    # "Na 131 (was 121 last week)": both numbers belong to sodium.
    assert _flags("Na 131 (was 121 last week).", "Sodium 121 last week.") == []


@pytest.mark.parametrize(
    ("source", "draft", "value"),
    [
        ("Na 131. Hb 121.", "Sodium 121.", "121"),
        ("Mg 0.6, PO4 0.7.", "Magnesium 0.7.", "0.7"),
    ],
)
def test_lab_value_given_for_another_analyte_is_flagged(
    source: str, draft: str, value: str
) -> None:
    assert ("measurement", value) in _flags(source, draft)


def test_lab_values_given_for_their_own_analytes_are_supported() -> None:
    assert _flags("Mg 0.6, PO4 0.7.", "Magnesium 0.6 and phosphate 0.7.") == []


# --- temperatures ------------------------------------------------------------


def test_temperature_in_fahrenheit_supports_the_same_reading_in_celsius() -> None:
    assert _flags("Temp 101.3°F at home.", "A fever of 38.5 °C at home.") == []


def test_temperature_not_matching_the_fahrenheit_reading_is_flagged() -> None:
    assert ("vital", "39.5 °C") in _flags("Temp 101.3°F at home.", "A fever of 39.5 °C at home.")


UNLABELLED = "Temp 37.2 on admission; fever max 39.1 overnight."


def test_unlabelled_temperature_in_the_notes_supports_the_reading() -> None:
    # The notes label 37.2 only; 39.1 is still a temperature reading.
    assert "vital" not in _kinds(UNLABELLED, "A fever of up to 39.1 °C overnight.")


def test_temperature_not_in_the_notes_is_flagged_beside_an_unlabelled_one() -> None:
    assert ("vital", "39.6 °C") in _flags(UNLABELLED, "A fever of up to 39.6 °C overnight.")


def test_whole_number_is_not_taken_for_an_unlabelled_temperature() -> None:
    source = "Temp 37.2 on admission. Age 39."
    assert _flags(source, "A temperature of 37.2 °C.") == []
    assert ("vital", "39 °C") in _flags(source, "A fever of 39 °C.")


# --- bare numbers ------------------------------------------------------------

DROP = "Systolic fell by 45 on standing."


def test_bare_number_not_in_the_notes_is_flagged() -> None:
    assert ("measurement", "35") in _flags(DROP, "Systolic fell by 35 on standing.")


def test_bare_number_written_in_the_notes_is_supported() -> None:
    assert _flags(DROP, "The systolic pressure fell by 45 on standing.") == []


# --- oxygen flows ------------------------------------------------------------

FLOW = "Sats 94% on 1L/min."


def test_flow_written_out_is_supported() -> None:
    assert _flags(FLOW, "Saturations 94% on 1 litre per minute.") == []


def test_different_flow_is_flagged_with_its_unit() -> None:
    assert ("measurement", "2 litres per minute") in _flags(
        FLOW, "Saturations 94% on 2 litres per minute."
    )


def test_flow_in_lpm_supports_the_same_flow_only() -> None:
    source = "On 15 lpm via NRB."
    assert _flags(source, "On 15 litres per minute.") == []
    assert ("measurement", "10 litres per minute") in _flags(source, "On 10 litres per minute.")


# --- unitless doses in medication lists -------------------------------------

MED_LIST = "Meds: aspirin 75 OD, ramipril 5mg OD."


def test_unitless_dose_in_a_med_list_supports_the_dose_with_its_unit() -> None:
    assert _flags(MED_LIST, "Aspirin 75 mg once daily.") == []


def test_dose_other_than_the_unitless_one_is_flagged() -> None:
    assert ("dose", "150 mg") in _flags(MED_LIST, "Aspirin 150 mg once daily.")


def test_unitless_dose_does_not_support_another_drug() -> None:
    assert ("dose", "75 mg") in _flags(MED_LIST, "Ramipril 75 mg once daily.")


# --- volumes the notes give as doses ----------------------------------------

# "1L ... IV" is a dose in the notes (given by a route); the draft's
# "1000 mL of fluid" is a measurement, supported by that dose.
FLUIDS = "Sodium chloride 0.9% 1L IV over 4h."


def test_volume_given_as_a_dose_supports_the_same_volume() -> None:
    assert _flags(FLUIDS, "1000 mL of fluid over four hours.") == []


def test_different_volume_is_flagged() -> None:
    assert ("measurement", "1500 mL") in _flags(FLUIDS, "1500 mL of fluid over four hours.")
