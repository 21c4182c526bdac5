"""The fact-to-source check on the annotated data set and on focused cases
for each fact kind and each normalisation."""

from __future__ import annotations

import re

import pytest

from app.writing.sourcecheck import FactKind, check_draft
from tests.writing.pairs import load_cases, overlaps, score


def _kinds(source: str, draft: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in check_draft(source, draft)]


def test_data_set_is_large_enough_and_covers_every_kind() -> None:
    cases = load_cases()
    assert len(cases) * 2 >= 40
    kinds = {e.kind for c in cases for e in c.expected}
    assert kinds == set(FactKind)
    for case in cases:
        assert case.clean != case.source and case.injected != case.clean


def test_recall_and_false_flag_goals_hold_on_the_data_set() -> None:
    result = score(load_cases())
    assert result.recall() >= 0.95
    assert result.false_flag_rate() <= 0.10


def test_findings_carry_exact_spans_and_readable_reasons() -> None:
    case = next(c for c in load_cases() if c.id == "pc-htn-followup")
    findings = check_draft(case.source, case.injected)
    for expected in case.expected:
        match = next(f for f in findings if overlaps(f, expected))
        assert case.injected[match.start : match.end] == match.text
        assert match.reason.endswith(".") and len(match.reason) > 20
    dose = next(f for f in findings if f.kind is FactKind.DOSE)
    assert "lisinopril" in dose.reason and "20 mg" in dose.reason


SOURCE = (
    "45F. Metformin 500 mg BID PO. Tylenol 1 g prn. BP 120/80, HR 72, T 38.5 C, SpO2 97%. "
    "Seen 10/12/2026 at 14:00. Symptoms for 2 weeks. L knee pain. Denies chest pain. "
    "Reports fever. HbA1c 7.1%."
)


@pytest.mark.parametrize(
    "draft",
    [
        "45-year-old woman on metformin 500 milligrams twice daily by mouth.",
        "Paracetamol 1000 mg as needed.",
        "Blood pressure 120/80, pulse 72, temperature 101.3 F, oxygen saturation 97%.",
        "Seen on 10 December 2026 at 2 pm.",
        "Seen 2026-12-10 at 2:00 p.m. with symptoms for two weeks (14 days).",
        "Left knee pain. She denies chest pain. She reports fever. HbA1c 7.1%.",
    ],
)
def test_normalised_paraphrases_are_supported(draft: str) -> None:
    assert check_draft(SOURCE, draft) == []


@pytest.mark.parametrize(
    ("draft", "kind", "text"),
    [
        ("Metformin 850 mg twice daily.", "dose", "850 mg"),
        ("Metformin 500 mg three times daily.", "frequency", "three times daily"),
        ("Metformin 500 mg IV twice daily.", "route", "IV"),
        ("Started lisinopril.", "medication", "lisinopril"),
        ("BP 130/80.", "vital", "130/80"),
        ("HbA1c 7.8%.", "measurement", "7.8%"),
        ("Seen 11/12/2026.", "date", "11/12/2026"),
        ("Seen at 15:00.", "time", "15:00"),
        ("Symptoms for 3 weeks.", "duration", "3 weeks"),
        ("Right knee pain.", "laterality", "Right"),
        ("Denies fever.", "negation", "fever"),
        ("Reports chest pain.", "negation", "chest pain"),
    ],
)
def test_each_kind_of_unsupported_fact_is_flagged(draft: str, kind: str, text: str) -> None:
    assert (kind, text) in _kinds(SOURCE, draft)


def test_swapped_doses_between_two_drugs_are_flagged() -> None:
    source = "Amlodipine 5 mg daily. Atorvastatin 40 mg nightly."
    assert _kinds(source, "Amlodipine 40 mg daily. Atorvastatin 5 mg at night.") == [
        ("dose", "40 mg"), ("dose", "5 mg")
    ]
    assert _kinds(source, "Amlodipine 5mg once daily; atorvastatin 40mg at bedtime.") == []


def test_conditional_mentions_assert_nothing() -> None:
    assert _kinds("No fever.", "Return if she develops a fever.") == []


@pytest.mark.parametrize(
    ("source", "draft", "changed"),
    [
        ("Ex-smoker (quit 2019).", "He stopped smoking in 2019.", "in 2021"),
        ("Previous episode L knee 2024.", "A previous episode in 2024.", "in 2022"),
        ("Seen 16/03/2027.", "Known to the clinic since 2027.", "since 2025"),
    ],
)
def test_a_year_alone_needs_that_year_in_the_source(source: str, draft: str, changed: str) -> None:
    assert [f for f in check_draft(source, draft) if f.kind.value == "date"] == []
    year = changed.split()[-1]
    flipped = re.sub(r"\b20\d\d\b", year, draft)
    assert [f.text for f in check_draft(source, flipped) if f.kind.value == "date"] == [changed]
