"""Values bound to the wrong thing.

A draft often reuses a value the notes give for something else: a symptom
lasting "5 days" when five days is the antibiotic course and the symptom
began 2/7 ago.  Every number in such a draft occurs in the notes, so the
value check alone passes it.  Here the words around a value stand for what
it describes: a value is flagged when the notes give a *different* value in
words that match the draft's, and never give this value in such words.
With no match either way the value stands (the notes may simply word it
differently), so this only ever adds findings backed by the notes' own text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from app.writing.sourcecheck.model import Fact, FactKind
from app.writing.sourcecheck.negation import content_words
from app.writing.sourcecheck.spelling import same_or_shortened

CONTEXT_WORDS = 5
CLAUSE_BREAK = re.compile(r"[.;:\n?!]|,(?!\d)|\s[-–]\s|->|→")
LABEL_BREAK = re.compile(r":|\s[-–]\s")
_TOKEN = re.compile(r"\d[\d.,/:]*(?:-[A-Za-z]+)*|[A-Za-z][A-Za-z&+/-]*[A-Za-z]|[A-Za-z]")
# Words that say how a value is given rather than what it is about.
GENERIC = frozenset({
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
    "minute", "minutes", "for", "since", "ago", "total", "course", "over", "last", "within",
    "about", "around", "approximately", "then", "after", "before", "until", "from", "and",
    "with", "per", "times", "time", "once", "twice", "daily", "patient", "plan", "today",
    "review", "started", "start", "continue", "cont", "take", "taking", "given", "had", "has",
    "have", "his", "her", "their", "this", "that", "was", "were", "is", "are", "be", "been",
    "old", "year-old", "weekly", "monthly", "nightly", "in", "on", "at", "to", "of", "by",
    "up", "more", "less", "than", "x", "now", "still", "again", "further", "next", "every",
    "each", "history", "hx", "h", "d", "wk", "wks", "hr", "hrs", "mins", "min", "approx",
    "into", "onto", "via", "the", "a", "an", "mg", "ml", "g", "mcg", "units",
})
# Measurements and vital signs were tried too: on the evaluation sets they
# added false flags (home vs clinic readings, serial sizes) and found nothing new.
BOUND_KINDS = {
    FactKind.DURATION, FactKind.LATERALITY, FactKind.TIME, FactKind.DATE, FactKind.FREQUENCY,
}


def is_bound(fact: Fact) -> bool:
    """Whether a fact's value is compared with the notes' by the words around
    it. A drug's frequency is already compared with that drug's own, and "as
    needed" with any: the words around them say nothing more."""
    if fact.kind is FactKind.FREQUENCY:
        return fact.anchor is None and fact.key[0] != "prn"
    return fact.kind in BOUND_KINDS


@dataclass(frozen=True)
class Contradiction:
    """The other values the notes give in words matching the draft's."""

    given: tuple[str, ...]
    about: tuple[str, ...]


Span = tuple[int, int]


def context_words(
    text: str, start: int, end: int, *, rivals: Sequence[Span] = (),
    ignore: frozenset[str] = frozenset(),
) -> frozenset[str]:
    """Up to five content words each side of a value, inside its clause.
    Words between it and a rival (another value of its kind) are shared out,
    the nearer half to each ("a 7-day Holter monitor and review in three
    months": the review, not the monitor), at least two words a side."""
    skip = GENERIC | ignore
    breaks = list(CLAUSE_BREAK.finditer(text, 0, start))
    clause_start = breaks[-1].end() if breaks else 0
    if breaks and LABEL_BREAK.fullmatch(breaks[-1].group(0)) and not _meaningful(
        text, clause_start, start, skip
    ):
        # "Hep A (Havrix) - L deltoid": the label before a dash or colon names the value
        clause_start = breaks[-2].end() if len(breaks) > 1 else 0
    after = CLAUSE_BREAK.search(text, end)
    clause_end = after.start() if after else len(text)
    rival_before = max((e for s, e in rivals if clause_start < e <= start), default=None)
    rival_after = min((s for s, e in rivals if end <= s < clause_end), default=None)
    before = _meaningful(text, rival_before or clause_start, start, skip)[::-1]
    following = _meaningful(text, end, rival_after or clause_end, skip)
    words = [*_nearest(before, shared=rival_before is not None),
             *_nearest(following, shared=rival_after is not None)]
    return frozenset(w for w in content_words(" ".join(words)) if w not in skip)


def _meaningful(text: str, start: int, end: int, skip: frozenset[str]) -> list[str]:
    return [t for t in _TOKEN.findall(text, start, end)
            if not t[0].isdigit() and t.casefold() not in skip]


def _nearest(words: list[str], *, shared: bool) -> list[str]:
    """`words` nearest first; half of them when a rival claims the rest."""
    if shared:
        words = words[: max(len(words) // 2, min(len(words), 2))]
    return words[:CONTEXT_WORDS]


def share_a_word(left: frozenset[str], right: frozenset[str]) -> bool:
    """One word in common, a clinical shortening counting ("pred" ~ "prednisolone")."""
    return any(same_or_shortened(a, b) for a in left for b in right)


def contradiction(
    fact: Fact,
    draft: str,
    source: str,
    given: Iterable[Fact],
    *,
    same_value: Callable[[Fact, Fact], bool],
    ignore: frozenset[str] = frozenset(),
    draft_rivals: Sequence[Span] = (),
    unlabelled_supports: bool = False,
) -> Contradiction | None:
    """Whether the notes' mention whose words best match the draft's words
    around `fact` gives another value (a tie with this value clears it);
    `given` are the notes' facts of its kind;
    `ignore` words say nothing about what a value describes (for a side:
    the body site, which both sides share); `draft_rivals` are the draft's
    other values of the kind."""
    about = context_words(draft, fact.start, fact.end, rivals=draft_rivals, ignore=ignore)
    if not about:
        return None
    given = list(given)
    source_rivals = [(o.start, o.end) for o in given]
    contexts = [(context_words(source, other.start, other.end, rivals=source_rivals,
                               ignore=ignore), other) for other in given]
    scored = [(_shared(about, around), other) for around, other in contexts]
    if unlabelled_supports and any(not around and same_value(fact, other)
                                   for around, other in contexts):
        return None  # the notes give this value without saying what for (a header date)
    best = max((score for score, _ in scored), default=0)
    nearest = [other for score, other in scored if score == best]
    if best == 0 or any(same_value(fact, other) for other in nearest):
        return None
    return Contradiction(tuple(dict.fromkeys(o.text for o in nearest)), tuple(sorted(about)))


def _shared(left: frozenset[str], right: frozenset[str]) -> int:
    return sum(1 for a in left if any(same_or_shortened(a, b) for b in right))
