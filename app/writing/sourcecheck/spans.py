"""Collects facts from several extractors without double counting: the first
extractor to claim a stretch of text owns it ("58-year-old" is an age, so it
is not also a duration)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from app.writing.sourcecheck.model import Fact


@dataclass
class FactCollector:
    facts: list[Fact] = field(default_factory=list)
    _claimed: list[tuple[int, int]] = field(default_factory=list)

    def is_free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self._claimed)

    def add(self, fact: Fact) -> bool:
        same_span = (fact.start, fact.end) in self._claimed and any(
            f.kind is fact.kind and (f.start, f.end) == (fact.start, fact.end) for f in self.facts
        )
        if not same_span and not self.is_free(fact.start, fact.end):
            return False
        self.facts.append(fact)
        self._claimed.append((fact.start, fact.end))
        return True

    def add_all(self, facts: Iterable[Fact]) -> None:
        for fact in facts:
            self.add(fact)
