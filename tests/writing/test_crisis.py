"""Crisis-language flags: categories, negation, quoted speech, family history."""

from __future__ import annotations

import pytest

from app.writing.crisis import CrisisCategory, CrisisContext, find_crisis_language


def _flags(text: str) -> list[tuple[CrisisCategory, CrisisContext, str]]:
    return [(f.category, f.context, f.text) for f in find_crisis_language(text)]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Reports SI with a plan.", CrisisCategory.SUICIDAL_IDEATION),
        ("He wants to die and has been giving things away.", CrisisCategory.SUICIDAL_IDEATION),
        ("Thinking about ways to kill myself.", CrisisCategory.SUICIDAL_IDEATION),
        ("Has been cutting her forearm weekly.", CrisisCategory.SELF_HARM),
        ("Took an overdose of paracetamol last night.", CrisisCategory.SELF_HARM),
        ("Endorses HI towards neighbour.", CrisisCategory.HARM_TO_OTHERS),
        ("Threatened to kill his brother.", CrisisCategory.HARM_TO_OTHERS),
        ("Discloses domestic violence from partner.", CrisisCategory.ABUSE),
        ("Concern for elder abuse by carer.", CrisisCategory.ABUSE),
    ],
)
def test_each_category_is_flagged_with_its_span(text: str, category: CrisisCategory) -> None:
    flags = find_crisis_language(text)
    assert category in {f.category for f in flags}
    for flag in flags:
        assert text[flag.start : flag.end] == flag.text


@pytest.mark.parametrize(
    "text",
    [
        "Denies SI/HI.",
        "No thoughts of self-harm.",
        "She denies suicidal ideation, intent or plan.",
        "Not suicidal.",
        "No family history of suicide.",
        'He said "I don\'t want to die".',
        "Safeguarding: no concerns. Denies abuse at home.",
    ],
)
def test_negated_mentions_are_not_flagged(text: str) -> None:
    assert _flags(text) == []


def test_quoted_patient_speech_is_flagged_even_after_a_denial() -> None:
    text = 'Denies SI today. Earlier she said "I want to die, I can\'t go on".'
    assert _flags(text) == [
        (CrisisCategory.SUICIDAL_IDEATION, CrisisContext.QUOTED, "want to die")
    ]


def test_family_history_is_flagged_as_relevant_risk_information() -> None:
    flags = _flags("Mother died by suicide in 2010. Denies SI.")
    assert flags == [(CrisisCategory.SUICIDAL_IDEATION, CrisisContext.FAMILY_HISTORY, "suicide")]


def test_clean_notes_raise_no_flags() -> None:
    text = "Mood improved, sleeping 7 hours, walking daily. Continue sertraline 100 mg."
    assert _flags(text) == []
