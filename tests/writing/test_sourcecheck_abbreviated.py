"""Rules added after the ninth blind evaluation set: negations the notes
write in capitals or stumps ("no FTD", "no AVH", "perceptual abn", "calves
SNT"), and findings the notes both deny and state ("no other stones" beside
"5 mm stone"), where a draft's mention cannot be said to contradict them.

Each rule has a pair: a faithful draft that must not be flagged and an
unsupported one that must be, so a test fails both when the rule is removed
and when it is applied too widely.
"""

from __future__ import annotations

from app.writing.sourcecheck import check_draft
from app.writing.sourcecheck.acronyms import acronyms_in, spelt_out
from app.writing.sourcecheck.negation import content_words


def _negations(source: str, draft: str) -> list[str]:
    return [f.text for f in check_draft(source, draft) if f.kind.value == "negation"]


# --- capitalised abbreviations ------------------------------------------------

MSE = "MSE: good rapport. TF: no FTD. Perc: no AVH. Sexual SEs: none reported."


def test_only_capitals_are_read_as_acronyms() -> None:
    assert acronyms_in("no FTD, it was fine, no SEs, me") == {"ftd", "se"}


def test_an_acronym_spells_out_a_run_of_words_in_the_sentence() -> None:
    draft = "No auditory or visual hallucinations. Auditory processing intact."
    start = draft.index("auditory")
    assert spelt_out(draft, start, start + 8, frozenset({"avh"})) == set(
        content_words("auditory visual hallucinations")
    )
    later = draft.index("Auditory processing")
    assert spelt_out(draft, later, later + 8, frozenset({"avh"})) == frozenset()


def test_denials_the_notes_abbreviate_are_supported() -> None:
    draft = ("No formal thought disorder. No auditory or visual hallucinations. "
             "She reports no sexual side effects.")
    assert _negations(MSE, draft) == []


def test_a_denial_the_acronyms_do_not_spell_is_flagged() -> None:
    draft = "No formal thought disorder. No delusions of persecution."
    assert _negations(MSE, draft) == ["delusions of persecution"]


def test_a_three_letter_stump_under_a_cue_names_the_finding() -> None:
    source = "MSE: no perceptual abn, insight good."
    assert _negations(source, "No perceptual abnormalities; good insight.") == []
    assert _negations(source, "No perceptual disturbance or paranoia; good insight.") != []


def test_non_tender_written_nt_or_snt_is_supported() -> None:
    source = "Abdo soft NT. Calves SNT."
    draft = "Abdomen soft and non-tender; calves soft and non-tender."
    assert _negations(source, draft) == []
    assert _negations("Abdo soft, tender RIF.", "Abdomen soft and non-tender.") == [
        "non-tender"
    ]


# --- findings both denied and stated ----------------------------------------

def test_no_other_x_does_not_deny_the_x_the_notes_record() -> None:
    source = "CT KUB: 5mm calculus L VUJ, mild hydro, no other stones."
    assert _negations(source, "A 5 mm stone was seen at the left VUJ.") == []
    assert _negations("CT KUB: no stones, no hydro.", "A stone was seen on CT.") == ["stone"]


def test_a_finding_the_notes_also_state_is_not_a_contradiction() -> None:
    source = "No weight loss. Weight today 72kg."
    assert _negations(source, "Her weight today was 72 kg.") == []
    assert _negations("No weight loss. BMI 24.", "She reports weight loss.") == ["weight loss"]


def test_a_conditional_mention_in_the_notes_does_not_state_the_finding() -> None:
    source = "No fever. Return if fever develops."
    assert _negations(source, "She reports fever.") == ["fever"]


# --- a result's name past a result noun ---------------------------------------

def test_a_score_is_read_under_the_name_before_score() -> None:
    source = "Self-harm (cutting) age 16. PHQ-9: 19."
    assert [f.text for f in check_draft(source, "PHQ-9 score: 16.")] == ["16"]
    assert check_draft(source, "PHQ-9 score: 19.") == []


# --- another form of the word the notes deny ----------------------------------

def test_a_denied_finding_in_another_form_is_a_contradiction() -> None:
    source = "No falls. Denies syncope. No shoulder tip pain. Seizure: no buccal midaz needed."
    assert _negations(source, "She reports a brief syncopal episode.") == ["syncopal"]
    assert _negations(source, "She reports shoulder-tip pain.") == ["shoulder-tip pain"]
    assert _negations(source, "Staff needed her buccal midazolam.") == ["buccal midazolam"]
    assert _negations(source, "No falls or syncope; buccal midazolam was not needed.") == []


