"""Finding polarity across wordings: verb and noun forms of a finding,
clinical abbreviations and trailing cues ("CP free") mean the same finding,
so a draft keeping the source's polarity passes and a flipped one is flagged."""

from __future__ import annotations

import pytest

from app.writing.sourcecheck import check_draft
from app.writing.sourcecheck.negation import content_words


def _negations(source: str, draft: str) -> list[str]:
    return [f.text for f in check_draft(source, draft) if f.kind.value == "negation"]


@pytest.mark.parametrize(
    ("source", "kept", "flipped"),
    [
        ("Passed flatus, no vomiting.", "She has not vomited.", "She vomited overnight."),
        ("No PV bleeding.", "No vaginal bleeding.", "A small vaginal bleed."),
        ("Denies SI.", "She denies suicidal thoughts.", "She reports suicidal thoughts."),
        ("No SOB.", "Not short of breath.", "Short of breath at rest."),
        ("No LOC.", "No loss of consciousness.", "He briefly lost consciousness."),
        ("No FHx epilepsy.", "No family history of epilepsy.", "Family history of epilepsy."),
        ("No prior febrile seizures.", "No history of febrile seizures.",
         "History of febrile seizures."),
        ("ECG: no STE.", "No ST elevation on the ECG.", "ST elevation on the ECG."),
        ("No RUQ pain.", "No right upper quadrant pain.", "Right upper quadrant pain."),
    ],
)
def test_polarity_is_compared_for_the_same_finding(source: str, kept: str, flipped: str) -> None:
    assert _negations(source, kept) == []
    assert _negations(source, flipped) != []


@pytest.mark.parametrize(
    ("source", "kept", "flipped"),
    [
        ("CP free since admission.", "Chest pain free since admission.",
         "Ongoing chest pain since admission."),
        ("Knee: ext lag nil.", "No extension lag.", "There is an extension lag."),
        ("Base 5th MT non-tender.", "The base of the fifth metatarsal is non-tender.",
         "Tender at the base of the fifth metatarsal."),
    ],
)
def test_trailing_cues_in_notes_negate_the_words_before_them(
    source: str, kept: str, flipped: str
) -> None:
    assert _negations(source, kept) == []
    assert _negations(source, flipped) != []


def test_a_one_word_subject_before_a_trailing_cue_negates_nothing() -> None:
    assert _negations("ER full and pain free. Painful arc.", "Painful arc.") == []


def test_trailing_cues_are_not_read_in_drafts() -> None:
    assert _negations("Gram-negative diplococci.", "Gram-negative diplococci seen.") == []


def test_verb_and_noun_forms_share_one_lemma() -> None:
    assert content_words("vomited") == content_words("vomiting") == ["vomit"]
    assert content_words("bleeding") == content_words("bleed")
    assert content_words("breathlessness") == content_words("SOB")


@pytest.mark.parametrize(
    ("source", "kept", "flipped"),
    [
        ("SOB on exertion, no orthopnoea.", "Breathless on exertion.",
         "Not breathless on exertion."),
        ("Drowsy but rousable.", "Drowsy but rousable.", "Not drowsy."),
        ("Tolerating diet, passed flatus.", "She has passed flatus.", "She has not passed flatus."),
        ("Not yet passed flatus.", "She has not yet passed flatus.", "Flatus has been passed."),
    ],
)
def test_not_negates_a_finding_the_other_text_states(source: str, kept: str, flipped: str) -> None:
    assert _negations(source, kept) == []
    assert _negations(source, flipped) != []


def test_not_in_an_instruction_negates_no_finding() -> None:
    source = "Do not stop warfarin, INR check day prior. Must not drive, informed."
    draft = "Warfarin is not to be stopped; check the INR the day before. He has been informed."
    assert _negations(source, draft) == []


def test_an_article_or_a_past_tense_verb_starts_a_new_statement() -> None:
    source = "No prior events, no FHx epilepsy. No vomiting."
    assert _negations(source, "No previous events and no family history of epilepsy.") == []
    assert _negations(source, "No previous events and a family history of epilepsy.") != []
    assert _negations(source, "She has not eaten and vomited overnight.") != []


def test_a_state_word_after_a_slash_pair_ends_the_list_for_both() -> None:
    source = "No blue lips, eating/drinking ok."
    assert _negations(source, "No blue lips; eating and drinking normally.") == []
    assert _negations(source, "Blue lips noted.") != []
