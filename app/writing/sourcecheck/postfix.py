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

POSTFIX_CUES = (r"free|nil|negative|neg|absent|-ve|non-tender|nontender|painless|none|excluded"
                r"|ruled out")
# The cue's own meaning added to its subject ("non-tender" is "tender").
CUE_MEANING = {"non-tender": "tender", "nontender": "tender", "painless": "pain"}
# "free of", "free text", "NGT free drainage", "free T4": no negation.
_NOT_AFTER_CUE = r"(?!\s+(?:of|by|to|text|drainage|flow|fluids?|water|t3|t4)\b)"
_CUE_RE = re.compile(rf"(?<=\s)({POSTFIX_CUES})(?![\w-]){_NOT_AFTER_CUE}", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,.;:\n()]|->|→|\b(?:and|but|or|with|no|not)\b", re.IGNORECASE)
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


_WORDS = r"[A-Za-z][\w/&+-]*(?:\s+[A-Za-z][\w/&+-]*){0,2}"
_SAYER = r"(?:witness|pt|patient|mum|dad|mother|father|wife|husband|partner|daughter|son|carer)"
# "?LOC - witness says no", "Hypos: none", "Vomiting? no": a question answered no.
ANSWERED_NO = re.compile(
    rf"(?<![\w/])\??({_WORDS})\s*\??\s*[-–:?]\s*(?:(?:{_SAYER}|says|said|reports?|states?)\s+)"
    r"{0,3}(?:no|none|nil|neg|negative|denie[sd])\b(?!\s+(?:\w+\s+)?(?:and|but)\b)",
    re.IGNORECASE,
)
# "JVP not raised", "abdo not distended": a finding stated as not present.
STATES = (r"raised|elevated|present|seen|palpable|distended|enlarged|tender|dilated|swollen"
          r"|inflamed|displaced|deviated|thickened|red|reduced|increased|bulging|injected")
NOT_STATE = re.compile(
    rf"(?<![\w/])({_WORDS})\s+(?:is\s+|was\s+|are\s+|were\s+)?not\s+({STATES})\b",
    re.IGNORECASE,
)


# Drafts write it in full: "magnesium sulphate not given", "bowels not yet opened".
NOT_DONE = re.compile(
    rf"(?<![\w/])({_WORDS})\s+(?:(?:is|was|were|are|has|have|had)\s+)?(?:been\s+)?not\s+"
    r"(?:yet\s+|been\s+|currently\s+)?(?:given|done|required|needed|started|opened|used"
    r"|performed|administered|seen|present|found|detected|identified|palpable|raised|elevated)\b",
    re.IGNORECASE,
)


_TRAILING_VERB = re.compile(r"(?:\s+(?:is|was|were|are|has|have|had|been))+$", re.IGNORECASE)
_NOT_A_SUBJECT = re.compile(
    r"\b(?:and|or|so|with|but|has|have|had|is|was|were|are|us|you|he|she|they|it|we|i|who"
    r"|that|which|told|says?|said)\b",
    re.IGNORECASE,
)


def stated_absences(text: str) -> Iterator[tuple[str, int, int]]:
    """"X not given": the finding or treatment X, stated as absent (X is
    the words after the last conjunction, pronoun or verb before the cue)."""
    for m in NOT_DONE.finditer(text):
        phrase = _TRAILING_VERB.sub("", m.group(1))  # "buccal midazolam was"
        cuts = list(_NOT_A_SUBJECT.finditer(phrase))
        offset = cuts[-1].end() if cuts else 0
        subject = phrase[offset:].strip()
        if subject:
            start = m.start(1) + m.group(1).index(subject, offset)
            yield (subject, start, m.end())


def answered_negations(text: str) -> Iterator[tuple[str, int, int]]:
    """Questions answered no and findings stated as not present, as notes write them."""
    for m in ANSWERED_NO.finditer(text):
        if _answer_ends(text, m):
            yield (m.group(1), m.start(1), m.end())
    for m in NOT_STATE.finditer(text):
        subject = m.group(1).split()[-1]
        yield (f"{subject} {m.group(2)}", m.start(1), m.end())


_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z]+)")
# "Dissociation: none noted": words that end an answer without naming a finding.
ANSWER_ENDINGS = frozenset({"noted", "seen", "reported", "found", "elicited", "today"})


def _answer_ends(text: str, m: re.Match[str]) -> bool:
    """"Vomiting? no." and "falls? No falls." answer the question; "Knee: no
    warmth" denies warmth, not the knee."""
    following = _NEXT_WORD.match(text, m.end())
    if following is None:
        return True
    word = following.group(1).casefold()
    asked = {w.casefold() for w in re.findall(r"[A-Za-z]+", m.group(1))}
    return word in ANSWER_ENDINGS or word in asked


def _clause_start(text: str, position: int) -> int:
    starts = [m.end() for m in _CLAUSE_START.finditer(text, max(0, position - 60), position)]
    return starts[-1] if starts else max(0, position - 60)
