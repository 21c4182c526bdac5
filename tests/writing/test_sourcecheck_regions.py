"""Rules added after the twelfth to sixteenth blind evaluation sets: routes,
products and doses written in other ways, weights, acuities, dates and clock
times read more carefully, sides for the exact site, clinical and plain words
for what the notes deny, and changes the notes record where a draft says
"no change".

Each rule has a pair: a faithful draft that must not be flagged and an
unsupported one that must be, so a test fails both when the rule is removed
and when it is applied too widely.
"""

from __future__ import annotations

from app.writing.sourcecheck import check_draft
from app.writing.sourcecheck.clinical import routes


def _flagged(source: str, draft: str, kind: str) -> list[str]:
    return [f.text for f in check_draft(source, draft) if f.kind.value == kind]


def test_vaginal_routes_are_read_but_not_vaginal_findings() -> None:
    text = "Vagifem 10mcg PV nightly. Given vaginally. PV bleeding. Vaginal discharge."
    assert [f.text for f in routes(text)] == ["vaginally", "PV"]


HRT = "Utrogestan 100mg oral nightly. Vagifem 10mcg PV nightly x 2/52."


def test_a_route_is_compared_with_the_product_before_a_colon() -> None:
    faithful = "- Utrogestan: 100 mg by mouth every night.\n- Vagifem: 10 micrograms vaginally."
    assert _flagged(HRT, faithful, "route") == []
    wrong = "- Utrogestan: 100 mg vaginally every night.\n- Vagifem: 10 micrograms vaginally."
    assert _flagged(HRT, wrong, "route") == ["vaginally"]


OVERDOSE = "Wt 54 -> 296 mg/kg. ALT 22, INR 1.0, Cr 64."


def test_a_weight_needs_its_number_after_a_weight_word() -> None:
    assert _flagged(OVERDOSE, "At a weight of 54 kg this is 296 mg/kg.", "vital") == []
    assert _flagged(OVERDOSE, "At a weight of 64 kg this is 296 mg/kg.", "vital") == ["64 kg"]


ANGIO = "CP radiating to L arm. Cath lab 04/03: 95% prox LAD -> DES x1. R radial."


def test_a_side_for_the_exact_site_outranks_the_limb_around_it() -> None:
    faithful = "Chest pain radiating to the left arm. Angiography via the right radial artery."
    assert _flagged(ANGIO, faithful, "laterality") == []
    wrong = "Chest pain radiating to the left arm. Angiography via the left radial artery."
    assert _flagged(ANGIO, wrong, "laterality") == ["left"]


def test_a_part_of_the_organ_still_supports_its_side() -> None:
    source = "CTKUB: 4mm calculus L VUJ, mild hydronephrosis L. R kidney normal."
    draft = "A stone where the ureter enters the bladder, with swelling of the left kidney."
    assert _flagged(source, draft, "laterality") == []


BLEED = "Since: nil further haematemesis. Denies abdo pain. No emesis. Knee: no warmth."


def test_parts_of_the_abdomen_and_plain_words_share_the_notes_denials() -> None:
    faithful = "No epigastric pain. He has not vomited. The knee is not warm."
    assert _flagged(BLEED, faithful, "negation") == []
    wrong = "He reports mild epigastric pain and has vomited twice; the knee feels warm."
    assert _flagged(BLEED, wrong, "negation") == ["epigastric pain", "vomited", "warm"]


def test_a_finding_the_notes_call_excluded_is_not_present() -> None:
    source = "LP 04/11: WCC 2, cx -ve -> meningitis excluded. Hearing screen passed."
    assert _flagged(source, "The lumbar puncture showed no meningitis.", "negation") == []
    wrong = "The lumbar puncture showed signs of meningitis."
    assert _flagged(source, wrong, "negation") == ["meningitis"]


