"""Negated findings compared both ways:

* the draft calls something absent that the source does not call absent
  ("denies chest pain" when the notes say "chest pain");
* the source calls something absent that the draft states as present
  ("reports fever" when the notes say "no fever")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.writing.sourcecheck import acronyms, negation
from app.writing.sourcecheck.model import FactKind, Finding
from app.writing.sourcecheck.spelling import same_or_shortened, same_root, shortens

_TOKEN = re.compile(r"[A-Za-z][A-Za-z/-]*[A-Za-z]|[A-Za-z]")


def negation_findings(source: str, draft: str) -> Iterator[Finding]:
    yield from _unsupported_absences(source, draft)
    yield from _contradicted_absences(source, draft)
    yield from _denied_changes(source, draft)


_NO_CHANGE = re.compile(
    r"\bno (?:changes? (?:in|to)|new changes? (?:in|to)) (?:his |her |their |your |the )?"
    r"([A-Za-z]+)", re.IGNORECASE,
)
# How notes record that something changed: "appetite decr", "appetite up for sweets".
_CHANGED = re.compile(
    r"(?:\b(?:decr|incr|down|up|reduced|increased|decreased|poor|poorer|worse|worsening|better"
    r"|improved|suppress(?:ed|ion)|lost|loss|less|more|diminished)\b|[↑↓])",
    re.IGNORECASE,
)
_STEADY = re.compile(r"\b(?:no change|unchanged|stable|same|normal|ok|fine|good)\b", re.IGNORECASE)
CHANGE_REACH = 25


def _denied_changes(source: str, draft: str) -> Iterator[Finding]:
    """"No change in appetite" where the notes say "appetite decr at lunch"."""
    for m in _NO_CHANGE.finditer(draft):
        subject = negation.content_words(m.group(1))
        if not subject:
            continue
        for word in re.finditer(r"[A-Za-z]+", source):
            if negation.content_words(word.group(0)) != subject:
                continue
            around = _clause_around(source, word.start(), word.end())
            if _CHANGED.search(around) and not _STEADY.search(around):
                text = m.group(0)
                yield Finding(FactKind.NEGATION, text, m.start(), m.end(),
                              f"The draft records “{text}”, but the source notes record a "
                              "change.")
                break


def _clause_around(text: str, start: int, end: int) -> str:
    before = max(text.rfind(mark, max(0, start - CHANGE_REACH), start) for mark in ".;,\n")
    after = [i for i in (text.find(mark, end, end + CHANGE_REACH) for mark in ".;,\n") if i >= 0]
    low = before + 1 if before >= 0 else max(0, start - CHANGE_REACH)
    return text[low : min(after) if after else end + CHANGE_REACH]


@dataclass(frozen=True)
class _AbsenceScope:
    """What one negation in the notes calls absent: its content words and the
    capitalised abbreviations written there."""

    words: frozenset[str]
    acronyms: frozenset[str]

    def covers(self, item: negation.NegatedItem, draft: str) -> bool:
        """Every word of the draft's item is in the scope, spelt out from an
        acronym or shortened to three letters or more ("perceptual abn")."""
        spelt = acronyms.spelt_out(draft, item.start, item.end, self.acronyms)
        return all(
            any(_shortened_in_notes(word, other) for other in self.words)
            for word in item.words - spelt
        )


def _shortened_in_notes(word: str, other: str) -> bool:
    return same_or_shortened(word, other) or same_root(word, other) or (
        len(other) >= NOTE_SHORTENING_MIN and word.startswith(other)
    )


# Under a negation cue a note's three-letter stump names the finding ("no
# perceptual abn"); elsewhere spelling.SHORTENING_MIN applies.
NOTE_SHORTENING_MIN = 3


def _source_absence_scopes(source: str) -> list[_AbsenceScope]:
    scopes = []
    for cue in re.finditer(rf"\b(?:{negation.LIBERAL_CUES})\b", source, re.IGNORECASE):
        end = negation.list_end(source, cue.end())
        prefix = negation.topic_prefix(source, cue.start())
        text = prefix + " " + source[cue.end() : end]
        scopes.append(_AbsenceScope(frozenset(negation.content_words(text)),
                                    acronyms.acronyms_in(text)))
    for item in [*negation.negated_items(source, postfix=True),
                 *negation.stated_absent_items(source)]:
        scopes.append(_AbsenceScope(item.words,
                                    acronyms.acronyms_in(source[item.start : item.end])))
    return scopes


def _unsupported_absences(source: str, draft: str) -> Iterator[Finding]:
    """Every absence the draft states ("no", "denies", "not", "X not given")
    needs an absence in the notes covering it."""
    scopes = _source_absence_scopes(source)
    affirmed_source = _affirmed_words(source)
    stated = list(negation.stated_absent_items(draft))
    said_with_subject = [(i.start, i.end) for i in stated]
    for item in [*negation.negated_items(draft, cues=negation.POLAR_CUES), *stated]:
        if any(scope.covers(item, draft) for scope in scopes):
            continue
        if item not in stated and any(s < item.end and item.start < e
                                      for s, e in said_with_subject):
            continue  # "performed" of "Cholangiogram not performed": read with its subject
        text = draft[item.start : item.end]
        if item.words <= affirmed_source:
            reason = (
                f"The draft records “{text}” as absent, but the source notes record it as present."
            )
        else:
            reason = f"The source notes do not say “{text}” was absent or denied."
        yield Finding(FactKind.NEGATION, text, item.start, item.end, reason)


def _affirmed_words(text: str) -> set[str]:
    regions = negation.negated_regions(text)
    words = set()
    for token in _TOKEN.finditer(text):
        if not any(s <= token.start() < e for s, e in regions):
            words.update(negation.content_words(token.group(0)))
    return words


def _contradicted_absences(source: str, draft: str) -> Iterator[Finding]:
    tokens = _normalised_tokens(draft)
    regions = negation.negated_regions(draft)
    reported: set[tuple[int, int]] = set()
    source_tokens = _normalised_tokens(source)
    source_regions = negation.negated_regions(source)
    for item in negation.negated_items(source, cues=negation.POLAR_CUES, postfix=True):
        if _relative(source, item) or _also_affirmed(source, item, source_tokens, source_regions):
            continue
        for start, end in _mentions(item.words, tokens):
            sheltered = any(s < end and start < e for s, e in regions) or _is_label(draft, end)
            if sheltered or negation._is_conditional(draft, start) or (start, end) in reported:
                continue
            reported.add((start, end))
            text = draft[start:end]
            yield Finding(
                FactKind.NEGATION, text, start, end,
                f"The source notes record “{text}” as absent or denied; the draft states it "
                "as present.",
            )


_RELATIVE = re.compile(r"\s*(?:other|further|additional|more|new)\b", re.IGNORECASE)


def _relative(source: str, item: negation.NegatedItem) -> bool:
    """"No other stones" denies more of something the notes record."""
    return bool(_RELATIVE.match(source, item.start))


def _also_affirmed(
    source: str,
    item: negation.NegatedItem,
    tokens: list[tuple[str, int, int]],
    regions: list[tuple[int, int]],
) -> bool:
    """The notes also state the finding as present ("stone" in "5 mm stone"
    beside "no stone seen"): which one a draft's mention repeats is unknowable."""
    return any(
        not any(s <= start < e for s, e in regions) and not negation._is_conditional(source, start)
        for start, _end in _mentions(item.words, tokens)
    )