def test_a_draft_word_the_notes_shorten_is_not_matched_backwards() -> None:
    """"with" is not the notes' "withdrawal" written short."""
    source = "No withdrawal sx. Lives with sister."
    assert _negations(source, "He lives with his sister.") == []


# --- a draft's "not" ------------------------------------------------------------

def test_a_finding_the_draft_says_did_not_happen_needs_the_notes_to_say_so() -> None:
    source = "GTCS x1 12/10, tongue bite. Post-ictal 20 min. No incontinence."
    assert _negations(source, "She did not bite her tongue.") != []
    assert _negations(source, "She was not incontinent. She bit her tongue.") == []


# --- counts of days in a week -------------------------------------------------

def test_days_a_week_is_a_frequency_compared_with_the_notes() -> None:
    source = "Back at TAFE 2 days/wk. Drove on motorway x3 this wk. EtOH 2-3 std x2 nights/wk."
    faithful = ("He is back at TAFE two days a week and drove on the motorway three times "
                "this week. He drinks 2 to 3 standard drinks on two nights a week.")
    assert check_draft(source, faithful) == []
    changed = faithful.replace("two days a week", "four days a week")
    assert [f.text for f in check_draft(source, changed)] == ["four days a week"]


def test_a_frequency_the_notes_give_for_another_activity_is_flagged() -> None:
    source = "Panic attacks: 2 this wk (vs daily at intake). HW: supermarket exposure x3 this wk."
    assert [f.text for f in check_draft(
        source, "Homework is supermarket exposure daily this week.")] == ["daily"]
    assert check_draft(source, "Homework is supermarket exposure three times this week.") == []
    # a drug's frequency is checked against that drug's own, not by context
    assert check_draft("Paracetamol 1g QDS prn. Obs 4hrly.",
                       "Paracetamol 1 g four times a day as needed.") == []


# --- injection sites ------------------------------------------------------------

def test_an_injection_side_is_compared_by_its_site() -> None:
    source = "Hep A (Havrix) - L deltoid\nTyphoid (Typhim Vi) - R deltoid\nInsulin: lipo L abdo"
    faithful = ("Hepatitis A (Havrix) in your left upper arm. Typhoid (Typhim Vi) in your right "
                "upper arm.")
    assert check_draft(source, faithful) == []
    swapped = faithful.replace("left upper arm", "right upper arm")
    assert [f.text for f in check_draft(source, swapped)] == ["right"]


# --- cut-offs -------------------------------------------------------------------

def test_a_number_the_notes_give_only_as_a_cut_off_is_not_a_result() -> None:
    source = "DAS28-ESR 5.8. Plan: if DAS28 still >5.1 next visit -> biologic. Na 131 -> 137."
    assert [f.text for f in check_draft(source, "Her DAS28-ESR is 5.1.")] == ["5.1"]
    assert check_draft(source, "Her DAS28-ESR is 5.8; a biologic if it stays above 5.1.") == []
    assert check_draft(source, "A biologic if the DAS28 is still 5.1 or more.") == []
    assert check_draft(source, "Sodium rose from 131 to 137.") == []


# --- routes -----------------------------------------------------------------------

def test_a_route_before_a_drug_is_that_drugs() -> None:
    source = "Salbutamol 5mg neb QID, ipratropium neb 500mcg QID, IV amoxicillin 1g q8h."
    draft = ("Nebulised salbutamol 5 mg four times a day, nebulised ipratropium 500 micrograms "
             "four times a day and IV amoxicillin 1 g every 8 hours.")
    assert check_draft(source, draft) == []
    assert [f.text for f in check_draft(source, draft.replace("IV amox", "oral amox"))] == [
        "oral"
    ]


def test_a_route_the_notes_give_another_drug_is_not_this_drugs() -> None:
    source = "Paracetamol 1g PO QDS. Metformin 1g BD."
    assert [f.text for f in check_draft(
        source, "Paracetamol 1 g by mouth four times a day; metformin 1 g by mouth twice a day."
    )] == ["by mouth"]


def test_a_capital_p_in_the_observations_is_the_pulse() -> None:
    source = "O/E: BP 132/84, P 92, T 36.9. SFH 38cm, FHR 140 reactive CTG. G2P1."
    assert check_draft(source, "Blood pressure 132/84, pulse 92, temperature 36.9 °C.") == []
    assert [f.text for f in check_draft(source, "Blood pressure 132/84, pulse 140.")] == [
        "pulse 140"
    ]


