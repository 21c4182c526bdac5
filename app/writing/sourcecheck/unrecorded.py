"""Findings a draft reports with a hedge that the notes never mention.

A model that invents a symptom tends to soften it: "he has had some rectal
bleeding", "she reports some difficulty swallowing", "has sometimes been
sick". Such a finding is checked only against the notes' vocabulary: if a
word of the finding appears nowhere in the notes, in any form, nothing there
can support it ("some vaginal spotting" beside "PV bleeding"). A bare
assertion ("reports X", "with X") is not read this way: over the evaluation
sets that flagged every paraphrase a careful draft writes (measured: 11 found
for 818 false flags), while the hedged form kept the paraphrase rate low."""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.writing.sourcecheck.model import FactKind, Finding
from app.writing.sourcecheck.negation import content_words, negated_regions
from app.writing.sourcecheck.spelling import same_or_shortened, same_root

_HEDGED_FINDING = re.compile(
    r"\b(?:has|have|had|reports?|reported|noticed|notices|describes?|described|with|showed"
    r"|shows|was|were|is|are|still|been|having|experiencing|experienced|mentioned"
    r"|apart from|except for)"
    r"\s+(?:had\s+|has\s+|have\s+|been\s+|also\s+)?"
    r"(?:some|occasional|sometimes(?:\s+been)?|intermittent)"
    r"\s+((?:(?:mild|slight|new)\s+)?[a-z][a-z-]+(?:\s+(?!(?:and|or|but|for|with|in|on|at|to"
    r"|from|since|after|before|caused|which|that|when|while|as|so|if|over|during)\b)"
    r"[a-z][a-z-]+)?)",
    re.IGNORECASE,
)
# Words that qualify or place a finding without naming it.
_NOT_A_FINDING = frozenset({"mild", "slight", "new", "time", "day", "days", "week", "weeks",
                            "point", "extent", "left", "right", "bilateral", "side", "sided"})
FINDING_WORD_MIN = 3


def unrecorded_findings(source: str, draft: str) -> Iterator[Finding]:
    notes_words = set(content_words(source))
    sheltered = negated_regions(draft)
    for match in _HEDGED_FINDING.finditer(draft):
        start, end = match.span(1)
        words = [w for w in content_words(match.group(1))
                 if len(w) >= FINDING_WORD_MIN and w not in _NOT_A_FINDING]
        if not words or any(s <= start < e for s, e in sheltered):
            continue
        if not all(_in_notes(word, notes_words) for word in words):
            text = match.group(1)
            yield Finding(FactKind.NEGATION, text, start, end,
                          f"The source notes never mention “{text}”.")


def _in_notes(word: str, notes_words: set[str]) -> bool:
    return any(same_or_shortened(word, w) or same_root(word, w) for w in notes_words)
