"""Values tied to the wrong thing: durations and sides the notes give for
another event, dose/frequency/route read from the wrong list item or regimen,
and the route vocabulary (nebulised, enteral tubes, intratympanic), plus a
postfix cue that is no negation ("NGT free drainage").

Every number or side in these drafts occurs somewhere in the notes, so only
the binding rules catch them.  Each rule has a pair: an unsupported draft
that must be flagged (kind and span text), and a faithful paraphrase that
must give no finding of that kind, so a test fails both when the rule is
removed and when it is applied too widely.
"""

from __future__ import annotations

from app.writing.sourcecheck import check_draft


def _flags(source: str, draft: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in check_draft(source, draft)]


def _kinds(source: str, draft: str) -> set[str]:
    return {kind for kind, _text in _flags(source, draft)}


# --- a duration the notes give for something else ---------------------------

COUGH = "Cough for 2/7. Started doxycycline, 5 day course."


def test_duration_of_the_course_given_for_the_symptom_is_flagged() -> None:
    assert ("duration", "five days") in _flags(COUGH, "Cough for five days.")


def test_durations_bound_to_their_own_events_are_supported() -> None:
    assert _flags(COUGH, "Cough for two days; doxycycline for five days.") == []


HEADACHE = "Headache 3 weeks. Sertraline for 6 months."


def test_duration_of_a_medication_given_for_a_symptom_is_flagged() -> None:
    assert ("duration", "six months") in _flags(HEADACHE, "Headache for six months.")


def test_symptom_and_medication_durations_are_supported() -> None:
    draft = "Headache for three weeks, on sertraline for six months."
    assert "duration" not in _kinds(HEADACHE, draft)


# --- a side the notes give for another event at the same site ---------------

KNEES = "L knee pain. R knee replaced 2019."


def test_side_of_another_event_at_the_same_site_is_flagged() -> None:
    draft = "Right knee pain; right knee replacement in 2019."
    assert ("laterality", "Right") in _flags(KNEES, draft)


def test_side_of_the_replacement_given_for_it_is_flagged() -> None:
    draft = "Left knee pain; left knee replacement in 2019."
    assert ("laterality", "left") in _flags(KNEES, draft)


def test_each_side_bound_to_its_own_event_is_supported() -> None:
    assert _flags(KNEES, "Left knee pain; right knee replacement in 2019.") == []


# --- list items of drugs the lexicon lacks ----------------------------------

BONE = "Alendronic acid 70mg weekly, Adcal-D3 1 tab BD."


def test_frequency_of_the_next_unlisted_item_is_not_the_previous_drugs() -> None:
    assert ("frequency", "twice daily") in _flags(BONE, "Alendronic acid 70 mg twice daily.")


def test_own_frequency_of_the_drug_before_an_unlisted_item_is_supported() -> None:
    assert _flags(BONE, "Alendronic acid 70 mg once weekly.") == []


def test_dose_of_the_next_unlisted_item_is_not_the_previous_drugs() -> None:
    assert ("dose", "one tablet") in _flags(BONE, "Alendronic acid one tablet once weekly.")


CALCIUM = "Ramipril 5mg OD, Adcal-D3 2 tabs daily."


def test_dose_of_an_unlisted_item_is_flagged_for_the_drug_before_it() -> None:
    assert ("dose", "2 tablets") in _flags(CALCIUM, "Ramipril 2 tablets daily.")


def test_doses_of_the_drug_and_the_unlisted_item_are_supported() -> None:
    assert _flags(CALCIUM, "Ramipril 5 mg once daily and Adcal-D3 2 tablets daily.") == []


def test_dose_of_an_unlisted_item_copied_word_for_word_is_flagged() -> None:
    assert ("dose", "2 tabs") in _flags(CALCIUM, "Ramipril 2 tabs daily.")


METFORMIN = "Metformin modified-release 500mg BD, Adcal-D3 1 tab OD."


def test_formulation_word_does_not_start_a_new_item() -> None:
    # "modified-release" joins metformin to its dose, so BD stays metformin's
    # and the OD of the next item does not support "once daily".
    assert _flags(METFORMIN, "Metformin 500 mg twice daily.") == []
    assert ("frequency", "once daily") in _flags(METFORMIN, "Metformin 500 mg once daily.")


# --- a route or frequency after a dose belongs to that dose's regimen -------

MESALAZINE = "Mesalazine 2.4g OD PO + 1g PR nocte."


def test_route_of_another_regimen_of_the_same_drug_is_flagged() -> None:
    assert ("route", "orally") in _flags(MESALAZINE, "Mesalazine 1 g orally at night.")


def test_frequency_of_another_regimen_of_the_same_drug_is_flagged() -> None:
    assert ("frequency", "at night") in _flags(MESALAZINE, "Mesalazine 2.4 g orally at night.")


def test_each_regimen_as_the_notes_give_it_is_supported() -> None:
    assert _flags(MESALAZINE, "Mesalazine 1 g rectally at night.") == []
    assert _flags(MESALAZINE, "Mesalazine 2.4 g orally once daily.") == []


# --- routes ------------------------------------------------------------------


def test_inhaled_does_not_support_nebulised() -> None:
    assert ("route", "nebulised") in _flags("Salbutamol 5mg inhaled.", "Salbutamol 5 mg nebulised.")


def test_nebulised_supports_inhaled_and_nebulised() -> None:
    source = "Salbutamol 5mg nebs."
    assert _flags(source, "Salbutamol 5 mg inhaled.") == []
    assert _flags(source, "Salbutamol 5 mg nebulised.") == []


def test_enteral_tube_route_is_flagged_when_the_notes_mention_no_tube() -> None:
    assert ("route", "via a nasogastric tube") in _flags(
        "Omeprazole 20mg OD PO.", "Omeprazole 20 mg daily via a nasogastric tube."
    )


def test_enteral_tube_route_is_supported_by_a_tube_in_the_notes() -> None:
    source = "NGT in situ. Omeprazole 20mg OD."
    assert _flags(source, "Omeprazole 20 mg daily via a nasogastric tube.") == []


def test_intratympanic_route_is_flagged_when_the_notes_give_another() -> None:
    assert ("route", "Intratympanic") in _flags("Dexamethasone IV.", "Intratympanic dexamethasone.")


def test_intratympanic_route_is_supported() -> None:
    source = "Dexamethasone intratympanic injection R ear."
    assert _flags(source, "Intratympanic dexamethasone to the right ear.") == []


# --- "free drainage" is no negation -----------------------------------------


def test_free_drainage_does_not_negate_the_tube() -> None:
    source = "NGT free drainage."
    assert "negation" not in _kinds(source, "NGT in situ on free drainage.")
    assert "negation" not in _kinds(source, "Nasogastric tube on free drainage.")


def test_postfix_free_still_negates_a_symptom() -> None:
    source = "CP free since admission."
    assert "negation" not in _kinds(source, "No chest pain since admission.")
    assert "negation" in _kinds(source, "Chest pain since admission.")
