"""Values as notes write them: lab units, per-week rates, shared units,
copied values, dose totals, drug shorthand.  Each rule has a supporting case
and the same draft with the value changed, which must still be flagged."""

from __future__ import annotations

import pytest

from app.writing.sourcecheck import check_draft


def _flags(source: str, draft: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in check_draft(source, draft)]


# (source, supported draft, value in it, changed value, kind flagged)
VALUE_CASES = [
    # lab units are values, not clock times ("1.12" is not 01:12)
    ("Li level 1.12 mmol/L.", "Lithium level 1.12 mmol/L.", "1.12", "1.21", "measurement"),
    ("HbA1c 72 mmol/mol.", "HbA1c 72 mmol/mol.", "72", "82", "measurement"),
    ("Urate 520 umol/L.", "Serum urate 520 µmol/L.", "520", "420", "measurement"),
    # rates written as "2-3x/wk", "~1/wk"
    ("Night waking 2-3x/wk.", "Waking two to three times a week.", "two to three", "four",
     "frequency"),
    ("Hypos ~1/wk.", "Hypoglycaemia about once a week.", "once", "twice", "frequency"),
    ("Pred 40mg OD reducing by 5mg/wk.", "Prednisolone 40 mg daily, reducing by 5 mg each week.",
     "5 mg", "10 mg", "dose"),
    ("Voices 1-2 times a day.", "Voices once or twice a day.", "once or twice", "three times",
     "frequency"),
    # alcohol units
    ("Alcohol ~10u/wk.", "About 10 units of alcohol a week.", "10", "20", "measurement"),
    # one unit after a list of values
    ("IOP RE 24 LE 19 mmHg.", "Intraocular pressure 24 mmHg.", "24", "26", "measurement"),
    ("Knee ROM 0-115 deg.", "Range of movement 0 to 115 degrees.", "115", "125", "measurement"),
    # a value copied word for word
    ("Sats 91-93% RA.", "Saturations 91-93% in air.", "91-93", "88-90", "measurement"),
    ("8 x 20% HAS 100ml given IV.", "Eight 100 ml bottles of 20% albumin.", "100", "50",
     "measurement"),
    # a dimension pair repeated without its unit
    ("Wound 4.5 x 3.2cm (last wk 5.0 x 3.5).", "Last week 5.0 x 3.5 cm.", "5.0", "6.0",
     "measurement"),
    # a daily total written out in the notes
    ("Clozapine 175mg mane 250mg nocte (total 425).", "Clozapine 425 mg a day in total.",
     "425", "450", "dose"),
    # years as "8y"
    ("56F T2DM 8y.", "Type 2 diabetes for eight years.", "eight", "ten", "duration"),
]


@pytest.mark.parametrize(("source", "draft", "value", "changed", "kind"), VALUE_CASES)
def test_value_rule_supports_and_still_flags_a_change(
    source: str, draft: str, value: str, changed: str, kind: str
) -> None:
    assert _flags(source, draft) == []
    changed_draft = draft.replace(value, changed, 1)
    flagged = [text for k, text in _flags(source, changed_draft) if k == kind]
    assert any(changed in text for text in flagged)


def test_total_is_not_supported_unless_the_notes_write_it() -> None:
    source = "Furosemide 40 mg BD, then furosemide 40 mg mane."
    assert ("dose", "80 mg") in _flags(source, "Furosemide 80 mg a day in total.")


def test_copied_dose_tied_to_another_drug_is_still_flagged() -> None:
    source = "Amlodipine 5 mg daily. Atorvastatin 40 mg nightly."
    assert ("dose", "5 mg") in _flags(source, "Atorvastatin 5 mg nightly.")


@pytest.mark.parametrize(
    ("source", "draft", "other"),
    [
        ("Plan: pred 30mg OD.", "Plan: prednisolone 30 mg once daily.", "hydrocortisone"),
        ("Switch to PO pen V.", "Switch to oral phenoxymethylpenicillin.", "amoxicillin"),
        ("Nebulised adrenaline given.", "Nebulised epinephrine given.", "salbutamol"),
        ("8 x 20% HAS given IV.", "20% human albumin solution given intravenously.",
         "clarithromycin"),
    ],
)
def test_drug_shorthand_is_read_as_the_drug(source: str, draft: str, other: str) -> None:
    assert [k for k, _ in _flags(source, draft) if k == "medication"] == []
    assert ("medication", other) in _flags(source, f"{other} given.")


def test_ordinary_words_are_not_drug_shorthand() -> None:
    assert _flags("She has pain. Marked with a pen.", "She has pain. Marked with a pen.") == []
    assert _flags("Faecal calprotectin 890.", "Faecal calprotectin 890.") == []


def test_a_decimal_point_does_not_end_a_medications_reach() -> None:
    source = "Cont mesalazine 2.4g OD. Folic acid 5mg BD."
    kept = "Continue mesalazine 2.4 g once a day."
    assert [f for f in check_draft(source, kept) if f.kind.value == "frequency"] == []
    changed = [f.text for f in check_draft(source, kept.replace("once", "twice"))]
    assert "twice a day" in changed


OBSTETRIC = "Vitals: T 39.2, HR 118, BP 104/62.\nUterus soft. FHR 150 on doppler."


def test_a_fetal_heart_rate_is_not_the_mothers_pulse() -> None:
    assert _flags(OBSTETRIC, "Pulse 118; the fetal heart rate was 150 on Doppler.") == []
    assert _flags(OBSTETRIC, "Pulse 118; the fetal heart rate was 118 on Doppler.") == [
        ("vital", "fetal heart rate was 118")]


AF = "ECG 4/11/25: AF, vent rate 112.\nO/E: pulse 96 irreg, BP 148/86."


def test_an_ecg_ventricular_rate_is_not_the_pulse() -> None:
    assert _flags(AF, "ECG: AF with a ventricular rate of 112. Pulse 96, irregular.") == []
    assert _flags(AF, "ECG: AF with a ventricular rate of 112. Pulse 112, irregular.") == [
        ("vital", "Pulse 112")]


GERMAN_DISCHARGE = ("Meds at d/c:\n- Palladon retard (hydromorphone) 8 mg 1-0-1 p.o.\n"
                    "- Palladon 2.6 mg caps b.B.\n- Metoclopramide 10 mg 1-1-1 p.o.\n"
                    "- Pantoprazole 40 mg 1-0-0\n- Quetiapine 25 mg 0-0-1")


def test_a_dosing_scheme_gives_times_a_day_and_time_of_day() -> None:
    faithful = ("Hydromorphone 8 mg twice daily; hydromorphone 2.6 mg as needed; "
                "metoclopramide 10 mg three times a day; pantoprazole 40 mg in the morning; "
                "quetiapine 25 mg at night.")
    assert _flags(GERMAN_DISCHARGE, faithful) == []
    wrong = ("Hydromorphone 8 mg three times daily; metoclopramide 10 mg twice a day; "
             "pantoprazole 40 mg at night.")
    assert _flags(GERMAN_DISCHARGE, wrong) == [
        ("frequency", "three times daily"), ("frequency", "twice a day"),
        ("frequency", "at night")]


def test_dutch_and_scandinavian_times_a_day() -> None:
    source = "losartan 50 mg 1dd. diclofenac 50 mg x 3 PO for 5 days. EpiPen 0.15 mg x2."
    assert _flags(source, "Losartan 50 mg once a day; diclofenac 50 mg three times daily.") == []
    assert _flags(source, "Losartan 50 mg twice a day.") == [("frequency", "twice a day")]
    assert _flags(source, "EpiPen 0.15 mg twice a day.") == [("frequency", "twice a day")]
