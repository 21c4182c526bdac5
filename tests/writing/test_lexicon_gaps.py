"""The supplement to the offline drug lexicon: every ingredient it names is
one the lexicon finds, no entry duplicates a name the lexicon already knows,
and a supplemented brand is checked like any other medicine."""

from __future__ import annotations

import pytest
from drug_named_entity_recognition import find_drugs

from app.writing.sourcecheck import check_draft
from app.writing.sourcecheck.lexicon_gaps import EXPANSIONS


def _covered_words(words: list[str]) -> set[int]:
    return {i for _drug, start, end in find_drugs(words, is_ignore_case=True)
            for i in range(start, end)}


@pytest.mark.parametrize("name", sorted(EXPANSIONS))
def test_every_entry_spells_a_gap_in_names_the_lexicon_knows(name: str) -> None:
    assert not find_drugs(name.split(), is_ignore_case=True), f"{name} is in the lexicon now"
    words = EXPANSIONS[name].split()
    assert _covered_words(words) == set(range(len(words)))


def _medications(source: str, draft: str) -> list[str]:
    return [f.text for f in check_draft(source, draft) if f.kind.value == "medication"]


NOTES = "Microgynon 30 od since 2024. Utrogestan 100mg nocte. Syntocinon infusion started."


def test_a_brand_supports_itself_and_its_generic() -> None:
    draft = ("She takes Microgynon daily and progesterone 100 mg at night. "
             "An oxytocin infusion was started.")
    assert _medications(NOTES, draft) == []


def test_a_brand_of_another_medicine_is_flagged() -> None:
    draft = "She takes Yasmin daily and Utrogestan 100 mg at night."
    assert _medications(NOTES, draft) == ["Yasmin"]


def test_a_generic_the_lexicon_lacked_is_checked() -> None:
    assert _medications(NOTES, "Thiamine 100 mg was given.") == ["Thiamine"]