def test_shorthand_results_and_monthly_counts_are_compared() -> None:
    source = ("Chol 4.6, LDL 2.4. Home pulse ox 91% (usual 93-94%). "
              "Sumatriptan 50mg ~6 d/mth.")
    faithful = ("Cholesterol 4.6 and LDL 2.4. Home pulse oximetry 91% (usual 93-94%). "
                "Sumatriptan 50 mg on about 6 days a month.")
    assert check_draft(source, faithful) == []
    changed = (faithful.replace("Cholesterol 4.6", "Cholesterol 2.4")
               .replace("oximetry 91%", "oximetry 94%").replace("6 days a month", "8 days a month"))
    assert [f.text for f in check_draft(source, changed)] == [
        "2.4", "pulse oximetry 94", "8 days a month"
    ]


def test_a_named_result_in_another_unit_is_flagged() -> None:
    source = "Labs 01/20/2026: LDL 118 mg/dL, HDL 38, Cr 0.9."
    assert check_draft(source, "LDL 118 mg/dL, HDL 38 and creatinine 0.9.") == []
    assert check_draft(source, "LDL 118, HDL 38 mg/dL.") == []
    assert [f.text for f in check_draft(source, "LDL 118 mmol/L, HDL 38.")] == ["118 mmol/L"]


def test_drug_screens_and_dipsticks_as_notes_write_them() -> None:
    source = ("UDS 29/01: +ve BZD, +ve methadone, -ve opiates, -ve cocaine. "
              "UA neg for leuks/nitrites.")
    faithful = ("The urine drug screen was positive for benzodiazepines and methadone and negative "
                "for opiates and cocaine. Urinalysis was negative for leukocytes and nitrites.")
    assert _negations(source, faithful) == []
    assert _negations(source, "The urine drug screen was positive for cocaine.") == ["cocaine"]


def test_a_participle_is_read_with_its_subject() -> None:
    source = "Cholangiogram not done. No bile spillage."
    assert _negations(source, "Cholangiogram was not performed; no bile spillage.") == []
    assert _negations(source, "A drain was not inserted.") != []


def test_times_weekly_and_interval_ranges_are_frequencies() -> None:
    source = "Coban 2 - change 2x wkly (Tues/Fri). Incr methadone by 5ml q4-5 days to 70ml."
    faithful = ("Dressings are changed twice weekly. Increase methadone by 5 ml every four to "
                "five days to 70 ml.")
    assert [f for f in check_draft(source, faithful) if f.kind.value == "frequency"] == []
    changed = (faithful.replace("twice weekly", "three times weekly")
               .replace("four to five days", "two to three days"))
    assert [f.text for f in check_draft(source, changed) if f.kind.value == "frequency"] == [
        "three times weekly", "every two to three days"
    ]


def test_pr_before_a_rate_is_the_pulse_but_not_before_a_dose() -> None:
    source = "BP 138/86, PR 88/min. Diclofenac PR 100mg."
    assert check_draft(source, "Blood pressure 138/86, pulse 88. Diclofenac 100 mg rectally.") == []
    assert [f.text for f in check_draft(source, "Blood pressure 138/86, pulse 68.")] == [
        "pulse 68"
    ]


def test_continent_and_aches_as_notes_and_drafts_word_them() -> None:
    source = "Swallow passed. Continent. Denies muscle pain, no diarrhoea."
    assert _negations(source, "He is continent. He has no muscle aches or diarrhoea.") == []
    assert _negations(source, "He is incontinent of urine.") == ["incontinent"]
    assert _negations(source, "He reports some muscle aches.") == ["muscle aches"]


# --- dates ---------------------------------------------------------------------------

def test_a_month_alone_does_not_support_a_day() -> None:
    source = "Snoring worse since Xmas, wife noticed apnoeas in Jan. HSAT 2026-01-28: AHI 42/h."
    assert check_draft(source, "A home sleep test on 28 January 2026 showed an AHI of 42.") == []
    assert [f.text for f in check_draft(
        source, "A home sleep test on January 18, 2026 showed an AHI of 42.")] == [
        "January 18, 2026"
    ]


def test_dates_written_with_month_abbreviations_and_slashes() -> None:
    source = "Date: 03-Mar-2026. Labs 15-Dec-25: Hb 8.6. Phone f/u 2025/01/27 0945."
    faithful = ("Seen on 3 March 2026. Haemoglobin 8.6 on 15 December 2025. Telephone "
                "follow-up on 27 January 2025 at 09:45.")
    assert check_draft(source, faithful) == []


