"""The vocabulary of the source check: facts found in text, findings shown
to the clinician.  Kept apart from the extractors so the UI, the CLI and the
benchmark depend only on these small types."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class FactKind(StrEnum):
    MEDICATION = "medication"
    DOSE = "dose"
    FREQUENCY = "frequency"
    ROUTE = "route"
    MEASUREMENT = "measurement"
    VITAL = "vital"
    DATE = "date"
    TIME = "time"
    DURATION = "duration"
    LATERALITY = "laterality"
    NEGATION = "negation"


@dataclass(frozen=True)
class Fact:
    """One checkable statement found in a text.

    `key` is the normalised value compared across texts (its shape depends on
    the kind); `anchor` is the medication a dose, frequency or route belongs
    to, when one precedes it in the same sentence, or the body site a side
    belongs to ("wrist" for "left wrist"); `regimen` is the key of the dose a
    route or frequency follows, for a drug given in several regimens.
    """

    kind: FactKind
    text: str
    start: int
    end: int
    key: tuple[Any, ...]
    anchor: str | None = None
    regimen: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class Finding:
    """A draft fact the source notes do not support."""

    kind: FactKind
    text: str
    start: int
    end: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "reason": self.reason,
        }