def test_a_label_before_no_is_a_question_only_when_no_ends_the_answer() -> None:
    source = "Knee: no warmth. Dissociation: none noted. Falls? No falls."
    faithful = "The knee is not warm. No dissociation was noted. He has had no falls."
    assert _flagged(source, faithful, "negation") == []
    wrong = "Some dissociation was noted. He has had a recent fall."
    assert _flagged(source, wrong, "negation") == ["dissociation", "fall"]


def test_a_named_score_is_not_read_from_a_date_after_it() -> None:
    source = "O: PHQ-9 14 (was 19 on 12/02). Apgar 9/10 @1, 10/10 @5."
    faithful = "PHQ-9 14 (19 on 12 February). Apgar scores 9 and 10."
    assert _flagged(source, faithful, "measurement") == []
    assert _flagged(source, "PHQ-9 12 (19 on 12 February).", "measurement") == ["12"]


def test_x_1_before_a_unit_of_time_is_a_course_not_a_single_dose() -> None:
    source = "P: incr furosemide to 40mg bd x 1 wk then review. Ankle swelling last 2 wks."
    faithful = "Increase furosemide to 40 mg twice daily for one week, then review."
    assert _flagged(source, faithful, "duration") == []
    wrong = "Increase furosemide to 40 mg twice daily for two weeks, then review."
    assert _flagged(source, wrong, "duration") == ["two weeks"]


def test_no_change_is_flagged_where_the_notes_record_a_change() -> None:
    source = "Appetite decr at lunch, eats big supper. No saddle anaesthesia, no change bladder."
    faithful = "His appetite is reduced at lunch. No change in bladder function."
    assert _flagged(source, faithful, "negation") == []
    wrong = "No change in appetite; he eats a big supper. No change in bladder function."
    assert _flagged(source, wrong, "negation") == ["No change in appetite"]


def test_a_dash_ends_what_a_negation_covers() -> None:
    source = "Intra-op hypotension. Not transfused - resuscitated w/ crystalloid 3.5L."
    assert _flagged(source, "He was resuscitated with crystalloid.", "negation") == []
    assert _flagged(source, "He was transfused two units of blood.", "negation") == ["transfused"]


def test_abbreviated_symptom_pairs_are_denials_of_each() -> None:
    source = "Runny nose. No V/D, no rash. Prev GA: lap chole 2012 - uneventful, no PONV."
    faithful = "No vomiting or diarrhoea. No postoperative nausea and vomiting."
    assert _flagged(source, faithful, "negation") == []
    wrong = "She vomited once. It was complicated by postoperative nausea and vomiting."
    flagged = _flagged(source, wrong, "negation")
    assert {"vomited", "postoperative nausea and vomiting"} <= set(flagged)


def test_what_a_parent_was_taught_to_watch_for_is_not_a_finding() -> None:
    source = "R forearm: no pus. Mother taught signs of infection (fever, pus, bad smell)."
    assert _flagged(source, "Right forearm: no pus.", "negation") == []
    assert _flagged(source, "Right forearm: a small amount of pus.", "negation") == ["pus"]


def test_a_decimal_dose_in_micrograms_is_no_clock_time() -> None:
    source = "Calcitriol 0.25mcg BD. Ca carbonate 1g TDS."
    assert _flagged(source, "Calcitriol 0.25 mcg twice daily.", "time") == []
    assert _flagged(source, "Calcitriol 0.5 mcg twice daily.", "dose") == ["0.5 mcg"]


def test_an_amount_written_before_of_and_a_drug_is_its_dose() -> None:
    source = "LA: lidocaine 1% 3ml. Implant inserted L arm."
    assert _flagged(source, "We numbed the skin with 3 ml of 1% lidocaine.", "dose") == []
    assert _flagged(source, "We numbed the skin with 5 ml of 1% lidocaine.", "dose") == ["5 ml"]


