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


def test_clinical_shorthand_for_common_medicines() -> None:
    source = "NS 1L over 4h. Dex 0.6mg/kg PO. ASS 100 mg 1-0-0. Inj PAM 2g IV."
    draft = ("Normal saline 1 litre over four hours; dexamethasone 0.6 mg/kg by mouth; "
             "aspirin 100 mg in the morning; pralidoxime 2 g intravenously.")
    assert _medications(source, draft) == []
    assert _medications(source, "Heparin 5000 units was given.") == ["Heparin"]


def test_shorthand_that_is_also_a_word_is_read_only_in_capitals() -> None:
    source = "Pain ns. Pt says pam is her sister."
    assert _medications(source, "Normal saline and pralidoxime were given.") == [
        "Normal saline", "pralidoxime"]