# --- sides named by their organ ------------------------------------------------

def test_eye_sides_written_od_os_ou_in_eye_notes() -> None:
    source = "nAMD OD. VA cc OD 20/60; OS 20/30. Aflibercept 2 mg intravitreal OD today."
    faithful = ("Wet AMD in the right eye; vision 20/60 right and 20/30 left. Aflibercept 2 mg "
                "intravitreal to the right eye today.")
    assert [f for f in check_draft(source, faithful) if f.kind.value == "laterality"] == []
    swapped = faithful.replace("to the right eye", "to the left eye")
    assert [f.text for f in check_draft(source, swapped) if f.kind.value == "laterality"] == [
        "left"
    ]
    # outside eye notes OD is once daily
    assert [f.text for f in check_draft("Amlodipine 5mg OD.", "Right eye: amlodipine 5 mg.")
            if f.kind.value == "laterality"] == ["Right"]


def test_a_side_bound_to_hearing_is_the_ear() -> None:
    source = "Sudden R hearing loss, R tinnitus. Weber -> L."
    assert [f for f in check_draft(source, "Sudden hearing loss in the right ear with tinnitus.")
            if f.kind.value == "laterality"] == []
    assert [f.text for f in check_draft(source, "Sudden hearing loss in the left ear.")
            if f.kind.value == "laterality"] == ["left"]


def test_wkly_is_weekly() -> None:
    source = "MTX 15mg PO once wkly (Fri) + folic acid 5mg once wkly. EPO 4000 IU s/c twice wkly."
    faithful = ("Methotrexate 15 mg orally once weekly, folic acid 5 mg once weekly and "
                "erythropoietin 4000 units subcutaneously twice weekly.")
    assert [f for f in check_draft(source, faithful) if f.kind.value == "frequency"] == []


def test_a_finding_under_a_negation_inside_the_mention_is_sheltered() -> None:
    source = "Fundal height 24cm. Calves SNT."
    assert _negations(source, "Calves soft and non-tender.") == []
    assert _negations(source, "Calves tender on palpation.") != []


def test_plain_language_routes_and_decimal_dimensions() -> None:
    source = "Galcanezumab 240mg SC loading then 120mg SC monthly. Ulcer 2.4 x 1.8 cm today."
    faithful = ("Galcanezumab 240 mg injected under the skin, then 120 mg under the skin monthly. "
                "The ulcer measures 2.4 x 1.8 cm today.")
    assert check_draft(source, faithful) == []
    changed = (faithful.replace("240 mg injected under the skin", "240 mg injected into a muscle")
               .replace("2.4 x 1.8 cm", "2.4 x 1.6 cm"))
    assert [f.text for f in check_draft(source, changed)] == ["into a muscle", "2.4 x 1.6 cm"]


def test_hours_written_with_h_and_sides_closed_by_a_bracket() -> None:
    source = ("Obs 03h00 HR 128, 07h00 HR 114. Burns: R) dorsal hand, R) cheek. "
              "SSG R) hand (donor L) thigh).")
    faithful = ("Heart rate 128 at 03:00 and 114 at 07:00. Burns to the right hand and right "
                "cheek; graft to the right hand from a left thigh donor site.")
    assert check_draft(source, faithful) == []
    changed = faithful.replace("114 at 07:00", "114 at 08:00").replace("left thigh", "right thigh")
    assert [f.text for f in check_draft(source, changed)] == ["08:00", "right"]


def test_regimen_and_drug_abbreviations_name_their_drugs() -> None:
    source = "ART: TLD 1 tab od. TB: RHZE 4 tabs daily. Graves: CMZ 20mg od. Rh neg, anti-D given."
    faithful = ("Tenofovir, lamivudine and dolutegravir one tablet daily; rifampicin, isoniazid, "
                "pyrazinamide and ethambutol four tablets daily; carbimazole 20 mg daily.")
    assert [f for f in check_draft(source, faithful) if f.kind.value == "medication"] == []
    assert [f.text for f in check_draft(source, "Propylthiouracil 100 mg daily.")
            if f.kind.value == "medication"] == ["Propylthiouracil"]


def test_a_letter_s_plain_words_for_a_denied_finding() -> None:
    source = "Cough much improved, no haemoptysis. Denies syncope."
    assert _negations(source, "You have not coughed up any blood. You have not fainted.") == []
    assert _negations(source, "You have coughed up a little blood.") == [
        "coughed up a little blood"
    ]
