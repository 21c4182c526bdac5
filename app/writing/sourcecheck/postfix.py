"""Negations written after the finding, as notes do: "CP free since
admission", "ext lag nil", "Ottawa -ve", "navicular non-tender".

The finding is the few words before the cue in the same clause, so "base 5th
MT non-tender" negates tenderness of the fifth metatarsal base, not
tenderness anywhere.  Read in source notes only: drafts are written in full
sentences, where "Gram-negative" or "free of" are no such cue.  A cue must
follow a space ("HER2-negative" is a result, not a negation)."""

from __future__ import annotations

import re
from collections.abc import Iterator

POSTFIX_CUES = r"free|nil|negative|absent|-ve|non-tender|nontender|painless"
# The cue's own meaning added to its subject ("non-tender" is "tender").
CUE_MEANING = {"non-tender": "tender", "nontender": "tender", "painless": "pain"}
_CUE_RE = re.compile(rf"(?<=\s)({POSTFIX_CUES})(?![\w-])(?!\s+(?:of|by|to|text|drainage|flow|fluids?|water|t3|t4)\b)",
                     re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,.;:\n()]|\b(?:and|but|or|with|no|not)\b", re.IGNORECASE)
_SUBJECT_WORDS = 3


def postfix_negations(text: str) -> Iterator[tuple[str, int, int]]:
    """(negated phrase, start, end) for each cue with a subject before it."""
    for cue in _CUE_RE.finditer(text):
        clause_start = _clause_start(text, cue.start())
        subject = text[clause_start : cue.start()].rstrip(" -")
        words = re.findall(r"[A-Za-z][\w/&+-]*", subject)[-_SUBJECT_WORDS:]
        if not words:
            continue
        start = clause_start + subject.find(words[0])
        meaning = CUE_MEANING.get(cue.group(1).casefold(), "")
        yield (" ".join([*words, meaning]), start, cue.end())


def _clause_start(text: str, position: int) -> int:
    starts = [m.end() for m in _CLAUSE_START.finditer(text, max(0, position - 60), position)]
    return starts[-1] if starts else max(0, position - 60)
