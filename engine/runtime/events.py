"""What a generation yields: small frozen events, consumed as a plain iterator.

The UI runs the iterator on a worker thread and the CLI on the main thread;
frozen dataclasses are safe to hand between threads and easy to assert on in
tests.  Analysis and final text arrive as separate event types so a consumer
cannot put reasoning into a draft by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.harmony.events import FinishReason

__all__ = [
    "AnalysisDelta",
    "CommentaryDelta",
    "Done",
    "FinalDelta",
    "FinishReason",
    "GenerationEvent",
    "GenerationStats",
    "PromptProgress",
]


@dataclass(frozen=True)
class PromptProgress:
    """Prompt evaluation progress in tokens (reused prefix counts as done)."""

    done: int
    total: int


@dataclass(frozen=True)
class AnalysisDelta:
    """A piece of the model's reasoning: shown in the reasoning pane only."""

    text: str


@dataclass(frozen=True)
class CommentaryDelta:
    """Text on the commentary channel (tool preambles); never part of a draft."""

    text: str


@dataclass(frozen=True)
class FinalDelta:
    """A piece of the draft itself."""

    text: str


@dataclass(frozen=True)
class GenerationStats:
    """Figures for one generation; times in seconds."""

    prompt_tokens: int
    reused_prompt_tokens: int
    evaluated_prompt_tokens: int
    generated_tokens: int
    time_to_first_token_s: float
    prompt_tokens_per_s: float
    generation_tokens_per_s: float


@dataclass(frozen=True)
class Done:
    """Always the last event of a generation, also after a cancel."""

    finish_reason: FinishReason
    stats: GenerationStats


GenerationEvent = PromptProgress | AnalysisDelta | CommentaryDelta | FinalDelta | Done
