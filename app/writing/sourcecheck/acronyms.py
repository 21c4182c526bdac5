"""Notes abbreviate a finding by its initials ("no FTD", "PONV nil", "No
sexual SEs") where a draft spells it out ("no formal thought disorder").

A table of clinical abbreviations never ends, so instead of listing them an
acronym the notes write in capitals stands for any run of draft words whose
initials spell it. Only capitals count: lower-case "it" or "me" in a note
are words, not abbreviations.
"""

from __future__ import annotations

import re

from app.writing.sourcecheck.negation import content_words

_ACRONYM = re.compile(r"\b([A-Z]{2,5})s?\b")
_WORD = re.compile(r"[A-Za-z]+")
# Joining words an acronym leaves out: "nausea and vomiting" is "NV".
_SKIPPED = {"and", "of", "or", "the", "to", "in", "with"}
_SENTENCE_BREAK = re.compile(r"[.;:\n]")


def acronyms_in(text: str) -> frozenset[str]:
    """The capitalised abbreviations of a stretch of notes, lower-cased, a
    plural "s" dropped ("SEs" is "se")."""
    return frozenset(match.group(1).casefold() for match in _ACRONYM.finditer(text))


def acronym_runs(
    text: str, acronyms: frozenset[str], *, start: int = 0, end: int | None = None
) -> list[tuple[str, int, int]]:
    """(acronym, start, end) of each run of words in text[start:end] whose
    initials spell one of `acronyms`, inside one sentence."""
    if not acronyms:
        return []
    every = list(_WORD.finditer(text, start, len(text) if end is None else end))
    runs = []
    # "NV" leaves out the "and" of "nausea and vomiting"; "LOF" keeps the "of"
    for words in ([m for m in every if m.group(0).casefold() not in _SKIPPED], every):
        initials = "".join(m.group(0)[0].casefold() for m in words)
        for acronym in acronyms:
            first = initials.find(acronym)
            while first >= 0:
                run = words[first : first + len(acronym)]
                if not _SENTENCE_BREAK.search(text, run[0].start(), run[-1].end()):
                    runs.append((acronym, run[0].start(), run[-1].end()))
                first = initials.find(acronym, first + 1)
    return runs


def spelt_out(text: str, start: int, end: int, acronyms: frozenset[str]) -> frozenset[str]:
    """Content words of runs of words whose initials spell one of
    `acronyms` and which overlap text[start:end], read within its sentence:
    "auditory" in "no auditory or visual hallucinations" is spelt out by "AVH"."""
    sentence_start = max(text.rfind(mark, 0, start) for mark in ".;\n") + 1
    sentence_end = min((i for i in (text.find(m, end) for m in ".;\n") if i >= 0),
                       default=len(text))
    found: set[str] = set()
    for _acronym, run_start, run_end in acronym_runs(text, acronyms, start=sentence_start,
                                                     end=sentence_end):
        if run_start < end and run_end > start:
            found.update(content_words(" ".join(
                w for w in _WORD.findall(text, run_start, run_end) if w.casefold() not in _SKIPPED
            )))
    return frozenset(found)
