"""Negation scope in clinical shorthand: slash and ampersand lists, state
words that end a list, "nil by mouth", section labels, truncated words."""

from __future__ import annotations

import pytest

from app.writing.sourcecheck import check_draft


def _flags(source: str, draft: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in check_draft(source, draft)]


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("No plan/intent.", "No plan or intent."),
        ("No joint pain/swelling.", "No joint pain or swelling."),
        ("Mild tremor, no D&V.", "Mild tremor; no vomiting or diarrhoea."),
        ("No wt loss.", "No weight loss."),
        ("No meds given.", "No medication was given."),
        ("No new haem.", "No new haemorrhage."),
        ("No evidence of leak clinicaly.", "No clinical evidence of leak."),
    ],
)
def test_shorthand_negations_support_the_written_out_absence(source: str, draft: str) -> None:
    assert _flags(source, draft) == []


def test_slash_list_items_are_each_negated() -> None:
    assert _flags("No plan/intent.", "She has intent.") == [("negation", "intent")]


def test_a_state_word_ends_the_negated_list() -> None:
    source = "No diarrhoea, mouth ulcers mild."
    assert _flags(source, "No diarrhoea; mild mouth ulcers.") == []
    assert _flags(source, "No diarrhoea and no mouth ulcers.") == [("negation", "mouth ulcers")]


def test_a_new_cue_in_a_list_does_not_borrow_the_previous_modifier() -> None:
    source = "No intraretinal fluid. No new haem."
    assert _flags(source, "No intraretinal fluid and no new haemorrhage.") == []


def test_nil_by_mouth_is_neither_a_route_nor_a_negation() -> None:
    assert _flags("Plan: NBM, NGT free drainage.", "Plan: nil by mouth, nasogastric tube.") == []


def test_a_section_label_is_not_a_finding() -> None:
    assert _flags("No plan/intent. Plan: review.", "No plan or intent.\nPlan: review.") == []


@pytest.mark.parametrize(
    ("source", "draft", "changed"),
    [
        ("No orthopnoea or PND.", "No paroxysmal nocturnal dyspnoea.", "No chest pain."),
        ("No vertigo, no otalgia.", "No ear pain.", "No ear discharge."),
        ("No photopsia.", "No flashing lights.", "No floaters."),
        ("No encephalopathy, no GI bleed.", "No gastrointestinal bleeding.", "No jaundice."),
    ],
)
def test_clinical_synonyms_support_the_plain_words(source: str, draft: str, changed: str) -> None:
    assert [k for k, _ in _negations(source, draft)] == []
    assert _negations(source, changed) != []


def _negations(source: str, draft: str) -> list[tuple[str, str]]:
    findings = check_draft(source, draft)
    return [(f.kind.value, f.text) for f in findings if f.kind.value == "negation"]
