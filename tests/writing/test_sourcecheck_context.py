"""Rules added after the fifth to seventh blind evaluation sets: times and
dates bound to their events, numeric dates read in the notes' own order,
products the drug lexicon lacks, shortened drug names, dose rates, vital
signs from a bare run of observations, and negations written the way notes
write them ("Hypos? none", "JVP not raised", "MgSO4 not given").

Each rule has a pair: an unsupported draft that must be flagged and a
faithful paraphrase that must not be, so a test fails both when the rule is
removed and when it is applied too widely.
"""

from __future__ import annotations

import pytest

from app.writing.sourcecheck import check_draft


def _flags(source: str, draft: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in check_draft(source, draft)]


def _kinds(source: str, draft: str) -> set[str]:
    return {kind for kind, _text in _flags(source, draft)}


# --- times and dates bound to their events ------------------------------------

TRAUMA = "Collision with car 16:05. TXA 1g IM 16:31. Arrived ED 16:52."


def test_the_time_of_another_event_is_flagged() -> None:
    draft = "Tranexamic acid 1 g intramuscularly at 16:05."
    assert ("time", "16:05") in _flags(TRAUMA, draft)


def test_times_bound_to_their_own_events_are_supported() -> None:
    draft = "Hit by a car at 16:05; tranexamic acid 1 g intramuscularly at 16:31."
    assert "time" not in _kinds(TRAUMA, draft)


ECHO = "Clinic 03.02.2026. Echo 27/01/2026: EF 55%. CT head 14/01/2026 normal."


def test_the_date_of_another_investigation_is_flagged() -> None:
    assert ("date", "14 January 2026") in _flags(ECHO, "Echo on 14 January 2026 showed EF 55%.")


def test_dates_bound_to_their_own_investigations_are_supported() -> None:
    draft = "Seen in clinic on 3 February 2026. Echo on 27 January 2026 showed EF 55%."
    assert "date" not in _kinds(ECHO, draft)


def test_a_numeric_date_is_read_in_the_notes_own_order() -> None:
    source = "Clinic 28.01.2026. Last seizure 12/10/25."
    draft = "Her last seizure was on 10 December 2025."
    assert ("date", "10 December 2025") in _flags(source, draft)
    assert "date" not in _kinds(source, "Her last seizure was on 12 October 2025.")


def test_a_month_and_year_support_no_other_month_of_that_year() -> None:
    source = "Renal transplant Aug 2023."
    dates = [text for kind, text in _flags(source, "Transplant in April 2023.") if kind == "date"]
    assert any("April 2023" in text for text in dates), dates
    assert "date" not in _kinds(source, "Transplant in August 2023.")


# --- products the lexicon lacks, shortened names, rates -----------------------

ELECTROLYTES = "Sando-K 2 tabs BD x 3/7. Thiamine 100mg TDS."


def test_the_frequency_of_an_unlisted_product_is_its_own() -> None:
    assert ("frequency", "three times daily") in _flags(
        ELECTROLYTES, "Sando-K two tablets three times daily.")
    assert "frequency" not in _kinds(ELECTROLYTES, "Sando-K two tablets twice daily.")


def test_a_shortened_drug_name_in_the_notes_names_the_drug() -> None:
    source = "Vanc 1g IV BD, gent 5mg/kg OD."
    assert "medication" not in _kinds(source, "Vancomycin 1 g IV twice daily and gentamicin.")
    assert ("medication", "meropenem") in _flags(source, "Started meropenem.")


def test_a_dose_rate_is_compared_per_hour() -> None:
    source = "Fentanyl 50mcg/hr."
    assert ("dose", "50 mg/hour") in _flags(source, "Fentanyl 50 mg/hour.")
    assert "dose" not in _kinds(source, "Fentanyl 50 micrograms per hour.")


# --- vital signs without their names -----------------------------------------

OBS = "74M. Obs 37.9 112 22 94% 98/60."


def test_an_unlabelled_reading_supports_a_named_vital_sign() -> None:
    assert "vital" not in _kinds(OBS, "Heart rate 112, respiratory rate 22.")


def test_the_age_does_not_support_a_heart_rate() -> None:
    assert ("vital", "Heart rate 74") in _flags(OBS, "Heart rate 74.")


# --- negations as notes write them --------------------------------------------

@pytest.mark.parametrize(
    ("source", "draft", "flagged"),
    [
        ("Hypos? none reported.", "He reports hypoglycaemic episodes.", "hypoglycaemic"),
        ("?LOC - witness says no.", "She briefly lost consciousness.", "lost consciousness"),
        ("Chest clear, JVP not raised.", "Chest clear but JVP raised.", "JVP raised"),
        ("Migraine w/o aura.", "She has migraine with aura.", "aura"),
        ("McMurray neg.", "McMurray positive.", "McMurray"),
    ],
)
def test_a_finding_the_notes_answer_no_to_is_flagged_when_asserted(
    source: str, draft: str, flagged: str
) -> None:
    negations = [text for kind, text in _flags(source, draft) if kind == "negation"]
    assert any(flagged in text for text in negations), negations


def test_a_treatment_stated_as_not_given_must_be_absent_in_the_notes() -> None:
    source = "Betamethasone x2 complete, MgSO4 given."
    assert "negation" in _kinds(source, "Magnesium sulphate not given.")
    assert "negation" not in _kinds("No magnesium sulphate.", "Magnesium sulphate not given.")


def test_advice_to_return_with_a_symptom_asserts_nothing() -> None:
    assert "negation" not in _kinds("No fever.", "Return immediately with fever or bleeding.")


# --- a value and the word that names it ---------------------------------------

CBT = "GAD-7 13 (18 at s1). WSAS 21. Flex 95 deg (92 deg at s3)."


def test_a_value_the_notes_give_under_another_label_is_flagged() -> None:
    assert ("measurement", "19") in _flags(CBT, "Her WSAS was 19.")
    assert ("measurement", "110 degrees") in _flags(CBT, "Knee flexion 110 degrees.")


def test_a_value_the_notes_give_under_its_own_label_is_supported() -> None:
    draft = "WSAS 21; knee flexion 95 degrees (92 degrees at session 3)."
    assert "measurement" not in _kinds(CBT, draft)
