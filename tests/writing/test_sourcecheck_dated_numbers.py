"""A bare number is not supported by the digits of a full date in the notes,
the number of an item in a numbered list is not a value at all, a score out of
ten may be written in words, and a score is read with its name past
"total score" or with the initialism the notes use ("ESS" for "Epworth
Sleepiness Scale").

Each rule has a pair: a faithful draft that must not be flagged and an
unsupported one that must be."""

from __future__ import annotations

from app.writing.sourcecheck import check_draft
from app.writing.sourcecheck.extract import extract_facts

GAMBLING = "2025-02-19 10:30 f/u.\nPGSI today 16 (21 at intake Aug 2024). PHQ-9 15."


def _values(source: str, draft: str) -> list[str]:
    return [f.text for f in check_draft(source, draft) if f.kind.value == "measurement"]


def test_a_score_is_not_supported_by_the_day_of_a_full_date() -> None:
    assert _values(GAMBLING, "PGSI today 16 (21 at intake in August 2024).") == []
    assert _values(GAMBLING, "PGSI today 19 (21 at intake in August 2024).") == ["19"]


def test_a_short_date_still_lends_its_numbers() -> None:
    """"8/10" is a date or a score; the notes do not say which."""
    assert _values("Seen 8/10. PGSI today 16.", "PGSI today 8.") == []
    assert _values("Seen 8/10/25. PGSI today 16.", "PGSI today 8.") == ["8"]


def test_a_numbered_list_item_is_not_a_value() -> None:
    draft = "Plan:\n1. Continue bicarbonate.\n 2) Repeat bloods in 4 weeks."
    numbers = [f.text for f in extract_facts(draft) if f.kind.value == "measurement"]
    assert numbers == []
    assert [f.text for f in extract_facts("Score 3. Next")
            if f.kind.value == "measurement"] == ["3"]


def test_a_total_score_is_read_with_its_name() -> None:
    source = "Since last sess (20/5): 2 arguments.\nSDQ parent-rated total 22 (25 at assessment)."
    assert _values(source, "Parent-rated SDQ total score 22, down from 25.") == []
    assert _values(source, "Parent-rated SDQ total score 20, down from 25.") == ["20"]


def test_a_score_out_of_its_maximum_in_words() -> None:
    source = "POD1: eating & drinking. Pain 2/10. Mobilising. 1 port site sore."
    assert _values(source, "Your pain was only 2 out of 10.") == []
    assert _values(source, "Your pain was only 1 out of 10.") == ["1 out of 10"]


def test_a_result_spelt_out_is_read_with_the_notes_initialism() -> None:
    source = "ISI 15 today (baseline 21). ESS 9. Window kept 12/14 nights."
    assert _values(source, "Insomnia Severity Index 15; Epworth Sleepiness Scale 9.") == []
    assert _values(source, "Insomnia Severity Index 15; Epworth Sleepiness Scale 12.") == ["12"]