def test_a_snellen_fraction_near_the_eyes_is_an_acuity_not_a_date() -> None:
    source = "VA (glasses): 6/6 R, 6/9 L. Seen 12/06."
    faithful = "With glasses, vision was 6/6 in the right eye and 6/9 in the left."
    assert _flagged(source, faithful, "measurement") == []
    wrong = "With glasses, vision was 6/6 in the right eye and 6/12 in the left."
    assert _flagged(source, wrong, "measurement") == ["6/12"]


def test_dimensions_written_with_a_multiplication_sign_are_a_pair() -> None:
    source = "Erythema receding, now 12 x 8cm (was 18 x 11cm on adm)."
    faithful = "Now measures 12 × 8 cm (18 × 11 cm on admission)."
    assert _flagged(source, faithful, "measurement") == []
    wrong = "Now measures 10 × 8 cm (18 × 11 cm on admission)."
    assert _flagged(source, wrong, "measurement") == ["10 × 8 cm"]


def test_a_numeric_date_copied_with_day_and_month_swapped_is_flagged() -> None:
    source = "s/p laparoscopic sleeve gastrectomy 10/09/2024. Seen 11/06/2025."
    faithful = "Sleeve gastrectomy on 10/09/2024; seen on 11 June 2025."
    assert _flagged(source, faithful, "date") == []
    assert _flagged(source, "Sleeve gastrectomy on 09/10/2024.", "date") == ["09/10/2024"]


def test_a_pain_score_out_of_ten_after_from_is_no_date() -> None:
    source = "Pain 3/10 (from 7/10). Reviewed 03/10."
    assert _flagged(source, "Pain is 3/10, down from 7/10.", "date") == []


def test_a_plain_oxygen_level_is_a_saturation() -> None:
    source = "On adm: SpO2 89%, PEFR 33% pred. PEFR at d/c 360 (best 420 -> 86%)."
    assert _flagged(source, "Your oxygen level was low at 89%.", "vital") == []
    wrong = "Your oxygen level was low at 86%."
    assert _flagged(source, wrong, "vital") == ["oxygen level was low at 86"]


def test_a_semicolon_going_on_with_now_keeps_the_drug() -> None:
    source = "pantoprazole 80mg IV bolus given, now 40mg IV q12h. Thiamine 500mg IV TID."
    faithful = "Pantoprazole 80 mg IV bolus given; now 40 mg IV every 12 hours."
    assert _flagged(source, faithful, "frequency") == []
    wrong = "Pantoprazole 80 mg IV bolus given; now 40 mg IV every 8 hours."
    assert _flagged(source, wrong, "frequency") == ["every 8 hours"]


def test_under_the_tongue_is_sublingual() -> None:
    source = "Ondansetron 4mg PO PRN. GTN 400mcg SL PRN."
    assert _flagged(source, "GTN 400 micrograms under the tongue when needed.", "route") == []
    wrong = "Ondansetron 4 mg under the tongue when needed."
    assert _flagged(source, wrong, "route") == ["under the tongue"]


def test_a_ph_is_no_clock_time_and_a_table_header_lends_its_rows() -> None:
    source = "ABGs:\n        pH    pCO2  pO2\n 07/7   7.24  82    58\n"
    assert _flagged(source, "On 7 July: pH 7.24, pCO2 82, pO2 58.", "measurement") == []
    assert _flagged(source, "On 7 July: pH 7.24, pCO2 82, pO2 58.", "time") == []


def test_more_clinical_words_for_what_the_notes_deny() -> None:
    source = ("CXR: no consolidation, no PTX. No diplopia. CBD 5mm not dilated. "
              "Ascitic fluid cx NGTD.")
    faithful = ("The X-ray showed no pneumothorax. No double vision. The bile duct was not "
                "widened. Culture has shown no growth to date.")
    assert _flagged(source, faithful, "negation") == []
    assert _flagged(source, "The X-ray showed a small pneumothorax.", "negation") == [
        "pneumothorax"]