def _is_label(text: str, end: int) -> bool:
    """"Plan:" heads a section; it does not state that a plan exists."""
    return text[end : end + 1] == ":"


def _normalised_tokens(text: str) -> list[tuple[str, int, int]]:
    """Content words with their spans; a clause mark (a comma too: "Cough
    improved, no haemoptysis") is "|", which no mention spans."""
    tokens = []
    for match in re.finditer(r"[A-Za-z][A-Za-z/-]*[A-Za-z]|[A-Za-z]|[.;:,\n]", text):
        if match.group(0) in ".;:,\n":
            tokens.append(("|", match.start(), match.end()))
            continue
        following = _NEXT_WORD.match(text, match.end())
        next_word = following.group(1) if following else ""
        for word in negation.content_words(match.group(0), next_word=next_word):
            tokens.append((word, match.start(), match.end()))
    return tokens


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _mentions(
    words: frozenset[str], tokens: list[tuple[str, int, int]]
) -> Iterator[tuple[int, int]]:
    """Places where every item word occurs within a short run of tokens."""
    span = len(words) + 2
    for index, (word, start, _end) in enumerate(tokens):
        if not any(_same_word(word, w) for w in words):
            continue
        window = tokens[index : index + span]
        if "|" in {w for w, _, _ in window}:
            window = window[: [w for w, _, _ in window].index("|")]
        if all(any(_same_word(t, w) for t, _, _ in window) for w in words):
            last = max(e for t, _, e in window if any(_same_word(t, w) for w in words))
            yield (start, last)


def _same_word(text_word: str, item_word: str) -> bool:
    """A draft's word for a finding the notes shortened ("midaz", "benzo") or
    wrote in another form ("syncope" for "syncopal")."""
    return (text_word == item_word or shortens(item_word, text_word)
            or same_root(text_word, item_word)
            or text_word.removesuffix("e") == item_word.removesuffix("e"))  # "wheez(e)"
