"""Does the source support a draft's side (left, right, bilateral)?

A side means nothing without what it is the side of, so a side bound to a
body site needs that side for a compatible site in the notes; a bare side
falls back to the sides the notes write near the same words. Kept apart from
`support` because sides read the notes through `sites`, not through the
extracted facts the other kinds compare."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.writing.sourcecheck import sites
from app.writing.sourcecheck.model import Fact
from app.writing.sourcecheck.negation import stem

if TYPE_CHECKING:
    from app.writing.sourcecheck.support import SourceIndex

LATERALITY_WINDOW = 60


SITE_AND_SIDE_WORDS = frozenset(
    {*sites.SITE_WORDS, *sites.SIDE_WORDS, "side", "sided", "l", "r"}
)


def same_side(fact: Fact, other: Fact) -> bool:
    return "bilateral" in {fact.key[0], other.key[0]} or fact.key[0] == other.key[0]


def sides_supported(fact: Fact, source: SourceIndex) -> bool:
    """A side bound to a body site needs the same side for a compatible site
    in the source; one the source gives another side only is contradicted.
    Sites the source never gives a side fall back to nearness."""
    if fact.anchor is not None:
        sided = [s for s in source.sited if any(sites.compatible(fact.anchor, x) for x in s.sites)]
        if any(fact.anchor in s.sites for s in sided):
            # "R radial" says more about the radial artery than "L arm" does
            sided = [s for s in sided if not all(sites.broader(x, fact.anchor) for x in s.sites)]
        if sided:
            return _sides_agree(fact.key[0], {s.side for s in sided})
        return _nearby_side(fact, source)
    return any(s.key[0] == fact.key[0] for s in source.sides if len(s.key) == 2) or any(
        s.side == fact.key[0] for s in source.sited
    )


def _sides_agree(side: str, given: set[str]) -> bool:
    """"Bilateral" is supported by both sides given apart; it never supports
    one side ("ankle oedema bilat" is not "left ankle oedema")."""
    return side in given or (side == "bilateral" and {"left", "right"} <= given)


def _nearby_side(fact: Fact, source: SourceIndex) -> bool:
    """A side with a body part needs that part near the same side in the
    source, or an abbreviation of it ("right eye" ~ "RE"); abbreviations
    alone never support a bare side, so "RR 20" does not support "right"."""
    side, parts = fact.key
    same_side = [f for f in source.sides if f.key[0] == side and len(f.key) == 2]
    if not parts:
        return bool(same_side)
    initials = "".join(p[0] for p in parts)
    abbreviated = [f for f in source.sides if f.key[0] == side and len(f.key) > 2]
    if any(_initials_agree(initials, f.key[2]) for f in abbreviated):
        return True
    stems = {stem(p)[:5] for p in parts}
    for mention in same_side:
        window = source.text[
            max(0, mention.start - LATERALITY_WINDOW) : mention.end + LATERALITY_WINDOW
        ]
        nearby = {stem(w.casefold())[:5] for w in re.findall(r"[A-Za-z]{2,}", window)}
        if stems & nearby:
            return True
    return False


def _initials_agree(initials: str, abbreviation: str) -> bool:
    """"eye" ~ "E" and "upper quadrant" ~ "UQ" (a following word may not be
    part of the name); two words may also begin a longer one ("AOM")."""
    if initials[: len(abbreviation)] == abbreviation:
        return True
    return len(initials) >= 2 and abbreviation.startswith(initials)