def test_a_limit_is_not_a_denial_and_a_state_word_ends_the_list() -> None:
    source = "Paracetamol 1g QDS PRN (max 4g/24h). Neuro: no focal deficit, PEARL, neck supple."
    draft = ("Paracetamol 1 g up to four times a day (no more than 4 g in 24 hours). No focal "
             "neurological signs, equal and reactive pupils and a supple neck.")
    assert _flagged(source, draft, "negation") == []


def test_a_one_digit_respiratory_rate_and_a_sign_that_improved_to_a_value() -> None:
    source = ("Found ~11:20 unresponsive, RR 6, pinpoint, SpO2 78%. "
              "Post-decompression SpO2 97%, HR 92.")
    faithful = "Respiratory rate of 6 and SpO2 78%. SpO2 improved to 97% and heart rate to 92."
    assert _flagged(source, faithful, "vital") == []
    wrong = "Respiratory rate of 8 and SpO2 78%. SpO2 improved to 97% and heart rate to 84."
    assert _flagged(source, wrong, "vital") == ["Respiratory rate of 8", "heart rate to 84"]


def test_values_after_a_named_score_belong_to_it() -> None:
    source = "GAD-7: 16 → 9 today. f/u 4/52. script 1/12."
    assert _flagged(source, "Her GAD-7 has fallen from 16 to 9 today.", "measurement") == []
    wrong = "Her GAD-7 has fallen from 16 to 12 today."
    assert _flagged(source, wrong, "measurement") == ["12"]


def test_a_hyphenated_frequency_is_read() -> None:
    source = "HW: daily interoceptive practice 15 min."
    assert _flagged(source, "Homework: daily practice for 15 minutes.", "frequency") == []
    wrong = "Homework: twice-daily practice for 15 minutes."
    assert _flagged(source, wrong, "frequency") == ["twice-daily"]


def test_ear_discharge_and_an_enlarged_spleen_have_their_clinical_words() -> None:
    source = "No vertigo, no otalgia, no otorrhea. Abdo: no HSM."
    faithful = "No vertigo, ear pain or ear discharge. No splenomegaly."
    assert _flagged(source, faithful, "negation") == []
    assert _flagged(source, "He reports ear discharge.", "negation") == ["ear discharge"]


def test_when_a_denial_was_reported_is_not_part_of_what_is_denied() -> None:
    source = "No chest pain reported earlier per wife. Low mood at times, no anxiety."
    faithful = "He did not report chest pain. Her mood is low at times; she is not anxious."
    assert _flagged(source, faithful, "negation") == []
    wrong = "He complained of chest pain. Her mood is low and she has been feeling anxious."
    assert _flagged(source, wrong, "negation") == ["chest pain", "anxious"]


def test_british_sulphate_is_the_lexicon_s_sulfate() -> None:
    source = "Plan: ferrous sulfate 200mg OD, recheck Hb 4/52."
    assert _flagged(source, "Take ferrous sulphate 200 mg once a day.", "medication") == []
    assert _flagged(source, "Take magnesium sulphate 200 mg.", "medication") == [
        "magnesium sulphate"]


def test_a_birth_weight_in_grams_with_a_thousands_comma_is_a_weight() -> None:
    source = "SVD 36+4, BW 2840g, Apgar 7/9."
    assert _flagged(source, "Birth weight 2,840 g, Apgar 7 and 9.", "vital") == []
    assert _flagged(source, "Birth weight 2,480 g, Apgar 7 and 9.", "vital") == ["2,480 g"]


def test_wheeze_and_vom_and_a_safety_net_in_shorthand() -> None:
    source = ("No SOB, no wheeze. Nausea, no vom. No fever / rigors.\n"
              "SN: fever, loin pain, vomiting -> NHS24.")
    faithful = "No breathlessness or wheezing. Nausea without vomiting. No fever or rigors."
    assert _flagged(source, faithful, "negation") == []
    wrong = "Some wheezing. Nausea and vomiting. Low-grade fever but no rigors."
    assert _flagged(source, wrong, "negation") == ["wheezing", "vomiting", "fever"]
