"""How notes spell a word differently from a draft: shortened ("pred",
"vanc", "haem"), another form of it ("syncopal") or misspelt ("amlodipene").
One definition for every rule that compares words, so a draft word and a
note word match the same way whether they name a finding, a drug, a label
or a value's context."""

from __future__ import annotations

from difflib import SequenceMatcher

SHORTENING_MIN = 4
MISSPELLING_MIN_LENGTH = 7
MISSPELLING_RATIO = 0.85


def shortens(short: str, full: str) -> bool:
    """`short` is a clinical shortening of `full` ("enox" of "enoxaparin")."""
    return len(short) >= SHORTENING_MIN and full.startswith(short) and full != short


def same_or_shortened(a: str, b: str) -> bool:
    """The same word, or one a shortening of the other."""
    shorter, longer = sorted((a, b), key=len)
    return a == b or shortens(shorter, longer)


def same_root(a: str, b: str) -> bool:
    """Two forms of one word: "syncope"/"syncopal", "nausea"/"nauseated",
    "response"/"responding" (a long shared start, most of the shorter word)."""
    shared = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                  min(len(a), len(b)))
    return shared >= ROOT_MIN and shared >= ROOT_SHARE * min(len(a), len(b))


ROOT_MIN = 6
ROOT_SHARE = 0.8


def spelt_alike(a: str, b: str) -> bool:
    """Close enough to be one word misspelt (difflib ratio)."""
    return SequenceMatcher(None, a, b).ratio() >= MISSPELLING_RATIO
