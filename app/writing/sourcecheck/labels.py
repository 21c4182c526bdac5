"""A value and the word that names it.

Notes name many results with words no table lists ("WSAS 19", "flex 95",
"K10 18", "waist 102"), and a draft that reuses a number the notes give for
something else still finds that number somewhere in them.  Here the word
right before a draft value is its label; when the notes use that label (or a
shortening of it) and never write this value after it, the value is flagged.
A label the notes never use proves nothing either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.writing.sourcecheck.model import Fact
from app.writing.sourcecheck.numbers import digits_after
from app.writing.sourcecheck.spelling import same_or_shortened

LOOK_BACK = 30
LABEL_REACH = 40
_LABEL_BEFORE = re.compile(
    r"([A-Za-z][A-Za-z0-9-]*[A-Za-z0-9])\s*(?:(?:of|was|is|at|=|:)\s*)?$"
)
# Words that name no particular result: "a score of 15", "a total of 3".
VAGUE = frozenset({
    "score", "scores", "scored", "level", "levels", "total", "result", "results", "value",
    "values", "count", "rate", "reading", "readings", "measured", "measuring", "measures",
    "about", "approximately", "around", "roughly", "only", "over", "under", "above", "below",
    "from", "to", "and", "or", "with", "by", "for", "the", "a", "an", "his", "her", "their",
    "your", "was", "were", "is", "are", "now", "then", "up", "down", "increased", "reduced",
    "dropped", "fell", "rose", "improved", "gone", "went", "age", "aged", "day", "days",
    "week", "weeks", "session", "sessions", "cycle", "dose", "doses", "times", "than",
    "least", "most", "maximum", "minimum", "max", "min", "target", "baseline", "previously",
    "previous", "last", "usual", "latest", "today", "still", "each", "every", "per", "in",
    "on", "at", "of", "after", "before", "since", "between", "unit", "units", "number",
})


@dataclass(frozen=True)
class LabelMismatch:
    label: str
    given: tuple[str, ...]


def label_before(text: str, fact: Fact) -> str | None:
    """The word naming a value, past a result noun ("PHQ-9 score: 16" ->
    "phq-9"; "WSAS 19" -> "wsas"); none after a bracket or another vague word."""
    end = fact.start
    for _ in range(VAGUE_SKIPS + 1):
        m = _LABEL_BEFORE.search(text, max(0, end - LOOK_BACK), end)
        if m is None:
            return None
        word = m.group(1).casefold()
        if word not in VAGUE:
            return None if len(word) < 2 or word[0].isdigit() else word
        if word not in RESULT_NOUNS:
            return None
        end = m.start()
    return None


VAGUE_SKIPS = 2
# Words after a result's name that a draft adds: "PHQ-9 score: 16", "SDQ total score 20".
RESULT_NOUNS = frozenset({"score", "scores", "level", "levels", "result", "reading", "value",
                          "total"})


def mismatch(fact: Fact, draft: str, source: str, value: float) -> LabelMismatch | None:
    """The notes' numbers after the draft value's label, when none is `value`."""
    label = label_before(draft, fact)
    if label is None:
        return None
    names = _NAME.findall(source)
    if not any(same_or_shortened(label, n.casefold()) for n in names):
        short = _initialism_before(draft, fact.start)
        if short is None or short not in names:
            return None
        label = short
    given: list[str] = []
    for m in _NAME.finditer(source):
        if not (m.group(0) == label or same_or_shortened(label, m.group(0).casefold())):
            continue
        numbers = digits_after(source, m.end(), min(len(source), m.end() + LABEL_REACH))
        if any(abs(float(n) - value) < 1e-9 for n in numbers):
            return None
        given += numbers[:1]
    return LabelMismatch(label, tuple(dict.fromkeys(given))) if given else None


_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]")
_NAMED_BEFORE = re.compile(
    r"((?:\b[A-Z][A-Za-z]*\s+){1,3}[A-Za-z]+)\s*(?:(?:score|of|was|is|=|:)\s*)*$"
)


def _initialism_before(draft: str, position: int) -> str | None:
    """"ESS" for "Epworth Sleepiness Scale 12", "PSAD" for "PSA density is
    0.18": the notes' short name for a result the draft spells out."""
    m = _NAMED_BEFORE.search(draft, max(0, position - LOOK_BACK - 20), position)
    if m is None:
        return None
    words = m.group(1).split()
    return "".join(w if w.isupper() and len(w) > 1 else w[0].upper() for w in words)
