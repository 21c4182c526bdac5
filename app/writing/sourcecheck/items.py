"""Medication list items whose drug the lexicon does not know.

In "alendronic acid 70mg weekly, Adcal-D3 1 tab BD" the BD belongs to
Adcal-D3, not to alendronic acid, though only the latter is a known drug
name.  A dose written right after a word that is not a known drug, a
formulation or a function word starts a new item: what follows it is tied to
no known drug (or, for a misspelling of a drug named elsewhere in the same
text, "amitryptiline", to that drug).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.writing.sourcecheck.clinical import ROUTE_ABBREVIATIONS
from app.writing.sourcecheck.model import Fact, FactKind
from app.writing.sourcecheck.spelling import (
    MISSPELLING_MIN_LENGTH,
    same_or_shortened,
    spelt_alike,
)

_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9-]*[A-Za-z0-9])[.:]?\s*$")
LOOK_BACK = 40
# Words that sit between a drug and its dose without starting a new item.
CONTINUING = {
    # function words and verbs of prescribing
    "to", "at", "of", "from", "by", "dose", "doses", "total", "max", "maximum", "then", "and",
    "or", "plus", "with", "on", "now", "was", "is", "were", "been", "be", "given", "gave",
    "give", "took", "take", "takes", "taking", "increase", "increased", "reduce", "reduced",
    "start", "started", "stop", "stopped", "continue", "cont", "titrate", "titrated", "bolus",
    "stat", "loading", "load", "a", "an", "the", "her", "his", "their", "usual", "current",
    "currently", "daily", "weekly", "further", "extra", "additional", "another", "same", "new",
    "up", "down", "upto", "than", "over", "per", "each", "every", "via", "as", "for", "in",
    "prn", "regular", "once", "twice", "single", "first", "second", "rate", "infusion",
    "level", "levels", "between", "around", "about", "approx", "approximately", "only",
    "prophylaxis", "prophylactic", "maintenance", "therapy", "treatment", "course", "regimen",
    "reducing", "increasing", "decreasing", "weaning", "tapering", "titrating", "stepping",
    "enema", "suppository", "suppositories", "foam", "pessary", "pessaries", "lozenge",
    "mouthwash", "lotion", "shampoo", "emollient", "paste", "plaster", "implant", "depot",
    # formulations and salts
    "mr", "sr", "xl", "cr", "er", "la", "ec", "xr", "cd", "modified-release", "release",
    "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "cap", "caps", "liquid",
    "solution", "suspension", "syrup", "cream", "gel", "ointment", "patch", "patches",
    "inhaler", "spray", "drops", "injection", "inj", "elixir", "dispersible", "soluble",
    "sachet", "sachets", "nebs", "neb", "nebuliser", "pen", "vial", "sulfate", "sulphate",
    "hydrochloride", "hcl", "phosphate", "sodium", "potassium", "maleate", "tartrate",
    "succinate", "acetate", "citrate", "fumarate", "besylate", "besilate", "mesylate",
    "carbonate", "bromide", "calcium", "magnesium", "oral", "orally", "topical", "iv", "im",
    "sc", "subcut", "inhaled", "rectal", "sublingual", "buccal", "transdermal", "intravenous",
    "intramuscular", "subcutaneous", "strength", "forte", "retard", "long-acting",
}


PRODUCT_MARK = "?"


@dataclass(frozen=True)
class ItemHead:
    """A new list item; `medication` is the known drug it names, if any."""

    word: str
    start: int
    medication: Fact | None

    def as_product(self) -> Fact:
        """The item's own name as an anchor ("?sando-k"), for a product the
        lexicon lacks: its doses and frequencies are compared by that name."""
        return Fact(FactKind.MEDICATION, self.word, self.start, self.start + len(self.word),
                    (PRODUCT_MARK + self.word.casefold(),))


def is_product(anchor: str) -> bool:
    return anchor.startswith(PRODUCT_MARK)


def product_name(anchor: str) -> str:
    return anchor.removeprefix(PRODUCT_MARK)


def same_anchor(draft: str, source: str) -> bool:
    """A product name the lexicon lacks matches a drug it shortens ("clari"
    for clarithromycin), a misspelling of it, or the same product."""
    if draft == source:
        return True
    if not (is_product(draft) or is_product(source)):
        return False
    first, second = product_name(draft), product_name(source)
    return same_or_shortened(first, second) or _misspelling(first, second)


def unlisted_head(text: str, dose: Fact, facts: list[Fact]) -> ItemHead | None:
    """The item a dose starts when the word before it is no fact of its own
    (a drug, a frequency, another dose) and no word that joins a drug to its dose."""
    match = _WORD_BEFORE.search(text, max(0, dose.start - LOOK_BACK), dose.start)
    if match is None:
        return None
    word = match.group(1)
    folded = word.casefold()
    if folded in CONTINUING or word.upper() in ROUTE_ABBREVIATIONS or len(word) < 3:
        return None
    if any(f.start <= match.start(1) < f.end for f in facts):
        return None
    medications = [f for f in facts if f.kind is FactKind.MEDICATION]
    return ItemHead(word, match.start(1), _misspelt_medication(folded, medications))


def _misspelt_medication(word: str, medications: list[Fact]) -> Fact | None:
    if len(word) < MISSPELLING_MIN_LENGTH:
        return None
    for medication in medications:
        if _misspelling(word, medication.text.casefold()):
            return medication
    return None


def _misspelling(word: str, name: str) -> bool:
    if min(len(word), len(name)) < MISSPELLING_MIN_LENGTH:
        return False
    swapped = sorted(word) == sorted(name) and word[:3] == name[:3]  # "amitryptiline"
    return swapped or spelt_alike(word, name)
